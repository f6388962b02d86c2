"""The ecosystem map image of the report: the web map's marks, inside the page, the same every
time."""

from __future__ import annotations

import re

import pandas as pd

from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot, example_snapshot
from s3atlas.publish.mapimage import (
    HEIGHT,
    LABEL_ALL,
    WIDTH,
    legend_items,
    map_svg,
    node_positions,
    unnamed_count,
)
from s3atlas.viz.network import add_gaps, network_elements


def _with_partner() -> EcosystemSnapshot:
    """The example map, and KUKA (an external partner from Germany) linked to Umeå universitet."""
    snap = example_snapshot()
    partner = {"actor_id": "kuka", "name": "KUKA", "kind": "firm", "external": True}
    actors = pd.concat([snap.actors, pd.DataFrame([partner])], ignore_index=True)
    link = pd.DataFrame([("umu", "kuka", "collaboration")], columns=snap.links.columns)
    links = pd.concat([snap.links, link], ignore_index=True)
    members = pd.DataFrame([("skog", "norra")], columns=["area_id", "actor_id"])
    frames = {n: getattr(snap, n) for n in ("areas", "functions", "phases", "provisions")}
    return EcosystemSnapshot.from_frames(
        "24", "Västerbotten", None, actors=actors, links=links, members=members, **frames
    )


def _elements() -> dict:
    elements = network_elements(_with_partner(), "skog", lang="en")
    return add_gaps(elements, "skog", ["no incubator"], "en")


def test_every_node_of_the_map_is_drawn_inside_the_image_with_its_label():
    elements = _elements()
    svg = map_svg(elements, "Skoglig bioekonomi")
    positions = node_positions(elements)
    assert set(positions) == {n["data"]["id"] for n in elements["nodes"]}
    assert all(0 < x < WIDTH and 0 < y < HEIGHT for x, y in positions.values())
    labels = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    assert len(labels) == len(elements["nodes"])
    assert "Skoglig bioekonomi" in labels and "no incubator" in labels


def test_a_crowded_map_names_all_but_its_partners_and_says_how_many_it_leaves_unnamed():
    snap = _with_partner()
    extra = pd.DataFrame(
        [
            {"actor_id": f"p{i}", "name": f"Partner {i}", "kind": "firm", "external": True}
            for i in range(LABEL_ALL)
        ]
    )
    links = pd.DataFrame(
        [("umu", f"p{i}", "collaboration") for i in range(LABEL_ALL)], columns=snap.links.columns
    )
    frames = {
        n: getattr(snap, n) for n in ("areas", "functions", "phases", "provisions", "members")
    }
    crowded = EcosystemSnapshot.from_frames(
        "24",
        "Västerbotten",
        None,
        actors=pd.concat([snap.actors, extra], ignore_index=True),
        links=pd.concat([snap.links, links], ignore_index=True),
        **frames,
    )
    elements = network_elements(crowded, "skog", lang="en")
    labels = re.findall(r"<text[^>]*>(.*?)</text>", map_svg(elements, "m"))
    partners = LABEL_ALL + 1  # the twenty added and KUKA
    assert "Partner 3" not in labels and "KUKA" not in labels
    assert "Umeå universitet" in labels and "Skoglig bioekonomi" in labels
    assert unnamed_count(elements) == partners + sum(
        "context" in n["classes"].split() for n in elements["nodes"]
    )
    assert len(labels) == len(elements["nodes"]) - unnamed_count(elements)


def test_the_marks_are_those_of_the_web_map():
    svg = map_svg(_elements(), "map")
    # the external partner: a pentagon (five corners) with a dotted outline
    pentagons = [
        p
        for p in re.findall(r'<polygon points="([^"]+)"[^>]*stroke-dasharray', svg)
        if len(p.split()) == 5
    ]
    assert len(pentagons) == 1
    assert svg.count('stroke="#B2182B" stroke-width="2.5"/>') >= 1  # the gap's red octagon
    assert 'stroke-dasharray="6 4"' in svg  # provides: dashed in the function's colour


def test_the_legend_has_a_line_for_the_external_partner_and_each_mark_drawn():
    items = legend_items(_elements())
    labels = [i["label"] for i in items]
    assert any(label.startswith("Pentagon: external partner") for label in labels)
    assert "University" in labels  # the actor kinds
    assert any(label.startswith("Red octagon: a gap") for label in labels)
    assert all(i["svg"].startswith("<svg") for i in items)


def test_the_same_map_gives_the_same_image():
    assert map_svg(_elements(), "m") == map_svg(_elements(), "m")


def test_names_are_escaped():
    elements = network_elements(example_snapshot(), "skog", lang="en")
    elements["nodes"][0]["data"]["label"] = "<script>x</script>"
    svg = map_svg(elements, 'a "title"')
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert 'aria-label="a &quot;title&quot;"' in svg

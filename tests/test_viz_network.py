"""Cytoscape elements of an ecosystem: actors by kind, functions by function, hubs, and the area
filter."""

from __future__ import annotations

import pytest

from s3atlas.ecosystem.store.snapshot import example_snapshot
from s3atlas.errors import NotFoundError
from s3atlas.viz.network import function_colors, network_elements, network_table
from s3atlas.viz.palette import KIND_COLORS


def _nodes(elements, kind):
    return {n["data"]["id"]: n["data"] for n in elements["nodes"] if n["data"]["type"] == kind}


def test_every_actor_is_a_node_coloured_by_its_kind():
    snap = example_snapshot()
    actors = _nodes(network_elements(snap, lang="en"), "actor")
    assert set(actors) == {f"a:{a}" for a in snap.actors.actor_id}
    assert actors["a:umu"]["color"] == KIND_COLORS["university"]
    assert actors["a:region"]["kind_label"] == "Region"


def test_function_nodes_and_provides_edges_share_the_function_colour():
    snap = example_snapshot()
    elements = network_elements(snap, lang="sv")
    colours = function_colors(snap)
    functions = _nodes(elements, "function")
    assert functions["f:strategic_financing"]["color"] == colours["strategic_financing"]
    edge = next(
        e["data"] for e in elements["edges"] if e["data"]["id"] == "p:region:strategic_financing"
    )
    assert (edge["source"], edge["target"], edge["color"]) == (
        "a:region",
        "f:strategic_financing",
        colours["strategic_financing"],
    )


def test_area_network_holds_its_providers_and_their_direct_links_only():
    elements = network_elements(example_snapshot(), area_id="skog", lang="en")
    actors = _nodes(elements, "actor")
    # serve Skoglig bioekonomi: region (all areas), inno (all areas), skogsklustret, umu;
    # linked to them: almi, norra, lundstrom, testbed
    assert {"a:region", "a:inno", "a:skogsklustret", "a:umu"} <= set(actors)
    assert actors["a:norra"]["serves_area"] is False
    assert "f:test_demo" not in _nodes(elements, "function")


def test_single_points_of_failure_are_marked_as_hubs():
    actors = _nodes(network_elements(example_snapshot(), lang="en"), "actor")
    assert actors["a:region"]["hub"] is True and "hub" in next(
        n["classes"]
        for n in network_elements(example_snapshot(), lang="en")["nodes"]
        if n["data"]["id"] == "a:region"
    )
    assert actors["a:lundstrom"]["hub"] is False


def test_links_between_actors_are_edges_with_their_kind_in_words():
    edges = [
        e["data"]
        for e in network_elements(example_snapshot(), lang="sv")["edges"]
        if e["data"]["type"] == "link"
    ]
    assert len(edges) == 8
    assert {e["label"] for e in edges} >= {"Finansiering", "Medlemskap"}


def test_function_provided_by_nobody_named_is_flagged():
    functions = _nodes(network_elements(example_snapshot(), area_id="digi", lang="en"), "function")
    assert functions["f:cluster_management"]["unnamed"] is True


def test_unknown_area_is_not_found():
    with pytest.raises(NotFoundError, match="inget sådant styrkeområde"):
        network_elements(example_snapshot(), area_id="nope", lang="en")


def test_network_table_lists_actors_most_linked_first():
    table = network_table(network_elements(example_snapshot(), lang="en"), lang="en")
    assert table.iloc[0]["Actor"] == "Region Västerbotten" and table.iloc[0]["Links"] == 4


def test_members_of_an_area_are_drawn_tied_to_the_area_without_a_function():
    import pandas as pd

    from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot
    from s3atlas.viz.network import network_elements

    snap = EcosystemSnapshot.from_frames(
        "24",
        "Västerbotten",
        areas=pd.DataFrame({"area_id": ["1", "2"], "name": ["Skog", "Life"]}),
        actors=pd.DataFrame(
            {"actor_id": ["a", "b"], "name": ["Sågverket AB", "Labbet AB"], "kind": ["firm"] * 2}
        ),
        members=pd.DataFrame({"area_id": ["1", "2"], "actor_id": ["a", "b"]}),
    )
    els = network_elements(snap, "1", lang="sv")
    actors = [n["data"]["label"] for n in els["nodes"] if n["data"]["type"] == "actor"]
    assert actors == ["Sågverket AB"]  # the other area's member is not drawn here
    member_edges = [(e["data"]["source"], e["data"]["target"]) for e in els["edges"]]
    assert member_edges == [("a:a", "s:1")]
    assert [m["mark"] for m in els["legend"]["marks"]] == ["area", "member"]
    assert "context" not in els["nodes"][0]["classes"]  # a member is not drawn faded


def test_a_member_of_an_unknown_area_is_refused_naming_the_value():
    import pandas as pd

    from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot
    from s3atlas.errors import InputError

    with pytest.raises(InputError, match="9"):
        EcosystemSnapshot.from_frames(
            "24",
            "Västerbotten",
            areas=pd.DataFrame({"area_id": ["1"], "name": ["Skog"]}),
            actors=pd.DataFrame({"actor_id": ["a"], "name": ["Sågverket AB"], "kind": ["firm"]}),
            members=pd.DataFrame({"area_id": ["9"], "actor_id": ["a"]}),
        )


def _with_external_partner():
    import pandas as pd

    from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot

    snap = example_snapshot()
    partner = {"actor_id": "kuka", "name": "KUKA", "kind": "firm", "external": True}
    actors = pd.concat([snap.actors, pd.DataFrame([partner])], ignore_index=True)
    link = pd.DataFrame([("umu", "kuka", "collaboration")], columns=snap.links.columns)
    frames = {n: getattr(snap, n) for n in ("areas", "functions", "phases", "provisions")}
    return EcosystemSnapshot.from_frames(
        "24",
        "Västerbotten",
        None,
        actors=actors,
        links=pd.concat([snap.links, link], ignore_index=True),
        **frames,
    )


def test_an_external_partner_is_drawn_apart_with_its_legend_line():
    # KUKA shares a project with Umeå universitet, which serves "skog": it is in the area's
    # system as a partner of another region, not as a pale context actor of the region.
    elements = network_elements(_with_external_partner(), "skog", lang="en")
    nodes = {n["data"]["id"]: n for n in elements["nodes"]}
    assert "external" in nodes["a:kuka"]["classes"].split()
    assert "context" not in nodes["a:kuka"]["classes"].split()
    assert nodes["a:kuka"]["data"]["external"] is True
    assert "external" not in nodes["a:umu"]["classes"].split()
    marks = {m["mark"]: m["label"] for m in elements["legend"]["marks"]}
    assert marks["external"].startswith("Pentagon: external partner from another region")


def test_the_web_map_draws_external_partners_as_pentagons():
    from s3atlas.web.app import STATIC_DIR

    script = (STATIC_DIR / "js" / "app.js").read_text(encoding="utf-8")
    rule = script.split('selector: "node.actor.external"', 1)[1].split("}", 1)[0]
    assert '"shape": "pentagon"' in rule
    assert ".mark-external" in (STATIC_DIR / "css" / "pages.css").read_text(encoding="utf-8")

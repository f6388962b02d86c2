"""Analyses of an ecosystem snapshot: common/unique, coverage and gaps, network."""

from __future__ import annotations

import pandas as pd
import pytest

from s3atlas.ecosystem.analysis.coverage import coverage_by_phase, find_gaps
from s3atlas.ecosystem.analysis.functions import classify_actors, classify_functions, classify_share
from s3atlas.ecosystem.analysis.network import (
    cross_links,
    network_measures,
    orchestrator_candidates,
)
from s3atlas.ecosystem.labels import gap_label, gaps_in_words, reasons_label
from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot, example_snapshot
from s3atlas.errors import InputError, NotFoundError


def _two_areas(provisions: list[tuple], links: list[tuple] = ()) -> EcosystemSnapshot:
    base = example_snapshot()
    return EcosystemSnapshot.from_frames(
        "24",
        "Västerbotten",
        areas=pd.DataFrame({"area_id": ["a", "b"], "name": ["Skog", "Life"]}),
        actors=pd.DataFrame(
            {"actor_id": ["x", "y", "z", "w"], "name": ["X", "Y", "Z", "W"], "kind": ["firm"] * 4}
        ),
        functions=base.functions,
        phases=base.phases,
        provisions=pd.DataFrame(
            provisions,
            columns=["provision_id", "actor_id", "function_code", "area_id", "phase_code"],
        ),
        links=pd.DataFrame(list(links), columns=["source_id", "target_id", "kind"]),
    )


def test_share_classes_follow_the_threshold():
    assert classify_share(7, 9, 0.75) == "near_common"
    assert classify_share(6, 9, 0.75) == "shared"  # 6/9 = 0.67 < 0.75
    with pytest.raises(InputError, match=r"^Tröskel, värde 0: ") as refused:
        classify_share(1, 2, 0)
    assert refused.value.column == "threshold"  # the code stays for scripts


def test_function_without_area_serves_every_area_and_names_its_actors():
    out = classify_functions(example_snapshot()).set_index("function_code")
    assert out.loc["strategic_financing", "class"] == "common"
    assert out.loc["strategic_financing", "actors"] == "Region Västerbotten"
    assert out.loc["innovation_office", "n_areas"] == 3
    assert out.loc["test_demo", "class"] == "unique"
    assert out.loc["test_demo", "areas"] == "Digitalisering"
    assert out.loc["cluster_management", "unnamed"] == 1


def test_actor_serving_two_of_three_areas_is_shared():
    out = classify_actors(example_snapshot()).set_index("actor_id")
    assert out.loc["umu", "class"] == "shared"
    assert out.loc["umu", "areas"] == "Life Science; Skoglig bioekonomi"


def test_coverage_counts_distinct_functions_per_phase():
    m = coverage_by_phase(example_snapshot()).set_index("area_id")
    # skog, idea: strategic_financing (all), innovation_office (all areas), cluster (all phases),
    # incubation
    assert int(m.loc["skog", "idea"]) == 4
    assert list(m.columns[1:4]) == ["idea", "verification", "development"]


def test_financing_only_in_the_early_phase_is_a_gap():
    snap = _two_areas(
        [
            ("p1", "x", "funding_agencies", "b", "idea"),
            ("p2", "y", "strategic_financing", "a", None),
        ]
    )
    gaps = find_gaps(snap)
    assert ("Life", "financing_only_early") in zip(gaps.area, gaps.rule, strict=True)
    assert gap_label("financing_only_early", None, snap, "en") == (
        "financing missing after the early phase"
    )
    assert gap_label("financing_only_early", None, snap, "sv") == (
        "finansiering saknas efter tidig fas"
    )
    assert not (gaps.area == "Skog").loc[gaps.rule == "financing_only_early"].any()


def test_empty_phase_names_the_phase():
    snap = _two_areas([("p1", "x", "cluster_management", "a", "idea")])
    gaps = find_gaps(snap, area="Skog")
    assert ("empty_phase", "verification") in zip(gaps.rule, gaps.phase_code, strict=True)
    words = gaps_in_words(gaps, snap, "en").gap.tolist()
    assert "no support functions in the phase Verification" in words


def test_gap_results_hold_codes_not_words():
    gaps = find_gaps(example_snapshot(), area="Life Science")
    assert gaps.columns.tolist() == ["area_id", "area", "rule", "phase_code", "evidence"]
    assert gaps.rule.tolist()[:2] == ["no_cluster_management", "no_early_excellence"]


def test_unknown_area_is_not_found():
    with pytest.raises(NotFoundError, match="kända: Skoglig"):
        find_gaps(example_snapshot(), area="Rymd")


def test_links_between_actors_of_different_areas_cross():
    snap = _two_areas(
        [
            ("p1", "x", "incubation", "a", None),
            ("p2", "y", "incubation", "b", None),
            ("p3", "z", "incubation", None, None),
        ],
        links=[("x", "y", "collaboration"), ("x", "z", "supply")],
    )
    row = cross_links(snap).iloc[0]
    assert (row.shared_actors, row.crossing_links, row.shared, row.crossing) == (1, 1, "Z", "X – Y")


def test_a_path_has_its_middle_as_articulation_point_and_broker():
    # x – y – z and isolated w: y lies on the shortest path of 1 of the (4-1)(4-2)/2 = 3 other pairs
    snap = _two_areas(
        [("p1", "x", "incubation", "a", None), ("p2", "z", "incubation", "b", None)],
        links=[("x", "y", "collaboration"), ("y", "z", "collaboration")],
    )
    m = network_measures(snap).set_index("actor_id")
    assert m.loc["y", "betweenness"] == pytest.approx(1 / 3)
    assert bool(m.loc["y", "articulation"]) and m.loc["y", "splits_into"] == 2
    assert bool(m.loc["y", "broker"])
    assert m.loc["w", "degree"] == 0


def test_orchestrator_reasons_say_why():
    top = orchestrator_candidates(example_snapshot(), top=1).iloc[0]
    assert top["name"] == "Region Västerbotten"
    assert top.reasons.split(";") == ["degree", "betweenness", "articulation", "areas", "role"]
    assert "without it the network splits into 4 parts" in reasons_label(top, "en")
    assert "verkar i 3 av 3 styrkeområden" in reasons_label(top, "sv")

"""Cytoscape elements of a cluster's interaction network (viz/cluster_network.py), on invented
actors: two firms, a university and the cluster organisation; links firm–firm and cluster–firm."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from s3atlas.clusters.interaction import build_network
from s3atlas.errors import InputError
from s3atlas.viz.cluster_network import GROUP_COLORS, STATUS_COLORS, cluster_network_elements
from s3atlas.viz.palette import GAP_COLOR


@pytest.fixture
def graph():  # type: ignore[no-untyped-def]
    actors = pd.DataFrame(
        {
            "id": ["cluster", "f1", "f2", "uni"],
            "name": ["Testkluster A", "Testfirma Ett", "Testfirma Två", "Testuniversitetet"],
            "kind": ["cluster_organisation", "firm", "firm", "university"],
        }
    )
    links = pd.DataFrame(
        {"source": ["f1", "cluster", "f2"], "target": ["f2", "f1", "f1"], "weight": [1, 1, 2]}
    )
    return build_network(actors, links)


def _by_id(items):  # type: ignore[no-untyped-def]
    return {i["data"]["id"]: i for i in items}


def test_actor_nodes_are_coloured_by_group_and_edges_carry_the_summed_weight(graph) -> None:  # type: ignore[no-untyped-def]
    els = cluster_network_elements(graph, lang="en")
    nodes = _by_id(els["nodes"])
    assert nodes["a:uni"]["data"]["color"] == GROUP_COLORS["academia"]
    assert nodes["a:cluster"]["data"]["kind_label"] == "Support organisations"
    assert "actor" in nodes["a:f1"]["classes"].split()
    # f1–f2 is given twice (1 + 2): one edge of weight 3, width 1.5 + 1.5 · (3 − 1) = 4.5
    edge = next(
        e["data"]
        for e in els["edges"]
        if {e["data"]["source"], e["data"]["target"]} == {"a:f1", "a:f2"}
    )
    assert (edge["weight"], edge["width"]) == (3.0, 4.5)
    assert len(els["edges"]) == 2
    assert [k["code"] for k in els["legend"]["kinds"]] == ["firms", "academia", "support"]


def test_group_view_shows_missing_pairs_dashed_in_the_gap_colour(graph) -> None:  # type: ignore[no-untyped-def]
    els = cluster_network_elements(graph, by="group", lang="sv")
    edges = _by_id(els["edges"])
    # firms 2, academia 1, support 1, public sector 0:
    # firms–firms 1 of 2·1/2 = 1 → ok; firms–support 1 of 2·1 = 2 → 0.5 ok;
    # firms–academia 0 of 2 → missing; academia–support 0 of 1 → missing; pairs with public absent.
    assert {i: e["data"]["status"] for i, e in edges.items()} == {
        "g:firms:firms": "ok",
        "g:firms:academia": "missing",
        "g:firms:support": "ok",
        "g:academia:support": "missing",
    }
    missing = edges["g:firms:academia"]
    assert missing["classes"].split() == ["provides", "gap", "gap-missing"]
    assert missing["data"]["color"] == GAP_COLOR and missing["data"]["label"] == "Saknas"
    assert edges["g:firms:support"]["data"]["strength"] == pytest.approx(0.5)
    assert edges["g:firms:support"]["classes"] == "link"


def test_a_group_without_actors_is_drawn_faded_and_dashed(graph) -> None:  # type: ignore[no-untyped-def]
    nodes = _by_id(cluster_network_elements(graph, by="group", lang="en")["nodes"])
    assert list(nodes) == ["g:firms", "g:academia", "g:public_sector", "g:support"]
    assert nodes["g:public_sector"]["classes"].split() == ["actor", "group", "context", "absent"]
    assert nodes["g:firms"]["data"]["label"] == "Firms (2)"


def test_a_higher_threshold_turns_a_thin_pair_weak(graph) -> None:  # type: ignore[no-untyped-def]
    edges = _by_id(cluster_network_elements(graph, by="group", weak_below=0.6, lang="sv")["edges"])
    weak = edges["g:firms:support"]  # density 0.5 < 0.6
    assert weak["data"]["status"] == "weak" and "gap-weak" in weak["classes"]
    assert weak["data"]["color"] == STATUS_COLORS["weak"]


def test_elements_are_plain_json_for_the_page(graph) -> None:  # type: ignore[no-untyped-def]
    for by in ("actor", "group"):
        assert json.loads(json.dumps(cluster_network_elements(graph, by=by, lang="sv")))["nodes"]


def test_an_unknown_view_is_refused(graph) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match="per aktör eller per grupp"):
        cluster_network_elements(graph, by="kind", lang="sv")  # type: ignore[arg-type]

"""Who holds the ecosystem together: network measures, cross-links and stakeholder quadrants.

The actor network is undirected: actors are nodes, links (of any kind) are
edges; several links between the same two actors are one edge with weight =
their number. Measures (networkx):

* degree and degree centrality (degree / (n − 1));
* betweenness centrality (Freeman 1977, "A set of measures of centrality
  based on betweenness", *Sociometry* 40; Brandes 2001 algorithm),
  normalised by (n − 1)(n − 2)/2;
* articulation points – single points of failure whose removal splits the
  network (Hopcroft & Tarjan 1973) – and bridges, edges whose removal does;
* brokers: betweenness > 0, at or above the ``broker_quantile`` of all
  actors' betweenness, with neighbours in two or more strength areas.

Orchestrator candidates answer the seed's question "Vem håller ihop ett
ekosystem? Klusterledare? Science Park? Regionen?" with a transparent score:
the weighted mean of min–max-normalised degree, betweenness, share of
strength areas served, articulation (0/1) and orchestrating role (0/1 for
:data:`ORCHESTRATING_KINDS`), weights in :data:`ORCHESTRATOR_WEIGHTS`.

Stakeholder quadrants follow Mendelow's power–interest grid (Mendelow 1991,
"Stakeholder mapping", *Proceedings of the 2nd International Conference on
Information Systems*), on the 1–5 scales of the map.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import combinations
from typing import Any

import networkx as nx
import pandas as pd
from pandas.api.typing import NAType

from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot

__all__ = [
    "ORCHESTRATING_KINDS",
    "ORCHESTRATOR_WEIGHTS",
    "QUADRANTS",
    "actor_areas",
    "actor_graph",
    "cross_links",
    "network_measures",
    "orchestrator_candidates",
    "stakeholder_quadrants",
]

ORCHESTRATING_KINDS = ("cluster_organisation", "science_park", "region")
"""Actor kinds the seed names as possible orchestrators."""

ORCHESTRATOR_WEIGHTS: dict[str, float] = {
    "degree": 1.0,
    "betweenness": 1.0,
    "areas": 1.0,
    "articulation": 0.5,
    "role": 0.5,
}
"""Weights of the orchestrator score's parts."""

QUADRANTS: tuple[str, ...] = ("key_player", "keep_satisfied", "keep_informed", "monitor", "unknown")
"""The stakeholder quadrant codes; the words are :func:`s3atlas.ecosystem.labels.quadrant_label`."""


def actor_areas(snapshot: EcosystemSnapshot) -> dict[str, set[str]]:
    """Map actor_id → the strength areas its provisions serve (NA area = all).

    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> sorted(actor_areas(example_snapshot())["umu"])
    ['life', 'skog']
    """
    prov = snapshot.expanded_provisions().dropna(subset=["actor_id"])
    out: dict[str, set[str]] = {a: set() for a in snapshot.actors.actor_id}
    for actor, area in zip(prov.actor_id, prov.area_id, strict=True):
        out.setdefault(actor, set()).add(area)
    return out


def actor_graph(snapshot: EcosystemSnapshot) -> nx.Graph:
    """Return the undirected actor network with ``name``, ``kind`` and ``areas`` on nodes.

    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> g = actor_graph(example_snapshot())
    >>> g.number_of_nodes(), g.number_of_edges()
    (8, 8)
    """
    areas = actor_areas(snapshot)
    graph = nx.Graph()
    # itertuples rows: pandas-stubs types each field as any scalar; the id, name and kind columns
    # of the snapshot are text (see snapshot.py)
    actor: Any
    link: Any
    for actor in snapshot.actors.itertuples(index=False):
        graph.add_node(
            actor.actor_id, name=actor.name, kind=actor.kind, areas=areas.get(actor.actor_id, set())
        )
    for link in snapshot.links.itertuples(index=False):
        if link.source_id == link.target_id:
            continue
        if graph.has_edge(link.source_id, link.target_id):
            data = graph.edges[link.source_id, link.target_id]
            data["weight"] += 1
            data["kinds"] = ";".join(sorted(set(data["kinds"].split(";")) | {link.kind}))
        else:
            graph.add_edge(link.source_id, link.target_id, weight=1, kinds=link.kind)
    return graph


def _split_count(graph: nx.Graph, node: str) -> int:
    """Number of parts the node's component falls into without it."""
    rest = nx.node_connected_component(graph, node) - {node}
    return nx.number_connected_components(graph.subgraph(rest)) if rest else 0


_MEASURE_COLUMNS = [
    "actor_id",
    "name",
    "kind",
    "degree",
    "degree_centrality",
    "betweenness",
    "articulation",
    "splits_into",
    "bridges",
    "n_areas",
    "neighbour_areas",
]
"""The columns :func:`network_measures` computes per actor (``broker`` follows from them)."""


def _bridge_count(graph: nx.Graph) -> dict[str, int]:
    """Number of bridges (edges whose removal splits a component) at each node."""
    bridge_count = {n: 0 for n in graph}
    for u, v in nx.bridges(graph):
        bridge_count[u] += 1
        bridge_count[v] += 1
    return bridge_count


def network_measures(snapshot: EcosystemSnapshot, broker_quantile: float = 0.75) -> pd.DataFrame:
    """Degree, betweenness, articulation points, bridges and brokers of every actor.

    Returns
    -------
    DataFrame
        ``actor_id, name, kind, degree, degree_centrality, betweenness,
        articulation, splits_into, bridges, n_areas, neighbour_areas,
        broker``, sorted by betweenness then degree. ``splits_into`` is how
        many parts the actor's component falls into without it (≥ 2 for an
        articulation point).

    Examples
    --------
    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> m = network_measures(example_snapshot()).set_index("actor_id")
    >>> r = m.loc["region"]
    >>> int(r["degree"]), bool(r["articulation"]), int(r["splits_into"])
    (4, True, 4)

    Without the region the parts have 3, 2, 1 and 1 actors, so it lies on
    every shortest path of 3·2 + 3·1 + 3·1 + 2·1 + 2·1 + 1·1 = 17 of the
    7·6/2 = 21 pairs of other actors:

    >>> round(float(m.loc["region", "betweenness"]), 4), round(17 / 21, 4)
    (0.8095, 0.8095)
    """
    graph = actor_graph(snapshot)
    betweenness = nx.betweenness_centrality(graph, normalized=True)
    centrality = nx.degree_centrality(graph) if len(graph) > 1 else {n: 0.0 for n in graph}
    cut_points = set(nx.articulation_points(graph))
    bridge_count = _bridge_count(graph)
    rows = []
    for node, data in graph.nodes(data=True):
        neighbour_areas = (
            set().union(*(graph.nodes[n]["areas"] for n in graph[node])) if graph[node] else set()
        )
        rows.append(
            {
                "actor_id": node,
                "name": data["name"],
                "kind": data["kind"],
                "degree": graph.degree(node),
                "degree_centrality": centrality[node],
                "betweenness": betweenness[node],
                "articulation": node in cut_points,
                "splits_into": _split_count(graph, node) if node in cut_points else 0,
                "bridges": bridge_count[node],
                "n_areas": len(data["areas"]),
                "neighbour_areas": len(neighbour_areas),
            }
        )
    frame = pd.DataFrame(rows, columns=_MEASURE_COLUMNS)
    cut = frame.betweenness.quantile(broker_quantile) if len(frame) else 0.0
    frame["broker"] = (
        (frame.betweenness > 0) & (frame.betweenness >= cut) & (frame.neighbour_areas >= 2)
    )
    return frame.sort_values(["betweenness", "degree"], ascending=False, kind="stable").reset_index(
        drop=True
    )


def cross_links(snapshot: EcosystemSnapshot) -> pd.DataFrame:
    """Pairs of strength-area systems and what connects them.

    A *shared actor* serves both areas. A *crossing link* joins an actor that
    serves one area but not the other to one that serves the other but not
    the first.

    Returns
    -------
    DataFrame
        ``area_a, area_b, shared_actors, crossing_links, shared, crossing``
        (names joined with ``; ``), one row per pair of areas.

    Examples
    --------
    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> x = cross_links(example_snapshot()).set_index(["area_a", "area_b"])
    >>> int(x.loc[("Skoglig bioekonomi", "Life Science"), "shared_actors"])
    3
    """
    areas = actor_areas(snapshot)
    names = snapshot.actor_names()
    area_names = snapshot.area_names()
    rows = []
    link: Any  # an itertuples row; source_id and target_id are text actor ids
    for a, b in combinations(list(snapshot.areas.area_id), 2):
        shared = sorted(names[x] for x, s in areas.items() if {a, b} <= s)
        crossing = []
        for link in snapshot.links.itertuples(index=False):
            su, sv = areas.get(link.source_id, set()), areas.get(link.target_id, set())
            one_way = a in su and b not in su and b in sv and a not in sv
            other_way = b in su and a not in su and a in sv and b not in sv
            if one_way or other_way:
                crossing.append(f"{names[link.source_id]} – {names[link.target_id]}")
        rows.append(
            (
                area_names[a],
                area_names[b],
                len(shared),
                len(crossing),
                "; ".join(shared),
                "; ".join(crossing),
            )
        )
    return pd.DataFrame(
        rows, columns=["area_a", "area_b", "shared_actors", "crossing_links", "shared", "crossing"]
    )


def _minmax(series: pd.Series) -> pd.Series:
    span = series.max() - series.min() if len(series) else 0
    return (series - series.min()) / span if span else series * 0.0


def _reasons(row: pd.Series) -> str:
    """The codes of what makes an actor a candidate, joined with ``;``."""
    found = [
        ("degree", bool(row.degree)),
        ("betweenness", row.betweenness > 0),
        ("articulation", bool(row.articulation)),
        ("areas", bool(row.n_areas)),
        ("role", row.kind in ORCHESTRATING_KINDS),
    ]
    return ";".join(code for code, holds in found if holds)


def orchestrator_candidates(
    snapshot: EcosystemSnapshot,
    top: int | None = 5,
    weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Rank the actors who could hold the ecosystem together, with reasons.

    score = Σ_k w_k x_k / Σ_k w_k over k ∈ {degree, betweenness, areas,
    articulation, role}; degree, betweenness and area count are min–max
    normalised across actors.

    Returns
    -------
    DataFrame
        ``rank, actor_id, name, kind, score, reasons, degree, betweenness,
        splits_into, n_areas, n_actors, n_strength_areas`` for the *top* actors
        (all when None). ``reasons`` are codes joined with ``;`` (``degree``,
        ``betweenness``, ``articulation``, ``areas``, ``role``), the rest their
        evidence; the words are :func:`s3atlas.ecosystem.labels.reasons_label`.

    Examples
    --------
    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> orchestrator_candidates(example_snapshot(), top=2).name.tolist()
    ['Region Västerbotten', 'Skogsklustret']
    """
    weights = dict(ORCHESTRATOR_WEIGHTS if weights is None else weights)
    m = network_measures(snapshot)
    parts = {
        "degree": _minmax(m.degree.astype(float)),
        "betweenness": _minmax(m.betweenness),
        "areas": _minmax(m.n_areas.astype(float)),
        "articulation": m.articulation.astype(float),
        "role": m.kind.isin(ORCHESTRATING_KINDS).astype(float),
    }
    total = sum(weights.values()) or 1.0
    m["score"] = sum(weights.get(k, 0.0) * v for k, v in parts.items()) / total
    m["reasons"] = [_reasons(row) for _, row in m.iterrows()]
    m["n_actors"], m["n_strength_areas"] = len(m), len(snapshot.areas)
    m = m.sort_values(["score", "betweenness"], ascending=False, kind="stable").reset_index(
        drop=True
    )
    m.insert(0, "rank", range(1, len(m) + 1))
    out = m[
        [
            "rank",
            "actor_id",
            "name",
            "kind",
            "score",
            "reasons",
            "degree",
            "betweenness",
            "splits_into",
            "n_areas",
            "n_actors",
            "n_strength_areas",
        ]
    ]
    return out if top is None else out.head(top)


def _quadrant(interest: int | NAType, influence: int | NAType, high_from: int) -> str:
    if pd.isna(interest) or pd.isna(influence):
        return "unknown"
    hi_int, hi_inf = interest >= high_from, influence >= high_from
    if hi_inf:
        return "key_player" if hi_int else "keep_satisfied"
    return "keep_informed" if hi_int else "monitor"


def stakeholder_quadrants(snapshot: EcosystemSnapshot, high_from: int = 4) -> pd.DataFrame:
    """Interest/influence quadrant of every actor next to its network position.

    An interest or influence of *high_from* or more (on 1–5) is high.

    Returns
    -------
    DataFrame
        ``actor_id, name, kind, interest, influence, quadrant, degree,
        betweenness, articulation, orchestrator_rank`` (``quadrant`` is a code
        of :data:`QUADRANTS`).

    Examples
    --------
    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> q = stakeholder_quadrants(example_snapshot()).set_index("actor_id")
    >>> q.loc[["region", "almi", "inno", "norra"], "quadrant"].tolist()
    ['key_player', 'keep_satisfied', 'keep_informed', 'monitor']
    """
    actors = snapshot.actors[["actor_id", "name", "kind", "interest", "influence"]].copy()
    actors["quadrant"] = [
        _quadrant(i, f, high_from) for i, f in zip(actors.interest, actors.influence, strict=True)
    ]
    measures = network_measures(snapshot)[["actor_id", "degree", "betweenness", "articulation"]]
    ranks = orchestrator_candidates(snapshot, top=None)[["actor_id", "rank"]]
    out = actors.merge(measures, on="actor_id", how="left").merge(ranks, on="actor_id", how="left")
    return out.rename(columns={"rank": "orchestrator_rank"})

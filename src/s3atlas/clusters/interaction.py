"""Interaction inside a cluster and the innovation gaps (*innovationsgap*) between actor groups.

Region Norrbotten's cluster mapping (seeds/004) asks how firms, universities
and the public sector interact within each cluster and where the
*innovationsgap* are — the links between actor groups that are missing or
weak. Actors fall into four groups (:data:`ACTOR_GROUPS`, by ecosystem actor
kind): firms, academia, public sector and support organisations.

Two kinds of evidence give the same gap table:

* **links** (a link list or the ecosystem links between the cluster's
  actors): for groups *A* ≠ *B* with *n_A*, *n_B* actors and *L* links between
  them, ``density = L / (n_A · n_B)``; inside one group
  ``density = L / (n_A (n_A − 1) / 2)``. ``missing`` when *L* = 0, ``weak``
  when ``density < weak_below`` (default :data:`WEAK_DENSITY`), ``absent``
  when the cluster has no actor of one of the two groups, ``too_few`` when a
  group has a single actor, so no link inside it is possible.
* **survey**: firms' answers to items about collaboration with a partner
  group: ``strength = positive answers / answers`` over the group's items
  ("Ja, i mycket hög grad" and "Ja, i hög grad" are positive). ``missing``
  when no firm answered positively, ``weak`` when ``strength < weak_below``
  (default :data:`WEAK_SHARE`).

The thresholds are this tool's defaults, not published values; pass others
to suit the region.

Examples
--------
>>> actors = pd.DataFrame({"id": ["f1", "f2", "u"], "name": ["F1", "F2", "Uni"],
...                        "kind": ["firm", "firm", "university"]})
>>> links = pd.DataFrame({"source": ["f1"], "target": ["f2"]})
>>> gaps = network_gaps(build_network(actors, links))
>>> gaps.set_index(["group_a", "group_b"]).loc[("firms", "academia"), "status"]
'missing'
"""

from __future__ import annotations

from itertools import combinations_with_replacement
from typing import Any

import networkx as nx
import pandas as pd

__all__ = [
    "ACTOR_GROUPS",
    "GAP_COLUMNS",
    "GROUPS",
    "WEAK_DENSITY",
    "WEAK_SHARE",
    "actor_group",
    "build_network",
    "group_links",
    "network_gaps",
    "survey_gaps",
]

GROUPS = ("firms", "academia", "public_sector", "support")
"""The actor groups, in display order."""

ACTOR_GROUPS: dict[str, str] = {
    "firm": "firms",
    "university": "academia",
    "research_institute": "academia",
    "public_agency": "public_sector",
    "region": "public_sector",
    "municipality": "public_sector",
    "cluster_organisation": "support",
    "science_park": "support",
    "incubator": "support",
    "innovation_office": "support",
    "test_demo_facility": "support",
    "financier": "support",
    "network": "support",
    "business_support": "support",
}
"""Ecosystem actor kind → actor group; kinds not listed (``other``) are support organisations."""

WEAK_DENSITY = 0.2
"""Link density between two groups below which the interaction counts as weak (tool default)."""

WEAK_SHARE = 0.25
"""Share of positive survey answers below which the interaction counts as weak (tool default)."""

GAP_COLUMNS = [
    "group_a",
    "group_b",
    "evidence",
    "actors_a",
    "actors_b",
    "links",
    "strength",
    "status",
]


def actor_group(kind: str | None) -> str:
    """Return the actor group of an ecosystem actor kind.

    >>> actor_group("research_institute"), actor_group("other")
    ('academia', 'support')
    """
    return ACTOR_GROUPS.get(str(kind or ""), "support")


def build_network(actors: pd.DataFrame, links: pd.DataFrame) -> nx.Graph:
    """Return the undirected interaction network: nodes with name, kind and group; edges with
    weight.

    Parameters
    ----------
    actors : DataFrame
        id, name, kind (an ecosystem actor kind).
    links : DataFrame
        source, target (actor ids), optionally weight; repeated pairs add up.
    """
    graph = nx.Graph()
    row: Any  # an itertuples row; kind is an actor kind code (text)
    for row in actors.itertuples(index=False):
        graph.add_node(
            str(row.id), name=str(row.name), kind=str(row.kind), group=actor_group(row.kind)
        )
    weights = links["weight"] if "weight" in links.columns else pd.Series(1.0, index=links.index)
    for source, target, weight in zip(
        links["source"], links["target"], weights.fillna(1.0), strict=True
    ):
        a, b = str(source), str(target)
        if a == b or a not in graph or b not in graph:
            continue
        previous = graph.get_edge_data(a, b, {"weight": 0.0})["weight"]
        graph.add_edge(a, b, weight=previous + float(weight))
    return graph


def group_links(graph: nx.Graph) -> pd.DataFrame:
    """Count actors per group and links per pair of groups (each pair once, groups in :data:`GROUPS`
    order)."""
    sizes = {g: 0 for g in GROUPS}
    for _node, group in graph.nodes(data="group"):
        sizes[group] = sizes.get(group, 0) + 1
    counts: dict[tuple[str, str], int] = {}
    rank = {g: i for i, g in enumerate(GROUPS)}
    for a, b in graph.edges():
        pair = tuple(
            sorted(
                (graph.nodes[a]["group"], graph.nodes[b]["group"]), key=lambda g: rank.get(g, 99)
            )
        )
        counts[pair] = counts.get(pair, 0) + 1
    rows = [
        {
            "group_a": a,
            "group_b": b,
            "actors_a": sizes[a],
            "actors_b": sizes[b],
            "links": counts.get((a, b), 0),
        }
        for a, b in combinations_with_replacement(GROUPS, 2)
    ]
    return pd.DataFrame(rows)


def _possible(row: pd.Series) -> int:
    if row["group_a"] == row["group_b"]:
        return int(row["actors_a"] * (row["actors_a"] - 1) // 2)
    return int(row["actors_a"] * row["actors_b"])


def network_gaps(graph: nx.Graph, weak_below: float = WEAK_DENSITY) -> pd.DataFrame:
    """Status of each pair of actor groups from the links: ok, weak, missing, absent or too_few
    (see module)."""
    frame = group_links(graph)
    possible = frame.apply(_possible, axis=1)
    frame["strength"] = frame["links"] / possible.where(possible > 0)
    frame["status"] = "ok"
    frame.loc[frame["strength"] < weak_below, "status"] = "weak"
    frame.loc[frame["links"] == 0, "status"] = "missing"
    empty = (frame["actors_a"] == 0) | (frame["actors_b"] == 0)
    frame.loc[possible == 0, "status"] = "too_few"
    frame.loc[empty, "status"] = "absent"
    frame["evidence"] = "links"
    return frame[GAP_COLUMNS]


def survey_gaps(
    summary: pd.DataFrame,
    partner_groups: dict[str, str],
    positive: list[str],
    weak_below: float = WEAK_SHARE,
) -> pd.DataFrame:
    """Status of firms' interaction with each partner group from the survey summary of one cluster
    and wave.

    Parameters
    ----------
    summary : DataFrame
        Rows of :func:`s3atlas.clusters.survey_summary.summarise` (item, answer, n).
    partner_groups : dict
        Item code → actor group the item asks about.
    positive : list of str
        Answer codes that count as "yes".

    Examples
    --------
    >>> s = pd.DataFrame(
    ...     {"item": ["researchers"] * 2, "answer": ["high", "not_at_all"], "n": [1, 5]}
    ... )
    >>> gaps = survey_gaps(s, {"researchers": "academia"}, ["high"])
    >>> gaps[["group_b", "strength", "status"]].round(3).to_dict("records")
    [{'group_b': 'academia', 'strength': 0.167, 'status': 'weak'}]
    """
    data = summary.assign(group=summary["item"].map(partner_groups)).dropna(subset=["group"])
    data = data.assign(yes=data["n"].where(data["answer"].isin(positive), 0))
    totals = data.groupby("group", sort=False)[["yes", "n"]].sum()
    rows = [
        _survey_gap(group, int(totals["yes"][group]), int(totals["n"][group]), weak_below)
        for group in GROUPS
        if group in totals.index
    ]
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


def _survey_gap(group: str, yes: int, answered: int, weak_below: float) -> dict[str, Any]:
    """The gap row of firms and *group*: *yes* of *answered* firms interact with it."""
    strength = yes / answered if answered else float("nan")
    return {
        "group_a": "firms",
        "group_b": group,
        "evidence": "survey",
        "actors_a": answered,
        "actors_b": pd.NA,
        "links": yes,
        "strength": strength,
        "status": _survey_status(yes, answered, strength, weak_below),
    }


def _survey_status(yes: int, answered: int, strength: float, weak_below: float) -> str:
    """absent (nobody answered), missing (nobody said yes), weak (too few said yes) or ok."""
    if not answered:
        return "absent"
    if yes == 0:
        return "missing"
    return "weak" if strength < weak_below else "ok"

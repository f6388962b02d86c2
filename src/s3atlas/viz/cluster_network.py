"""A cluster's interaction network as Cytoscape.js elements: actors or actor groups, and the gaps.

The elements have the shape :func:`s3atlas.viz.network.network_elements`
gives (``{"nodes", "edges", "legend"}``, nodes and edges as
``{"data": {...}, "classes": "..."}``), so the page's Cytoscape set-up draws
them with its style: ``node.actor`` filled with ``data(color)`` and sized by
``data(size)``, ``node.actor.context`` dashed and faded, ``edge.link`` solid,
``edge.provides`` dashed in ``data(color)``.

Two views of the graph of :func:`s3atlas.clusters.interaction.build_network`:

* ``by="actor"``: one node per actor, coloured by its actor group
  (:data:`GROUP_COLORS`); one edge per link, ``weight`` the summed link
  weight and ``width`` growing with it.
* ``by="group"``: one node per actor group (firms, academia, public sector,
  support), sized by its number of actors; a group with no actor is drawn
  dashed and faded (*absent*). One edge per pair of groups (a loop for links
  inside a group) with the status of
  :func:`~s3atlas.clusters.interaction.network_gaps`: ``ok`` solid,
  ``weak`` and ``missing`` dashed in :data:`STATUS_COLORS` (classes ``gap``
  and ``gap-weak`` / ``gap-missing``), so the *innovationsgap* show.

Examples
--------
>>> import pandas as pd
>>> from s3atlas.clusters.interaction import build_network
>>> actors = pd.DataFrame({"id": ["f1", "f2", "u"], "name": ["F1", "F2", "Uni"],
...                        "kind": ["firm", "firm", "university"]})
>>> links = pd.DataFrame({"source": ["f1"], "target": ["f2"]})
>>> els = cluster_network_elements(build_network(actors, links), by="group", lang="en")
>>> edge = next(e for e in els["edges"] if e["data"]["id"] == "g:firms:academia")
>>> edge["data"]["status"], edge["classes"]
('missing', 'provides gap gap-missing')
"""

from __future__ import annotations

from typing import Any, Literal

import networkx as nx
import pandas as pd

from s3atlas.clusters.interaction import GROUPS, WEAK_DENSITY, network_gaps
from s3atlas.errors import InputError
from s3atlas.i18n import gettext
from s3atlas.viz.palette import GAP_COLOR

__all__ = [
    "GROUP_COLORS",
    "STATUS_COLORS",
    "cluster_network_elements",
    "group_label",
]

GROUP_COLORS: dict[str, str] = {
    "firms": "#E69F00",
    "academia": "#0072B2",
    "public_sector": "#C51B7D",
    "support": "#009E73",
}
"""Actor group → node colour (Okabe–Ito colours, as the ecosystem network's kinds)."""

STATUS_COLORS: dict[str, str] = {"ok": "#52606D", "weak": "#B15928", "missing": GAP_COLOR}
"""Gap status → edge colour: grey links, dark orange weak, dark red missing (3:1 on white)."""

_GROUP_NAMES = {
    "firms": "Firms",
    "academia": "Academia",
    "public_sector": "Public sector",
    "support": "Support organisations",
}
_STATUS_NAMES = {
    "ok": "Present",
    "weak": "Weak",
    "missing": "Missing",
    "absent": "Group absent",
    "too_few": "Only one actor",
}


def group_label(group: str, lang: str) -> str:
    """Return the name of an actor group in the language.

    >>> group_label("academia", "sv"), group_label("academia", "en")
    ('Akademi', 'Academia')
    """
    return gettext(_GROUP_NAMES.get(group, group), lang)


def _width(weight: float) -> float:
    """Edge width in pixels: 1.5 for one link, growing with the weight up to 8."""
    return round(min(1.5 + 1.5 * (float(weight) - 1.0), 8.0), 2) if weight > 1 else 1.5


def _actor_nodes(graph: nx.Graph, lang: str) -> list[dict[str, Any]]:
    nodes = []
    for node, data in graph.nodes(data=True):
        degree = int(graph.degree(node))
        nodes.append(
            {
                "data": {
                    "id": f"a:{node}",
                    "type": "actor",
                    "label": data["name"],
                    "kind": data["kind"],
                    "group": data["group"],
                    "kind_label": group_label(data["group"], lang),
                    "color": GROUP_COLORS.get(data["group"], STATUS_COLORS["ok"]),
                    "degree": degree,
                    "size": 26 + 6 * min(degree, 8),
                },
                "classes": f"actor group-{data['group']}",
            }
        )
    return nodes


def _actor_edges(graph: nx.Graph) -> list[dict[str, Any]]:
    return [
        {
            "data": {
                "id": f"l:{a}:{b}",
                "source": f"a:{a}",
                "target": f"a:{b}",
                "type": "link",
                "weight": float(w),
                "width": _width(w),
            },
            "classes": "link",
        }
        for a, b, w in graph.edges(data="weight", default=1.0)
    ]


def _group_nodes(gaps: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    sizes = dict(zip(gaps["group_a"], gaps["actors_a"], strict=True))
    nodes = []
    for group in GROUPS:
        n = int(sizes.get(group, 0))
        nodes.append(
            {
                "data": {
                    "id": f"g:{group}",
                    "type": "group",
                    "group": group,
                    "label": f"{group_label(group, lang)} ({n})",
                    "kind_label": gettext("Group absent", lang) if n == 0 else "",
                    "actors": n,
                    "color": GROUP_COLORS[group],
                    "size": 30 + 8 * min(n, 10),
                },
                "classes": "actor group" + (" context absent" if n == 0 else ""),
            }
        )
    return nodes


def _group_edge(row: Any, lang: str) -> dict[str, Any]:
    gap = row.status in ("weak", "missing")
    strength = None if pd.isna(row.strength) else round(float(row.strength), 4)
    return {
        "data": {
            "id": f"g:{row.group_a}:{row.group_b}",
            "source": f"g:{row.group_a}",
            "target": f"g:{row.group_b}",
            "type": "group_link",
            "links": int(row.links),
            "strength": strength,
            "status": row.status,
            "label": gettext(_STATUS_NAMES[row.status], lang),
            "color": STATUS_COLORS[row.status],
            "weight": int(row.links),
            "width": _width(max(int(row.links), 1)),
        },
        "classes": f"provides gap gap-{row.status}" if gap else "link",
    }


def _legend(groups: list[str], lang: str) -> dict[str, list[dict[str, str]]]:
    return {
        "kinds": [
            {"code": g, "label": group_label(g, lang), "color": GROUP_COLORS[g]} for g in groups
        ],
        "functions": [],
        "gaps": [
            {"code": s, "label": gettext(_STATUS_NAMES[s], lang), "color": STATUS_COLORS[s]}
            for s in ("weak", "missing")
        ],
    }


def cluster_network_elements(
    graph: nx.Graph,
    *,
    by: Literal["actor", "group"] = "actor",
    weak_below: float = WEAK_DENSITY,
    lang: str,
) -> dict[str, Any]:
    """Return Cytoscape.js elements ``{"nodes": [...], "edges": [...], "legend": {...}}``.

    Parameters
    ----------
    graph : networkx.Graph
        From :func:`~s3atlas.clusters.interaction.build_network` (nodes with
        name, kind, group; edges with weight).
    by : {"actor", "group"}
        One node per actor, or one per actor group with the gap status on
        each pair of groups (see the module).
    weak_below : float
        Link density below which a pair of groups is weak
        (:data:`~s3atlas.clusters.interaction.WEAK_DENSITY`).
    lang : str, optional
        Language of labels (``"sv"`` or ``"en"``).

    Raises
    ------
    InputError
        *by* is neither ``"actor"`` nor ``"group"``.

    Examples
    --------
    >>> import pandas as pd
    >>> from s3atlas.clusters.interaction import build_network
    >>> actors = pd.DataFrame({"id": ["f", "u"], "name": ["F", "Uni"],
    ...                        "kind": ["firm", "university"]})
    >>> links = pd.DataFrame({"source": ["f", "f"], "target": ["u", "u"]})
    >>> els = cluster_network_elements(build_network(actors, links), lang="en")
    >>> [(n["data"]["label"], n["data"]["color"]) for n in els["nodes"]]
    [('F', '#E69F00'), ('Uni', '#0072B2')]
    >>> els["edges"][0]["data"]["weight"], els["edges"][0]["data"]["width"]
    (2.0, 3.0)
    """
    if by == "actor":
        nodes = _actor_nodes(graph, lang)
        groups = [g for g in GROUPS if any(n["data"]["group"] == g for n in nodes)]
        return {"nodes": nodes, "edges": _actor_edges(graph), "legend": _legend(groups, lang)}
    if by != "group":
        raise InputError(gettext("draw the network by actor or by group"), column="by", value=by)
    gaps = network_gaps(graph, weak_below)
    edges = [
        _group_edge(r, lang)
        for r in gaps.itertuples(index=False)
        if r.status not in ("absent", "too_few")
    ]
    return {
        "nodes": _group_nodes(gaps, lang),
        "edges": edges,
        "legend": _legend(list(GROUPS), lang),
    }

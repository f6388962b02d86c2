"""The ecosystem map of a strength area as a vector image (SVG) for the report.

The image draws the same Cytoscape elements as the web map
(:func:`s3atlas.viz.network.network_elements` with the gaps of
:func:`~s3atlas.viz.network.add_gaps`) with the same marks: actors are circles in
the colour of their kind (a thick outline for a hub, pale and dashed outside the
area, a dotted pentagon for an external partner of another region), support
functions squares in their own colour (a double outline when system-common, cut
corners when system-unique, a red dashed outline when nobody is named), the area a
dark diamond and each gap a red octagon. The web map lays the nodes out in the
browser; a printed page cannot, so the positions come from a force-directed layout
(:func:`networkx.spring_layout`) with a fixed seed: the same map gives the same file every
time. In a crowded map (more than :data:`LABEL_ALL` nodes) the names of external partners
and of actors only linked to the area are left out, so the others stay legible.

Examples
--------
>>> from s3atlas.ecosystem.store.snapshot import example_snapshot
>>> from s3atlas.viz.network import network_elements
>>> svg = map_svg(network_elements(example_snapshot(), "skog", lang="en"), "Skoglig bioekonomi")
>>> svg.startswith("<svg") and 'aria-label="Skoglig bioekonomi"' in svg
True
>>> svg == map_svg(network_elements(example_snapshot(), "skog", lang="en"), "Skoglig bioekonomi")
True
"""

from __future__ import annotations

import math
from html import escape
from typing import Any

import networkx as nx

__all__ = ["LABEL_ALL", "legend_items", "map_svg", "mark_svg", "node_positions", "unnamed_count"]

WIDTH, HEIGHT, MARGIN = 680, 440, 48
_INK, _GREY, _RED = "#1F2933", "#9AA5B1", "#B2182B"
_EDGE_STYLE = {
    "member": (_GREY, 1.5, ""),
    "serves": (_GREY, 1.5, "1.5 3"),
    "provides": (None, 2.0, "6 4"),
    "link": ("#52606D", 2.5, ""),
    "gap": (_RED, 1.5, "6 4"),
}
_LABEL_CHARS = 28
#: Up to this many nodes every node is named in the image.
LABEL_ALL = 20


def node_positions(elements: dict[str, Any], seed: int = 7) -> dict[str, tuple[float, float]]:
    """Return node id → (x, y) in the image, the layout stretched to fill it.

    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> from s3atlas.viz.network import network_elements
    >>> pos = node_positions(network_elements(example_snapshot(), "skog", lang="en"))
    >>> all(MARGIN <= x <= WIDTH - MARGIN and MARGIN <= y <= HEIGHT - MARGIN
    ...     for x, y in pos.values())
    True
    """
    graph = nx.Graph()
    graph.add_nodes_from(n["data"]["id"] for n in elements["nodes"])
    graph.add_edges_from((e["data"]["source"], e["data"]["target"]) for e in elements["edges"])
    raw = nx.spring_layout(graph, seed=seed, k=2.2 / math.sqrt(max(len(graph), 1)), iterations=300)
    return _scaled(raw)


def _scaled(raw: dict[Any, Any]) -> dict[str, tuple[float, float]]:
    """Stretch the layout to the image's inner box."""
    if not raw:
        return {}
    xs = [float(p[0]) for p in raw.values()]
    ys = [float(p[1]) for p in raw.values()]
    low_x, low_y = min(xs), min(ys)
    span_x, span_y = (max(xs) - low_x) or 1.0, (max(ys) - low_y) or 1.0
    inner_w, inner_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    return {
        str(n): (
            round(MARGIN + (float(p[0]) - low_x) / span_x * inner_w, 1),
            round(MARGIN + (float(p[1]) - low_y) / span_y * inner_h, 1),
        )
        for n, p in raw.items()
    }


def _points(x: float, y: float, radius: float, corners: int, turn: float) -> str:
    angles = (math.radians(turn + 360 * i / corners) for i in range(corners))
    return " ".join(
        f"{x + radius * math.cos(a):.1f},{y + radius * math.sin(a):.1f}" for a in angles
    )


def _actor(data: dict[str, Any], classes: set[str], x: float, y: float) -> str:
    radius = round(data.get("size", 26) / 4, 1)
    width = 4 if "hub" in classes else 1.5
    if "external" in classes:
        points = _points(x, y, radius + 2, 5, -90)
        return (
            f'<polygon points="{points}" fill="{data["color"]}" stroke="#52606D" '
            f'stroke-width="2.5" stroke-dasharray="1.5 2"/>'
        )
    extra = ' opacity="0.65" stroke-dasharray="3 2"' if "context" in classes else ""
    return (
        f'<circle cx="{x}" cy="{y}" r="{radius}" fill="{data["color"]}" stroke="{_INK}" '
        f'stroke-width="{width}"{extra}/>'
    )


def _function(data: dict[str, Any], classes: set[str], x: float, y: float) -> str:
    colour, half = data["color"], 7
    stroke = f'stroke="{_INK}" stroke-width="1.5"'
    if "unnamed" in classes:
        stroke = f'stroke="{_RED}" stroke-width="2.5" stroke-dasharray="3 2"'
    if "unique" in classes:
        shape = f'<polygon points="{_points(x, y, 9, 8, 22.5)}" fill="{colour}" {stroke}/>'
    else:
        shape = (
            f'<rect x="{x - half}" y="{y - half}" width="{2 * half}" height="{2 * half}" '
            f'rx="2.5" fill="{colour}" {stroke}/>'
        )
    if "common" in classes:
        outer = half + 3
        shape += (
            f'<rect x="{x - outer}" y="{y - outer}" width="{2 * outer}" height="{2 * outer}" '
            f'rx="3.5" fill="none" stroke="{_INK}" stroke-width="1.5"/>'
        )
    return shape


def _node(node: dict[str, Any], x: float, y: float) -> str:
    data, classes = node["data"], set(node.get("classes", "").split())
    kind = data["type"]
    if kind == "actor":
        return _actor(data, classes, x, y)
    if kind == "function":
        return _function(data, classes, x, y)
    if kind == "area":
        return f'<polygon points="{_points(x, y, 15, 4, -90)}" fill="{_INK}"/>'
    return (
        f'<polygon points="{_points(x, y, 9, 8, 22.5)}" fill="#FFFFFF" stroke="{_RED}" '
        'stroke-width="2.5"/>'
    )


def _edge(edge: dict[str, Any], pos: dict[str, tuple[float, float]]) -> str:
    data = edge["data"]
    if data["source"] not in pos or data["target"] not in pos:
        return ""
    colour, width, dash = _EDGE_STYLE.get(data["type"], ("#7B8794", 1.5, ""))
    (x1, y1), (x2, y2) = pos[data["source"]], pos[data["target"]]
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour or data["color"]}" '
        f'stroke-width="{width}"{dashes}/>'
    )


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_CHARS else text[: _LABEL_CHARS - 1].rstrip() + "…"


def _label(node: dict[str, Any], x: float, y: float) -> str:
    data = node["data"]
    bold = ' font-weight="bold"' if data["type"] in ("area", "function") else ""
    colour = _RED if data["type"] == "gap" else _INK
    below = {"area": 24, "actor": data.get("size", 26) / 4 + 11}.get(data["type"], 18)
    return (
        f'<text x="{x}" y="{round(y + below, 1)}" text-anchor="{_anchor(x)}" fill="{colour}"'
        f"{bold}>{escape(_short(str(data['label'])))}</text>"
    )


def _anchor(x: float) -> str:
    """Labels near the left or right edge run inwards, so none is cut off.

    >>> _anchor(60.0), _anchor(340.0), _anchor(620.0)
    ('start', 'middle', 'end')
    """
    if x < WIDTH * 0.22:
        return "start"
    return "end" if x > WIDTH * 0.78 else "middle"


def _minor(node: dict[str, Any]) -> bool:
    """An external partner or an actor only linked to the area (unnamed in a crowded map)."""
    return bool({"external", "context"} & set(node.get("classes", "").split()))


def unnamed_count(elements: dict[str, Any]) -> int:
    """How many nodes the image leaves unnamed (0 unless it is crowded)."""
    if len(elements["nodes"]) <= LABEL_ALL:
        return 0
    return sum(_minor(n) for n in elements["nodes"])


def map_svg(elements: dict[str, Any], title: str) -> str:
    """Return the map of *elements* (Cytoscape elements) as an SVG image named *title*."""
    pos = node_positions(elements)
    edges = "".join(_edge(e, pos) for e in elements["edges"])
    nodes = [(n, *pos[n["data"]["id"]]) for n in elements["nodes"]]
    shapes = "".join(_node(n, x, y) for n, x, y in nodes)
    crowded = len(nodes) > LABEL_ALL
    labels = "".join(_label(n, x, y) for n, x, y in nodes if not (crowded and _minor(n)))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{escape(title)}" '
        'class="ecosystem-map">'
        f'<g class="edges">{edges}</g><g class="nodes">{shapes}</g>'
        f'<g class="labels" font-size="9">{labels}</g></svg>'
    )


_MARK_NODES: dict[str, dict[str, Any]] = {
    "area": {"data": {"type": "area"}, "classes": "area"},
    "common": {"data": {"type": "function", "color": "#CBD2D9"}, "classes": "function common"},
    "unique": {"data": {"type": "function", "color": "#CBD2D9"}, "classes": "function unique"},
    "unnamed": {"data": {"type": "function", "color": "#CBD2D9"}, "classes": "function unnamed"},
    "hub": {"data": {"type": "actor", "color": "#CBD2D9", "size": 40}, "classes": "actor hub"},
    "context": {"data": {"type": "actor", "color": "#CBD2D9"}, "classes": "actor context"},
    "external": {"data": {"type": "actor", "color": "#CBD2D9"}, "classes": "actor external"},
    "gap": {"data": {"type": "gap"}, "classes": "gap-node"},
}


def mark_svg(mark: str, colour: str = "#0072B2") -> str:
    """Return a small SVG of a legend mark (a node shape or an edge style), as in the map.

    >>> mark_svg("link").endswith('stroke="#52606D" stroke-width="2.5"/></svg>')
    True
    """
    head = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 34 24" width="34" height="24" '
        'aria-hidden="true">'
    )
    if mark in _MARK_NODES:
        return head + _node(_MARK_NODES[mark], 17, 12) + "</svg>"
    if mark in ("kind", "function"):
        node = {"data": {"type": "actor" if mark == "kind" else "function", "color": colour}}
        return head + _node({**node, "classes": ""}, 17, 12) + "</svg>"
    edge = {"data": {"type": mark, "source": "a", "target": "b", "color": colour}}
    return head + _edge(edge, {"a": (3, 12), "b": (31, 12)}) + "</svg>"


def legend_items(elements: dict[str, Any]) -> list[dict[str, str]]:
    """Return the legend of the image: one ``{"svg", "label"}`` per kind, function and mark."""
    legend = elements["legend"]
    kinds = [{"svg": mark_svg("kind", k["color"]), "label": k["label"]} for k in legend["kinds"]]
    functions = [
        {"svg": mark_svg("function", f["color"]), "label": f["label"]} for f in legend["functions"]
    ]
    marks = [{"svg": mark_svg(m["mark"]), "label": m["label"]} for m in legend["marks"]]
    return kinds + functions + marks

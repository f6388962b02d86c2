"""The ecosystem map as a graph file: GEXF and GraphML (Gephi), Kumu JSON — out and back in.

Nodes are the actors (``node_type = actor``, ``label`` = name, ``kind`` = actor
kind, and every actor column of the snapshot) and the strength areas
(``node_type = strength_area``, ``kind = strength_area``). Edges are the
links (``edge_type = link``, ``kind`` = link kind) and, for the picture,
one ``serves`` edge from each actor to each area it provides a function for
(``edge_type = serves``, ``functions``), and one ``member`` edge from each
actor to each strength area it belongs to (``edge_type = member``); readers
ignore ``serves`` and ``member`` edges. An external partner (an organisation of
another region that shares projects with the region's actors) has
``external = true`` and its county or country in ``home_region``.

So that a file re-imports without loss, the provisions of an actor are kept
on its node as ``provides`` (JSON list of ``[provision_id, function_code,
area_id, phase_code]``), interview insights on their area's node as
``insights`` (JSON list of ``[text, round]``), and region and round on every
area node. Provisions with neither actor nor area, and insights about the
whole region, go on one extra node ``node_type = map`` that exists only when
there are any. Kumu JSON (``{"elements": [...], "connections": [...]}``)
carries the same fields; its connections refer to element labels, as Kumu's
import expects.

Reading a graph turns it back into tables and checks them with
:func:`~.io_tables.parse_tables`, so bad files fail the same way as bad
spreadsheets.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import networkx as nx
import pandas as pd

from s3atlas.ecosystem.io.tables import (
    parse_tables,
    read_snapshot,
    read_tables,
    save_snapshot,
    store_vocabulary,
)
from s3atlas.ecosystem.io.tables_files import _atomic
from s3atlas.ecosystem.store.snapshot import COLUMNS, EcosystemSnapshot
from s3atlas.errors import InputError
from s3atlas.i18n import gettext as _
from s3atlas.io.tabular import printable

__all__ = [
    "FORMATS",
    "import_file",
    "read_any",
    "read_graph",
    "read_raw",
    "to_graph",
    "to_kumu",
    "write_graph",
]

FORMATS = ("gexf", "graphml", "kumu")
_ACTOR_FIELDS = [c for c in COLUMNS["actors"] if c not in ("actor_id", "name")]


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def _attrs(**values: Any) -> dict[str, Any]:
    return {k: _plain(v) for k, v in values.items() if _plain(v) is not None}


def _provisions_by(provisions: pd.DataFrame, column: str) -> dict[Any, list[list[Any]]]:
    out: dict[Any, list[list[Any]]] = {}
    for p in provisions.itertuples(index=False):
        out.setdefault(getattr(p, column), []).append(
            [p.provision_id, p.function_code, p.area_id, p.phase_code]
        )
    return out


def to_graph(snapshot: EcosystemSnapshot) -> nx.MultiDiGraph:
    """Return the map as a directed multigraph with Gephi-friendly attributes.

    Examples
    --------
    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> g = to_graph(example_snapshot())
    >>> g.nodes["actor:umu"]["label"], g.nodes["area:life"]["kind"]
    ('Umeå universitet', 'strength_area')
    """
    graph = nx.MultiDiGraph(
        region_code=snapshot.region_code,
        region_name=snapshot.region_name,
        round=snapshot.round or "",
    )
    prov = snapshot.provisions
    unnamed = _provisions_by(prov[prov.actor_id.isna()], "area_id")
    insights: dict[Any, list[list[Any]]] = {}
    for i in snapshot.insights.itertuples(index=False):
        insights.setdefault(i.area_id, []).append([i.text, i.round])
    _add_actors(snapshot, graph)
    _add_areas(snapshot, graph, unnamed, insights)
    if unnamed.get(None) or insights.get(None):
        graph.add_node(
            "map",
            node_type="map",
            kind="map",
            label=snapshot.region_name,
            provides=json.dumps(unnamed.get(None, []), ensure_ascii=False),
            insights=json.dumps(insights.get(None, []), ensure_ascii=False),
        )
    for link in snapshot.links.itertuples(index=False):
        graph.add_edge(
            f"actor:{link.source_id}", f"actor:{link.target_id}", edge_type="link", kind=link.kind
        )
    _add_serves(snapshot, graph)
    _add_members(snapshot, graph)
    return graph


def _add_actors(snapshot: EcosystemSnapshot, graph: nx.MultiDiGraph) -> None:
    """One node per actor, with every actor column and the provisions it makes (``provides``)."""
    prov = snapshot.provisions
    by_actor = _provisions_by(prov[prov.actor_id.notna()], "actor_id")
    for a in snapshot.actors.to_dict(orient="records"):
        graph.add_node(
            f"actor:{a['actor_id']}",
            node_type="actor",
            actor_id=a["actor_id"],
            label=a["name"],
            provides=json.dumps(by_actor.get(a["actor_id"], []), ensure_ascii=False),
            **_attrs(**{k: a[k] for k in _ACTOR_FIELDS}),
        )


def _add_areas(
    snapshot: EcosystemSnapshot,
    graph: nx.MultiDiGraph,
    unnamed: dict[Any, list[list[Any]]],
    insights: dict[Any, list[list[Any]]],
) -> None:
    """One node per strength area: its insights, provisions without an actor, region, round."""
    for area in snapshot.areas.itertuples(index=False):
        graph.add_node(
            f"area:{area.area_id}",
            node_type="strength_area",
            kind="strength_area",
            area_id=area.area_id,
            label=area.name,
            **_attrs(sni=area.sni),
            insights=json.dumps(insights.get(area.area_id, []), ensure_ascii=False),
            provides=json.dumps(unnamed.get(area.area_id, []), ensure_ascii=False),
            region_code=snapshot.region_code,
            region_name=snapshot.region_name,
            round=snapshot.round or "",
        )


def _add_members(snapshot: EcosystemSnapshot, graph: nx.MultiDiGraph) -> None:
    """One ``member`` edge from each actor to each strength area it belongs to."""
    for member in snapshot.members.itertuples(index=False):
        graph.add_edge(
            f"actor:{member.actor_id}",
            f"area:{member.area_id}",
            edge_type="member",
            kind="member",
        )


def _add_serves(snapshot: EcosystemSnapshot, graph: nx.MultiDiGraph) -> None:
    prov = snapshot.expanded_provisions().dropna(subset=["actor_id"])
    for (actor, area), rows in prov.groupby(["actor_id", "area_id"]):
        graph.add_edge(
            f"actor:{actor}",
            f"area:{area}",
            edge_type="serves",
            kind="serves",
            functions=";".join(sorted(set(rows.function_code))),
        )


def to_kumu(snapshot: EcosystemSnapshot) -> dict[str, Any]:
    """Return the map as Kumu JSON: ``elements`` (label, type, fields) and ``connections`` (from,
    to, type).

    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> k = to_kumu(example_snapshot())
    >>> k["connections"][0]["from"], k["connections"][0]["type"]
    ('Region Västerbotten', 'funding')
    """
    graph = to_graph(snapshot)
    elements = [
        {
            "id": node,
            "label": data["label"],
            "type": data["kind"],
            **{k: v for k, v in data.items() if k not in ("label", "kind")},
        }
        for node, data in graph.nodes(data=True)
    ]
    connections = [
        {
            "from": graph.nodes[u]["label"],
            "to": graph.nodes[v]["label"],
            "type": data["kind"],
            "direction": "directed",
            **{k: v for k, v in data.items() if k != "kind"},
        }
        for u, v, data in graph.edges(data=True)
    ]
    return {
        "elements": elements,
        "connections": connections,
        "region_code": snapshot.region_code,
        "region_name": snapshot.region_name,
        "round": snapshot.round,
    }


def write_graph(snapshot: EcosystemSnapshot, path: str | os.PathLike[str], fmt: str) -> Path:
    """Write the map as ``gexf``, ``graphml`` or ``kumu`` (JSON) to *path*, atomically."""
    if fmt not in FORMATS:
        raise InputError(
            _("unknown graph format; expected one of {names}", names=", ".join(FORMATS)),
            column="format",
            value=fmt,
        )
    if fmt == "kumu":
        text = json.dumps(to_kumu(snapshot), ensure_ascii=False, indent=2)
        return _atomic(Path(path), lambda tmp: tmp.write_text(text, encoding="utf-8"))
    writer = nx.write_gexf if fmt == "gexf" else nx.write_graphml
    return _atomic(Path(path), lambda tmp: writer(to_graph(snapshot), tmp))


# --- reading -------------------------------------------------------------------------


def _load(path: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """Nodes (with ``_id``), link edges (source/target node ids, kind) and graph attributes."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            nodes = [
                {**e, "_id": e.get("id", e.get("label")), "kind": e.get("type")}
                for e in data["elements"]
            ]
            by_label = {n["label"]: n["_id"] for n in nodes}
            edges = [
                {
                    "source": by_label[c["from"]],
                    "target": by_label[c["to"]],
                    "kind": c.get("type"),
                    "edge_type": c.get("edge_type", "link"),
                }
                for c in data["connections"]
            ]
            return nodes, edges, {k: data.get(k) for k in ("region_code", "region_name", "round")}
        graph = nx.read_gexf(path) if suffix == ".gexf" else nx.read_graphml(path)
    except (
        ParseError,
        json.JSONDecodeError,
        KeyError,
        TypeError,
        AttributeError,
        ValueError,
        IndexError,
        RecursionError,
        UnicodeDecodeError,
        nx.NetworkXError,
    ) as error:
        reason = printable(f"{type(error).__name__}: {error}")
        raise InputError(
            _("not a readable graph file ({reason})", reason=reason), file=str(path)
        ) from None
    nodes = [{**d, "_id": n} for n, d in graph.nodes(data=True)]
    edges = [{"source": u, "target": v, **d} for u, v, d in graph.edges(data=True)]
    return nodes, edges, dict(graph.graph)


def _json_list(text: Any, path: Path, node: Any, column: str) -> list[list[Any]]:
    try:
        value = json.loads(text) if text else []
        if isinstance(value, list):
            return value
    except json.JSONDecodeError:
        pass
    raise InputError(_("expected a JSON list"), file=str(path), column=column, value=node)


def _tables(path: Path) -> tuple[dict[str, tuple[str, pd.DataFrame]], dict[str, Any]]:
    nodes, edges, meta = _load(path)
    kinds = {n["_id"]: n.get("node_type", "actor") for n in nodes}
    rows: dict[str, list[dict[str, Any]]] = {
        name: [] for name in ("areas", "actors", "provisions", "links", "insights")
    }
    for node in nodes:
        node_type = kinds[node["_id"]]
        rows["provisions"] += _provision_rows(node, node_type, path)
        for text, round_ in _json_list(node.get("insights"), path, node["_id"], "insights"):
            rows["insights"].append({"area_id": node.get("area_id"), "text": text, "round": round_})
        if node_type == "actor":
            rows["actors"].append(
                {
                    "actor_id": node.get("actor_id", node["_id"]),
                    "name": node.get("label"),
                    **{k: node.get(k) for k in _ACTOR_FIELDS},
                }
            )
        elif node_type == "strength_area":
            rows["areas"].append(
                {
                    "area_id": node.get("area_id", node["_id"]),
                    "name": node.get("label"),
                    "sni": node.get("sni"),
                }
            )
            meta = {**{k: node.get(k) for k in ("region_code", "region_name", "round")}, **meta}
    rows["links"] = _link_rows(nodes, edges)
    tables = {
        name: (f"{path.name}, {name}", pd.DataFrame(r, columns=list(COLUMNS[name])).astype(object))
        for name, r in rows.items()
    }
    return tables, meta


def _provision_rows(node: dict[str, Any], node_type: str, path: Path) -> list[dict[str, Any]]:
    """The provisions kept on *node* (its ``provides``), made by it when it is an actor."""
    return [
        {
            "provision_id": pid,
            "function_code": fn,
            "area_id": area,
            "phase_code": phase,
            "actor_id": node.get("actor_id") if node_type == "actor" else None,
        }
        for pid, fn, area, phase in _json_list(node.get("provides"), path, node["_id"], "provides")
    ]


def _link_rows(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The links between actors among *edges* (``serves`` and ``member`` edges left out)."""
    actor_of = {n["_id"]: n.get("actor_id", n["_id"]) for n in nodes}
    return [
        {
            "source_id": actor_of.get(edge["source"]),
            "target_id": actor_of.get(edge["target"]),
            "kind": edge.get("kind"),
        }
        for edge in edges
        if edge.get("edge_type", "link") == "link"
    ]


def read_graph(path: str | os.PathLike[str], **options: Any) -> EcosystemSnapshot:
    """Read a GEXF, GraphML or Kumu JSON file written by :func:`write_graph` and check it.

    *options* go to :func:`~.io_tables.parse_tables` (vocabulary, existing,
    region, round_name).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> snap = example_snapshot()
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     back = read_graph(write_graph(snap, pathlib.Path(tmp) / "map.gexf", "gexf"))
    >>> back.actors.equals(snap.actors), len(back.provisions) == len(snap.provisions)
    (True, True)
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(_("no such file"), file=str(path))
    tables, meta = _tables(path)
    if "region" not in options and meta.get("region_code"):
        options["region"] = (str(meta["region_code"]), str(meta.get("region_name") or ""))
    if "round_name" not in options and meta.get("round"):
        options["round_name"] = str(meta["round"])
    return parse_tables(tables, **options)


def read_raw(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read a file's tables without checking them; return its meta values (region, round).

    An unreadable file fails here: ``ecosystem import`` calls it before it
    opens (and perhaps creates) the store.
    """
    from s3atlas.ecosystem.io.tables_check import _meta_values

    path = Path(path)
    if path.suffix.lower() in (".gexf", ".graphml", ".json"):
        return _tables(path)[1]
    return dict(_meta_values(read_tables(path)))


def read_any(path: str | os.PathLike[str], **options: Any) -> EcosystemSnapshot:
    """Read a graph file (``.gexf``, ``.graphml``, ``.json``) or a workbook/CSV by its suffix."""
    suffix = Path(path).suffix.lower()
    reader = read_graph if suffix in (".gexf", ".graphml", ".json") else read_snapshot
    return reader(path, **options)


def _region_name(code: str, path: str | os.PathLike[str]) -> str:
    """The name of region *code*; an unknown code is reported with the file that names it."""
    from s3atlas.classifications import find_region
    from s3atlas.errors import ClassificationError

    try:
        return find_region(code).name
    except ClassificationError as error:
        raise ClassificationError(
            error.detail, file=str(path), column="region_code", value=code
        ) from None


def import_file(
    store: Any,
    path: str | os.PathLike[str],
    *,
    user: str,
    region_code: str | None = None,
    round_name: str | None = None,
) -> pd.DataFrame:
    """Check a file against the store and save it into a round: every row or none.

    The region is *region_code* or the file's own; a region or round that
    does not exist yet is created (after the whole file has passed the
    checks). Returns :func:`~.io_tables.save_snapshot`'s counts.
    """
    from s3atlas.ecosystem.store.queries import build_snapshot
    from s3atlas.ecosystem.store.rounds import open_round
    from s3atlas.errors import NotFoundError
    from s3atlas.store.rounds import ensure_region

    vocabulary = store_vocabulary(store)
    code = region_code or str(read_raw(path).get("region_code") or "")
    if not code:
        raise InputError(
            _("the file names no region; give one with --region"), file=str(path), column="region"
        )
    try:
        existing = build_snapshot(store, code, round_name)
    except NotFoundError:
        existing = None
    region = (code, existing.region_name if existing is not None else _region_name(code, path))
    snapshot = read_any(
        path, vocabulary=vocabulary, existing=existing, region=region, round_name=round_name
    )
    if existing is None:
        ensure_region(store, code, region[1], user=user)
        try:
            build_snapshot(store, code, round_name)
        except NotFoundError:
            open_round(store, code, round_name or snapshot.round or "1", user=user)
    return save_snapshot(store, snapshot, user=user, round_name=round_name)

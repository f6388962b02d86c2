"""The ecosystem as Cytoscape.js elements: actors coloured by kind, functions by function.

Two kinds of node are drawn: **actors** (circles, filled with the colour of
their kind, see :data:`~s3atlas.viz.palette.KIND_COLORS`, larger the more
links they have, with a thick outline when the network analysis marks them
as a single point of failure or a broker) and **support functions**
(rounded squares, one colour per function). An edge joins an actor to each
function it provides (dashed, in the function's colour) and two actors that
have a link (solid). Whether an actor is system-common or system-unique
comes from :func:`s3atlas.ecosystem.analysis.functions.classify_actors`;
hubs from :func:`s3atlas.ecosystem.analysis.network.network_measures`.

For one strength area the network holds the area itself (a diamond), its
members (an edge from each to the area: a firm belongs to its area even when
it provides no support function), the actors that serve it (a provision with
no area serves every area), the functions they provide to it and the actors
directly linked to them (so a cluster's member firms show). Organisations of
other regions that share a project with the region's actors (external
partners, e.g. from CORDIS) are pentagons with the class ``external``.

Examples
--------
>>> from s3atlas.ecosystem.store.snapshot import example_snapshot
>>> els = network_elements(example_snapshot(), area_id="skog", lang="sv")
>>> sorted(n["data"]["id"] for n in els["nodes"] if n["data"]["type"] == "function")[:2]
['f:cluster_management', 'f:early_phase_excellence']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from s3atlas.ecosystem.analysis.functions import classify_actors, classify_functions
from s3atlas.ecosystem.analysis.network import network_measures
from s3atlas.ecosystem.labels import actor_role_label
from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot
from s3atlas.ecosystem.store.vocabulary import DEFAULT_ACTOR_KINDS, DEFAULT_LINK_KINDS
from s3atlas.errors import NotFoundError
from s3atlas.i18n import gettext
from s3atlas.viz.palette import category_color, kind_color

__all__ = [
    "add_gaps",
    "function_colors",
    "kind_choices",
    "kind_label",
    "network_elements",
    "network_table",
]

_KINDS = {code: (sv, en) for code, sv, en in DEFAULT_ACTOR_KINDS}
_LINKS = {code: (sv, en) for code, sv, en in DEFAULT_LINK_KINDS}


def _pick(pair: tuple[str, str] | None, fallback: str, lang: str) -> str:
    if pair is None:
        return fallback
    return pair[0] if lang == "sv" else pair[1]


def kind_label(kind: str, lang: str) -> str:
    """Return the name of an actor kind in the language (the code for kinds outside the defaults).

    >>> kind_label("university", "sv"), kind_label("university", "en")
    ('Universitet eller högskola', 'University')
    """
    return _pick(_KINDS.get(kind), kind, lang)


def kind_choices(lang: str) -> list[tuple[str, str]]:
    """Return every default actor kind as (code, name in the language), as a form offers them.

    >>> kind_choices("sv")[:2]
    [('firm', 'Företag'), ('cluster_organisation', 'Klusterorganisation')]
    """
    return [(code, kind_label(code, lang)) for code in _KINDS]


def function_colors(snapshot: EcosystemSnapshot) -> dict[str, str]:
    """Function code → colour, in the order of the region's vocabulary (stable across pages).

    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> function_colors(example_snapshot())["strategic_financing"]
    '#0072B2'
    """
    return {code: category_color(i) for i, code in enumerate(snapshot.functions.code)}


def _area_provisions(snapshot: EcosystemSnapshot, area_id: str | None) -> pd.DataFrame:
    if area_id is None:
        return snapshot.provisions
    if area_id not in set(snapshot.areas.area_id):
        raise NotFoundError(gettext("no such strength area in this region"), value=area_id)
    prov = snapshot.provisions
    return prov[prov.area_id.isna() | (prov.area_id == area_id)]


def _area_members(snapshot: EcosystemSnapshot, area_id: str | None) -> set[str]:
    """Actors that belong to the area (members), whether or not they provide a function."""
    rows = snapshot.members
    return set(rows.actor_id if area_id is None else rows.actor_id[rows.area_id == area_id])


def _members(
    snapshot: EcosystemSnapshot, provisions: pd.DataFrame, area_id: str | None
) -> set[str]:
    """Actors that serve the area or belong to it, plus those directly linked to them."""
    if area_id is None:
        return set(snapshot.actors.actor_id)
    serving = set(provisions.actor_id.dropna()) | _area_members(snapshot, area_id)
    links = snapshot.links
    near = set(links.target_id[links.source_id.isin(serving)]) | set(
        links.source_id[links.target_id.isin(serving)]
    )
    return serving | near


@dataclass(frozen=True)
class _Standing:
    """What the drawing tells of one actor beyond its own row: role, links, membership."""

    role: str
    role_label: str
    degree: int
    hub: bool
    member: bool
    external: bool
    functions: list[str]

    def classes(self) -> str:
        """The node's CSS classes; a ``context`` actor neither serves, belongs nor partners."""
        context = not self.functions and not self.member and not self.external
        return " ".join(
            [
                "actor",
                f"role-{self.role}",
                *(["hub"] if self.hub else []),
                *(["member"] if self.member else []),
                *(["external"] if self.external else []),
                *(["context"] if context else []),
            ]
        )


def _actor_nodes(
    snapshot: EcosystemSnapshot,
    members: set[str],
    provisions: pd.DataFrame,
    lang: str,
    belongs: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[dict[str, Any]]:
    """The nodes of the *members* among the actors, each with its standing in the network."""
    roles = (
        classify_actors(snapshot).set_index("actor_id") if len(snapshot.actors) else pd.DataFrame()
    )
    measures = (
        network_measures(snapshot).set_index("actor_id") if len(snapshot.actors) else pd.DataFrame()
    )
    fn_names = _function_names(snapshot, lang)
    nodes = []
    actor: Any  # an itertuples row of the snapshot's actors: text id, name and kind
    for actor in snapshot.actors[snapshot.actors.actor_id.isin(members)].itertuples(index=False):
        role = roles.loc[actor.actor_id] if actor.actor_id in roles.index else None
        measure = measures.loc[actor.actor_id] if actor.actor_id in measures.index else None
        provides = sorted(
            {
                fn_names.get(c, c)
                for c in provisions.function_code[provisions.actor_id == actor.actor_id]
            }
        )
        standing = _standing(actor, role, measure, provides, actor.actor_id in belongs, lang)
        nodes.append({"data": _actor_data(actor, standing, lang), "classes": standing.classes()})
    return nodes


def _standing(
    actor: Any, role: Any, measure: Any, provides: list[str], member: bool, lang: str
) -> _Standing:
    """The standing of *actor* from its row of the roles and of the network measures (or None)."""
    degree = int(measure["degree"]) if measure is not None else 0
    return _Standing(
        role=str(role["class"]) if role is not None else "absent",
        role_label=actor_role_label(role["class"], lang) if role is not None else "",
        degree=degree,
        hub=bool(measure is not None and (measure["articulation"] or measure["broker"])),
        member=member,
        external=bool(getattr(actor, "external", False)),
        functions=provides,
    )


def _actor_data(actor: Any, standing: _Standing, lang: str) -> dict[str, Any]:
    """The ``data`` of an actor's node: who it is, how it is drawn and what it does."""
    return {
        "id": f"a:{actor.actor_id}",
        "actor_id": actor.actor_id,
        "type": "actor",
        "label": actor.name,
        "kind": actor.kind,
        "kind_label": kind_label(actor.kind, lang),
        "color": kind_color(actor.kind),
        "role": standing.role,
        "role_label": standing.role_label,
        "functions": standing.functions,
        "degree": standing.degree,
        "size": 26 + 6 * min(standing.degree, 8),
        "hub": standing.hub,
        "serves_area": bool(len(standing.functions)),
        "member": standing.member,
        "is_demo": bool(actor.is_demo),
        "external": standing.external,
        "home_region": getattr(actor, "home_region", None) if standing.external else None,
    }


def _function_names(snapshot: EcosystemSnapshot, lang: str) -> dict[str, str]:
    column = "name_sv" if lang == "sv" else "name_en"
    return {
        c: (n or c)
        for c, n in zip(snapshot.functions.code, snapshot.functions[column], strict=True)
    }


def _function_scope(snapshot: EcosystemSnapshot) -> dict[str, str]:
    """Function code → ``common`` (serves most strength areas) or ``unique`` (serves one)."""
    frame = classify_functions(snapshot)
    scope = {"common": "common", "near_common": "common", "unique": "unique"}
    return {
        str(code): scope[str(cls)]
        for code, cls in zip(frame.function_code, frame["class"], strict=True)
        if str(cls) in scope
    }


def _function_nodes(
    snapshot: EcosystemSnapshot, provisions: pd.DataFrame, lang: str
) -> list[dict[str, Any]]:
    colours = function_colors(snapshot)
    names = _function_names(snapshot, lang)
    used = list(dict.fromkeys(provisions.function_code))
    scope = _function_scope(snapshot) if used else {}
    nodes = []
    for code in used:
        mine = provisions[provisions.function_code == code]
        unnamed = bool(mine.actor_id.isna().all())
        reach = scope.get(code, "")
        nodes.append(
            {
                "data": {
                    "id": f"f:{code}",
                    "function": code,
                    "type": "function",
                    "label": names.get(code, code),
                    "color": colours.get(code, category_color(0)),
                    "unnamed": unnamed,
                    "scope": reach,
                    "kind_label": gettext("Support function", lang),
                },
                "classes": " ".join(
                    ["function", *([reach] if reach else []), *(["unnamed"] if unnamed else [])]
                ),
            }
        )
    return nodes


def _edges(
    snapshot: EcosystemSnapshot, members: set[str], provisions: pd.DataFrame, lang: str
) -> list[dict[str, Any]]:
    colours = function_colors(snapshot)
    edges = []
    pairs = provisions.dropna(subset=["actor_id"])[["actor_id", "function_code"]].drop_duplicates()
    for actor_id, code in pairs.itertuples(index=False):
        edges.append(
            {
                "data": {
                    "id": f"p:{actor_id}:{code}",
                    "source": f"a:{actor_id}",
                    "target": f"f:{code}",
                    "type": "provides",
                    "color": colours.get(code, category_color(0)),
                    "label": gettext("provides", lang),
                },
                "classes": "provides",
            }
        )
    links = snapshot.links[
        snapshot.links.source_id.isin(members) & snapshot.links.target_id.isin(members)
    ]
    link: Any  # an itertuples row of the snapshot's links: text ids and kind
    for i, link in enumerate(links.itertuples(index=False)):
        edges.append(
            {
                "data": {
                    "id": f"l:{i}:{link.source_id}:{link.target_id}",
                    "source": f"a:{link.source_id}",
                    "target": f"a:{link.target_id}",
                    "type": "link",
                    "kind": link.kind,
                    "label": _pick(_LINKS.get(link.kind), link.kind, lang),
                },
                "classes": f"link link-{link.kind}",
            }
        )
    return edges


def _area_parts(
    snapshot: EcosystemSnapshot,
    area_id: str | None,
    belongs: set[str],
    functions: list[str],
    lang: str,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The strength area as a node of its own and an edge from each member to it."""
    if area_id is None:
        return [], []
    node = {
        "data": {
            "id": f"s:{area_id}",
            "type": "area",
            "label": snapshot.area_names()[area_id],
            "kind_label": gettext("Strength area", lang),
        },
        "classes": "area",
    }
    edges = [
        {
            "data": {
                "id": f"m:{actor_id}:{area_id}",
                "source": f"a:{actor_id}",
                "target": f"s:{area_id}",
                "type": "member",
                "label": gettext("member of the strength area", lang),
            },
            "classes": "member",
        }
        for actor_id in sorted(belongs)
    ]
    for code in dict.fromkeys(functions):
        edges.append(
            {
                "data": {
                    "id": f"v:{code}:{area_id}",
                    "source": f"f:{code}",
                    "target": f"s:{area_id}",
                    "type": "serves",
                    "label": gettext("serves the strength area", lang),
                },
                "classes": "serves",
            }
        )
    return [node], edges


_MARKS: tuple[tuple[str, str, str], ...] = (
    ("area", "area", "The strength area itself"),
    ("member", "member", "Member of the strength area (a firm or other actor of its industries)"),
    ("serves", "serves", "The support function serves the strength area"),
    ("provides", "provides", "Provides the support function (dashed, in the function's colour)"),
    ("common", "common", "Double outline: system-common function, shared by most strength areas"),
    ("unique", "unique", "Cut corners: system-unique function, serving this strength area only"),
    ("gap", "gap", "Red octagon: a gap the rules find in this strength area"),
    ("link", "link", "A link between two actors (collaboration, funding, membership, supply)"),
    ("unnamed", "unnamed", "Red dashed outline: the function is there, but no actor is named"),
    ("hub", "hub", "Thick outline: an actor the network depends on (broker or single point)"),
    ("context", "context", "Pale with a dashed outline: linked, but outside this strength area"),
    (
        "external",
        "external",
        "Pentagon: external partner from another region that shares an EU project with the "
        "region's actors (not one of its own)",
    ),
)


def _marks(
    nodes: list[dict[str, Any]], edges: list[dict[str, Any]], lang: str
) -> list[dict[str, str]]:
    """One legend line for each kind of mark the drawing holds."""
    classes = {c for el in [*nodes, *edges] for c in el.get("classes", "").split()}
    return [
        {"mark": mark, "label": gettext(text, lang)} for cls, mark, text in _MARKS if cls in classes
    ]


def _legend(nodes: list[dict[str, Any]]) -> dict[str, list[dict[str, str]]]:
    kinds = {
        n["data"]["kind"]: n["data"]["kind_label"] for n in nodes if n["data"]["type"] == "actor"
    }
    functions = {
        n["data"]["function"]: (n["data"]["label"], n["data"]["color"])
        for n in nodes
        if n["data"]["type"] == "function"
    }
    return {
        "kinds": [
            {"code": k, "label": v, "color": kind_color(k)}
            for k, v in sorted(kinds.items(), key=lambda i: i[1])
        ],
        "functions": [{"code": k, "label": v[0], "color": v[1]} for k, v in functions.items()],
    }


def network_elements(
    snapshot: EcosystemSnapshot, area_id: str | None = None, *, lang: str
) -> dict[str, Any]:
    """Return Cytoscape.js elements ``{"nodes": [...], "edges": [...], "legend": {...}}``.

    Parameters
    ----------
    snapshot : EcosystemSnapshot
        The region's ecosystem in one round.
    area_id : str, optional
        Only the system of this strength area; ``None`` draws the whole region.
    lang : str, optional
        Language of labels (``"sv"`` or ``"en"``).

    Raises
    ------
    NotFoundError
        *area_id* is not a strength area of the snapshot.

    Examples
    --------
    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> els = network_elements(example_snapshot(), lang="en")
    >>> node = next(n["data"] for n in els["nodes"] if n["data"]["id"] == "a:umu")
    >>> node["kind_label"], node["color"]
    ('University', '#0072B2')
    """
    provisions = _area_provisions(snapshot, area_id)
    members = _members(snapshot, provisions, area_id)
    belongs = _area_members(snapshot, area_id) if area_id is not None else set()
    area_nodes, member_edges = _area_parts(
        snapshot, area_id, belongs, list(provisions.function_code), lang
    )
    nodes = (
        _actor_nodes(snapshot, members, provisions, lang, belongs)
        + _function_nodes(snapshot, provisions, lang)
        + area_nodes
    )
    edges = _edges(snapshot, members, provisions, lang) + member_edges
    legend: dict[str, Any] = _legend(nodes)
    legend["marks"] = _marks(nodes, edges, lang)
    return {"nodes": nodes, "edges": edges, "legend": legend}


def add_gaps(elements: dict[str, Any], area_id: str, gaps: list[str], lang: str) -> dict[str, Any]:
    """Return *elements* with each gap of the area drawn as a red node tied to the area node.

    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> els = network_elements(example_snapshot(), "skog", lang="en")
    >>> els = add_gaps(els, "skog", ["No X"], "en")
    >>> [n["data"]["label"] for n in els["nodes"] if n["data"]["type"] == "gap"]
    ['No X']
    >>> "gap" in [m["mark"] for m in els["legend"]["marks"]]
    True
    """
    nodes = [
        {
            "data": {
                "id": f"g:{i}",
                "type": "gap",
                "label": text,
                "kind_label": gettext("Gap", lang),
            },
            "classes": "gap-node",
        }
        for i, text in enumerate(gaps)
    ]
    edges = [
        {
            "data": {
                "id": f"gl:{i}",
                "source": f"g:{i}",
                "target": f"s:{area_id}",
                "type": "gap",
                "color": "#B2182B",
                "label": gettext("Gap", lang),
            },
            "classes": "gap",
        }
        for i in range(len(gaps))
    ]
    out = {**elements, "nodes": elements["nodes"] + nodes, "edges": elements["edges"] + edges}
    out["legend"] = dict(elements["legend"])
    out["legend"]["marks"] = _marks(out["nodes"], out["edges"], lang)
    return out


def network_table(elements: dict[str, Any], lang: str) -> pd.DataFrame:
    """The actors of a drawn network as a table (for the download and for screen readers).

    >>> from s3atlas.ecosystem.store.snapshot import example_snapshot
    >>> table = network_table(network_elements(example_snapshot(), "skog", lang="en"), lang="en")
    >>> list(table.columns)
    ['Actor', 'Kind', 'Role', 'Functions', 'Links']
    """
    rows = [
        (d["label"], d["kind_label"], d["role_label"], "; ".join(d["functions"]), d["degree"])
        for d in (n["data"] for n in elements["nodes"])
        if d["type"] == "actor"
    ]
    columns = [gettext(c, lang) for c in ("Actor", "Kind", "Role", "Functions", "Links")]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(
        [columns[4], columns[0]], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)

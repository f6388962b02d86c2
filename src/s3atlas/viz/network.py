"""The ecosystem as Cytoscape.js elements: actors coloured by kind, functions by function.

Two kinds of node are drawn: **actors** (circles, filled with the colour of
their kind, see :data:`~s3atlas.viz.palette.KIND_COLORS`, larger the more
links they have, with a thick outline when the network analysis marks them
as a single point of failure or a broker) and **support functions**
(rounded squares, one colour per function). An edge joins an actor to each
function it provides (dashed, in the function's colour) and two actors that
have a link (solid). Whether an actor is system-common or system-unique
comes from :func:`s3atlas.ecosystem.analysis_functions.classify_actors`;
hubs from :func:`s3atlas.ecosystem.analysis_network.network_measures`.

For one strength area the network holds the actors that serve it (a
provision with no area serves every area), the functions they provide to it
and the actors directly linked to them (so a cluster's member firms show).

Examples
--------
>>> from s3atlas.ecosystem.snapshot import example_snapshot
>>> els = network_elements(example_snapshot(), area_id="skog", lang="sv")
>>> sorted(n["data"]["id"] for n in els["nodes"] if n["data"]["type"] == "function")[:2]
['f:cluster_management', 'f:early_phase_excellence']
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from s3atlas.ecosystem.analysis_functions import classify_actors
from s3atlas.ecosystem.analysis_network import network_measures
from s3atlas.ecosystem.snapshot import EcosystemSnapshot
from s3atlas.ecosystem.vocabulary import DEFAULT_ACTOR_KINDS, DEFAULT_LINK_KINDS
from s3atlas.errors import NotFoundError
from s3atlas.i18n import current_language, gettext
from s3atlas.viz.palette import category_color, kind_color

__all__ = ["function_colors", "kind_label", "network_elements", "network_table"]

_KINDS = {code: (sv, en) for code, sv, en in DEFAULT_ACTOR_KINDS}
_LINKS = {code: (sv, en) for code, sv, en in DEFAULT_LINK_KINDS}


def _pick(pair: tuple[str, str] | None, fallback: str, lang: str) -> str:
    if pair is None:
        return fallback
    return pair[0] if lang == "sv" else pair[1]


def kind_label(kind: str, lang: str | None = None) -> str:
    """Return the name of an actor kind in the language (the code for kinds outside the defaults).

    >>> kind_label("university", "sv"), kind_label("university", "en")
    ('Universitet eller högskola', 'University')
    """
    return _pick(_KINDS.get(kind), kind, lang or current_language())


def function_colors(snapshot: EcosystemSnapshot) -> dict[str, str]:
    """Function code → colour, in the order of the region's vocabulary (stable across pages).

    >>> from s3atlas.ecosystem.snapshot import example_snapshot
    >>> function_colors(example_snapshot())["strategic_financing"]
    '#0072B2'
    """
    return {code: category_color(i) for i, code in enumerate(snapshot.functions.code)}


def _area_provisions(snapshot: EcosystemSnapshot, area_id: str | None) -> pd.DataFrame:
    if area_id is None:
        return snapshot.provisions
    if area_id not in set(snapshot.areas.area_id):
        raise NotFoundError("no such strength area in this region", value=area_id)
    prov = snapshot.provisions
    return prov[prov.area_id.isna() | (prov.area_id == area_id)]


def _members(
    snapshot: EcosystemSnapshot, provisions: pd.DataFrame, area_id: str | None
) -> set[str]:
    """Actors that serve the area plus those directly linked to them."""
    if area_id is None:
        return set(snapshot.actors.actor_id)
    serving = set(provisions.actor_id.dropna())
    links = snapshot.links
    near = set(links.target_id[links.source_id.isin(serving)]) | set(
        links.source_id[links.target_id.isin(serving)]
    )
    return serving | near


def _actor_nodes(
    snapshot: EcosystemSnapshot, members: set[str], provisions: pd.DataFrame, lang: str
) -> list[dict[str, Any]]:
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
        degree = int(measure["degree"]) if measure is not None else 0
        hub = bool(measure is not None and (measure["articulation"] or measure["broker"]))
        provides = sorted(
            {
                fn_names.get(c, c)
                for c in provisions.function_code[provisions.actor_id == actor.actor_id]
            }
        )
        role_code = str(role["class"]) if role is not None else "absent"
        nodes.append(
            {
                "data": {
                    "id": f"a:{actor.actor_id}",
                    "actor_id": actor.actor_id,
                    "type": "actor",
                    "label": actor.name,
                    "kind": actor.kind,
                    "kind_label": kind_label(actor.kind, lang),
                    "color": kind_color(actor.kind),
                    "role": role_code,
                    "role_label": str(role[f"class_{lang}"]) if role is not None else "",
                    "functions": provides,
                    "degree": degree,
                    "size": 26 + 6 * min(degree, 8),
                    "hub": hub,
                    "serves_area": bool(len(provides)),
                    "is_demo": bool(actor.is_demo),
                },
                "classes": " ".join(
                    [
                        "actor",
                        f"role-{role_code}",
                        *(["hub"] if hub else []),
                        *(["context"] if not provides else []),
                    ]
                ),
            }
        )
    return nodes


def _function_names(snapshot: EcosystemSnapshot, lang: str) -> dict[str, str]:
    column = "name_sv" if lang == "sv" else "name_en"
    return {
        c: (n or c)
        for c, n in zip(snapshot.functions.code, snapshot.functions[column], strict=True)
    }


def _function_nodes(
    snapshot: EcosystemSnapshot, provisions: pd.DataFrame, lang: str
) -> list[dict[str, Any]]:
    colours = function_colors(snapshot)
    names = _function_names(snapshot, lang)
    used = list(dict.fromkeys(provisions.function_code))
    nodes = []
    for code in used:
        mine = provisions[provisions.function_code == code]
        unnamed = bool(mine.actor_id.isna().all())
        nodes.append(
            {
                "data": {
                    "id": f"f:{code}",
                    "function": code,
                    "type": "function",
                    "label": names.get(code, code),
                    "color": colours.get(code, category_color(0)),
                    "unnamed": unnamed,
                    "kind_label": gettext("Support function", lang),
                },
                "classes": "function" + (" unnamed" if unnamed else ""),
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
    snapshot: EcosystemSnapshot, area_id: str | None = None, lang: str | None = None
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
    >>> from s3atlas.ecosystem.snapshot import example_snapshot
    >>> els = network_elements(example_snapshot(), lang="en")
    >>> node = next(n["data"] for n in els["nodes"] if n["data"]["id"] == "a:umu")
    >>> node["kind_label"], node["color"]
    ('University', '#0072B2')
    """
    lang = lang if lang in ("sv", "en") else current_language()
    provisions = _area_provisions(snapshot, area_id)
    members = _members(snapshot, provisions, area_id)
    nodes = _actor_nodes(snapshot, members, provisions, lang) + _function_nodes(
        snapshot, provisions, lang
    )
    return {
        "nodes": nodes,
        "edges": _edges(snapshot, members, provisions, lang),
        "legend": _legend(nodes),
    }


def network_table(elements: dict[str, Any], lang: str | None = None) -> pd.DataFrame:
    """The actors of a drawn network as a table (for the download and for screen readers).

    >>> from s3atlas.ecosystem.snapshot import example_snapshot
    >>> table = network_table(network_elements(example_snapshot(), "skog", lang="en"), lang="en")
    >>> list(table.columns)
    ['Actor', 'Kind', 'Role', 'Functions', 'Links']
    """
    lang = lang if lang in ("sv", "en") else current_language()
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

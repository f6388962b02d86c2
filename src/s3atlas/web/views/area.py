"""The strength-area page: its ecosystem network, coverage and gaps, functions, insights and rounds.

``GET /region/{region_code}/area/{area_id}`` shows one strength area
(*styrkeområde*) of a region in one mapping round (``?round=``, default the
latest) and, with ``?compare=``, what changed since another round. The round
picker asks for the same URL with htmx, which gets only the page body back.

The numbers come from :mod:`s3atlas.ecosystem` (snapshot, coverage, gap
rules, function classes, network measures, diff); this module only arranges
them for the page and the downloads.
"""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd
from fastapi import APIRouter, Depends, Request
from starlette.responses import RedirectResponse, Response

from s3atlas.classifications import find_region
from s3atlas.ecosystem.store.diff import diff
from s3atlas.ecosystem.store.queries import build_snapshot
from s3atlas.ecosystem.store.rounds import rounds_frame
from s3atlas.errors import NotFoundError
from s3atlas.i18n import gettext
from s3atlas.present.area import AreaView, area_view, coverage_table
from s3atlas.store import Store
from s3atlas.viz.network import kind_label, network_table
from s3atlas.viz.slides import describe
from s3atlas.web.deps import current_user, get_store, render, require_map_reader
from s3atlas.web.i18n import language_of
from s3atlas.web.page_cache import shared_page
from s3atlas.web.views.downloads import LINKS, Table, chart, table

__all__ = ["router"]

router = APIRouter()


def _diff_rows(
    store: Store, code: str, old: str | None, new: str, lang: str
) -> pd.DataFrame | None:
    if not old or old == new:
        return None
    frame = diff(store, code, old, new)
    labels = {
        "added": gettext("added", lang),
        "removed": gettext("removed", lang),
        "changed": gettext("changed", lang),
    }
    entities = {e: gettext(e, lang) for e in ("area", "actor", "provision", "link", "insight")}
    return frame.assign(
        change_label=frame.change.map(labels), entity_label=frame.entity.map(entities)
    )


@router.get(
    "/region/{region_code}/area/{area_id}", name="area_page", dependencies=[Depends(shared_page)]
)
def area_page(
    request: Request,
    region_code: str,
    area_id: str,
    round: str | None = None,
    compare: str | None = None,
    _reader: Any = Depends(require_map_reader),
) -> Response:
    """The strength-area page (the body only when htmx asks for it)."""
    region = find_region(region_code)
    if region.code != region_code:
        url = request.url_for("area_page", region_code=region.code, area_id=area_id)
        return RedirectResponse(
            str(url.include_query_params(**request.query_params)), status_code=307
        )
    store = get_store(request)
    lang = language_of(request)
    view = area_view(store, region.code, area_id, round, lang)
    rounds = rounds_frame(store, region.code)
    current = view.snapshot.round or ""
    user = current_user(request)
    values: dict[str, Any] = {
        "region": region,
        "view": view,
        "rounds": rounds,
        "round": current,
        "compare": compare or "",
        "round_closed": _is_closed(rounds, current),
        "diff": _diff_rows(store, region.code, compare, current, lang),
        "can_edit": bool(user and user.can_edit(region.code)),
        "query": {"round": current, **({"compare": compare} if compare else {})},
        "kind_label": kind_label,
    }
    if values["can_edit"] and not values["round_closed"]:
        values["link_editor"] = _link_editor(store, view, lang)
    template = "partials/area_body.html" if request.headers.get("hx-request") else "area.html"
    return render(request, template, **values, **LINKS)


def _is_closed(rounds: pd.DataFrame, name: str) -> bool:
    """Whether round *name* of *rounds* is closed (a round that is not there is not)."""
    closed = rounds.loc[rounds["round"] == name, "closed_at"]
    return bool(len(closed) and pd.notna(closed.iloc[0]))


def _link_editor(store: Store, view: AreaView, lang: str) -> dict[str, Any]:
    """What the link editor draws: the area's actors, their links and the link kinds."""
    from s3atlas.web.views.area_links import area_links, editable_actors, link_kinds

    drawn = editable_actors(view.network)
    return {
        "actors": drawn.to_dict("records"),
        "links": area_links(store, view.snapshot, set(drawn.id), lang),
        "kinds": link_kinds(lang),
    }


# --- downloads -----------------------------------------------------------------------


def _view_of(store: Store, code: str, params: dict[str, str], lang: str) -> AreaView:
    if "area" not in params:
        raise NotFoundError(gettext("Say which strength area: ?area=…"), column="area")
    return area_view(store, code, params["area"], params.get("round"), lang)


@table("coverage")
def _coverage_table(store: Store, code: str, params: dict[str, str], lang: str) -> Table:
    snapshot = build_snapshot(store, code, params.get("round") or None)
    return Table(
        coverage_table(snapshot, lang),
        gettext("Coverage", lang),
        gettext(
            "Ecosystem map of region {region}, round {round}",
            lang,
            region=snapshot.region_name,
            round=snapshot.round or "–",
        ),
    )


@chart("coverage")
def _coverage_chart(store: Store, code: str, params: dict[str, str], lang: str) -> dict[str, Any]:
    view = _view_of(store, code, params, lang)
    spec = copy.deepcopy(view.coverage_spec)
    return describe(
        spec,
        indicator=gettext("Support functions per phase", lang),
        period=view.snapshot.round,
        source=_source(view, lang),
    )


@table("gaps")
def _gaps_table(store: Store, code: str, params: dict[str, str], lang: str) -> Table:
    view = _view_of(store, code, params, lang)
    return Table(view.gaps, gettext("Gaps", lang), _source(view, lang))


@table("functions")
def _functions_table(store: Store, code: str, params: dict[str, str], lang: str) -> Table:
    view = _view_of(store, code, params, lang)
    frame = view.functions
    frame = frame.assign(**{"class": frame.class_label})
    columns = ["function_code", "name", "n_areas", "share", "class", "areas", "actors"]
    return Table(frame[columns], gettext("Support functions", lang), _source(view, lang))


@table("network")
def _network_table(store: Store, code: str, params: dict[str, str], lang: str) -> Table:
    view = _view_of(store, code, params, lang)
    return Table(network_table(view.network, lang), gettext("Actors", lang), _source(view, lang))


@table("diff")
def _diff_table(store: Store, code: str, params: dict[str, str], lang: str) -> Table:
    old, new = params.get("compare"), params.get("round")
    if not old or not new:
        raise NotFoundError(
            gettext("Say which two rounds to compare: ?compare=…&round=…"), column="compare"
        )
    frame = diff(store, code, old, new)
    return Table(frame, gettext("Changes between rounds", lang), f"{code}: {old} → {new}")


def _source(view: AreaView, lang: str) -> str:
    return gettext(
        "Ecosystem map of region {region}, round {round}; strength area {area}",
        lang,
        region=view.snapshot.region_name,
        round=view.snapshot.round or "–",
        area=view.area_name,
    )

"""Monitoring pages, their downloads and the monitoring API.

* ``GET /region/{code}/monitoring`` – the logic chain from each priority (or
  goal) to its indicators: value, baseline, target, a traffic light with the
  reason, a chart per indicator, and the region's peers. Editors of the region
  set baselines and targets in a form (``POST …/monitoring/target``).
* ``GET /scoreboard`` – the county scoreboard with its normalisation.
* Downloads: the region's tables through the region download registry
  (``monitoring``, ``monitoring-values``, ``peers``; chart ``indicator?code=``),
  the scoreboard's under ``/scoreboard/download`` and ``/scoreboard/chart``.
* API (under ``/api``): ``/monitoring/{code}``, ``/monitoring/{code}/values``,
  ``/monitoring/{code}/peers``, ``/scoreboard``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import RedirectResponse, Response

from s3atlas.classifications import find_region
from s3atlas.errors import InputError, NotFoundError, S3AtlasError
from s3atlas.i18n import gettext
from s3atlas.io.jsonable import records
from s3atlas.monitoring import (
    DEFAULT_TOLERANCE,
    county_code,
    county_scoreboard,
    framework_indicators,
    region_peers,
    region_report,
    values_table,
)
from s3atlas.monitoring.importing import cell_reader, indicator_from_cells
from s3atlas.monitoring.logic import current_strategy, stored_actions
from s3atlas.monitoring.priority_context import region_priorities
from s3atlas.monitoring.report import DECIMALS
from s3atlas.monitoring.sentences import in_words
from s3atlas.monitoring.store import save_indicators
from s3atlas.monitoring.tables import (
    LIST_SEPARATOR,
    group_label,
    peers_table,
    region_name,
    report_table,
    scoreboard_summary_columns,
    scoreboard_table,
    status_label,
    steps_table,
    unit_label,
)
from s3atlas.present.memo import memoised
from s3atlas.store import Store, data_fingerprint
from s3atlas.viz.downloads import MEDIA_TYPES, download_name, to_csv_bytes, to_xlsx_bytes
from s3atlas.viz.export import render as render_chart
from s3atlas.viz.monitoring import indicator_chart, scoreboard_chart
from s3atlas.web.cache import request_fingerprint
from s3atlas.web.deps import (
    current_user,
    get_store,
    render,
    require_editor,
    require_region_reader,
)
from s3atlas.web.i18n import language_of
from s3atlas.web.page_cache import shared_page
from s3atlas.web.views.downloads import LINKS, Table, attachment, chart, split_filename, table

__all__ = ["api_router", "router"]

router = APIRouter()
api_router = APIRouter()

_SOURCE = (
    "Kolada (RKA/SCB); Tillväxtanalys; SCB RAMS; © European Union, Eurostat; "
    "the workspace's imported values"
)


def _tolerance(text: str | None) -> float:
    if text in (None, ""):
        return DEFAULT_TOLERANCE
    try:
        return float(str(text).replace(",", "."))
    except ValueError:
        raise InputError(
            gettext("the tolerance is a share of the planned change, from 0 to below 1"),
            column="tolerance",
            value=text,
        ) from None


def _year(text: str | None) -> int | None:
    if text in (None, ""):
        return None
    try:
        return int(str(text))
    except ValueError:
        raise InputError(gettext("a year is a whole number"), column="year", value=text) from None


def _groups(report: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    """Indicators grouped by goal or priority, in the framework's order."""
    order: list[str] = []
    for goal in report.goal:
        if goal not in order:
            order.append(goal)
    out = []
    for goal in order:
        rows = report[report.goal == goal]
        priority = bool(rows.code.str.startswith("priority_").all())
        kind = "context" if not goal else "priority" if priority else "goal"
        objectives = [o for o in rows.objective if o]
        out.append(
            {
                "goal": goal or gettext("The region's situation (context indicators)", lang),
                "objective": objectives[0] if objectives else "",
                "kind": kind,
                "rows": rows.to_dict("records"),
            }
        )
    return out


def _charts(code: str, store: Store, lang: str) -> dict[str, dict[str, Any]]:
    """Every indicator's chart of the region (kept until the next edit: a page asks for all
    of them, and each chart download for one)."""
    key = ("monitoring-charts", data_fingerprint(store).monitoring, code, lang)
    return memoised(key, lambda: _draw_charts(code, store, lang))


def _draw_charts(code: str, store: Store, lang: str) -> dict[str, dict[str, Any]]:
    items = {i.code: i for i in framework_indicators(code, store)}
    values = values_table(code, store)
    name = region_name(code, lang)
    specs = {}
    for indicator, part in values.groupby("indicator"):
        item = items.get(str(indicator))
        if item is not None and part.value.notna().any():
            specs[str(indicator)] = indicator_chart(part, item, lang, region=name)
    return specs


def _peers(code: str, lang: str, level: str = "county") -> pd.DataFrame:
    try:
        _code, frame, _source = region_peers(code, k=5, level=level)
    except S3AtlasError:
        return pd.DataFrame()
    return peers_table(frame, lang)


def _region_values(
    store: Store, code: str, year: int | None, tolerance: float, lang: str
) -> dict[str, Any]:
    """What the monitoring page shows of the region's data (the same for every visitor)."""
    report = in_words(region_report(code, store, year=year, tolerance=tolerance), lang)
    report = report.assign(
        status_text=[status_label(s, lang) for s in report.status],
        decimals=[DECIMALS.get(u, 1) for u in report.unit],
    )
    peers = _peers(code, lang)
    nuts2 = _peers(code, lang, "nuts2")
    actions = stored_actions(store, code)
    priorities = region_priorities(code, store)
    return {
        "priority_list": {
            "version": int(priorities.version.iloc[0]) if len(priorities) else 0,
            "source": str(priorities.source.iloc[0]) if len(priorities) else "",
            "count": len(priorities),
        },
        "strategy": current_strategy(store, code),
        "actions": {str(goal): part.to_dict("records") for goal, part in actions.groupby("goal")},
        "other_actions": actions[~actions.goal.isin(set(report.goal))].to_dict("records"),
        "groups": _groups(report, lang),
        "charts": _charts(code, store, lang),
        "peers": peers.to_dict("records"),
        "peer_columns": list(peers.columns),
        "nuts2_peers": nuts2.to_dict("records"),
        "nuts2_columns": list(nuts2.columns),
        "examples": bool(report.example.any()),
        "counts": {
            status_label(str(k), lang): int(v) for k, v in report.status.value_counts().items()
        },
        "unit_labels": {u: unit_label(u, lang) for u in report.unit.unique()},
        "editable": list(zip(report.code, report["name"], strict=True)),
    }


def _page_values(
    request: Request, code: str, year: int | None, tolerance: float, error: str | None = None
) -> dict[str, Any]:
    """The page's values: the region's (computed once per state of the stored data, see
    :mod:`s3atlas.web.cache`) and the visitor's."""
    lang = language_of(request)
    store = get_store(request)
    key = (
        "monitoring",
        request_fingerprint(request, store).monitoring,
        code,
        year,
        tolerance,
        lang,
    )
    user = current_user(request)
    return {
        "region": find_region(code),
        **memoised(key, lambda: _region_values(store, code, year, tolerance, lang)),
        "can_edit": bool(user and user.can_edit(code)),
        "year": year,
        "tolerance": tolerance,
        "error": error,
        "saved": request.query_params.get("saved") == "1",
        **LINKS,
    }


@router.get(
    "/region/{region_code}/monitoring",
    name="monitoring_page",
    dependencies=[Depends(shared_page)],
)
def monitoring_page(
    request: Request,
    region_code: str,
    year: str | None = None,
    tolerance: str | None = None,
    _reader: Any = Depends(require_region_reader),
) -> Response:
    """The region's monitoring: priorities → indicators → values, targets and status; peers."""
    code = county_code(region_code)
    if code != region_code:
        url = request.url_for("monitoring_page", region_code=code)
        return RedirectResponse(
            str(url.include_query_params(**request.query_params)), status_code=307
        )
    values = _page_values(request, code, _year(year), _tolerance(tolerance))
    return render(request, "monitoring.html", **values)


@router.post("/region/{region_code}/monitoring/target", name="monitoring_target")
async def monitoring_target(
    request: Request, region_code: str, _editor: Any = Depends(require_editor)
) -> Response:
    """Set an indicator's baseline and target (editors of the region, with the CSRF token)."""
    code = county_code(region_code)
    form = await request.form()
    store = get_store(request)
    fields = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    known = {i.code: i for i in framework_indicators(code, store)}
    try:
        item = known.get(fields.get("code", ""))
        if item is None:
            raise InputError(
                gettext("no such indicator in the region's framework or in the file"),
                column="code",
                value=fields.get("code"),
            )
        fields |= {"region": code, "kind": item.kind, "name_sv": item.name_sv}
        cells = cell_reader(fields, gettext("the form", language_of(request)))
        parsed = indicator_from_cells(cells)[1]
        updated = replace(
            item,
            baseline_year=parsed.baseline_year,
            baseline_value=parsed.baseline_value,
            target_year=parsed.target_year,
            target_value=parsed.target_value,
            example=parsed.example,
        )
        save_indicators(store, code, [updated])
    except S3AtlasError as error:
        values = _page_values(request, code, None, DEFAULT_TOLERANCE, error.message())
        return render(request, "monitoring.html", status_code=error.status, **values)
    return RedirectResponse(f"/region/{code}/monitoring?saved=1#targets", status_code=303)


# --- region downloads (through the region download registry) ----------------------------


@table("monitoring")
def _monitoring_download(store: Store, code: str, params: dict[str, str], lang: str) -> Table:
    report = region_report(
        code, store, year=_year(params.get("year")), tolerance=_tolerance(params.get("tolerance"))
    )
    return Table(report_table(report, lang), gettext("Monitoring", lang), _SOURCE)


@table("monitoring-values")
def _values_download(store: Store, code: str, _params: dict[str, str], lang: str) -> Table:
    return Table(values_table(code, store), gettext("Values", lang), _SOURCE)


@table("peers")
def _peers_download(_store: Store, code: str, params: dict[str, str], lang: str) -> Table:
    level = params.get("level") or "county"
    _code, frame, source = region_peers(code, k=int(params.get("k") or 5), level=level)
    return Table(peers_table(frame, lang), gettext("Peers", lang), source)


@chart("indicator")
def _indicator_chart(store: Store, code: str, params: dict[str, str], lang: str) -> dict[str, Any]:
    wanted = params.get("code", "")
    spec = _charts(code, store, lang).get(wanted)
    if spec is None:
        raise NotFoundError(
            gettext("There is no chart {name} to download.", name=wanted), value=wanted
        )
    return spec


# --- scoreboard ------------------------------------------------------------------------


def _scoreboard(year: int | None, lang: str) -> dict[str, Any]:
    """The scoreboard's tables and chart (bundled data only: computed once per year and
    language)."""
    return memoised(("scoreboard", year, lang), lambda: _scoreboard_values(year, lang))


def _scoreboard_values(year: int | None, lang: str) -> dict[str, Any]:
    board, wide, years = county_scoreboard(year)
    names = {c: region_name(c) for c in board.scores.region}
    groups = {g: group_label(g, lang) for g in ("leader", "strong", "moderate", "emerging")}
    return {
        "table": scoreboard_table(board.scores, wide, board.normalised, lang),
        "steps": steps_table(board.steps, years, lang),
        "spec": scoreboard_chart(board.scores, names, groups, lang),
        "board": board,
        "years": years,
    }


@router.get("/scoreboard", name="scoreboard_page", dependencies=[Depends(shared_page)])
def scoreboard_page(request: Request, year: str | None = None) -> Response:
    """The composite of the context indicators for all 21 counties, normalisation shown."""
    lang = language_of(request)
    chosen = _year(year)
    data = _scoreboard(chosen, lang)
    table_frame = data["table"]
    summary = scoreboard_summary_columns(lang)
    return render(
        request,
        "scoreboard.html",
        code_column=table_frame.columns[0],
        summary_columns=summary,
        list_columns=summary[-2:],
        value_columns=[summary[0], *table_frame.columns[len(summary) + 1 :]],
        list_separator=LIST_SEPARATOR,
        rows=table_frame.to_dict("records"),
        steps_columns=list(data["steps"].columns),
        steps=data["steps"].to_dict("records"),
        spec=data["spec"],
        year=chosen,
        query=f"?year={chosen}" if chosen else "",
    )


_SCOREBOARD_TABLES = {"scoreboard": "Scoreboard", "normalisation": "Normalisation"}


@router.get("/scoreboard/download/{filename}", name="scoreboard_download")
def scoreboard_download(request: Request, filename: str, year: str | None = None) -> Response:
    """The scoreboard or its normalisation as CSV (UTF-8 with BOM) or Excel."""
    name, fmt = split_filename(filename, ("csv", "xlsx"))
    if name not in _SCOREBOARD_TABLES:
        raise NotFoundError(gettext("There is no table {name} to download.", name=name), value=name)
    lang = language_of(request)
    data = _scoreboard(_year(year), lang)
    frame = data["table"] if name == "scoreboard" else data["steps"]
    title = gettext(_SCOREBOARD_TABLES[name], lang)
    if fmt == "csv":
        body = to_csv_bytes(frame, lang=lang)
    else:
        body = to_xlsx_bytes(frame, sheet_name=title, source=_SOURCE, title=title, lang=lang)
    return attachment(body, MEDIA_TYPES[fmt], download_name(f"Sverige-{title}", fmt))


@router.get("/scoreboard/chart/{filename}", name="scoreboard_chart")
def scoreboard_chart_file(request: Request, filename: str, year: str | None = None) -> Response:
    """The scoreboard chart as PNG or SVG."""
    name, fmt = split_filename(filename, ("png", "svg"))
    if name != "scoreboard":
        raise NotFoundError(gettext("There is no chart {name} to download.", name=name), value=name)
    spec = _scoreboard(_year(year), language_of(request))["spec"]
    body, media_type = render_chart(spec, fmt)
    return attachment(body, media_type, download_name("Sverige-scoreboard", fmt))


# --- API -------------------------------------------------------------------------------


@api_router.get("/monitoring/{region_code}", summary="A county's indicators with status and reason")
def api_monitoring(
    region_code: str,
    request: Request,
    year: int | None = None,
    tolerance: float = Query(DEFAULT_TOLERANCE, ge=0, lt=1),
    _reader: Any = Depends(require_region_reader),
) -> list[dict[str, Any]]:
    code = county_code(region_code)
    return records(region_report(code, get_store(request), year=year, tolerance=tolerance))


@api_router.get("/monitoring/{region_code}/values", summary="Every value of a county's indicators")
def api_monitoring_values(
    region_code: str, request: Request, _reader: Any = Depends(require_region_reader)
) -> list[dict[str, Any]]:
    return records(values_table(county_code(region_code), get_store(request)))


@api_router.get("/monitoring/{region_code}/peers", summary="The structurally most similar regions")
def api_monitoring_peers(
    region_code: str,
    k: int = Query(5, ge=1),
    level: str = "county",
    _reader: Any = Depends(require_region_reader),
) -> dict[str, Any]:
    code, frame, source = region_peers(region_code, k=k, level=level)
    return {"region": code, "level": level, "source": source, "peers": records(frame)}


@api_router.get(
    "/monitoring/{region_code}/logic", summary="A county's strategy and its actions per goal"
)
def api_monitoring_logic(
    region_code: str, request: Request, _reader: Any = Depends(require_region_reader)
) -> dict[str, Any]:
    code = county_code(region_code)
    store = get_store(request)
    return {
        "region": code,
        "strategy": current_strategy(store, code),
        "actions": records(stored_actions(store, code)),
    }


@api_router.get("/scoreboard", summary="The county scoreboard with its normalisation")
def api_scoreboard(year: int | None = None) -> dict[str, Any]:
    board, wide, years = county_scoreboard(year)
    return {
        "years": years,
        "scores": records(board.scores),
        "values": records(wide.rename_axis("region").reset_index()),
        "normalised": records(board.normalised.rename_axis("region").reset_index()),
        "normalisation": records(board.steps),
    }

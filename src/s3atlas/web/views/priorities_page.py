"""The national priorities page: map, region × theme matrix, themes, fit and partners.

``GET /priorities`` shows what the 21 regions declare, classified into themes
by the explainable rules of :mod:`s3atlas.priorities` (each priority with the
words that matched), how common each theme is, the priorities no other region
shares, and declared against measured specialisation (SCB RAMS 2018 location
quotients). ``GET /priorities/region/{code}`` lists a region's candidate
partners with their reasons, and lets the region's editors set a priority's
themes by hand. Every table shown downloads as CSV or Excel and every chart as
PNG or SVG, from the same frames and specs the page renders. The view only
calls the core and renders; the tables and charts are built, and cached
until the stored lists or manual themes change, in :mod:`s3atlas.present.priorities`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pandas as pd
from fastapi import APIRouter, Depends, Request
from starlette.responses import RedirectResponse, Response

from s3atlas.accounts import Principal
from s3atlas.classifications import Region, counties, find_region
from s3atlas.errors import NotFoundError, S3AtlasError
from s3atlas.i18n import gettext
from s3atlas.present.memo import memoised
from s3atlas.present.priorities import (
    FIT_SOURCE,
    NATIONAL_TABLES,
    classified,
    fit_rows,
    map_chart,
    map_rows,
    map_title,
    matrix_chart,
    national_tables,
    partners_chart,
    region_partners,
    themes_chart,
    with_headers,
)
from s3atlas.priorities import (
    HORIZONTAL,
    UNCLASSIFIED,
    clear_override,
    load_taxonomy,
    overrides,
    set_override,
    theme_name,
)
from s3atlas.store import Store, data_fingerprint
from s3atlas.viz.downloads import MEDIA_TYPES, download_name, to_csv_bytes, to_xlsx_bytes
from s3atlas.viz.export import fixed_size
from s3atlas.viz.export import render as render_chart
from s3atlas.viz.slides import file_stem, slide_spec
from s3atlas.web.deps import (
    current_user,
    get_store,
    hidden_priority_lists,
    render,
    require_editor,
)
from s3atlas.web.i18n import language_of
from s3atlas.web.page_cache import shared_page
from s3atlas.web.views.downloads import attachment
from s3atlas.web.views.national import GEOJSON_URL

__all__ = ["chart_url", "router", "table_url"]

router = APIRouter()


# --- request values --------------------------------------------------------------------


def _theme_id(theme: str | None) -> str | None:
    if not theme:
        return None
    if theme not in load_taxonomy().ids:
        raise NotFoundError(gettext("There is no theme {theme}.", theme=theme), value=theme)
    return theme


# --- URLs and file responses -----------------------------------------------------------


def _base(scope: str) -> str:
    return f"/priorities/region/{scope}" if scope else "/priorities"


def _query(params: dict[str, str] | None) -> str:
    clean = {k: v for k, v in (params or {}).items() if v not in (None, "")}
    return "?" + urlencode(clean) if clean else ""


def table_url(scope: str, name: str, fmt: str, params: dict[str, str] | None = None) -> str:
    """Download URL of a table of the national page (*scope* ``""``) or of a region's page.

    >>> table_url("", "matrix", "xlsx"), table_url("24", "partners", "csv")
    ('/priorities/download/matrix.xlsx', '/priorities/region/24/download/partners.csv')
    """
    return f"{_base(scope)}/download/{name}.{fmt}{_query(params)}"


def chart_url(scope: str, name: str, fmt: str, params: dict[str, str] | None = None) -> str:
    """Download URL of a chart; the same *scope* convention as :func:`table_url`.

    >>> chart_url("", "map", "svg", {"theme": "food"})
    '/priorities/chart/map.svg?theme=food'
    """
    return f"{_base(scope)}/chart/{name}.{fmt}{_query(params)}"


def _split(filename: str, formats: tuple[str, ...], known: Any) -> tuple[str, str]:
    name, _, fmt = filename.rpartition(".")
    if not name or fmt not in formats or name not in known:
        raise NotFoundError(gettext("There is no download {name}.", name=filename), value=filename)
    return name, fmt


def _table_file(
    frame: pd.DataFrame, stem: str, title: str, source: str, fmt: str, lang: str
) -> Response:
    shown = with_headers(frame, lang)
    if fmt == "csv":
        body = to_csv_bytes(shown, lang=lang)
    else:
        body = to_xlsx_bytes(shown, sheet_name=title, source=source, title=title, lang=lang)
    return attachment(body, MEDIA_TYPES[fmt], download_name(stem, fmt))


PRIORITIES_SOURCE = "Tillväxtverket (2018), Smart specialisering i 21 regioner"


def _chart_file(
    spec: dict[str, Any], region: str, fmt: str, lang: str, source: str = PRIORITIES_SOURCE
) -> Response:
    """A chart as a slide-ready file named after its title in the page's language."""
    slide = slide_spec(fixed_size(spec), {"region": region}, source, lang=lang)
    body, media_type = render_chart(slide, fmt)
    return attachment(body, media_type, download_name(file_stem(slide["title"]["text"]), fmt))


def _county(region_code: str) -> Region:
    """The county *region_code* names (code, name or NUTS code); 404 for anything else."""
    try:
        region = find_region(region_code)
    except S3AtlasError as error:
        raise NotFoundError(
            gettext("There is no region {region}.", region=region_code), value=region_code
        ) from error
    if region.scheme != "county":
        raise NotFoundError(
            gettext("There is no region {region}.", region=region_code), value=region_code
        )
    return region


LINKS: dict[str, Any] = {"table_url": table_url, "chart_url": chart_url}


# --- views -----------------------------------------------------------------------------


def _national_view(store: Store, lang: str, hidden: frozenset[str]) -> dict[str, Any]:
    """Everything the national page shows but the map; kept until the stored data change."""
    key = ("priorities_view", data_fingerprint(store).priorities, lang, hidden)
    return memoised(key, lambda: _build_national_view(store, lang, hidden))


def _build_national_view(store: Store, lang: str, hidden: frozenset[str]) -> dict[str, Any]:
    c = classified(store, lang, hidden)
    tables = national_tables(store, lang, hidden)
    regions = tables["matrix"][["county_code", "region", "themes"]]
    unique_counts = tables["unique"].groupby("county_code").size()
    return {
        "matrix_spec": matrix_chart(tables["matrix"], lang),
        "themes_spec": themes_chart(tables["themes"], lang),
        "regions": regions.assign(
            unique=regions.county_code.map(unique_counts).fillna(0).astype(int)
        ),
        "priorities": _grouped(tables["classification"]),
        "themes": tables["themes"].to_dict("records"),
        "unique": tables["unique"].to_dict("records"),
        "fit": fit_rows(tables["fit"], lang),
        "fit_declared": int((tables["fit"].status != "undeclared_strength").sum()),
        "priority_count": int(c.drop_duplicates(["county_code", "priority"]).shape[0]),
        "theme_options": [(t.id, t.name(lang)) for t in load_taxonomy().themes],
        "county_names": dict(zip(regions.county_code, regions.region, strict=True)),
    }


def _map(
    store: Store, lang: str, hidden: frozenset[str], theme: str | None, inline: bool
) -> dict[str, Any]:
    key = ("priorities_map", data_fingerprint(store).priorities, lang, hidden, theme, inline)
    return memoised(
        key,
        lambda: map_chart(
            classified(store, lang, hidden), theme, lang, None if inline else GEOJSON_URL
        ),
    )


@router.get("/priorities", name="priorities_page", dependencies=[Depends(shared_page)])
def priorities_page(
    request: Request, theme: str | None = None, store: Store = Depends(get_store)
) -> Response:
    """The national overview of declared priorities."""
    lang = language_of(request)
    chosen = _theme_id(theme)
    hidden = hidden_priority_lists(request)
    view = _national_view(store, lang, hidden)
    values = map_rows(classified(store, lang, hidden), chosen)[["code", "value"]]
    regions = (
        view["regions"].merge(values, left_on="county_code", right_on="code").to_dict("records")
    )
    return render(
        request,
        "priorities.html",
        **{**view, "regions": regions},
        theme=chosen,
        params={"theme": chosen or ""},
        map_spec=_map(store, lang, hidden, chosen, False),
        map_title=map_title(chosen, lang),
        horizontal=HORIZONTAL,
        **LINKS,
    )


def _grouped(classification: pd.DataFrame, only: str | None = None) -> list[dict[str, Any]]:
    """Regions in county order (or just *only*), each with its priorities and their themes."""
    names = dict(zip(counties().county_code, counties().name, strict=True))
    records: list[dict[str, Any]] = classification.to_dict("records")  # type: ignore[assignment]
    out = []
    for code in [only] if only else counties().county_code:
        items: dict[str, list[dict[str, Any]]] = {}
        for row in records:
            if row["county_code"] == code:
                items.setdefault(row["priority"], []).append(row)
        out.append(
            {
                "code": code,
                "name": names[code],
                "priorities": [{"priority": k, "matches": v} for k, v in items.items()],
            }
        )
    return out


@router.get("/priorities/download/{filename}", name="priorities_download")
def priorities_download(
    request: Request, filename: str, store: Store = Depends(get_store)
) -> Response:
    """A table of the national page as CSV (UTF-8 with BOM) or Excel."""
    name, fmt = _split(filename, ("csv", "xlsx"), NATIONAL_TABLES)
    lang = language_of(request)
    title, _build, source = NATIONAL_TABLES[name]
    title = gettext(title, lang)
    frame = national_tables(store, lang, hidden_priority_lists(request))[name]
    return _table_file(frame, f"prioriteringar-{title}", title, source, fmt, lang)


_NATIONAL_CHARTS = ("map", "matrix", "themes")


@router.get("/priorities/chart/{filename}", name="priorities_chart")
def priorities_chart(
    request: Request, filename: str, theme: str | None = None, store: Store = Depends(get_store)
) -> Response:
    """A chart of the national page as PNG or SVG, drawn from the spec the page embeds."""
    name, fmt = _split(filename, ("png", "svg"), _NATIONAL_CHARTS)
    lang = language_of(request)
    hidden = hidden_priority_lists(request)
    if name == "map":
        spec = _map(store, lang, hidden, _theme_id(theme), True)
    else:
        spec = _national_view(store, lang, hidden)[f"{name}_spec"]
    return _chart_file(spec, gettext("Sweden, 21 counties", lang), fmt, lang)


def _region_values(request: Request, region: Region) -> dict[str, Any]:
    lang = language_of(request)
    store = get_store(request)
    hidden = hidden_priority_lists(request)
    found = region_partners(store, lang, region.code, hidden)
    user: Principal | None = current_user(request)
    manual = overrides(store)
    mine = _grouped(national_tables(store, lang, hidden)["classification"], region.code)
    taxonomy = load_taxonomy()
    return {
        "region": region,
        "partners": found.to_dict("records"),
        "partners_spec": partners_chart(found, region, lang) if len(found) else None,
        "region_priorities": mine[0]["priorities"],
        "manual": manual[manual.county_code == region.code].to_dict("records"),
        "theme_options": [(t.id, t.name(lang)) for t in taxonomy.themes]
        + [(UNCLASSIFIED, theme_name(UNCLASSIFIED, lang))],
        "can_edit": bool(user and user.can_edit(region.code)),
        "error": None,
        "saved": request.query_params.get("saved") == "1",
        **LINKS,
    }


@router.get(
    "/priorities/region/{region_code}",
    name="priorities_region",
    dependencies=[Depends(shared_page)],
)
def priorities_region(request: Request, region_code: str) -> Response:
    """One region's priorities with their themes, and its candidate partners with the reasons."""
    region = _county(region_code)
    if region.code != region_code:
        url = request.url_for("priorities_region", region_code=region.code)
        return RedirectResponse(
            str(url.include_query_params(**request.query_params)), status_code=307
        )
    return render(request, "priorities_region.html", **_region_values(request, region))


@router.get(
    "/priorities/region/{region_code}/download/{filename}", name="priorities_region_download"
)
def priorities_region_download(
    request: Request, region_code: str, filename: str, store: Store = Depends(get_store)
) -> Response:
    """The region's partner table as CSV or Excel."""
    region = _county(region_code)
    _split(filename, ("csv", "xlsx"), ("partners",))
    lang = language_of(request)
    frame = region_partners(store, lang, region.code, hidden_priority_lists(request))
    title = gettext("Candidate partners", lang)
    return _table_file(
        frame, f"{region.short_name}-{title}", title, FIT_SOURCE, filename.rpartition(".")[2], lang
    )


@router.get("/priorities/region/{region_code}/chart/{filename}", name="priorities_region_chart")
def priorities_region_chart(
    request: Request, region_code: str, filename: str, store: Store = Depends(get_store)
) -> Response:
    """The region's partner scores as PNG or SVG."""
    region = _county(region_code)
    _name, fmt = _split(filename, ("png", "svg"), ("partners",))
    lang = language_of(request)
    spec = partners_chart(
        region_partners(store, lang, region.code, hidden_priority_lists(request)),
        region,
        lang,
    )
    return _chart_file(spec, region.name, fmt, lang)


@router.post(
    "/priorities/region/{region_code}/override",
    name="priorities_override",
    dependencies=[Depends(require_editor)],
)
async def priorities_override(request: Request, region_code: str) -> Response:
    """Set (or clear) a priority's themes by hand: the region's editors, with the CSRF token."""
    region = _county(region_code)
    form = await request.form()
    priority = str(form.get("priority") or "")
    store = get_store(request)
    try:
        if form.get("action") == "clear":
            clear_override(store, region.code, priority)
        else:
            themes = [str(t) for t in form.getlist("themes")]
            set_override(store, region.code, priority, themes, str(form.get("note") or "").strip())
    except S3AtlasError as error:
        values = _region_values(request, region)
        values["error"] = error.message()
        return render(request, "priorities_region.html", status_code=error.status, **values)
    return RedirectResponse(f"/priorities/region/{region.code}?saved=1#manual", status_code=303)

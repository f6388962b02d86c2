"""Downloads of every table and chart shown on the region, area and actor pages.

``GET /region/{region_code}/download/{name}.csv|xlsx`` and
``GET /region/{region_code}/chart/{name}.png|svg`` look *name* up in a
registry that the page modules fill with :func:`table` and :func:`chart`; the
rest of the query string (``area``, ``round``, ``compare``, …) goes to the
builder, so a download link is the page's own parameters. Files are in the
page's language, and a table's Excel file names its source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
from fastapi import APIRouter, Request
from starlette.responses import Response

from s3atlas.accounts.publishing import Part
from s3atlas.classifications import find_region
from s3atlas.errors import NotFoundError
from s3atlas.i18n import gettext
from s3atlas.store import Store
from s3atlas.viz.downloads import MEDIA_TYPES, download_name, to_csv_bytes, to_xlsx_bytes
from s3atlas.viz.export import fixed_size
from s3atlas.viz.export import render as render_chart
from s3atlas.viz.slides import file_stem, slide_spec
from s3atlas.web.deps import check_part, get_store
from s3atlas.web.i18n import language_of

__all__ = [
    "CHARTS",
    "LINKS",
    "PARTS",
    "TABLES",
    "Table",
    "attachment",
    "chart",
    "chart_url",
    "router",
    "split_filename",
    "table",
    "table_response",
    "table_url",
]

router = APIRouter()


@dataclass
class Table:
    """A table to download: the frame as shown, its title and where the numbers come from."""

    frame: pd.DataFrame
    title: str
    source: str
    percent: tuple[str, ...] = ()
    """Columns of shares that the page shows as percent; the files write them as percent."""


TableBuilder = Callable[[Store, str, dict[str, str], str], Table]
ChartBuilder = Callable[[Store, str, dict[str, str], str], dict[str, Any]]
TABLES: dict[str, TableBuilder] = {}
"""Table name → builder(store, region code, query parameters, language)."""
CHARTS: dict[str, ChartBuilder] = {}
"""Chart name → builder(store, region code, query parameters, language) → Vega-Lite spec."""


PARTS: dict[str, Part] = {}
"""Table or chart name → the part of the region it shows (what publishing opens)."""


def table(name: str, part: Part = Part.ECOSYSTEM_MAP) -> Callable[[TableBuilder], TableBuilder]:
    """Register a table builder under *name* (a page module calls this at import).

    *part* says who may download it (:mod:`s3atlas.accounts.publishing`); a table is
    part of the ecosystem map unless its module says it is statistics.
    """

    def register(builder: TableBuilder) -> TableBuilder:
        TABLES[name] = builder
        PARTS[f"table:{name}"] = part
        return builder

    return register


def chart(name: str, part: Part = Part.ECOSYSTEM_MAP) -> Callable[[ChartBuilder], ChartBuilder]:
    """Register a chart builder under *name* (*part* as for :func:`table`)."""

    def register(builder: ChartBuilder) -> ChartBuilder:
        CHARTS[name] = builder
        PARTS[f"chart:{name}"] = part
        return builder

    return register


def _query(params: dict[str, str] | None) -> str:
    clean = {k: v for k, v in (params or {}).items() if v not in (None, "")}
    return ("?" + "&".join(f"{k}={_quote(str(v))}" for k, v in clean.items())) if clean else ""


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


def table_url(region_code: str, name: str, fmt: str, params: dict[str, str] | None = None) -> str:
    """The download URL of a registered table.

    >>> table_url("24", "gaps", "xlsx", {"area": "3", "round": "2025 Q1"})
    '/region/24/download/gaps.xlsx?area=3&round=2025%20Q1'
    """
    return f"/region/{region_code}/download/{name}.{fmt}{_query(params)}"


def chart_url(region_code: str, name: str, fmt: str, params: dict[str, str] | None = None) -> str:
    """The download URL of a registered chart.

    >>> chart_url("24", "bubble", "png")
    '/region/24/chart/bubble.png'
    """
    return f"/region/{region_code}/chart/{name}.{fmt}{_query(params)}"


LINKS: dict[str, Any] = {"table_url": table_url, "chart_url": chart_url}
"""Template helpers for download links; pages pass them to ``render``."""


def split_filename(filename: str, formats: tuple[str, ...]) -> tuple[str, str]:
    """Split ``name.fmt`` and check the format; an unknown one is a 404 in the one error shape."""
    name, _, fmt = filename.rpartition(".")
    if not name or fmt not in formats:
        raise NotFoundError(
            gettext("Unknown download; use {formats}.", formats=", ".join(formats)), value=filename
        )
    return name, fmt


#: The parameter that tells a builder which regions' stored priority lists the visitor may not
#: read; set by the server from the visitor's rights, never taken from the query.
HIDDEN_LISTS = "_hidden_lists"


def _params(request: Request) -> dict[str, str]:
    from s3atlas.web.deps import hidden_priority_lists

    given = {k: v for k, v in request.query_params.items() if k not in ("lang", HIDDEN_LISTS)}
    return {**given, HIDDEN_LISTS: ",".join(sorted(hidden_priority_lists(request)))}


def hidden_lists(params: dict[str, str]) -> frozenset[str]:
    """Return the regions whose stored priority lists a download must leave out."""
    return frozenset(code for code in params.get(HIDDEN_LISTS, "").split(",") if code)


def attachment(body: bytes, media_type: str, filename: str) -> Response:
    """A file response that the browser saves under *filename*."""
    return Response(
        body,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


def _offered(
    request: Request, region_code: str, part: str, known: bool, missing: str
) -> tuple[Any, str]:
    """The region and language of a download the reader may have; *missing* when it is none."""
    if not known:
        raise NotFoundError(missing, value=part.split(":", 1)[1])
    check_part(request, region_code, PARTS[part])
    return find_region(region_code), language_of(request)


@router.get("/region/{region_code}/download/{filename}", name="download_table")
def download_table(request: Request, region_code: str, filename: str) -> Response:
    """A table as CSV (UTF-8 with BOM; ``;`` and decimal comma in Swedish) or Excel."""
    name, fmt = split_filename(filename, ("csv", "xlsx"))
    missing = gettext("There is no table {name} to download.", name=name)
    region, lang = _offered(request, region_code, f"table:{name}", name in TABLES, missing)
    found = TABLES[name](get_store(request), region.code, _params(request), lang)
    return table_response(found, region, fmt, lang)


def table_response(found: Table, region: Any, fmt: str, lang: str) -> Response:
    """A :class:`Table` as a CSV or Excel attachment named after the region and the table."""
    if fmt not in MEDIA_TYPES:
        raise NotFoundError(
            gettext("Unknown download; use {formats}.", formats="csv, xlsx"), value=fmt
        )
    stem = f"{region.short_name}-{found.title}"
    if fmt == "csv":
        body = to_csv_bytes(found.frame, lang=lang, percent=found.percent)
    else:
        body = to_xlsx_bytes(
            found.frame,
            sheet_name=found.title,
            source=found.source,
            title=f"{region.name}: {found.title}",
            lang=lang,
            percent=found.percent,
        )
    return attachment(body, MEDIA_TYPES[fmt], download_name(stem, fmt))


@router.get("/region/{region_code}/chart/{filename}", name="download_chart")
def download_chart(request: Request, region_code: str, filename: str) -> Response:
    """A chart as PNG or SVG for a slide: the page's spec with title, facts and source on it."""
    name, fmt = split_filename(filename, ("png", "svg"))
    missing = gettext("There is no chart {name} to download.", name=name)
    region, lang = _offered(request, region_code, f"chart:{name}", name in CHARTS, missing)
    spec = CHARTS[name](get_store(request), region.code, _params(request), lang)
    slide = slide_spec(fixed_size(spec), {"region": region.name}, lang=lang)
    body, media_type = render_chart(slide, fmt)
    stem = file_stem(region.short_name, slide["title"]["text"] or name)
    return attachment(body, media_type, download_name(stem, fmt))

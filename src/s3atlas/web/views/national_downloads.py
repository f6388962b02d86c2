"""Downloads of the national overview: the ranking, the themes, the priorities and the map.

``GET /national/download/{name}.csv|xlsx`` (``ranking``, ``themes``,
``priorities``) and ``GET /national/chart/map.png|svg``; ``?indicator=`` picks
the map's indicator as on the page. The numbers are the page's own.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from s3atlas.analysis.national import DEFAULT_INDICATOR, INDICATORS
from s3atlas.classifications import county_borders
from s3atlas.errors import NotFoundError
from s3atlas.i18n import gettext
from s3atlas.priorities import overrides, priority_themes
from s3atlas.store import Store
from s3atlas.viz.downloads import MEDIA_TYPES, download_name, to_csv_bytes, to_xlsx_bytes
from s3atlas.viz.export import render as render_chart
from s3atlas.viz.slides import file_stem, slide_spec
from s3atlas.web.deps import get_store, hidden_priority_lists
from s3atlas.web.i18n import language_of
from s3atlas.web.views.downloads import attachment, split_filename
from s3atlas.web.views.national import GEOJSON_URL, _current_priorities, map_rows, map_spec

__all__ = ["router"]

router = APIRouter()

_TABLES = {
    "ranking": "Regions ranked",
    "themes": "Shared themes",
    "priorities": "Declared priorities per region",
}
_SOURCE = (
    "Tillväxtverket (2018), Smart specialisering i 21 regioner; "
    "the region's newer list where one is stored"
)


def _indicator(key: str) -> str:
    return key if key in INDICATORS else DEFAULT_INDICATOR


def _frame(
    store: Store, name: str, key: str, lang: str, hidden: frozenset[str]
) -> tuple[pd.DataFrame, str]:
    priorities = _current_priorities(store, hidden)
    if name == "ranking":
        indicator = INDICATORS[key]
        rows = pd.DataFrame(map_rows(key, lang, priorities))[["code", "name", "value"]]
        rows = rows.sort_values("value", ascending=False, na_position="last")
        label = gettext(indicator.label, lang)
        return rows.rename(columns={"value": label}), indicator.source
    if name == "themes":
        return priority_themes(priorities, lang, overrides(store)), _SOURCE
    return priorities[["county_code", "region", "priority"]], _SOURCE


@router.get("/national/download/{filename}", name="national_download")
def national_download(
    request: Request,
    filename: str,
    indicator: str = DEFAULT_INDICATOR,
    store: Store = Depends(get_store),
) -> Response:
    """A table of the national page as CSV (UTF-8 with BOM) or Excel."""
    name, fmt = split_filename(filename, ("csv", "xlsx"))
    if name not in _TABLES:
        raise NotFoundError(gettext("There is no table {name} to download.", name=name), value=name)
    lang = language_of(request)
    hidden = hidden_priority_lists(request)
    frame, source = _frame(store, name, _indicator(indicator), lang, hidden)
    title = gettext(_TABLES[name], lang)
    if fmt == "csv":
        body = to_csv_bytes(frame, lang=lang)
    else:
        body = to_xlsx_bytes(frame, sheet_name=title, source=source, title=title, lang=lang)
    return attachment(body, MEDIA_TYPES[fmt], download_name(f"Sverige-{title}", fmt))


def _inline_borders(spec: Any, borders: dict[str, Any]) -> Any:
    """The spec with the county borders inline: the file renderer cannot fetch the page's URL."""
    if isinstance(spec, dict):
        if spec.get("url") == GEOJSON_URL:
            spec = {k: v for k, v in spec.items() if k != "url"} | {"values": borders}
        return {k: _inline_borders(v, borders) for k, v in spec.items()}
    if isinstance(spec, list):
        return [_inline_borders(v, borders) for v in spec]
    return spec


@router.get("/national/chart/{filename}", name="national_chart")
def national_chart(
    request: Request,
    filename: str,
    indicator: str = DEFAULT_INDICATOR,
    store: Store = Depends(get_store),
) -> Response:
    """The national map as PNG or SVG, drawn from the spec the page embeds."""
    name, fmt = split_filename(filename, ("png", "svg"))
    if name != "map":
        raise NotFoundError(gettext("There is no chart {name} to download.", name=name), value=name)
    lang = language_of(request)
    key = _indicator(indicator)
    priorities = _current_priorities(store, hidden_priority_lists(request))
    spec = map_spec(key, map_rows(key, lang, priorities), lang)
    spec["width"] = 480  # a file has no container to fill
    shown = INDICATORS[key]
    facts = {
        "indicator": gettext(shown.label, lang),
        "region": gettext("Sweden, 21 counties", lang),
    }
    slide = slide_spec(spec, facts, shown.source, lang=lang)
    body, media_type = render_chart(_inline_borders(slide, county_borders()), fmt)
    stem = file_stem(gettext("Sweden", lang), gettext("Map", lang), gettext(shown.label, lang))
    return attachment(body, media_type, download_name(stem, fmt))

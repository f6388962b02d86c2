"""The national overview: a map of the 21 counties by indicator and every region's priorities.

The numbers come from :mod:`s3atlas.analysis.national` (county indicators) and
:mod:`s3atlas.priorities` (the regions' lists and their themes); the map is
:func:`s3atlas.viz.county_map.quintile_map` over the bundled county borders
(:func:`s3atlas.classifications.county_borders`), which the browser fetches
from :data:`GEOJSON_URL` and vega-embed draws. This module routes, caches and
renders.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from s3atlas.analysis.national import DEFAULT_INDICATOR, INDICATORS, county_indicator
from s3atlas.classifications import county_borders_bytes
from s3atlas.i18n import gettext
from s3atlas.memo import content_key
from s3atlas.present.memo import memoised
from s3atlas.priorities import (
    current_priorities,
    overrides,
    priority_themes,
    region_priorities,
)
from s3atlas.store import Store, data_fingerprint
from s3atlas.viz.county_map import quintile_map
from s3atlas.web.cache import request_fingerprint
from s3atlas.web.deps import get_store, hidden_priority_lists, render
from s3atlas.web.page_cache import shared_page

__all__ = [
    "GEOJSON_URL",
    "map_rows",
    "map_spec",
    "router",
]

router = APIRouter()
GEOJSON_URL = "/national/counties.geojson"


# --- the map ------------------------------------------------------------------


def map_rows(key: str, lang: str, priorities: pd.DataFrame | None = None) -> list[dict[str, Any]]:
    """Return one row per county: code, name, value, formatted label and region-page URL."""
    indicator = INDICATORS[key]
    frame = county_indicator(key, priorities)
    values = [None if pd.isna(v) else float(v) for v in frame.value]
    return [
        {
            "code": code,
            "name": name,
            "short_name": short_name,
            "value": value,
            "label": indicator.format(value, lang),
            "url": f"/region/{code}",
        }
        for code, name, short_name, value in zip(
            frame.code, frame.name, frame.short_name, values, strict=True
        )
    ]


def map_spec(key: str, rows: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    """Return the Vega-Lite map of *rows* (from :func:`map_rows`) over the county borders."""
    indicator = INDICATORS[key]
    return quintile_map(
        rows,
        GEOJSON_URL,
        value_title=gettext(indicator.label, lang=lang),
        format=lambda value: indicator.format(value, lang),
        lang=lang,
    )


# --- priorities ---------------------------------------------------------------


def _current_priorities(store: Store, hidden: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Return every region's current priority list (kept until the stored data change).

    *hidden*: regions whose stored list the reader may not see yet (they get the bundled one).
    """
    key = ("priorities", data_fingerprint(store).priorities, hidden)
    return memoised(key, lambda: current_priorities(store, hidden))


# --- views --------------------------------------------------------------------


@router.get("/national/counties.geojson", include_in_schema=False)
def counties_geojson() -> Response:
    """The simplified county borders the map draws (cached by browsers for a day)."""
    return Response(
        county_borders_bytes(),
        media_type="application/geo+json",
        headers={"Cache-Control": "public, max-age=86400"},
    )


def _overview(store: Store, key: str, lang: str, hidden: frozenset[str]) -> dict[str, Any]:
    """Everything the page shows except who is asking.

    The map and the themes are kept by what they show (the rows, the lists), so readers
    who may see different lists share them wherever the lists are the same.
    """
    priorities = _current_priorities(store, hidden)
    rows = map_rows(key, lang, priorities)
    lists = content_key(priorities)
    themes_key = ("national_themes", data_fingerprint(store).priorities, lists, lang)
    map_key = ("national_map", key, lang, json.dumps(rows, sort_keys=True))
    return {
        "indicator": INDICATORS[key],
        "rows": sorted(rows, key=lambda r: (r["value"] is None, -(r["value"] or 0))),
        "spec_json": memoised(map_key, lambda: _spec_json(key, rows, lang)),
        "themes": memoised(
            themes_key,
            lambda: priority_themes(priorities, lang, overrides(store)).to_dict("records"),
        ),
        "regions": region_priorities(priorities),
        "priority_count": len(priorities),
    }


def _spec_json(key: str, rows: list[dict[str, Any]], lang: str) -> str:
    """The map's spec as the page embeds it (inside a script element)."""
    return json.dumps(map_spec(key, rows, lang), ensure_ascii=False).replace("</", "<\\/")


def _query(params: dict[str, str] | None) -> str:
    return "?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else ""


def national_table_url(
    _scope: str, name: str, fmt: str, params: dict[str, str] | None = None
) -> str:
    """Download URL of a national table.

    >>> national_table_url("", "ranking", "csv", {"indicator": "rd_total"})
    '/national/download/ranking.csv?indicator=rd_total'
    """
    return f"/national/download/{name}.{fmt}{_query(params)}"


def national_chart_url(
    _scope: str, name: str, fmt: str, params: dict[str, str] | None = None
) -> str:
    """Download URL of a national chart (the map)."""
    return f"/national/chart/{name}.{fmt}{_query(params)}"


NATIONAL_LINKS: dict[str, Any] = {"table_url": national_table_url, "chart_url": national_chart_url}
"""Template helpers for the national page's download links."""


@router.get("/", name="national", dependencies=[Depends(shared_page)])
def national_page(
    request: Request, indicator: str = DEFAULT_INDICATOR, store: Store = Depends(get_store)
) -> Response:
    """The national overview page."""
    key = indicator if indicator in INDICATORS else DEFAULT_INDICATOR
    lang, hidden = request.state.lang, hidden_priority_lists(request)
    view = memoised(
        ("national", key, lang, request_fingerprint(request, store).priorities, hidden),
        lambda: _overview(store, key, lang, hidden),
    )
    return render(request, "national.html", indicators=INDICATORS, **view, **NATIONAL_LINKS)

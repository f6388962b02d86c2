"""Vega-Lite charts of the national priorities overview: the county map and the theme matrix.

Both builders take plain tables and return a Vega-Lite ``dict`` (built with
Altair) that the page embeds and :mod:`s3atlas.viz.export` turns into PNG or
SVG, so the picture on the page and the downloaded file are the same. Numbers
follow the language through ``config.locale`` (:func:`~s3atlas.viz.spec.locale_config`).

The map colours each county by one number (how many themes the region
declares, or how many of its priorities fall in a chosen theme); counties
without a value stay grey and are labelled "none" in the tooltip, so the map
does not rely on colour alone. It is drawn by the one county map builder,
:func:`s3atlas.viz.county_map.county_choropleth`.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"region": ["Gotland", "Gotland", "Kalmar"],
...                       "theme": ["Food", "Visitor economy", "Food"], "count": [1, 2, 1]})
>>> spec = theme_matrix(frame, region_order=["Gotland", "Kalmar"], lang="en")
>>> sorted((v["region"], v["theme"], v["count"]) for v in values_of(spec, 0))[:3]
[('Gotland', 'Food', 1), ('Gotland', 'Visitor economy', 2), ('Kalmar', 'Food', 1)]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from s3atlas.errors import InputError
from s3atlas.i18n import gettext
from s3atlas.viz.county_map import Borders, county_choropleth
from s3atlas.viz.palette import OUTLINE, SEQUENTIAL
from s3atlas.viz.spec import chart_language, finish_spec, values_of

_SCHEME: Any = SEQUENTIAL  # a Vega scheme name; Altair types it as a closed literal

__all__ = ["theme_map", "theme_matrix", "values_of"]

_EMPTY = "#EEF1F4"


def _lang(lang: str) -> str:
    return chart_language(lang)


def theme_map(
    rows: pd.DataFrame,
    borders: Borders,
    *,
    value_title: str,
    lang: str,
    title: str | None = None,
) -> dict[str, Any]:
    """Choropleth of the 21 counties by one count per region.

    Parameters
    ----------
    rows : DataFrame
        One row per county: ``code`` (two digits), ``name``, ``value``
        (a count ≥ 0; 0 is drawn grey) and ``url`` (where a click goes).
    borders : str or list of GeoJSON features
        A URL of a FeatureCollection (``properties.code``) or the features themselves.
    value_title : str
        What the number is, for the legend and tooltip.

    Examples
    --------
    >>> rows = pd.DataFrame({"code": ["01"], "name": ["Stockholm"], "value": [3],
    ...                      "url": ["/region/01"]})
    >>> spec = theme_map(rows, "/national/counties.geojson", value_title="Themes", lang="sv")
    >>> [row["label"] for row in next(iter(spec["datasets"].values()))]
    ['3']
    """
    lang = _lang(lang)
    missing = {"code", "name", "value", "url"} - set(rows.columns)
    if missing:
        raise InputError(
            gettext("the map needs the columns {columns}", columns=", ".join(sorted(missing))),
            column=sorted(missing)[0],
        )
    values = _county_values(rows, lang)
    color = alt.Color(
        "value:Q",
        title=value_title,
        scale=alt.Scale(scheme=_SCHEME, domain=[0, max([*(v["value"] for v in values), 1])]),
        legend=alt.Legend(format="d", gradientLength=200, titleLimit=320, tickMinStep=1),
    )
    description = gettext(
        "Map of Sweden's 21 counties coloured by {what}; grey counties have none.",
        lang,
        what=value_title,
    )
    return county_choropleth(
        values,
        borders,
        fields=["value", "label", "name", "url"],
        color=color,
        value_title=value_title,
        shown="isValid(datum.value) && datum.value > 0",
        height=520,
        name="priority-map",
        description=description,
        lang=lang,
        title=title or "",
        grey_tooltip=True,
    )


def _county_values(rows: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    """One record per county: code, name, count (``value``), url and the ``label`` of the count."""
    counts = pd.to_numeric(rows["value"], errors="coerce").fillna(0).astype(int).tolist()
    return [
        {
            "code": str(code),
            "name": str(name),
            "value": value,
            "url": str(url),
            "label": str(value) if value else gettext("none", lang),
        }
        for code, name, url, value in zip(
            rows["code"], rows["name"], rows["url"], counts, strict=True
        )
    ]


def theme_matrix(
    frame: pd.DataFrame,
    *,
    region: str = "region",
    theme: str = "theme",
    count: str = "count",
    region_order: Sequence[str] | None = None,
    theme_order: Sequence[str] | None = None,
    lang: str,
    title: str | None = None,
) -> dict[str, Any]:
    """Heatmap of the region × theme matrix: how many of a region's priorities fall in each theme.

    Every cell of the full grid is drawn; an empty cell (0) is pale and
    unlabelled, a filled cell shows its count as text (not colour alone).

    Parameters
    ----------
    frame : DataFrame
        Long table with the columns *region*, *theme* (display names) and *count*.
    region_order, theme_order : sequence of str, optional
        Order of the rows and the columns (default: first appearance).
    """
    lang = _lang(lang)
    missing = [c for c in (region, theme, count) if c not in frame.columns]
    if missing:
        raise InputError(
            gettext("the matrix needs the columns {columns}", columns=", ".join(missing)),
            column=missing[0],
        )
    data = pd.DataFrame(
        {
            "region": frame[region].astype(str),
            "theme": frame[theme].astype(str),
            "count": pd.to_numeric(frame[count], errors="coerce").fillna(0).astype(int),
        }
    )
    regions = list(region_order) if region_order is not None else list(dict.fromkeys(data.region))
    themes = list(theme_order) if theme_order is not None else list(dict.fromkeys(data.theme))
    data = _labelled_cells(_matrix_grid(data, regions, themes))
    x = alt.X(
        "theme:N",
        sort=themes,
        title=None,
        axis=alt.Axis(labelAngle=-45, labelLimit=320, orient="top"),
    )
    y = alt.Y("region:N", sort=regions, title=None, axis=alt.Axis(labelLimit=150))
    cells, text = _matrix_layers(data, x, y, lang)
    chart = alt.layer(cells, text).properties(
        width=alt.Step(30), height=alt.Step(22), title=title or ""
    )
    description = gettext(
        "Heatmap of regions (rows) and themes (columns); a number is how many of the "
        "region's priorities fall in the theme, an empty cell none.",
        lang,
    )
    return finish_spec(
        chart, name="theme-matrix", description=description, lang=lang, legend_columns=None
    )


def _matrix_grid(data: pd.DataFrame, regions: list[str], themes: list[str]) -> pd.DataFrame:
    """Every region × theme cell in the given orders with its summed count (0 where none)."""
    grid = pd.MultiIndex.from_product([regions, themes], names=["region", "theme"]).to_frame(
        index=False
    )
    data = grid.merge(data.groupby(["region", "theme"], as_index=False)["count"].sum(), how="left")
    data["count"] = data["count"].fillna(0).astype(int)
    return data


def _labelled_cells(data: pd.DataFrame) -> pd.DataFrame:
    """The cells with the ``label`` of their count (empty for 0) and its text ``ink``."""
    data["label"] = [str(c) if c else "" for c in data["count"]]
    high = max(int(data["count"].max() or 0), 1)
    data["ink"] = ["#FFFFFF" if c > high * 0.5 else OUTLINE for c in data["count"]]
    return data


def _matrix_layers(
    data: pd.DataFrame, x: alt.X, y: alt.Y, lang: str
) -> tuple[alt.Chart, alt.Chart]:
    """The matrix cells (empty ones pale) and their count labels, sharing one tooltip."""
    what = gettext("Priorities", lang)
    tooltip = [
        alt.Tooltip("region:N", title=gettext("Region", lang)),
        alt.Tooltip("theme:N", title=gettext("Theme", lang)),
        alt.Tooltip("count:Q", title=what),
    ]
    fill = (
        alt.when("datum.count > 0")
        .then(
            alt.Fill(
                "count:Q",
                title=what,
                scale=alt.Scale(scheme=_SCHEME, domainMin=0),
                legend=alt.Legend(format="d", tickMinStep=1),
            )
        )
        .otherwise(alt.value(_EMPTY))
    )
    cells = (
        alt.Chart(data)
        .mark_rect(stroke="#FFFFFF", strokeWidth=1.5)
        .encode(x=x, y=y, fill=fill, tooltip=tooltip)
    )
    text = (
        alt.Chart(data)
        .mark_text(fontSize=11, fontWeight="bold")
        .encode(x=x, y=y, text="label:N", color=alt.Color("ink:N", scale=None), tooltip=tooltip)
    )
    return cells, text

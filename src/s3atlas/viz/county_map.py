"""The county map: one Vega-Lite choropleth builder for every map of Sweden's 21 counties.

:func:`county_choropleth` draws every county grey and, over it, the counties
that have a value in the colour of their value; a click goes to the row's
``url``. The national overview's indicator map (:func:`quintile_map`, coloured
by quintile) and the priorities page's theme map
(:func:`s3atlas.viz.priorities_charts.theme_map`, coloured by count) are both
built with it. Borders come from a URL (the page, where the browser caches
them) or inline (a file, which has no server to ask); see
:func:`s3atlas.classifications.county_borders`.

Examples
--------
>>> rows = [{"code": "24", "name": "Västerbotten", "value": 3.0, "label": "3",
...          "url": "/region/24"}]
>>> spec = quintile_map(rows, "/national/counties.geojson", value_title="Priorities",
...                     format=lambda v: f"{v:.0f}", lang="en")
>>> spec["layer"][1]["mark"]["type"], spec["projection"]["type"]
('geoshape', 'mercator')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from typing import Any

import altair as alt
import numpy as np

from s3atlas.i18n import gettext
from s3atlas.viz.spec import finish_spec

__all__ = ["Borders", "county_choropleth", "county_shapes", "quintile_labels", "quintile_map"]

Borders = str | Sequence[Mapping[str, Any]]
"""A URL of a county FeatureCollection (``properties.code``) or its features."""

_GREY = "#d9d9d9"
_STROKE = "white"
_STROKE_WIDTH = 0.7


_SHAPES = "counties"
"""The name of the inline borders in a spec's ``datasets``."""


def county_shapes(borders: Borders) -> alt.Data:
    """The Vega data of the county borders: fetched from a URL, or the named inline dataset.

    Inline features are added to the finished spec's ``datasets`` (see
    :func:`county_choropleth`): Altair would otherwise copy and validate every coordinate
    of every layer that draws them.
    """
    if isinstance(borders, str):
        return alt.Data(url=borders, format=alt.DataFormat(type="json", property="features"))
    return alt.Data(name=_SHAPES)


def county_choropleth(
    values: Sequence[Mapping[str, Any]],
    borders: Borders,
    *,
    fields: Sequence[str],
    color: alt.Color,
    value_title: str,
    shown: str,
    height: int,
    name: str,
    description: str,
    lang: str,
    title: str | None = None,
    fit: bool = False,
    grey_tooltip: bool = False,
) -> dict[str, Any]:
    """A choropleth of the counties: grey under all, coloured where *shown* holds.

    Parameters
    ----------
    values : sequence of mappings
        One per county, looked up by ``code`` (two digits) in the borders'
        ``properties.code``; each has ``value``, ``name`` and ``url`` (where a
        click goes), ``label`` (the value as the tooltip writes it) and whatever
        *color* reads.
    fields : sequence of str
        The keys of *values* the layers read (``url`` among them).
    color : alt.Color
        The colour of the coloured counties.
    value_title : str
        What the value is: the tooltip shows the county's name and its ``label`` under it.
    shown : str
        A Vega expression that says which counties are coloured
        (e.g. ``"isValid(datum.value)"``).
    height : int
        Height in pixels; the width fills the container.
    fit : bool
        Fit the drawing, padding included, into the width and height.
    grey_tooltip : bool
        Give the grey counties the tooltip and link too (for counties without a value).
    """
    tooltip = [
        alt.Tooltip("name:N", title=gettext("Region", lang=lang)),
        alt.Tooltip("label:N", title=value_title),
    ]
    rows = alt.InlineData(values=[dict(r) for r in values])
    lookup = alt.LookupData(rows, key="code", fields=list(fields))
    shapes = county_shapes(borders)
    base = alt.Chart(shapes).mark_geoshape(fill=_GREY, stroke=_STROKE, strokeWidth=_STROKE_WIDTH)
    if grey_tooltip:
        base = base.transform_lookup(lookup="properties.code", from_=lookup).encode(
            tooltip=tooltip, href="url:N"
        )
    coloured = (
        alt.Chart(shapes)
        .mark_geoshape(stroke=_STROKE, strokeWidth=_STROKE_WIDTH, cursor="pointer")
        .transform_lookup(lookup="properties.code", from_=lookup)
        .transform_filter(shown)
        .encode(color=color, tooltip=tooltip, href="url:N")
    )
    size: dict[str, Any] = {"width": "container", "height": height}
    if fit:
        size["autosize"] = alt.AutoSizeParams(type="fit", contains="padding")
    if title is not None:
        size["title"] = title
    chart = alt.layer(base, coloured).project(type="mercator").properties(**size)
    spec = finish_spec(chart, name=name, description=description, lang=lang, legend_columns=None)
    if not isinstance(borders, str):
        spec.setdefault("datasets", {})[_SHAPES] = [dict(feature) for feature in borders]
    return spec


def quintile_labels(
    values: Sequence[float | None], format: Callable[[float], str]
) -> list[str | None]:
    """Label each value with its quintile's range, e.g. ``"110 151–180 861"`` (None stays None).

    The edges are the 0, 20, …, 100th percentiles of the known values (linear
    interpolation, as :func:`numpy.quantile`); equal edges merge.

    >>> quintile_labels([10.0, 20.0, 30.0, 40.0, 50.0, None], lambda v: f"{v:.0f}")
    ['10–18', '18–26', '26–34', '34–42', '42–50', None]
    """
    known = np.array([v for v in values if v is not None], dtype=float)
    if not len(known):
        return [None for _ in values]
    edges = np.unique(np.quantile(known, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]))
    names = [f"{format(lo)}–{format(hi)}" for lo, hi in pairwise(edges)] or [format(edges[0])]
    positions = np.clip(np.searchsorted(edges, known, side="right") - 1, 0, len(names) - 1)
    found = iter(names[i] for i in positions)
    return [None if v is None else next(found) for v in values]


def quintile_map(
    rows: Sequence[Mapping[str, Any]],
    borders: Borders,
    *,
    value_title: str,
    format: Callable[[float], str],
    lang: str,
) -> dict[str, Any]:
    """Choropleth of the counties by the quintile of their value (counties without one grey).

    Parameters
    ----------
    rows : sequence of mappings
        One per county: ``code``, ``name``, ``value`` (None if missing),
        ``label`` (the value as the tooltip writes it) and ``url``.
    value_title : str
        What the value is, for the tooltip and the description.
    format : callable
        Writes a value for the legend's ranges.
    """
    bins = quintile_labels([r["value"] for r in rows], format)
    binned = [dict(r) | {"bin": b} for r, b in zip(rows, bins, strict=True)]
    known = sorted((r["value"], r["bin"]) for r in binned if r["value"] is not None)
    order = list(dict.fromkeys(b for _, b in known))
    color = alt.Color(
        "bin:O",
        sort=order,
        scale=alt.Scale(scheme={"name": "blues", "count": max(len(order), 1)}),
        legend=alt.Legend(
            symbolType="square",
            orient="bottom-left",
            direction="vertical",
            title=gettext("Quintiles", lang=lang),
        ),
    )
    description = gettext(
        "Map of Sweden's 21 counties coloured by {indicator}.", lang=lang, indicator=value_title
    )
    return county_choropleth(
        binned,
        borders,
        fields=["value", "bin", "label", "name", "url"],
        color=color,
        value_title=value_title,
        shown="isValid(datum.value)",
        height=540,
        name="map",
        description=description,
        lang=lang,
        fit=True,
    )

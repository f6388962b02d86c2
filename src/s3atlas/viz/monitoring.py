"""Charts of monitoring: an indicator over time against its path, and the scoreboard.

The indicator chart shows the region's values (line and points), Sweden's
where the data have them (dashed), and the planned straight path from the
baseline to the target (grey, the target as a diamond). The scoreboard chart
ranks the counties by their score relative to the national average.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from s3atlas.i18n import gettext
from s3atlas.viz.charts import value_axis
from s3atlas.viz.palette import OUTLINE, category_color
from s3atlas.viz.spec import chart_language, finish_spec

__all__ = ["GROUP_COLORS", "indicator_chart", "scoreboard_chart"]

#: Colours of the performance groups, best first.
GROUP_COLORS = {
    "leader": "#1B5E20",
    "strong": "#43A047",
    "moderate": "#F9A825",
    "emerging": "#C62828",
}


def _series(values: pd.DataFrame, region: str, lang: str) -> pd.DataFrame:
    sweden = gettext("Sweden", lang)
    parts = [pd.DataFrame({"year": values.year, "value": values.value, "series": region})]
    if "sweden_value" in values and values.sweden_value.notna().any():
        parts.append(
            pd.DataFrame({"year": values.year, "value": values.sweden_value, "series": sweden})
        )
    frame = pd.concat(parts, ignore_index=True).dropna(subset=["value"])
    frame["year"] = frame.year.astype(int)
    return frame


def _path(item: Any, lang: str) -> pd.DataFrame:
    points = []
    if item.baseline_year is not None and item.baseline_value is not None:
        points.append((item.baseline_year, item.baseline_value, gettext("Baseline", lang)))
    points += [(y, v, gettext("Milestone", lang)) for y, v in sorted(item.milestones.items())]
    if item.target_year is not None and item.target_value is not None:
        points.append((item.target_year, item.target_value, gettext("Target", lang)))
    return pd.DataFrame(points, columns=["year", "value", "point"])


def indicator_chart(
    values: pd.DataFrame, item: Any, lang: str, *, region: str | None = None
) -> dict[str, Any]:
    """Line chart of one indicator: the region (and Sweden) over the years, with the planned path.

    *values* has ``year``, ``value`` and optionally ``sweden_value``; *item* is an
    :class:`s3atlas.monitoring.Indicator`; *region* names the region's line in the legend.
    """
    lang = chart_language(lang)
    from s3atlas.monitoring.tables import unit_label

    region = region or gettext("Region", lang)
    data = _series(values, region, lang)
    series = [region, gettext("Sweden", lang)][: data.series.nunique() or 1]
    colours = alt.Scale(domain=series, range=[category_color(0), OUTLINE][: len(series)])
    x = _year_axis()
    unit = unit_label(item.unit, lang) if item.unit else None
    y = alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False))
    lines = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=x,
            y=y,
            color=alt.Color("series:N", scale=colours, title=None),
            strokeDash=alt.StrokeDash("series:N", legend=None),
            tooltip=[
                alt.Tooltip("series:N", title=gettext("Series", lang)),
                alt.Tooltip("year:Q", title=gettext("Year", lang), format="d"),
                alt.Tooltip("value:Q", title=gettext("Value", lang), format=",.2f"),
            ],
        )
    )
    layers: list[Any] = [lines, *_path_layers(_path(item, lang), x, y, lang)]
    chart = alt.layer(*layers).properties(width="container", height=140, title=item.name(lang))
    description = gettext(
        "Line chart of {indicator} over the years, with Sweden and the path to the target "
        "where they exist.",
        lang,
        indicator=item.name(lang),
    )
    return finish_spec(chart, name="indicator", description=description, lang=lang)


def _year_axis() -> alt.X:
    """Years on a time scale: a year with no value leaves its gap (2016, 2018), and the labels
    are whole years that read level, every other one left out where they do not fit."""
    axis = alt.Axis(
        format="d", tickMinStep=1, labelAngle=0, labelOverlap="parity", labelSeparation=6
    )
    return alt.X("year:Q", title=None, scale=alt.Scale(zero=False, nice=False), axis=axis)


def _path_layers(path: pd.DataFrame, x: alt.X, y: alt.Y, lang: str) -> list[alt.Chart]:
    """The planned path as a grey dotted line with its points as diamonds (none if no path)."""
    if not len(path):
        return []
    line = alt.Chart(path).mark_line(color="#9AA5B1", strokeDash=[2, 2]).encode(x=x, y=y)
    points = (
        alt.Chart(path)
        .mark_point(shape="diamond", size=80, filled=True, color="#52606D")
        .encode(
            x=x,
            y=y,
            tooltip=[
                alt.Tooltip("point:N", title=""),
                alt.Tooltip("year:Q", title=gettext("Year", lang), format="d"),
                alt.Tooltip("value:Q", title=gettext("Value", lang), format=",.2f"),
            ],
        )
    )
    return [line, points]


def scoreboard_chart(
    scores: pd.DataFrame, names: dict[str, str], groups: dict[str, str], lang: str
) -> dict[str, Any]:
    """Bars of the counties' scores relative to the national average (= 100), by group."""
    lang = chart_language(lang)
    data = pd.DataFrame(
        {
            "name": [names.get(c, c) for c in scores.region],
            "relative": scores.relative.astype(float).round(1),
            "group": [groups.get(g, g) for g in scores.group],
        }
    )
    scale = alt.Scale(
        domain=[groups.get(g, g) for g in GROUP_COLORS], range=list(GROUP_COLORS.values())
    )
    title = gettext("Relative to the national average (=100)", lang)
    bars = (
        alt.Chart(data)
        .mark_bar(stroke=OUTLINE, strokeWidth=0.5)
        .encode(
            x=alt.X("relative:Q", title=title, axis=value_axis()),
            y=alt.Y("name:N", sort="-x", title=None),
            color=alt.Color("group:N", scale=scale, title=gettext("Performance group", lang)),
            tooltip=[
                alt.Tooltip("name:N", title=gettext("Region", lang)),
                alt.Tooltip("relative:Q", title=title, format=".1f"),
                alt.Tooltip("group:N", title=gettext("Performance group", lang)),
            ],
        )
    )
    rule = alt.Chart(pd.DataFrame({"x": [100.0]})).mark_rule(color=OUTLINE).encode(x="x:Q")
    chart = alt.layer(bars, rule).properties(
        width="container", height=alt.Step(20), title=gettext("Scoreboard", lang)
    )
    description = gettext(
        "Bar chart of the counties' composite scores relative to the national average.", lang
    )
    return finish_spec(chart, name="scoreboard", description=description, lang=lang)

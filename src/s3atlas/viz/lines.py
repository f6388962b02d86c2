"""A region against Sweden over time: one line each, with the series breaks marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from s3atlas.i18n import gettext
from s3atlas.viz.palette import OUTLINE, category_color
from s3atlas.viz.spec import chart_language, finish_spec, require_columns

__all__ = ["trend_lines"]


def trend_lines(
    frame: pd.DataFrame,
    *,
    series: Sequence[tuple[str, str]],
    breaks: Sequence[int] = (),
    y_title: str,
    value_format: str = ".1f",
    lang: str,
    title: str | None = None,
) -> dict[str, Any]:
    """Lines of one indicator per year, one per ``(column, label)`` in *series*.

    Years where the series change definition (*breaks*) get a dashed rule, so
    nobody reads a break as a change.

    Examples
    --------
    >>> frame = pd.DataFrame({"year": [2010, 2011], "region_value": [9.0, 10.0],
    ...                       "sweden_value": [12.0, 13.0]})
    >>> spec = trend_lines(frame, series=[("region_value", "Västerbotten"),
    ...                    ("sweden_value", "Sverige")], breaks=[2011], y_title="per 1 000",
    ...                    lang="sv")
    >>> sorted({row["series"] for row in spec["datasets"][next(iter(spec["datasets"]))]})
    ['Sverige', 'Västerbotten']
    """
    lang = chart_language(lang)
    require_columns(
        frame, ["year", *(column for column, _label in series)], gettext("the indicator")
    )
    long = _long_series(frame, series)
    labels = [label for _column, label in series]
    colour = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(domain=labels, range=[category_color(i) for i in range(len(labels))]),
    )
    x = alt.X("year:O", title=gettext("Year", lang), axis=alt.Axis(labelAngle=0, labelOverlap=True))
    y = alt.Y("value:Q", title=y_title, scale=alt.Scale(zero=True))
    tooltip = [
        alt.Tooltip("series:N", title=gettext("Region", lang)),
        alt.Tooltip("year:O", title=gettext("Year", lang)),
        alt.Tooltip("value:Q", title=y_title, format=value_format),
    ]
    lines = alt.Chart(long).mark_line(point=True).encode(x=x, y=y, color=colour, tooltip=tooltip)
    layers: list[Any] = [lines, *_break_rules(breaks)]
    chart = alt.layer(*layers).properties(width="container", height=220, title=title or "")
    description = gettext(
        "Line chart of {indicator} per year: {series}.",
        lang,
        indicator=y_title,
        series=", ".join(labels),
    )
    return finish_spec(chart, name="trend", description=description, lang=lang)


def _long_series(frame: pd.DataFrame, series: Sequence[tuple[str, str]]) -> pd.DataFrame:
    """The *series* columns stacked as (year, value, series label) rows, missing values left out."""
    return pd.concat(
        [
            pd.DataFrame({"year": frame.year.astype(int), "value": frame[column], "series": label})
            for column, label in series
        ],
        ignore_index=True,
    ).dropna(subset=["value"])


def _break_rules(breaks: Sequence[int]) -> list[alt.Chart]:
    """A dashed rule at each year where the series change definition (none without breaks)."""
    if not breaks:
        return []
    rules = pd.DataFrame({"year": [int(b) for b in breaks]})
    return [
        alt.Chart(rules).mark_rule(strokeDash=[4, 3], color=OUTLINE, opacity=0.6).encode(x="year:O")
    ]

"""100 % stacked bars of survey answers: the share of each answer per question or group.

Built like the other charts of :mod:`s3atlas.viz.charts` (which re-exports
:func:`stacked_shares`): a plain table in, a Vega-Lite ``dict`` out, numbers in
the language's locale.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from s3atlas.i18n import gettext
from s3atlas.viz.palette import category_color
from s3atlas.viz.spec import chart_language, finish_spec, require_columns

__all__ = ["LABEL_BREAK", "LIKERT_COLORS", "stacked_shares"]

LIKERT_COLORS: tuple[str, ...] = (
    "#1B7837",
    "#5AAE61",
    "#A6DBA0",
    "#D9D9D9",
    "#F4A582",
    "#D6604D",
    "#B2182B",
)
"""Diverging colours from the most positive answer to the most negative."""

LABEL_BREAK = " · "
"""Where a bar label of :func:`stacked_shares` breaks into two lines ("question · wave")."""

_BREAK_LITERAL = json.dumps(LABEL_BREAK, ensure_ascii=False)
"""The break as a string literal of a Vega expression."""


def stacked_shares(
    frame: pd.DataFrame,
    *,
    category: str = "item",
    response: str = "answer",
    count: str = "n",
    response_order: Sequence[str] | None = None,
    colors: Sequence[str] | None = None,
    lang: str,
    title: str | None = None,
) -> dict[str, Any]:
    """100 % stacked horizontal bars: the share of each answer per question or group.

    Used for survey answers on a Likert scale ("Ja, i mycket hög grad" …
    "Nej, inte alls"); list *response_order* from the most positive answer
    to the most negative, and the colours run from green to red.

    Examples
    --------
    >>> df = pd.DataFrame({"item": ["Q1", "Q1"], "answer": ["Ja", "Nej"], "n": [3, 1]})
    >>> spec = stacked_shares(df, response_order=["Ja", "Nej"], lang="en")
    >>> from s3atlas.viz.spec import values_of
    >>> sorted(v["share"] for v in values_of(spec))
    [0.25, 0.75]
    """
    lang = chart_language(lang)
    require_columns(frame, [category, response, count], gettext("the survey table"))
    data = _answer_shares(frame, category, response, count)
    order = (
        list(response_order) if response_order is not None else list(dict.fromkeys(data["answer"]))
    )
    data["rank"] = data["answer"].map({a: i for i, a in enumerate(order)})
    palette = list(colors) if colors else _spread(LIKERT_COLORS, len(order))
    bars = _share_bars(data, order, palette, lang)
    step = 36 if data["item"].str.contains(LABEL_BREAK, regex=False).any() else 28
    chart = alt.layer(bars).properties(width="container", height=alt.Step(step), title=title or "")
    description = gettext("100 % stacked bars: share of each answer per question.", lang)
    return finish_spec(chart, name="stacked", description=description, lang=lang)


def _answer_shares(frame: pd.DataFrame, category: str, response: str, count: str) -> pd.DataFrame:
    """Answers per item and answer (item, answer, n) with each one's ``share`` of its item."""
    data = pd.DataFrame(
        {
            "item": frame[category].astype(str),
            "answer": frame[response].astype(str),
            "n": pd.to_numeric(frame[count], errors="coerce").fillna(0),
        }
    )
    data = data.groupby(["item", "answer"], as_index=False, sort=False)[["n"]].sum()
    totals = data.groupby("item")["n"].transform("sum")
    data["share"] = (data["n"] / totals.where(totals > 0)).fillna(0.0)
    return data


def _share_bars(data: pd.DataFrame, order: list[str], palette: list[str], lang: str) -> alt.Chart:
    """The stacked share bars, answers in *order* coloured from *palette*."""
    x = alt.X(
        "share:Q",
        stack="zero",
        title=gettext("Share of answers", lang),
        axis=alt.Axis(format=".0%"),
        scale=alt.Scale(domain=[0, 1]),
    )
    # "question · wave" labels break into two lines, so the wave is never cut off
    lines = alt.Axis(labelLimit=220, labelExpr=f"split(datum.label, {_BREAK_LITERAL})")
    y = alt.Y("item:N", sort=list(dict.fromkeys(data["item"])), title=None, axis=lines)
    colour = alt.Color(
        "answer:N",
        title=gettext("Answer", lang),
        sort=order,
        scale=alt.Scale(domain=order, range=palette),
    )
    tooltip = [
        alt.Tooltip("item:N", title=gettext("Question", lang)),
        alt.Tooltip("answer:N", title=gettext("Answer", lang)),
        alt.Tooltip("share:Q", title=gettext("Share", lang), format=".0%"),
        alt.Tooltip("n:Q", title=gettext("Answers", lang), format=",.0f"),
    ]
    return (
        alt.Chart(data)
        .mark_bar(stroke="#FFFFFF", strokeWidth=1)
        .encode(x=x, y=y, order=alt.Order("rank:O"), color=colour, tooltip=tooltip)
    )


def _spread(colours: Sequence[str], k: int) -> list[str]:
    """Pick *k* colours spread evenly over a diverging palette (both ends kept).

    >>> _spread(LIKERT_COLORS, 2)
    ['#1B7837', '#B2182B']
    """
    if k <= 1:
        return [colours[0]][:k]
    if k > len(colours):
        return [category_color(i) for i in range(k)]
    step = (len(colours) - 1) / (k - 1)
    return [colours[round(i * step)] for i in range(k)]

"""Vega-Lite chart specifications for the pages, the reports and the downloads.

Every builder takes a plain DataFrame, checks the columns it needs and returns
a Vega-Lite specification as a ``dict`` (built with Altair, so it is validated
against the schema). The same ``dict`` is embedded in a page by vega-embed and
turned into PNG or SVG by :mod:`s3atlas.viz.export`, so what people see and
what they download are the same picture.

Numbers follow the language: the spec's ``config.locale`` holds the d3-format
locale (``2,3`` in Swedish, ``2.3`` in English). Axis titles and labels go
through :func:`s3atlas.i18n.gettext`.

Examples
--------
>>> import pandas as pd
>>> spec = ranked_bars(pd.DataFrame({"name": ["Skog", "Gruv"], "score": [2.1, 1.4]}), lang="sv")
>>> spec["config"]["locale"]["number"]["decimal"]
','
"""

from __future__ import annotations

import json
import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import altair as alt
import pandas as pd

from s3atlas.i18n import gettext
from s3atlas.viz.bubble_labels import abbreviations, bubble_name_layers, quadrant_layers
from s3atlas.viz.label_layout import bubble_radius, wrap_name
from s3atlas.viz.palette import CLASS_COLORS, GAP_COLOR, OUTLINE, SEQUENTIAL, category_color
from s3atlas.viz.shares import LABEL_BREAK, LIKERT_COLORS, stacked_shares
from s3atlas.viz.spec import chart_language, finish_spec, require_columns

__all__ = [
    "LABEL_BREAK",
    "LIKERT_COLORS",
    "bubble_chart",
    "coverage_heatmap",
    "ranked_bars",
    "stacked_shares",
    "value_axis",
]


def _span(values: pd.Series, anchor: float, pad_share: float = 0.08) -> list[float]:
    """A domain that holds every value and *anchor*, padded on both sides."""
    numbers = pd.to_numeric(values, errors="coerce").dropna()
    low = min([anchor, *numbers.tolist()])
    high = max([anchor, *numbers.tolist()])
    pad = (high - low) * pad_share or max(abs(anchor) * 0.1, 0.01)
    return [low - pad, high + pad]


def _class_scale(codes: pd.Series, labels: Mapping[str, str]) -> tuple[list[str], list[str]]:
    """Domain (labels) and range (colours) of a class colour scale, in a stable order."""
    known = [c for c in CLASS_COLORS if c in set(codes)]
    other = sorted(set(codes) - set(known) - {None})
    order = known + other
    colours = [CLASS_COLORS.get(c, category_color(i)) for i, c in enumerate(order)]
    return [labels.get(c, c) for c in order], colours


def bubble_chart(
    frame: pd.DataFrame,
    *,
    national_growth: float = 0.0,
    x: str = "lq",
    y: str = "growth",
    size: str = "size",
    label: str = "name",
    color: str | None = "class",
    color_labels: Mapping[str, str] | None = None,
    lang: str,
    title: str | None = None,
    y_title: str | None = None,
    abbreviation: str | None = None,
) -> dict[str, Any]:
    """LQ × growth × size bubble chart with the quadrant lines analysts use.

    The vertical rule is at LQ = 1 (the region is exactly as specialised as
    the nation; LQ_ri = (e_ri / e_r) / (E_i / E), US Cluster Mapping Project)
    and the horizontal rule at the national growth of the same period, so
    the four quadrants read: specialised and ahead of the nation,
    specialised and behind it, ahead but not specialised, and neither (the
    classes of :mod:`s3atlas.analysis.composite`).

    Parameters
    ----------
    frame : DataFrame
        One row per industry or strength area with the columns named by
        *x* (LQ), *y* (growth as a share, 0.05 = 5 %), *size* (employed)
        and *label*; optionally *color* (a class code).
    national_growth : float
        Growth of the whole nation over the same years (a share).
    color_labels : mapping, optional
        Class code → text shown in the legend.
    y_title : str, optional
        Title of the growth axis (e.g. growth relative to the nation).
    abbreviation : str, optional
        Column of a short code (the industry code) written where a bubble's name has no
        room; the codes so used are listed with their names in the spec's
        ``usermeta.s3atlas.abbreviations``, for a key beside the chart.

    Notes
    -----
    Names are placed in Python by :mod:`s3atlas.viz.label_layout` for a few plot widths
    so that no two labels, no label and bubble, and no label and dashed line touch at any
    width; the quadrant
    names are shown only where both names of a row fit.

    Returns
    -------
    dict
        A Vega-Lite specification.

    Examples
    --------
    >>> df = pd.DataFrame({"name": ["Skog", "Gruv"], "lq": [2.4, 0.7],
    ...                    "growth": [0.03, -0.01], "size": [9000, 1200]})
    >>> spec = bubble_chart(df, national_growth=0.01, color=None, lang="en")
    >>> [layer["mark"]["type"] for layer in spec["layer"]][:3]
    ['rule', 'rule', 'circle']
    """
    lang = chart_language(lang)
    require_columns(frame, [x, y, size, label], gettext("the bubble chart's table"))
    data = _bubble_data(frame, (x, y, size, label), abbreviation)
    x_dom, y_dom = _bubble_domains(data, national_growth)
    encoding = _bubble_encoding(data, x_dom, y_dom, y_title, lang)
    if color and color in frame.columns:
        codes = frame.loc[data.index, color].astype(object).where(lambda s: s.notna(), None)
        data["class"], encoding["color"] = _class_colour(codes, color_labels, lang)
        encoding["tooltip"].append(alt.Tooltip("class:N", title=gettext("Class", lang)))
    else:
        encoding["color"] = alt.value(category_color(0))
    bubbles = (
        alt.Chart(data).mark_circle(opacity=0.75, stroke=OUTLINE, strokeWidth=1).encode(**encoding)
    )
    quadrants, blocked, _ = quadrant_layers(x_dom, y_dom, _BUBBLE_HEIGHT, lang)
    points = _bubble_points(data)
    names, layout = bubble_name_layers(
        points, x_dom, y_dom, _BUBBLE_HEIGHT, blocked, rules=(1.0, national_growth)
    )
    rules = _quadrant_rules(national_growth, lang)
    chart = alt.layer(*rules, bubbles, *names, *quadrants).properties(
        width="container", height=_BUBBLE_HEIGHT, title=title or ""
    )
    description = gettext(
        "Bubble chart: location quotient against employment growth, bubble size "
        "is the number employed; dashed lines at LQ 1 and national growth.",
        lang,
    )
    spec = finish_spec(chart, name="bubble", description=description, lang=lang)
    spec["usermeta"]["s3atlas"]["abbreviations"] = abbreviations(layout, points)
    return spec


_BUBBLE_HEIGHT = 380.0
"""Height of the bubble chart's plot in px (its width follows the page)."""


def _bubble_data(
    frame: pd.DataFrame, columns: tuple[str, str, str, str], abbreviation: str | None
) -> pd.DataFrame:
    """The bubbles' table (name, lq, growth, size, short) without rows lacking LQ or growth."""
    x, y, size, label = columns
    return pd.DataFrame(
        {
            "name": frame[label].astype(str).to_numpy(),
            "lq": pd.to_numeric(frame[x], errors="coerce").to_numpy(),
            "growth": pd.to_numeric(frame[y], errors="coerce").to_numpy(),
            "size": pd.to_numeric(frame[size], errors="coerce").to_numpy(),
            "short": frame[abbreviation].astype(str).to_numpy() if abbreviation else "",
        }
    ).dropna(subset=["lq", "growth"])


def _bubble_domains(data: pd.DataFrame, national_growth: float) -> tuple[list[float], list[float]]:
    """The LQ domain (holding 1, never below 0) and the growth domain (holding the nation's)."""
    x_dom = _span(data["lq"], 1.0)
    x_dom[0] = max(x_dom[0], 0.0)
    return x_dom, _span(data["growth"], national_growth)


def _bubble_encoding(
    data: pd.DataFrame, x_dom: list[float], y_dom: list[float], y_title: str | None, lang: str
) -> dict[str, Any]:
    """The bubbles' x, y, size and tooltip channels (the colour is the caller's)."""
    return {
        "x": alt.X(
            "lq:Q",
            title=gettext("Location quotient (LQ)", lang),
            scale=alt.Scale(domain=x_dom, nice=False, zero=False),
        ),
        "y": alt.Y(
            "growth:Q",
            title=y_title or gettext("Employment growth", lang),
            axis=alt.Axis(format=".0%"),
            scale=alt.Scale(domain=y_dom, nice=False, zero=False),
        ),
        "size": alt.Size(
            "size:Q",
            title=gettext("Employed", lang),
            scale=alt.Scale(domain=[0, float(data["size"].max() or 1)], range=[60, 1800]),
            legend=alt.Legend(format=",.0f", values=_size_steps(float(data["size"].max() or 1))),
        ),
        "tooltip": [
            alt.Tooltip("name:N", title=gettext("Name", lang)),
            alt.Tooltip("lq:Q", title="LQ", format=".2f"),
            alt.Tooltip("growth:Q", title=gettext("Growth", lang), format=".1%"),
            alt.Tooltip("size:Q", title=gettext("Employed", lang), format=",.0f"),
        ],
    }


def _size_steps(largest: float) -> list[float]:
    """Three round sizes up to *largest* for the bubble legend (a bubble of 0 shows nothing).

    >>> _size_steps(26_000), _size_steps(1_259_463), _size_steps(7), _size_steps(float("nan"))
    ([4000.0, 10000.0, 20000.0], [200000.0, 500000.0, 1000000.0], [1.0, 2.5, 5.0], [])
    """
    if not largest > 0 or math.isinf(largest):  # no bubbles (or no sizes): no legend values
        return []
    power = 10.0 ** math.floor(math.log10(largest))
    top = max(step * power for step in (1, 2, 5) if step * power <= largest)
    return [top / 5, top / 2, top]


def _class_colour(
    codes: pd.Series, color_labels: Mapping[str, str] | None, lang: str
) -> tuple[list[Any], alt.Color]:
    """Each row's class label and the colour channel of the classes, in a stable order."""
    labels = dict(color_labels or {})
    domain, colours = _class_scale(codes, labels)
    colour = alt.Color(
        "class:N", title=gettext("Class", lang), scale=alt.Scale(domain=domain, range=colours)
    )
    return [labels.get(c, c) for c in codes], colour


def _quadrant_rules(national_growth: float, lang: str) -> list[alt.Chart]:
    """The dashed rules at LQ = 1 and at the national growth, each named in its tooltip."""
    style: dict[str, Any] = {"strokeDash": [6, 4], "color": "#52606D", "strokeWidth": 1.5}
    tooltip = alt.Tooltip("rule:N", title=" ")
    lq = pd.DataFrame({"lq": [1.0], "rule": [gettext("LQ = 1", lang)]})
    growth = pd.DataFrame({"growth": [national_growth], "rule": [gettext("National growth", lang)]})
    return [
        alt.Chart(lq).mark_rule(**style).encode(x="lq:Q", tooltip=tooltip),
        alt.Chart(growth).mark_rule(**style).encode(y="growth:Q", tooltip=tooltip),
    ]


def _bubble_points(data: pd.DataFrame) -> pd.DataFrame:
    """The bubbles with their radius in px and their names wrapped (the full name kept)."""
    return data.assign(
        r=bubble_radius(data["size"].fillna(0)),
        full=data["name"],
        name=[wrap_name(n) for n in data["name"]],
    )


def coverage_heatmap(
    frame: pd.DataFrame,
    *,
    area: str = "area",
    phase: str = "phase",
    count: str = "count",
    phase_order: Sequence[str] | None = None,
    area_order: Sequence[str] | None = None,
    highlight: str | None = None,
    count_title: str | None = None,
    lang: str,
    title: str | None = None,
) -> dict[str, Any]:
    """Coverage matrix strength area × phase of the innovation journey, gaps in red.

    A cell counts the actors (or provisions) that serve the area in the
    phase; a cell with 0 is a gap (*lucka*) and is drawn in
    :data:`~s3atlas.viz.palette.GAP_COLOR` with the word "Gap" so it does
    not rely on colour alone (WCAG 1.4.1).

    Parameters
    ----------
    frame : DataFrame
        Long table: one row per area × phase with the columns *area*,
        *phase* (display names) and *count* (int ≥ 0). Missing combinations
        of the given orders are filled with 0 (gaps).
    phase_order, area_order : sequence of str, optional
        Order of the columns (the journey, earliest first) and rows.
    highlight : str, optional
        An area whose row label is set in bold (the area of the page).
    count_title : str, optional
        What a cell counts, for the legend and tooltip (default "Actors").

    Examples
    --------
    >>> df = pd.DataFrame({"area": ["Skog", "Skog"], "phase": ["Idé", "Test"], "count": [3, 0]})
    >>> spec = coverage_heatmap(df, phase_order=["Idé", "Test"], lang="en")
    >>> from s3atlas.viz.spec import values_of
    >>> [v["label"] for v in values_of(spec)]
    ['3', 'Gap']
    """
    lang = chart_language(lang)
    require_columns(frame, [area, phase, count], gettext("the coverage table"))
    data = pd.DataFrame(
        {
            "area": frame[area].astype(str),
            "phase": frame[phase].astype(str),
            "count": pd.to_numeric(frame[count], errors="coerce").fillna(0).astype(int),
        }
    )
    phases = list(phase_order) if phase_order is not None else list(dict.fromkeys(data["phase"]))
    areas = list(area_order) if area_order is not None else list(dict.fromkeys(data["area"]))
    data = _marked_gaps(_coverage_grid(data, areas, phases), lang)
    x = alt.X(
        "phase:N",
        sort=phases,
        title=gettext("Phase of the innovation journey", lang),
        axis=alt.Axis(labelAngle=-35, labelLimit=150, orient="top"),
    )
    y = alt.Y(
        "area:N",
        sort=areas,
        title=None,
        axis=alt.Axis(labelLimit=220, labelFontWeight=_bold_label(highlight)),
    )
    layers = _coverage_layers(data, x, y, count_title or gettext("Actors", lang), lang)
    chart = alt.layer(*layers).properties(width="container", height=alt.Step(34), title=title or "")
    description = gettext(
        "Coverage matrix: number of actors per strength area and phase; "
        "cells marked Gap have no actor.",
        lang,
    )
    spec = finish_spec(chart, name="coverage", description=description, lang=lang)
    spec["padding"] = {
        "left": 5,
        "top": 5,
        "bottom": 5,
        "right": 48,
    }  # room for the last slanted phase name
    return spec


def _coverage_grid(data: pd.DataFrame, areas: list[str], phases: list[str]) -> pd.DataFrame:
    """Every area × phase cell in the given orders with its summed count (0 where none)."""
    full = pd.MultiIndex.from_product([areas, phases], names=["area", "phase"]).to_frame(
        index=False
    )
    data = full.merge(data.groupby(["area", "phase"], as_index=False)["count"].sum(), how="left")
    data["count"] = data["count"].fillna(0).astype(int)
    return data


def _marked_gaps(data: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The cells with ``gap`` (count 0), their ``label`` ("Gap" or the count) and text ``ink``."""
    data["gap"] = data["count"] == 0
    high = max(int(data["count"].max() or 0), 1)
    data["label"] = [
        gettext("Gap", lang) if g else str(c)
        for g, c in zip(data["gap"], data["count"], strict=True)
    ]
    data["ink"] = [
        "#FFFFFF" if g or c > high * 0.7 else OUTLINE
        for g, c in zip(data["gap"], data["count"], strict=True)
    ]
    return data


def _bold_label(highlight: str | None) -> alt.ExprRef | Literal["normal"]:
    """The font weight of a row label: bold for the *highlight* row, normal for the others."""
    if not highlight:
        return "normal"
    return alt.ExprRef(expr=f"datum.value === {_js_string(highlight)} ? 'bold' : 'normal'")


def _coverage_layers(data: pd.DataFrame, x: alt.X, y: alt.Y, what: str, lang: str) -> list[Any]:
    """The coverage cells (gaps in the gap colour) and their labels, sharing one tooltip."""
    fill = (
        alt.when("datum.gap")
        .then(alt.value(GAP_COLOR))
        .otherwise(
            alt.Fill(
                "count:Q",
                title=what,
                scale=alt.Scale(scheme=SEQUENTIAL, domainMin=0),
                legend=alt.Legend(format="d"),
            )
        )
    )
    tooltip = [
        alt.Tooltip("area:N", title=gettext("Strength area", lang)),
        alt.Tooltip("phase:N", title=gettext("Phase", lang)),
        alt.Tooltip("count:Q", title=what),
    ]
    cells = (
        alt.Chart(data)
        .mark_rect(stroke="#FFFFFF", strokeWidth=2)
        .encode(x=x, y=y, fill=fill, tooltip=tooltip)
    )
    text = (
        alt.Chart(data)
        .mark_text(fontSize=12, fontWeight="bold")
        .encode(x=x, y=y, text="label:N", color=alt.Color("ink:N", scale=None), tooltip=tooltip)
    )
    return [cells, text]


def value_axis(value_format: str = "") -> alt.Axis:
    """The value axis of bars: about one tick per 100 px of plot (a phone's is narrow, and 19
    ticks across a wide one read as a ruler), a label that would touch its neighbour left out,
    and whole-number ticks for counts ("d"): 0, 1, 2 … not 0,0 … 14,0."""
    per_width = {"expr": "ceil(width / 100)"}
    if value_format == "d":
        return alt.Axis(format="d", tickMinStep=1, tickCount=per_width, labelOverlap=True)
    return alt.Axis(tickCount=per_width, labelOverlap=True)


def ranked_bars(
    frame: pd.DataFrame,
    *,
    label: str = "name",
    value: str = "score",
    color: str | None = None,
    color_labels: Mapping[str, str] | None = None,
    value_title: str | None = None,
    value_format: str = ".2f",
    lang: str,
    title: str | None = None,
) -> dict[str, Any]:
    """Horizontal bars of ranked strengths, the highest value on top.

    Examples
    --------
    >>> spec = ranked_bars(pd.DataFrame({"name": ["A", "B"], "score": [1.0, 2.0]}), lang="en")
    >>> spec["layer"][0]["encoding"]["y"]["sort"]
    {'field': 'value', 'op': 'max', 'order': 'descending'}
    """
    lang = chart_language(lang)
    require_columns(frame, [label, value], gettext("the ranked table"))
    data = pd.DataFrame(
        {
            "name": frame[label].astype(str).to_numpy(),
            "value": pd.to_numeric(frame[value], errors="coerce").to_numpy(),
        }
    )
    x = _value_x(data["value"], value_title or gettext("Score", lang), value_format)
    # the highest value on top; "max" (not "-x", a sum) is a sort the bar and label layers can share
    order = alt.EncodingSortField(field="value", op="max", order="descending")
    wrapped = wrapped_labels(data["name"])
    y = alt.Y("name:N", sort=order, title=None, axis=_wrapping_axis(wrapped))
    tooltip = [
        alt.Tooltip("name:N", title=gettext("Name", lang)),
        alt.Tooltip("value:Q", title=value_title or gettext("Score", lang), format=value_format),
    ]
    fill: Any = alt.value(category_color(0))
    if color and color in frame.columns:
        codes = frame[color].astype(object).where(frame[color].notna(), None)
        data["class"], fill = _class_colour(codes, color_labels, lang)
        tooltip.append(alt.Tooltip("class:N", title=gettext("Class", lang)))
    bars = (
        alt.Chart(data)
        .mark_bar(stroke=OUTLINE, strokeWidth=0.5)
        .encode(x=x, y=y, color=fill, tooltip=tooltip)
    )
    values = _value_labels(data, x, y, value_format)
    step = 24 + 13 * (max((len(v) for v in wrapped.values()), default=1) - 1)
    chart = alt.layer(bars, values).properties(
        width="container", height=alt.Step(step), title=title or ""
    )
    description = gettext("Bar chart of ranked strengths, highest first.", lang)
    spec = finish_spec(chart, name="ranked", description=description, lang=lang)
    if wrapped:
        spec["params"] = [*spec.get("params", []), {"name": WRAP_PARAM, "value": wrapped}]
    return spec


def _value_x(values: pd.Series, title: str, value_format: str) -> alt.X:
    return alt.X(
        "value:Q",
        title=title,
        axis=value_axis(value_format),
        scale=_room_for_labels(values, value_format),
    )


def _room_for_labels(values: pd.Series, value_format: str) -> alt.Scale:
    """A value scale that leaves room past the longest bar for its label, whatever the width:
    the label of the longest bar was cut at the edge of a phone's chart ("1" of "15")."""
    top = float(values.max()) if values.notna().any() else 0.0
    if not top > 0:
        return alt.Scale()
    # about 7 px per character at font size 11, plus the 4 px gap and a little air
    pixels = 10 + 7 * len(_label_text(top, value_format))
    return alt.Scale(domainMax={"expr": f"{top!r} * width / max(width - {pixels}, 1)"})


def _label_text(value: float, value_format: str) -> str:
    """About the text d3 writes for *value* in *value_format* (its length is what counts)."""
    if value_format.endswith("d"):
        return format(round(value), ",d")
    try:
        return format(value, value_format)
    except ValueError:
        return format(value, ",.2f")


def _value_labels(data: pd.DataFrame, x: alt.X, y: alt.Y, value_format: str) -> alt.Chart:
    """Each bar's value written just past its end."""
    return (
        alt.Chart(data)
        .mark_text(align="left", dx=4, color=OUTLINE, fontSize=11)
        .encode(x=x, y=y, text=alt.Text("value:Q", format=value_format))
    )


WRAP_PARAM = "s3_wrapped"
"""The chart parameter holding long axis labels broken into lines (see :func:`wrapped_labels`)."""


def wrapped_labels(names: Iterable[str], width: int = 30) -> dict[str, list[str]]:
    """Long labels broken into lines of at most *width* characters (short ones left out).

    >>> wrapped_labels(["Life science", "Hållbar produktion och konsumtion"], width=20)
    {'Hållbar produktion och konsumtion': ['Hållbar produktion', 'och konsumtion']}
    """
    return {
        str(n): textwrap.wrap(str(n), width) for n in dict.fromkeys(names) if len(str(n)) > width
    }


def _wrapping_axis(wrapped: Mapping[str, list[str]]) -> alt.Axis:
    if not wrapped:
        return alt.Axis(labelLimit=220)
    return alt.Axis(labelLimit=260, labelExpr=f"{WRAP_PARAM}[datum.label] || datum.label")


def _js_string(text: str) -> str:
    """A string literal for a Vega expression.

    >>> print(_js_string("Skog ä"))
    "Skog ä"
    """
    return json.dumps(str(text), ensure_ascii=False)

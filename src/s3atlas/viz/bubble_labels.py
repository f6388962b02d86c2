"""The text of a bubble chart: quadrant names in the corners and the bubbles' names.

Both are drawn only where they have room at the chart's current plot width (the Vega
signal ``width``): the quadrant names when the two names of a row fit side by side, the
bubbles' names by the layout of :mod:`s3atlas.viz.label_layout` for the width tier.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from s3atlas.analysis.labels import label
from s3atlas.viz.label_layout import (
    LINE_PX,
    NARROWEST_PX,
    WIDTH_TIERS,
    Box,
    label_layout,
    text_box_width,
)
from s3atlas.viz.palette import OUTLINE

__all__ = [
    "abbreviations",
    "bubble_name_layers",
    "quadrant_layers",
    "quadrant_texts",
    "quadrants_fit_from",
    "slide_tier",
]

_INSET = 4.0
_QUADRANT_GAP = 16.0


def quadrant_texts(lang: str) -> dict[str, str]:
    """The four quadrant names: top right, top left, bottom right, bottom left."""
    return {
        "top_right": label("class_short", "specialised_outpacing", lang),
        "top_left": label("class_short", "outpacing", lang),
        "bottom_right": label("class_short", "specialised_trailing", lang),
        "bottom_left": label("class_short", "trailing", lang),
    }


def quadrants_fit_from(texts: dict[str, str]) -> int:
    """The smallest width tier (px) at which both rows of quadrant names fit side by side.

    >>> quadrants_fit_from({"top_right": "a" * 30, "top_left": "b" * 30,
    ...                     "bottom_right": "c", "bottom_left": "d"})
    420
    """
    need = max(
        text_box_width(texts["top_right"]) + text_box_width(texts["top_left"]),
        text_box_width(texts["bottom_right"]) + text_box_width(texts["bottom_left"]),
    )
    need += 2 * _INSET + _QUADRANT_GAP
    return next((t for t in WIDTH_TIERS if max(t, NARROWEST_PX) >= need), WIDTH_TIERS[-1])


def _quadrant_boxes(texts: dict[str, str], width: float, height: float) -> list[Box]:
    top, bottom = _INSET, height - _INSET
    boxes = []
    for key, text in texts.items():
        w = text_box_width(text)
        x0 = width - _INSET - w if key.endswith("right") else _INSET
        y0 = top if key.startswith("top") else bottom - LINE_PX
        boxes.append(Box(x0, y0, x0 + w, y0 + LINE_PX))
    return boxes


def quadrant_layers(
    x_dom: Sequence[float], y_dom: Sequence[float], height: float, lang: str
) -> tuple[list[alt.Chart], dict[int, list[Box]], int]:
    """The quadrant names as chart layers (shown from the width where they fit), the boxes
    they block per width tier, and that width."""
    texts = quadrant_texts(lang)
    fit_from = quadrants_fit_from(texts)
    corners = {
        "top_right": (x_dom[1], y_dom[1], "right", "top"),
        "top_left": (x_dom[0], y_dom[1], "left", "top"),
        "bottom_right": (x_dom[1], y_dom[0], "right", "bottom"),
        "bottom_left": (x_dom[0], y_dom[0], "left", "bottom"),
    }
    layers = []
    for key, (x, y, align, baseline) in corners.items():
        data = pd.DataFrame({"lq": [x], "growth": [y], "quadrant": [texts[key]]})
        layers.append(
            alt.Chart(data)
            .transform_filter(f"width >= {fit_from}")
            .mark_text(
                align=align,  # type: ignore[arg-type]
                baseline=baseline,  # type: ignore[arg-type]
                dx=_INSET if align == "left" else -_INSET,
                dy=_INSET if baseline == "top" else -_INSET,
                fontStyle="italic",
                color="#52606D",
            )
            .encode(x="lq:Q", y="growth:Q", text="quadrant:N")
        )
    blocked = {
        tier: _quadrant_boxes(texts, max(tier, NARROWEST_PX), height)
        for tier in WIDTH_TIERS
        if tier >= fit_from
    }
    return layers, blocked, fit_from


def bubble_name_layers(
    points: pd.DataFrame,
    x_dom: Sequence[float],
    y_dom: Sequence[float],
    height: float,
    blocked: dict[int, list[Box]],
    rules: tuple[float | None, float | None] = (None, None),
) -> tuple[list[alt.Chart], pd.DataFrame]:
    """The bubbles' names as one text layer that draws the current width tier's labels,
    each at its offset in pixels from its bubble, and the layout itself (for the key).
    *rules* (an LQ, a growth) are the reference lines the names keep clear of."""
    layout = label_layout(points, x_dom, y_dom, height, blocked, rules)
    if layout.empty:
        return [], layout
    data = layout.drop(columns=["position", "short_used"]).reset_index(drop=True)
    layer = (
        alt.Chart(data)
        .transform_filter("width >= datum.low && width < datum.high")
        .mark_text(
            fontSize=11,
            color=OUTLINE,
            lineBreak="\n",
            dx=alt.expr("datum.dx"),
            dy=alt.expr("datum.dy"),
            align=alt.expr("datum.align"),
            baseline=alt.expr("datum.baseline"),
        )
        .encode(x="lq:Q", y="growth:Q", text="text:N")
    )
    return [layer], layout


def abbreviations(layout: pd.DataFrame, points: pd.DataFrame) -> list[list[Any]]:
    """The codes written instead of a name: ``[code, full name, [width tiers]]`` each, the
    tiers (their lower bounds in px) being those whose layout writes the code."""
    if layout.empty:
        return []
    used = layout[layout.short_used]
    tiers = {i: sorted(int(t) for t in used.low[used.index == i]) for i in set(used.index)}
    order = sorted(tiers, key=lambda i: str(points.short[i]))
    return [[str(points.short[i]), str(points.full[i]), tiers[i]] for i in order]


def slide_tier(width: int) -> int:
    """The width tier a chart of *width* px draws (a slide is 760 px wide).

    >>> slide_tier(760)
    640
    """
    return max(t for t in WIDTH_TIERS if t <= width)

"""Colours shared by every chart and the ecosystem network.

The categorical colours are Okabe & Ito's colour-blind-safe palette
(Okabe, M. & Ito, K. 2008, *Color Universal Design*), extended with a few
darker tones so all fifteen default actor kinds get their own colour. Light
fills (orange, sky blue) are always drawn with the dark :data:`OUTLINE`, so
every mark keeps the 3:1 contrast against white that WCAG 2.1 (1.4.11) asks
of graphical objects.

Examples
--------
>>> kind_color("university")
'#0072B2'
>>> kind_color("a kind nobody defined")
'#6B6B6B'
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "CATEGORICAL",
    "CLASS_COLORS",
    "GAP_COLOR",
    "KIND_COLORS",
    "OUTLINE",
    "SEQUENTIAL",
    "category_color",
    "kind_color",
]

CATEGORICAL: tuple[str, ...] = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#8C6D1F",
    "#6A3D9A",
    "#B15928",
    "#1B7837",
    "#A6761D",
    "#4D4D4D",
    "#C51B7D",
    "#2166AC",
    "#7F3B08",
)
"""Colour-blind-safe categorical colours (Okabe–Ito first, then darker extras)."""

KIND_COLORS: dict[str, str] = {
    "firm": "#E69F00",
    "cluster_organisation": "#D55E00",
    "cluster": "#D55E00",
    "science_park": "#009E73",
    "incubator": "#1B7837",
    "university": "#0072B2",
    "innovation_office": "#56B4E9",
    "research_institute": "#2166AC",
    "test_demo_facility": "#6A3D9A",
    "financier": "#CC79A7",
    "public_agency": "#8C6D1F",
    "region": "#C51B7D",
    "municipality": "#A6761D",
    "network": "#B15928",
    "business_support": "#7F3B08",
    "other": "#6B6B6B",
}
"""Actor kind code → node colour in the network."""

CLASS_COLORS: dict[str, str] = {
    "specialised_outpacing": "#009E73",
    "specialised_trailing": "#E69F00",
    "outpacing": "#0072B2",
    "trailing": "#8C8C8C",
    "specialised": "#009E73",
    "not_specialised": "#8C8C8C",
}
"""Class → colour (specialised and ahead of the nation is green, neither is grey)."""

GAP_COLOR = "#B2182B"
"""Cells and nodes that mark a gap (*lucka*): a dark red readable on white."""

SEQUENTIAL: Final = "blues"
"""The Vega colour scheme of counts (coverage); Final so it stays the literal Altair expects."""

OUTLINE = "#1F2933"
"""Outline of marks and nodes (contrast 15:1 against white)."""

_FALLBACK = "#6B6B6B"


def kind_color(kind: str | None) -> str:
    """Return the colour of an actor kind (grey for kinds outside the defaults)."""
    return KIND_COLORS.get(str(kind), _FALLBACK)


def category_color(position: int) -> str:
    """Return the categorical colour at *position*, cycling past the end.

    >>> category_color(0) == category_color(len(CATEGORICAL))
    True
    """
    return CATEGORICAL[position % len(CATEGORICAL)]

"""Labels that do not collide: where each bubble's name goes at a given chart width.

A bubble chart is drawn as wide as its container (about 250 px of plot on a phone,
1 100 px on a desktop), so where a label has room depends on the width. The layout is
computed here, in Python, for a few width tiers (:data:`WIDTH_TIERS`); the chart draws
the tier its plot width falls in. Within a tier, the labels are placed greedily, the
largest bubble first: its full name (wrapped on two lines) is tried at each of
:data:`POSITIONS` around the bubble (right, left, above, below, then hanging off its
corners), then the name up to its first comma, then its short code; a label is placed
only where it stays inside the plot and touches neither another bubble, nor a label
already placed, nor a
blocked box (the quadrant labels), nor a dashed reference line (LQ = 1 and the national
growth: :func:`rule_boxes`, a strip of :data:`RULE_CLEARANCE_PX` either side of each line,
so no text is struck through). What finds no room is left to the tooltip and the
chart's key. The greedy rule is the one of Christensen, Marks & Shieber (1995),
"An empirical study of algorithms for point-feature label placement", ACM TOG 14(3),
restricted to the eight candidate positions of :data:`POSITIONS`.

Text widths are estimated from the number of characters (:data:`CHAR_PX` per character
at 11 px), a little on the wide side so that an estimate never lets two labels touch.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import NamedTuple

import pandas as pd

__all__ = [
    "ALIGN",
    "CHAR_PX",
    "LINE_PX",
    "WIDTH_TIERS",
    "Box",
    "bubble_radius",
    "label_layout",
    "place_labels",
    "rule_boxes",
    "text_box_width",
    "wrap_name",
]

#: Estimated width of one character of an 11 px label in the chart font (system sans).
CHAR_PX = 6.6
#: Height of one line of an 11 px label.
LINE_PX = 13.0
#: Plot widths (px) from which each layout is used; the layout is computed at the lower
#: bound, where labels have the least room.
WIDTH_TIERS: tuple[int, ...] = (0, 420, 640, 900)
#: Width at which the narrowest tier is computed (a 320 px phone has a plot of about 220 px).
NARROWEST_PX = 220
#: Space between a bubble and its label.
GAP_PX = 3.0
#: Space kept free either side of a reference line (the line is 1,5 px wide; a label
#: nearer than this looks struck through by the dashes).
RULE_CLEARANCE_PX = 4.0

POSITIONS = (
    "right",
    "left",
    "above",
    "below",
    "below_left",
    "above_left",
    "below_right",
    "above_right",
)


class Box(NamedTuple):
    """A rectangle in pixels: left, top, right, bottom (y grows downwards)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        """Whether the two rectangles share any area."""
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def inside(self, width: float, height: float) -> bool:
        """Whether the rectangle lies within a plot of *width* × *height*."""
        return self.x0 >= 0 and self.y0 >= 0 and self.x1 <= width and self.y1 <= height


def wrap_name(name: str, width: int = 16, lines: int = 2, widest: int = 26) -> str:
    """An industry name on at most *lines* lines, joined by ``"\\n"``, first letter capital:
    the name up to its first semicolon; where that needs lines longer than *widest*
    characters, up to its first comma; words kept whole, lines as short as the name allows
    from *width* characters, and "…" where even that cannot hold it.

    >>> wrap_name("Offentlig förvaltning och försvar; obligatorisk socialförsäkring")
    'Offentlig förvaltning\\noch försvar'
    >>> wrap_name("Jordbruk, skogsbruk och fiske")
    'Jordbruk, skogsbruk\\noch fiske'
    >>> wrap_name("mining, quarrying, manufacturing")
    'Mining, quarrying,\\nmanufacturing'
    >>> wrap_name("Wholesale and retail trade of motor vehicles, parts and accessories")
    'Wholesale and retail\\ntrade of motor vehicles'
    >>> wrap_name("Ett mycket långt namn som inte får plats på två rader alls")
    'Ett mycket långt namn som\\ninte får plats på två…'
    """
    head = str(name).split(";")[0].strip()
    parts = _wrapped(head, width, lines, widest) or _wrapped(
        head.split(",")[0].strip(), width, lines, widest
    )
    if parts is None:
        parts = textwrap.wrap(head.split(",")[0], widest, break_long_words=False)[:lines]
        parts[-1] = parts[-1].rstrip(".") + "…"
    text = "\n".join(parts)
    return text[:1].upper() + text[1:]


def _wrapped(text: str, width: int, lines: int, widest: int) -> list[str] | None:
    """*text* in at most *lines* lines of the fewest characters from *width* to *widest*."""
    for chars in range(width, widest + 1):
        parts = textwrap.wrap(text, chars, break_long_words=False, break_on_hyphens=False)
        if len(parts) <= lines:
            return parts
    return None


def text_box_width(text: str) -> float:
    """Estimated width in px of a (possibly multi-line) label.

    >>> text_box_width("ab\\nabcd")
    26.4
    """
    return round(max(len(line) for line in text.split("\n")) * CHAR_PX, 6)


def bubble_radius(size: pd.Series, low: float = 60.0, high: float = 1800.0) -> pd.Series:
    """Radius in px of each bubble when the areas run linearly from *low* (size 0) to *high*
    (the largest size) square pixels, as the chart's size scale draws them.

    >>> bubble_radius(pd.Series([0.0, 100.0])).round(2).tolist()
    [4.37, 23.94]
    """
    top = float(size.max()) or 1.0
    area = low + (high - low) * size.clip(lower=0) / top
    return (area / math.pi) ** 0.5


def _candidates(x: float, y: float, r: float, w: float, h: float) -> list[tuple[str, Box]]:
    reach = r + GAP_PX
    return [
        ("right", Box(x + reach, y - h / 2, x + reach + w, y + h / 2)),
        ("left", Box(x - reach - w, y - h / 2, x - reach, y + h / 2)),
        ("above", Box(x - w / 2, y - reach - h, x + w / 2, y - reach)),
        ("below", Box(x - w / 2, y + reach, x + w / 2, y + reach + h)),
        # hanging off the bubble's lower or upper left, for bubbles at the plot's right edge
        ("below_left", Box(x - w, y + reach, x, y + reach + h)),
        ("above_left", Box(x - w, y - reach - h, x, y - reach)),
        # and off its lower or upper right, for bubbles just right of a dashed line
        ("below_right", Box(x, y + reach, x + w, y + reach + h)),
        ("above_right", Box(x, y - reach - h, x + w, y - reach)),
    ]


def _bubble_box(x: float, y: float, r: float) -> Box:
    # the square inscribed in the circle plus a little: labels may graze a bubble's corner
    half = r * 0.8
    return Box(x - half, y - half, x + half, y + half)


def place_labels(
    points: pd.DataFrame, width: float, height: float, blocked: Sequence[Box] = ()
) -> pd.DataFrame:
    """Place one label per point where it has room, the largest bubble first.

    Parameters
    ----------
    points : DataFrame
        Columns ``x``, ``y`` (px, y downwards), ``r`` (radius, px), ``name`` (may hold
        ``"\\n"``) and ``short`` (a code to fall back on, may be empty).
    width, height : float
        The plot's size in px.
    blocked : sequence of Box
        Areas no label may touch (quadrant labels).

    Returns
    -------
    DataFrame
        Indexed like *points*: ``position`` (one of :data:`POSITIONS`, or ``""`` for no
        label), ``text`` and ``box``.

    Examples
    --------
    Two bubbles side by side: the left one's name goes to its left, as its right is taken.

    >>> pts = pd.DataFrame({"x": [100.0, 130.0], "y": [50.0, 50.0], "r": [10.0, 12.0],
    ...                     "name": ["Alfa", "Beta"], "short": ["A", "B"]})
    >>> place_labels(pts, 300, 100)["position"].tolist()
    ['left', 'right']
    """
    taken: list[Box] = list(blocked)
    bubbles = {i: _bubble_box(p.x, p.y, p.r) for i, p in points.iterrows()}
    rows: dict[object, dict[str, object]] = {}
    for i, p in points.sort_values("r", ascending=False, kind="stable").iterrows():
        others = [b for j, b in bubbles.items() if j != i]
        rows[i] = {"position": "", "text": "", "box": None}
        for text in dict.fromkeys((str(p["name"]), _brief(str(p["name"])), str(p["short"] or ""))):
            if not text:
                continue
            h = LINE_PX * (text.count("\n") + 1)
            spot = _first_free(p, text_box_width(text), h, width, height, taken + others)
            if spot is not None:
                rows[i] = {"position": spot[0], "text": text, "box": spot[1]}
                taken.append(spot[1])
                break
    columns = ["position", "text", "box"]  # named, so no bubbles gives no labels, not an error
    return pd.DataFrame.from_dict(rows, orient="index", columns=columns).reindex(points.index)


def _brief(name: str) -> str:
    """A wrapped name cut to its first comma, on one line ("Jordbruk" of "Jordbruk,
    skogsbruk\\noch fiske").

    >>> _brief("Jordbruk, skogsbruk\\noch fiske")
    'Jordbruk'
    """
    return name.replace("\n", " ").split(",")[0].strip()


def _first_free(
    p: pd.Series, w: float, h: float, width: float, height: float, obstacles: list[Box]
) -> tuple[str, Box] | None:
    for position, box in _candidates(p.x, p.y, p.r, w, h):
        if box.inside(width, height) and not any(box.overlaps(o) for o in obstacles):
            return position, box
    return None


def rule_boxes(x: float | None, y: float | None, width: float, height: float) -> list[Box]:
    """The strips no label may touch around a vertical line at *x* px and a horizontal
    line at *y* px (None: no such line) across a plot of *width* × *height*.

    >>> rule_boxes(100.0, None, 300, 200)
    [Box(x0=96.0, y0=0.0, x1=104.0, y1=200)]
    >>> rule_boxes(None, 50.0, 300, 200)
    [Box(x0=0.0, y0=46.0, x1=300, y1=54.0)]
    """
    pad = RULE_CLEARANCE_PX
    boxes = []
    if x is not None:
        boxes.append(Box(x - pad, 0.0, x + pad, height))
    if y is not None:
        boxes.append(Box(0.0, y - pad, width, y + pad))
    return boxes


def _rules_px(
    rules: tuple[float | None, float | None],
    x_dom: Sequence[float],
    y_dom: Sequence[float],
    width: float,
    height: float,
) -> list[Box]:
    """:func:`rule_boxes` of reference lines given in data units (LQ, growth)."""
    x, y = rules
    x_px = None if x is None else (x - x_dom[0]) / (x_dom[1] - x_dom[0]) * width
    y_px = None if y is None else (1 - (y - y_dom[0]) / (y_dom[1] - y_dom[0])) * height
    return rule_boxes(x_px, y_px, width, height)


def label_layout(
    points: pd.DataFrame,
    x_dom: Sequence[float],
    y_dom: Sequence[float],
    height: float,
    blocked_at: dict[int, list[Box]] | None = None,
    rules: tuple[float | None, float | None] = (None, None),
) -> pd.DataFrame:
    """The labels of every width tier, as rows to draw: one per placed label and tier.

    *points* has the data columns ``lq``, ``growth``, ``r`` (px), ``name`` and ``short``.
    Each row gives the tier's bounds (``low``, ``high``; px of plot width), the bubble's
    ``lq`` and ``growth``, the text, and where the text is drawn relative to the bubble's
    centre: ``dx``, ``dy`` (px) with ``align`` and ``baseline``. Offsets in pixels keep a
    label beside its bubble at any width in the tier. *blocked_at* maps a tier's lower
    bound to the boxes blocked at that tier; *rules* are the reference lines (an LQ and a
    growth, None for none), which no label may cross at any tier.
    """
    bounds = [*WIDTH_TIERS[1:], 100_000]
    frames = []
    for low, high in zip(WIDTH_TIERS, bounds, strict=True):
        width = float(max(low, NARROWEST_PX))
        px = points.assign(
            x=(points.lq - x_dom[0]) / (x_dom[1] - x_dom[0]) * width,
            y=(1 - (points.growth - y_dom[0]) / (y_dom[1] - y_dom[0])) * height,
        )
        blocked = [
            *(blocked_at or {}).get(low, []),
            *_rules_px(rules, x_dom, y_dom, width, height),
        ]
        placed = place_labels(px, width, height, blocked)
        shown = placed[placed.position != ""]
        centre = px.loc[shown.index]
        offsets = [
            _offset(pos, box, x, y)
            for pos, box, x, y in zip(shown.position, shown.box, centre.x, centre.y, strict=True)
        ]
        frames.append(
            pd.DataFrame(
                {
                    "low": low,
                    "high": high,
                    "lq": centre.lq.to_numpy(),
                    "growth": centre.growth.to_numpy(),
                    "position": shown.position.to_numpy(),
                    "text": shown.text.to_numpy(),
                    "short_used": (shown.text == centre.short).to_numpy(),
                    "dx": [round(o[0], 2) for o in offsets],
                    "dy": [round(o[1], 2) for o in offsets],
                    "align": [ALIGN[p][0] for p in shown.position],
                    "baseline": [ALIGN[p][1] for p in shown.position],
                },
                index=shown.index,
            )
        )
    return pd.concat(frames) if frames else pd.DataFrame()


#: How a label at each position is drawn: text alignment and baseline at its anchor.
ALIGN = {
    "right": ("left", "middle"),
    "left": ("right", "middle"),
    "above": ("center", "bottom"),
    "below": ("center", "top"),
    "below_left": ("right", "top"),
    "above_left": ("right", "bottom"),
    "below_right": ("left", "top"),
    "above_right": ("left", "bottom"),
}


def _offset(position: str, box: Box, x: float, y: float) -> tuple[float, float]:
    """The anchor of the label's box (by align and baseline) relative to the bubble's centre.

    Vega sets the baseline on the *first* line of a text of several lines and writes the
    others below it, one line height (:data:`LINE_PX`) each, whatever the baseline; so the
    anchor of a box is its top (baseline top), the middle of its first line (middle) or
    the bottom of its first line (bottom).

    >>> _offset("right", Box(13, -6.5, 40, 6.5), 0, 0)
    (13, 0.0)
    >>> _offset("above", Box(-20, -41, 20, -15), 0, 0)  # two lines: first line's bottom
    (0.0, -28.0)
    """
    align, baseline = ALIGN[position]
    ax = {"left": box.x0, "center": (box.x0 + box.x1) / 2, "right": box.x1}[align]
    ay = box.y0 + {"top": 0.0, "middle": LINE_PX / 2, "bottom": LINE_PX}[baseline]
    return ax - x, ay - y

"""PNG and SVG files from a Vega-Lite spec, rendered without a browser by vl-convert.

Pages size their charts to the container (``width: "container"``); a file
has no container, so :func:`fixed_size` gives it a width first. The
specification's ``config.locale`` is kept, so the Swedish download shows
``2,3`` just like the page.

The same specification always draws the same bytes, so the last :data:`MEMO_SIZE` drawings
are kept by the SHA-256 of the specification's JSON text: a chart asked for again (a
download clicked twice, a site exported again) is not drawn again.

Examples
--------
>>> import pandas as pd
>>> from s3atlas.viz.charts import ranked_bars
>>> spec = ranked_bars(pd.DataFrame({"name": ["A"], "score": [1.0]}), lang="sv")
>>> to_svg(spec).startswith("<svg")
True
>>> to_png(spec)[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
True
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import vl_convert as vlc

from s3atlas.errors import ComputationError, InputError
from s3atlas.i18n import gettext
from s3atlas.memo import Memo

__all__ = [
    "FORMATS",
    "MEMO_SIZE",
    "VEGALITE_VERSION",
    "clear_memo",
    "fixed_size",
    "render",
    "to_png",
    "to_svg",
]

FORMATS: dict[str, str] = {"png": "image/png", "svg": "image/svg+xml"}
"""File format → media type of the chart downloads."""

VEGALITE_VERSION = "6.4"
"""The Vega-Lite version the specs are written for (Altair's schema)."""

MEMO_SIZE = 128
"""How many drawings (one chart in one format and scale) are kept."""

_Drawn = TypeVar("_Drawn", str, bytes)
_DRAWINGS = Memo(MEMO_SIZE)


def fixed_size(spec: Mapping[str, Any], width: int = 760) -> dict[str, Any]:
    """Return a copy of *spec* where a ``"container"`` width becomes *width* pixels.

    >>> fixed_size({"width": "container", "mark": "bar"})["width"]
    760
    """
    out = copy.deepcopy(dict(spec))
    if out.get("width") == "container" or "width" not in out:
        out["width"] = width
    out.setdefault("background", "white")
    out.setdefault("padding", 12)
    return out


def _checked(spec: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(spec, Mapping) or not (
        {"mark", "layer", "hconcat", "vconcat", "concat", "facet", "repeat"} & set(spec)
    ):
        raise InputError(
            "a chart specification needs a mark, layer or composition", value=type(spec).__name__
        )
    return fixed_size(spec)


def clear_memo() -> None:
    """Forget every kept drawing (the next request of each chart draws it anew)."""
    _DRAWINGS.clear()


def _memo_key(spec: dict[str, Any], fmt: str, scale: float) -> tuple[str, str, float] | None:
    try:
        text = json.dumps(spec, ensure_ascii=False)
    except (TypeError, ValueError):  # a value JSON cannot hold: draw it without the memo
        return None
    return hashlib.sha256(text.encode("utf-8")).hexdigest(), fmt, scale


def _memoised(
    spec: Mapping[str, Any], fmt: str, scale: float, draw: Callable[[dict[str, Any]], _Drawn]
) -> _Drawn:
    checked = _checked(spec)
    key = _memo_key(checked, fmt, scale)

    def drawn() -> _Drawn:
        try:
            return draw(checked)
        except ValueError as err:
            raise ComputationError(
                gettext("the chart could not be drawn: {problem}", problem=err)
            ) from err

    return drawn() if key is None else _DRAWINGS.get(key, drawn)


def to_svg(spec: Mapping[str, Any]) -> str:
    """Render a Vega-Lite spec to SVG text."""
    return _memoised(
        spec, "svg", 1.0, lambda s: str(vlc.vegalite_to_svg(s, vl_version=VEGALITE_VERSION))
    )


def to_png(spec: Mapping[str, Any], scale: float = 2.0) -> bytes:
    """Render a Vega-Lite spec to PNG bytes; *scale* 2 gives sharp slides and reports.

    The PNG is the rasterised SVG drawing (the bytes vl-convert's own PNG path gives), so
    a chart downloaded in both formats is laid out once.
    """
    return _memoised(spec, "png", scale, lambda s: bytes(vlc.svg_to_png(to_svg(s), scale=scale)))


def render(spec: Mapping[str, Any], fmt: str) -> tuple[bytes, str]:
    """Render to ``"png"`` or ``"svg"``; return the bytes and the media type.

    >>> render({"mark": "point"}, "gif")
    Traceback (most recent call last):
    s3atlas.errors.InputError: värde 'gif': okänt diagramformat; använd png eller svg
    """
    if fmt not in FORMATS:
        raise InputError(gettext("unknown chart format; use png or svg"), value=fmt)
    body = to_png(spec) if fmt == "png" else to_svg(spec).encode("utf-8")
    return body, FORMATS[fmt]

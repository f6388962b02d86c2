"""Slide-ready chart files: the chart with its title, what it shows and its source on it.

A chart downloaded for a slide or a report leaves the page that explained it,
so :func:`slide_spec` writes that explanation into the file: the title, one
line of facts (indicator, unit, period, region) under it, the legend below
the drawing (never on top of a map) and "Källa: …"/"Source: …" at the
bottom. The facts come from the spec's ``usermeta.s3atlas`` (``indicator``,
``unit``, ``period``, ``region``, ``source``) and from the caller, who knows
the page.

Examples
--------
>>> spec = {"mark": "point", "title": "Styrkor", "width": 300, "config": {}}
>>> out = slide_spec(spec, {"region": "Västerbotten", "period": "2018"}, "SCB, RAMS", lang="sv")
>>> out["title"]["text"], out["title"]["subtitle"]
('Styrkor', ['Period: 2018 · Region: Västerbotten'])
>>> out["vconcat"][1]["encoding"]["text"]["value"]
'Källa: SCB, RAMS'
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

from s3atlas.i18n import gettext

__all__ = ["FACTS", "SLIDE_WIDTH", "describe", "file_stem", "slide_spec", "source_text"]

#: Width in px of a slide's chart when the page draws it as wide as its container.
SLIDE_WIDTH = 760

FACTS: tuple[tuple[str, str], ...] = (
    ("indicator", "Indicator"),
    ("unit", "Unit"),
    ("period", "Period"),
    ("region", "Region"),
    ("codes", "Codes"),
)
"""The facts a slide states under its title, in order: key → label."""

_TOP_LEVEL = ("$schema", "config", "datasets", "params", "background", "padding", "usermeta")


def _title_text(spec: Mapping[str, Any]) -> str:
    title = spec.get("title")
    if isinstance(title, Mapping):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(map(str, title))
    return str(title or "")


def _fact_lines(facts: Mapping[str, Any], lang: str, chars: int) -> list[str]:
    """The facts as "Label: value" parts joined by " · ", broken into lines of about *chars*."""
    parts = [
        f"{gettext(label, lang)}: {gettext(str(facts[key]), lang)}"
        for key, label in FACTS
        if facts.get(key)
    ]
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + 3 + len(part) <= chars:
            lines[-1] += " · " + part
        else:
            lines.append(part)
    return lines


def source_text(source: str, lang: str) -> str:
    """'Källa: X' (or 'Source: X') once, also when X already starts with 'Källa:' or 'Source:'.

    >>> source_text("Källa: SCB, RAMS", "en")
    'Source: SCB, RAMS'
    """
    bare = re.sub(r"^\s*(källa|source)\s*:\s*", "", str(source), flags=re.IGNORECASE)
    return f"{gettext('Source', lang)}: {bare or '–'}"


_LEGEND_CHANNELS = ("color", "fill", "stroke", "size", "shape", "opacity")
_INSIDE = ("top-left", "top-right", "bottom-left", "bottom-right")


def _legends_outside(part: Any) -> None:
    """Move every legend placed inside the drawing (``bottom-left`` on a map) below it."""
    if isinstance(part, dict):
        legend = part.get("legend")
        if isinstance(legend, dict) and legend.get("orient") in _INSIDE:
            legend.update(orient="bottom", direction="horizontal")
            legend.pop("legendX", None)
            legend.pop("legendY", None)
        for value in part.values():
            _legends_outside(value)
    elif isinstance(part, list):
        for value in part:
            _legends_outside(value)


def slide_spec(
    spec: Mapping[str, Any],
    facts: Mapping[str, Any] | None = None,
    source: str | None = None,
    *,
    lang: str,
) -> dict[str, Any]:
    """Return *spec* as a slide: title, a facts line, the chart, the legend below it, the source.

    Parameters
    ----------
    spec : mapping
        A Vega-Lite spec as the page embeds it (with a fixed width).
    facts : mapping, optional
        ``indicator``, ``unit``, ``period``, ``region``; they override the
        spec's ``usermeta.s3atlas`` values of the same name.
    source : str, optional
        Where the numbers come from; default the spec's ``usermeta.s3atlas.source``.
    lang : {"sv", "en"}
        Language of the labels ("Källa", "Period", …).
    """
    meta = dict(spec.get("usermeta", {}).get("s3atlas", {}))
    known = {**meta, **{k: v for k, v in (facts or {}).items() if v}}
    chart = {k: copy.deepcopy(v) for k, v in spec.items() if k not in (*_TOP_LEVEL, "title")}
    width: int = chart["width"] if isinstance(chart.get("width"), int) else SLIDE_WIDTH
    if chart.get("width") == "container":  # a slide has no container: draw it as wide as the slide
        chart["width"] = width
    footer: dict[str, Any] = {
        "data": {"values": [{}]},
        "mark": {"type": "text", "align": "left", "baseline": "top", "fontSize": 11},
        "encoding": {
            "text": {"value": source_text(source or known.get("source") or "", lang)},
            "x": {"value": 0},
            "y": {"value": 0},
        },
        "width": width,
        "height": 16,
    }
    _legends_outside(chart)
    config = copy.deepcopy(dict(spec.get("config", {})))
    config["legend"] = {**config.get("legend", {}), "orient": "bottom"}
    config["concat"] = {"spacing": 18}
    config["view"] = {**config.get("view", {}), "stroke": None}
    lines = _fact_lines(known, lang, max(60, int(width / 6.5)))
    out: dict[str, Any] = {
        **{k: copy.deepcopy(v) for k, v in spec.items() if k in _TOP_LEVEL},
        "title": {
            "text": _title_text(spec) or str(known.get("indicator", "")),
            "subtitle": lines,
            "anchor": "start",
            "fontSize": 16,
            "subtitleFontSize": 12,
        },
        "config": config,
        "vconcat": [chart, footer],
        # each legend stays with the chart, above the source line
        "resolve": {"legend": {c: "independent" for c in _LEGEND_CHANNELS}},
    }
    out.setdefault("background", "white")
    return out


def describe(spec: dict[str, Any], **facts: Any) -> dict[str, Any]:
    """Record a chart's facts (indicator, unit, period, region, source) for its slide; return it.

    >>> describe({"usermeta": {"s3atlas": {"chart": "x"}}}, source="SCB", unit=None)["usermeta"]
    {'s3atlas': {'chart': 'x', 'source': 'SCB'}}
    """
    meta = spec.setdefault("usermeta", {}).setdefault("s3atlas", {})
    meta.update({k: str(v) for k, v in facts.items() if v not in (None, "")})
    return spec


def file_stem(*parts: str) -> str:
    """The words of a download's file name, empty ones left out (see ``download_name``).

    >>> file_stem("Västerbotten", "", "Styrkor")
    'Västerbotten Styrkor'
    """
    return " ".join(p for p in parts if p)

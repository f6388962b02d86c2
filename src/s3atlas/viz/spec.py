"""Shared plumbing of every Vega-Lite spec: number locale, schema validation, finishing touches.

:func:`finish_spec` turns an Altair chart into the ``dict`` the pages embed
and :mod:`s3atlas.viz.export` renders, with the language's d3 number locale
(``2,3`` in Swedish), fonts, legend layout and an accessible description.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd

from s3atlas.errors import InputError
from s3atlas.i18n import gettext
from s3atlas.viz.palette import OUTLINE

__all__ = [
    "chart_language",
    "finish_spec",
    "locale_config",
    "require_columns",
    "to_spec",
    "values_of",
]

_NUMBER_LOCALES: dict[str, dict[str, Any]] = {
    "sv": {
        "decimal": ",",
        "thousands": "\u00a0",
        "grouping": [3],
        "currency": ["", "\u00a0kr"],
        "percent": "\u00a0%",
        "minus": "\u2212",
    },
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["£", ""]},
}
_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


def chart_language(lang: str) -> str:
    """Return *lang* if charts know it, else Swedish (the page's language is the caller's).

    >>> chart_language("en"), chart_language("fi")
    ('en', 'sv')
    """
    return lang if lang in _NUMBER_LOCALES else "sv"


def locale_config(lang: str) -> dict[str, Any]:
    """Return the Vega ``config.locale`` for a language (d3-format number locale).

    >>> locale_config("sv")["number"]["thousands"] == "\\u00a0"
    True
    >>> locale_config("en")["number"]["decimal"]
    '.'
    """
    return {"number": dict(_NUMBER_LOCALES[chart_language(lang)])}


def values_of(spec: Mapping[str, Any], layer: int | None = None) -> list[dict[str, Any]]:
    """Return the data rows a spec (or one of its layers) draws, resolving named datasets.

    >>> from s3atlas.viz.charts import ranked_bars
    >>> spec = ranked_bars(pd.DataFrame({"name": ["A"], "score": [1.5]}), lang="en")
    >>> values_of(spec)[0]["value"]
    1.5
    """
    part = spec["layer"][layer] if layer is not None else spec
    data = part.get("data") or spec.get("data") or {}
    if "values" in data:
        return list(data["values"])
    return list(spec.get("datasets", {}).get(data.get("name"), []))


def require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise InputError(f"{what} must be a DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputError(
            gettext(
                "{what} needs the columns {missing}; it has {found}",
                what=what,
                missing=", ".join(missing),
                found=", ".join(map(str, frame.columns)),
            ),
            column=missing[0],
        )


def to_spec(chart: alt.TopLevelMixin) -> dict[str, Any]:
    """Return the Vega-Lite dict of an Altair chart.

    Schema validation costs about 100 ms a chart, so pages skip it; the test
    suite turns it on (``S3ATLAS_VALIDATE_SPECS=1``) so every builder is still
    checked against the Vega-Lite schema.
    """
    return dict(chart.to_dict(validate=os.environ.get("S3ATLAS_VALIDATE_SPECS") == "1"))


def finish_spec(
    chart: alt.TopLevelMixin,
    *,
    name: str,
    description: str,
    lang: str,
    legend_columns: int | None = 2,
) -> dict[str, Any]:
    """Turn an Altair chart into the final spec with locale, fonts and accessible description."""
    spec = to_spec(chart)
    spec["description"] = description
    spec["usermeta"] = {"s3atlas": {"chart": name, "lang": lang}}
    if spec.get("width") == "container" and spec.get("height") != "container":
        # fit the width only: a fixed or stepped height cannot be fitted, and Vega-Lite says so
        spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    spec["config"] = {
        **spec.get("config", {}),
        # the page gives the whole SVG one role="img" and the description; the marks inside it
        # stay out of the accessibility tree (an unnamed graphics-symbol is an axe violation)
        "mark": {**spec.get("config", {}).get("mark", {}), "aria": False},
        "locale": locale_config(lang),
        "font": _FONT,
        "view": {"stroke": None},
        "axis": {
            "labelFontSize": 12,
            "titleFontSize": 12,
            "labelColor": OUTLINE,
            "titleColor": OUTLINE,
        },
        "legend": {
            "labelFontSize": 12,
            "titleFontSize": 12,
            "orient": "bottom",
            "direction": "horizontal",
            **({"columns": legend_columns} if legend_columns else {}),
            "labelLimit": 260,
        },
        "title": {"fontSize": 15, "anchor": "start", "color": OUTLINE},
    }
    return spec

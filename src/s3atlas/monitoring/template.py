"""The import template: an Excel workbook with the sheets ``indicators``, ``values``,
``strategy`` and ``actions``.

With a region, the ``indicators`` sheet lists the region's framework (codes,
names, units, sources) with empty baselines and targets to fill in. A third
sheet explains every column in the user's language.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from s3atlas.i18n import gettext
from s3atlas.monitoring.importing import INDICATOR_COLUMNS, VALUE_COLUMNS_IN
from s3atlas.monitoring.logic import ACTION_COLUMNS, STRATEGY_COLUMNS
from s3atlas.store.db import Store

__all__ = ["COLUMN_HELP", "template_bytes", "write_template"]

#: Column → English explanation (the catalogue gives the Swedish one).
COLUMN_HELP = {
    "region": "County: code or name, e.g. 24 or Västerbotten.",
    "code": "The indicator's short code, unique in the region.",
    "kind": "context, result, output or input.",
    "goal": "The priority or goal the indicator follows.",
    "objective": "The expected change the indicator follows.",
    "name_sv": "Name in Swedish.",
    "name_en": "Name in English.",
    "unit": "Unit, e.g. SEK per inhabitant.",
    "source": "Where the values come from.",
    "definition": "How the indicator is defined.",
    "direction": "higher or lower: which way is better.",
    "statistic": "The statistic it is computed from, if any.",
    "baseline_year": "Year of the baseline.",
    "baseline_value": "Value in the baseline year.",
    "target_year": "Year of the target.",
    "target_value": "Target value.",
    "milestones": "Milestones as year:value pairs separated by ;",
    "example": "ja/yes when the targets are examples, not the region's own.",
    "indicator": "The indicator's code.",
    "year": "Year of the value.",
    "value": "The value (decimal point or comma).",
    "flag": "Empty, preliminary, estimated or break (a break in the series).",
    "retrieved": "When the value was retrieved (date).",
    "name": "strategy, actions: the name.",
    "start_year": "strategy, actions: first year of the period.",
    "end_year": "strategy, actions: last year of the period.",
    "owner": "actions: who is responsible.",
    "budget": "actions: the budget (SEK).",
}


def _framework_rows(region: str, store: Store | None) -> list[list[Any]]:
    from s3atlas.monitoring.framework import county_code, framework_indicators

    county = county_code(region)
    rows = []
    for item in framework_indicators(county, store):
        fields = {**item.__dict__, "region": county, "milestones": "", "example": ""}
        rows.append([fields.get(c) for c in INDICATOR_COLUMNS])
    return rows


def template_bytes(region: str | None = None, store: Store | None = None, *, lang: str) -> bytes:
    """Return the template workbook (prefilled with *region*'s framework when given), its
    "Read me" sheet in *lang*."""
    book = Workbook()
    sheet = book.active
    sheet.title = "indicators"
    sheet.append(INDICATOR_COLUMNS)
    for row in _framework_rows(region, store) if region else []:
        sheet.append(row)
    values = book.create_sheet("values")
    values.append(VALUE_COLUMNS_IN)
    strategy = book.create_sheet("strategy")
    strategy.append(STRATEGY_COLUMNS)
    actions = book.create_sheet("actions")
    actions.append(ACTION_COLUMNS)
    about = book.create_sheet(gettext("Read me", lang)[:31])
    about.append([gettext("Column", lang), gettext("What to write", lang)])
    for column, text in COLUMN_HELP.items():
        about.append([column, gettext(text, lang)])
    for ws in (sheet, values, strategy, actions, about):
        for cell in ws[1]:
            cell.font = Font(bold=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_template(
    path: str | Path, region: str | None = None, store: Store | None = None, *, lang: str
) -> Path:
    """Write the template to *path* and return it."""
    path = Path(path)
    path.write_bytes(template_bytes(region, store, lang=lang))
    return path

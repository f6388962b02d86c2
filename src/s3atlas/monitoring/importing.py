"""Import a monitoring framework and its values from CSV or Excel, all or nothing.

Two tables, each a CSV file or a sheet of one workbook (the template that
:func:`write_template` makes has both):

``indicators``
    region, code, kind, goal, name_sv, name_en, unit, source, definition,
    direction, statistic, baseline_year, baseline_value, target_year,
    target_value, milestones (``2024:12.5; 2026:14``), example (``ja``/``yes``
    when the targets are examples, not the region's own).
``values``
    region, indicator, year, value, flag (empty, ``preliminary``,
    ``estimated`` or ``break``), source, retrieved (the retrieval date).

A CSV file is read as ``indicators`` when its header has ``code`` and
``kind``, else as ``values``. Every row is checked before anything is
stored; the first bad cell stops the import with its file, row, column and
value, and the store is left as it was. Files are read with the project's
table readers (:func:`s3atlas.io.tables.read_csv_grid`, ``read_excel_grid``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from s3atlas.errors import InputError
from s3atlas.i18n import gettext
from s3atlas.monitoring.catalogue import DIRECTIONS, KINDS, VALUE_FLAGS, Indicator
from s3atlas.monitoring.cells import (
    Cell,
    cell_reader,
    choice,
    number,
    region,
    rows_of,
    year,
    yes,
)
from s3atlas.monitoring.framework import framework_indicators
from s3atlas.monitoring.logic import action_from_cells, strategy_from_cells
from s3atlas.monitoring.store import parse_milestones, save_import

__all__ = [
    "INDICATOR_COLUMNS",
    "SHEETS",
    "VALUE_COLUMNS_IN",
    "ImportResult",
    "Imported",
    "cell_reader",
    "import_file",
    "indicator_from_cells",
    "read_import",
]

INDICATOR_COLUMNS = [
    "region",
    "code",
    "kind",
    "goal",
    "objective",
    "name_sv",
    "name_en",
    "unit",
    "source",
    "definition",
    "direction",
    "statistic",
    "baseline_year",
    "baseline_value",
    "target_year",
    "target_value",
    "milestones",
    "example",
]
#: The sheets of an import workbook.
SHEETS = ("indicators", "values", "strategy", "actions")
VALUE_COLUMNS_IN = ["region", "indicator", "year", "value", "flag", "source", "retrieved"]
_REQUIRED = {
    "indicators": ["region", "code", "kind", "name_sv", "name_en"],
    "values": ["region", "indicator", "year", "value"],
}


@dataclass(frozen=True)
class ImportResult:
    """What an import stored."""

    indicators: int
    values: int
    regions: list[str]
    actions: int = 0


def indicator_from_cells(cell: Callable[[str], Cell]) -> tuple[str, Indicator]:
    """Check one indicator row (region, code, kind, names, baseline, target …); return the county
    and the indicator."""
    county = region(cell("region"))
    code = cell("code")
    if not code.value:
        raise code.fail(gettext("the indicator code is empty"))
    baseline_year, target_year = year(cell("baseline_year")), year(cell("target_year"))
    baseline_value, target_value = number(cell("baseline_value")), number(cell("target_value"))
    if (target_year is None) != (target_value is None):
        raise cell("target_value").fail(gettext("a target needs both a year and a value"))
    if (baseline_year is None) != (baseline_value is None):
        raise cell("baseline_value").fail(gettext("a baseline needs both a year and a value"))
    if target_year is not None and (baseline_year is None or target_year <= baseline_year):
        raise cell("target_year").fail(gettext("the target year must come after the baseline year"))
    milestones = cell("milestones")
    try:
        steps = parse_milestones(milestones.value)
    except ValueError:
        raise milestones.fail(gettext("milestones are year:value pairs separated by ;")) from None
    item = Indicator(
        code.value,
        choice(cell("kind"), KINDS, "result"),
        cell("name_sv").value,
        cell("name_en").value or cell("name_sv").value,
        unit=cell("unit").value,
        source=cell("source").value,
        definition=cell("definition").value,
        direction=choice(cell("direction"), DIRECTIONS, "higher"),
        statistic=cell("statistic").value,
        goal=cell("goal").value,
        objective=cell("objective").value,
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        target_year=target_year,
        target_value=target_value,
        milestones=steps,
        example=yes(cell("example")),
    )
    if not item.name_sv:
        raise cell("name_sv").fail(gettext("the indicator needs a Swedish name"))
    return county, item


def _value(cell: Callable[[str], Cell], known: Callable[[str], set[str]]) -> dict[str, Any]:
    county = region(cell("region"))
    code = cell("indicator")
    if code.value not in known(county):
        raise code.fail(gettext("no such indicator in the region's framework or in the file"))
    flag = choice(cell("flag"), VALUE_FLAGS, "ok")
    return {
        "county_code": county,
        "indicator": code.value,
        "year": year(cell("year"), required=True),
        "value": number(cell("value"), required=True),
        "flag": flag,
        "source": cell("source").value,
        "retrieved": cell("retrieved").value,
    }


def _grids(path: Path) -> dict[str, Any]:
    """Read the file with the one tabular reader: a workbook's named sheets, or one CSV table
    recognised by its columns."""
    from s3atlas.io.tabular import read_grid, read_sheets

    if path.suffix.lower() in (".xlsx", ".xlsm"):
        grids = {k: g for k, g in read_sheets(path, tuple(SHEETS)).items() if g.header}
        if not grids:
            raise InputError(
                gettext("the workbook needs a sheet named indicators or values"), file=str(path)
            )
        return grids
    grid = read_grid(path, blank="skip")
    header = {h.strip().lower() for h in grid.header}
    if {"code", "kind"} <= header:
        return {"indicators": grid}
    return {"values" if "value" in header else "actions" if "owner" in header else "strategy": grid}


@dataclass(frozen=True)
class Imported:
    """A checked import, not yet stored."""

    indicators: dict[str, list[Indicator]]
    values: pd.DataFrame
    strategies: list[dict[str, Any]]
    actions: list[dict[str, Any]]


def read_import(path: str | Path, store: Any = None) -> Imported:
    """Read and check a file whole; nothing is stored."""
    grids = _grids(Path(path))
    indicators, values = _indicators_and_values(grids, store)
    strategies = (
        [strategy_from_cells(c) for c in rows_of(grids["strategy"], ["region", "name"])]
        if "strategy" in grids
        else []
    )
    actions = (
        [action_from_cells(c) for c in rows_of(grids["actions"], ["region", "name"])]
        if "actions" in grids
        else []
    )
    return Imported(indicators, values, strategies, actions)


def _indicators_and_values(
    grids: dict[str, Any], store: Any
) -> tuple[dict[str, list[Indicator]], pd.DataFrame]:
    indicators: dict[str, list[Indicator]] = {}
    if "indicators" in grids:
        for cell in rows_of(grids["indicators"], _REQUIRED["indicators"]):
            county, item = indicator_from_cells(cell)
            indicators.setdefault(county, []).append(item)
    cache: dict[str, set[str]] = {}

    def known(county: str) -> set[str]:
        if county not in cache:
            cache[county] = {i.code for i in framework_indicators(county, store)}
            cache[county] |= {i.code for i in indicators.get(county, [])}
        return cache[county]

    rows = (
        [_value(cell, known) for cell in rows_of(grids["values"], _REQUIRED["values"])]
        if "values" in grids
        else []
    )
    values = pd.DataFrame(rows, columns=["county_code", *VALUE_COLUMNS_IN[1:]])
    duplicated = values.duplicated(["county_code", "indicator", "year"])
    if duplicated.any():
        grid = grids["values"]
        index = int(duplicated.to_numpy().nonzero()[0][0])
        raise InputError(
            gettext("the same indicator, region and year appear twice"),
            file=grid.file,
            row=grid.row_numbers[index],
            column="year",
            value=str(values.year.iloc[index]),
        )
    return indicators, values


def import_file(store: Any, path: str | Path) -> ImportResult:
    """Check *path* whole, then store everything in it in one transaction."""
    found = read_import(path, store)
    save_import(store, found.indicators, found.values, found.strategies, found.actions)
    regions = set(found.indicators) | set(found.values.county_code)
    regions |= {item["county_code"] for item in found.strategies + found.actions}
    count = sum(len(v) for v in found.indicators.values())
    return ImportResult(count, len(found.values), sorted(regions), len(found.actions))

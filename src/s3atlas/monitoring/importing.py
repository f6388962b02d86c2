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

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from s3atlas.errors import InputError, S3AtlasError
from s3atlas.i18n import gettext
from s3atlas.monitoring.catalogue import DIRECTIONS, KINDS, VALUE_FLAGS, Indicator
from s3atlas.monitoring.framework import county_code, framework_indicators
from s3atlas.monitoring.store import parse_milestones, save_import

__all__ = [
    "INDICATOR_COLUMNS",
    "VALUE_COLUMNS_IN",
    "ImportResult",
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
VALUE_COLUMNS_IN = ["region", "indicator", "year", "value", "flag", "source", "retrieved"]
_REQUIRED = {
    "indicators": ["region", "code", "kind", "name_sv", "name_en"],
    "values": ["region", "indicator", "year", "value"],
}
_YES = {"ja", "yes", "true", "1", "x"}
_NO = {"", "nej", "no", "false", "0"}


@dataclass(frozen=True)
class ImportResult:
    """What an import stored."""

    indicators: int
    values: int
    regions: list[str]


@dataclass(frozen=True)
class _Cell:
    file: str
    row: int
    column: str
    value: str

    def fail(self, message: str) -> InputError:
        return InputError(
            message, file=self.file, row=self.row, column=self.column, value=self.value
        )


def _number(cell: _Cell, *, required: bool = False) -> float | None:
    text = cell.value.replace("\xa0", "").replace(" ", "").replace(",", ".")
    if not text:
        if required:
            raise cell.fail(gettext("a number is required here"))
        return None
    try:
        number = float(text)
    except ValueError:
        raise cell.fail(gettext("not a number")) from None
    if not math.isfinite(number):
        raise cell.fail(gettext("not a number"))
    return number


def _year(cell: _Cell, *, required: bool = False) -> int | None:
    number = _number(cell, required=required)
    if number is None:
        return None
    if number % 1 or not 1900 <= number <= 2100:
        raise cell.fail(gettext("a year is a whole number from 1900 to 2100"))
    return int(number)


def _choice(cell: _Cell, options: tuple[str, ...], default: str) -> str:
    text = cell.value.strip().lower() or default
    if text not in options:
        raise cell.fail(gettext("expected one of: {options}", options=", ".join(options)))
    return text


def _region(cell: _Cell) -> str:
    try:
        return county_code(cell.value)
    except S3AtlasError as error:
        raise cell.fail(error.detail) from None


def _yes(cell: _Cell) -> bool:
    text = cell.value.strip().lower()
    if text not in _YES | _NO:
        raise cell.fail(gettext("expected ja/yes or nej/no"))
    return text in _YES


def _rows(grid: Any, kind: str) -> list[Callable[[str], _Cell]]:
    header = [h.strip().lower() for h in grid.header]
    missing = [c for c in _REQUIRED[kind] if c not in header]
    if missing:
        raise InputError(
            gettext("missing columns: {columns}", columns=", ".join(missing)), file=grid.file, row=1
        )

    def getter(fields: list[str], number: int) -> Callable[[str], _Cell]:
        def cell(column: str) -> _Cell:
            text = fields[header.index(column)] if column in header else ""
            return _Cell(grid.file, number, column, text.strip())

        return cell

    return [getter(f, n) for f, n in zip(grid.rows, grid.row_numbers, strict=True)]


def cell_reader(fields: Mapping[str, str], file: str, row: int = 1) -> Callable[[str], _Cell]:
    """Return a cell getter over one record (a web form), for :func:`indicator_from_cells`."""

    def cell(column: str) -> _Cell:
        return _Cell(file, row, column, str(fields.get(column, "")).strip())

    return cell


def indicator_from_cells(cell: Callable[[str], _Cell]) -> tuple[str, Indicator]:
    """Check one indicator row (region, code, kind, names, baseline, target …); return the county
    and the indicator."""
    county = _region(cell("region"))
    code = cell("code")
    if not code.value:
        raise code.fail(gettext("the indicator code is empty"))
    baseline_year, target_year = _year(cell("baseline_year")), _year(cell("target_year"))
    baseline_value, target_value = _number(cell("baseline_value")), _number(cell("target_value"))
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
        _choice(cell("kind"), KINDS, "result"),
        cell("name_sv").value,
        cell("name_en").value or cell("name_sv").value,
        unit=cell("unit").value,
        source=cell("source").value,
        definition=cell("definition").value,
        direction=_choice(cell("direction"), DIRECTIONS, "higher"),
        statistic=cell("statistic").value,
        goal=cell("goal").value,
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        target_year=target_year,
        target_value=target_value,
        milestones=steps,
        example=_yes(cell("example")),
    )
    if not item.name_sv:
        raise cell("name_sv").fail(gettext("the indicator needs a Swedish name"))
    return county, item


def _value(cell: Callable[[str], _Cell], known: Callable[[str], set[str]]) -> dict[str, Any]:
    county = _region(cell("region"))
    code = cell("indicator")
    if code.value not in known(county):
        raise code.fail(gettext("no such indicator in the region's framework or in the file"))
    flag = _choice(cell("flag"), VALUE_FLAGS, "ok")
    return {
        "county_code": county,
        "indicator": code.value,
        "year": _year(cell("year"), required=True),
        "value": _number(cell("value"), required=True),
        "flag": flag,
        "source": cell("source").value,
        "retrieved": cell("retrieved").value,
    }


def _grids(path: Path) -> dict[str, Any]:
    from s3atlas.io.tables import read_csv_grid, read_excel_grid

    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            names = load_workbook(path, read_only=True).sheetnames
        except Exception:  # openpyxl raises many types for a broken file
            raise InputError(gettext("not a readable Excel workbook"), file=str(path)) from None
        grids = {k: read_excel_grid(path, k) for k in ("indicators", "values") if k in names}
        if not grids:
            raise InputError(
                gettext("the workbook needs a sheet named indicators or values"), file=str(path)
            )
        return grids
    grid = read_csv_grid(path)
    header = {h.strip().lower() for h in grid.header}
    return {"indicators" if {"code", "kind"} <= header else "values": grid}


def read_import(
    path: str | Path, store: Any = None
) -> tuple[dict[str, list[Indicator]], pd.DataFrame]:
    """Read and check a file; return the indicators per county and the values. Nothing is stored."""
    grids = _grids(Path(path))
    indicators: dict[str, list[Indicator]] = {}
    if "indicators" in grids:
        for cell in _rows(grids["indicators"], "indicators"):
            county, item = indicator_from_cells(cell)
            indicators.setdefault(county, []).append(item)
    cache: dict[str, set[str]] = {}

    def known(county: str) -> set[str]:
        if county not in cache:
            cache[county] = {i.code for i in framework_indicators(county, store)}
            cache[county] |= {i.code for i in indicators.get(county, [])}
        return cache[county]

    rows = (
        [_value(cell, known) for cell in _rows(grids["values"], "values")]
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
    """Check *path* whole, then store its indicators and values in one transaction."""
    indicators, values = read_import(path, store)
    save_import(store, indicators, values)
    regions = sorted(set(indicators) | set(values.county_code))
    return ImportResult(sum(len(v) for v in indicators.values()), len(values), regions)

"""Checked cells of an import: each value read with its file, row and column for the error.

Shared by the readers of indicators, values, strategies and actions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from s3atlas.errors import InputError, S3AtlasError
from s3atlas.i18n import gettext
from s3atlas.monitoring.framework import county_code

__all__ = ["Cell", "cell_reader", "choice", "number", "region", "rows_of", "year", "yes"]

_YES = {"ja", "yes", "true", "1", "x"}
_NO = {"", "nej", "no", "false", "0"}


@dataclass(frozen=True)
class Cell:
    """One cell's text and where it is."""

    file: str
    row: int
    column: str
    value: str

    def fail(self, message: str) -> InputError:
        """Return the error for this cell."""
        return InputError(
            message, file=self.file, row=self.row, column=self.column, value=self.value
        )


def number(cell: Cell, *, required: bool = False) -> float | None:
    """Return the cell as a number (decimal comma allowed), None when empty."""
    text = cell.value.replace("\xa0", "").replace(" ", "").replace(",", ".")
    if not text:
        if required:
            raise cell.fail(gettext("a number is required here"))
        return None
    try:
        found = float(text)
    except ValueError:
        raise cell.fail(gettext("not a number")) from None
    if not math.isfinite(found):
        raise cell.fail(gettext("not a number"))
    return found


def year(cell: Cell, *, required: bool = False) -> int | None:
    """Return the cell as a year from 1900 to 2100, None when empty."""
    found = number(cell, required=required)
    if found is None:
        return None
    if found % 1 or not 1900 <= found <= 2100:
        raise cell.fail(gettext("a year is a whole number from 1900 to 2100"))
    return int(found)


def choice(cell: Cell, options: tuple[str, ...], default: str) -> str:
    """Return the cell as one of *options* (lower case), *default* when empty."""
    text = cell.value.strip().lower() or default
    if text not in options:
        raise cell.fail(gettext("expected one of: {options}", options=", ".join(options)))
    return text


def region(cell: Cell) -> str:
    """Return the county code the cell names."""
    try:
        return county_code(cell.value)
    except S3AtlasError as error:
        raise cell.fail(error.detail) from None


def yes(cell: Cell) -> bool:
    """Return whether the cell says ja/yes."""
    text = cell.value.strip().lower()
    if text not in _YES | _NO:
        raise cell.fail(gettext("expected ja/yes or nej/no"))
    return text in _YES


def rows_of(grid: Any, required: list[str]) -> list[Callable[[str], Cell]]:
    """Return a cell getter per data row of *grid*; refuse a grid without the *required* columns."""
    header = [h.strip().lower() for h in grid.header]
    missing = [c for c in required if c not in header]
    if missing:
        raise InputError(
            gettext("missing columns: {columns}", columns=", ".join(missing)), file=grid.file, row=1
        )

    def getter(fields: list[str], number: int) -> Callable[[str], Cell]:
        def cell(column: str) -> Cell:
            text = fields[header.index(column)] if column in header else ""
            return Cell(grid.file, number, column, text.strip())

        return cell

    return [getter(f, n) for f, n in zip(grid.rows, grid.row_numbers, strict=True)]


def cell_reader(fields: Mapping[str, str], file: str, row: int = 1) -> Callable[[str], Cell]:
    """Return a cell getter over one record (a web form), for :func:`indicator_from_cells`."""

    def cell(column: str) -> Cell:
        return Cell(file, row, column, str(fields.get(column, "")).strip())

    return cell

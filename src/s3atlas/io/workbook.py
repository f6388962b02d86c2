"""Excel workbooks (``.xlsx``/``.xlsm``) read as text lines, bounded and without formulas' guesses.

The archive's unpacked size is checked before openpyxl opens it; a sheet's
declared dimension and the cells actually found are checked against
:class:`~s3atlas.io.limits.ReadLimits` while it is streamed (never padded to
the declared size); a formula without a saved result is refused. Used by
:mod:`s3atlas.io.tabular`, the one reader of tabular files.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from s3atlas.errors import InputError
from s3atlas.i18n import gettext as _
from s3atlas.io.limits import ReadLimits, too_large

__all__ = ["broken", "one_sheet", "open_workbook", "workbook_lines"]

_TEXT_SUFFIXES = (".csv", ".txt", ".tsv", ".tab")


def open_workbook(path: Path, limits: ReadLimits) -> Any:
    """Open an ``.xlsx`` read-only after checking how much its archive unpacks to."""
    from openpyxl import load_workbook

    file = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(broken(path), file=file) from None
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise InputError(
            _("a zip archive, not an Excel workbook; expected a CSV file or a workbook (.xlsx)"),
            file=file,
        )
    if unpacked > limits.max_unpacked:
        raise InputError(
            _(
                "the workbook unpacks to {size} MB, more than the limit of {limit} MB; "
                "split it or save the table as CSV",
                size=unpacked // 2**20,
                limit=limits.max_unpacked // 2**20,
            ),
            file=file,
        )
    try:
        return load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many unrelated types for broken files
        raise InputError(broken(), file=file) from None


def broken(path: Path | None = None) -> str:
    if path is not None and path.suffix.lower() in _TEXT_SUFFIXES:
        return _("not a text file (it contains binary data); expected a CSV export")
    return _(
        "not a readable Excel workbook: the file is damaged or truncated; "
        "open it in Excel and save it again"
    )


def _sheet_lines(ws: Any, file: str, limits: ReadLimits) -> list[tuple[int, list[str]]]:
    """Stream a read-only sheet's rows as text, refusing cells beyond the limits."""
    _check_dimension(ws, file, limits)
    sparse, width = _sparse_rows(ws, file, limits)
    return [
        (n, _row_text(sparse.get(n, {}), width, file, n))
        for n in range(1, max(sparse, default=0) + 1)
    ]


def _check_dimension(ws: Any, file: str, limits: ReadLimits) -> None:
    """Raise when the size the sheet declares holds more cells than the limits allow."""
    from openpyxl.worksheet._reader import WorkSheetParser

    source = ws._get_source()
    try:
        dimension = WorkSheetParser(source, []).parse_dimensions()
    finally:
        source.close()
    if dimension:
        min_col, min_row, max_col, max_row = dimension
        if (max_row - min_row + 1) * (max_col - min_col + 1) > limits.max_cells:
            too_large(file, max_row - min_row + 1, max_col - min_col + 1, limits)


def _sparse_rows(
    ws: Any, file: str, limits: ReadLimits
) -> tuple[dict[int, dict[int, object]], int]:
    """The sheet's non-empty rows (row → column → value) and the widest row's width; a formula
    without a saved result is an :class:`_Uncached` value."""
    from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

    book = ws.parent

    class Parser(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            formula = element.find(FORMULA_TAG) is not None
            saved = element.findtext(VALUE_TAG) or element.get("t") == "str"
            if formula and not saved:
                cell["value"] = _Uncached(cell["row"], cell["column"])
            return cell

    sparse: dict[int, dict[int, object]] = {}
    width = 0
    with ws._get_source() as source:
        parser = Parser(
            source,
            ws._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        for number, cells in parser.parse():
            row = {c["column"]: c["value"] for c in cells if c["value"] is not None}
            if not row:
                continue
            width = max(width, *row)
            if number * width > limits.max_cells:
                too_large(file, number, width, limits)
            sparse[number] = row
    return sparse, width


@dataclass(frozen=True)
class _Uncached:
    row: int
    column: int


def _row_text(row: dict[int, object], width: int, file: str, number: int) -> list[str]:
    out = [""] * width
    for column, value in row.items():
        if isinstance(value, _Uncached):
            from openpyxl.utils import get_column_letter

            raise InputError(
                _(
                    "the cell holds a formula without a saved result; open the workbook in "
                    "Excel (or LibreOffice) and save it, then import it again"
                ),
                file=file,
                row=number,
                column=get_column_letter(column),
            )
        out[column - 1] = _excel_text(value)
    return out


def _excel_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def workbook_lines(
    path: Path, choose: Callable[[list[str]], list[str]], limits: ReadLimits
) -> dict[str, list[tuple[int, list[str]]]]:
    """The lines of the sheets that *choose* picks from the workbook's sheet names."""
    book = open_workbook(path, limits)
    try:
        wanted = choose(book.sheetnames)
        try:
            return {
                name: _sheet_lines(book[name], f"{path.name}, {_('sheet')} {name}", limits)
                for name in wanted
            }
        except InputError:
            raise
        except Exception:  # noqa: BLE001 - a damaged sheet fails inside openpyxl's parser
            raise InputError(broken(), file=str(path)) from None
    finally:
        book.close()


def one_sheet(sheet: str | None, file: str) -> Callable[[list[str]], list[str]]:
    def choose(names: list[str]) -> list[str]:
        if sheet is None:
            return names[:1]
        if sheet not in names:
            raise InputError(
                _(
                    "no sheet {sheet!r}; the workbook has {names}",
                    sheet=sheet,
                    names=", ".join(names),
                ),
                file=file,
            )
        return [sheet]

    return choose

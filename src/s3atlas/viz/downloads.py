"""Every table shown, as a CSV or Excel file people can open and read back.

CSV is UTF-8 with a byte-order mark, so Excel shows å, ä and ö correctly
when the file is double-clicked. In English the separator is a comma and
decimals use a point (RFC 4180), which R, Python and PxWeb's own CSV readers
expect; in Swedish the separator is a semicolon and decimals use a comma,
which is what Excel with Swedish regional settings splits correctly. Columns
the page shows as percent (growth) are written as percent, with "(%)" in the
header, in both languages. The
Excel workbook keeps numbers as numbers, puts the table on its own sheet
(header in row 1, so ``pandas.read_excel`` gives the same table back) and the
source note on a second sheet. Text a spreadsheet would run as a formula
(``=``, ``+``, ``-``, ``@``, tab, CR first) gets a leading ``'`` in both
(:mod:`s3atlas.io.neutralise`); the readers here take it off again.

Examples
--------
>>> import pandas as pd
>>> frame = pd.DataFrame({"namn": ["Skoglig bioekonomi"], "lq": [2.35]})
>>> to_csv_bytes(frame, lang="sv")[:3] == b"\\xef\\xbb\\xbf"
True
>>> body = to_xlsx_bytes(frame, sheet_name="Styrkor", source="SCB", lang="sv")
>>> back = read_xlsx_bytes(body, "Styrkor")
>>> back.equals(frame)
True
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from s3atlas.errors import InputError
from s3atlas.i18n import gettext
from s3atlas.io.neutralise import neutralise, neutralise_frame, unneutralise_frame

__all__ = [
    "CSV_DIALECTS",
    "MEDIA_TYPES",
    "as_percent",
    "download_name",
    "read_csv_bytes",
    "read_xlsx_bytes",
    "safe_sheet_name",
    "to_csv_bytes",
    "to_xlsx_bytes",
]

MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
"""File format → media type of the table downloads."""

_BOM = "\ufeff"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _checked(frame: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(frame, pd.DataFrame):
        raise InputError(f"a download needs a table (DataFrame), got {type(frame).__name__}")
    if frame.columns.duplicated().any():
        dup = frame.columns[frame.columns.duplicated()][0]
        raise InputError(gettext("a download needs unique column names"), column=str(dup))
    return frame


CSV_DIALECTS: dict[str, tuple[str, str]] = {"sv": (";", ","), "en": (",", ".")}
"""Language → (separator, decimal mark) of the CSV downloads."""


def as_percent(frame: pd.DataFrame, columns: Iterable[str] = ()) -> pd.DataFrame:
    """Return *frame* with the share *columns* (0.052) as percent (5.2), headed "name (%)".

    >>> as_percent(pd.DataFrame({"Tillväxt": [0.052]}), ["Tillväxt"]).to_dict("list")
    {'Tillväxt (%)': [5.2]}
    """
    frame = _checked(frame)
    wanted = [c for c in columns if c in frame.columns]
    if not wanted:
        return frame
    scaled = frame.assign(**{c: (frame[c].astype(float) * 100).round(2) for c in wanted})
    return scaled.rename(columns={c: f"{c} (%)" for c in wanted})


def to_csv_bytes(frame: pd.DataFrame, *, lang: str, percent: Iterable[str] = ()) -> bytes:
    """Return *frame* as UTF-8 CSV with a byte-order mark (index left out).

    Parameters
    ----------
    frame : DataFrame
        The table as shown.
    lang : {"sv", "en"}, optional
        The page's language (default: the current one). Swedish files use
        ``;`` between fields and ``,`` as decimal mark; English ones ``,`` and ``.``.
    percent : iterable of str
        Columns holding shares that the page shows as percent.

    Text a spreadsheet would run as a formula is guarded (:mod:`s3atlas.io.neutralise`); lines
    end in CRLF as RFC 4180 says, so a text holding a bare CR is quoted, not split into rows.

    >>> to_csv_bytes(pd.DataFrame({"a": [1.5], "b": [2]}), lang="en").decode("utf-8-sig")
    'a,b\\r\\n1.5,2\\r\\n'
    >>> to_csv_bytes(pd.DataFrame({"a": [1.5], "b": [2]}), lang="sv").decode("utf-8-sig")
    'a;b\\r\\n1,5;2\\r\\n'
    """
    sep, decimal = CSV_DIALECTS.get(lang, CSV_DIALECTS["en"])
    shown = neutralise_frame(as_percent(_checked(frame), percent))
    text = shown.to_csv(index=False, lineterminator="\r\n", sep=sep, decimal=decimal)
    return (_BOM + text).encode("utf-8")


def read_csv_bytes(body: bytes, *, lang: str) -> pd.DataFrame:
    """Read a CSV made by :func:`to_csv_bytes` in *lang* back into a table.

    Codes keep their leading zeros only if the caller says which columns are
    text; use ``pandas.read_csv(..., dtype=...)`` directly for that.
    """
    sep, decimal = CSV_DIALECTS.get(lang, CSV_DIALECTS["en"])
    frame = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", sep=sep, decimal=decimal)
    return unneutralise_frame(frame)


def safe_sheet_name(name: str) -> str:
    """Return a sheet name Excel accepts: no ``[]:*?/\\``, at most 31 characters, not empty.

    >>> safe_sheet_name("Styrkor: LQ/tillväxt [2023]")
    'Styrkor LQ tillväxt 2023'
    """
    cleaned = _SHEET_FORBIDDEN.sub(" ", str(name))
    cleaned = re.sub(r"\s+", " ", cleaned).strip().strip("'")[:31].strip()
    return cleaned or "Data"


def _fit_columns(sheet: Worksheet, frame: pd.DataFrame) -> None:
    for i, column in enumerate(frame.columns, start=1):
        cells = [column, *frame[column].head(200).tolist()]
        sheet.column_dimensions[get_column_letter(i)].width = min(
            max(len(str(c)) for c in cells) + 2, 60
        )


def _cell(value: object) -> object:
    """A value openpyxl can store: missing becomes empty, numpy scalars become Python."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value.item() if hasattr(value, "item") else value


def to_xlsx_bytes(
    frame: pd.DataFrame,
    *,
    sheet_name: str = "Data",
    source: str | None = None,
    title: str | None = None,
    notes: Mapping[str, str] | None = None,
    lang: str,
    percent: Iterable[str] = (),
) -> bytes:
    """Return *frame* as an .xlsx workbook: the table on *sheet_name*, the source on a second sheet.

    Parameters
    ----------
    frame : DataFrame
        The table exactly as shown; numbers stay numbers.
    sheet_name : str
        Name of the data sheet (cleaned with :func:`safe_sheet_name`).
    source : str, optional
        Where the numbers come from (agency, table, year); written on the
        "Källa"/"Source" sheet together with *title* and *notes*.
    percent : iterable of str
        Columns holding shares that the page shows as percent (see :func:`as_percent`).
    """
    frame = neutralise_frame(as_percent(_checked(frame), percent))
    book = Workbook()
    sheet = book.active
    sheet.title = safe_sheet_name(sheet_name)
    sheet.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        sheet.append([_cell(v) for v in row])
    header_fill = PatternFill("solid", fgColor="1F2933")
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center")
    sheet.freeze_panes = "A2"
    _fit_columns(sheet, frame)
    about = book.create_sheet(safe_sheet_name(gettext("Source", lang)))
    rows = [
        (gettext("Table", lang), title or sheet.title),
        (gettext("Source", lang), source or "–"),
        *(notes or {}).items(),
        (gettext("Made with", lang), "s3atlas"),
    ]
    for key, value in rows:
        about.append([neutralise(key), neutralise(value)])
        about.cell(about.max_row, 1).font = Font(bold=True)
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 90
    book.properties.title = title or sheet.title
    book.properties.description = source or ""
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read_xlsx_bytes(body: bytes, sheet_name: str | int = 0) -> pd.DataFrame:
    """Read the data sheet of a workbook made by :func:`to_xlsx_bytes` back into a table."""
    name = safe_sheet_name(sheet_name) if isinstance(sheet_name, str) else sheet_name
    return unneutralise_frame(pd.read_excel(io.BytesIO(body), sheet_name=name, engine="openpyxl"))


def download_name(stem: str, fmt: str) -> str:
    """Return an ASCII file name safe for every operating system (å, ä, ö folded to a, a, o).

    >>> download_name("Västerbotten: styrkor / 2023", "csv")
    'vasterbotten-styrkor-2023.csv'
    """
    folded = str(stem).lower().translate(str.maketrans("åäöéü", "aaoeu"))
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "table"
    return f"{slug}.{fmt}"

"""The one reader of tabular files: CSV/text exports and Excel workbooks, as text cells.

Every importer (datasets, ecosystem maps, cluster surveys, priority lists)
reads its file through :func:`read_grid` (or :func:`read_sheets` for a
workbook with one table per sheet), so they all accept the same files and
fail the same way:

* text in UTF-8 (with or without BOM), UTF-16 (with BOM), Windows-1252 or
  latin-1, separated by ``,`` ``;`` or tab (sniffed from the first lines);
* ``.xlsx``/``.xlsm`` workbooks, recognised by their content, read in a
  bounded way (:class:`ReadLimits`): the archive's unpacked size, the sheet's
  declared and actual rows × columns;
* row numbers as a spreadsheet shows them (the first line is row 1);
* anything else (an ``.xls`` workbook, a PDF, an image, a damaged archive, a
  formula without a saved result) is refused with an
  :class:`~s3atlas.errors.InputError` that names the file and never echoes
  binary content.

The cells come back as stripped text in a :class:`Grid`; checking them is the
importer's work.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from s3atlas.errors import InputError
from s3atlas.i18n import gettext as _
from s3atlas.io.limits import LIMITS, ReadLimits, count_text, too_large
from s3atlas.io.neutralise import unneutralise
from s3atlas.io.workbook import broken, one_sheet, workbook_lines

__all__ = [
    "LIMITS",
    "Grid",
    "ReadLimits",
    "decode_text",
    "printable",
    "read_grid",
    "read_sheets",
    "refuse_binary",
]

Blank = Literal["end", "skip"]


@dataclass(frozen=True)
class Grid:
    """Text cells of a table: the header, the data rows and their 1-based source row numbers."""

    file: str
    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    title: str = ""
    notes: str = ""
    header_row: int = field(default=1, compare=False)

    def frame(self) -> Any:
        """Return the cells as a text DataFrame indexed by spreadsheet row number (``row``).

        ``attrs["header_row"]`` keeps the row the header was found on. Text that s3atlas's own
        exports guarded against formula injection (:mod:`s3atlas.io.neutralise`) comes back as
        it was, so export → import gives the original text.

        >>> Grid("a.csv", ["region", "priority"], [["24", "Skog"]], [2]).frame().to_dict("index")
        {2: {'region': '24', 'priority': 'Skog'}}
        """
        import pandas as pd

        index = pd.Index(self.row_numbers, name="row", dtype="int64")
        rows = [[unneutralise(cell) for cell in row] for row in self.rows]
        frame = pd.DataFrame(rows, columns=self.header, index=index, dtype=str)
        frame.attrs["header_row"] = self.header_row
        return frame


# --- what kind of file -----------------------------------------------------------

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BINARY = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"PAR1": "a Parquet file",
    b"SQLite format 3": "an SQLite database",
    b"\x7fELF": "a program",
    b"MZ": "a program",
}


def _kind(head: bytes) -> str:
    """Return ``"workbook"``, ``"xls"``, ``"text"`` or a description of another binary kind."""
    if head.startswith(_ZIP) or head.startswith(b"PK\x05\x06"):
        return "workbook"
    if head.startswith(_OLE):
        return "xls"
    for magic, what in _BINARY.items():
        if head.startswith(magic):
            return what
    return "text"


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(_("a folder, not a file"), file=str(path)) from None
    except FileNotFoundError:
        raise InputError(_("no such file"), file=str(path)) from None
    except OSError as error:
        raise InputError(
            _("cannot read the file: {reason}", reason=error.strerror or ""), file=str(path)
        ) from None


def _refuse_kind(kind: str, file: str) -> None:
    if kind == "xls":
        raise InputError(
            _(
                "an old Excel 97–2003 workbook (.xls) cannot be read; open it in Excel and "
                "save it as an Excel workbook (.xlsx) or as CSV"
            ),
            file=file,
        )
    raise InputError(
        _(
            "not a table: the file is {kind}; expected a CSV file or an Excel workbook (.xlsx)",
            kind=_(kind),
        ),
        file=file,
    )


def refuse_binary(path: str | Path) -> None:
    """Refuse a file that is not plain (UTF-8 or 8-bit) text, naming what it is instead.

    For readers that take text only (a CSV read by Arrow): a workbook, an
    image, an archive or UTF-16 text is refused without echoing its bytes.
    """
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8192)
    except OSError as error:
        raise InputError(
            _("cannot read the file: {reason}", reason=error.strerror or ""), file=str(path)
        ) from None
    kind = _kind(head)
    if kind == "workbook":
        raise InputError(
            _("an Excel workbook, not a CSV file; save the sheet as CSV (UTF-8)"), file=str(path)
        )
    if kind != "text":
        _refuse_kind(kind, str(path))
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(_("UTF-16 text; save the file as CSV (UTF-8)"), file=str(path))
    if b"\x00" in head or _mostly_control(head.decode("latin-1")):
        raise InputError(
            _("not a text file (it contains binary data); expected a CSV export"), file=str(path)
        )


def printable(text: str, limit: int = 160) -> str:
    """*text* with control characters escaped and cut to *limit* characters, safe to print.

    >>> printable("bad\\x1b[2J row" + "x" * 200, 20)
    'bad\\\\x1b[2J rowxxxxx…'
    """
    shown = "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


# --- text ------------------------------------------------------------------------


def _utf16(data: bytes) -> str | None:
    """UTF-16 text: with a BOM, or without one when every other byte of the start is NUL."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    head = data[:4096]
    if len(head) >= 4 and head.count(0) * 3 >= len(head):
        odd, even = head[1::2].count(0), head[0::2].count(0)
        encoding = "utf-16-le" if odd > even else "utf-16-be"
        return data[: len(data) // 2 * 2].decode(encoding)
    return None


def decode_text(data: bytes, file: str) -> str:
    """Decode a text export: UTF-8 (with or without BOM), UTF-16, else Windows-1252/latin-1.

    Binary content is refused without being echoed.

    >>> decode_text("Västerbottens län".encode("latin-1"), "a.csv")
    'Västerbottens län'
    >>> decode_text("län;år".encode("utf-16"), "a.csv")
    'län;år'
    """
    try:
        text = _utf16(data)
    except UnicodeDecodeError:
        text = None
    if text is None:
        if b"\x00" in data:
            raise InputError(
                _("not a text file (it contains binary data); expected a CSV export"), file=file
            )
        for encoding in ("utf-8-sig", "cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    assert text is not None  # latin-1 decodes any byte string
    if _mostly_control(text):
        raise InputError(
            _("not a text file (it contains binary data); expected a CSV export"), file=file
        )
    return text


def _mostly_control(text: str) -> bool:
    sample = text[:8192]
    control = sum(1 for c in sample if (c < " " and c not in "\t\r\n\f") or c in "\x7f\x00")
    return control > max(8, len(sample) // 100)


def _delimiter(text: str) -> str:
    sample = [line for line in text[:65536].splitlines()[:30] if line.strip()]
    best, best_score = ",", (-1, 0)
    for delimiter in (",", ";", "\t"):
        try:
            counts = [len(r) for r in csv.reader(sample, delimiter=delimiter)]
        except csv.Error:
            continue
        widest = max(counts, default=0)
        score = (sum(c == widest for c in counts) if widest > 1 else 0, widest)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _parse_csv(text: str, file: str, limits: ReadLimits) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    out: list[tuple[int, list[str]]] = []
    start, cells = 1, 0
    try:
        for fields in reader:
            cells += max(len(fields), 1)
            if cells > limits.max_cells:
                too_large(file, len(out) + 1, len(fields), limits)
            if any(len(f) > limits.max_field for f in fields):
                raise InputError(
                    _(
                        "a field is longer than {limit} characters; the file is not a table of "
                        "values",
                        limit=count_text(limits.max_field),
                    ),
                    file=file,
                    row=start,
                )
            out.append((start, [f.strip() for f in fields]))
            start = reader.line_num + 1
    except csv.Error as error:
        raise InputError(_csv_problem(str(error)), file=file, row=start) from None
    return out


def _csv_problem(error: str) -> str:
    if "field larger than field limit" in error:
        return _("a field is too long; the file is not a table of values")
    if "new-line character" in error or "newline" in error:
        return _("a line break inside an unquoted field; quote fields that hold line breaks")
    if "unexpected end of data" in error or "EOF" in error:
        return _("a quoted field is not closed; the file looks truncated")
    return _("malformed CSV: a quote in the wrong place; the file is not a well-formed CSV export")


# --- one table out of lines ------------------------------------------------------


def _blank(fields: list[str]) -> bool:
    return not any(fields)


def _split_table(lines: list[tuple[int, list[str]]], file: str, blank: Blank) -> Grid:
    """Skip title rows, find the header, take the rows below it, keep footnotes.

    With ``blank="end"`` an empty row ends the table (one-cell rows after it
    are footnotes); with ``blank="skip"`` empty rows are skipped.
    """
    position = 0
    while position < len(lines) and sum(bool(f) for f in lines[position][1]) < 2:
        position += 1
    if position == len(lines):
        raise InputError(
            _("no header row found (a row with at least two columns); the file may be empty"),
            file=file,
        )
    title = " ".join(" ".join(f for f in fields if f) for _n, fields in lines[:position]).strip()
    header_row, header = lines[position]
    while header and not header[-1]:
        header = header[:-1]
    _check_header(header, file, header_row)
    rows, numbers, notes = [], [], []
    ended = False
    for number, fields in lines[position + 1 :]:
        if _blank(fields):
            ended = blank == "end"
        elif ended and sum(bool(f) for f in fields) <= 1:
            notes.append(" ".join(f for f in fields if f))  # footnote after the table
        elif ended:
            raise InputError(
                _("data after an empty row; expected one table per file"), file=file, row=number
            )
        else:
            rows.append(_fit(fields, header, number, file, pad=blank == "skip"))
            numbers.append(number)
    return Grid(file, header, rows, numbers, title, " ".join(notes), header_row)


def _check_header(header: list[str], file: str, row: int) -> None:
    seen: dict[str, str] = {}
    for name in header:
        key = name.casefold()
        if key and key in seen:
            raise InputError(
                _("the header names this column twice; rename one of them"),
                file=file,
                row=row,
                column=name,
            )
        seen[key] = name


def _fit(fields: list[str], header: list[str], number: int, file: str, pad: bool) -> list[str]:
    if len(fields) > len(header) and not any(fields[len(header) :]):
        fields = fields[: len(header)]
    if len(fields) < len(header) and pad:
        fields = fields + [""] * (len(header) - len(fields))
    if len(fields) < len(header):
        raise InputError(
            _(
                "row has {found} of {expected} columns; the file is truncated or malformed",
                found=len(fields),
                expected=len(header),
            ),
            file=file,
            row=number,
            column=header[len(fields)],
        )
    if len(fields) > len(header):
        raise InputError(
            _(
                "row has {found} columns but the header has {expected}; a value has no column",
                found=len(fields),
                expected=len(header),
            ),
            file=file,
            row=number,
            value=fields[len(header)],
        )
    return fields


# --- the readers -----------------------------------------------------------------


def _lines(path: Path, limits: ReadLimits) -> list[tuple[int, list[str]]] | None:
    """The lines of a text file, or None when it is a workbook."""
    data = _read_bytes(path)
    kind = _kind(data[:16])
    if kind == "workbook":
        return None
    if kind != "text":
        _refuse_kind(kind, str(path))
    if not data.strip():
        raise InputError(_("the file is empty"), file=str(path))
    return _parse_csv(decode_text(data, str(path)), str(path), limits)


def read_grid(
    path: str | Path,
    *,
    sheet: str | None = None,
    blank: Blank = "end",
    limits: ReadLimits = LIMITS,
) -> Grid:
    """Read a CSV/text file or one sheet of a workbook (default the first) into a :class:`Grid`.

    Parameters
    ----------
    path : path
        The file; whether it is a workbook is told from its content, not its name.
    sheet : str, optional
        The workbook sheet (default: the first). Ignored for text files.
    blank : ``"end"`` or ``"skip"``
        Whether an empty row ends the table (statistics exports put footnotes
        below it; rows must have every column) or is skipped (lists typed by
        hand; short rows are filled with empty cells).
    limits : ReadLimits
        Bounds on the size of what is read.

    Raises
    ------
    InputError
        The file cannot be read as a table; the message names the file and,
        where there is one, the row and column.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = path.write_bytes("Titel\\n\\nlän;år;antal\\n24;2018;5\\n".encode("cp1252"))
    >>> grid = read_grid(path)
    >>> grid.title, grid.header, grid.rows, grid.row_numbers
    ('Titel', ['län', 'år', 'antal'], [['24', '2018', '5']], [4])
    """
    path = Path(path)
    lines = _lines(path, limits)
    if lines is None:
        sheets = workbook_lines(path, one_sheet(sheet, str(path)), limits)
        lines = next(iter(sheets.values()), [])
    return _split_table(lines, str(path), blank)


def read_sheets(
    path: str | Path, names: tuple[str, ...], *, blank: Blank = "skip", limits: ReadLimits = LIMITS
) -> dict[str, Grid]:
    """Read the sheets of a workbook whose names (any case) are in *names*: name → grid.

    A sheet that is empty gives a grid without header or rows. Each grid's
    ``file`` is ``"<file name>, sheet <sheet>"`` (translated).
    """
    path = Path(path)
    kind = _kind(_read_bytes(path)[:16])
    if kind == "text":
        raise InputError(broken(), file=str(path))
    if kind != "workbook":
        _refuse_kind(kind, str(path))

    def choose(sheets: list[str]) -> list[str]:
        return [s for s in sheets if s.strip().lower() in names]

    out: dict[str, Grid] = {}
    for sheet, lines in workbook_lines(path, choose, limits).items():
        label = f"{path.name}, {_('sheet')} {sheet}"
        empty = not any(any(f) for _n, f in lines)
        grid = Grid(label, [], [], []) if empty else _split_table(lines, label, blank)
        out[sheet.strip().lower()] = grid
    return out

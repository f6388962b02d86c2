"""Generic statistics tables: CSV and Excel, long or wide, with column mapping.

A *long* table has one row per number: region, industry, year and value
columns (the bundled ``scb_rams_2018_county_industry.csv`` is one). A *wide*
table has years as columns (``"2017","2018"``), the way PxWeb and
spreadsheets show them; a year column may also carry the sex
(``"2018 kvinnor"``). Columns are recognised by their header in Swedish or
English (``region``, ``län``, ``county_code``, ``näringsgren (SNI 2007)``,
``sni_group``, ``år``, ``kön`` …) or named explicitly with *columns*, e.g.
``{"region": "Kod", "value": "Antal"}``. Other columns (names, labels) are
ignored.

Readers return a :class:`Grid`; :func:`grid_to_cells` turns it into the raw
cells that :func:`s3atlas.io.mapping.build_dataset` maps and checks.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from s3atlas.errors import InputError
from s3atlas.i18n import gettext as _
from s3atlas.io.mapping import Provenance, build_dataset
from s3atlas.stats.model import Dataset, DatasetMeta

__all__ = [
    "ROLES",
    "Grid",
    "decode_text",
    "find_columns",
    "grid_to_cells",
    "read_csv_grid",
    "read_excel_grid",
    "read_table",
]

#: The column roles a table can have.
ROLES = ("region", "industry", "year", "sex", "measure", "value")

_EXACT = {
    "region": (
        "region",
        "region_code",
        "regionkod",
        "county_code",
        "municipality_code",
        "nuts_code",
        "geo",
        "län",
        "kommun",
        "county",
        "municipality",
        "nuts",
    ),
    "industry": (
        "industry",
        "industry_code",
        "sni",
        "sni2007",
        "sni_2007",
        "sni_group",
        "sni_code",
        "nace",
        "nace_r2",
        "nace_group",
        "näringsgren",
        "bransch",
    ),
    "year": ("year", "år", "time", "tid", "period"),
    "sex": ("sex", "kön", "kon", "gender"),
    "measure": ("measure", "mått", "tabellinnehåll", "contentscode"),
    "value": ("value", "värde", "obs_value", "antal"),
}
_CONTAINS = {
    "region": ("region", "län", "kommun", "county", "municipalit"),
    "industry": ("näringsgren", "sni", "nace", "industr", "bransch"),
    "sex": ("kön", "sex"),
}
_YEAR_IN_HEADER = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class Grid:
    """Text cells of a table: the header, the data rows and their 1-based source row numbers."""

    file: str
    header: list[str]
    rows: list[list[str]]
    row_numbers: list[int]
    title: str = ""
    notes: str = ""


def decode_text(data: bytes, file: str) -> str:
    """Decode a text export: UTF-8 (with or without BOM), else Windows-1252/latin-1.

    >>> decode_text("Västerbottens län".encode("latin-1"), "a.csv")
    'Västerbottens län'
    """
    if b"\x00" in data[:4096]:
        raise InputError(
            _("not a text file (it contains binary data); expected a CSV export"), file=file
        )
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("cannot decode the file as UTF-8 or latin-1", file=file)  # pragma: no cover


def _delimiter(text: str) -> str:
    sample = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ",", (-1, 0)
    for delimiter in _DELIMITERS:
        counts = [len(r) for r in csv.reader(sample, delimiter=delimiter)]
        widest = max(counts, default=0)
        score = (sum(c == widest for c in counts) if widest > 1 else 0, widest)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _parse_csv(text: str, file: str) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    out: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for fields in reader:
            out.append((start, [f.strip() for f in fields]))
            start = reader.line_num + 1
    except csv.Error as error:
        raise InputError(
            _(
                "malformed CSV ({error}); the file looks truncated or is not a CSV export",
                error=error,
            ),
            file=file,
            row=reader.line_num or 1,
        ) from None
    return out


def _blank(fields: list[str]) -> bool:
    return not any(fields)


def _split_table(lines: list[tuple[int, list[str]]], file: str) -> Grid:
    """Skip title rows, find the header, take rows up to the first empty row, keep footnotes."""
    position = 0
    while position < len(lines) and sum(bool(f) for f in lines[position][1]) < 2:
        position += 1
    if position == len(lines):
        raise InputError("no header row found (a row with at least two columns)", file=file)
    title = " ".join(" ".join(f for f in fields if f) for _, fields in lines[:position]).strip()
    header = lines[position][1]
    while header and not header[-1]:
        header = header[:-1]
    rows, numbers, notes = [], [], []
    ended = False
    for number, fields in lines[position + 1 :]:
        if _blank(fields):
            ended = True
        elif ended and sum(bool(f) for f in fields) <= 1:
            notes.append(" ".join(f for f in fields if f))  # footnote after the table
        elif ended:
            raise InputError(
                _("data after an empty row; expected one table per file"), file=file, row=number
            )
        else:
            rows.append(_fit(fields, header, number, file))
            numbers.append(number)
    return Grid(file, header, rows, numbers, title, " ".join(notes))


def _fit(fields: list[str], header: list[str], number: int, file: str) -> list[str]:
    if len(fields) > len(header) and not any(fields[len(header) :]):
        fields = fields[: len(header)]
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
            value=fields[-1] if fields else None,
        )
    if len(fields) > len(header):
        raise InputError(
            f"row has {len(fields)} columns but the header has {len(header)}",
            file=file,
            row=number,
            column=None,
            value=fields[len(header)],
        )
    return fields


def read_csv_grid(path: str | Path) -> Grid:
    """Read a CSV export (any of , ; tab; UTF-8 or latin-1) into a :class:`Grid`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the file: {error.strerror}", file=str(path)) from None
    return _split_table(_parse_csv(decode_text(data, str(path)), str(path)), str(path))


def _excel_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_excel_grid(path: str | Path, sheet: str | None = None) -> Grid:
    """Read the first (or the named) sheet of an ``.xlsx`` workbook into a :class:`Grid`."""
    from openpyxl import load_workbook

    path = Path(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several unrelated types for broken files
        raise InputError(
            f"not a readable Excel workbook ({type(error).__name__})", file=str(path)
        ) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise InputError(
                f"no sheet {sheet!r}; the workbook has {book.sheetnames}", file=str(path)
            )
        ws = book[sheet] if sheet else book.worksheets[0]
        lines = [
            (i, [_excel_text(v) for v in row])
            for i, row in enumerate(ws.iter_rows(values_only=True), 1)
        ]
    finally:
        book.close()
    width = max((len(f) for _, f in lines), default=0)
    return _split_table([(i, f + [""] * (width - len(f))) for i, f in lines], str(path))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip().casefold()


def _role_of(header: str) -> str | None:
    name = _fold(header)
    for role, names in _EXACT.items():
        if name in names:
            return role
    if re.search(r"(?<!\w)(år|year)(?!\w)", name) and not _YEAR_IN_HEADER.search(name):
        return "year"
    for role, words in _CONTAINS.items():
        if any(word in name for word in words):
            return role
    return None


def find_columns(
    header: list[str], measure: str = "", columns: Mapping[str, str] | None = None, file: str = ""
) -> dict[str, str]:
    """Return the column of each role found in *header*; *columns* overrides.

    >>> find_columns(["region", "näringsgren (SNI 2007)", "2018"])
    {'region': 'region', 'industry': 'näringsgren (SNI 2007)'}
    >>> find_columns(["county_code", "county_name", "sni_group", "year", "employed"], "employed")
    {'region': 'county_code', 'industry': 'sni_group', 'year': 'year', 'value': 'employed'}
    """
    found: dict[str, str] = {}
    for name, wanted in (columns or {}).items():
        if name not in ROLES:
            raise InputError(
                f"unknown column role; use one of {', '.join(ROLES)}", column=name, value=wanted
            )
        if wanted not in header:
            raise InputError(
                f"no such column; the file has {', '.join(header)}", file=file, column=wanted
            )
        found[name] = wanted
    for column in header:
        role = "value" if measure and _fold(column) == _fold(measure) else _role_of(column)
        taken = set(found.values())
        if role and role not in found and column not in taken:
            found[role] = column
    return {role: found[role] for role in ROLES if role in found}


def _year_columns(header: list[str], roles: dict[str, str]) -> list[str]:
    taken = set(roles.values())
    return [c for c in header if c not in taken and _YEAR_IN_HEADER.search(c)]


def grid_to_cells(
    grid: Grid, measure: str = "", columns: Mapping[str, str] | None = None
) -> tuple[pd.DataFrame, dict[str, str]]:
    """Turn a grid (long or wide) into raw cells and the source column of each role.

    Examples
    --------
    >>> grid = Grid("a.csv", ["region", "näringsgren", "2017", "2018"],
    ...             [["01 Stockholms län", "F byggverksamhet", "80", "83"]], [2])
    >>> cells, roles = grid_to_cells(grid)
    >>> cells[["region", "year", "value", "_row", "_col"]].values.tolist()
    [['01 Stockholms län', '2017', '80', 2, '2017'], ['01 Stockholms län', '2018', '83', 2, '2018']]
    """
    if len(set(grid.header)) != len(grid.header):
        twice = next(c for c in grid.header if grid.header.count(c) > 1)
        raise InputError(
            "the header names this column twice",
            file=grid.file,
            row=grid.row_numbers[0] - 1 if grid.row_numbers else 1,
            column=twice,
        )
    frame = pd.DataFrame(grid.rows, columns=grid.header, dtype=str)
    roles = find_columns(grid.header, measure, columns, grid.file)
    if "region" not in roles:
        raise InputError(
            "no region column found; name it with --column region=NAME "
            f"(columns: {', '.join(grid.header)})",
            file=grid.file,
        )
    base = pd.DataFrame(
        {
            "region": frame[roles["region"]],
            "industry": frame[roles["industry"]] if "industry" in roles else "TOTAL",
            "_row": grid.row_numbers,
        }
    )
    if "measure" in roles and measure and frame[roles["measure"]].nunique() <= 1:
        del roles["measure"]  # one contents value: the measure given by the caller names it
    for role in ("sex", "measure"):
        if role in roles:
            base[role] = frame[roles[role]]
    if "year" in roles:
        value = roles.get("value") or _single_value_column(grid, roles)
        roles["value"] = value
        return base.assign(year=frame[roles["year"]], value=frame[value], _col=value), roles
    return _melt_wide(grid, frame, base, roles), roles


def _single_value_column(grid: Grid, roles: dict[str, str]) -> str:
    rest = [c for c in grid.header if c not in roles.values()]
    numeric = [
        c
        for c in rest
        if all(re.fullmatch(r"[-\d\s.,]*|\.\.", v[grid.header.index(c)]) for v in grid.rows[:50])
    ]
    if len(numeric) != 1:
        raise InputError(
            "cannot tell which column holds the values; name it with --column value=NAME "
            f"or --measure (columns: {', '.join(grid.header)})",
            file=grid.file,
        )
    return numeric[0]


def _melt_wide(
    grid: Grid, frame: pd.DataFrame, base: pd.DataFrame, roles: dict[str, str]
) -> pd.DataFrame:
    years = _year_columns(grid.header, roles)
    if not years:
        raise InputError(
            "no year column and no year in any column header; expected a long table with a year "
            "column or a wide table with years as columns",
            file=grid.file,
        )
    parts = []
    for column in years:
        year = _YEAR_IN_HEADER.search(column).group(1)  # type: ignore[union-attr]
        part = base.assign(year=year, value=frame[column], _col=column)
        rest = _fold(_YEAR_IN_HEADER.sub("", column)).strip(" ,-_")
        if rest and "sex" not in roles and rest in _SEX_WORDS:
            part["sex"] = rest
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


_SEX_WORDS = {"män", "kvinnor", "totalt", "men", "women", "total", "båda könen"}


def read_table(
    path: str | Path,
    *,
    name: str,
    measure: str,
    columns: Mapping[str, str] | None = None,
    sheet: str | None = None,
    source: str = "",
) -> Dataset:
    """Read a long or wide CSV or Excel table into a validated dataset.

    Parameters
    ----------
    path : path
        A ``.csv``/``.txt`` (UTF-8 or latin-1; , ; or tab) or ``.xlsx`` file.
    name, measure : str
        The dataset name and the measure of the values (e.g. ``employed``).
    columns : mapping, optional
        Role → column name, for headers that are not recognised.
    sheet : str, optional
        The Excel sheet (default: the first).

    Raises
    ------
    InputError, ClassificationError
        On the first problem, naming file, row, column and value.
    """
    path = Path(path)
    excel = path.suffix.lower() in {".xlsx", ".xlsm"}
    grid = read_excel_grid(path, sheet) if excel else read_csv_grid(path)
    cells, roles = grid_to_cells(grid, measure, columns)
    prov = Provenance(str(path), roles, source or path.name)
    meta = DatasetMeta(title=grid.title or name, source=prov.source, notes=grid.notes)
    return build_dataset(cells, name=name, measure=measure, prov=prov, meta=meta)

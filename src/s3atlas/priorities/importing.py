"""Reading a file of declared priorities (CSV or Excel: region, priority) with row-exact errors.

The file has a header row with a region column (``region``, ``län``, ``county``)
and a priority column (``priority``, ``prioritering``, ``prioritet``). Regions
may be given as a code (``24``), a name (``Västerbottens län``) or a NUTS code.
Every row is checked before anything is returned, so a bad file imports nothing.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from s3atlas.classifications import find_region
from s3atlas.errors import ClassificationError, InputError
from s3atlas.i18n import gettext
from s3atlas.io.neutralise import unneutralise_frame
from s3atlas.priorities.classify import normalise

__all__ = ["parse_priority_table", "read_priority_file"]

_REGION_COLUMNS = ("region", "län", "lan", "county", "county_code", "region_code")
_PRIORITY_COLUMNS = ("priority", "prioritering", "prioritet", "priority_area", "prioriterat område")


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _read_table(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise InputError(gettext("file not found"), file=str(path))
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        return pd.read_excel(path, dtype=str, keep_default_na=False)
    text = _read_text(path)
    delimiter = (
        ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    )
    return pd.DataFrame(
        list(csv.DictReader(io.StringIO(text), delimiter=delimiter)), dtype=str
    ).fillna("")


def _column(frame: pd.DataFrame, names: tuple[str, ...], message: str, file: str) -> str:
    for column in frame.columns:
        if str(column).strip().casefold() in names:
            return str(column)
    raise InputError(gettext(message, names=", ".join(names)), file=file, row=1)


def parse_priority_table(frame: pd.DataFrame, file: str = "<table>") -> dict[str, list[str]]:
    """Check a region/priority table and return county code → priorities in file order.

    Rows are numbered as a spreadsheet shows them (the header is row 1).

    Raises
    ------
    InputError
        Naming the row when a region is unknown or not a county, a priority is
        empty or repeated for the same region, or the table has no rows.

    Examples
    --------
    >>> table = pd.DataFrame({"region": ["24", "Västerbottens län"],
    ...                       "priority": ["Skog", "Life science"]})
    >>> parse_priority_table(table)
    {'24': ['Skog', 'Life science']}
    """
    region_col = _column(frame, _REGION_COLUMNS, "no region column; expected one of: {names}", file)
    priority_col = _column(
        frame, _PRIORITY_COLUMNS, "no priority column; expected one of: {names}", file
    )
    lists: dict[str, list[str]] = {}
    for offset, (region, priority) in enumerate(
        zip(frame[region_col], frame[priority_col], strict=True)
    ):
        row = offset + 2
        region, priority = str(region or "").strip(), str(priority or "").strip()
        if not region and not priority:
            continue
        code = _county(region, file, row, region_col)
        if not normalise(priority):
            raise InputError(
                gettext("empty priority"), file=file, row=row, column=priority_col, value=priority
            )
        if normalise(priority) in {normalise(p) for p in lists.get(code, [])}:
            raise InputError(
                gettext("the priority is listed twice for this region"),
                file=file,
                row=row,
                column=priority_col,
                value=priority,
            )
        lists.setdefault(code, []).append(priority)
    if not lists:
        raise InputError(gettext("the file has no priorities"), file=file)
    return lists


def _county(region: str, file: str, row: int, column: str) -> str:
    if not region:
        raise InputError(gettext("empty region"), file=file, row=row, column=column, value=region)
    try:
        found = find_region(region)
    except ClassificationError as error:
        raise InputError(
            gettext("unknown region") + error.detail.removeprefix("unknown region."),
            file=file,
            row=row,
            column=column,
            value=region,
        ) from None
    if found.scheme != "county" or found.county_code is None:
        raise InputError(
            gettext("not one of the 21 regions (a county); found {name}", name=found.name),
            file=file,
            row=row,
            column=column,
            value=region,
        )
    return found.county_code


def read_priority_file(path: str | Path) -> dict[str, list[str]]:
    """Read and check a CSV (UTF-8/Latin-1, ``,``/``;``) or Excel file of region, priority."""
    path = Path(path)
    return parse_priority_table(unneutralise_frame(_read_table(path)), path.name)

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

The one reader, :func:`s3atlas.io.tabular.read_grid`, returns a
:class:`~s3atlas.io.tabular.Grid`; :func:`grid_to_cells` turns it into the raw
cells that :func:`s3atlas.io.mapping.build_dataset` maps and checks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from s3atlas.errors import InputError
from s3atlas.i18n import gettext as _
from s3atlas.io.mapping import Provenance, build_dataset
from s3atlas.io.tabular import Grid, printable, read_grid
from s3atlas.stats.model import Dataset, DatasetMeta

__all__ = [
    "ROLES",
    "find_columns",
    "grid_to_cells",
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
                _("unknown column role; use one of {roles}", roles=", ".join(ROLES)),
                column=name,
                value=wanted,
            )
        if wanted not in header:
            raise InputError(
                _("no such column; the file has {columns}", columns=printable(", ".join(header))),
                file=file,
                column=wanted,
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
            _("the header names this column twice; rename one of them"),
            file=grid.file,
            row=grid.row_numbers[0] - 1 if grid.row_numbers else 1,
            column=twice,
        )
    frame = pd.DataFrame(grid.rows, columns=grid.header, dtype=str)
    roles = find_columns(grid.header, measure, columns, grid.file)
    if "region" not in roles:
        raise InputError(
            _(
                "no region column found; name it with --column region=NAME (columns: {columns})",
                columns=printable(", ".join(grid.header)),
            ),
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
            _(
                "cannot tell which column holds the values; name it with --column value=NAME "
                "or --measure (columns: {columns})",
                columns=printable(", ".join(grid.header)),
            ),
            file=grid.file,
        )
    return numeric[0]


def _melt_wide(
    grid: Grid, frame: pd.DataFrame, base: pd.DataFrame, roles: dict[str, str]
) -> pd.DataFrame:
    years = _year_columns(grid.header, roles)
    if not years:
        raise InputError(
            _(
                "no year column and no year in any column header; expected a long table with a "
                "year column or a wide table with years as columns"
            ),
            file=grid.file,
        )
    sexes = {column: _sex_in_header(column) for column in years}
    if "sex" not in roles:
        _check_sexes(sexes, grid)
    parts = []
    for column in years:
        year = _YEAR_IN_HEADER.search(column).group(1)  # type: ignore[union-attr]
        part = base.assign(year=year, value=frame[column], _col=column)
        if sexes[column] and "sex" not in roles:
            part["sex"] = sexes[column]
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def _sex_in_header(column: str) -> str:
    """The sex word beside the year in a wide header (``"2018 män"`` → ``"män"``), else ``""``."""
    rest = _fold(_YEAR_IN_HEADER.sub("", column)).strip(" ,-_")
    return rest if rest in _SEX_WORDS else ""


def _check_sexes(sexes: dict[str, str], grid: Grid) -> None:
    """Refuse a wide header where some year columns name a sex and others do not."""
    named = [c for c, sex in sexes.items() if sex]
    plain = [c for c, sex in sexes.items() if not sex]
    if named and plain:
        raise InputError(
            _(
                "some year columns name a sex ({named}) and others do not; give every year "
                "column a sex (for example '2018 totalt') or none",
                named=repr(named[0]),
            ),
            file=grid.file,
            row=grid.header_row,
            column=plain[0],
        )


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
    grid = read_grid(path, sheet=sheet)
    cells, roles = grid_to_cells(grid, measure, columns)
    prov = Provenance(str(path), roles, source or path.name)
    meta = DatasetMeta(title=grid.title or name, source=prov.source, notes=grid.notes)
    return build_dataset(cells, name=name, measure=measure, prov=prov, meta=meta)

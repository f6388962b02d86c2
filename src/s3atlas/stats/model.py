"""The regional statistics model: one long table, region × industry × year × measure → value.

Every cell carries a flag (``ok``, ``suppressed``, ``missing``, ``estimated``,
``definition_differs``) and the source of its number. ``definition_differs``
is Eurostat's flag "d": the value is kept, but it is defined differently from
the rest of the table. The region axis is tied to a region scheme
(``county``, ``municipality``, ``nuts`` or another name such as
``us_state``), the industry axis to an industry scheme (``sni2007`` for SNI
2007 / NACE Rev. 2 codes at any level, or another name such as
``cmp_cluster``). Codes of the two Swedish schemes are validated against
:mod:`s3atlas.classifications`; other schemes are taken as given.

An optional ``sex`` column (``women``, ``men``, ``total``) carries the gender
dimension where the data has it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from s3atlas.classifications import find_industry, find_region
from s3atlas.errors import ClassificationError, InputError, S3AtlasError
from s3atlas.i18n import gettext

__all__ = [
    "COLUMNS",
    "COUNT_MEASURES",
    "FLAGS",
    "KEY",
    "Dataset",
    "DatasetMeta",
    "StatTable",
    "validate_frame",
]

#: Cell flags. ``suppressed`` and ``missing`` cells have no value; ``estimated`` and
#: ``definition_differs`` (Eurostat's "d") keep theirs.
FLAGS = ("ok", "suppressed", "missing", "estimated", "definition_differs")
#: The columns every table has, in order.
COLUMNS = ["region", "industry", "year", "measure", "value", "flag", "source"]
#: The columns that identify a cell (plus ``sex`` where present).
KEY = ["region", "industry", "year", "measure"]
#: Measures that count things and so can never be negative.
COUNT_MEASURES = frozenset(
    {
        "employed",
        "employed_higher_education",
        "establishments",
        "new_firms",
        "patents",
        "trademarks",
    }
)
_REGION_SCHEMES = {"county", "municipality", "nuts"}
_NUTS = re.compile(r"[A-Z]{2}[A-Z0-9]{0,3}")


def _as_list(value: Any) -> list[Any] | None:
    if value is None:
        return None
    if isinstance(value, str | int | np.integer):
        return [value]
    return list(value)


@dataclass(frozen=True)
class StatTable:
    """A validated long table of regional statistics.

    Build it with :meth:`build`, which checks columns, codes, duplicates,
    flags and signs. Values are NaN where the flag is ``suppressed`` or
    ``missing``.

    Examples
    --------
    >>> frame = pd.DataFrame({"region": ["24", "24"], "industry": ["A", "F"], "year": [2018, 2018],
    ...                       "measure": ["employed"] * 2, "value": [2818.0, 9800.0]})
    >>> table = StatTable.build(frame, "county", "sni2007")
    >>> table.matrix("employed", 2018).loc["24", "F"]
    np.float64(9800.0)
    """

    frame: pd.DataFrame
    region_scheme: str
    industry_scheme: str

    @classmethod
    def build(
        cls,
        frame: pd.DataFrame,
        region_scheme: str,
        industry_scheme: str,
        *,
        file: str | None = None,
    ) -> StatTable:
        """Validate and normalise *frame* into a table; see :func:`validate_frame`."""
        return cls(
            validate_frame(frame, region_scheme, industry_scheme, file=file),
            region_scheme,
            industry_scheme,
        )

    @property
    def has_sex(self) -> bool:
        return "sex" in self.frame.columns

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.frame.year.unique())

    @property
    def measures(self) -> list[str]:
        return sorted(self.frame.measure.unique())

    @property
    def regions(self) -> list[str]:
        return sorted(self.frame.region.unique())

    @property
    def industries(self) -> list[str]:
        return sorted(self.frame.industry.unique())

    def select(
        self,
        region: Any = None,
        industry: Any = None,
        year: Any = None,
        measure: Any = None,
        sex: Any = None,
    ) -> StatTable:
        """Return the cells matching every given filter (a value or a list of values)."""
        mask = pd.Series(True, index=self.frame.index)
        for column, wanted in (
            ("region", region),
            ("industry", industry),
            ("measure", measure),
            ("sex", sex),
        ):
            values = _as_list(wanted)
            if values is not None and column in self.frame.columns:
                mask &= self.frame[column].isin([str(v) for v in values])
        years = _as_list(year)
        if years is not None:
            mask &= self.frame.year.isin([int(y) for y in years])
        return StatTable(
            self.frame[mask].reset_index(drop=True), self.region_scheme, self.industry_scheme
        )

    @property
    def sexes(self) -> list[str]:
        """Return the sexes in the table (empty when it has no sex dimension)."""
        return sorted(self.frame.sex.unique()) if self.has_sex else []

    @cached_property
    def _kept(self) -> dict[Any, Any]:
        """What this table computed once about itself (a table is never changed in place)."""
        return {}

    def year_sources(self, measure: str) -> dict[int, frozenset[str]]:
        """Each year of *measure* with the source tables its cells come from (kept per table).

        >>> frame = pd.DataFrame({"region": ["24"] * 2, "industry": ["A"] * 2,
        ...                       "year": [2016, 2018], "measure": ["employed"] * 2,
        ...                       "value": [1.0, 2.0], "source": ["K", "I6"]})
        >>> StatTable.build(frame, "county", "sni2007").year_sources("employed")
        {2016: frozenset({'K'}), 2018: frozenset({'I6'})}
        """
        key = ("year_sources", measure)
        if key not in self._kept:
            part = self.select(measure=measure).frame
            years: dict[Any, pd.DataFrame] = dict(iter(part.groupby("year")))
            self._kept[key] = {int(y): frozenset(g.source) for y, g in years.items()}
        found: dict[int, frozenset[str]] = self._kept[key]
        return found

    def matrix(self, measure: str, year: int, sex: str | None = None) -> pd.DataFrame:
        """Return the regions × industries matrix of *measure* in *year* (NaN where not
        available).

        In a table with sex, *sex* picks ``women``, ``men`` or ``total``; without it the
        total is used, and where the table has no total rows the sexes are summed (a cell is
        NaN when either sex is).

        >>> frame = pd.DataFrame({"region": ["24"] * 2, "industry": ["F"] * 2,
        ...                       "year": [2016] * 2, "measure": ["employed"] * 2,
        ...                       "value": [8000.0, 1000.0], "sex": ["men", "women"]})
        >>> StatTable.build(frame, "county", "sni2007").matrix("employed", 2016).loc["24", "F"]
        np.float64(9000.0)
        """
        if sex is not None and sex not in ("total", *self.sexes):
            raise InputError(
                gettext(
                    "this sex is not in the data; sexes in it: {sexes}",
                    sexes=", ".join(self.sexes) or "–",
                ),
                column="sex",
                value=sex,
            )
        key = ("matrix", measure, year, sex or "total")
        if key not in self._kept:  # kept per table; every caller gets its own copy
            self._kept[key] = self._pivot(measure, year, sex)
        kept: pd.DataFrame = self._kept[key]
        return kept.copy()

    def _pivot(self, measure: str, year: int, sex: str | None) -> pd.DataFrame:
        part = self.select(measure=measure, year=year).frame
        if part.empty:
            raise InputError(
                gettext("the measure has no values in {year}", year=year),
                column="measure",
                value=measure,
            )
        if self.has_sex:
            part = _one_sex(part, sex or "total")
        return (
            part.pivot(index="region", columns="industry", values="value")
            .sort_index()
            .sort_index(axis=1)
        )

    def flag_counts(self) -> dict[str, int]:
        """Return how many cells carry each flag."""
        counts = self.frame.flag.value_counts()
        return {flag: int(counts.get(flag, 0)) for flag in FLAGS}


@dataclass(frozen=True)
class DatasetMeta:
    """Where a dataset comes from and on what terms."""

    title: str
    source: str
    licence: str = ""
    url: str = ""
    notes: str = ""
    unit: str = ""
    #: The unit the values are rounded to (Eurostat's thousands: 1000.0); 0 when exact. A change
    #: smaller than the rounding can make is not read as growth.
    precision: float = 0.0
    #: When the numbers were retrieved from the service (ISO 8601, UTC), if fetched.
    retrieved: str = ""
    #: Where the series changes source or method, e.g. ``2019: RAMS → BAS``; empty if nowhere.
    series_break: str = ""


@dataclass(frozen=True)
class Dataset:
    """A named statistics table with its metadata."""

    name: str
    table: StatTable
    meta: DatasetMeta = field(default_factory=lambda: DatasetMeta(title="", source=""))

    def coverage(self) -> dict[str, Any]:
        """Return what the dataset covers: counts of regions, industries, years, measures and
        flags."""
        table = self.table
        frame = table.frame
        total = None
        if "employed" in table.measures:
            emp = frame[(frame.measure == "employed") & (frame.flag == "ok")]
            if "sex" in frame.columns:
                emp = emp[emp.sex == "total"]
            latest = emp.year.max() if not emp.empty else None
            total = float(emp[emp.year == latest].value.sum()) if latest is not None else None
        return {
            "regions": len(table.regions),
            "region_scheme": table.region_scheme,
            "industries": len(table.industries),
            "industry_scheme": table.industry_scheme,
            "years": table.years,
            "measures": table.measures,
            "cells": len(frame),
            "flags": table.flag_counts(),
            "employed_total_latest_year": total,
        }


def _one_sex(part: pd.DataFrame, sex: str) -> pd.DataFrame:
    """Return the cells of *sex*; the total is the sum of the sexes where the table has none."""
    if sex != "total" or "total" in set(part.sex):
        return part[part.sex == sex]
    cells = part.groupby(["region", "industry"], sort=False).value
    return cells.sum(min_count=1).where(cells.count() == cells.size()).reset_index()


def _row_of(frame: pd.DataFrame, index: Any) -> int | None:
    """Return the spreadsheet row of a cell if the reader recorded it, else None."""
    if "_row" in frame.columns:
        row: Any = frame.at[index, "_row"]  # the reader's row number; the stubs give any scalar
        return int(row)
    return None


def _fail(
    frame: pd.DataFrame,
    index: Any,
    message: str,
    column: str,
    file: str | None,
    cls: type[S3AtlasError] = InputError,
) -> None:
    value = frame.at[index, column] if column in frame.columns else None
    raise cls(message, file=file, row=_row_of(frame, index), column=column, value=value)


def _region_codes(scheme: str) -> set[str]:
    from s3atlas.classifications import counties, municipalities, nuts_regions

    if scheme == "county":
        return set(counties().county_code)
    if scheme == "municipality":
        return set(municipalities().municipality_code)
    return set(nuts_regions().nuts_code)


def _bad_region(code: str, scheme: str, known: set[str]) -> str | None:
    if code in known:
        return None
    if scheme == "nuts" and _NUTS.fullmatch(code) and not code.startswith("SE"):
        return None  # other countries' NUTS codes are taken as given
    try:
        found = find_region(code)
    except ClassificationError as error:
        return error.detail
    return (
        f"mixed region classifications: {code!r} is not a {scheme} code "
        f"(it looks like a {found.scheme} region)"
    )


def _check_codes(frame: pd.DataFrame, column: str, scheme: str, file: str | None) -> None:
    if column == "region" and scheme in _REGION_SCHEMES:
        known = _region_codes(scheme)
        problems = {code: _bad_region(code, scheme, known) for code in frame.region.unique()}
    elif column == "industry" and scheme == "sni2007":
        problems = {}
        for code in frame.industry.unique():
            try:
                find_industry(code)
            except ClassificationError as error:
                problems[code] = error.detail
    else:
        return
    for code, problem in problems.items():
        if problem:
            index = frame.index[frame[column] == code][0]
            _fail(frame, index, problem, column, file, ClassificationError)


def validate_frame(
    frame: pd.DataFrame, region_scheme: str, industry_scheme: str, *, file: str | None = None
) -> pd.DataFrame:
    """Check and normalise a long table; raise on the first problem with its location.

    Checks: required columns, integer years, known codes for the Swedish
    schemes (one region scheme per table), flags, duplicate cells, negative
    values of count measures. A private ``_row`` column (the source row) is
    used for messages and dropped from the result.
    """
    _check_columns(frame, file)
    frame = frame.copy()
    for column in ("region", "industry", "measure"):
        frame[column] = frame[column].astype(str).str.strip()
    frame["year"] = _whole_years(frame, file)
    frame["value"] = pd.to_numeric(frame.value, errors="coerce").astype(float)
    if "flag" not in frame.columns:
        frame["flag"] = np.where(frame.value.isna(), "missing", "ok")
    if "source" not in frame.columns:
        frame["source"] = ""
    bad_flag = ~frame.flag.isin(FLAGS)
    if bad_flag.any():
        _fail(frame, frame.index[bad_flag][0], f"flag must be one of {FLAGS}", "flag", file)
    _check_codes(frame, "region", region_scheme, file)
    _check_codes(frame, "industry", industry_scheme, file)
    key = KEY + (["sex"] if "sex" in frame.columns else [])
    _check_cells(frame, key, file)
    frame.loc[frame.flag.isin(["suppressed", "missing"]), "value"] = np.nan
    columns = COLUMNS + (["sex"] if "sex" in frame.columns else [])
    return frame[columns].sort_values(key).reset_index(drop=True)


def _check_columns(frame: pd.DataFrame, file: str | None) -> None:
    """Raise, naming the missing ones, unless *frame* has the five required columns."""
    missing = [
        c for c in ("region", "industry", "year", "measure", "value") if c not in frame.columns
    ]
    if missing:
        raise InputError(
            gettext(
                "the table lacks the columns {missing}; a statistics table needs {needed}",
                missing=", ".join(missing),
                needed=", ".join(COLUMNS[:5]),
            ),
            file=file,
        )


def _whole_years(frame: pd.DataFrame, file: str | None) -> pd.Series:
    """Return the years as integers; raise at the first that is not a whole number."""
    years = pd.to_numeric(frame.year, errors="coerce")
    if years.isna().any() or (years % 1 != 0).any():
        _fail(
            frame,
            frame.index[years.isna() | (years % 1 != 0)][0],
            "year must be a whole number",
            "year",
            file,
        )
    return years.astype(int)


def _check_cells(frame: pd.DataFrame, key: list[str], file: str | None) -> None:
    """Raise at the first duplicate cell (same *key*), else at the first negative count."""
    dupes = frame.duplicated(key, keep="first")
    if dupes.any():
        first = frame.index[dupes][0]
        cell = ", ".join(f"{k}={frame.at[first, k]!s}" for k in key)
        _fail(frame, first, f"duplicate cell ({cell})", "value", file)
    negative = frame.measure.isin(COUNT_MEASURES) & (frame.value < 0)
    if negative.any():
        _fail(frame, frame.index[negative][0], "negative count", "value", file)

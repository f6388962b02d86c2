"""Dictionary-encode a long table (year, region, industry, value) once, then slice it by year.

The hot path of the complexity pipeline never touches labels: regions,
industries and years become integer codes here (sorted labels, as
``ecomplexity`` sorts them), and each year's values land in one dense
float64 array by flat-index assignment.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from s3atlas.complexity.conventions import Conventions
from s3atlas.errors import InputError

__all__ = ["COLUMNS", "Panel", "YearMatrix", "encode_long", "year_matrix"]

COLUMNS = ("year", "region", "industry", "value")


@dataclass(frozen=True)
class Panel:
    """A long table as integer codes, rows grouped by year.

    Attributes
    ----------
    years, regions, industries : ndarray
        Sorted distinct labels; a code is a position in these.
    year_code, region_code, industry_code : ndarray of int
        One code per input row.
    value : ndarray of float64
        One value per input row (NaN already resolved by the conventions).
    order, bounds : ndarray of int
        Rows of year ``k`` are ``order[bounds[k]:bounds[k + 1]]``.
    first_row : int
        The row number users see for input row 0 (2 for a CSV with a header).
    file : str or None
        Where the table came from, for error messages.
    """

    years: NDArray[Any]
    regions: NDArray[Any]
    industries: NDArray[Any]
    year_code: NDArray[np.intp]
    region_code: NDArray[np.intp]
    industry_code: NDArray[np.intp]
    value: NDArray[np.float64]
    order: NDArray[np.intp]
    bounds: NDArray[np.intp]
    first_row: int = 1
    file: str | None = None


@dataclass(frozen=True)
class YearMatrix:
    """One year's values as a dense regions × industries array.

    ``regions`` and ``industries`` are codes into the panel's labels: the
    regions and industries that have at least one row in this year.
    """

    year: Any
    regions: NDArray[np.intp]
    industries: NDArray[np.intp]
    values: NDArray[np.float64]


def _codes(
    column: pd.Series, name: str, file: str | None, first_row: int
) -> tuple[NDArray[np.intp], NDArray[Any]]:
    if isinstance(column.dtype, pd.CategoricalDtype) and name != "year":
        labels = np.asarray(column.cat.categories.astype(str))
        codes = np.asarray(column.cat.codes, dtype=np.intp)
        rank = np.empty(len(labels), dtype=np.intp)
        rank[np.argsort(labels, kind="stable")] = np.arange(len(labels))
        labels, codes = np.sort(labels), np.where(codes >= 0, rank[codes], -1)
    else:
        if name != "year" and not pd.api.types.is_string_dtype(column.dtype):
            column = column.astype(str).where(column.notna())
        codes, labels = pd.factorize(column, sort=True)
    if (codes < 0).any():
        bad = int(np.flatnonzero(codes < 0)[0])
        raise InputError(f"missing {name}", file=file, row=bad + first_row, column=name)
    return codes.astype(np.intp, copy=False), np.asarray(labels)


def _values(column: pd.Series, conventions: Conventions, file: str | None, first_row: int) -> NDArray[np.float64]:
    numbers = pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    missing = np.isnan(numbers)
    if missing.any():
        bad = np.flatnonzero(missing & column.notna().to_numpy())
        if bad.size:
            raw = column.iloc[int(bad[0])]
            raise InputError("expected a number", file=file, row=int(bad[0]) + first_row, column="value", value=raw)
        if conventions.missing == "error":
            first = int(np.flatnonzero(missing)[0])
            raise InputError(
                f"{int(missing.sum())} missing value(s); fill or drop them first "
                "(or use the 'ecomplexity' conventions, which read them as 0)",
                file=file, row=first + first_row, column="value",
            )
        warnings.warn(f"{int(missing.sum())} missing value(s) read as 0", UserWarning, stacklevel=3)
        numbers = np.where(missing, 0.0, numbers)
    bad_mask = ~np.isfinite(numbers) | (numbers < 0)
    if bad_mask.any():
        first = int(np.flatnonzero(bad_mask)[0])
        raise InputError(
            "values must be finite and ≥ 0 (RCA is undefined for negative values)",
            file=file, row=first + first_row, column="value", value=numbers[first],
        )
    return numbers


def encode_long(
    frame: pd.DataFrame, conventions: Conventions, *, file: str | None = None, first_row: int = 1
) -> Panel:
    """Validate a long table and encode it as integer codes grouped by year.

    Parameters
    ----------
    frame : DataFrame
        Columns ``year, region, industry, value`` (others are ignored).
    conventions : Conventions
        Decides whether NaN values are an error or 0.
    file, first_row : optional
        For error messages: the file name and the row number of the first data row.

    Raises
    ------
    InputError
        Missing columns, no rows, missing labels, non-numeric, NaN (per the
        conventions), infinite or negative values; names file, row and column.

    Examples
    --------
    >>> from s3atlas.complexity.conventions import S3ATLAS
    >>> df = pd.DataFrame({"year": [2020, 2020], "region": ["b", "a"],
    ...                    "industry": ["x", "x"], "value": [1.0, 2.0]})
    >>> encode_long(df, S3ATLAS).regions.tolist()
    ['a', 'b']
    """
    missing_cols = [c for c in COLUMNS if c not in frame.columns]
    if missing_cols:
        raise InputError(
            f"missing column(s) {', '.join(missing_cols)}; expected {', '.join(COLUMNS)}",
            file=file, column=missing_cols[0],
        )
    if len(frame) == 0:
        raise InputError("the table has no rows", file=file)
    year_code, years = _codes(frame["year"], "year", file, first_row)
    region_code, regions = _codes(frame["region"], "region", file, first_row)
    industry_code, industries = _codes(frame["industry"], "industry", file, first_row)
    value = _values(frame["value"], conventions, file, first_row)
    order = np.argsort(year_code, kind="stable")
    bounds = np.searchsorted(year_code[order], np.arange(len(years) + 1))
    return Panel(years, regions, industries, year_code, region_code, industry_code, value,
                 order, bounds, first_row, file)


def year_matrix(panel: Panel, k: int, conventions: Conventions) -> YearMatrix:
    """Dense values of year number *k*, over the regions and industries that year has rows for.

    Raises
    ------
    InputError
        A (year, region, industry) repeated, unless the conventions keep the first.
    """
    rows = panel.order[panel.bounds[k]:panel.bounds[k + 1]]
    r, p = panel.region_code[rows], panel.industry_code[rows]
    seen_r = np.zeros(len(panel.regions), dtype=bool)
    seen_r[r] = True
    seen_p = np.zeros(len(panel.industries), dtype=bool)
    seen_p[p] = True
    regions, industries = np.flatnonzero(seen_r), np.flatnonzero(seen_p)
    local_r = np.cumsum(seen_r) - 1
    local_p = np.cumsum(seen_p) - 1
    flat = local_r[r] * len(industries) + local_p[p]
    size = len(regions) * len(industries)
    values = np.zeros(size, dtype=np.float64)
    counts = np.bincount(flat, minlength=size)
    if counts.max() > 1:
        rows, flat = _resolve_duplicates(panel, rows, flat, counts, conventions)
    values[flat] = panel.value[rows]
    return YearMatrix(panel.years[k], regions, industries, values.reshape(len(regions), len(industries)))


def _resolve_duplicates(
    panel: Panel, rows: NDArray[np.intp], flat: NDArray[np.intp], counts: NDArray[np.intp],
    conventions: Conventions,
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    dup = counts[flat] > 1
    if conventions.duplicates == "error":
        first = _first_repeat(rows[dup], flat[dup])
        raise InputError(
            f"{int(dup.sum())} rows repeat a (year, region, industry); each may appear once",
            file=panel.file, row=first + panel.first_row, column="region",
            value=f"{panel.years[panel.year_code[first]]}/{panel.regions[panel.region_code[first]]}"
                  f"/{panel.industries[panel.industry_code[first]]}",
        )
    warnings.warn(f"{int(dup.sum())} rows repeat a (year, region, industry); keeping the first",
                  UserWarning, stacklevel=3)
    _, keep = np.unique(flat, return_index=True)
    return rows[keep], flat[keep]


def _first_repeat(rows: NDArray[np.intp], flat: NDArray[np.intp]) -> int:
    """The earliest row that repeats the cell of an earlier row."""
    order = np.argsort(rows, kind="stable")
    rows, flat = rows[order], flat[order]
    repeat = np.ones(len(rows), dtype=bool)
    repeat[np.unique(flat, return_index=True)[1]] = False
    return int(rows[repeat].min())

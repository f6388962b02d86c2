"""Dictionary-encode a long table (year, region, industry, value) once, then slice it by year.

The hot path of the complexity pipeline never touches labels: regions,
industries and years become integer codes here (sorted labels, as
``ecomplexity`` sorts them), and each year's values land in one dense
float64 array by flat-index assignment.
"""

from __future__ import annotations

import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from s3atlas.complexity.conventions import Conventions
from s3atlas.errors import InputError

__all__ = ["COLUMNS", "Panel", "YearMatrix", "encode_long", "year_matrix", "year_shapes"]

COLUMNS = ("year", "region", "industry", "value")


@dataclass(frozen=True)
class Panel:
    """A long table as integer codes, rows grouped by year.

    Attributes
    ----------
    years, regions, industries : ndarray
        Sorted distinct labels; a code is a position in these.
    year_code, region_code, industry_code : ndarray of int
        One code per input row, rows sorted by year (stable).
    value : ndarray of float64
        One value per row (NaN already resolved by the conventions).
    order, bounds : ndarray of int
        Year ``k`` is positions ``bounds[k]:bounds[k + 1]``; position ``i``
        came from input row ``order[i]`` (``order`` is None when the
        input was already in year order).
    first_row : int
        The row number users see for input row 0 (2 for a CSV with a header).
    file : str or None
        Where the table came from, for error messages.
    """

    years: NDArray[Any]
    regions: NDArray[Any]
    industries: NDArray[Any]
    year_code: NDArray[np.int32]
    region_code: NDArray[np.int32]
    industry_code: NDArray[np.int32]
    value: NDArray[np.float64]
    order: NDArray[np.intp] | None
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
) -> tuple[NDArray[np.int32], NDArray[Any]]:
    if isinstance(column.dtype, pd.CategoricalDtype) and name != "year":
        labels = np.asarray(column.cat.categories.astype(str))
        raw = column.cat.codes.to_numpy()
        rank = np.empty(len(labels) + 1, dtype=np.int32)
        rank[np.argsort(labels, kind="stable")] = np.arange(len(labels), dtype=np.int32)
        rank[-1] = -1  # code -1 (missing) stays -1
        labels, codes = np.sort(labels), rank[raw]
    else:
        if name != "year" and not pd.api.types.is_string_dtype(column.dtype):
            column = column.astype(str).where(column.notna())
        found, uniques = pd.factorize(column, sort=True)
        codes, labels = found.astype(np.int32), np.asarray(uniques)
    if (codes < 0).any():
        bad = int(np.flatnonzero(codes < 0)[0])
        raise InputError(f"missing {name}", file=file, row=bad + first_row, column=name)
    return codes.astype(np.int32, copy=False), np.asarray(labels)


def _values(
    column: pd.Series, conventions: Conventions, file: str | None, first_row: int
) -> NDArray[np.float64]:
    numbers = pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    missing = np.isnan(numbers)
    if missing.any():
        bad = np.flatnonzero(missing & column.notna().to_numpy())
        if bad.size:
            raw = column.iloc[int(bad[0])]
            raise InputError(
                "expected a number",
                file=file,
                row=int(bad[0]) + first_row,
                column="value",
                value=raw,
            )
        if conventions.missing == "error":
            first = int(np.flatnonzero(missing)[0])
            raise InputError(
                f"{int(missing.sum())} missing value(s); fill or drop them first "
                "(or use the 'ecomplexity' conventions, which read them as 0)",
                file=file,
                row=first + first_row,
                column="value",
            )
        warnings.warn(f"{int(missing.sum())} missing value(s) read as 0", UserWarning, stacklevel=3)
        numbers = np.where(missing, 0.0, numbers)
    bad_mask = ~np.isfinite(numbers) | (numbers < 0)
    if bad_mask.any():
        first = int(np.flatnonzero(bad_mask)[0])
        raise InputError(
            "values must be finite and ≥ 0 (RCA is undefined for negative values)",
            file=file,
            row=first + first_row,
            column="value",
            value=float(numbers[first]),
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
            file=file,
            column=missing_cols[0],
        )
    if len(frame) == 0:
        raise InputError("the table has no rows", file=file)
    with ThreadPoolExecutor(max_workers=3) as pool:  # hashing releases the GIL
        parts = [pool.submit(_codes, frame[name], name, file, first_row) for name in COLUMNS[:3]]
        value = _values(frame["value"], conventions, file, first_row)
        (year_code, years), (region_code, regions), (industry_code, industries) = (
            part.result() for part in parts
        )
    order: NDArray[np.intp] | None = None
    if (np.diff(year_code) < 0).any():
        order = np.argsort(year_code, kind="stable")
        year_code, value = year_code[order], value[order]
        region_code, industry_code = region_code[order], industry_code[order]
    bounds = np.searchsorted(year_code, np.arange(len(years) + 1))
    return Panel(
        years,
        regions,
        industries,
        year_code,
        region_code,
        industry_code,
        value,
        order,
        bounds,
        first_row,
        file,
    )


def _seen(codes: NDArray[np.int32], n: int) -> NDArray[np.bool_]:
    seen = np.zeros(n, dtype=bool)
    seen[codes] = True
    return seen


def year_shapes(panel: Panel) -> NDArray[np.intp]:
    """(regions, industries) that each year has rows for, one pair per year."""
    shapes = np.empty((len(panel.years), 2), dtype=np.intp)
    for k in range(len(panel.years)):
        part = slice(panel.bounds[k], panel.bounds[k + 1])
        shapes[k, 0] = np.count_nonzero(_seen(panel.region_code[part], len(panel.regions)))
        shapes[k, 1] = np.count_nonzero(_seen(panel.industry_code[part], len(panel.industries)))
    return shapes


def year_matrix(panel: Panel, k: int, conventions: Conventions) -> YearMatrix:
    """Dense values of year number *k*, over the regions and industries that year has rows for.

    Raises
    ------
    InputError
        A (year, region, industry) repeated, unless the conventions keep the first.
    """
    part = slice(panel.bounds[k], panel.bounds[k + 1])
    r, p, v = panel.region_code[part], panel.industry_code[part], panel.value[part]
    seen_r, seen_p = _seen(r, len(panel.regions)), _seen(p, len(panel.industries))
    regions, industries = np.flatnonzero(seen_r), np.flatnonzero(seen_p)
    local_r, local_p = np.cumsum(seen_r) - 1, np.cumsum(seen_p) - 1
    flat = local_r[r] * len(industries) + local_p[p]
    size = len(regions) * len(industries)
    if len(flat) > size or np.bincount(flat, minlength=size).max() > 1:
        keep = _resolve_duplicates(panel, part, flat, conventions)
        flat, v = flat[keep], v[keep]
    values = np.zeros(size, dtype=np.float64)
    values[flat] = v
    return YearMatrix(
        panel.years[k], regions, industries, values.reshape(len(regions), len(industries))
    )


def _resolve_duplicates(
    panel: Panel, part: slice, flat: NDArray[np.intp], conventions: Conventions
) -> NDArray[np.intp]:
    """Positions (within the year) to keep: the first of each cell, or raise."""
    _, keep = np.unique(flat, return_index=True)
    repeats = len(flat) - len(keep)
    if conventions.duplicates == "error":
        dropped = np.ones(len(flat), dtype=bool)
        dropped[keep] = False
        positions = np.arange(part.start, part.stop)[dropped]
        rows = positions if panel.order is None else panel.order[positions]
        first = int(rows.min())
        where = first if panel.order is None else int(np.flatnonzero(panel.order == first)[0])
        raise InputError(
            f"{repeats} row(s) repeat a (year, region, industry); each may appear once",
            file=panel.file,
            row=first + panel.first_row,
            column="region",
            value=f"{panel.years[panel.year_code[where]]}/{panel.regions[panel.region_code[where]]}"
            f"/{panel.industries[panel.industry_code[where]]}",
        )
    warnings.warn(
        f"{repeats} row(s) repeat a (year, region, industry); keeping the first",
        UserWarning,
        stacklevel=3,
    )
    return keep

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
from itertools import pairwise
from typing import TYPE_CHECKING, Any, TypeAlias

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from numpy.typing import NDArray

from s3atlas.complexity import memory
from s3atlas.complexity.conventions import Conventions
from s3atlas.errors import InputError
from s3atlas.i18n import gettext

if TYPE_CHECKING:  # pandas loads only when a DataFrame comes in
    import pandas as pd

    Column: TypeAlias = pd.Series | pa.ChunkedArray

__all__ = ["COLUMNS", "Panel", "YearMatrix", "encode_long", "year_matrix", "year_shapes"]

COLUMNS = ("year", "region", "industry", "value")
_CODES = ("region", "industry")


@dataclass(frozen=True)
class Panel:
    """A long table as integer codes, rows grouped by year.

    Attributes
    ----------
    years, regions, industries : ndarray
        Sorted distinct labels; a code is a position in these.
    region_code, industry_code : ndarray of int
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
    regions and industries that have at least one row in this year. A pair
    without a row is 0 in ``values``; ``present`` holds the flat positions
    (sorted) of the pairs that have a row, or is None when every pair has one.
    """

    year: Any
    regions: NDArray[np.intp]
    industries: NDArray[np.intp]
    values: NDArray[np.float64]
    present: NDArray[np.intp] | None = None


Coded = tuple[NDArray[Any], NDArray[Any]]
Spans = list[tuple[int, int]]


def _sorted_codes(labels: NDArray[Any], raw: NDArray[Any]) -> Coded:
    """Renumber codes *raw* into *labels* so that codes follow sorted labels; −1 stays −1."""
    order = np.argsort(labels, kind="stable")
    if (order == np.arange(len(labels))).all():
        return raw, labels
    rank = np.empty(len(labels) + 1, dtype=np.int32)
    rank[order] = np.arange(len(labels), dtype=np.int32)
    rank[-1] = -1
    return rank[raw], labels[order]


def _arrow_text_codes(chunked: pa.ChunkedArray, spans: Spans | None = None) -> Coded | None:
    """Codes and sorted labels of an Arrow text or dictionary column.

    Arrow hashes the text outside the GIL; each chunk's own dictionary is then
    mapped onto the sorted labels and its indices written straight into the
    codes. Text split into *spans* (the years of a table in year order) is
    hashed only where a span differs from the first: a year that lists the
    same regions in the same order, as long tables usually do, reuses the
    first year's codes after one byte-wise comparison.
    """
    kind = chunked.type
    repeats: list[tuple[int, int]] = []
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
        pieces = list(zip(np.cumsum([0, *map(len, chunked.chunks)]), chunked.chunks, strict=False))
    else:
        pieces, repeats = _hashed_spans(chunked, spans or [(0, len(chunked))])
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        return None
    dictionaries = pa.chunked_array([chunk.dictionary for _, chunk in pieces], type=kind)
    if dictionaries.null_count:
        return None
    labels = np.sort(np.asarray(dictionaries.unique().to_numpy(zero_copy_only=False), dtype=object))
    value_set = pa.array(labels, type=kind)
    codes = memory.empty(len(chunked), dtype=np.int32)
    for start, chunk in pieces:
        codes[start : start + len(chunk)] = _chunk_codes(chunk, value_set)
    first = spans[0][0] if spans else 0
    for start, stop in repeats:
        codes[start:stop] = codes[first : first + stop - start]
    return codes, labels


def _hashed_spans(
    chunked: pa.ChunkedArray, spans: Spans
) -> tuple[list[tuple[int, pa.DictionaryArray]], list[tuple[int, int]]]:
    """Dictionary-encoded pieces (start, chunk) and the spans equal to the first span."""
    pieces: list[tuple[int, pa.DictionaryArray]] = []
    repeats: list[tuple[int, int]] = []
    reference = None
    for start, stop in spans:
        part = chunked.slice(start, stop - start)
        if reference is not None and len(part) == len(reference) and part.equals(reference):
            repeats.append((start, stop))
            continue
        reference = part if reference is None else reference
        for chunk in part.dictionary_encode().chunks:
            pieces.append((start, chunk))
            start += len(chunk)
    return pieces, repeats


def _chunk_codes(chunk: pa.DictionaryArray, labels: pa.Array) -> NDArray[np.int32]:
    """One chunk's indices renumbered into *labels*; −1 where missing."""
    lookup = pc.index_in(chunk.dictionary, value_set=labels).to_numpy().astype(np.int32)
    indices = chunk.indices.fill_null(0).to_numpy().astype(np.int32, copy=False)
    if (lookup == np.arange(len(lookup))).all():  # dictionary already in label order
        codes = indices if not chunk.null_count else indices.copy()
    else:
        codes = np.take(lookup, indices)
    if chunk.null_count:
        codes[chunk.is_null().to_numpy(zero_copy_only=False)] = -1
    return codes


def _integer_codes(values: NDArray[Any]) -> Coded | None:
    """Codes of a narrow-range integer column by table look-up instead of hashing."""
    if values.dtype.kind not in "iu" or len(values) == 0:
        return None
    low, high = int(values.min()), int(values.max())
    if high - low > 4 * len(values) + 1024:
        return None
    offset = values - low
    present = np.zeros(high - low + 1, dtype=bool)
    present[offset] = True
    rank = (np.cumsum(present) - 1).astype(np.int32)
    return rank[offset], np.flatnonzero(present) + low


def _fast_codes(column: Column, name: str, spans: Spans | None) -> Coded | None:
    if isinstance(column, pa.ChunkedArray):
        if name == "year":
            integer = pa.types.is_integer(column.type) and column.null_count == 0
            return _integer_codes(column.to_numpy()) if integer else None
        return _arrow_text_codes(column, spans)
    import pandas as pd

    if name == "year":
        plain = not isinstance(column.dtype, pd.api.extensions.ExtensionDtype)
        return _integer_codes(column.to_numpy()) if plain else None
    if isinstance(column.dtype, pd.CategoricalDtype):
        labels = np.asarray(column.cat.categories.astype(str), dtype=object)
        return _sorted_codes(labels, column.cat.codes.to_numpy())
    dtype = column.dtype
    if isinstance(dtype, pd.ArrowDtype) or (
        isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"
    ):
        return _arrow_text_codes(pa.chunked_array([pa.array(column.array)]), spans)
    return None


def _codes(
    column: Column, name: str, file: str | None, first_row: int, spans: Spans | None = None
) -> tuple[NDArray[np.int32], NDArray[Any]]:
    found = _fast_codes(column, name, spans)
    if found is None:
        import pandas as pd

        series = column.to_pandas() if isinstance(column, pa.ChunkedArray) else column
        if name != "year" and not pd.api.types.is_string_dtype(series.dtype):
            series = series.astype(str).where(series.notna())
        raw, uniques = pd.factorize(series, sort=True)
        found = raw, np.asarray(uniques)
    codes, labels = found
    if (codes < 0).any():
        bad = int(np.flatnonzero(codes < 0)[0])
        raise InputError(gettext("the cell is empty"), file=file, row=bad + first_row, column=name)
    return codes.astype(np.int32, copy=False), np.asarray(labels)


def _values(
    column: Column, conventions: Conventions, file: str | None, first_row: int
) -> NDArray[np.float64]:
    if isinstance(column, pa.ChunkedArray):
        numeric = pa.types.is_integer(column.type) or pa.types.is_floating(column.type)
        if numeric and column.null_count == 0:
            return _checked(column.to_numpy().astype(np.float64, copy=False), file, first_row)
        column = column.to_pandas()
    if column.dtype == np.float64:  # a NumPy float column: used as it is, unless it has NaN
        numbers = column.to_numpy()
        if not np.isnan(numbers).any():
            return _checked(numbers, file, first_row)
    import pandas as pd

    numbers = pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    missing = np.isnan(numbers)
    if missing.any():
        bad = np.flatnonzero(missing & column.notna().to_numpy())
        if bad.size:
            raw = column.iloc[int(bad[0])]
            raise InputError(
                gettext("expected a number"),
                file=file,
                row=int(bad[0]) + first_row,
                column="value",
                value=raw,
            )
        if conventions.missing == "error":
            first = int(np.flatnonzero(missing)[0])
            raise InputError(
                gettext(
                    "values missing: {count}; fill or drop them first "
                    "(or use the ecomplexity conventions, which read them as 0)",
                    count=int(missing.sum()),
                ),
                file=file,
                row=first + first_row,
                column="value",
            )
        warnings.warn(f"{int(missing.sum())} missing value(s) read as 0", UserWarning, stacklevel=3)
        numbers = np.where(missing, 0.0, numbers)
    return _checked(numbers, file, first_row)


def _checked(numbers: NDArray[np.float64], file: str | None, first_row: int) -> NDArray[np.float64]:
    if not ((numbers >= 0) & (numbers < np.inf)).all():  # False for NaN too
        first = int(np.flatnonzero(~((numbers >= 0) & (numbers < np.inf)))[0])
        raise InputError(
            gettext("values must be finite and ≥ 0 (RCA is undefined for negative values)"),
            file=file,
            row=first + first_row,
            column="value",
            value=float(numbers[first]),
        )
    return numbers


def _integer_chunks(column: Column) -> list[NDArray[Any]] | None:
    """An integer column without missing values as NumPy arrays, without copying."""
    if isinstance(column, pa.ChunkedArray):
        if not pa.types.is_integer(column.type) or column.null_count:
            return None
        return [chunk.to_numpy() for chunk in column.chunks]
    import pandas as pd

    if isinstance(column.dtype, pd.api.extensions.ExtensionDtype):
        return None
    values = column.to_numpy()
    return [values] if values.dtype.kind in "iu" else None


def _year_runs(chunks: list[NDArray[Any]]) -> tuple[NDArray[Any], NDArray[np.intp]] | None:
    """Years and bounds of a column already in year order, or None if it is not."""
    starts: list[NDArray[np.intp]] = []
    labels: list[NDArray[Any]] = []
    offset, previous = 0, None
    for chunk in chunks:
        if len(chunk) == 0:
            continue
        if (chunk[1:] < chunk[:-1]).any() or (previous is not None and chunk[0] < previous):
            return None
        change = np.flatnonzero(chunk[1:] != chunk[:-1]) + 1
        if previous is None or chunk[0] != previous:
            change = np.concatenate([[0], change])
        starts.append(change + offset)
        labels.append(chunk[change])
        offset, previous = offset + len(chunk), chunk[-1]
    return np.concatenate(labels), np.concatenate([*starts, [offset]]).astype(np.intp)


def _year_groups(
    column: Column, file: str | None, first_row: int
) -> tuple[NDArray[Any], NDArray[np.intp] | None, NDArray[np.intp]]:
    """Sorted years, the row order that groups rows by year (None: already grouped), bounds."""
    chunks = _integer_chunks(column)
    runs = _year_runs(chunks) if chunks is not None else None
    if runs is not None:
        return runs[0], None, runs[1]
    codes, years = _codes(column, "year", file, first_row)
    order = np.argsort(codes, kind="stable") if (codes[1:] < codes[:-1]).any() else None
    grouped = codes if order is None else codes[order]
    return years, order, np.searchsorted(grouped, np.arange(len(years) + 1))


def encode_long(
    frame: pd.DataFrame | pa.Table,
    conventions: Conventions,
    *,
    file: str | None = None,
    first_row: int = 1,
) -> Panel:
    """Validate a long table and encode it as integer codes grouped by year.

    Parameters
    ----------
    frame : DataFrame or pyarrow.Table
        Columns ``year, region, industry, value`` (others are ignored). An
        Arrow table is read without a detour through pandas.
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
    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": [2020, 2020], "region": ["b", "a"],
    ...                    "industry": ["x", "x"], "value": [1.0, 2.0]})
    >>> encode_long(df, S3ATLAS).regions.tolist()
    ['a', 'b']
    """
    names = frame.column_names if isinstance(frame, pa.Table) else frame.columns
    missing_cols = [c for c in COLUMNS if c not in names]
    if missing_cols:
        raise InputError(
            gettext(
                "the file lacks the columns {missing}; it needs {expected}",
                missing=", ".join(missing_cols),
                expected=", ".join(COLUMNS),
            ),
            file=file,
            column=missing_cols[0],
        )
    if len(frame) == 0:
        raise InputError(gettext("the table has no rows"), file=file)
    years, order, bounds = _year_groups(frame["year"], file, first_row)
    spans = None if order is not None else [(int(a), int(b)) for a, b in pairwise(bounds)]
    with ThreadPoolExecutor(max_workers=2) as pool:  # Arrow hashes text outside the GIL
        parts = [pool.submit(_codes, frame[n], n, file, first_row, spans) for n in _CODES]
        value = _values(frame["value"], conventions, file, first_row)
        (region_code, regions), (industry_code, industries) = (part.result() for part in parts)
    if order is not None:
        value, region_code, industry_code = value[order], region_code[order], industry_code[order]
    return Panel(
        years,
        regions,
        industries,
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
    if seen_r.all() and seen_p.all():  # the year has every region and industry
        flat = np.multiply(r, len(industries), dtype=np.intp) + p
    else:
        local_r, local_p = np.cumsum(seen_r) - 1, np.cumsum(seen_p) - 1
        flat = np.take(local_r, r) * len(industries) + np.take(local_p, p)
    size = len(regions) * len(industries)
    shape = (len(regions), len(industries))
    in_order = bool((flat[1:] > flat[:-1]).all())  # then no cell repeats
    if in_order and len(flat) == size:  # every cell once, region by region: the rows as they are
        return YearMatrix(panel.years[k], regions, industries, v.reshape(shape))
    if not in_order and (len(flat) > size or np.bincount(flat, minlength=size).max() > 1):
        keep = _resolve_duplicates(panel, k, flat, conventions)
        flat, v = flat[keep], v[keep]
    values = np.zeros(size, dtype=np.float64)
    values[flat] = v
    present = (
        None if len(flat) == size else np.asarray(flat if in_order else np.sort(flat), np.intp)
    )
    return YearMatrix(panel.years[k], regions, industries, values.reshape(shape), present)


def _resolve_duplicates(
    panel: Panel, k: int, flat: NDArray[np.integer[Any]], conventions: Conventions
) -> NDArray[np.intp]:
    """Positions (within year number *k*) to keep: the first of each cell, or raise."""
    part = slice(panel.bounds[k], panel.bounds[k + 1])
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
            gettext(
                "rows that repeat a year, region and industry: {rows}; "
                "each combination may appear once",
                rows=repeats,
            ),
            file=panel.file,
            row=first + panel.first_row,
            column="region",
            value=f"{panel.years[k]}/{panel.regions[panel.region_code[where]]}"
            f"/{panel.industries[panel.industry_code[where]]}",
        )
    warnings.warn(
        f"{repeats} row(s) repeat a (year, region, industry); keeping the first",
        UserWarning,
        stacklevel=3,
    )
    return keep

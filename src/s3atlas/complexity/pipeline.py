"""The complexity pipeline: a year's array in, every measure out; a long table in and out.

Per year: regions and industries whose values sum to 0 are set aside (their
rows get NaN), RCA → Mcp → diversity/ubiquity → ECI/PCI → proximity →
density → COI/COG, all on dense float64 arrays with BLAS products. A long
table comes out with one row per input row (``full_grid`` adds the pairs
without one, as 0), Extra-Regio codes left out unless kept.
"""

from __future__ import annotations

import contextlib
import os
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray
from threadpoolctl import threadpool_limits

from s3atlas.complexity import memory
from s3atlas.complexity.conventions import Conventions, get_conventions
from s3atlas.complexity.eci import eci_pci, reflections, standardise
from s3atlas.complexity.encode import Panel, YearMatrix, encode_long, year_matrix, year_shapes
from s3atlas.complexity.outlook import cog, coi
from s3atlas.complexity.proximity import continuous_proximity, density, proximity
from s3atlas.complexity.rca import mcp, rca
from s3atlas.complexity.select import LeftOutNote, kept_rows, without_extra_regio
from s3atlas.errors import ComputationError, InputError
from s3atlas.i18n import gettext

if TYPE_CHECKING:  # pandas loads only when a DataFrame is asked for
    import pandas as pd

__all__ = [
    "OUTPUT_COLUMNS",
    "YearResult",
    "complexity",
    "complexity_arrays",
    "iter_complexity",
    "output_buffer",
    "single_threaded_blas",
    "year_result",
    "year_table",
]

Array = NDArray[np.float64]
Method = Literal["eigenvector", "reflections"]
METHODS: tuple[Method, ...] = ("eigenvector", "reflections")
OUTPUT_COLUMNS = (
    "year",
    "region",
    "industry",
    "value",
    "rca",
    "mcp",
    "density",
    "cog",
    "eci",
    "pci",
    "coi",
)


@dataclass(frozen=True)
class YearResult:
    """Every measure of one year on the full regions × industries grid given.

    Matrices are (regions, industries); ``eci``/``coi`` per region, ``pci``
    per industry. NaN marks a region or industry whose values sum to 0 (and,
    for ECI/PCI, one with diversity or ubiquity 0).
    """

    rca: Array
    mcp: Array
    density: Array
    cog: Array
    eci: Array
    pci: Array
    coi: Array


def _vec(values: Array, mask: NDArray[np.bool_]) -> Array:
    if mask.all():
        return values
    out = np.full(mask.shape, np.nan)
    out[mask] = values
    return out


def _grid(
    values: Array, rows: NDArray[np.bool_], cols: NDArray[np.bool_], out: Array | None = None
) -> Array:
    """*values* of the kept rows and columns on the full grid, NaN elsewhere (into *out*)."""
    if rows.all() and cols.all():
        if out is not None and values is not out:
            out[:] = values
        return values if out is None else out
    if out is None:
        out = np.empty((rows.size, cols.size))
    out.fill(np.nan)
    out[np.ix_(rows, cols)] = values
    return out


def _raw_eci(
    m: Array, method: Method, iterations: int
) -> tuple[Array, Array, NDArray[np.bool_], NDArray[np.bool_]]:
    kr, kp = m.sum(axis=1), m.sum(axis=0)
    vr, vp = kr > 0, kp > 0
    if vr.sum() < 2 or vp.sum() < 2:
        raise ComputationError(
            gettext(
                "ECI needs at least 2 regions and 2 industries with a specialisation (Mcp = 1); "
                "found {regions} and {industries}",
                regions=int(vr.sum()),
                industries=int(vp.sum()),
            )
        )
    if method not in METHODS:
        expected = " | ".join(METHODS)
        raise InputError(
            gettext("unknown method; expected {expected}", expected=expected),
            column="method",
            value=method,
        )
    if method == "reflections" and not (isinstance(iterations, int) and iterations >= 1):
        raise InputError(
            gettext("iterations must be a whole number ≥ 1"),
            column="iterations",
            value=iterations,
        )
    sub = m if vr.all() and vp.all() else m[np.ix_(vr, vp)]
    raw = eci_pci(sub) if method == "eigenvector" else reflections(sub, iterations)
    return raw.eci, raw.pci, vr, vp


def complexity_arrays(
    values: Array,
    conventions: Conventions | str = "s3atlas",
    method: Method = "eigenvector",
    *,
    iterations: int = 20,
    out: Sequence[Array] | None = None,
) -> YearResult:
    """All complexity measures of one year's regions × industries values.

    Parameters
    ----------
    values : ndarray of shape (regions, industries)
        Non-negative values; rows or columns summing to 0 give NaN results.
    conventions : Conventions or str
        ``"s3atlas"`` (default) or ``"ecomplexity"``; see ``docs/complexity.md``.
    method : {"eigenvector", "reflections"}
        How ECI and PCI are computed (Hidalgo & Hausmann 2009); both give
        the same signs.
    iterations : int
        Orders of the method of reflections (see :func:`reflections`).
    out : four ndarrays of shape (regions, industries), optional
        Where to write RCA, Mcp, density and COG (the result's grids are then
        these arrays), so a caller collecting many years copies nothing.

    Raises
    ------
    ComputationError
        Fewer than 2 regions or 2 industries with values, or an ECI that cannot
        rank regions (every region alike).

    Examples
    --------
    >>> x = np.array([[6.0, 2.0, 2.0], [1.0, 4.0, 5.0], [1.0, 1.0, 8.0], [5.0, 5.0, 0.0]])
    >>> res = complexity_arrays(x)
    >>> res.mcp.astype(int).tolist()
    [[1, 0, 0], [0, 1, 1], [0, 0, 1], [1, 1, 0]]
    >>> bool(res.eci[1] > res.eci[2])
    True
    """
    conv = get_conventions(conventions)
    x = np.asarray(values, dtype=np.float64)
    ar, ap = x.sum(axis=1) > 0, x.sum(axis=0) > 0
    if ar.sum() < 2 or ap.sum() < 2:
        raise ComputationError(
            gettext(
                "complexity needs at least 2 regions and 2 industries with values > 0; "
                "found {regions} and {industries}",
                regions=int(ar.sum()),
                industries=int(ap.sum()),
            )
        )
    full = bool(ar.all() and ap.all())
    grids: Sequence[Array | None] = out if full and out is not None else [None] * 4
    xa = x if full else x[np.ix_(ar, ap)]
    r = rca(xa, out=grids[0])
    m = mcp(r, conv.threshold, strict=conv.strict, out=grids[1])
    eci_raw, pci_raw, vr, vp = _raw_eci(m, method, iterations)
    eci_v = standardise(eci_raw, conv.ddof)
    pci_v = standardise(pci_raw, conv.ddof, like=eci_raw if conv.pci_scale == "eci" else None)
    pci_out = pci_v if conv.cog_pci == "standardised" else pci_raw / eci_raw.std(ddof=conv.ddof)
    pci_out = _vec(pci_out, vp)
    phi = continuous_proximity(r, conv.diagonal) if conv.continuous else proximity(m, conv.diagonal)
    dens = density(r if conv.continuous else m, phi, out=grids[2])
    coi_v = coi(m, dens, pci_out)
    if conv.standardise_coi:
        coi_v = standardise(coi_v, conv.ddof) if np.ptp(coi_v) > 0 else np.zeros_like(coi_v)
    into: Sequence[Array | None] = [None] * 4 if out is None else out
    return YearResult(
        rca=_grid(r, ar, ap, into[0]),
        mcp=_grid(m, ar, ap, into[1]),
        density=_grid(dens, ar, ap, into[2]),
        cog=_grid(cog(m, phi, pci_out, out=grids[3]), ar, ap, into[3]),
        eci=_vec(_vec(eci_v, vr), ar),
        pci=_vec(_vec(pci_v, vp), ap),
        coi=_vec(coi_v, ar),
    )


def single_threaded_blas() -> contextlib.AbstractContextManager[object]:
    """Limit BLAS to one thread while years run in threads of their own.

    Threaded BLAS inside threaded years oversubscribes the cores; on a busy
    machine that made the run several times slower.
    """
    return threadpool_limits(limits=1, user_api="blas")


def year_result(
    panel: Panel,
    k: int,
    conventions: Conventions | str = "s3atlas",
    method: Method = "eigenvector",
    *,
    iterations: int = 20,
    buffer: Array | None = None,
) -> tuple[YearMatrix, YearResult]:
    """Values and results of year number *k* of *panel*; errors name the year.

    With a *buffer* from :func:`output_buffer`, RCA, Mcp, density and COG are
    computed straight into its rows, where :func:`year_table` leaves them.
    """
    conv = get_conventions(conventions)
    ym = year_matrix(panel, k, conv)
    grids = None if buffer is None else _grids(buffer, ym)
    return ym, _year_arrays(panel, ym, conv, method, grids, iterations=iterations)


def _grids(buffer: Array, ym: YearMatrix) -> list[Array]:
    """The RCA, Mcp, density and COG rows of an output *buffer* as the year's grids."""
    return [buffer[i, : ym.values.size].reshape(ym.values.shape) for i in range(1, 5)]


def _year_arrays(
    panel: Panel,
    ym: YearMatrix,
    conv: Conventions,
    method: Method,
    out: Sequence[Array] | None = None,
    *,
    iterations: int = 20,
) -> YearResult:
    try:
        return complexity_arrays(ym.values, conv, method, iterations=iterations, out=out)
    except ComputationError as err:
        raise ComputationError(
            gettext("year {year}: {problem}", year=ym.year, problem=err.detail),
            file=panel.file,
            column="year",
            value=ym.year,
        ) from err


def iter_complexity(
    panel: Panel,
    conventions: Conventions | str = "s3atlas",
    method: Method = "eigenvector",
    *,
    iterations: int = 20,
) -> Iterator[tuple[YearMatrix, YearResult]]:
    """Yield each year's values and results, in year order, one year in memory at a time."""
    conv = get_conventions(conventions)
    for k in range(len(panel.years)):
        yield year_result(panel, k, conv, method, iterations=iterations)


_NUMERIC = OUTPUT_COLUMNS[3:]


def _fill(block: Array, ym: YearMatrix, res: YearResult, *, grids: bool = True) -> None:
    """Write one year's measures into rows of *block* (numeric column, row).

    ``grids=False`` when RCA, Mcp, density and COG were computed in place.
    """
    nr, ni = ym.values.shape
    block[0] = ym.values.reshape(-1)
    if grids:
        for i, grid in enumerate((res.rca, res.mcp, res.density, res.cog), start=1):
            if not np.may_share_memory(grid, block[i]):  # else computed there already
                block[i] = grid.reshape(-1)
    block[5].reshape(nr, ni)[:] = res.eci[:, None]
    block[6].reshape(nr, ni)[:] = res.pci[None, :]
    block[7].reshape(nr, ni)[:] = res.coi[:, None]


def _codes(ym: YearMatrix) -> tuple[NDArray[np.int32], NDArray[np.int32]]:
    nr, ni = ym.values.shape
    region = np.repeat(ym.regions.astype(np.int32), ni)
    industry = np.tile(ym.industries.astype(np.int32), nr)
    return region, industry


def year_table(
    panel: Panel,
    ym: YearMatrix,
    res: YearResult,
    buffer: Array | None = None,
    *,
    full_grid: bool = False,
) -> pa.Table:
    """One year's results as an Arrow table (region and industry dictionary-encoded).

    One row per (region, industry) pair with an input row; ``full_grid``
    adds the year's absent pairs with value 0. The table's numeric columns
    are views of *buffer* (rows = numeric columns, at least ``ym.values.size``
    wide) when one is given and every pair is written, so a writer can reuse
    one buffer for every year instead of asking the system for fresh memory
    each time; the table is then valid until the buffer is filled again.
    """
    size = ym.values.size
    if buffer is None:
        buffer = np.empty((len(_NUMERIC), size))
    block = buffer[:, :size]
    _fill(block, ym, res)
    region, industry = _codes(ym)
    rows = kept_rows(ym, full_grid)
    if rows is not None:  # absent pairs left out: a copy of the rows that stay
        block, region, industry, size = block[:, rows], region[rows], industry[rows], len(rows)
    arrays = [
        pa.array(np.full(size, ym.year)),
        pa.DictionaryArray.from_arrays(pa.array(region), pa.array(panel.regions.astype(str))),
        pa.DictionaryArray.from_arrays(pa.array(industry), pa.array(panel.industries.astype(str))),
        *(pa.array(row) for row in block),
    ]
    # Not nullable: a missing measure is NaN, not null, and Parquet writers
    # then skip the definition levels of every cell.
    fields = [
        pa.field(n, a.type, nullable=False) for n, a in zip(OUTPUT_COLUMNS, arrays, strict=True)
    ]
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def output_buffer(panel: Panel) -> Array:
    """A buffer for :func:`year_table` wide enough for the panel's largest year."""
    return np.empty((len(_NUMERIC), int(year_shapes(panel).prod(axis=1).max())))


def complexity(
    frame: pd.DataFrame,
    conventions: Conventions | str = "s3atlas",
    *,
    threshold: float | None = None,
    method: Method = "eigenvector",
    iterations: int = 20,
    workers: int | None = None,
    full_grid: bool = False,
    keep_extra_regio: bool = False,
) -> pd.DataFrame:
    """Relatedness and complexity of every region and industry in every year of a long table.

    Parameters
    ----------
    frame : DataFrame
        Columns ``year, region, industry, value``.
    conventions : {"s3atlas", "ecomplexity"} or Conventions
        Which conventions to follow (``docs/complexity.md`` lists them).
    threshold : float, optional
        RCA threshold for Mcp (default that of the conventions, 1).
    method : {"eigenvector", "reflections"}
        How ECI/PCI are computed; both give the same signs.
    iterations : int
        Orders of the method of reflections (default 20).
    workers : int, optional
        Years computed side by side in threads (NumPy and BLAS release the
        GIL); default the number of CPUs, 1 to run them one after another.
    full_grid : bool
        Also write the region × industry pairs of a year that have no input
        row (value 0, computed as 0); by default they are left out.
    keep_extra_regio : bool
        Keep Extra-Regio codes (``SEZ``, ``SEZZ``, ``SEZZZ`` …) as regions; by
        default their rows are left out, with a :class:`LeftOutNote` warning
        saying how many.

    Returns
    -------
    DataFrame
        One row per input (year, region, industry) (with ``full_grid``: per
        year × region × industry of the year's regions and industries), with
        ``year, region, industry, value, rca, mcp, density, cog, eci, pci, coi``
        (``eci``/``coi`` repeated on a region's rows, ``pci`` on an industry's).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({
    ...     "year": 2020,
    ...     "region": ["a"] * 3 + ["b"] * 3 + ["c"] * 3 + ["d"] * 3,
    ...     "industry": ["x", "y", "z"] * 4,
    ...     "value": [6, 2, 2, 1, 4, 5, 1, 1, 8, 5, 5, 0]})
    >>> out = complexity(df)
    >>> out.loc[out.region == "a", "mcp"].tolist()
    [1.0, 0.0, 0.0]
    """
    conv = get_conventions(conventions, threshold)
    panel = encode_long(frame, conv)
    if not keep_extra_regio:
        panel, left_out = without_extra_regio(panel)
        if left_out.rows:
            warnings.warn(left_out.message(), LeftOutNote, stacklevel=2)
    years = range(len(panel.years))
    workers = max(1, min(len(years), workers or os.cpu_count() or 1))
    with contextlib.ExitStack() as stack:
        run: Callable[..., Iterator[Any]] = map
        if workers > 1:  # years side by side, each with one BLAS thread
            stack.enter_context(single_threaded_blas())
            run = stack.enter_context(ThreadPoolExecutor(max_workers=workers)).map
        matrices = list(run(lambda k: year_matrix(panel, k, conv), years))
        offsets = np.concatenate([[0], np.cumsum([ym.values.size for ym in matrices])])
        block = memory.empty((len(_NUMERIC), int(offsets[-1])))
        region = memory.empty(block.shape[1], dtype=np.int32)
        industry = memory.empty(block.shape[1], dtype=np.int32)
        year = memory.empty(block.shape[1], dtype=np.asarray(panel.years).dtype)

        def one_year(k: int) -> None:  # years write disjoint slices, so they may run side by side
            ym = matrices[k]
            part = slice(offsets[k], offsets[k + 1])
            grids = _grids(block[:, part], ym)
            res = _year_arrays(panel, ym, conv, method, grids, iterations=iterations)
            _fill(block[:, part], ym, res, grids=False)
            region[part], industry[part] = _codes(ym)
            year[part] = ym.year

        list(run(one_year, years))
    keys = {"year": year, "region": region, "industry": industry}
    rows = None if full_grid else _present_rows(matrices, offsets)
    if rows is not None:  # absent pairs left out: a copy of the rows that stay
        block, keys = block[:, rows], {name: column[rows] for name, column in keys.items()}
    return _frame(panel, block, keys)


def _present_rows(matrices: Sequence[YearMatrix], offsets: NDArray[Any]) -> NDArray[np.intp] | None:
    """Positions in the output block of the pairs with an input row; None when all have one."""
    if all(ym.present is None for ym in matrices):
        return None
    return np.concatenate(
        [
            offsets[k] + (np.arange(ym.values.size) if ym.present is None else ym.present)
            for k, ym in enumerate(matrices)
        ]
    )


def _frame(panel: Panel, block: Array, keys: dict[str, NDArray[Any]]) -> pd.DataFrame:
    """The long output table over *block* and the key columns, without copying them."""
    import pandas as pd

    out = pd.DataFrame(block.T, columns=list(_NUMERIC), copy=False)
    for name, labels in (("industry", panel.industries), ("region", panel.regions)):
        categorical = pd.Categorical.from_codes(keys[name], pd.Index(labels), validate=False)
        out.insert(0, name, pd.Series(categorical, copy=False))
    out.insert(0, "year", pd.Series(keys["year"], copy=False))
    return out

"""Specialisation: location quotients (Balassa RCA) on any measure, shares, size and focus.

The location quotient of region *r* in industry *i* is

    LQ_ri = (e_ri / e_r) / (E_i / E)

where ``e_ri`` is the measure (employees, employees with higher education,
establishments, …) in the region and industry, ``e_r`` the region's total,
``E_i`` the national total of the industry and ``E`` the national total.
With export values instead of employment this is Balassa's (1965) revealed
comparative advantage. The U.S. Cluster Mapping Project computes LQs of
traded clusters against *traded* employment only (Delgado, Porter & Stern
2014), which ``denominator=[...]`` reproduces; ``national=`` supplies national
totals when the table does not hold every region of the nation.

Conventions, for every function here:

* NaN cells (suppressed, missing) are left out of all sums and give NaN in
  their own cell.
* A region whose total is 0 (an all-zero row) gets NaN LQs; an industry
  with national total 0 gets NaN LQs.
* A table with one region gives LQ 1 wherever the region has employment.
* Negative values raise :class:`~s3atlas.errors.InputError`; an empty
  table raises it too.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from s3atlas.analysis._validate import as_matrix, safe_divide
from s3atlas.errors import InputError
from s3atlas.i18n import gettext

__all__ = [
    "balassa",
    "focus",
    "location_quotients",
    "national_share",
    "region_share",
    "size_rank_percentile",
]


def _columns(matrix: pd.DataFrame, denominator: Iterable[str] | None) -> list[str]:
    if denominator is None:
        return list(matrix.columns)
    wanted = [str(c) for c in denominator]
    unknown = sorted(set(wanted) - {str(c) for c in matrix.columns})
    if unknown:
        raise InputError(
            gettext(
                "industries of the denominator are not in the table: {codes}",
                codes=", ".join(unknown),
            ),
            column="denominator",
        )
    if not wanted:
        raise InputError(
            gettext("the denominator is empty: give at least one industry"), column="denominator"
        )
    return wanted


def location_quotients(
    matrix: pd.DataFrame,
    *,
    denominator: Iterable[str] | None = None,
    national: pd.Series | None = None,
) -> pd.DataFrame:
    """Return the location quotient of every region × industry cell.

    Parameters
    ----------
    matrix : DataFrame
        Regions (index) × industries (columns) of a non-negative measure.
    denominator : list of industry codes, optional
        The industries whose sum is the region and national total
        (``None``: all industries; the CMP uses traded clusters only).
    national : Series, optional
        National totals per industry (``E_i``); by default the column sums
        of *matrix*. ``E`` is then the sum of *national* over *denominator*.

    Returns
    -------
    DataFrame of the same shape (NaN where undefined; see the module notes).

    Notes
    -----
    LQ_ri = (e_ri / e_r) / (E_i / E); Florence (1948), Isard (1960); as
    used by the U.S. Cluster Mapping Project (Delgado, Porter & Stern 2014).

    Examples
    --------
    >>> m = pd.DataFrame({"A": [10, 30], "B": [90, 70]}, index=["r1", "r2"])
    >>> location_quotients(m).loc["r1"].tolist()  # (10/100)/(40/200), (90/100)/(160/200)
    [0.5, 1.125]
    """
    m = as_matrix(matrix)
    cols = _columns(m, denominator)
    values = m.to_numpy()
    region_total = np.nansum(m[cols].to_numpy(), axis=1)
    region_total[np.all(np.isnan(m[cols].to_numpy()), axis=1)] = np.nan
    if national is None:
        nat = np.nansum(values, axis=0)
    else:
        nat = national.reindex(m.columns).astype(float).to_numpy()
        if np.isnan(nat).any():
            missing = [c for c, v in zip(m.columns, nat, strict=True) if np.isnan(v)]
            raise InputError(
                gettext("national totals are missing for the industries {codes}", codes=missing),
                column="national",
            )
    nat_total = np.nansum(nat[[m.columns.get_loc(c) for c in cols]])
    share = safe_divide(values, region_total[:, None])
    lq = safe_divide(share, safe_divide(nat, np.array(nat_total))[None, :])
    return pd.DataFrame(lq, index=m.index, columns=m.columns)


def balassa(matrix: pd.DataFrame, **options: object) -> pd.DataFrame:
    """Return Balassa's revealed comparative advantage: the same formula as
    :func:`location_quotients`.

    >>> balassa(pd.DataFrame({"A": [1, 3], "B": [3, 1]})).iloc[0, 0]
    np.float64(0.5)
    """
    return location_quotients(matrix, **options)  # type: ignore[arg-type]


def region_share(matrix: pd.DataFrame) -> pd.DataFrame:
    """Return e_ri / e_r: the industry's share of the region's total (NaN for an all-zero region).

    >>> m = pd.DataFrame({"A": [1, 0], "B": [3, 0]}, index=["r1", "r2"])
    >>> region_share(m).to_numpy().tolist()
    [[0.25, 0.75], [nan, nan]]
    """
    m = as_matrix(matrix)
    total = np.nansum(m.to_numpy(), axis=1)
    return pd.DataFrame(safe_divide(m.to_numpy(), total[:, None]), index=m.index, columns=m.columns)


def national_share(matrix: pd.DataFrame) -> pd.DataFrame:
    """Return e_ri / E_i: the region's share of the industry's national total ("size").

    >>> national_share(pd.DataFrame({"A": [1, 3]}, index=["r1", "r2"]))["A"].tolist()
    [0.25, 0.75]
    """
    m = as_matrix(matrix)
    total = np.nansum(m.to_numpy(), axis=0)
    return pd.DataFrame(safe_divide(m.to_numpy(), total[None, :]), index=m.index, columns=m.columns)


def focus(matrix: pd.DataFrame) -> pd.DataFrame:
    """Return the focus of each cell: the industry's share of the region's total (European Cluster
    Observatory).

    Identical to :func:`region_share`; named after the ECO's star criterion.

    >>> focus(pd.DataFrame({"A": [1], "B": [1]})).iloc[0, 0]
    np.float64(0.5)
    """
    return region_share(matrix)


def size_rank_percentile(values: pd.DataFrame) -> pd.DataFrame:
    """Return, per industry, each region's share of regions with a value at or below its own (0–1].

    Used for "top 10 % of regions" statements: 1.0 is the highest region.
    NaN stays NaN and is not counted.

    >>> size_rank_percentile(pd.DataFrame({"A": [1.0, 2.0, 3.0, 4.0]}))["A"].tolist()
    [0.25, 0.5, 0.75, 1.0]
    """
    return values.rank(axis=0, method="max", pct=True)

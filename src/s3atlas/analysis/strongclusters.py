"""The U.S. Cluster Mapping Project's cluster strength tests: qualifying, significant, strong,
strong10.

For each (traded) cluster, the tests compare every region with the other
regions *of the same type* (states with states, metros with metros). The
percentiles are taken over the regions with employment above 0, with linear
interpolation between order statistics (Hyndman & Fan type 7, NumPy's
default and ``d3.quantile``). With ``p_x(q)`` the q-quantile of ``x``:

=============  ===============================================================
qualifying     LQ >  p_LQ(0.25)  and floors
significant    LQ >  p_LQ(0.50)  and floors
strong         LQ >= p_LQ(0.75)  and LQ >= 1 and floors
strong10       LQ >= p_LQ(0.90)  and LQ >= 1 and floors
floors         employment > p_emp(0.25) and establishments > p_est(0.25)
=============  ===============================================================

These rules reproduce every flag of the CMP's published 2016 state results
(50 states × 51 traded clusters; see ``tests/test_strongclusters.py``).
Local clusters carry no flags (NaN). Where a table has no establishment
counts (SCB RAMS), pass ``establishments=None`` and only the employment floor
applies; the result says so in its ``floors`` column.

Sources: U.S. Cluster Mapping Project, Institute for Strategy and
Competitiveness, Harvard Business School (clustermapping.us, 2018 data
release, "cluster strength"); Delgado, Porter & Stern (2014), *Defining
Clusters of Related Industries*, Journal of Economic Geography 16(1).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from s3atlas.analysis._validate import as_matrix
from s3atlas.analysis.specialisation import location_quotients
from s3atlas.errors import InputError
from s3atlas.i18n import gettext

__all__ = ["CMP_THRESHOLDS", "cluster_percentiles", "strong_clusters", "strong_matrix"]

#: Default percentile thresholds of the CMP tests (quantiles, 0–1).
CMP_THRESHOLDS = {
    "qualifying": 0.25,
    "significant": 0.50,
    "strong": 0.75,
    "strong10": 0.90,
    "floor": 0.25,
}


def cluster_percentiles(values: pd.DataFrame, employment: pd.DataFrame, q: float) -> np.ndarray:
    """Return, per industry (column), the *q*-quantile of *values* over regions with employment > 0.

    Linear interpolation (type 7). NaN where no region has employment.

    >>> emp = pd.DataFrame({"c": [1, 2, 3, 0, 5]})
    >>> cluster_percentiles(emp, emp, 0.25).tolist()  # over 1, 2, 3, 5
    [1.75]
    """
    data = values.to_numpy(dtype=float).copy()
    data[~(employment.to_numpy(dtype=float) > 0)] = np.nan
    return _column_quantile(data, q)


def _column_quantile(data: np.ndarray, q: float) -> np.ndarray:
    """Type-7 quantile of each column ignoring NaN, vectorised (np.nanquantile loops over
    columns)."""
    ordered = np.sort(data, axis=0)  # NaN sorts last
    count = (~np.isnan(data)).sum(axis=0)
    position = np.clip((count - 1) * q, 0, None)
    low = np.floor(position).astype(int)
    high = np.minimum(low + 1, np.maximum(count - 1, 0))
    cols = np.arange(data.shape[1])
    lower, upper = ordered[low, cols], ordered[high, cols]
    out = lower + (position - low) * (upper - lower)
    return np.where(count > 0, out, np.nan)


def _checked(name: str, frame: pd.DataFrame, like: pd.DataFrame) -> pd.DataFrame:
    out = as_matrix(frame, name)
    if not (out.index.equals(like.index) and out.columns.equals(like.columns)):
        out = out.reindex(index=like.index, columns=like.columns)
    return out


def strong_clusters(
    employment: pd.DataFrame,
    establishments: pd.DataFrame | None = None,
    *,
    lq: pd.DataFrame | None = None,
    traded: Iterable[str] | None = None,
    national: pd.Series | None = None,
    thresholds: dict[str, float] | None = None,
) -> pd.DataFrame:
    """Return the CMP cluster strength flags for every region × cluster, as a long table.

    Parameters
    ----------
    employment : DataFrame
        Regions of one type (index) × clusters or industries (columns).
    establishments : DataFrame, optional
        The same shape; ``None`` drops the establishment floor.
    lq : DataFrame, optional
        Location quotients; by default computed from *employment* with the
        *traded* columns as denominator and *national* totals.
    traded : list of codes, optional
        Traded clusters: the LQ denominator and the only clusters flagged
        (others get NaN flags and LQs against the total of the non-traded
        columns, as the CMP computes local-cluster LQs). ``None``: every
        column is treated as traded.
    national : Series, optional
        National employment per cluster when the table lacks some regions.
    thresholds : dict, optional
        Override :data:`CMP_THRESHOLDS` (quantiles).

    Returns
    -------
    DataFrame with columns region, industry, employment, establishments,
    lq, qualifying, significant, strong, strong10, floors.

    Raises
    ------
    InputError
        Empty or negative input, or fewer than two regions (percentiles
        across one region mean nothing).

    Examples
    --------
    >>> emp = pd.DataFrame({"c": [10, 20, 30, 40], "d": [40, 30, 20, 10]}, index=list("pqrs"))
    >>> strong_clusters(emp).query("strong").loc[:, ["region", "industry"]].values.tolist()
    [['p', 'd'], ['s', 'c']]
    """
    emp = as_matrix(employment, "employment")
    if emp.shape[0] < 2:
        raise InputError(
            gettext("the strong-cluster tests compare regions: give at least two regions"),
            column="employment",
        )
    est = _checked("establishments", establishments, emp) if establishments is not None else None
    traded_cols = [str(c) for c in traded] if traded is not None else [str(c) for c in emp.columns]
    lqs = _checked("lq", lq, emp) if lq is not None else _group_lqs(emp, traded_cols, national)
    flags = _flags(emp, est, lqs, {**CMP_THRESHOLDS, **(thresholds or {})})
    is_traded = np.isin(emp.columns.astype(str), traded_cols)
    for name in ("qualifying", "significant", "strong", "strong10"):
        flags[name] = flags[name].astype(object)
        flags[name][:, ~is_traded] = np.nan
    return _long(
        emp,
        est,
        lqs,
        flags,
        "employment and establishments" if est is not None else "employment only",
    )


def _group_lqs(
    emp: pd.DataFrame, traded_cols: list[str], national: pd.Series | None
) -> pd.DataFrame:
    """LQs of traded columns against traded totals and of the other (local) columns against
    theirs."""
    out = location_quotients(emp, denominator=traded_cols, national=national)
    local = [str(c) for c in emp.columns if str(c) not in set(traded_cols)]
    if local:
        out[local] = location_quotients(emp, denominator=local, national=national)[local]
    return out


def _flags(
    emp: pd.DataFrame, est: pd.DataFrame | None, lqs: pd.DataFrame, th: dict[str, float]
) -> dict[str, np.ndarray]:
    lq = lqs.to_numpy()
    floor = emp.to_numpy() > cluster_percentiles(emp, emp, th["floor"])[None, :]
    if est is not None:
        floor &= est.to_numpy() > cluster_percentiles(est, emp, th["floor"])[None, :]

    def pct(q: float) -> np.ndarray:
        return cluster_percentiles(lqs, emp, q)[None, :]

    return {
        "qualifying": (lq > pct(th["qualifying"])) & floor,
        "significant": (lq > pct(th["significant"])) & floor,
        "strong": (lq >= pct(th["strong"])) & (lq >= 1) & floor,
        "strong10": (lq >= pct(th["strong10"])) & (lq >= 1) & floor,
    }


def _long(
    emp: pd.DataFrame,
    est: pd.DataFrame | None,
    lqs: pd.DataFrame,
    flags: dict[str, np.ndarray],
    floors: str,
) -> pd.DataFrame:
    n_r, n_i = emp.shape
    out = pd.DataFrame(
        {
            "region": np.repeat(emp.index.astype(str).to_numpy(), n_i),
            "industry": np.tile(emp.columns.astype(str).to_numpy(), n_r),
            "employment": emp.to_numpy().ravel(),
            "establishments": est.to_numpy().ravel() if est is not None else np.nan,
            "lq": lqs.to_numpy().ravel(),
        }
    )
    for name, values in flags.items():
        out[name] = pd.Series(values.ravel(), dtype=object)
    out["floors"] = floors
    return out


def strong_matrix(employment: pd.DataFrame, lq: pd.DataFrame) -> np.ndarray:
    """Return the CMP ``strong`` flag per cell as a boolean array (employment floor only; fast
    path).

    >>> emp = pd.DataFrame({"c": [10, 20, 30, 40], "d": [40, 30, 20, 10]})
    >>> strong_matrix(emp, location_quotients(emp))[:, 0].tolist()
    [False, False, False, True]
    """
    return _flags(employment.astype(float), None, lq, CMP_THRESHOLDS)["strong"]

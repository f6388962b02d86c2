"""European Cluster Observatory stars: size, specialisation and focus.

A region × cluster (or industry) earns one star for each criterion it meets
(Sölvell, Ketels & Lindqvist 2008, *The European Cluster Observatory*,
Europe INNOVA; Ketels & Protsiv 2014 for the later methodology):

* **size**: the region's employment in the cluster is among the top 10 %
  of all regions in that cluster;
* **specialisation**: LQ ≥ 2;
* **focus**: the cluster's share of the region's total employment is among
  the top 10 % of all regions.

"Top q of n regions" means a descending rank (1 = largest, ties share the
best rank) ≤ q · n, with at least one region; with 21 counties the top 10 %
are the two largest. A cell with no employment never earns a star.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from s3atlas.analysis._validate import as_matrix
from s3atlas.analysis.specialisation import focus, location_quotients

__all__ = ["ECO_THRESHOLDS", "cluster_stars", "in_top_share", "star_counts"]

#: Default thresholds: top shares of regions for size and focus, the minimum LQ for specialisation.
ECO_THRESHOLDS = {"size_top": 0.10, "specialisation_lq": 2.0, "focus_top": 0.10}


def in_top_share(values: pd.DataFrame, share: float) -> pd.DataFrame:
    """Return True where a cell is among the top *share* of regions in its column.

    >>> in_top_share(pd.DataFrame({"A": [5.0, 1.0, 9.0, 3.0]}), 0.25)["A"].tolist()
    [False, False, True, False]
    """
    rank = values.rank(axis=0, ascending=False, method="min")
    count = values.notna().sum(axis=0).to_numpy()
    limit = np.maximum(1.0, np.floor(share * count + 1e-9))
    return (rank <= limit[None, :]) & values.notna()


def cluster_stars(matrix: pd.DataFrame, thresholds: dict[str, float] | None = None) -> pd.DataFrame:
    """Return the ECO stars of every region × cluster as a long table.

    Columns: region, industry, employment, lq, focus, size_star,
    specialisation_star, focus_star, stars (0–3).

    Examples
    --------
    >>> m = pd.DataFrame({"A": [50, 10, 10, 10], "B": [50, 90, 90, 90]}, index=list("pqrs"))
    >>> stars = cluster_stars(m).set_index(["region", "industry"])
    >>> int(stars.loc[("p", "A"), "stars"])  # largest, LQ (50/100)/(80/400) = 2.5, focus top
    3
    """
    th = {**ECO_THRESHOLDS, **(thresholds or {})}
    m = as_matrix(matrix)
    present = m.fillna(0.0) > 0
    lq, fo = location_quotients(m), focus(m)
    size_star = in_top_share(m.where(present), th["size_top"])
    spec_star = (lq >= th["specialisation_lq"]) & present
    focus_star = in_top_share(fo.where(present), th["focus_top"])
    n_r, n_i = m.shape
    out = pd.DataFrame(
        {
            "region": np.repeat(m.index.astype(str).to_numpy(), n_i),
            "industry": np.tile(m.columns.astype(str).to_numpy(), n_r),
            "employment": m.to_numpy().ravel(),
            "lq": lq.to_numpy().ravel(),
            "focus": fo.to_numpy().ravel(),
            "size_star": size_star.to_numpy().ravel(),
            "specialisation_star": spec_star.to_numpy().ravel(),
            "focus_star": focus_star.to_numpy().ravel(),
        }
    )
    out["stars"] = out[["size_star", "specialisation_star", "focus_star"]].sum(axis=1).astype(int)
    return out


def _top(values: np.ndarray, share: float) -> np.ndarray:
    present = ~np.isnan(values)
    filled = np.where(present, values, -np.inf)
    rank = 1 + (filled[None, :, :] > filled[:, None, :]).sum(
        axis=1
    )  # descending rank, ties share the best
    limit = np.maximum(1.0, np.floor(share * present.sum(axis=0) + 1e-9))
    return present & (rank <= limit[None, :])


def star_counts(
    matrix: pd.DataFrame, lq: pd.DataFrame, thresholds: dict[str, float] | None = None
) -> np.ndarray:
    """Return the number of stars (0–3) per cell as an array, the fast path of
    :func:`cluster_stars`.

    >>> m = pd.DataFrame({"A": [50, 10, 10, 10], "B": [50, 90, 90, 90]}, index=list("pqrs"))
    >>> star_counts(m, location_quotients(m))[:, 0].tolist()
    [3, 0, 0, 0]
    """
    th = {**ECO_THRESHOLDS, **(thresholds or {})}
    values = np.nan_to_num(matrix.to_numpy(dtype=float))
    present = values > 0
    shares = values / np.where(
        values.sum(axis=1, keepdims=True) > 0, values.sum(axis=1, keepdims=True), np.nan
    )
    size = _top(np.where(present, values, np.nan), th["size_top"])
    focus_star = _top(np.where(present, shares, np.nan), th["focus_top"])
    spec = (np.nan_to_num(lq.to_numpy(dtype=float)) >= th["specialisation_lq"]) & present
    return size.astype(int) + spec.astype(int) + focus_star.astype(int)

"""Growth and shift-share decomposition between any two years.

For region r and industry i with e0 = e_ri in the start year and e1 in the
end year, national growth g = E1/E0 − 1, industry growth g_i = E_i1/E_i0 − 1
and regional growth g_ri = e1/e0 − 1, the change splits into

    national share      NS = e0 · g
    industry mix        IM = e0 · (g_i − g)
    regional share      RS = e0 · (g_ri − g_i)

with NS + IM + RS = e1 − e0 (Dunn 1960; Esteban-Marquillas 1972 for the
classical form). A region that starts from 0 has growth NaN; its whole
change is regional share (so the identity still holds).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from s3atlas.analysis._validate import as_matrix, safe_divide
from s3atlas.errors import InputError
from s3atlas.i18n import gettext

__all__ = ["growth", "shift_share"]


def growth(start: pd.DataFrame, end: pd.DataFrame) -> pd.DataFrame:
    """Return relative growth e1/e0 − 1 per cell (NaN where e0 is 0 or missing).

    >>> growth(pd.DataFrame({"A": [100, 0]}), pd.DataFrame({"A": [104, 5]}))["A"].round(2).tolist()
    [0.04, nan]
    """
    e0, e1 = _aligned(start, end)
    return pd.DataFrame(
        safe_divide(e1.to_numpy() - e0.to_numpy(), e0.to_numpy()),
        index=e0.index,
        columns=e0.columns,
    )


def _aligned(start: pd.DataFrame, end: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    e0, e1 = as_matrix(start, "start"), as_matrix(end, "end")
    if set(e0.index) != set(e1.index) or set(e0.columns) != set(e1.columns):
        raise InputError(
            gettext("start and end must have the same regions and industries"), column="end"
        )
    return e0, e1.reindex(index=e0.index, columns=e0.columns)


def shift_share(start: pd.DataFrame, end: pd.DataFrame) -> pd.DataFrame:
    """Return the shift-share decomposition of every region × industry cell as a long table.

    Columns: region, industry, start, end, change, growth, industry_growth,
    national_growth, national, industry_mix, regional_share.

    Examples
    --------
    >>> e0 = pd.DataFrame({"A": [100, 100], "B": [100, 100]}, index=["r1", "r2"])
    >>> e1 = pd.DataFrame({"A": [130, 110], "B": [100, 100]}, index=["r1", "r2"])
    >>> row = shift_share(e0, e1).iloc[0]  # g = 40/400 = 0.1, g_A = 0.2, g_r1A = 0.3
    >>> [round(float(row[c]), 6) for c in ("national", "industry_mix", "regional_share")]
    [10.0, 10.0, 10.0]
    """
    e0, e1 = _aligned(start, end)
    v0, v1 = np.nan_to_num(e0.to_numpy()), np.nan_to_num(e1.to_numpy())
    g = float(safe_divide(np.array(v1.sum() - v0.sum()), np.array(v0.sum())))
    g_i = safe_divide(v1.sum(axis=0) - v0.sum(axis=0), v0.sum(axis=0))
    national = v0 * g
    mix = v0 * (np.nan_to_num(g_i)[None, :] - g)
    change = v1 - v0
    n_r, n_i = v0.shape
    return pd.DataFrame(
        {
            "region": np.repeat(e0.index.astype(str).to_numpy(), n_i),
            "industry": np.tile(e0.columns.astype(str).to_numpy(), n_r),
            "start": v0.ravel(),
            "end": v1.ravel(),
            "change": change.ravel(),
            "growth": safe_divide(change, v0).ravel(),
            "industry_growth": np.tile(g_i, n_r),
            "national_growth": g,
            "national": national.ravel(),
            "industry_mix": mix.ravel(),
            "regional_share": (change - national - mix).ravel(),
        }
    )

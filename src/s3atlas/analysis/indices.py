"""Specialisation and concentration indices of a region's (or an industry's) structure.

With s_ri = e_ri / e_r (the region's industry shares) and S_i = E_i / E
(the nation's):

* Krugman specialisation index  K_r = Σ_i |s_ri − S_i|, 0 (same structure
  as the nation) … 2 (no industry in common); Krugman (1991), *Geography
  and Trade*. The halved index K_r / 2 lies in 0 … 1 and is the regional
  Hoover–Balassa dissimilarity index.
* Hoover coefficient of localisation of industry i:
  H_i = ½ Σ_r |e_ri / E_i − e_r / E|, 0 (spread like all employment) … 1;
  Hoover (1936).
* Herfindahl–Hirschman index  HHI_r = Σ_i s_ri², 1/n … 1.
* Shannon entropy  H_r = −Σ_i s_ri ln s_ri (0 ln 0 = 0), 0 … ln n.

The reference for Krugman is the nation including the region
(``reference="nation"``) or the rest of the nation (``"rest"``).
All-zero regions give NaN; NaN cells are left out of the shares.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from s3atlas.analysis._validate import as_matrix, safe_divide
from s3atlas.errors import InputError
from s3atlas.i18n import gettext

__all__ = ["entropy", "herfindahl", "hoover", "krugman", "structure_indices"]


def _shares(values: np.ndarray) -> np.ndarray:
    total = np.nansum(values, axis=1)
    return safe_divide(np.nan_to_num(values), total[:, None])


def krugman(matrix: pd.DataFrame, *, halved: bool = False, reference: str = "nation") -> pd.Series:
    """Return the Krugman specialisation index of every region.

    >>> m = pd.DataFrame({"A": [10, 30], "B": [90, 70]}, index=["r1", "r2"])
    >>> krugman(m).round(3).tolist()  # |0.1 − 0.2| + |0.9 − 0.8|
    [0.2, 0.2]
    >>> krugman(m, halved=True, reference="rest").round(3).tolist()  # ½(|0.1 − 0.3| + |0.9 − 0.7|)
    [0.2, 0.2]
    """
    values = as_matrix(matrix).to_numpy()
    if reference == "nation":
        nation = np.nansum(values, axis=0)[None, :]
    elif reference == "rest":
        nation = np.nansum(values, axis=0)[None, :] - np.nan_to_num(values)
    else:
        raise InputError(
            gettext("the reference must be nation or rest"), column="reference", value=reference
        )
    index = np.abs(_shares(values) - _shares(nation)).sum(axis=1)
    index[np.nansum(values, axis=1) == 0] = np.nan
    return pd.Series(index / 2 if halved else index, index=matrix.index, name="krugman")


def hoover(matrix: pd.DataFrame) -> pd.Series:
    """Return the Hoover coefficient of localisation of every industry.

    >>> m = pd.DataFrame({"A": [10, 30], "B": [90, 70]}, index=["r1", "r2"])
    >>> # A: ½(|0.25 − 0.5| + |0.75 − 0.5|); B: ½(|90/160 − 0.5| + |70/160 − 0.5|)
    >>> hoover(m).round(4).tolist()
    [0.25, 0.0625]
    """
    values = np.nan_to_num(as_matrix(matrix).to_numpy())
    industry_share = safe_divide(values, values.sum(axis=0)[None, :])
    region_share = (
        values.sum(axis=1) / values.sum() if values.sum() > 0 else np.full(values.shape[0], np.nan)
    )
    result = 0.5 * np.abs(industry_share - region_share[:, None]).sum(axis=0)
    result[values.sum(axis=0) == 0] = np.nan
    return pd.Series(result, index=matrix.columns, name="hoover")


def herfindahl(matrix: pd.DataFrame) -> pd.Series:
    """Return the Herfindahl–Hirschman index of each region's industry shares.

    >>> herfindahl(pd.DataFrame({"A": [1, 1], "B": [1, 0]}, index=["r1", "r2"])).tolist()
    [0.5, 1.0]
    """
    shares = _shares(as_matrix(matrix).to_numpy())
    return pd.Series((shares**2).sum(axis=1), index=matrix.index, name="herfindahl")


def entropy(matrix: pd.DataFrame) -> pd.Series:
    """Return the Shannon entropy (natural log) of each region's industry shares.

    >>> entropy(pd.DataFrame({"A": [1, 1], "B": [1, 0]}, index=["r1", "r2"])).round(4).tolist()
    [0.6931, 0.0]
    """
    shares = _shares(as_matrix(matrix).to_numpy())
    logs = np.zeros_like(shares)
    np.log(shares, out=logs, where=shares > 0)
    result = -(shares * logs).sum(axis=1) + 0.0  # + 0.0 turns -0.0 into 0.0
    result[np.isnan(shares).all(axis=1)] = np.nan
    return pd.Series(result, index=matrix.index, name="entropy")


def structure_indices(matrix: pd.DataFrame) -> pd.DataFrame:
    """Return Krugman, halved Krugman, Herfindahl and entropy per region in one table.

    >>> m = pd.DataFrame({"A": [1, 1], "B": [1, 0]}, index=["r1", "r2"])
    >>> structure_indices(m).columns.tolist()
    ['krugman', 'krugman_halved', 'herfindahl', 'entropy']
    """
    return pd.DataFrame(
        {
            "krugman": krugman(matrix),
            "krugman_halved": krugman(matrix, halved=True),
            "herfindahl": herfindahl(matrix),
            "entropy": entropy(matrix),
        }
    )

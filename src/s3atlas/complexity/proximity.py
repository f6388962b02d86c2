"""Proximity between industries and relatedness density of regions.

Proximity φ_pq is how likely two industries are co-specialised (Hidalgo et al.
2007, "The Product Space Conditions the Development of Nations", *Science*
317, 482–487). Relatedness density ω_rp is the share of industry p's
proximity that region r already holds.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray

__all__ = ["continuous_proximity", "density", "proximity"]

Array = NDArray[np.float64]


def _set_diagonal(phi: Array, diagonal: Literal["zero", "one", "computed"]) -> Array:
    if diagonal == "zero":
        np.fill_diagonal(phi, 0.0)
    elif diagonal == "one":
        np.fill_diagonal(phi, 1.0)
    return phi


def _cooccurrence(m: Array) -> Array:
    """MᵀM; in float32 when M is 0/1 (exact: every count is below 2²⁴), which halves the work."""
    if m.shape[0] < 2**24 and not np.any((m != 0) & (m != 1)):
        m32 = m.astype(np.float32)
        return (m32.T @ m32).astype(np.float64)
    return m.T @ m


def proximity(m: Array, diagonal: Literal["zero", "one", "computed"] = "zero") -> Array:
    """Minimum conditional probability of co-specialisation between industries.

    .. math::

        φ_{pq} = \\frac{\\sum_r M_{rp} M_{rq}}{\\max(k_{p,0}, k_{q,0})}
               = \\min\\{P(M_{rp}=1 \\mid M_{rq}=1),\\; P(M_{rq}=1 \\mid M_{rp}=1)\\}

    Source: Hidalgo, Klinger, Barabási & Hausmann (2007), *Science* 317, 482–487.

    Parameters
    ----------
    m : ndarray of shape (regions, industries)
        Presence matrix Mcp (0/1).
    diagonal : {"zero", "one", "computed"}
        φ_pp set to 0, to 1, or left as the formula gives it (1 for an industry
        present in some region).

    Returns
    -------
    ndarray of shape (industries, industries)
        Symmetric; 0 for an industry present nowhere (where the formula is 0/0).

    Examples
    --------
    >>> m = np.array([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0], [1.0, 1.0, 0.0]])
    >>> proximity(m, diagonal="one").round(3).tolist()
    [[1.0, 0.667, 0.333], [0.667, 1.0, 0.0], [0.333, 0.0, 1.0]]
    """
    together = _cooccurrence(np.asarray(m, dtype=np.float64))
    ubiq = np.diagonal(together)
    larger = np.maximum(ubiq[:, None], ubiq[None, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.where(larger > 0, together / larger, 0.0)
    return _set_diagonal(phi, diagonal)


def continuous_proximity(
    rca_values: Array, diagonal: Literal["zero", "one", "computed"] = "computed"
) -> Array:
    """Continuous proximity: rescaled correlation of RCA across regions.

    .. math:: φ_{pq} = \\frac{1 + \\operatorname{corr}_r(RCA_{rp}, RCA_{rq})}{2}

    As in the ``ecomplexity`` package (Growth Lab, Harvard) option
    ``continuous=True``. An industry with constant RCA has no correlation;
    its proximities are 0.

    Examples
    --------
    >>> continuous_proximity(np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 0.0]])).round(6).tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    """
    r = np.asarray(rca_values, dtype=np.float64)
    centred = r - r.mean(axis=0)
    cov = centred.T @ centred
    sd = np.sqrt(np.diagonal(cov))
    with np.errstate(divide="ignore", invalid="ignore"):
        corr = cov / np.outer(sd, sd)
    phi = np.nan_to_num((1.0 + np.clip(corr, -1.0, 1.0)) / 2.0, nan=0.0)
    return _set_diagonal(phi, diagonal)


def density(m: Array, phi: Array, *, out: Array | None = None) -> Array:
    """Relatedness density of each industry in each region.

    .. math:: ω_{rp} = \\frac{\\sum_q M_{rq} φ_{qp}}{\\sum_q φ_{qp}}

    Source: Hidalgo et al. (2007), *Science* 317, 482–487 (their "density");
    Boschma, Balland & Kogler (2015) call it relatedness density. ω is 0 for an
    industry with no proximity to any other (0/0).

    Parameters
    ----------
    m : ndarray of shape (regions, industries)
        Presence Mcp, or RCA with continuous proximity.
    phi : ndarray of shape (industries, industries)
        Symmetric proximity.
    out : ndarray, optional
        Where to write the result (shape of *m*, float64).

    Examples
    --------
    >>> phi = np.array([[0.0, 0.5, 0.5], [0.5, 0.0, 0.0], [0.5, 0.0, 0.0]])
    >>> density(np.array([[0.0, 1.0, 0.0]]), phi).tolist()
    [[0.5, 0.0, 0.0]]
    """
    phi = np.asarray(phi, dtype=np.float64)
    total = phi.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        weights = np.where(total > 0, phi / total, 0.0)
    return np.matmul(np.asarray(m, dtype=np.float64), weights, out=out)

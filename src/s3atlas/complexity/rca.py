"""Revealed comparative advantage (Balassa RCA), presence Mcp, diversity and ubiquity.

All functions take dense region × industry arrays (rows regions, columns
industries) and return arrays; no labels, no loops over cells.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["diversity", "mcp", "rca", "ubiquity"]

Array = NDArray[np.float64]


def rca(values: Array, *, out: Array | None = None) -> Array:
    """Balassa's revealed comparative advantage of every region in every industry.

    .. math::

        RCA_{rp} = \\frac{X_{rp} / \\sum_q X_{rq}}{\\sum_s X_{sp} / \\sum_{s,q} X_{sq}}

    Source: Balassa, B. (1965), "Trade liberalisation and revealed comparative
    advantage", *The Manchester School* 33(2); the same ratio as the location
    quotient of the US Cluster Mapping Project.

    Parameters
    ----------
    values : ndarray of shape (regions, industries)
        Non-negative values (employment, exports…).
    out : ndarray, optional
        Where to write the result (same shape, float64).

    Returns
    -------
    ndarray of float64, same shape
        NaN where a region or an industry has a zero total.

    Examples
    --------
    >>> rca(np.array([[2.0, 2.0], [0.0, 4.0]])).round(3).tolist()
    [[2.0, 0.667], [0.0, 1.333]]
    """
    x = np.asarray(values, dtype=np.float64)
    row = x.sum(axis=1, keepdims=True)
    col = x.sum(axis=0, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.divide(x, row, out=out)
        r /= col / col.sum()
    return r


def mcp(
    rca_values: Array, threshold: float = 1.0, *, strict: bool = False, out: Array | None = None
) -> Array:
    """Presence matrix: 1 where a region is specialised in an industry, else 0.

    .. math:: M_{rp} = [RCA_{rp} \\ge t] \\quad (\\text{or } > t \\text{ when strict})

    Source: Hidalgo, Klinger, Barabási & Hausmann (2007), *Science* 317, 482–487.
    NaN RCA counts as absent.

    Examples
    --------
    >>> mcp(np.array([[1.0, 0.5], [np.nan, 2.0]])).tolist()
    [[1.0, 0.0], [0.0, 1.0]]
    >>> mcp(np.array([[1.0, 2.0]]), strict=True).tolist()
    [[0.0, 1.0]]
    """
    r = np.asarray(rca_values, dtype=np.float64)
    if out is None:
        out = np.empty(r.shape)
    compare = np.greater if strict else np.greater_equal  # NaN compares False: absent
    return compare(r, threshold, out=out)


def diversity(m: Array) -> Array:
    """Diversity of each region, k_r,0 = Σ_p M_rp (Hidalgo & Hausmann 2009).

    >>> diversity(np.array([[1.0, 1.0], [0.0, 1.0]])).tolist()
    [2.0, 1.0]
    """
    return np.asarray(m, dtype=np.float64).sum(axis=1)


def ubiquity(m: Array) -> Array:
    """Ubiquity of each industry, k_p,0 = Σ_r M_rp (Hidalgo & Hausmann 2009).

    >>> ubiquity(np.array([[1.0, 1.0], [0.0, 1.0]])).tolist()
    [1.0, 2.0]
    """
    return np.asarray(m, dtype=np.float64).sum(axis=0)

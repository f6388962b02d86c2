"""Complexity outlook: COI of regions and COG of region–industry pairs.

Source: Hausmann, Hidalgo, Bustos, Coscia, Simoes & Yildirim (2014),
*The Atlas of Economic Complexity*, MIT Press, "Complexity outlook" and
"Complexity outlook gain"; implemented as in the Stata/Python ``ecomplexity``
packages (Growth Lab, Harvard).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["cog", "coi"]

Array = NDArray[np.float64]


def coi(m: Array, density_values: Array, pci: Array) -> Array:
    """Complexity outlook index: how much complexity lies near a region's present industries.

    .. math:: COI_r = \\sum_p ω_{rp} (1 - M_{rp})\\, PCI_p

    Industries with an undefined PCI (NaN) contribute nothing.

    Examples
    --------
    >>> m = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> coi(m, np.array([[1.0, 0.5], [0.25, 1.0]]), np.array([2.0, -1.0])).tolist()
    [-0.5, 0.5]
    """
    weights = 1.0 - np.asarray(m)
    weights *= np.asarray(density_values)
    return weights @ np.nan_to_num(np.asarray(pci, dtype=np.float64), nan=0.0)


def cog(m: Array, phi: Array, pci: Array, *, out: Array | None = None) -> Array:
    """Complexity outlook gain of moving into each industry a region does not have.

    .. math::

        COG_{rp} = (1 - M_{rp}) \\sum_q \\frac{φ_{qp}}{\\sum_s φ_{qs}} (1 - M_{rq})\\, PCI_q

    0 where the region already has the industry. A row of φ that sums to 0
    contributes nothing. *out*, if given, receives the result.

    Examples
    --------
    >>> m = np.array([[1.0, 0.0, 0.0]])
    >>> phi = np.array([[1.0, 0.5, 0.0], [0.5, 1.0, 0.5], [0.0, 0.5, 1.0]])
    >>> cog(m, phi, np.array([0.0, 1.0, 2.0])).round(4).tolist()
    [[0.0, 1.1667, 1.5833]]
    """
    phi = np.asarray(phi, dtype=np.float64)
    absent = 1.0 - np.asarray(m, dtype=np.float64)
    total = phi.sum(axis=1)
    scale = np.where(total > 0, np.nan_to_num(pci, nan=0.0) / np.where(total > 0, total, 1.0), 0.0)
    gain = np.matmul(absent, phi * scale[:, None], out=out)
    gain *= absent
    return gain

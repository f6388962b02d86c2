"""Economic Complexity Index (ECI) of regions and Product Complexity Index (PCI) of industries.

ECI and PCI are the eigenvectors of the second-largest eigenvalue of the
region and industry diffusion matrices (Hidalgo & Hausmann 2009, "The building
blocks of economic complexity", *PNAS* 106(26), 10570–10575; Hausmann,
Hidalgo et al. 2014, *The Atlas of Economic Complexity*, MIT Press):

.. math::

    \\tilde M^{P}_{pq} = \\sum_r \\frac{M_{rp} M_{rq}}{k_{r,0}\\, k_{p,0}}, \\qquad
    \\tilde M^{R}_{rs} = \\sum_p \\frac{M_{rp} M_{sp}}{k_{r,0}\\, k_{p,0}}

Both are similar to the symmetric matrix
:math:`S = D_P^{-1/2} M^T D_R^{-1} M D_P^{-1/2}` (or its region-side twin),
so a symmetric partial eigensolver on the smaller side gives the vectors.
"""

from __future__ import annotations

import threading
import warnings
from typing import NamedTuple

import numpy as np
import scipy.linalg
import scipy.sparse.linalg
from numpy.typing import NDArray

from s3atlas.errors import ComputationError
from s3atlas.i18n import gettext

__all__ = ["ComplexityWarning", "RawComplexity", "eci_pci", "reflections", "standardise"]

Array = NDArray[np.float64]
_DENSE_EIGH_LIMIT = 64
_ARPACK_LOCK = threading.Lock()


class ComplexityWarning(UserWarning):
    """A complexity result is defined but needs care (e.g. a network in pieces)."""


class RawComplexity(NamedTuple):
    """Unstandardised ECI (per region) and PCI (per industry) and the eigenvalue.

    ``eci`` is the average raw PCI of each region's industries,
    ``eci = M @ pci / diversity``, as in the Stata/Python ``ecomplexity``.
    """

    eci: Array
    pci: Array
    eigenvalue: float


def _second(s: Array, top: Array) -> tuple[float, Array]:
    """Second-largest eigenvalue and its vector of symmetric *s*, whose largest is (1, *top*).

    The top pair is known exactly (see :func:`eci_pci`), so a partial solver
    looks only for the largest eigenpair of ``s − top topᵀ``; with one vector
    instead of two it converges in about two thirds of the time.
    """
    n = s.shape[0]
    if n <= _DENSE_EIGH_LIMIT:
        values, vectors = scipy.linalg.eigh(s, subset_by_index=[n - 2, n - 1])
        return float(values[0]), vectors[:, 0]
    s -= np.outer(top, top)
    v0 = np.full(n, 1.0 / np.sqrt(n))
    try:
        with _ARPACK_LOCK:  # ARPACK keeps state between calls; years may run in threads
            values, vectors = scipy.sparse.linalg.eigsh(s, k=1, which="LA", v0=v0, tol=1e-14)
    except scipy.sparse.linalg.ArpackError:  # pragma: no cover - falls back to LAPACK
        values, vectors = scipy.linalg.eigh(s, subset_by_index=[n - 1, n - 1])
    return float(values[0]), vectors[:, 0]


def _sign(kc: Array, m: Array, kr: Array) -> float:
    """+1 or −1 so that ECI correlates positively with diversity (then with −mean ubiquity)."""
    if np.ptp(kc) > 0:
        for reference in (lambda: kr, lambda: -(m @ m.sum(axis=0)) / kr):
            ref = reference()
            corr = np.corrcoef(ref, kc)[0, 1] if np.ptp(ref) > 0 else np.nan
            if np.isfinite(corr) and corr != 0:
                return float(np.sign(corr))
    return 1.0


def eci_pci(m: Array) -> RawComplexity:
    """Raw ECI and PCI by the eigenvector method.

    PCI is the eigenvector of :math:`\\tilde M^P` for its second-largest
    eigenvalue, ECI = Σ_p M_rp PCI_p / k_r,0, the sign chosen so that ECI
    correlates positively with diversity (Hidalgo & Hausmann 2009).

    Parameters
    ----------
    m : ndarray of shape (regions, industries)
        Presence Mcp with every diversity and ubiquity > 0 and at least two
        regions and two industries.

    Returns
    -------
    RawComplexity
        Unstandardised vectors (use :func:`standardise`).

    Raises
    ------
    ComputationError
        When every region has the same raw ECI (e.g. all regions present in
        all industries), so ECI cannot rank them.

    Examples
    --------
    >>> m = np.array([[1.0, 1.0, 1.0], [1.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    >>> raw = eci_pci(m)
    >>> standardise(raw.eci, ddof=0).round(4).tolist()
    [1.2247, 0.0, -1.2247]
    """
    m = np.asarray(m, dtype=np.float64)
    kr, kp = m.sum(axis=1), m.sum(axis=0)
    sr, sp = np.sqrt(kr), np.sqrt(kp)
    b = m / sr[:, None]
    b /= sp[None, :]  # in place: one region-by-industry temporary, not two
    # D^-1/2 Mᵀ D^-1 M D^-1/2 maps √k to itself: the top eigenpair is (1, √k / ‖√k‖).
    if m.shape[1] <= m.shape[0]:
        lam, vector = _second(b.T @ b, sp / np.linalg.norm(sp))
        pci = vector / sp
    else:
        lam, vector = _second(b @ b.T, sr / np.linalg.norm(sr))
        pci = (m.T @ (vector / sr)) / kp / lam if lam > 0 else np.zeros(m.shape[1])
    eci = (m @ pci) / kr
    if lam > 1.0 - 1e-9:
        warnings.warn(
            "the region–industry network is in separate pieces; ECI separates the pieces",
            ComplexityWarning,
            stacklevel=2,
        )
    if not np.ptp(eci) > 1e-12 * max(1.0, float(np.abs(eci).max())):
        raise ComputationError(
            gettext("ECI is undefined: every region has the same industry structure")
        )
    sign = _sign(eci, m, kr)
    return RawComplexity(sign * eci, sign * pci, lam)


def reflections(m: Array, iterations: int = 20) -> RawComplexity:
    """Raw ECI and PCI by the method of reflections (Hidalgo & Hausmann 2009).

    .. math::

        k_{r,n} = \\frac{1}{k_{r,0}} \\sum_p M_{rp} k_{p,n-1}, \\qquad
        k_{p,n} = \\frac{1}{k_{p,0}} \\sum_r M_{rp} k_{r,n-1}

    Iterated from diversity k_r,0 to the even order *iterations* (rounded up).
    Even orders of regions (k_r,0 is diversity) and odd orders of industries
    (k_p,1 is the mean diversity of an industry's regions) point the same way
    as ECI and PCI; even orders of industries (k_p,0 is ubiquity) point the
    other way. So PCI is the last odd order k_p,N−1 and ECI = Σ_p M_rp PCI_p /
    k_r,0 = k_r,N, the relation the eigenvector method uses, and the sign is
    chosen as there (:func:`eci_pci`): the standardised results then tend to the
    eigenvector method's, signs included, as *iterations* grows.

    Each industry step is made orthogonal to ubiquity (Σ_p k_p,0 k_p,n = 0,
    which removes the trivial eigenvector of constants, as the eigenvector
    method's PCI is) and scaled to unit length, so it never underflows.

    Examples
    --------
    >>> m = np.array([[1.0, 1.0, 1.0], [1.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    >>> raw = reflections(m)
    >>> standardise(raw.eci, ddof=0).round(4).tolist()
    [1.2247, 0.0, -1.2247]
    >>> standardise(raw.pci, ddof=0).round(4).tolist()
    [-1.2247, 0.0, 1.2247]
    """
    m = np.asarray(m, dtype=np.float64)
    kr, kp = m.sum(axis=1), m.sum(axis=0)
    kc_n, kp_n = kr.copy(), kp.copy()
    for _ in range(max(1, (iterations + 1) // 2)):  # one region order and one industry order
        kp_n = (m.T @ kc_n) / kp  # odd order: the way of PCI
        kp_n -= (kp @ kp_n) / kp.sum()
        kp_n /= np.linalg.norm(kp_n) or 1.0
        kc_n = (m @ kp_n) / kr  # even order: the way of ECI
    if not np.ptp(kc_n) > 1e-12 * max(1.0, float(np.abs(kc_n).max())):
        raise ComputationError(
            gettext("ECI is undefined: every region has the same industry structure")
        )
    sign = _sign(kc_n, m, kr)
    return RawComplexity(sign * kc_n, sign * kp_n, float("nan"))


def standardise(x: Array, ddof: int = 1, *, like: Array | None = None) -> Array:
    """Z-score of *x* using the mean and standard deviation of *like* (default *x*).

    .. math:: z_i = (x_i - \\bar y) / s_y

    ``ecomplexity`` standardises PCI by the raw ECI's mean and standard
    deviation (``like=eci``, ``ddof=0``) so that ECI stays the mean PCI of a
    region's industries.

    >>> standardise(np.array([1.0, 2.0, 3.0])).tolist()
    [-1.0, 0.0, 1.0]
    """
    ref = x if like is None else like
    return (x - ref.mean()) / ref.std(ddof=ddof)

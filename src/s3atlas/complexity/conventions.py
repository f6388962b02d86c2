"""Conventions: the choices where published implementations of complexity differ.

Two named sets are provided:

``s3atlas``
    The documented defaults of this package (see ``docs/complexity.md``).
``ecomplexity``
    Reproduces the PyPI package ``ecomplexity`` 0.5.3 (Growth Lab, Harvard),
    which follows the Stata ``ecomplexity`` command.

Every field is one place where the two differ (or may be changed by a user);
the table in ``docs/complexity.md`` lists them side by side.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from s3atlas.errors import InputError
from s3atlas.i18n import gettext

__all__ = ["CONVENTIONS", "ECOMPLEXITY", "S3ATLAS", "Conventions", "get_conventions"]

Diagonal = Literal["zero", "one", "computed"]


@dataclass(frozen=True)
class Conventions:
    """One complete set of conventions for the complexity pipeline.

    Parameters
    ----------
    name : str
        Name of the set (``"s3atlas"`` or ``"ecomplexity"``).
    threshold : float
        RCA threshold for presence, Mcp (Balassa 1965; Hidalgo et al. 2007 use 1).
    strict : bool
        ``True`` compares RCA > threshold, ``False`` RCA ≥ threshold.
    diagonal : {"zero", "one", "computed"}
        The proximity diagonal φ_pp: 0, 1, or as the formula gives it
        (u_p / u_p = 1 where the industry is present somewhere, else 0).
    continuous : bool
        Continuous proximity φ = (1 + corr(RCA_p, RCA_q)) / 2 and density over
        RCA instead of Mcp.
    pci_scale : {"own", "eci"}
        ``"own"`` standardises PCI by its own mean and standard deviation;
        ``"eci"`` by the mean and standard deviation of the raw ECI (Stata).
    ddof : int
        Delta degrees of freedom of the standard deviations (0 population, 1 sample).
    cog_pci : {"standardised", "raw"}
        PCI used in COI/COG: the standardised PCI, or the raw eigenvector
        scaled by the raw ECI's standard deviation (as ``ecomplexity`` does).
    standardise_coi : bool
        Whether COI is turned into a z-score across regions.
    missing : {"error", "zero"}
        What a NaN value means: an error, or zero (``ecomplexity`` coerces).
    duplicates : {"error", "first"}
        What a repeated (year, region, industry) means: an error, or keep the first.
    """

    name: str = "s3atlas"
    threshold: float = 1.0
    strict: bool = False
    diagonal: Diagonal = "zero"
    continuous: bool = False
    pci_scale: Literal["own", "eci"] = "own"
    ddof: int = 1
    cog_pci: Literal["standardised", "raw"] = "standardised"
    standardise_coi: bool = False
    missing: Literal["error", "zero"] = "error"
    duplicates: Literal["error", "first"] = "error"


S3ATLAS = Conventions()
ECOMPLEXITY = Conventions(
    name="ecomplexity",
    diagonal="computed",
    pci_scale="eci",
    ddof=0,
    cog_pci="raw",
    standardise_coi=True,
    missing="zero",
    duplicates="first",
)
CONVENTIONS: dict[str, Conventions] = {c.name: c for c in (S3ATLAS, ECOMPLEXITY)}


def get_conventions(name: str | Conventions, threshold: float | None = None) -> Conventions:
    """Return the named set of conventions, optionally with another RCA threshold.

    Parameters
    ----------
    name : str or Conventions
        ``"s3atlas"`` or ``"ecomplexity"`` (or a :class:`Conventions` itself).
    threshold : float, optional
        Replaces the set's RCA threshold; must be finite and > 0.

    Examples
    --------
    >>> get_conventions("ecomplexity").diagonal
    'computed'
    >>> get_conventions("s3atlas", threshold=1.5).threshold
    1.5
    """
    if isinstance(name, Conventions):
        conventions = name
    elif name in CONVENTIONS:
        conventions = CONVENTIONS[name]
    else:
        expected = " | ".join(CONVENTIONS)
        raise InputError(
            gettext("unknown conventions; expected {expected}", expected=expected),
            column="conventions",
            value=name,
        )
    if threshold is None:
        return conventions
    if not threshold > 0 or threshold == float("inf"):
        raise InputError(
            gettext("the RCA threshold must be a finite number > 0"),
            column="threshold",
            value=threshold,
        )
    return replace(conventions, threshold=float(threshold))

"""A transparent composite strength score per region × industry, the quadrant class and a reason in
words.

Each component is turned into the region's percentile rank (ties share their average rank) among all
regions for that industry (1.0 = the highest region), and the score is the
weighted mean of those ranks over the components that exist:

=================  ===========================================================
``lq``             location quotient (specialisation)
``size``           region's share of the industry's national total
``focus``          industry's share of the region's total
``growth``         regional growth minus the industry's national growth
                   between the base and end year (needs two years)
=================  ===========================================================

Weights are visible (:data:`DEFAULT_WEIGHTS`) and changeable; components
that cannot be computed (``growth`` with one year of data) are dropped and
the remaining weights rescaled to sum to 1, and the result lists the weights
used. Score = Σ_k w_k · pct_k / Σ_k w_k, 0–1.

Quadrant (the bubble chart analysts use; e.g. Tillväxtanalys and the
S3 Platform's *RIS3 Guide*, 2012): specialised = LQ ≥ 1; growing = the
regional industry grew faster than the same industry nationally.
``specialised_growing``, ``specialised_declining``, ``emerging`` (not
specialised, growing), ``weak``. Without two years the class is
``specialised`` or ``not_specialised``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from s3atlas.analysis._validate import as_matrix, safe_divide
from s3atlas.analysis.specialisation import location_quotients, national_share
from s3atlas.errors import InputError
from s3atlas.i18n import format_number, format_percent_value, gettext

__all__ = [
    "CLASSES",
    "DEFAULT_WEIGHTS",
    "checked_weights",
    "composite_scores",
    "quadrant",
    "reason",
    "top_share_label",
]

#: Default component weights (shown in every result; change them with ``weights=``).
DEFAULT_WEIGHTS: dict[str, float] = {"lq": 0.4, "size": 0.2, "focus": 0.2, "growth": 0.2}
CLASSES = (
    "specialised_growing",
    "specialised_declining",
    "emerging",
    "weak",
    "specialised",
    "not_specialised",
)


def checked_weights(weights: dict[str, float] | None, available: list[str]) -> dict[str, float]:
    """Return the weights for the *available* components, validated and rescaled to sum to 1.

    >>> checked_weights({"lq": 1, "size": 1, "focus": 0, "growth": 2}, ["lq", "size", "focus"])
    {'lq': 0.5, 'size': 0.5, 'focus': 0.0}
    """
    given = {**DEFAULT_WEIGHTS, **(weights or {})}
    unknown = sorted(set(given) - set(DEFAULT_WEIGHTS))
    if unknown:
        raise InputError(
            f"unknown weight {unknown[0]!r}; use {', '.join(DEFAULT_WEIGHTS)}",
            column="weights",
            value=unknown[0],
        )
    if any(not np.isfinite(w) or w < 0 for w in given.values()):
        raise InputError("weights must be finite and not negative", column="weights")
    used = {k: float(given[k]) for k in available}
    total = sum(used.values())
    if total <= 0:
        raise InputError("the weights of the available components sum to 0", column="weights")
    return {k: v / total for k, v in used.items()}


def quadrant(lq: np.ndarray, relative_growth: np.ndarray | None) -> np.ndarray:
    """Return the quadrant class of each cell.

    >>> quadrant(np.array([1.5, 1.5, 0.5, 0.5]), np.array([0.1, -0.1, 0.1, -0.1])).tolist()
    ['specialised_growing', 'specialised_declining', 'emerging', 'weak']
    """
    specialised = np.nan_to_num(lq) >= 1
    if relative_growth is None:
        return np.where(specialised, "specialised", "not_specialised")
    growing = np.nan_to_num(relative_growth) > 0
    return np.select(
        [specialised & growing, specialised, growing],
        ["specialised_growing", "specialised_declining", "emerging"],
        "weak",
    )


def composite_scores(
    end: pd.DataFrame,
    start: pd.DataFrame | None = None,
    weights: dict[str, float] | None = None,
    *,
    denominator: list[str] | None = None,
) -> pd.DataFrame:
    """Return components, percentile ranks, score and class of every region × industry (long table).

    Parameters
    ----------
    end : DataFrame
        Regions × industries in the end year.
    start : DataFrame, optional
        The same in a base year; enables the ``growth`` component.
    weights : dict, optional
        Component weights (see :data:`DEFAULT_WEIGHTS`).
    denominator : list of codes, optional
        The columns whose sum is a region's total (for LQ and focus); use it
        when extra columns (strength areas) overlap the industries.

    Examples
    --------
    >>> m = pd.DataFrame({"A": [50, 10, 10, 10], "B": [50, 90, 90, 90]}, index=list("pqrs"))
    >>> scores = composite_scores(m)
    >>> scores.sort_values("score").iloc[-1][["region", "industry", "class"]].tolist()
    ['p', 'A', 'specialised']
    """
    e1 = as_matrix(end, "end")
    cols = denominator if denominator is not None else list(e1.columns)
    lq = location_quotients(e1, denominator=cols)
    region_total = np.nansum(e1[cols].to_numpy(), axis=1)
    fo = pd.DataFrame(
        safe_divide(e1.to_numpy(), region_total[:, None]), index=e1.index, columns=e1.columns
    )
    comps = {"lq": lq, "size": national_share(e1), "focus": fo}
    rel_growth = None
    extra: dict[str, np.ndarray] = {}
    if start is not None:
        e0 = as_matrix(start, "start").reindex(index=e1.index, columns=e1.columns)
        v0, v1 = np.nan_to_num(e0.to_numpy()), np.nan_to_num(e1.to_numpy())
        g = safe_divide(v1 - v0, v0)
        g_nat = safe_divide(v1.sum(axis=0) - v0.sum(axis=0), v0.sum(axis=0))
        rel_growth = g - g_nat[None, :]
        comps["growth"] = pd.DataFrame(rel_growth, index=e1.index, columns=e1.columns)
        extra = {"growth": g.ravel(), "national_growth": np.tile(g_nat, e1.shape[0])}
    used = checked_weights(weights, list(comps))
    score = np.zeros(e1.shape)
    weight_sum = np.zeros(e1.shape)
    pcts: dict[str, np.ndarray] = {}
    for name, frame in comps.items():
        pct = frame.rank(axis=0, method="average", pct=True).to_numpy()
        pcts[name] = pct
        ok = ~np.isnan(pct)
        score += np.where(ok, pct * used[name], 0.0)
        weight_sum += np.where(ok, used[name], 0.0)
    n_r, n_i = e1.shape
    out = pd.DataFrame(
        {
            "region": np.repeat(e1.index.astype(str).to_numpy(), n_i),
            "industry": np.tile(e1.columns.astype(str).to_numpy(), n_r),
            "value": e1.to_numpy().ravel(),
            **{name: frame.to_numpy().ravel() for name, frame in comps.items() if name != "growth"},
            **extra,
            "relative_growth": rel_growth.ravel() if rel_growth is not None else np.nan,
            **{f"{name}_pct": pct.ravel() for name, pct in pcts.items()},
        }
    )
    out["lq_rank"] = comps["lq"].rank(axis=0, ascending=False, method="min").to_numpy().ravel()
    out["regions"] = comps["lq"].notna().sum(axis=0).to_numpy()[np.tile(np.arange(n_i), n_r)]
    out["score"] = safe_divide(score, weight_sum).ravel()
    out["class"] = quadrant(comps["lq"].to_numpy(), rel_growth).ravel()
    out["weights"] = ", ".join(f"{k} {v:.2f}" for k, v in used.items())
    return out


def top_share_label(rank: float, count: float, regions_word: str, lang: str | None = None) -> str:
    """Return "top 10 % of the counties" style text for a descending rank among *count* regions.

    >>> top_share_label(2, 21, "counties", lang="en")
    'top 10% of the counties'
    >>> top_share_label(7, 21, "counties", lang="en")
    'rank 7 of 21 counties'
    """
    if not (rank == rank and count):
        return ""
    for share in (0.10, 0.25):
        if rank <= max(1.0, np.floor(share * count + 1e-9)):
            return gettext(
                "top {share} of the {regions}",
                lang,
                share=format_percent_value(share, lang=lang),
                regions=gettext(regions_word, lang),
            )
    return gettext(
        "rank {rank} of {count} {regions}",
        lang,
        rank=int(rank),
        count=int(count),
        regions=gettext(regions_word, lang),
    )


def _signed(value: float, lang: str | None) -> str:
    text = format_percent_value(value, 0, lang=lang)
    return text if value < 0 or text.startswith(("–", "-", "−")) else "+" + text


def reason(row: Mapping[str, Any], regions_word: str, nation: str, lang: str | None = None) -> str:
    """Return a plain-language reason for one scored row,
    e.g. "LQ 2.3 (top 10% of the counties); ...".

    >>> row = pd.Series({"lq": 2.31, "lq_rank": 1, "regions": 21, "growth": 0.04,
    ...                  "national_growth": 0.01, "focus": 0.05})
    >>> reason(row, "counties", "Sweden", lang="en")
    'LQ 2.3 (top 10% of the counties); employment +4% while Sweden +1%'
    """
    parts = [
        gettext(
            "LQ {lq} ({rank})",
            lang,
            lq=format_number(row["lq"], 1, lang=lang),
            rank=top_share_label(row["lq_rank"], row["regions"], regions_word, lang),
        )
    ]
    growth, national = row.get("growth", np.nan), row.get("national_growth", np.nan)
    if growth == growth and national == national:
        parts.append(
            gettext(
                "employment {growth} while {nation} {national}",
                lang,
                growth=_signed(growth, lang),
                nation=gettext(nation, lang),
                national=_signed(national, lang),
            )
        )
    else:
        parts.append(
            gettext(
                "{share} of the region's employment",
                lang,
                share=format_percent_value(row["focus"], 1, lang=lang),
            )
        )
    return "; ".join(parts)

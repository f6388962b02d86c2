"""A transparent composite strength score per region × industry, the class and a reason in words.

Each component is turned into the region's percentile rank (ties share their average rank) among all
regions for that industry (1.0 = the highest region), and the score is the
weighted mean of those ranks over the components that exist:

=================  ===========================================================
``lq``             location quotient (specialisation)
``size``           region's share of the industry's national total
``growth``         regional growth minus the industry's national growth
                   between the base and end year (needs two years)
=================  ===========================================================

The components carry different information. *Focus* (the industry's share of
the region's employment) is shown but is not a component: within one industry
it equals LQ times a constant (the industry's national share), so its ranks
across regions are the LQ's ranks and a weight on it would only add to LQ's.

Weights are visible (:data:`DEFAULT_WEIGHTS`) and changeable. Score =
Σ_k w_k · pct_k / Σ_k w_k, 0–1, over the components a cell has: a cell whose
growth is unknown or within the data's rounding is scored on LQ and size
alone, and its ``components`` column says so. Percentile ranks rather than the
Regional Innovation Scoreboard's min–max (:mod:`s3atlas.analysis.normalise`)
because a score here compares regions within one industry, where LQs are
skewed with a few far outliers (a small region with one large plant); min–max
would squeeze every other region towards 0 and a weight would act on a scale
that one outlier sets. Ranks make a weight act the same on every component.

Growth (:func:`growth_components`) is only growth where the data can show it:
a suppressed or missing cell in either year gives no growth; a change no
larger than the data's rounding (Eurostat's thousands) is ``uncertain`` and
kept out of the score and the class; national growth is summed over the
regions that have both years.

Class (the bubble chart analysts use; e.g. Tillväxtanalys and the S3
Platform's *RIS3 Guide*, 2012), named for what it measures: specialised =
LQ ≥ 1; *outpacing* = the regional industry grew more (or shrank less) than
the same industry nationally. ``specialised_outpacing``,
``specialised_trailing``, ``outpacing`` (not specialised), ``trailing``.
Without a usable growth the class is ``specialised`` or ``not_specialised``.
Whether the industry itself grew is the separate ``trend``: ``growing``,
``shrinking``, ``unchanged``, ``uncertain`` (within rounding) or ``unknown``.
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
    "TRENDS",
    "checked_weights",
    "composite_scores",
    "growth_components",
    "lq_text",
    "quadrant",
    "reason",
    "signed_percent",
    "top_share_label",
]

#: Default component weights (shown in every result; change them with ``weights=``).
DEFAULT_WEIGHTS: dict[str, float] = {"lq": 0.5, "size": 0.25, "growth": 0.25}
CLASSES = (
    "specialised_outpacing",
    "specialised_trailing",
    "outpacing",
    "trailing",
    "specialised",
    "not_specialised",
)
TRENDS = ("growing", "shrinking", "unchanged", "uncertain", "unknown")
#: Ranks with percentages ("top 10 %") only when at least this many regions are compared.
MIN_REGIONS_FOR_SHARES = 10


def checked_weights(weights: dict[str, float] | None, available: list[str]) -> dict[str, float]:
    """Return the weights for the *available* components, validated and rescaled to sum to 1.

    >>> checked_weights({"lq": 1, "size": 1, "growth": 2}, ["lq", "size"])
    {'lq': 0.5, 'size': 0.5}
    """
    given = {**DEFAULT_WEIGHTS, **(weights or {})}
    unknown = sorted(set(given) - set(DEFAULT_WEIGHTS))
    if unknown:
        raise InputError(
            gettext("unknown weight; use {weights}", weights=", ".join(DEFAULT_WEIGHTS)),
            column="weights",
            value=unknown[0],
        )
    if any(not np.isfinite(w) or w < 0 for w in given.values()):
        raise InputError(gettext("weights must be finite and not negative"), column="weights")
    used = {k: float(given[k]) for k in available}
    total = sum(used.values())
    if total <= 0:
        raise InputError(
            gettext("the weights of the available components sum to 0"), column="weights"
        )
    return {k: v / total for k, v in used.items()}


def quadrant(lq: np.ndarray, relative_growth: np.ndarray | None) -> np.ndarray:
    """Return the class of each cell; NaN relative growth gives the class without growth.

    >>> quadrant(np.array([1.5, 1.5, 0.5, 0.5, 1.5]),
    ...          np.array([0.1, -0.1, 0.1, -0.1, np.nan])).tolist()
    ['specialised_outpacing', 'specialised_trailing', 'outpacing', 'trailing', 'specialised']
    """
    specialised = np.nan_to_num(lq) >= 1
    plain = np.where(specialised, "specialised", "not_specialised")
    if relative_growth is None:
        return plain
    known = ~np.isnan(relative_growth)
    ahead = np.nan_to_num(relative_growth) > 0
    return np.select(
        [~known, specialised & ahead, specialised, ahead],
        [plain, "specialised_outpacing", "specialised_trailing", "outpacing"],
        "trailing",
    )


def growth_components(
    e0: pd.DataFrame, e1: pd.DataFrame, precision: float = 0.0
) -> dict[str, np.ndarray]:
    """Return growth, national growth, relative growth and trend of every cell.

    A cell has growth only when both years are known and the base is above 0;
    a change of at most *precision* (the rounding unit of the data, e.g. 1000
    for values in whole thousands) is ``uncertain`` and gets no relative
    growth. National growth of an industry is Σ e1 / Σ e0 − 1 over the regions
    with both years known.

    >>> e0 = pd.DataFrame({"A": [5000.0, 10000.0, np.nan]})
    >>> e1 = pd.DataFrame({"A": [6000.0, 12000.0, 50.0]})
    >>> out = growth_components(e0, e1, precision=1000)
    >>> out["growth"].ravel().round(2).tolist(), out["trend"].ravel().tolist()
    ([0.2, 0.2, nan], ['uncertain', 'growing', 'unknown'])
    >>> round(float(out["national_growth"][0, 0]), 4)  # (6000 + 12000) / (5000 + 10000) − 1
    0.2
    """
    v0, v1 = e0.to_numpy(dtype=float), e1.to_numpy(dtype=float)
    both = ~np.isnan(v0) & ~np.isnan(v1)
    g = np.where(both & (v0 > 0), safe_divide(v1 - v0, v0), np.nan)
    s0, s1 = np.where(both, v0, 0.0).sum(axis=0), np.where(both, v1, 0.0).sum(axis=0)
    g_nat = np.broadcast_to(safe_divide(s1 - s0, s0), v1.shape)
    uncertain = both & (np.abs(v1 - v0) <= precision) if precision > 0 else np.zeros_like(both)
    trend = np.select(
        [np.isnan(g), uncertain, g > 0, g < 0],
        ["unknown", "uncertain", "growing", "shrinking"],
        "unchanged",
    )
    relative = np.where(uncertain | np.isnan(g), np.nan, g - g_nat)
    return {"growth": g, "national_growth": g_nat, "relative_growth": relative, "trend": trend}


def composite_scores(
    end: pd.DataFrame,
    start: pd.DataFrame | None = None,
    weights: dict[str, float] | None = None,
    *,
    denominator: list[str] | None = None,
    precision: float = 0.0,
    growth_end: pd.DataFrame | None = None,
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
    precision : float
        The rounding unit of the values (see :func:`growth_components`).
    growth_end : DataFrame, optional
        The year growth runs to when it is not *end* (growth stays within one
        source table while LQ and size use the latest year).

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
    focus = safe_divide(e1.to_numpy(), region_total[:, None])
    comps = {"lq": lq, "size": national_share(e1)}
    growth = _growth_of(e1, start, growth_end, precision)
    if growth:
        comps["growth"] = pd.DataFrame(
            growth["relative_growth"], index=e1.index, columns=e1.columns
        )
    used = checked_weights(weights, list(comps))
    pcts = {name: frame.rank(axis=0, method="average", pct=True) for name, frame in comps.items()}
    score, acting = _weighted(pcts, used)
    n_r, n_i = e1.shape
    out = pd.DataFrame(
        {
            "region": np.repeat(e1.index.astype(str).to_numpy(), n_i),
            "industry": np.tile(e1.columns.astype(str).to_numpy(), n_r),
            "value": e1.to_numpy().ravel(),
            "lq": lq.to_numpy().ravel(),
            "size": comps["size"].to_numpy().ravel(),
            "focus": focus.ravel(),
            **{
                k: np.asarray(growth.get(k, np.full(e1.shape, np.nan))).ravel()
                for k in ("growth", "national_growth", "relative_growth")
            },
            "trend": np.asarray(growth.get("trend", np.full(e1.shape, "unknown"))).ravel(),
            **{f"{name}_pct": pct.to_numpy().ravel() for name, pct in pcts.items()},
        }
    )
    out["lq_rank"] = lq.rank(axis=0, ascending=False, method="min").to_numpy().ravel()
    out["regions"] = lq.notna().sum(axis=0).to_numpy()[np.tile(np.arange(n_i), n_r)]
    out["score"] = score.ravel()
    out["components"] = acting.ravel()
    out["class"] = quadrant(lq.to_numpy(), growth.get("relative_growth")).ravel()
    out["weights"] = ", ".join(f"{k} {v:.2f}" for k, v in used.items())
    return out


def _growth_of(
    e1: pd.DataFrame,
    start: pd.DataFrame | None,
    growth_end: pd.DataFrame | None,
    precision: float,
) -> dict[str, Any]:
    """Return :func:`growth_components` from *start* to *growth_end* (or *e1*); {} without a
    start."""
    if start is None:
        return {}
    e0 = as_matrix(start, "start").reindex(index=e1.index, columns=e1.columns)
    g1 = e1 if growth_end is None else as_matrix(growth_end, "growth_end")
    return growth_components(e0, g1.reindex(index=e1.index, columns=e1.columns), precision)


def _weighted(
    pcts: dict[str, pd.DataFrame], used: dict[str, float]
) -> tuple[np.ndarray, np.ndarray]:
    """Return Σ w·pct / Σ w over the components each cell has, and the names of those
    components."""
    shape = next(iter(pcts.values())).shape
    score, weight_sum = np.zeros(shape), np.zeros(shape)
    names = np.full(shape, "", dtype=object)
    for name, frame in pcts.items():
        pct = frame.to_numpy()
        ok = ~np.isnan(pct)
        score += np.where(ok, pct * used[name], 0.0)
        weight_sum += np.where(ok, used[name], 0.0)
        names = np.where(ok, names + np.where(names == "", "", ", ") + name, names)
    return safe_divide(score, weight_sum), names


def lq_text(value: float, lang: str | None = None, boundary: float = 1.0) -> str:
    """Return an LQ rounded so that it reads on the same side of *boundary* as it is.

    One decimal, unless that rounding would cross or touch the class boundary;
    then as many decimals (up to 4) as it takes.

    >>> lq_text(1.76, "sv"), lq_text(0.97, "sv"), lq_text(0.9996, "en"), lq_text(1.04, "en")
    ('1,8', '0,97', '0.9996', '1.0')
    """
    if value != value:
        return "–"
    for digits in (1, 2, 3, 4):
        if (round(value, digits) >= boundary) == (value >= boundary):
            return format_number(value, digits, lang=lang)
    return format_number(value, 4, lang=lang)


def top_share_label(rank: float, count: float, regions_word: str, lang: str | None = None) -> str:
    """Return "top 10 % of the counties" style text for a descending rank among *count* regions.

    Shares are used only among at least :data:`MIN_REGIONS_FOR_SHARES` regions; with fewer the
    plain rank is clearer ("rank 1 of 3 regions", not "top 10 %").

    >>> top_share_label(2, 21, "counties", lang="en")
    'top 10% of the counties'
    >>> top_share_label(7, 21, "counties", lang="en")
    'rank 7 of 21 counties'
    >>> top_share_label(1, 3, "regions", lang="sv")
    'plats 1 av 3 regioner'
    """
    if not (rank == rank and count):
        return ""
    shares = (0.10, 0.25) if count >= MIN_REGIONS_FOR_SHARES else ()
    for share in shares:
        if rank <= max(1.0, np.floor(share * count + 1e-9)):
            return gettext(
                "top {share} of the {regions}",
                lang,
                share=format_percent_value(share, lang=lang),
                regions=gettext(regions_word, lang),
            )
    counted = gettext("{count} " + regions_word, lang, count=int(count))
    return gettext("rank {rank} of {counted}", lang, rank=int(rank), counted=counted)


def signed_percent(value: float, lang: str | None = None) -> str:
    """Return a growth as a signed whole percentage; one that rounds to 0 reads ±0.

    >>> signed_percent(0.436, "sv"), signed_percent(-0.0044, "sv"), signed_percent(-0.18, "en")
    ('+44\xa0%', '±0\xa0%', '−18%')
    """
    if value != value:
        return "–"
    text = format_percent_value(abs(value), 0, lang=lang)
    if text.startswith("0"):
        return "±" + text
    return ("+" if value > 0 else "−") + text


def _growth_part(row: Mapping[str, Any], context: Mapping[str, Any], lang: str | None) -> str:
    trend, period = row.get("trend", "unknown"), context.get("period", "")
    if trend == "uncertain":
        return gettext(
            "the change {period} is within the data's rounding: growth not used",
            lang,
            period=period,
        )
    growth, national = row.get("growth", np.nan), row.get("national_growth", np.nan)
    if trend == "unknown" or growth != growth or national != national:
        if not period:
            return gettext(
                "{share} of the region's employment",
                lang,
                share=format_percent_value(row["focus"], 1, lang=lang),
            )
        return gettext("no growth {period}: a value is missing or suppressed", lang, period=period)
    return gettext(
        "employment {growth} {period} while {nation} {national}",
        lang,
        growth=signed_percent(growth, lang),
        period=period,
        nation=gettext(context["nation"], lang),
        national=signed_percent(national, lang),
    )


def reason(row: Mapping[str, Any], context: Mapping[str, Any], lang: str | None = None) -> str:
    """Return a plain-language reason for one scored row.

    *context* names what the row is compared with: ``regions`` (e.g.
    "counties"), ``nation`` (e.g. "Sweden", or "all regions in the data" when
    the data do not cover the nation) and the growth ``period``.

    >>> row = pd.Series({"lq": 2.31, "lq_rank": 1, "regions": 21, "growth": 0.04,
    ...                  "national_growth": 0.01, "focus": 0.05, "trend": "growing"})
    >>> context = {"regions": "counties", "nation": "Sweden", "period": "2008–2016"}
    >>> reason(row, context, lang="en")
    'LQ 2.3 (top 10% of the counties); employment +4% 2008–2016 while Sweden +1%'
    >>> reason({**row, "lq": 0.97}, context, lang="sv").split(";")[0]
    'LQ 0,97 (topp 10\xa0% av länen)'
    """
    first = gettext(
        "LQ {lq} ({rank})",
        lang,
        lq=lq_text(row["lq"], lang),
        rank=top_share_label(row["lq_rank"], row["regions"], context["regions"], lang),
    )
    return "; ".join([first, _growth_part(row, context, lang)])

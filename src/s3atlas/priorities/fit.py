"""Priority fit: each region's declared themes set against measured specialisation.

Themes are tied to SNI 2007 divisions (``themes.yaml``); statistics come in the
industry codes of their source, often coarser than divisions (SCB RAMS groups
such as ``B+C`` hold 29 divisions). For every theme the data's codes are
sorted into *inside* codes (all their divisions belong to the theme) and
*overlapping* codes (only some do):

* ``exact`` — inside codes cover every division of the theme,
* ``partial`` — measured on the inside codes only; the other divisions sit in
  coarser codes and are left out (named in ``note``),
* ``coarse`` — no inside code; the overlapping codes are far wider than the
  theme, so the LQ is shown but no verdict is given (``coarse_data``),
* ``none`` — no code touches the theme.

The LQ of a theme measured on several codes is the LQ of their union,
LQ_r = (Σ_i e_ri / e_r) / (Σ_i E_i / E), which equals the mean of the codes'
LQs weighted by their national shares E_i / E. A declared theme is
``supported`` when LQ ≥ 1 (the specialisation threshold of Balassa 1965 and
the US Cluster Mapping Project), ``not_supported`` otherwise; a measured LQ ≥ 1
on a theme the region did not declare is an ``undeclared_strength``.

:func:`location_quotients` takes a long employment table and computes
LQ_ri = (e_ri / e_r) / (E_i / E) with the engine's
:func:`s3atlas.analysis.specialisation.location_quotients`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from s3atlas.analysis.specialisation import location_quotients as engine_location_quotients
from s3atlas.classifications import divisions_of
from s3atlas.errors import InputError
from s3atlas.priorities.themes import HORIZONTAL, UNCLASSIFIED, Taxonomy, load_taxonomy
from s3atlas.stats import load_dataset

__all__ = [
    "FIT_COLUMNS",
    "location_quotients",
    "measured_strength",
    "national_shares",
    "priority_fit",
    "rams_employment",
    "theme_industry_map",
    "theme_strength",
]

FIT_COLUMNS = [
    "county_code",
    "theme",
    "declared",
    "lq",
    "evidence",
    "measured_codes",
    "status",
    "note",
]


def rams_employment() -> pd.DataFrame:
    """Return the bundled SCB RAMS 2018 employment: county_code, industry, employed (15 SCB groups).

    >>> frame = rams_employment()
    >>> len(frame), int(frame.employed.sum())
    (315, 4920748)
    """
    frame = load_dataset("scb_rams_2018").table.frame
    return pd.DataFrame(
        {
            "county_code": frame.region,
            "industry": frame.industry,
            "employed": frame.value.astype(int),
        }
    )


def _wide(employment: pd.DataFrame) -> pd.DataFrame:
    missing = {"county_code", "industry", "employed"} - set(employment.columns)
    if missing:
        raise InputError(f"employment table lacks columns: {', '.join(sorted(missing))}")
    return employment.pivot_table(
        index="county_code", columns="industry", values="employed", aggfunc="sum", fill_value=0
    )


def location_quotients(employment: pd.DataFrame) -> pd.DataFrame:
    """Return the region × industry location quotients LQ_ri = (e_ri / e_r) / (E_i / E).

    >>> emp = pd.DataFrame({"county_code": ["a", "a", "b", "b"], "industry": ["x", "y", "x", "y"],
    ...                     "employed": [30, 70, 10, 90]})
    >>> round(float(location_quotients(emp).loc["a", "x"]), 6)
    1.5
    """
    return engine_location_quotients(_wide(employment).astype(float))


def national_shares(employment: pd.DataFrame) -> pd.Series:
    """Return each industry's national share E_i / E (the weights that combine LQs of codes)."""
    totals = _wide(employment).sum(axis=0).astype(float)
    return totals / totals.sum()


def theme_industry_map(industry_codes: list[str], taxonomy: Taxonomy | None = None) -> pd.DataFrame:
    """Return which of the data's codes measure each theme: theme, measured_codes, evidence, note.

    >>> codes = ["A", "B+C", "D+E", "F", "I", "L", "M+N"]
    >>> table = theme_industry_map(codes).set_index("theme")
    >>> table.loc["energy_cleantech", ["measured_codes", "evidence"]].tolist()
    ['D+E', 'partial']
    >>> table.loc["cities_construction", ["measured_codes", "evidence"]].tolist()
    ['F; L', 'partial']
    >>> table.loc["forest_bioeconomy", ["measured_codes", "evidence"]].tolist()
    ['A; B+C', 'coarse']
    """
    taxonomy = taxonomy or load_taxonomy()
    code_divs = {code: divisions_of(code) for code in industry_codes}
    rows = []
    for theme in taxonomy.themes:
        wanted = frozenset(theme.divisions)
        inside = [c for c, d in code_divs.items() if d and d <= wanted]
        overlapping = [c for c, d in code_divs.items() if d & wanted]
        covered = frozenset().union(*(code_divs[c] for c in inside)) if inside else frozenset()
        if not wanted:
            evidence, used, note = "none", [], "not an industry"
        elif inside:
            used, left = inside, sorted(wanted - covered)
            evidence = "exact" if not left else "partial"
            wider = [c for c in overlapping if c not in inside]
            note = (
                f"divisions {', '.join(left)} are inside coarser codes ({', '.join(wider)}) "
                "and not measured"
                if left
                else ""
            )
        elif overlapping:
            used, evidence = overlapping, "coarse"
            note = "; ".join(
                f"{c} covers {len(code_divs[c])} divisions, "
                f"{len(code_divs[c] & wanted)} in the theme"
                for c in overlapping
            )
        else:
            evidence, used, note = "none", [], "no industry code of the data covers the theme"
        rows.append(
            {
                "theme": theme.id,
                "measured_codes": "; ".join(used),
                "evidence": evidence,
                "note": note,
            }
        )
    return pd.DataFrame(rows, columns=["theme", "measured_codes", "evidence", "note"])


def theme_strength(
    lq: pd.DataFrame, weights: pd.Series | None = None, taxonomy: Taxonomy | None = None
) -> pd.DataFrame:
    """Return the region × theme LQ: the share-weighted mean LQ of each theme's measured codes.

    *weights* are the national shares E_i / E (:func:`national_shares`); with
    them the result is exactly the LQ of the codes' union. Without them codes
    weigh equally. Themes with no code (or horizontal) are NaN.

    >>> emp = rams_employment()
    >>> strength = theme_strength(location_quotients(emp), national_shares(emp))
    >>> round(float(strength.loc["25", "energy_cleantech"]), 2)
    1.36
    >>> bool(strength["horizontal"].isna().all())
    True
    """
    mapping = theme_industry_map([str(c) for c in lq.columns], taxonomy)
    out = pd.DataFrame(index=lq.index)
    for row in mapping.itertuples():
        codes = [c for c in str(row.measured_codes).split("; ") if c]
        if not codes:
            out[row.theme] = np.nan
            continue
        w = (
            weights.reindex(codes).fillna(0.0)
            if weights is not None
            else pd.Series(1.0, index=codes)
        )
        out[row.theme] = lq[codes].mul(w, axis=1).sum(axis=1) / w.sum()
    out.columns.name = "theme"
    return out


def measured_strength(
    employment: pd.DataFrame | None = None, taxonomy: Taxonomy | None = None
) -> pd.DataFrame:
    """Return region × theme LQs only where the data measure the theme (exact or partial evidence).

    Coarse and unmeasured themes are NaN, so nobody reads a ``B+C`` LQ as a
    strength in textiles. Defaults to the bundled RAMS 2018 employment; this is
    the ``measured`` table :func:`s3atlas.priorities.partners.partners` takes.

    >>> strength = measured_strength()
    >>> bool(strength["textiles"].isna().all())
    True
    >>> round(float(strength.loc["13", "energy_cleantech"]), 2)
    2.06
    """
    employment = rams_employment() if employment is None else employment
    lq = location_quotients(employment)
    mapping = theme_industry_map([str(c) for c in lq.columns], taxonomy)
    strength = theme_strength(lq, national_shares(employment), taxonomy)
    usable = mapping[mapping.evidence.isin(["exact", "partial"])].theme
    return strength.where(strength.columns.isin(usable)[None, :].repeat(len(strength), axis=0))


def _status(declared: bool, lq: float, evidence: str, threshold: float) -> str:
    if evidence == "none":
        return "not_measured"
    if evidence == "coarse":
        return "coarse_data"
    if declared:
        return "supported" if lq >= threshold else "not_supported"
    return "undeclared_strength" if lq >= threshold else ""


def priority_fit(
    classified: pd.DataFrame,
    lq: pd.DataFrame,
    weights: pd.Series | None = None,
    *,
    threshold: float = 1.0,
    taxonomy: Taxonomy | None = None,
) -> pd.DataFrame:
    """Return declared versus measured per region and theme (see :data:`FIT_COLUMNS`).

    Rows: every declared theme of every region, and every measured strength
    (LQ ≥ *threshold* on exact or partial evidence) nobody declared.

    Examples
    --------
    >>> from s3atlas.priorities.classify import classify_priorities
    >>> from s3atlas.seeddata import declared_priorities
    >>> emp = rams_employment()
    >>> fit = priority_fit(classify_priorities(declared_priorities()), location_quotients(emp),
    ...                    national_shares(emp))
    >>> fit.set_index(["county_code", "theme"]).loc[("09", "visitor_economy"), "status"]
    'supported'
    """
    taxonomy = taxonomy or load_taxonomy()
    strength = theme_strength(lq, weights, taxonomy)
    mapping = theme_industry_map([str(c) for c in lq.columns], taxonomy).set_index("theme")
    declared = classified[~classified.theme.isin([UNCLASSIFIED])]
    declared_pairs = set(zip(declared.county_code, declared.theme, strict=True))
    values: dict[str, dict[str, float]] = strength.to_dict("index")  # type: ignore[assignment]
    rows = []
    for code in sorted(set(strength.index) | {c for c, _ in declared_pairs}):
        for theme in taxonomy.themes:
            is_declared = (code, theme.id) in declared_pairs
            value = float(values.get(code, {}).get(theme.id, np.nan))
            evidence = str(mapping.at[theme.id, "evidence"])
            status = (
                "not_an_industry"
                if theme.id == HORIZONTAL
                else _status(is_declared, value, evidence, threshold)
            )
            if is_declared or status == "undeclared_strength":
                rows.append(
                    {
                        "county_code": code,
                        "theme": theme.id,
                        "declared": is_declared,
                        "lq": None if np.isnan(value) else round(value, 3),
                        "evidence": evidence,
                        "measured_codes": mapping.at[theme.id, "measured_codes"],
                        "status": status,
                        "note": mapping.at[theme.id, "note"],
                    }
                )
    return pd.DataFrame(rows, columns=FIT_COLUMNS)

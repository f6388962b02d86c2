"""Strength areas (*styrkeområden*): named groups of industries evaluated at the data's granularity.

An area lists SNI 2007 divisions (Västerbotten's *Skoglig bioekonomi*: 02,
16, 17, …). A table holds its own industry codes (RAMS: 15 SCB groups such
as ``B+C``). Every area division is matched against the table's codes:

* **exact**: the code lies wholly inside the area (``I`` = 55–56 inside
  *Besöksnäring*): its numbers belong to the area;
* **coarser**: the code is wider than the area (division 16 lies inside
  ``B+C``): the area's share of that code is unknown. The area is then not
  scored and the result says which divisions sit in which wider codes,
  rather than guessing a split.

An area is scored only when exact codes cover all its divisions
(``status="exact"``); otherwise ``status`` is ``partial`` (some divisions
exact) or ``coarser`` (none), and ``note`` explains. For tables with another
industry scheme (e.g. ``cmp_cluster``) areas list the table's codes directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from s3atlas.analysis._validate import as_matrix
from s3atlas.analysis.composite import composite_scores
from s3atlas.classifications import divisions_of
from s3atlas.errors import ClassificationError, InputError
from s3atlas.i18n import gettext

__all__ = ["AreaCoverage", "area_coverage", "evaluate_areas", "seed_areas"]


class AreaCoverage(dict[str, Any]):
    """How an area's divisions map to a table's codes: exact, coarser (code → divisions),
    missing."""


def _divisions(code: str, scheme: str) -> frozenset[str]:
    if scheme != "sni2007":
        return frozenset([code])
    try:
        return divisions_of(code)
    except ClassificationError:
        return frozenset()


def area_coverage(
    members: Iterable[str], codes: Iterable[str], scheme: str = "sni2007"
) -> AreaCoverage:
    """Return which table codes lie inside the area, which are coarser, and which divisions are
    absent.

    >>> cov = area_coverage(["55", "56", "79"], ["I", "M+N", "TOTAL"])
    >>> cov["exact"], cov["coarser"], cov["missing"]
    (['I'], {'M+N': ['79']}, [])
    """
    wanted = frozenset(d for m in members for d in _divisions(str(m), scheme))
    exact: list[str] = []
    coarser: dict[str, list[str]] = {}
    seen: set[str] = set()
    for code in codes:
        divs = _divisions(str(code), scheme)
        if not divs or str(code) == "TOTAL" or not divs & wanted:
            continue
        if divs <= wanted:
            exact.append(str(code))
        else:
            coarser[str(code)] = sorted(divs & wanted)
        seen |= divs & wanted
    return AreaCoverage(
        exact=exact, coarser=coarser, missing=sorted(wanted - seen), divisions=sorted(wanted)
    )


def _status(cov: AreaCoverage) -> str:
    covered = {d for c in cov["exact"] for d in _divisions(c, "sni2007")} if cov["exact"] else set()
    if cov["exact"] and not cov["coarser"] and not cov["missing"]:
        return "exact"
    if not cov["exact"] and not cov["coarser"]:
        return "absent"
    return "partial" if covered else "coarser"


def _note(cov: AreaCoverage, status: str, lang: str | None) -> str:
    if status == "exact":
        return gettext("measured exactly by {codes}", lang, codes=", ".join(cov["exact"]))
    parts = [
        gettext(
            "division {divisions} lies inside {code} in this data",
            lang,
            divisions=", ".join(divs),
            code=code,
        )
        for code, divs in cov["coarser"].items()
    ]
    if cov["missing"]:
        parts.append(
            gettext("not in the data: {divisions}", lang, divisions=", ".join(cov["missing"]))
        )
    parts.append(gettext("finer data are needed to measure this area", lang))
    return "; ".join(parts)


def evaluate_areas(
    end: pd.DataFrame,
    areas: Mapping[str, Iterable[str]],
    *,
    start: pd.DataFrame | None = None,
    weights: dict[str, float] | None = None,
    scheme: str = "sni2007",
    lang: str | None = None,
) -> pd.DataFrame:
    """Score each strength area as one group of industries, for every region (long table).

    The area's value is the sum of its exact codes; LQ, size, focus, growth
    and score are computed against the table's own industries (the areas
    never enter the totals). Areas that are not exact get NaN numbers, a
    ``status`` and a ``note`` that says why.

    Examples
    --------
    >>> m = pd.DataFrame({"I": [10, 30], "M+N": [90, 70]}, index=["r1", "r2"])
    >>> out = evaluate_areas(m, {"Hotels": ["55", "56"], "Travel": ["55", "56", "79"]})
    >>> out.query("region == 'r1'")[["area", "status", "lq"]].values.tolist()
    [['Hotels', 'exact', 0.5], ['Travel', 'partial', nan]]
    """
    m = as_matrix(end, "end")
    if not areas:
        raise InputError("no strength areas given", column="areas")
    industries = [str(c) for c in m.columns if str(c) != "TOTAL"]
    covs = {name: area_coverage(members, industries, scheme) for name, members in areas.items()}
    status = {name: _status(cov) for name, cov in covs.items()}
    measurable = [name for name in areas if status[name] == "exact"]
    scored = _scored(m, start, industries, {n: covs[n]["exact"] for n in measurable}, weights)
    rows = []
    for region in m.index.astype(str):
        for name in areas:
            base = {
                "region": region,
                "area": name,
                "status": status[name],
                "divisions": ", ".join(covs[name]["divisions"]),
                "codes": ", ".join(covs[name]["exact"]),
                "note": _note(covs[name], status[name], lang),
            }
            rows.append({**base, **scored.get((region, name), {})})
    out = pd.DataFrame(rows)
    for column in ("value", "lq", "size", "focus", "score"):
        if column not in out:
            out[column] = np.nan
    return out


def _scored(
    m: pd.DataFrame,
    start: pd.DataFrame | None,
    industries: list[str],
    groups: dict[str, list[str]],
    weights: dict[str, float] | None,
) -> dict[tuple[str, str], dict]:
    if not groups:
        return {}

    def widen(frame: pd.DataFrame) -> pd.DataFrame:
        extra = pd.DataFrame(
            {f"area:{n}": frame[codes].sum(axis=1, min_count=1) for n, codes in groups.items()}
        )
        return pd.concat([frame[industries], extra], axis=1)

    wide_start = (
        widen(as_matrix(start, "start").reindex(index=m.index, columns=m.columns))
        if start is not None
        else None
    )
    scores = composite_scores(widen(m), wide_start, weights, denominator=industries)
    scores = scores[scores.industry.str.startswith("area:")]
    keep = [c for c in scores.columns if c not in ("region", "industry")]
    return {
        (row["region"], row["industry"][5:]): {k: row[k] for k in keep}
        for row in scores.to_dict("records")
    }


def seed_areas() -> dict[str, list[str]]:
    """Return Västerbotten's nine seed strength areas as name → SNI divisions.

    >>> seed_areas()["Life Science"]
    ['21']
    """
    from s3atlas.seeddata import vasterbotten_strength_areas

    return {
        area["name"]: [str(d) for d in area["sni"]]
        for area in vasterbotten_strength_areas()["strength_areas"]
    }

"""Strength areas (*styrkeområden*): named groups of industries evaluated at the data's granularity.

An area lists SNI 2007 divisions (Västerbotten's *Skoglig bioekonomi*: 02,
16, 17, …). A table holds its own industry codes (RAMS: 15 SCB groups such
as ``B+C``; Eurostat SBS: divisions). Every area division is matched against
the table's codes:

* **exact**: the code lies wholly inside the area (``I`` = 55–56 inside
  *Besöksnäring*): its numbers belong to the area;
* **coarser**: the code is wider than the area (division 16 lies inside
  ``B+C``): the area's share of that code is unknown. The area is then not
  scored and the result says which divisions sit in which wider codes,
  rather than guessing a split;
* **missing**: no code of the table touches the division (SBS has no
  section A, so no division 02): the data do not cover it at all.

``status`` per area and region:

* ``exact``: exact codes cover every division; scored;
* ``partly_covered``: exact codes cover some divisions and the others are
  outside the data's coverage; scored on the covered part, and the note says
  which divisions are left out;
* ``partial`` (some exact, some inside wider codes), ``coarser`` (only
  wider codes) and ``absent`` (nothing): not scored;
* ``undetermined``: the area would be scored, but a cell of the region in
  the area is suppressed or missing. The region's value is unknown, not a
  smaller sum; the note names the cells.

``covered`` counts the area's divisions that lie in exact codes, out of
``n_divisions``. A scored area is compared only among the regions whose area cells are all
published, so an area's benchmark total and the regions compared agree; the
number of regions compared is in ``regions``. For tables with another
industry scheme (e.g. ``cmp_cluster``) areas list the table's codes directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from s3atlas.analysis._validate import as_matrix
from s3atlas.analysis.composite import composite_scores
from s3atlas.classifications import divisions_of, parent_code
from s3atlas.errors import ClassificationError, InputError
from s3atlas.i18n import gettext

__all__ = ["SCORED", "AreaCoverage", "area_coverage", "evaluate_areas", "seed_areas"]


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


#: Statuses of areas that get a score.
SCORED = ("exact", "partly_covered")


def _status(cov: AreaCoverage) -> str:
    if cov["coarser"]:
        return "partial" if cov["exact"] else "coarser"
    if not cov["exact"]:
        return "absent"
    return "partly_covered" if cov["missing"] else "exact"


def _missing_text(divisions: list[str], scheme: str, lang: str | None) -> str:
    if scheme != "sni2007":
        return ", ".join(divisions)
    return ", ".join(
        gettext(
            "{division} (section {section})", lang, division=d, section=parent_code(d, "section")
        )
        for d in divisions
    )


def _note(cov: AreaCoverage, status: str, scheme: str, lang: str | None) -> str:
    if status == "exact":
        return gettext("measured exactly by {codes}", lang, codes=", ".join(cov["exact"]))
    if status == "partly_covered":
        return gettext(
            "scored on {covered} of {total} divisions; outside the data's coverage: {missing}",
            lang,
            covered=len(cov["divisions"]) - len(cov["missing"]),
            total=len(cov["divisions"]),
            missing=_missing_text(cov["missing"], scheme, lang),
        )
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


def _undetermined(region: str, codes: list[str], lang: str | None) -> str:
    return gettext(
        "cannot be determined for {region}: the cells of {codes} are suppressed or missing",
        lang,
        region=region,
        codes=", ".join(codes),
    )


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

    The area's value is the sum of its exact codes; LQ, size and score (see
    :func:`~s3atlas.analysis.composite.composite_scores`) are computed against
    the table's own industries (the areas never enter the totals), among the
    regions whose area cells are all published (``regions``; ``lq_rank`` is
    the region's place among them). Areas that are not scored get NaN
    numbers, a ``status`` and a ``note`` that says why.

    Examples
    --------
    >>> m = pd.DataFrame({"I": [10, 30], "M+N": [90, 70]}, index=["r1", "r2"])
    >>> out = evaluate_areas(m, {"Hotels": ["55", "56"], "Travel": ["55", "56", "79"]})
    >>> out.query("region == 'r1'")[["area", "status", "lq"]].values.tolist()
    [['Hotels', 'exact', 0.5], ['Travel', 'partial', nan]]
    """
    m = _labelled(as_matrix(end, "end"))
    if not areas:
        raise InputError(gettext("no strength areas given"), column="areas")
    industries = [c for c in m.columns if c != "TOTAL"]
    frames = []
    for name, members in areas.items():
        cov = area_coverage(members, industries, scheme)
        status = _status(cov)
        scored = _scored(m, start, industries, cov["exact"], weights) if status in SCORED else None
        frames.append(_area_rows(m, name, cov, status, _note(cov, status, scheme, lang), lang))
        if scored is not None:
            frames[-1] = frames[-1].join(scored, on="region")
    out = pd.concat(frames, ignore_index=True)
    for column in _NUMBERS:
        if column not in out:
            out[column] = np.nan
    order = np.argsort(pd.Categorical(out.region, categories=m.index).codes, kind="stable")
    out = out.iloc[order].reset_index(drop=True)
    return out.astype({"regions": "Int64", "lq_rank": "Int64"})


_NUMBERS = ("value", "lq", "size", "score", "regions", "lq_rank")


def _measured(cov: AreaCoverage) -> int:
    """Return how many of the area's divisions lie in table codes inside the area."""
    inside_wider = sum(len(divs) for divs in cov["coarser"].values())
    return len(cov["divisions"]) - len(cov["missing"]) - inside_wider


def _labelled(m: pd.DataFrame) -> pd.DataFrame:
    """Return *m* with text region and industry labels (a table's codes are text)."""
    return m.set_axis(m.index.astype(str), axis=0).set_axis(m.columns.astype(str), axis=1)


def _area_rows(
    m: pd.DataFrame, name: str, cov: AreaCoverage, status: str, note: str, lang: str | None
) -> pd.DataFrame:
    """Return the area's row per region; regions with a blank area cell are undetermined."""
    statuses, notes = [status] * len(m), [note] * len(m)
    if status in SCORED:
        blank = m[cov["exact"]].isna().to_numpy()
        for i in np.flatnonzero(blank.any(axis=1)).tolist():
            codes = [c for c, b in zip(cov["exact"], blank[i], strict=True) if b]
            statuses[i] = "undetermined"
            notes[i] = f"{note}; {_undetermined(str(m.index[i]), codes, lang)}"
    return pd.DataFrame(
        {
            "region": m.index,
            "area": name,
            "divisions": ", ".join(cov["divisions"]),
            "n_divisions": len(cov["divisions"]),
            "covered": _measured(cov),
            "codes": ", ".join(cov["exact"]),
            "status": statuses,
            "note": notes,
        }
    )


# While an area is scored the table becomes two columns that add up to each region's total:
# the area and the rest. LQ, size and their ranks of the area are then those it would have
# next to every industry, at a fraction of the work. Neither name is ever an industry code.
_AREA, _REST = "<area>", "<rest>"


def _scored(
    m: pd.DataFrame,
    start: pd.DataFrame | None,
    industries: list[str],
    codes: list[str],
    weights: dict[str, float] | None,
) -> pd.DataFrame | None:
    complete = m.index[m[codes].notna().all(axis=1)]
    if complete.empty:
        return None

    def widen(frame: pd.DataFrame) -> pd.DataFrame:
        area = frame[codes].sum(axis=1)
        rest = (frame[industries].sum(axis=1) - area).clip(lower=0)
        return pd.DataFrame({_AREA: area, _REST: rest})

    wide_start = None
    if start is not None:
        wide_start = widen(
            _labelled(as_matrix(start, "start")).reindex(index=complete, columns=m.columns)
        )
    scores = composite_scores(
        widen(m.loc[complete]), wide_start, weights, denominator=[_AREA, _REST]
    )
    scores = scores[scores.industry == _AREA].set_index("region")
    return scores[["value", "lq", "size", "score"]].assign(
        regions=int(scores.lq.notna().sum()),
        lq_rank=scores.lq.rank(ascending=False, method="min"),
    )


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

"""Employment and specialisation in each declared priority's industries, year by year.

A priority's industries are its SNI divisions (:func:`s3atlas.analysis.fit.declared_divisions`,
the one priority-fit method). They are matched to the employment data's codes
with :func:`s3atlas.analysis.strengthareas.area_coverage`; where a division
lies only inside a wider group (SCB RAMS's ``B+C`` holds all of manufacturing),
the wider group is measured and the note says so. The location quotient of
the codes together is :func:`s3atlas.analysis.fit.group_lq`:
LQ = (Σ e_ri / e_r) / (Σ E_i / E).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

import pandas as pd

from s3atlas.analysis.fit import declared_divisions, group_lq
from s3atlas.analysis.profile import analysis_frames
from s3atlas.analysis.strengthareas import area_coverage
from s3atlas.i18n import gettext
from s3atlas.monitoring.catalogue import Indicator
from s3atlas.monitoring.context import VALUE_COLUMNS
from s3atlas.stats import DEFAULT_DATASET, load_dataset

__all__ = ["priority_codes", "priority_indicators", "priority_values", "region_priorities"]


def priority_codes(priority: str) -> tuple[str, str]:
    """Return the indicator codes of a priority (employment, LQ), made from its text so that a
    target set on them stays with the priority when a new list version reorders it.

    >>> priority_codes("Hälsa & välfärd")
    ('priority_halsa_valfard_employed', 'priority_halsa_valfard_lq')
    """
    folded = unicodedata.normalize("NFKD", priority.casefold())
    slug = re.sub(r"[^a-z0-9]+", "_", folded.encode("ascii", "ignore").decode()).strip("_")
    slug = slug[:48].rstrip("_") or "x"
    return f"priority_{slug}_employed", f"priority_{slug}_lq"


def region_priorities(county: str, store: Any = None) -> pd.DataFrame:
    """Return the county's current declared priorities with their SNI divisions, in order."""
    from s3atlas.priorities.classify import classify_priorities
    from s3atlas.priorities.versions import current_priorities

    current = current_priorities(store)
    current = current[current.county_code == county]
    declared = declared_divisions(classify_priorities(current))
    version = int(current.version.max()) if len(current) else 0
    source = str(current.source.iloc[0]) if len(current) else ""
    return declared.assign(version=version, source=source).reset_index(drop=True)


def _codes(sni: list[str], industries: list[str], scheme: str) -> tuple[list[str], str]:
    cov = area_coverage(sni, industries, scheme)
    codes = cov["exact"] + list(cov["coarser"])
    # the note names the wider group measured in place of the priority's own divisions
    return codes, " + ".join(codes) if cov["coarser"] else ""


def _slug(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def priority_indicators(priorities: pd.DataFrame) -> list[Indicator]:
    """Return the two context indicators (employment, LQ) of each priority with industries."""
    out = []
    for item in priorities.to_dict("records"):
        if item["kind"] == "horizontal" or not item["sni"]:
            continue
        employed, lq = priority_codes(str(item["priority"]))
        name = _slug(str(item["priority"]))
        divisions = ", ".join(item["sni"])
        source = f"SCB RAMS ({DEFAULT_DATASET})"
        out.append(
            Indicator(
                employed,
                "context",
                source=source,
                goal=name,
                name_sv=gettext("Employed in the priority's industries: {name}", "sv", name=name),
                name_en=gettext("Employed in the priority's industries: {name}", "en", name=name),
                unit="persons",
                definition=f"Employed persons (county of work) in SNI {divisions}.",
                statistic=f"{DEFAULT_DATASET}: employed, SNI {divisions}",
            )
        )
        out.append(
            Indicator(
                lq,
                "context",
                source=source,
                goal=name,
                name_sv=gettext(
                    "Specialisation (LQ) in the priority's industries: {name}", "sv", name=name
                ),
                name_en=gettext(
                    "Specialisation (LQ) in the priority's industries: {name}", "en", name=name
                ),
                unit="LQ",
                definition=f"Location quotient of SNI {divisions} together against Sweden.",
                statistic=f"{DEFAULT_DATASET}: employed, SNI {divisions}, LQ",
            )
        )
    return out


@cache
def _ends(dataset: str) -> dict[int, pd.DataFrame]:
    """Employment matrices (regions × industries) of a bundled dataset by year, read once."""
    data = load_dataset(dataset)
    return {year: analysis_frames(data, year, "employed")["end"] for year in data.table.years}


def priority_values(
    county: str, priorities: pd.DataFrame, dataset: str = DEFAULT_DATASET
) -> pd.DataFrame:
    """Return employment and LQ in each priority's industries for every year of *dataset*."""
    scheme = load_dataset(dataset).table.industry_scheme
    rows = []
    for year, end in _ends(dataset).items():
        industries = [str(c) for c in end.columns]
        for item in priorities.to_dict("records"):
            if item["kind"] == "horizontal" or not item["sni"]:
                continue
            codes, note = _codes(item["sni"], industries, scheme)
            if not codes:
                continue
            employed, lq = priority_codes(str(item["priority"]))
            value = float(end.loc[county, codes].to_numpy(dtype=float).sum())  # NaN where a cell is
            base = {"region": county, "year": year, "source": "SCB, RAMS", "note": note}
            rows.append({**base, "indicator": employed, "value": value})
            rows.append({**base, "indicator": lq, "value": group_lq(end, codes, county)})
    frame = pd.DataFrame(rows, columns=VALUE_COLUMNS)
    frame["flag"] = "ok"
    frame["retrieved"] = ""
    return frame

"""Priority fit: a region's declared S3 priorities set against what the statistics show.

Each declared priority maps to SNI 2007 divisions (an editable data file,
``data/analysis/priority_industries.yaml``). The priority is measured as one
group at the data's granularity (:mod:`s3atlas.analysis.strengthareas`):

==================  ==========================================================
supported           measured exactly and group LQ ≥ ``supported_lq`` (1.25)
weakly_supported    measured exactly and 1 ≤ LQ < 1.25, or only through wider
                    codes whose LQ ≥ 1 (finer data could still disagree)
unsupported         measured exactly and LQ < 1
undetermined        only wider codes with LQ < 1, or not in the data: the
                    data cannot tell
not_testable        a horizontal or process priority that no industry measures
undeclared_strength an industry of the data that is specialised (LQ ≥ 1) and
                    passes the CMP strong test, and that no priority covers
==================  ==========================================================

LQ 1.25 as the line of clear specialisation is a common convention in
regional analysis (e.g. Miller, Gibson & Wright 1991, *Location quotient: a
basic tool for economic development analysis*); change it with
``supported_lq``.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import numpy as np
import pandas as pd
import yaml

from s3atlas.analysis.profile import analysis_frames, resolve_region
from s3atlas.analysis.strengthareas import area_coverage
from s3atlas.analysis.strongclusters import strong_clusters
from s3atlas.errors import InputError
from s3atlas.i18n import current_language, format_number, gettext

__all__ = ["FIT_STATUSES", "priority_fit", "priority_industries"]

FIT_STATUSES = (
    "supported",
    "weakly_supported",
    "unsupported",
    "undetermined",
    "not_testable",
    "undeclared_strength",
)


@cache
def _bundled_mapping() -> tuple[dict[str, Any], ...]:
    path = files("s3atlas.data").joinpath("analysis/priority_industries.yaml")
    with path.open(encoding="utf-8") as handle:
        return tuple(yaml.safe_load(handle)["priorities"])


def priority_industries(region: str | None = None) -> pd.DataFrame:
    """Return the priority → SNI divisions mapping: region, priority, kind, sni (list), note.

    >>> frame = priority_industries()
    >>> len(frame), frame.loc[frame.priority == "Life Science", "sni"].item()
    (80, ['21', '72'])
    """
    rows = [
        {
            "region": str(p["region"]),
            "priority": p["priority"],
            "kind": p.get("kind", "industry"),
            "sni": [str(s) for s in p.get("sni", [])],
            "note": p.get("note", ""),
        }
        for p in _bundled_mapping()
    ]
    frame = pd.DataFrame(rows)
    return (
        frame[frame.region == str(region)].reset_index(drop=True) if region is not None else frame
    )


def _position(index: pd.Index, label: str) -> int:
    """Return the position of *label* in *index* (KeyError if absent, like ``get_loc``)."""
    position = index.get_loc(label)
    if not isinstance(position, int):  # a slice or mask: the label is repeated
        raise InputError(f"{label!r} appears more than once in the data", value=label)
    return position


def _group_lq(end: pd.DataFrame, codes: list[str], region: str) -> float:
    values = end.to_numpy(dtype=float)
    cols = [_position(end.columns, c) for c in codes]
    row = _position(end.index, region)
    region_total, nation_total = np.nansum(values[row]), np.nansum(values)
    group, nation_group = np.nansum(values[row, cols]), np.nansum(values[:, cols])
    if region_total == 0 or nation_group == 0:
        return float("nan")
    return float((group / region_total) / (nation_group / nation_total))


def _judge(
    cov: dict[str, Any], end: pd.DataFrame, region: str, supported_lq: float, lang: str
) -> dict[str, Any]:
    wider = list(cov["coarser"])
    if cov["exact"] and not wider and not cov["missing"]:
        lq = _group_lq(end, cov["exact"], region)
        status = (
            "supported" if lq >= supported_lq else "weakly_supported" if lq >= 1 else "unsupported"
        )
        note = gettext(
            "measured by {codes}: LQ {lq}",
            lang,
            codes=", ".join(cov["exact"]),
            lq=format_number(lq, 2, lang=lang),
        )
        return {
            "status": status,
            "lq": lq,
            "resolution": "exact",
            "codes": ", ".join(cov["exact"]),
            "note": note,
        }
    codes = cov["exact"] + wider
    if not codes:
        return {
            "status": "undetermined",
            "lq": np.nan,
            "resolution": "absent",
            "codes": "",
            "note": gettext("none of its industries are in the data", lang),
        }
    lq = _group_lq(end, codes, region)
    note = gettext(
        "only measurable through wider codes {codes} (LQ {lq}); finer data are needed",
        lang,
        codes=", ".join(codes),
        lq=format_number(lq, 2, lang=lang),
    )
    return {
        "status": "weakly_supported" if lq >= 1 else "undetermined",
        "lq": lq,
        "resolution": "coarser",
        "codes": ", ".join(codes),
        "note": note,
    }


def priority_fit(
    dataset: Any,
    region: str,
    *,
    year: int | None = None,
    measure: str | None = None,
    mapping: pd.DataFrame | None = None,
    supported_lq: float = 1.25,
    lang: str | None = None,
) -> pd.DataFrame:
    """Return one row per declared priority of *region* (and per undeclared strength) with its
    status.

    Columns: priority, status, lq, resolution, codes, divisions, note.

    Examples
    --------
    >>> from s3atlas.stats import load_dataset
    >>> fit = priority_fit(load_dataset("scb_rams_2018"), "24", lang="en")
    >>> fit.set_index("priority").loc["Hälsa och sjukvård", "status"]
    'weakly_supported'
    """
    lang = lang or current_language()
    if supported_lq < 1:
        raise InputError(
            "supported_lq must be at least 1", column="supported_lq", value=supported_lq
        )
    frames = analysis_frames(dataset, year, measure)
    table, end = frames["table"], frames["end"]
    code = resolve_region(table, region)
    county = str(region) if table.region_scheme != "county" else code
    declared = (
        mapping
        if mapping is not None
        else priority_industries(county if len(county) == 2 else code)
    )
    industries = [str(c) for c in end.columns]
    rows, covered = [], set()
    for item in declared.to_dict("records"):
        base = {"priority": item["priority"], "divisions": ", ".join(item["sni"])}
        if item.get("kind") == "horizontal" or not item["sni"]:
            rows.append(
                {
                    **base,
                    "status": "not_testable",
                    "lq": np.nan,
                    "resolution": "",
                    "codes": "",
                    "note": gettext("a horizontal priority: no industry measures it", lang),
                }
            )
            continue
        cov = area_coverage(item["sni"], industries, table.industry_scheme)
        covered |= set(cov["exact"]) | set(cov["coarser"])
        rows.append({**base, **_judge(cov, end, code, supported_lq, lang)})
    rows += _undeclared(end, code, covered, lang)
    return pd.DataFrame(
        rows, columns=["priority", "status", "lq", "resolution", "codes", "divisions", "note"]
    )


def _undeclared(
    end: pd.DataFrame, region: str, covered: set[str], lang: str
) -> list[dict[str, Any]]:
    if end.shape[0] < 2:
        return []
    tests = strong_clusters(end)
    mine = tests[(tests.region == region) & (tests.strong == True)]  # noqa: E712 (object column with NaN)
    return [
        {
            "priority": "",
            "status": "undeclared_strength",
            "lq": row["lq"],
            "resolution": "exact",
            "codes": row["industry"],
            "divisions": "",
            "note": gettext(
                "{code} is a strong industry that no priority covers", lang, code=row["industry"]
            ),
        }
        for row in mine.to_dict("records")
        if row["industry"] not in covered
    ]

"""Priority fit: a region's declared S3 priorities set against what the statistics show.

This is the one method the command line, the region page, the priorities page,
the API and the downloads use.

Each declared priority is a set of SNI 2007 divisions
(:func:`declared_divisions`): the reviewed list in
``data/analysis/priority_industries.yaml`` for the bundled 2018 priorities, and
for any other priority the divisions of the themes it is classified into
(:mod:`s3atlas.priorities.classify`). The divisions are matched against the
data's own codes by :func:`s3atlas.analysis.strengthareas.area_coverage`:

==================  ==========================================================
supported           measured, and the LQ of the measured codes ≥ 1
not_supported       measured, and that LQ < 1
undetermined        some divisions lie only inside wider codes (``B+C`` holds
                    29 divisions), or a cell is suppressed: the data cannot
                    decide in either direction; the note gives the wider
                    codes' LQ and says which data would decide
not_measured        none of its divisions is in the data
not_testable        a horizontal or process priority that no industry measures
undeclared_strength a traded industry of the data with LQ ≥ 1 that passes the
                    CMP strong-cluster test and that no priority touches
==================  ==========================================================

Where the data cannot decide because its codes are too wide (SCB's RAMS groups), the
finer data the project has decide instead (:data:`FINER_DATASET`, Eurostat SBS 2015:
employment by NUTS 2 region and SNI division): the priority is measured for the county's
NUTS 2 region against the Swedish NUTS 2 regions, within the business economy SBS covers,
and the ``basis`` column and the note say so (SE33 Övre Norrland holds Västerbotten and
Norrbotten). Because SBS leaves confidential cells blank, a verdict is taken from it only
when no Swedish region's cell of the priority is blank and the LQ is more than
:data:`FINER_MARGIN` from 1. A priority in sections SBS lacks (A, K, O–U) stays
undetermined.

*Measured* means every division of the priority that the data holds at all is
held in codes that lie wholly inside the priority (``resolution`` ``exact``),
or some divisions are simply outside the data's coverage (``incomplete``; the
note names them). LQ ≥ 1 is the threshold of specialisation of Balassa (1965)
and of the US Cluster Mapping Project, the same line as the ``specialised``
class of a strength ranking. The LQ of several codes is the LQ of their union,
LQ_r = (Σ_i e_ri / e_r) / (Σ_i E_i / E).
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import numpy as np
import pandas as pd
import yaml

from s3atlas.analysis.composite import lq_text
from s3atlas.analysis.profile import analysis_frames, resolve_region
from s3atlas.analysis.sectors import sector_class
from s3atlas.analysis.strengthareas import AreaCoverage, area_coverage
from s3atlas.analysis.strongclusters import strong_clusters
from s3atlas.i18n import gettext

__all__ = [
    "FIT_COLUMNS",
    "FIT_STATUSES",
    "declared_divisions",
    "group_lq",
    "national_fit",
    "priority_fit",
    "priority_industries",
]

FIT_STATUSES = (
    "supported",
    "not_supported",
    "undetermined",
    "not_measured",
    "not_testable",
    "undeclared_strength",
)
#: The columns of :func:`priority_fit` and :func:`national_fit`.
FIT_COLUMNS = [
    "county_code",
    "priority",
    "themes",
    "status",
    "basis",
    "lq",
    "resolution",
    "codes",
    "divisions",
    "wider_codes",
    "wider_lq",
    "note",
]


#: The finer data that decide what the default data's wide groups cannot.
FINER_DATASET = "eurostat_sbs_2015"
#: SBS leaves confidential cells blank, so its totals are the sums of the published cells and
#: can fall short by several per cent (SE33: 135 059 published against 143 879 in its section
#: rows, 6 %). A verdict from SBS is given only when the LQ is further than this from 1 and
#: no Swedish region's cell of the priority is blank.
FINER_MARGIN = 0.10


def priority_industries(region: str | None = None) -> pd.DataFrame:
    """Return the reviewed priority → SNI divisions list: region, priority, kind, sni, note.

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
    return frame[frame.region == str(region)].reset_index(drop=True) if region else frame


@cache
def _bundled_mapping() -> tuple[dict[str, Any], ...]:
    path = files("s3atlas.data").joinpath("analysis/priority_industries.yaml")
    with path.open(encoding="utf-8") as handle:
        return tuple(yaml.safe_load(handle)["priorities"])


def declared_divisions(classified: pd.DataFrame) -> pd.DataFrame:
    """Return one row per declared priority: county_code, priority, kind, sni, themes.

    *classified* is :func:`s3atlas.priorities.classify_priorities` output (a
    row per priority and theme). Divisions come from the reviewed list where
    the priority is in it, else from its themes.
    """
    from s3atlas.priorities.themes import HORIZONTAL, UNCLASSIFIED, load_taxonomy

    reviewed = {
        (str(r["region"]), str(r["priority"])): r
        for r in priority_industries().to_dict("records", into=dict)
    }
    divisions = {t.id: list(t.divisions) for t in load_taxonomy().themes}
    rows = []
    for keys, group in classified.groupby(["county_code", "priority"], sort=False):
        county, priority = (str(k) for k in keys)
        themes = [str(t) for t in group.theme if t != UNCLASSIFIED]
        known = reviewed.get((county, priority))
        sni: list[str]
        if known is not None:
            kind, sni = str(known["kind"]), [str(d) for d in known["sni"]]
        else:
            sni = sorted({d for t in themes for d in divisions.get(t, [])})
            kind = "horizontal" if themes == [HORIZONTAL] else "industry"
        rows.append(
            {
                "county_code": county,
                "priority": priority,
                "kind": kind,
                "sni": sni,
                "themes": "; ".join(themes),
            }
        )
    return pd.DataFrame(rows, columns=["county_code", "priority", "kind", "sni", "themes"])


def group_lq(end: pd.DataFrame, codes: list[str], region: str) -> float:
    """Return the LQ of the union of *codes* in *region*; NaN where a cell is unknown.

    >>> m = pd.DataFrame({"A": [30.0, 10.0], "B": [70.0, 90.0]}, index=["r", "s"])
    >>> round(group_lq(m, ["A"], "r"), 12)  # (30 / 100) / (40 / 200)
    1.5
    """
    values = end.loc[:, codes].to_numpy(dtype=float)
    row = end.index.get_loc(region)
    if np.isnan(values[row]).any():
        return float("nan")
    region_total = np.nansum(end.to_numpy(dtype=float)[row])
    nation_total = np.nansum(end.to_numpy(dtype=float))
    group, nation_group = values[row].sum(), np.nansum(values)
    if region_total == 0 or nation_group == 0:
        return float("nan")
    return float((group / region_total) / (nation_group / nation_total))


def _resolution(cov: AreaCoverage) -> str:
    if cov["coarser"]:
        return "coarser"
    if not cov["exact"]:
        return "absent"
    return "incomplete" if cov["missing"] else "exact"


def _wider_note(cov: AreaCoverage, wider_lq: float, lang: str) -> str:
    inside = "; ".join(
        gettext("{divisions} inside {code}", lang, divisions=", ".join(d), code=c)
        for c, d in cov["coarser"].items()
    )
    return gettext(
        "cannot be decided at this granularity ({inside}); the wider group {codes} has LQ {lq}; "
        "employment by SNI division (2 digits) would decide",
        lang,
        inside=inside,
        codes=" + ".join(cov["coarser"]),
        lq=lq_text(wider_lq, lang),
    )


def _measured_note(cov: AreaCoverage, lq: float, lang: str) -> str:
    note = gettext(
        "measured by {codes}: LQ {lq}", lang, codes=", ".join(cov["exact"]), lq=lq_text(lq, lang)
    )
    if cov["missing"]:
        note += "; " + gettext(
            "not in the data: {divisions}", lang, divisions=", ".join(cov["missing"])
        )
    return note


def _judge(cov: AreaCoverage, end: pd.DataFrame, region: str, lang: str) -> dict[str, Any]:
    resolution = _resolution(cov)
    base = {
        "resolution": resolution,
        "codes": ", ".join(cov["exact"]),
        "lq": np.nan,
        "wider_codes": ", ".join(cov["coarser"]),
        "wider_lq": np.nan,
    }
    if resolution == "absent":
        note = gettext("none of its industries are in the data", lang)
        return {**base, "status": "not_measured", "note": note}
    if resolution == "coarser":
        wider = group_lq(end, cov["exact"] + list(cov["coarser"]), region)
        return {
            **base,
            "status": "undetermined",
            "wider_lq": wider,
            "note": _wider_note(cov, wider, lang),
        }
    lq = group_lq(end, cov["exact"], region)
    if lq != lq:
        note = gettext(
            "a value of {codes} is suppressed or missing in the data",
            lang,
            codes=", ".join(cov["exact"]),
        )
        return {**base, "status": "undetermined", "resolution": "suppressed", "note": note}
    status = "supported" if lq >= 1 else "not_supported"
    return {**base, "status": status, "lq": lq, "note": _measured_note(cov, lq, lang)}


def _default_declared(county: str) -> pd.DataFrame:
    from s3atlas.priorities.classify import classify_priorities
    from s3atlas.priorities.versions import current_priorities

    declared = declared_divisions(classify_priorities(current_priorities()))
    return declared[declared.county_code == county].reset_index(drop=True)


def priority_fit(
    dataset: Any,
    region: str,
    *,
    year: int | None = None,
    measure: str | None = None,
    declared: pd.DataFrame | None = None,
    lang: str,
    finer: str | None = FINER_DATASET,
) -> pd.DataFrame:
    """Return one row per declared priority of *region* (and per undeclared strength).

    *declared* is :func:`declared_divisions` output for the region (default: the
    region's current priorities). Columns: :data:`FIT_COLUMNS`.

    Examples
    --------
    >>> from s3atlas.stats import load_dataset
    >>> fit = priority_fit(load_dataset("scb_rams"), "24", lang="en").set_index("priority")
    >>> fit.loc["Hälsa och sjukvård", ["status", "resolution"]].tolist()  # 86 inside Q
    ['undetermined', 'coarser']
    >>> fit.loc["Hållbar energi och miljöteknik", "status"]
    'undetermined'
    """
    frames = analysis_frames(dataset, year, measure)
    table, end = frames["table"], frames["end"]
    code = resolve_region(table, region)
    county = _county_of(region, code)
    declared = _default_declared(county) if declared is None else declared
    industries = [str(c) for c in end.columns]
    basis = _basis(dataset, frames)
    decider = _finer(finer, table, county, lang)
    rows, touched = [], set()
    for item in declared.to_dict("records"):
        base = {
            "county_code": county,
            "priority": item["priority"],
            "themes": item.get("themes", ""),
            "divisions": ", ".join(item["sni"]),
        }
        if item.get("kind") == "horizontal" or not item["sni"]:
            rows.append({**base, **_not_testable(lang)})
            continue
        cov = area_coverage(item["sni"], industries, table.industry_scheme)
        touched |= set(cov["exact"]) | set(cov["coarser"])
        judged = {**base, "basis": basis, **_judge(cov, end, code, lang)}
        if decider is not None and judged["resolution"] == "coarser":
            judged = _decide_finer(judged, item["sni"], decider, lang)
        rows.append(judged)
    rows += _undeclared(end, code, county, touched, table.industry_scheme, lang)
    return pd.DataFrame(rows, columns=FIT_COLUMNS)


def _not_testable(lang: str) -> dict[str, Any]:
    """The verdict of a horizontal or process priority, which no industry measures."""
    note = gettext("a horizontal priority: no industry measures it", lang)
    return {
        "status": "not_testable",
        "basis": "",
        "resolution": "",
        "codes": "",
        "lq": np.nan,
        "wider_codes": "",
        "wider_lq": np.nan,
        "note": note,
    }


def _basis(dataset: Any, frames: dict[str, Any]) -> str:
    """Return which data and year a verdict rests on."""
    meta = getattr(dataset, "meta", None)
    source = getattr(meta, "source", "") or getattr(dataset, "name", "")
    return f"{source.removeprefix('Källa: ')}, {frames['year']}"


def _finer(name: str | None, table: Any, county: str, lang: str) -> dict[str, Any] | None:
    """Return the finer data for a Swedish county whose data hold only wide groups."""
    from s3atlas.classifications import county_to_nuts3
    from s3atlas.errors import S3AtlasError
    from s3atlas.stats import bundled_names, load_dataset

    if not name or table.industry_scheme != "sni2007" or name not in bundled_names():
        return None
    try:
        nuts2 = county_to_nuts3(county)[:4]
        data = load_dataset(name)
        frames = analysis_frames(data)
    except S3AtlasError:
        return None
    end = frames["end"]
    swedish = end.loc[[r for r in end.index if str(r).startswith("SE")]]
    if nuts2 not in swedish.index:
        return None
    return {"end": swedish, "region": nuts2, "basis": _nuts2_basis(data, frames, nuts2, lang)}


def _nuts2_basis(data: Any, frames: dict[str, Any], nuts2: str, lang: str) -> str:
    from s3atlas.classifications import find_region

    return gettext(
        "{source}, {year}, {region} {name} (NUTS 2) against Sweden's NUTS 2 regions, "
        "by SNI division, business economy",
        lang,
        source=data.meta.source.removeprefix("© European Union, "),
        year=frames["year"],
        region=nuts2,
        name=find_region(nuts2).name,
    )


def _decide_finer(
    row: dict[str, Any], sni: list[str], decider: dict[str, Any], lang: str
) -> dict[str, Any]:
    """Return *row* decided on the finer data where they can, else as it was."""
    end = decider["end"]
    cov = area_coverage(sni, [str(c) for c in end.columns])
    finer = _judge(cov, end, decider["region"], lang)
    why = _not_decided(finer, end, cov, lang)
    if why:
        return {**row, "note": row["note"] + "; " + why}
    note = gettext(
        "decided on finer data ({basis}): {note}; in the default data: {coarse}",
        lang,
        basis=decider["basis"],
        note=finer["note"],
        coarse=row["note"],
    )
    return {**row, **finer, "resolution": "finer_data", "basis": decider["basis"], "note": note}


def _not_decided(finer: dict[str, Any], end: pd.DataFrame, cov: AreaCoverage, lang: str) -> str:
    """Return why the finer data cannot decide either ("" when they can)."""
    if finer["status"] not in ("supported", "not_supported"):
        return gettext("the finer data (SBS) cannot decide either: {why}", lang, why=finer["note"])
    if end[cov["exact"]].isna().any().any():
        return gettext(
            "the finer data (SBS) leave a Swedish region's cell of {codes} blank",
            lang,
            codes=", ".join(cov["exact"]),
        )
    if abs(finer["lq"] - 1) <= FINER_MARGIN:
        return gettext(
            "in the finer data (SBS) its LQ {lq} is too close to 1 to decide",
            lang,
            lq=lq_text(finer["lq"], lang),
        )
    return ""


def _county_of(region: str, code: str) -> str:
    from s3atlas.classifications import find_region
    from s3atlas.errors import ClassificationError

    try:
        found = find_region(str(region))
    except ClassificationError:
        return code
    return str(found.county_code or found.code)


def _undeclared(
    end: pd.DataFrame, region: str, county: str, touched: set[str], scheme: str, lang: str
) -> list[dict[str, Any]]:
    if end.shape[0] < 2:
        return []
    tests = strong_clusters(end)
    mine = tests[(tests.region == region) & (tests.strong == True)]  # noqa: E712 (object column with NaN)
    return [
        {
            "county_code": county,
            "priority": "",
            "themes": "",
            "status": "undeclared_strength",
            "basis": "",
            "lq": row["lq"],
            "resolution": "exact",
            "codes": row["industry"],
            "divisions": "",
            "wider_codes": "",
            "wider_lq": np.nan,
            "note": gettext(
                "{code} is a strong traded industry (LQ {lq}) that no priority covers",
                lang,
                code=row["industry"],
                lq=lq_text(row["lq"], lang),
            ),
        }
        for row in mine.to_dict("records")
        if row["industry"] not in touched
        and row["lq"] >= 1
        and sector_class(row["industry"], scheme)[0] == "traded"
    ]


def national_fit(dataset: Any, declared: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Return :func:`priority_fit` for every region in *declared* (:func:`declared_divisions`).

    >>> from s3atlas.priorities import classify_priorities, current_priorities
    >>> from s3atlas.stats import load_dataset
    >>> declared = declared_divisions(classify_priorities(current_priorities()))
    >>> national_fit(load_dataset("scb_rams"), declared, lang="en").county_code.nunique()
    21
    """
    parts = [
        priority_fit(dataset, str(county), declared=group, lang=lang)
        for county, group in declared.groupby("county_code", sort=True)
    ]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=FIT_COLUMNS)

"""One region's strengths: the function the CLI, the web pages and the API call.

It picks the measure and years, builds the regions × industries matrices,
scores every industry for every region (:mod:`s3atlas.analysis.composite`),
adds the CMP strength test, the ECO stars and the traded/local/public class
(:mod:`s3atlas.analysis.sectors`), and returns the chosen region's rows, the
traded industries ranked by score and the others after them, each with a
reason in words.

Growth is measured within one source table: when the data join two tables
(SCB RAMS 2008–2016 and 2018 come from two), growth runs over the longest
stretch of years of one table up to the end year, never across the join.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from s3atlas.analysis.composite import composite_scores, reason
from s3atlas.analysis.sectors import sector_class
from s3atlas.analysis.specialisation import location_quotients
from s3atlas.analysis.stars import star_counts
from s3atlas.analysis.strongclusters import strong_matrix
from s3atlas.classifications import counties, find_region, industry_name
from s3atlas.errors import ClassificationError, InputError, NotFoundError
from s3atlas.i18n import gettext

__all__ = [
    "RANKED_SECTORS",
    "analysis_frames",
    "growth_years",
    "region_strengths",
    "resolve_region",
]

#: The industry classes a strength ranking compares by default (the CMP's rule: traded only).
RANKED_SECTORS = ("traded",)
_REGION_WORDS = {"county": "counties", "municipality": "municipalities"}


def _table(dataset: Any) -> Any:
    return getattr(dataset, "table", dataset)


def _precision(dataset: Any) -> float:
    meta = getattr(dataset, "meta", None)
    return float(getattr(meta, "precision", 0.0) or 0.0)


def resolve_region(table: Any, region: str) -> str:
    """Return the table's code for *region*, given as a code or a name.

    A county is found by its code, its name with or without "län" and
    diacritics, or its NUTS 3 code; in a NUTS table a county gives its NUTS 3
    code ("24" → "SE331").
    """
    code = str(region).strip()
    if code in table.regions:
        return code
    try:
        found = find_region(code)
    except ClassificationError:
        found = None
    for candidate in (found.code, found.nuts_code) if found else ():
        if candidate and candidate in table.regions:
            return str(candidate)
    shown = ", ".join(table.regions[:25]) + (" …" if len(table.regions) > 25 else "")
    raise NotFoundError(
        gettext(
            "region {region} is not in the data; regions: {regions}", region=code, regions=shown
        ),
        value=code,
    )


def _measure(table: Any, measure: str | None) -> str:
    """Return the measure to analyse: the one asked for, else employed, else the first."""
    if table.frame.empty:
        raise InputError(gettext("the dataset has no cells"), column="dataset")
    measures = table.measures
    measure = measure or ("employed" if "employed" in measures else measures[0])
    if measure not in measures:
        raise InputError(
            gettext(
                "measure {measure} is not in the data; measures: {measures}",
                measure=measure,
                measures=", ".join(measures),
            ),
            column="measure",
            value=measure,
        )
    return measure


def growth_years(
    sources: dict[int, frozenset[str]], year: int, base_year: int | None = None
) -> tuple[int, int] | None:
    """Return (base, end) of growth up to *year*, within one source table.

    The end is the latest year up to *year* whose table also has an earlier
    year; the base is the first year of that table (or *base_year*).

    >>> rams = {y: frozenset({"K"}) for y in range(2008, 2017)} | {2018: frozenset({"I6"})}
    >>> growth_years(rams, 2018), growth_years(rams, 2014), growth_years(rams, 2018, 2012)
    ((2008, 2016), (2008, 2014), (2012, 2016))
    >>> growth_years({2018: frozenset({"I6"})}, 2018) is None
    True
    """
    for end in sorted((y for y in sources if y <= year), reverse=True):
        same = [y for y in sources if y < end and sources[y] == sources[end]]
        if base_year is not None:
            same = [y for y in same if y == base_year]
        if same:
            return min(same), end
    return None


def _end_year(sources: dict[int, frozenset[str]], year: int | None) -> int:
    """The year asked for (default: the latest), refused by name when the data lack it."""
    years = sorted(sources)
    chosen = int(year) if year is not None else years[-1]
    if chosen not in sources:
        raise InputError(
            gettext(
                "year {year} is not in the data; years: {first}–{last}",
                year=chosen,
                first=years[0],
                last=years[-1],
            ),
            column="year",
            field=gettext("Year"),
            value=chosen,
        )
    return chosen


def _growth_span(
    sources: dict[int, frozenset[str]], year: int, base_year: int | None
) -> tuple[int, int] | None:
    """The growth period ending near *year* within one source table; refused when asked for
    a *base_year* that has none."""
    span = growth_years(sources, year, base_year)
    if base_year is not None and span is None:
        raise InputError(
            gettext(
                "no growth can be measured from {year} within one source table", year=base_year
            ),
            column="base_year",
            field=gettext("Base year"),
            value=base_year,
        )
    return span


def analysis_frames(
    dataset: Any,
    year: int | None = None,
    measure: str | None = None,
    *,
    base_year: int | None = None,
    sex: str | None = None,
) -> dict[str, Any]:
    """Return the end matrix, and the base and growth-end matrices, with measure and years chosen.

    >>> from s3atlas.stats import load_dataset
    >>> frames = analysis_frames(load_dataset("scb_rams"))
    >>> frames["measure"], frames["year"], frames["base_year"], frames["growth_end_year"]
    ('employed', 2018, 2008, 2016)
    >>> frames["end"].shape
    (21, 15)
    """
    table = _table(dataset)
    measure = _measure(table, measure)
    sources = table.year_sources(measure)
    year = _end_year(sources, year)
    end = _matrix(table, measure, year, sex)
    span = _growth_span(sources, year, base_year)

    def grid(y: int) -> pd.DataFrame:
        return _matrix(table, measure, y, sex).reindex(index=end.index, columns=end.columns)

    return {
        "table": table,
        "measure": measure,
        "year": year,
        "sex": sex or "total",
        "base_year": span[0] if span else None,
        "growth_end_year": span[1] if span else None,
        "end": end,
        "start": grid(span[0]) if span else None,
        "growth_end": grid(span[1]) if span else None,
        "precision": _precision(dataset),
    }


def _matrix(table: Any, measure: str, year: int, sex: str | None) -> pd.DataFrame:
    """Return the matrix without TOTAL and codes that cover no division (00, industry unknown)."""
    m = table.matrix(measure, year, sex)
    if table.industry_scheme != "sni2007":
        return m.drop(columns=[c for c in m.columns if str(c) == "TOTAL"])
    keep = [c for c in m.columns if str(c) != "TOTAL" and sector_class(str(c))[2] > 0]
    return m[keep]


def _context(table: Any, frames: dict[str, Any]) -> dict[str, str]:
    """Return what a reason compares with: the regions' word, the nation and the period."""
    scheme = table.region_scheme
    whole = scheme == "county" and set(counties().county_code) <= set(table.regions)
    whole |= scheme == "nuts" and {f"SE{c}" for c in ("110", "331")} <= set(table.regions)
    words = _REGION_WORDS.get(scheme, "regions") if whole else "regions"
    base, end = frames["base_year"], frames["growth_end_year"]
    return {
        "regions": words,
        "nation": "Sweden" if whole else "all regions in the data",
        "period": f"{base}–{end}" if base is not None else "",
    }


def region_strengths(
    dataset: Any,
    region: str,
    year: int | None = None,
    measure: str | None = None,
    weights: dict[str, float] | None = None,
    *,
    lang: str,
    sectors: tuple[str, ...] | None = RANKED_SECTORS,
    base_year: int | None = None,
    sex: str | None = None,
) -> pd.DataFrame:
    """Return the region's industries: the ranked ones by composite score, then the others.

    *sectors* are the industry classes that are ranked (default: traded
    industries, as the US Cluster Mapping Project does); ``None`` ranks every
    industry. The others follow with ``rank`` empty and ``ranked`` False.

    Columns: rank, ranked, industry, name, sector, traded_divisions,
    divisions, value, lq, lq_rank, regions, size, focus, growth,
    national_growth, relative_growth, trend, score, components, class,
    cmp_strong, stars, reason, weights, measure, sex, year, base_year,
    growth_end_year.

    Examples
    --------
    >>> from s3atlas.stats import load_dataset
    >>> table = region_strengths(load_dataset("scb_rams"), "Västerbotten", lang="en")
    >>> table.iloc[0][["industry", "sector"]].tolist()
    ['A', 'traded']
    >>> "Q" in set(table[table.ranked].industry)
    False
    """
    frames = analysis_frames(dataset, year, measure, base_year=base_year, sex=sex)
    table, end = frames["table"], frames["end"]
    code = resolve_region(table, region)
    scores = composite_scores(
        end,
        frames["start"],
        weights,
        precision=frames["precision"],
        growth_end=frames["growth_end"],
    )
    mine = scores[scores.region == code].copy()
    _add_tests(mine, end, code)
    _add_sectors(mine, table.industry_scheme)
    context = _context(table, frames)
    records = mine.to_dict("records", into=dict)
    mine["reason"] = [reason(row, context, lang) for row in records]
    mine["name"] = [_name(i, table.industry_scheme, lang) for i in mine.industry]
    mine["ranked"] = mine.sector.isin(sectors) if sectors is not None else True
    mine = mine.sort_values(["ranked", "score", "lq"], ascending=False, kind="stable")
    mine = mine.reset_index(drop=True)
    rank = np.where(mine.ranked, np.arange(1, len(mine) + 1), np.nan)
    mine.insert(0, "rank", pd.Series(rank, index=mine.index).astype("Int64"))
    for key in ("measure", "sex", "year", "base_year", "growth_end_year"):
        mine[key] = frames[key]
    return mine.reindex(columns=STRENGTH_COLUMNS)


#: The columns of :func:`region_strengths`, in order.
STRENGTH_COLUMNS = [
    "rank",
    "ranked",
    "industry",
    "name",
    "sector",
    "traded_divisions",
    "divisions",
    "value",
    "lq",
    "lq_rank",
    "regions",
    "size",
    "focus",
    "growth",
    "national_growth",
    "relative_growth",
    "trend",
    "score",
    "components",
    "class",
    "cmp_strong",
    "stars",
    "reason",
    "weights",
    "measure",
    "sex",
    "year",
    "base_year",
    "growth_end_year",
]


def _add_tests(mine: pd.DataFrame, end: pd.DataFrame, code: str) -> None:
    """Add the CMP strong-cluster test and the ECO stars of the region's industries."""
    row = end.index.get_loc(code)
    lq = location_quotients(end)
    strong = strong_matrix(end, lq)[row] if end.shape[0] >= 2 else np.full(end.shape[1], np.nan)
    per_industry = pd.DataFrame(
        {"cmp_strong": strong, "stars": star_counts(end, lq)[row]}, index=end.columns.astype(str)
    )
    mine["cmp_strong"] = mine.industry.map(per_industry.cmp_strong)
    mine["stars"] = mine.industry.map(per_industry.stars)


def _add_sectors(mine: pd.DataFrame, scheme: str) -> None:
    """Add each industry's traded/local/public class and how many of its divisions trade."""
    classes = [sector_class(code, scheme) for code in mine.industry]
    mine["sector"] = [c[0] for c in classes]
    mine["traded_divisions"] = [c[1] for c in classes]
    mine["divisions"] = [c[2] for c in classes]


def _name(code: str, scheme: str, lang: str) -> str:
    if scheme != "sni2007":
        return code
    try:
        return industry_name(code, lang)
    except ClassificationError:
        return code

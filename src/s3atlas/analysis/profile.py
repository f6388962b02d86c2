"""One region's strengths: the function the CLI and the web pages call.

It picks the measure and years, builds the regions × industries matrices,
scores every industry for every region (:mod:`s3atlas.analysis.composite`),
adds the CMP strength test and the ECO stars, and returns the chosen
region's rows ranked by score, each with a reason in words.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from s3atlas.analysis.composite import composite_scores, reason
from s3atlas.analysis.specialisation import location_quotients
from s3atlas.analysis.stars import star_counts
from s3atlas.analysis.strongclusters import strong_matrix
from s3atlas.classifications import county_to_nuts3, industry_name
from s3atlas.errors import ClassificationError, InputError, NotFoundError
from s3atlas.i18n import current_language

__all__ = ["BASE_YEARS_BACK", "analysis_frames", "region_strengths", "resolve_region"]

#: Growth is measured over this many years when the data reach back so far (else from the first
#: year).
BASE_YEARS_BACK = 5
_REGION_WORDS = {"county": "counties", "municipality": "municipalities"}


def _table(dataset: Any) -> Any:
    return getattr(dataset, "table", dataset)


def resolve_region(table: Any, region: str) -> str:
    """Return the table's code for *region*; a county code is accepted for a NUTS table ("24" →
    "SE331")."""
    code = str(region).strip()
    if code in table.regions:
        return code
    if table.region_scheme == "nuts":
        try:
            nuts = county_to_nuts3(code)
        except ClassificationError:
            nuts = None
        if nuts in table.regions:
            return str(nuts)
    raise NotFoundError(
        f"region {code!r} is not in the data; regions: {', '.join(table.regions)}", value=code
    )


def analysis_frames(
    dataset: Any, year: int | None = None, measure: str | None = None
) -> dict[str, Any]:
    """Return the end (and base) matrices with the measure and years chosen.

    >>> from s3atlas.stats import load_dataset
    >>> frames = analysis_frames(load_dataset("scb_rams_2018"))
    >>> frames["measure"], frames["year"], frames["base_year"], frames["end"].shape
    ('employed', 2018, None, (21, 15))
    """
    table = _table(dataset)
    if table.frame.empty:
        raise InputError("the dataset has no cells", column="dataset")
    measures = table.measures
    measure = measure or ("employed" if "employed" in measures else measures[0])
    if measure not in measures:
        raise InputError(
            f"measure {measure!r} is not in the data; measures: {', '.join(measures)}",
            column="measure",
            value=measure,
        )
    years = sorted(int(y) for y in table.select(measure=measure).frame.year.unique())
    year = int(year) if year is not None else years[-1]
    if year not in years:
        raise InputError(
            f"year {year} is not in the data for {measure!r}; years: {years[0]}–{years[-1]}",
            column="year",
            value=year,
        )
    end = _matrix(table, measure, year)
    earlier = [y for y in years if y < year]
    base = max(
        [y for y in earlier if y <= year - BASE_YEARS_BACK], default=earlier[0] if earlier else None
    )
    start = (
        _matrix(table, measure, base).reindex(index=end.index, columns=end.columns)
        if base is not None
        else None
    )
    return {
        "table": table,
        "measure": measure,
        "year": year,
        "base_year": base,
        "end": end,
        "start": start,
    }


def _matrix(table: Any, measure: str, year: int) -> pd.DataFrame:
    m = table.matrix(measure, year)
    return m.drop(columns=[c for c in m.columns if str(c) == "TOTAL"])


def region_strengths(
    dataset: Any,
    region: str,
    year: int | None = None,
    measure: str | None = None,
    weights: dict[str, float] | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """Return the region's industries ranked by composite score, with LQ, growth, class, tests and a
    reason.

    Columns: rank, industry, name, value, lq, lq_rank, regions, size, focus,
    growth, national_growth, score, class, cmp_strong, stars, reason,
    weights, measure, year, base_year.

    Examples
    --------
    >>> from s3atlas.stats import load_dataset
    >>> table = region_strengths(load_dataset("scb_rams_2018"), "24", lang="en")
    >>> table.iloc[0][["industry", "class"]].tolist()
    ['Q', 'specialised']
    """
    lang = lang or current_language()
    frames = analysis_frames(dataset, year, measure)
    table = frames["table"]
    code = resolve_region(table, region)
    scores = composite_scores(frames["end"], frames["start"], weights)
    mine = scores[scores.region == code].copy()
    end = frames["end"]
    row = end.index.get_loc(code)
    lq = location_quotients(end)
    strong = strong_matrix(end, lq)[row] if end.shape[0] >= 2 else np.full(end.shape[1], np.nan)
    per_industry = pd.DataFrame(
        {"cmp_strong": strong, "stars": star_counts(end, lq)[row]}, index=end.columns.astype(str)
    )
    mine["cmp_strong"] = mine.industry.map(per_industry.cmp_strong)
    mine["stars"] = mine.industry.map(per_industry.stars)
    word = _REGION_WORDS.get(table.region_scheme, "regions")
    # into=dict is the default; passed so that the stubs type the records as plain dicts rather
    # than with Hashable keys (the keys are the column names, all text)
    records = mine.to_dict("records", into=dict)
    mine["reason"] = [reason(row, word, "Sweden", lang) for row in records]
    mine["name"] = [_name(i, table.industry_scheme, lang) for i in mine.industry]
    mine = mine.sort_values(["score", "lq"], ascending=False, kind="stable").reset_index(drop=True)
    mine.insert(0, "rank", np.arange(1, len(mine) + 1))
    mine["measure"], mine["year"], mine["base_year"] = (
        frames["measure"],
        frames["year"],
        frames["base_year"],
    )
    columns = [
        "rank",
        "industry",
        "name",
        "value",
        "lq",
        "lq_rank",
        "regions",
        "size",
        "focus",
        "growth",
        "national_growth",
        "score",
        "class",
        "cmp_strong",
        "stars",
        "reason",
        "weights",
        "measure",
        "year",
        "base_year",
    ]
    return mine.reindex(columns=columns)


def _name(code: str, scheme: str, lang: str) -> str:
    if scheme != "sni2007":
        return code
    try:
        return industry_name(code, lang)
    except ClassificationError:
        return code

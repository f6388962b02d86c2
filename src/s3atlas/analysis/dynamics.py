"""Dynamics and innovation capacity of a region against Sweden, over time.

The seed's "Dynamik och innovationskraft" lists new firms, patents and
trademark applications. Three indicators answer it:

* **New firms per 1 000 employed** = new firms (Tillväxtanalys) ÷ employed
  persons (SCB RAMS, county of work) × 1 000, for every year both exist.
  Sweden's value is Tillväxtanalys' national total ÷ the employed of all 21
  counties × 1 000.
* **EPO patent applications per million inhabitants**: Eurostat's
  ``pat_ep_rtot`` unit ``P_MHAB`` as published, for the region's NUTS code
  (a county is its NUTS 3 region) and for Sweden (``SE``).
* **Trademark applications**: no source ships with s3atlas; the result says
  so and names the one needed (EUIPO data via Eurostat ``ipr_ta_reg``).

Each row gives the region's value, Sweden's value and their ratio; rows in a
year where the new-firm series breaks say so (``note`` = ``series_break``), and
every indicator states its last year. The result holds codes; the command line,
the pages and the report put them into words with :func:`indicator_name` and
:func:`note_text`.

Examples
--------
>>> frame = region_dynamics("24")
>>> row = frame[(frame.indicator == NEW_FIRMS) & (frame.year == 2018)].iloc[0]
>>> round(float(row.region_value), 2)  # 1 313 new firms / 131 393 employed × 1 000
9.99
>>> round(float(row.sweden_value), 2)  # 66 750 / 4 920 748 × 1 000
13.57
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from s3atlas.analysis._validate import safe_divide
from s3atlas.classifications import find_region, nuts_regions, region_parent
from s3atlas.errors import ClassificationError, InputError
from s3atlas.i18n import gettext
from s3atlas.stats.aggregate import overlapping_industries
from s3atlas.stats.bundled import bundled_names, load_bundled
from s3atlas.stats.bundled_dynamics import is_series_break, series_break_detail
from s3atlas.stats.model import Dataset, StatTable

__all__ = [
    "INDICATORS",
    "NEW_FIRMS",
    "NOTES",
    "PATENTS",
    "TRADEMARKS",
    "TRADEMARK_SOURCE",
    "default_employment_dataset",
    "dynamics_notes",
    "employed_by_region",
    "indicator_name",
    "new_firm_rates",
    "note_text",
    "patent_rates",
    "region_dynamics",
    "series_break_years",
]

NEW_FIRMS = "new_firms_per_1000_employed"
PATENTS = "patent_applications_per_million_inhabitants"
TRADEMARKS = "trademark_applications"
#: Indicator code → English label (the catalogue gives the Swedish one).
INDICATORS = {
    NEW_FIRMS: "New firms per 1,000 employed",
    PATENTS: "EPO patent applications per million inhabitants",
    TRADEMARKS: "Trademark applications (EUIPO)",
}
#: Note code → English text (the catalogue gives the Swedish one); ``series_break`` is told
#: from the row's source by :func:`note_text`.
NOTES = {
    "no_offline_source": "No offline source: trademark applications by region need {source}",
}
#: Where trademark applications by region are published; s3atlas has no copy.
TRADEMARK_SOURCE = "EUIPO, via Eurostat ipr_ta_reg"
NEW_FIRMS_SOURCE_LABEL = "Tillväxtanalys (nystartade företag)"
PATENTS_SOURCE_LABEL = "© European Union, Eurostat (pat_ep_rtot)"
_SWEDEN = "SE"
_NEW_FIRMS_DATASET = "tillvaxtanalys_new_firms"
_PATENTS_DATASET = "eurostat_patents_se"
_EMPLOYMENT_DATASETS = ("scb_rams", "scb_rams_2018")


def default_employment_dataset() -> str:
    """Return the bundled employment dataset to divide by: ``scb_rams`` (2008–2016 and 2018)
    where it is bundled, else ``scb_rams_2018``."""
    names = bundled_names()
    return next(name for name in _EMPLOYMENT_DATASETS if name in names)


def _table(data: Dataset | StatTable) -> StatTable:
    return data.table if isinstance(data, Dataset) else data


def _nuts3(code: str, scheme: str) -> str | None:
    """Return the NUTS 3 code a region lies in, or None for a region wider than a county."""
    if scheme == "nuts":
        return code if len(code) == 5 else None
    return region_parent(code, scheme, "nuts3")


def _prefer(frame: pd.DataFrame, column: str, total: str) -> pd.DataFrame:
    """Keep the *total* rows of each region and year that has them, every row of the others."""
    is_total = frame[column] == total
    has_total = is_total.groupby([frame.region, frame.year]).transform("any")
    return frame[is_total | ~has_total]


def _total_employment(frame: pd.DataFrame) -> pd.DataFrame:
    """Keep the cells that add up to total employment in each region and year: the sex total
    where given (else both sexes), industry TOTAL where given (else every industry)."""
    if "sex" in frame.columns:
        frame = _prefer(frame, "sex", "total")
    frame = _prefer(frame, "industry", "TOTAL")
    parts = frame[frame.industry != "TOTAL"]
    overlaps = overlapping_industries(sorted(parts.industry.unique()))
    if overlaps:
        first, second = overlaps[0]
        raise InputError(
            gettext(
                "The employment dataset has overlapping industries ({first} and {second}), "
                "so they cannot be summed to total employment.",
                first=first,
                second=second,
            ),
            column="industry",
            value=f"{first}, {second}",
        )
    return frame


def employed_by_region(employment: Dataset | StatTable) -> pd.Series:
    """Return total employed persons per NUTS 3 region and year (index ``region``, ``year``).

    The sum is NaN where any of its cells is suppressed or missing. Counties,
    municipalities (summed to their county) and NUTS 3 codes are accepted;
    wider NUTS regions are left out.

    Raises
    ------
    InputError
        When the dataset has no ``employed`` measure or its regions are not Swedish regions.
    """
    table = _table(employment)
    if table.region_scheme not in {"county", "municipality", "nuts"}:
        raise InputError(
            gettext("Employment must be given per county, municipality or NUTS region."),
            column="region",
            value=table.region_scheme,
        )
    frame = table.frame[table.frame.measure == "employed"]
    if frame.empty:
        raise InputError(
            gettext("The employment dataset has no measure {measure}.", measure="employed"),
            column="measure",
        )
    frame = _total_employment(frame)
    regions = frame.region.map(lambda code: _nuts3(code, table.region_scheme))
    frame = frame.assign(region=regions).dropna(subset=["region"])
    grouped = frame.groupby(["region", "year"]).value
    return grouped.sum(min_count=1).where(grouped.count() == grouped.size())


def _employed_in(employed: pd.Series, nuts: str) -> pd.Series:
    """Sum the employed of the counties inside *nuts* per year; NaN in a year where any of
    them is absent or unknown (Sweden needs all 21)."""
    nuts3 = nuts_regions().query("level == 3").nuts_code
    inside = nuts3[nuts3.str.startswith(nuts)]
    part = employed[employed.index.get_level_values("region").isin(inside)]
    by_year = part.groupby(level="year")
    return by_year.sum(min_count=1).where(by_year.count() == len(inside))


def _members(nuts: str, regions: list[str]) -> list[str]:
    """Return the region itself where the table has it, else its NUTS 3 members."""
    if nuts in regions:
        return [nuts]
    return [code for code in regions if len(code) == 5 and code.startswith(nuts)]


def _series(table: StatTable, measure: str, regions: list[str]) -> pd.DataFrame:
    """Return value (NaN unless every region has it), source and break per year for *regions*."""
    frame = table.frame[(table.frame.measure == measure) & table.frame.region.isin(regions)]
    grouped = frame.groupby("year")
    complete = grouped.value.count() == len(regions)
    return pd.DataFrame(
        {
            "value": grouped.value.sum(min_count=1).where(complete),
            "source": grouped.source.first(),
            "series_break": grouped.source.agg(lambda s: any(map(is_series_break, s))),
        }
    )


def _per(numerator: pd.Series, denominator: pd.Series, scale: float = 1.0) -> np.ndarray:
    """Return numerator ÷ denominator × scale, NaN where the denominator is 0 or unknown."""
    return safe_divide(numerator.to_numpy(float), denominator.to_numpy(float)) * scale


def new_firm_rates(
    new_firms: Dataset | StatTable, employment: Dataset | StatTable, nuts: str
) -> pd.DataFrame:
    """Return new firms per 1 000 employed for region *nuts* and Sweden, per year.

    rate = new firms ÷ employed × 1 000, for the years both datasets have.
    Columns: ``year``, ``region_count``, ``region_base``, ``region_value``,
    ``sweden_count``, ``sweden_base``, ``sweden_value``, ``ratio``,
    ``series_break``, ``source``.
    """
    firms = _table(new_firms)
    employed = employed_by_region(employment)
    region = _series(firms, "new_firms", _members(nuts, firms.regions))
    sweden = _series(firms, "new_firms", [_SWEDEN])
    out = pd.DataFrame(
        {
            "region_count": region.value,
            "region_base": _employed_in(employed, nuts),
            "sweden_count": sweden.value,
            "sweden_base": _employed_in(employed, _SWEDEN),
            "series_break": region.series_break,
            "source": region.source,
        }
    ).dropna(subset=["region_count", "region_base"], how="any")
    out["region_value"] = _per(out.region_count, out.region_base, 1000)
    out["sweden_value"] = _per(out.sweden_count, out.sweden_base, 1000)
    out["ratio"] = _per(out.region_value, out.sweden_value)
    return out.rename_axis("year").reset_index()


def patent_rates(patents: Dataset | StatTable, nuts: str) -> pd.DataFrame:
    """Return EPO patent applications per million inhabitants (``P_MHAB``, as published) for
    region *nuts* and Sweden, per year; ``region_count`` is the region's applications (``NR``).
    """
    table = _table(patents)
    per_million = "patents_per_million_inhabitants"
    region = _series(table, per_million, [nuts])
    sweden = _series(table, per_million, [_SWEDEN])
    out = pd.DataFrame(
        {
            "region_value": region.value,
            "sweden_value": sweden.value,
            "region_count": _series(table, "patents", [nuts]).value,
            "sweden_count": _series(table, "patents", [_SWEDEN]).value,
            "series_break": False,
            "source": region.source,
        }
    ).dropna(subset=["region_value"])
    out["ratio"] = _per(out.region_value, out.sweden_value)
    return out.rename_axis("year").reset_index()


def indicator_name(code: str, lang: str) -> str:
    """Return the name of indicator *code* in *lang*.

    >>> indicator_name(NEW_FIRMS, "sv")
    'Nystartade företag per 1 000 förvärvsarbetande'
    """
    return gettext(INDICATORS[code], lang) if code in INDICATORS else code


def _break_note(source: str, lang: str) -> str:
    detail = series_break_detail(source)
    parts = []
    if "documented" in detail:
        parts.append(gettext("series break: Tillväxtanalys changed the statistics in 2007", lang))
    if "before" in detail:
        none = gettext("no marker", lang)
        before, after = (none if m == "none" else m for m in (detail["before"], detail["after"]))
        parts.append(
            gettext(
                "series break: the footnote marker changes from {before} to {after}",
                lang,
                before=before,
                after=after,
            )
        )
    if "also_2010" in detail:
        parts.append(
            gettext(
                "the source also gives {value} for 2010 (2010*)", lang, value=detail["also_2010"]
            )
        )
    return "; ".join(parts)


def note_text(row: Mapping[Any, Any], lang: str) -> str:
    """Return the note of a row of :func:`region_dynamics` in *lang* ("" when it has none).

    A ``series_break`` note is told from the row's ``source`` (the footnote markers
    Tillväxtanalys gives); ``no_offline_source`` names the source needed (``needs``).

    >>> row = {"note": "no_offline_source", "needs": TRADEMARK_SOURCE, "source": ""}
    >>> note_text(row, "en")
    'No offline source: trademark applications by region need EUIPO, via Eurostat ipr_ta_reg'
    """
    code = row.get("note")
    if code == "series_break":
        return _break_note(str(row.get("source") or ""), lang)
    if isinstance(code, str) and code in NOTES:
        return gettext(NOTES[code], lang, source=row.get("needs") or "")
    return ""


def _labelled(frame: pd.DataFrame, indicator: str) -> pd.DataFrame:
    return frame.assign(
        indicator=indicator,
        last_year=frame.year.max() if len(frame) else np.nan,
        note=np.where(frame.series_break.astype(bool), "series_break", ""),
        needs="",
    )


def _trademark_row() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "indicator": TRADEMARKS,
                "series_break": False,
                "note": "no_offline_source",
                "needs": TRADEMARK_SOURCE,
                "source": "",
            }
        ]
    )


_COLUMNS = [
    "region",
    "region_name",
    "indicator",
    "year",
    "region_value",
    "sweden_value",
    "ratio",
    "region_count",
    "region_base",
    "sweden_count",
    "sweden_base",
    "series_break",
    "last_year",
    "note",
    "needs",
    "source",
]


def _denominator_source(employment: Dataset | StatTable) -> str:
    if isinstance(employment, Dataset):
        agency = employment.meta.source.removeprefix("Källa: ") or employment.name
        return f"employed: {agency}"  # as a reader cites it, without the dataset's id
    return "employed: the given table"


def _region_nuts(region: str) -> tuple[str, str, str]:
    """Return (code, name, NUTS code) of a county or NUTS region; municipalities are refused."""
    found = find_region(region)
    if found.nuts_code is None:
        raise ClassificationError(
            gettext(
                "Dynamics are given per county or NUTS region, not per municipality ({name}).",
                name=found.name,
            ),
            value=region,
        )
    return found.code, found.name, found.nuts_code


def region_dynamics(
    region: str,
    *,
    employment: Dataset | StatTable | None = None,
    new_firms: Dataset | StatTable | None = None,
    patents: Dataset | StatTable | None = None,
) -> pd.DataFrame:
    """Return the region's dynamics indicators against Sweden, one row per indicator and year.

    Parameters
    ----------
    region : str
        A county or NUTS region, by code or name ("24", "Västerbotten", "SE331").
    employment : Dataset or StatTable, optional
        Employed persons (measure ``employed``) by county and year; default
        :func:`default_employment_dataset`.
    new_firms, patents : Dataset or StatTable, optional
        Default: the bundled Tillväxtanalys and Eurostat datasets.

    Returns
    -------
    DataFrame
        Columns ``region``, ``region_name``, ``indicator`` (a code of
        :data:`INDICATORS`), ``year``, ``region_value``, ``sweden_value``,
        ``ratio``, the counts and bases behind them, ``series_break``,
        ``last_year``, ``note`` (a code: ``series_break``, ``no_offline_source``
        or empty), ``needs`` (the source a ``no_offline_source`` row needs) and
        ``source``; the last row says that trademark applications have no
        offline source.
    """
    code, name, nuts = _region_nuts(region)
    if employment is None:
        employment = load_bundled(default_employment_dataset())
    firms = new_firm_rates(
        load_bundled(_NEW_FIRMS_DATASET) if new_firms is None else new_firms, employment, nuts
    )
    firms["source"] = firms.source + "; " + _denominator_source(employment)
    patent = patent_rates(load_bundled(_PATENTS_DATASET) if patents is None else patents, nuts)
    parts: list[Any] = [_labelled(firms, NEW_FIRMS), _labelled(patent, PATENTS), _trademark_row()]
    frame = pd.concat(parts, ignore_index=True).assign(region=code, region_name=name)
    for column in ("year", "last_year"):
        frame[column] = frame[column].astype("Int64")
    return frame.reindex(columns=_COLUMNS)


def series_break_years(new_firms: Dataset | StatTable | None = None) -> list[int]:
    """Return the years in which the new-firm series breaks (every year, not only those shown).

    >>> series_break_years()
    [2007, 2010, 2011, 2021]
    """
    table = _table(load_bundled(_NEW_FIRMS_DATASET) if new_firms is None else new_firms)
    frame = table.frame[table.frame.measure == "new_firms"]
    return sorted(int(year) for year in frame[frame.source.map(is_series_break)].year.unique())


def dynamics_notes(frame: pd.DataFrame, breaks: list[int], lang: str) -> list[str]:
    """Return the lines that go under a dynamics table: indicators without data, last year of
    each indicator, the new-firm series breaks and the sources.

    >>> dynamics_notes(region_dynamics("24"), [2007, 2010], "en")[2]
    'Series breaks in new firms (Tillväxtanalys): 2007, 2010'
    """
    measured = frame.dropna(subset=["last_year"]).drop_duplicates("indicator")
    last = "; ".join(
        f"{indicator_name(str(code), lang)} {year}"
        for code, year in zip(measured.indicator, measured.last_year, strict=True)
    )
    years = ", ".join(str(year) for year in breaks) or "–"
    empty = frame[frame.year.isna()]
    unmeasured = [
        f"{indicator_name(str(row['indicator']), lang)}: {note_text(row, lang)}"
        for row in empty.to_dict("records")
    ]
    return [
        *unmeasured,
        gettext("Last year: {years}", lang, years=last),
        gettext("Series breaks in new firms (Tillväxtanalys): {years}", lang, years=years),
        gettext("The source gives 2010 twice (2010* and 2010**); 2010** is used.", lang),
        gettext("Sources: {sources}", lang, sources=_sources(frame)),
    ]


def _sources(frame: pd.DataFrame) -> str:
    rows = frame[frame.indicator == NEW_FIRMS].source
    employed = rows.iloc[0].rpartition("employed: ")[2] if len(rows) else ""
    found = [f"{NEW_FIRMS_SOURCE_LABEL}", employed, PATENTS_SOURCE_LABEL]
    return "; ".join(part for part in found if part)

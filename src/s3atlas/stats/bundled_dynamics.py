"""The bundled dynamics datasets: new firms per county (Tillväxtanalys) and EPO patent
applications per NUTS region (Eurostat).

Both are NUTS-coded (``region_scheme="nuts"``): a county is its NUTS 3 code
(``SE331`` = Västerbottens län) and Sweden is ``SE``, so each table holds the
regions and the national figure as published, side by side.

**Series breaks.** Tillväxtanalys marks years with asterisks (``2010*``,
``2010**``, ``2011***`` … ``2020***``); the footnotes that explain them are not
in the bundled file. s3atlas reads them by two written rules:

1. 2010 is given twice. The cell for 2010 is the ``2010**`` figure, the one
   the sheet places next to the ``***`` years that follow; the ``2010*`` figure
   (Sweden 66 681, as first published in Tillväxtanalys Statistik 2011:04) is
   kept, verbatim, in that cell's source note.
2. A year whose marker differs from the previous year's (here 2010, 2011 and
   2021) is a *series break*, and so is 2007, the year Tillväxtanalys says it
   made a larger change to the statistics (Statistikportalen, "Nystartade
   företag"; Sweden's count rises from 44 386 to 58 526). Those cells say so
   in their source note (:data:`SERIES_BREAK`, read back with
   :func:`series_break_detail`), so a comparison across them can be qualified.

Examples
--------
>>> table = new_firms_dataset().table
>>> cell = table.select(region="SE331", year=2010).frame.iloc[0]
>>> int(cell.value), is_series_break(cell.source)
(1404, True)
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from s3atlas.classifications import find_region
from s3atlas.classifications.sni import _data
from s3atlas.stats.model import Dataset, DatasetMeta, StatTable

__all__ = [
    "DOCUMENTED_BREAKS",
    "NEW_FIRMS_SOURCE",
    "PATENTS_SOURCE",
    "PATENT_MEASURES",
    "SERIES_BREAK",
    "is_series_break",
    "new_firms_dataset",
    "patents_dataset",
    "series_break_detail",
]

#: The words a cell's source note carries when its year starts a new series segment.
SERIES_BREAK = "series break"
NEW_FIRMS_SOURCE = "Tillväxtanalys, nystartade företag"
PATENTS_SOURCE = "Eurostat pat_ep_rtot"
#: Eurostat's units of pat_ep_rtot → the measure names of the loaded table.
PATENT_MEASURES = {
    "NR": "patents",
    "P_MHAB": "patents_per_million_inhabitants",
    "P_MACT": "patents_per_million_active_population",
    "GDP_BEUR": "patents_per_billion_eur_gdp",
}
#: Breaks that Tillväxtanalys documents outside the sheet's markers.
DOCUMENTED_BREAKS = {2007: "Tillväxtanalys changed the statistics in 2007"}
_NATIONAL_ROW = "Samtliga"
_KEPT_2010 = "2010**"
_MARKERS = re.compile(r"series break \(marker (?P<before>\S+) → (?P<after>\S+)\)")
_DOCUMENTED = re.compile(r"series break \((?P<documented>[^)]*\d{4})\)")
_ALSO_2010 = re.compile(r"also gives 2010\* = (?P<also_2010>\S+)")
_DROPPED_2010 = "2010*"


def is_series_break(source: str) -> bool:
    """Return whether a cell's source note marks a series break.

    >>> is_series_break("Tillväxtanalys, nystartade företag; year 2011***; series break")
    True
    """
    return SERIES_BREAK in str(source)


def series_break_detail(source: str) -> dict[str, str]:
    """Read a cell's source note back: the markers around a break, a documented change and the
    second 2010 figure, where the note has them.

    >>> series_break_detail("x; year 2010**; series break (marker none → **); "
    ...                     "the sheet also gives 2010* = 1337")
    {'before': 'none', 'after': '**', 'also_2010': '1337'}
    """
    found: dict[str, str] = {}
    for pattern in (_MARKERS, _DOCUMENTED, _ALSO_2010):
        match = pattern.search(str(source))
        if match:
            found.update(match.groupdict())
    return found


def _nuts_of(name: str) -> str:
    return "SE" if name == _NATIONAL_ROW else str(find_region(name).nuts_code)


def _marker_changes(raw: pd.DataFrame) -> pd.Series:
    """Return, per row, the previous year's marker where it differs from this year's, else None."""
    ordered = raw.sort_values(["county", "year"])
    previous = ordered.groupby("county").series_marker.shift()
    changed = previous.notna() & (previous != ordered.series_marker)
    return previous.where(changed).reindex(raw.index)


def _new_firm_notes(raw: pd.DataFrame, first_2010: pd.Series) -> list[str]:
    notes = []
    row: Any  # itertuples rows of the file read as text
    for row, before in zip(raw.itertuples(), _marker_changes(raw), strict=True):
        note = f"{NEW_FIRMS_SOURCE}; year {row.year_label}"
        if isinstance(before, str):
            note += f"; {SERIES_BREAK} (marker {before or 'none'} → {row.series_marker or 'none'})"
        if int(row.year) in DOCUMENTED_BREAKS:
            note += f"; {SERIES_BREAK} ({DOCUMENTED_BREAKS[int(row.year)]})"
        if row.year_label == _KEPT_2010:
            note += f"; the sheet also gives {_DROPPED_2010} = {first_2010[row.county] or 'blank'}"
        notes.append(note)
    return notes


def new_firms_dataset() -> Dataset:
    """Return newly started enterprises per county and Sweden, 1994–2021 (measure ``new_firms``)."""
    raw = pd.DataFrame(_data("bundle/tillvaxtanalys_new_firms_county_year.csv"))
    first_2010 = raw[raw.year_label == _DROPPED_2010].set_index("county").new_firms
    raw = raw[raw.year_label != _DROPPED_2010].reset_index(drop=True)
    values = pd.to_numeric(raw.new_firms.replace("", None), errors="coerce")
    frame = pd.DataFrame(
        {
            "region": raw.county.map(_nuts_of),
            "industry": "TOTAL",
            "year": raw.year.astype(int),
            "measure": "new_firms",
            "value": values,
            "flag": raw.value_flag.replace("", "ok"),
            "source": _new_firm_notes(raw, first_2010),
        }
    )
    meta = DatasetMeta(
        title="Nystartade företag efter län och år, 1994–2021",
        source="Källa: Tillväxtanalys (sammanställt av Region Dalarna)",
        licence="Public statistics, attribution",
        url="https://www.tillvaxtanalys.se/statistik/nystartade-foretag.html",
        unit="enterprises",
        notes="NUTS 3 = the 21 counties, SE = Sweden (the sheet's 'Samtliga'). "
        "2010 = the 2010** figure; the 2010* figure is kept in the cell's source note. "
        "Years whose footnote marker changes (2010, 2011, 2021) and 2007 (a change Tillväxtanalys "
        "documents) are marked as series breaks.",
    )
    return Dataset("tillvaxtanalys_new_firms", StatTable.build(frame, "nuts", "sni2007"), meta)


def patents_dataset() -> Dataset:
    """Return EPO patent applications by priority year for Sweden's NUTS regions (to 2012)."""
    raw = pd.DataFrame(_data("bundle/eurostat_pat_ep_rtot_SE.csv"))
    raw = raw[~raw.geo.str.match(r"SE[XZ]")]
    frame = pd.DataFrame(
        {
            "region": raw.geo,
            "industry": "TOTAL",
            "year": raw.time.astype(int),
            "measure": raw.unit.map(PATENT_MEASURES),
            "value": raw["values"].astype(float),
            "flag": "ok",
            "source": PATENTS_SOURCE + " (" + raw.unit + ")",
        }
    )
    meta = DatasetMeta(
        title="EPO patent applications by priority year and NUTS region, Sweden (to 2012)",
        source="© European Union, Eurostat (pat_ep_rtot)",
        licence="Eurostat reuse policy (attribution)",
        url="https://ec.europa.eu/eurostat/databrowser/view/pat_ep_rtot/",
        unit="applications; per million inhabitants; per million active population; "
        "per billion euro of GDP",
        notes="Measures: patents (NR), patents_per_million_inhabitants (P_MHAB), "
        "patents_per_million_active_population (P_MACT), patents_per_billion_eur_gdp "
        "(GDP_BEUR), as published. SEX… (not regionalised) and SEZ… (extra-regio) rows "
        "are left out.",
    )
    return Dataset("eurostat_patents_se", StatTable.build(frame, "nuts", "sni2007"), meta)

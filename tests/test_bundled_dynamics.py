"""The bundled dynamics datasets: Tillväxtanalys' new firms and Eurostat's EPO patent applications.

Expected numbers are read from the bundled CSV files
(``tillvaxtanalys_new_firms_county_year.csv``, ``eurostat_pat_ep_rtot_SE.csv``).
"""

import pytest

from s3atlas.stats import bundled_names, load_dataset
from s3atlas.stats.bundled_dynamics import is_series_break, series_break_detail


def _cell(name, region, year, measure):
    frame = load_dataset(name).table.select(region=region, year=year, measure=measure).frame
    assert len(frame) == 1
    return frame.iloc[0]


def test_both_datasets_are_bundled_by_name():
    assert {"tillvaxtanalys_new_firms", "eurostat_patents_se"} <= set(bundled_names())


def test_new_firms_cover_21_counties_and_sweden_1994_to_2021():
    table = load_dataset("tillvaxtanalys_new_firms").table
    assert table.region_scheme == "nuts"
    assert len(table.regions) == 22 and "SE" in table.regions
    assert table.years == list(range(1994, 2022))
    # 22 regions × 28 years: the 2010* row of each region is not a cell of its own.
    assert len(table.frame) == 22 * 28
    assert table.measures == ["new_firms"]


def test_2010_is_the_double_star_figure_and_keeps_the_single_star_one_in_its_note():
    cell = _cell("tillvaxtanalys_new_firms", "SE331", 2010, "new_firms")
    # The file: "Västerbottens län,2010,1337,2010*,*," and "Västerbottens län,2010,1404,2010**,**,"
    assert cell.value == 1404
    assert series_break_detail(cell.source) == {
        "before": "none",
        "after": "**",
        "also_2010": "1337",
    }
    sweden = _cell("tillvaxtanalys_new_firms", "SE", 2010, "new_firms")
    assert sweden.value == 69855
    assert "2010* = 66681" in sweden.source


def test_series_breaks_are_2007_2010_2011_and_2021_in_every_region():
    frame = load_dataset("tillvaxtanalys_new_firms").table.frame
    breaks = frame[frame.source.map(is_series_break)]
    assert sorted(breaks.year.unique()) == [2007, 2010, 2011, 2021]
    assert len(breaks) == 4 * 22
    assert not frame[frame.year.isin([2009, 2012, 2020])].source.map(is_series_break).any()
    note = _cell("tillvaxtanalys_new_firms", "SE331", 2021, "new_firms").source
    assert series_break_detail(note) == {"before": "***", "after": "none"}


def test_the_blank_national_total_of_2021_is_missing_not_zero():
    cell = _cell("tillvaxtanalys_new_firms", "SE", 2021, "new_firms")
    assert cell.flag == "missing"
    assert cell.value != cell.value  # NaN


def test_patents_keep_eurostat_values_and_leave_out_unassigned_and_extra_regio_rows():
    table = load_dataset("eurostat_patents_se").table
    assert not any(code.startswith(("SEX", "SEZ")) for code in table.regions)
    assert table.measures == [
        "patents",
        "patents_per_billion_eur_gdp",
        "patents_per_million_active_population",
        "patents_per_million_inhabitants",
    ]
    # The file: "P_MHAB,SE331,2012,72.786", "NR,SE331,2012,18.9", "P_MHAB,SE,2012,247.442"
    mhab = _cell("eurostat_patents_se", "SE331", 2012, "patents_per_million_inhabitants")
    assert mhab.value == pytest.approx(72.786)
    assert _cell("eurostat_patents_se", "SE331", 2012, "patents").value == pytest.approx(18.9)
    assert _cell(
        "eurostat_patents_se", "SE", 2012, "patents_per_million_inhabitants"
    ).value == pytest.approx(247.442)

"""Dynamics indicators: new firms per 1 000 employed and EPO patents per million inhabitants.

Every expected number is a hand calculation on values read from the bundled
files (Tillväxtanalys new firms, Eurostat pat_ep_rtot, SCB RAMS 2018) or from
SCB RAMS 2008–2016 (``../shared/data/bundle/scb_rams_2008_2016_county_industry_sex.csv``).
"""

import pandas as pd
import pytest

from s3atlas.analysis.dynamics import (
    NEW_FIRMS,
    PATENTS,
    TRADEMARKS,
    default_employment_dataset,
    employed_by_region,
    indicator_name,
    note_text,
    region_dynamics,
)
from s3atlas.errors import ClassificationError, InputError
from s3atlas.stats import StatTable

# SCB RAMS 2008–2016, employed persons summed over the 16 industry groups, per county and sex
# (women, men). Sweden 2016 = 2,322,897 + 2,505,428 = 4,828,325 (the file's national total).
_RAMS = {
    "01": {2010: (520194, 557222), 2016: (590044, 635275)},
    "03": {2010: (69505, 68413), 2016: (77990, 78666)},
    "04": {2010: (53796, 55361), 2016: (57787, 58819)},
    "05": {2010: (88972, 100366), 2016: (99012, 110055)},
    "06": {2010: (77575, 87113), 2016: (82858, 94467)},
    "07": {2010: (42374, 48880), 2016: (45767, 52341)},
    "08": {2010: (50234, 55321), 2016: (52790, 57763)},
    "09": {2010: (12848, 13162), 2016: (13490, 13850)},
    "10": {2010: (31468, 35101), 2016: (33517, 37406)},
    "12": {2010: (262004, 275590), 2016: (287777, 301039)},
    "13": {2010: (62506, 64300), 2016: (68821, 70566)},
    "14": {2010: (362070, 392021), 2016: (399299, 434651)},
    "17": {2010: (56345, 60919), 2016: (60384, 64176)},
    "18": {2010: (60902, 65573), 2016: (65934, 71254)},
    "19": {2010: (52398, 58393), 2016: (57067, 62118)},
    "20": {2010: (59887, 65682), 2016: (63130, 68989)},
    "21": {2010: (58263, 64689), 2016: (61648, 66536)},
    "22": {2010: (52612, 57051), 2016: (54932, 60674)},
    "23": {2010: (28514, 30238), 2016: (30285, 32589)},
    "24": {2010: (57591, 62333), 2016: (61955, 68105)},
    "25": {2010: (53907, 61027), 2016: (58410, 66089)},
}


def _rams_2010_2016() -> StatTable:
    rows = [
        {"region": county, "industry": "TOTAL", "year": year, "measure": "employed"}
        | {"sex": sex, "value": value}
        for county, years in _RAMS.items()
        for year, pair in years.items()
        for sex, value in zip(("women", "men"), pair, strict=True)
    ]
    return StatTable.build(pd.DataFrame(rows), "county", "sni2007")


def _row(frame, indicator, year):
    rows = frame[(frame.indicator == indicator) & (frame.year == year)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_default_denominator_is_the_bundled_rams():
    assert default_employment_dataset() in {"scb_rams", "scb_rams_2018"}


def test_vasterbotten_new_firms_per_1000_employed_in_2018_by_hand():
    frame = region_dynamics("Västerbotten")
    row = _row(frame, NEW_FIRMS, 2018)
    # Tillväxtanalys: Västerbottens län 2018*** = 1,313, Samtliga 2018*** = 66,750.
    # RAMS 2018: Västerbotten 131,393 employed, Sweden 4,920,748.
    # 1,313 / 131,393 × 1,000 = 9.9929;  66,750 / 4,920,748 × 1,000 = 13.5650;  ratio 0.7367
    assert (row.region_count, row.region_base) == (1313, 131393)
    assert (row.sweden_count, row.sweden_base) == (66750, 4920748)
    assert row.region_value == pytest.approx(9.99292, abs=1e-5)
    assert row.sweden_value == pytest.approx(13.56501, abs=1e-5)
    assert row.ratio == pytest.approx(0.736669, abs=1e-6)
    assert row.region == "24" and row.last_year == 2018


def test_any_county_by_year_employment_table_is_accepted_and_sexes_are_summed():
    frame = region_dynamics("24", employment=_rams_2010_2016())
    assert list(frame[frame.indicator == NEW_FIRMS].year) == [2010, 2016]
    later = _row(frame, NEW_FIRMS, 2016)
    # 2016: Västerbotten 61,955 + 68,105 = 130,060 employed; new firms 1,550 (2016***).
    # 1,550 / 130,060 × 1,000 = 11.9176;  Sweden 71,825 / 4,828,325 × 1,000 = 14.8758
    assert later.region_base == 130060 and later.sweden_base == 4828325
    assert later.region_value == pytest.approx(11.91757, abs=1e-5)
    assert later.sweden_value == pytest.approx(14.87576, abs=1e-5)
    assert later.ratio == pytest.approx(11.91757 / 14.87576, abs=1e-5)
    assert not later.series_break and later.last_year == 2016


def test_the_2010_row_uses_2010_double_star_and_says_it_is_a_series_break():
    frame = region_dynamics("24", employment=_rams_2010_2016())
    row = _row(frame, NEW_FIRMS, 2010)
    # 2010**: Västerbotten 1,404, Sweden 69,855; RAMS 2010: 57,591 + 62,333 = 119,924 and
    # Sweden 2,113,965 + 2,278,755 = 4,392,720.  1,404 / 119,924 × 1,000 = 11.7074
    assert row.region_value == pytest.approx(11.70741, abs=1e-5)
    assert row.sweden_value == pytest.approx(69855 / 4392720 * 1000)
    assert row.series_break and row.note == "series_break"
    english, swedish = note_text(row, "en"), note_text(row, "sv")
    assert "2010*" in english and "1337" in english
    assert "seriebrott" in swedish and "källan anger också 1337" in swedish


def test_patents_per_million_inhabitants_are_eurostats_p_mhab_with_the_last_year():
    frame = region_dynamics("SE331")
    row = _row(frame, PATENTS, 2012)
    # pat_ep_rtot: P_MHAB SE331 2012 = 72.786, SE 2012 = 247.442; ratio 72.786 / 247.442 = 0.29416
    assert (row.region_value, row.sweden_value) == (pytest.approx(72.786), pytest.approx(247.442))
    assert row.ratio == pytest.approx(0.294154, abs=1e-6)
    assert row.region_count == pytest.approx(18.9)  # NR SE331 2012
    patents = frame[frame.indicator == PATENTS]
    assert list(patents.year) == list(range(2000, 2013))
    assert set(patents.last_year) == {2012}


def test_trademarks_say_there_is_no_offline_source_in_both_languages():
    frame = region_dynamics("24")
    row = frame[frame.indicator == TRADEMARKS].iloc[0]
    assert pd.isna(row.region_value) and pd.isna(row.year)
    assert (row.note, row.needs) == ("no_offline_source", "EUIPO, via Eurostat ipr_ta_reg")
    assert "ipr_ta_reg" in note_text(row, "en") and "EUIPO" in note_text(row, "en")
    assert note_text(row, "sv").startswith("Ingen källa finns offline")
    assert indicator_name(row.indicator, "sv") == "Varumärkesansökningar (EUIPO)"


def test_the_result_holds_codes_and_no_column_per_language():
    frame = region_dynamics("24")
    assert not [c for c in frame.columns if c.endswith(("_sv", "_en"))]
    assert set(frame.note) == {"", "series_break", "no_offline_source"}
    assert set(frame.indicator) == {NEW_FIRMS, PATENTS, TRADEMARKS}


def test_a_nuts2_region_sums_its_counties_for_new_firms():
    frame = region_dynamics("SE33")
    row = _row(frame, NEW_FIRMS, 2018)
    # Övre Norrland = Västerbotten + Norrbotten. New firms 2018***: 1,313 + 1,365 = 2,678 (the
    # file: "Norrbottens län,2018,1365"); RAMS 2018: 131,393 + 123,384 = 254,777 (county 25's
    # 15 groups summed). 2,678 / 254,777 × 1,000 = 10.5111
    assert (row.region_count, row.region_base) == (1313 + 1365, 131393 + 123384)
    assert row.region_value == pytest.approx(10.51115, abs=1e-5)
    # P_MHAB is published for SE33 itself ("P_MHAB,SE33,2012,93.032"): taken, not summed.
    assert _row(frame, PATENTS, 2012).region_value == pytest.approx(93.032)


def test_a_municipality_is_refused_with_a_clear_message():
    with pytest.raises(ClassificationError, match="Umeå kommun"):
        region_dynamics("Umeå")


def test_an_employment_table_without_employed_is_refused():
    table = StatTable.build(
        pd.DataFrame(
            {"region": ["24"], "industry": ["TOTAL"], "year": [2018], "measure": ["wages"]}
            | {"value": [1.0]}
        ),
        "county",
        "sni2007",
    )
    with pytest.raises(InputError, match="employed"):
        region_dynamics("24", employment=table)


def test_a_suppressed_cell_leaves_that_county_year_unknown_not_smaller():
    table = StatTable.build(
        pd.DataFrame(
            {
                "region": ["24", "24"],
                "industry": ["A", "F"],
                "year": [2018, 2018],
                "measure": ["employed", "employed"],
                "value": [4348.0, None],
                "flag": ["ok", "suppressed"],
            }
        ),
        "county",
        "sni2007",
    )
    assert employed_by_region(table).isna().all()


def test_sexes_are_summed_in_years_without_a_total_and_the_total_is_used_where_given():
    # 2016 for Västerbotten as women + men (61,955 + 68,105 = 130,060); 2018 as a sex total of
    # two industry rows (A 4,348 + F 10,679 = 15,027, RAMS 2018) next to a women row that must
    # not be added again.
    rows = [
        ("24", "TOTAL", 2016, "women", 61955.0),
        ("24", "TOTAL", 2016, "men", 68105.0),
        ("24", "A", 2018, "total", 4348.0),
        ("24", "F", 2018, "total", 10679.0),
        ("24", "A", 2018, "women", 1000.0),
    ]
    frame = pd.DataFrame(rows, columns=["region", "industry", "year", "sex", "value"])
    table = StatTable.build(frame.assign(measure="employed"), "county", "sni2007")
    employed = employed_by_region(table)
    assert employed[("SE331", 2016)] == 130060
    assert employed[("SE331", 2018)] == 4348 + 10679


def test_overlapping_industries_are_not_summed():
    frame = pd.DataFrame(
        {"region": "24", "industry": ["C", "B-E"], "year": 2018, "measure": "employed"}
        | {"value": [1.0, 2.0]}
    )
    table = StatTable.build(frame, "county", "sni2007")
    with pytest.raises(InputError, match="B-E"):
        employed_by_region(table)


def test_the_ten_year_rams_is_the_default_denominator_once_it_is_bundled(monkeypatch):
    import s3atlas.analysis.dynamics as dynamics

    names = ["scb_rams_2018", "eurostat_employment_se", "scb_rams"]
    monkeypatch.setattr(dynamics, "bundled_names", lambda: names)
    assert dynamics.default_employment_dataset() == "scb_rams"
    monkeypatch.setattr(dynamics, "bundled_names", lambda: names[:2])
    assert dynamics.default_employment_dataset() == "scb_rams_2018"


def test_sweden_itself_is_its_published_total_over_all_counties():
    row = _row(region_dynamics("SE"), NEW_FIRMS, 2018)
    # 66,750 / 4,920,748 × 1,000 = 13.5650 for both; ratio 1
    assert (row.region_count, row.region_base) == (66750, 4920748)
    assert row.ratio == pytest.approx(1.0)

"""Aggregation up the industry and region hierarchies."""

import math

import pandas as pd
import pytest

from s3atlas.errors import ClassificationError
from s3atlas.stats import StatTable, aggregate_industries, aggregate_regions, load_dataset


def _table(industries, values, flags=None, region="24"):
    frame = pd.DataFrame(
        {
            "region": region,
            "industry": industries,
            "year": 2018,
            "measure": "employed",
            "value": values,
            "flag": flags or ["ok"] * len(values),
        }
    )
    return StatTable.build(frame, "county", "sni2007")


def test_divisions_roll_up_to_sections_and_total():
    table = _table(["16", "17", "02", "62"], [10.0, 20.0, 5.0, 7.0])
    sections = aggregate_industries(table, "section").frame.set_index("industry").value
    assert sections.to_dict() == {"A": 5.0, "C": 30.0, "J": 7.0}
    assert aggregate_industries(table, "total").frame.value.tolist() == [42.0]


def test_overlapping_codes_are_refused_instead_of_double_counted():
    with pytest.raises(ClassificationError, match="branscherna B-E och C överlappar"):
        aggregate_industries(_table(["C", "B-E"], [1.0, 2.0]), "total")


def test_scb_group_to_section_is_refused():
    with pytest.raises(ClassificationError, match="spänner över flera koder"):
        aggregate_industries(_table(["B+C"], [1.0]), "section")


def test_a_suppressed_part_makes_the_sum_suppressed():
    result = aggregate_industries(
        _table(["16", "17"], [10.0, 0.0], ["ok", "suppressed"]), "section"
    )
    assert result.frame.flag.item() == "suppressed"
    assert math.isnan(result.frame.value.item())


def test_other_classifications_cannot_use_the_sni_hierarchy():
    frame = pd.DataFrame(
        {"region": "x", "industry": ["c1"], "year": 2016, "measure": "employed", "value": [1.0]}
    )
    with pytest.raises(ClassificationError, match="klassificeringen cmp_cluster"):
        aggregate_industries(StatTable.build(frame, "us_state", "cmp_cluster"), "total")


def test_rams_counties_sum_to_the_published_national_total():
    rams = load_dataset("scb_rams_2018").table
    national = aggregate_regions(aggregate_industries(rams, "total"), "country")
    assert national.frame.value.item() == 4_920_748  # SCB RAMS 2018, as transcribed in SOURCES.md


def test_rams_counties_roll_up_to_eight_nuts2_regions():
    rams = load_dataset("scb_rams_2018").table
    nuts2 = aggregate_regions(rams, "nuts2")
    assert nuts2.regions == ["SE11", "SE12", "SE21", "SE22", "SE23", "SE31", "SE32", "SE33"]
    # Övre Norrland = Västerbotten + Norrbotten, agriculture: 4,348 + the Norrbotten cell
    rams_a = rams.select(industry="A", region=["24", "25"]).frame.value.sum()
    assert nuts2.select(region="SE33", industry="A").frame.value.item() == rams_a


def test_eurostat_a10_groups_add_up_to_the_published_total_within_rounding():
    # Eurostat publishes thousands rounded to whole numbers, so ten groups can differ
    # from the published TOTAL by at most 10 × 500 persons. Västerbotten 2017:
    # 4+17+10+23+3+1+2+11+52+6 = 129 thousand against a TOTAL of 130 thousand.
    table = load_dataset("eurostat_employment_se").table
    total = aggregate_industries(table.select(region="SE331", year=2017), "total")
    assert total.frame.value.item() == 129_000


def test_a_definition_differs_part_keeps_the_sum_and_passes_the_flag_on():
    # 16: 10 (ok) + 17: 5 (Eurostat "d") = 15 in section C, still flagged
    result = aggregate_industries(
        _table(["16", "17"], [10.0, 5.0], ["ok", "definition_differs"]), "section"
    )
    assert result.frame.flag.item() == "definition_differs"
    assert result.frame.value.item() == 15.0

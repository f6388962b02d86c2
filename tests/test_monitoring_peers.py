"""Peer regions by standardised distance, checked against a hand calculation."""

import math
from pathlib import Path

import pandas as pd
import pytest

from s3atlas.errors import NotFoundError
from s3atlas.i18n import use_language
from s3atlas.monitoring.peer_api import region_peers
from s3atlas.monitoring.peer_data import nuts2_features
from s3atlas.monitoring.peers import peers, standardise
from s3atlas.stats import Dataset, StatTable


def test_peers_by_hand_on_three_regions_and_two_dimensions():
    features = pd.DataFrame(
        {"size": [1.0, 2.0, 3.0], "rd": [10.0, 10.0, 40.0]}, index=["p", "q", "r"]
    )
    # size: mean 2, sd sqrt(2/3) → z = −1.2247, 0, 1.2247
    # rd: mean 20, sd sqrt(200) = 14.142 → z = −0.7071, −0.7071, 1.4142
    z = standardise(features)
    assert z["size"].tolist() == pytest.approx([-math.sqrt(1.5), 0, math.sqrt(1.5)])
    assert z["rd"].tolist() == pytest.approx([-1 / math.sqrt(2), -1 / math.sqrt(2), math.sqrt(2)])
    found = peers(features, {"size": ["size"], "rd": ["rd"]}, "p", k=2).set_index("region")
    # q: d_size 1.2247, d_rd 0 → D = 0.6124; r: d_size 2.4495, d_rd 2.1213 → D = 2.2854
    assert found.index.tolist() == ["q", "r"]
    assert found.loc["q", "distance"] == pytest.approx(math.sqrt(1.5) / 2)
    assert found.loc["r", "distance"] == pytest.approx(
        (2 * math.sqrt(1.5) + 1.5 * math.sqrt(2)) / 2
    )
    # similar on: within the nearest quarter on the dimension (25th percentile, linear):
    # size: 1.2247 + 0.25 × (2.4495 − 1.2247) = 1.5309; rd: 0 + 0.25 × 2.1213 = 0.5303
    assert found.loc["q", "similar_on"] == ["size", "rd"]
    assert found.loc["r", "similar_on"] == []
    assert found.loc["q", "rank"] == 1


def test_a_dimension_averages_its_variables_so_it_weighs_like_one_variable():
    features = pd.DataFrame(
        {"s1": [0.0, 1.0, 0.0], "s2": [0.0, 1.0, 0.0], "size": [0.0, 0.0, 3.0]},
        index=["p", "q", "r"],
    )
    # z of s1, s2: p −0.7071, q 1.4142, r −0.7071; d_industry(p, q) = sqrt(mean(2.1213², 2.1213²))
    distances = peers(features, {"industry": ["s1", "s2"], "size": ["size"]}, "p", k=2)
    row = distances.set_index("region").loc["q"]
    assert row.d_industry == pytest.approx(3 / math.sqrt(2))


def _nuts2_fixture() -> Dataset:
    # four NUTS 2 regions × two divisions of employment; one extra-national code
    rows = [
        ("SE33", "10", 100.0),
        ("SE33", "62", 100.0),
        ("SE32", "10", 110.0),
        ("SE32", "62", 90.0),
        ("FI1D", "10", 1000.0),
        ("FI1D", "62", 1000.0),
        ("AT11", "10", 10.0),
        ("AT11", "62", 190.0),
    ]
    frame = pd.DataFrame(rows, columns=["region", "industry", "value"])
    frame = frame.assign(year=2015, measure="employed")
    return Dataset("fixture", StatTable.build(frame, "nuts", "sni2007"))


def test_nuts2_peers_take_any_dataset_with_a_nuts2_axis():
    features, dimensions = nuts2_features(_nuts2_fixture())
    assert features.loc["SE33", "share_10"] == 0.5
    assert features.loc["FI1D", "log_size"] == pytest.approx(math.log10(2000))
    found = peers(features, dimensions, "SE33", k=3)
    # FI1D has the same shares (d_industry 0) but is ten times larger; SE32 is close on both
    assert found.region.tolist()[0] == "SE32"
    assert "industry" in found.set_index("region").loc["FI1D", "similar_on"]


def test_county_peers_of_vasterbotten_come_from_the_bundled_data():
    code, found, source = region_peers("Västerbotten", k=5)
    assert code == "24" and len(found) == 5 and "24" not in set(found.region)
    assert found.distance.is_monotonic_increasing
    assert "Kolada" in source


def test_nuts2_peers_of_a_county_use_its_nuts2_region():
    code, found, _source = region_peers("24", k=3, level="nuts2")
    assert code == "SE33" and len(found) == 3


def test_an_unknown_region_is_a_clear_error():
    features = pd.DataFrame({"a": [1.0, 2.0]}, index=["p", "q"])
    with use_language("en"), pytest.raises(NotFoundError, match="not in the data"):
        peers(features, {"a": ["a"]}, "x")


def test_the_report_gives_the_peers_average_from_the_bundled_values():
    import csv

    from s3atlas.monitoring import region_report
    from s3atlas.monitoring.sentences import trend_words

    _code, found, _source = region_peers("20", k=5)
    peers = set(found.region)
    bundle = Path(__file__).resolve().parents[1] / "src/s3atlas/data/bundle"
    names = {
        row["county_name"]: row["county_code"]
        for row in csv.DictReader((bundle / "sweden_counties.csv").open(encoding="utf-8"))
    }
    values = [
        float(row["value_sek_per_inhabitant"])
        for row in csv.DictReader((bundle / "kolada_rd_spending_county.csv").open(encoding="utf-8"))
        if row["kpi"] == "Företagens utgifter för egen FoU"
        and row["year"] == "2021"
        and names[row["county_name"]] in peers
    ]
    row = region_report("20").set_index("code").loc["rd_business"]
    assert len(values) == 5
    assert row.peer_value == pytest.approx(sum(values) / 5)
    assert "Jämförelseregionernas genomsnitt 2021" in trend_words(row, "sv")

"""Traded, local and public industries: the classes and where they come from."""

import csv
from collections import Counter
from importlib.resources import files

import pytest
import yaml

from s3atlas.analysis.sectors import division_classes, sector_class
from s3atlas.classifications import industries


def _rows() -> dict[str, dict]:
    path = files("s3atlas.data").joinpath("analysis/traded_local.yaml")
    return yaml.safe_load(path.read_text(encoding="utf-8"))["divisions"]


def test_every_division_has_a_class():
    divisions = {item.code for item in industries("division")}
    assert set(division_classes()) == divisions
    assert set(division_classes().values()) == {"traded", "local", "public"}


@pytest.mark.shared
def test_traded_and_local_follow_the_cmp_crosswalk(shared_dir):
    # Each division is traded when most of its NAICS 2012 industries are traded clusters in
    # the US Cluster Mapping Project's crosswalk (a tie is local).
    path = shared_dir / "data/reference/naics2012_to_cmp_cluster.csv"
    with path.open(encoding="utf-8") as handle:
        crosswalk = [(row["NAICS"], row["TradedLocal"]) for row in csv.DictReader(handle)]
    for division, row in _rows().items():
        if "naics" not in row:
            continue
        counts = Counter(kind for code, kind in crosswalk if code.startswith(tuple(row["naics"])))
        assert counts, f"division {division}: no NAICS industry matches {row['naics']}"
        expected = "traded" if counts["Traded"] > counts["Local"] else "local"
        assert row["class"] == expected, (division, dict(counts))


def test_public_services_are_eurostats_non_market_sections():
    classes = division_classes()
    assert {d for d, c in classes.items() if c == "public"} == {"84", "85", "86", "87", "88", "99"}


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("B+C", ("traded", 28, 29)),  # 33 repair and installation is local in the CMP
        ("M+N", ("traded", 7, 13)),
        ("G", ("local", 1, 3)),  # only 46 wholesale trades
        ("I", ("mixed", 1, 2)),  # 55 hotels trade, 56 restaurants are local
        ("R+S+T+U", ("mixed", 4, 10)),
        ("Q", ("public", 0, 3)),
        ("O-Q", ("public", 0, 5)),
        ("00", ("unknown", 0, 0)),
    ],
)
def test_a_coarse_code_takes_the_class_of_most_of_its_divisions(code, expected):
    assert sector_class(code) == expected

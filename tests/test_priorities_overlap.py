"""Overlap, uniqueness and groups of regions on the shared themes."""

from __future__ import annotations

import pandas as pd
import pytest

from s3atlas.errors import InputError
from s3atlas.priorities import (
    classify_priorities,
    region_groups,
    region_similarity,
    region_theme_matrix,
    theme_prevalence,
    unique_priorities,
)
from s3atlas.seeddata import declared_priorities


@pytest.fixture(scope="module")
def classified():
    return classify_priorities(declared_priorities())


def test_jaccard_is_shared_over_all_themes_by_hand():
    # Gotland {food, visitor}; Kalmar {cities, food, visitor}: 2 shared of 3 → 2/3.
    matrix = pd.DataFrame({"cities": [0, 1], "food": [1, 1], "visitor": [1, 1]}, index=["09", "08"])
    assert region_similarity(matrix).loc["09", "08"] == pytest.approx(2 / 3)


def test_cosine_uses_priority_counts_by_hand():
    matrix = pd.DataFrame({"a": [2, 1], "b": [0, 1]}, index=["x", "y"])
    # (2·1 + 0·1) / (2 · √2) = 1/√2
    assert region_similarity(matrix, "cosine").loc["x", "y"] == pytest.approx(2**-0.5)
    with pytest.raises(InputError, match="jaccard eller cosine"):
        region_similarity(matrix, "euclid")


def test_visitor_economy_is_declared_by_the_eight_regions_in_the_source_list(classified):
    # Tillväxtverket 2018: Jämtland (turism), Västerbotten, Dalarna, Uppsala, Värmland,
    # Halland, Gotland, Kalmar.
    row = theme_prevalence(classified, n_regions=21).set_index("theme").loc["visitor_economy"]
    assert row.regions == 8 and row.county_codes == "03; 08; 09; 13; 17; 20; 23; 24"
    assert row.share == pytest.approx(8 / 21)


def test_unclassified_rows_never_count_as_a_theme():
    rows = pd.DataFrame(
        {"county_code": ["01", "03"], "priority": ["x", "y"], "theme": ["unclassified", "food"]}
    )
    assert list(region_theme_matrix(rows).columns) == ["food"]


def test_textiles_and_chemistry_are_each_declared_by_one_region(classified):
    # The cultural and creative industries are not unique to Norrbotten: Västerbotten's
    # "Upplevelsenäringar", Dalarna's "Upplevelseproduktion" and Värmland's "Platsens
    # digitaliserade upplevelser" take them in too (upplevelsenäringar = tourism + culture).
    unique = unique_priorities(classified)
    assert unique[["county_code", "priority", "unique_themes"]].values.tolist() == [
        ["14", "Grön kemi", "chemistry"],
        ["14", "Textil", "textiles"],
    ]


def test_gotland_and_kalmar_fall_in_one_group_and_jonkoping_stands_alone(classified):
    groups = (
        region_groups(region_theme_matrix(classified), max_distance=0.5)
        .set_index("county_code")
        .group
    )
    assert groups["08"] == groups["09"]
    assert (groups == groups["06"]).sum() == 1


def test_groups_need_a_distance_between_zero_and_one(classified):
    with pytest.raises(InputError, match="mellan 0 och 1"):
        region_groups(region_theme_matrix(classified), 1.5)

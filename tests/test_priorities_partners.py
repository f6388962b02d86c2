"""County land borders and candidate partners with reasons."""

from __future__ import annotations

import pandas as pd
import pytest

from s3atlas.classifications import counties
from s3atlas.priorities import (
    classify_priorities,
    county_neighbours,
    neighbours_of,
    partner_reasons,
    partners,
)
from s3atlas.seeddata import declared_priorities


@pytest.fixture(scope="module")
def classified():
    return classify_priorities(declared_priorities())


def test_borders_are_symmetric_and_use_the_21_county_codes():
    pairs = county_neighbours()
    as_set = set(zip(pairs.county_code, pairs.neighbour_code, strict=True))
    assert all((b, a) in as_set for a, b in as_set)
    assert set(pairs.county_code) <= set(counties().county_code)
    assert all(a != b for a, b in as_set)
    assert len(as_set) == 2 * 38


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Skåne", "Blekinge"),
        ("Skåne", "Halland"),
        ("Stockholm", "Uppsala"),
        ("Norrbotten", "Västerbotten"),
        ("Värmland", "Västra Götaland"),
        ("Dalarna", "Jämtland"),
        ("Jönköping", "Halland"),
        ("Örebro", "Dalarna"),
    ],
)
def test_known_land_borders_are_there(a, b):
    from s3atlas.classifications import find_region

    assert find_region(b).code in neighbours_of(a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Stockholm", "Västmanland"),
        ("Uppsala", "Södermanland"),
        ("Östergötland", "Västra Götaland"),
        ("Skåne", "Kalmar"),
        ("Norrbotten", "Jämtland"),
    ],
)
def test_counties_that_meet_only_across_water_or_not_at_all_are_not_neighbours(a, b):
    from s3atlas.classifications import find_region

    assert find_region(b).code not in neighbours_of(a)


def test_gotland_has_no_land_border_and_norrbotten_only_one():
    assert neighbours_of("Gotland") == []
    assert neighbours_of("Norrbotten") == ["24"]


def test_gotlands_best_partner_is_kalmar_with_two_shared_themes(classified):
    best = partners(classified, "09").iloc[0]
    assert (best.partner_code, best.score, best.shared_themes) == (
        "08",
        pytest.approx(2 / 3, abs=1e-3),
        "food; visitor_economy",
    )
    assert best.reason_codes == "shared"
    assert partner_reasons(best, "en") == (
        "shared themes: Food and agriculture, Visitor economy and experiences"
    )
    assert partner_reasons(best, "sv") == (
        "gemensamma teman: Livsmedel och gröna näringar, Besöksnäring och upplevelser"
    )


def test_a_neighbour_gets_the_border_weight_and_says_so(classified):
    frame = partners(classified, "Kalmar").set_index("partner_code")
    # Kalmar–Blekinge share no theme; the border alone gives 0.25.
    assert frame.loc["10", "score"] == pytest.approx(0.25)
    assert bool(frame.loc["10", "neighbour"]) and frame.loc["10", "reason_codes"] == "neighbour"
    assert partner_reasons(frame.loc["10"], "sv") == "grannlän"


def test_measured_strength_where_the_region_is_weak_counts_as_complementary(classified):
    # Gotland declares food and visitor economy; Halland is measured strong in visitor economy,
    # Gotland is not.
    measured = pd.DataFrame({"visitor_economy": [1.4, 0.8], "food": [0.9, 1.2]}, index=["13", "09"])
    row = partners(classified, "09", measured).set_index("partner_code").loc["13"]
    # Halland's "Grön tillväxt" gives energy, forest and food (the word "grön" alone), so
    # J(Gotland, Halland) = |{food, visitor}| / |{food, visitor, health, energy, forest, ict}|
    # = 2/6; + 0.5 · 1/2
    assert row.score == pytest.approx(2 / 6 + 0.5 * 1 / 2, abs=5e-4)  # printed to 3 decimals
    assert row.complementary_themes == "visitor_economy"
    assert partner_reasons(row, "en") == (
        "shared themes: Food and agriculture, Visitor economy and experiences; "
        "measurably strong where the region is not: Visitor economy and experiences"
    )
    assert partners(classified, "09", lambda: measured).equals(partners(classified, "09", measured))


def test_top_limits_the_rows_and_every_row_carries_codes_and_reasons(classified):
    frame = partners(classified, "Jönköping", top=3)
    assert len(frame) == 3
    assert (frame.county_code == "06").all() and frame.partner_code.str.fullmatch(r"\d\d").all()
    assert (frame.reason_codes != "").all()

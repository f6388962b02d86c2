"""Swedish counties, municipalities and NUTS codes."""

import pytest

from s3atlas.classifications import (
    counties,
    find_region,
    is_extra_regio,
    municipalities,
    nuts_regions,
    region_parent,
)
from s3atlas.errors import ClassificationError


def test_there_are_21_counties_and_290_municipalities():
    assert len(counties()) == 21
    assert len(municipalities()) == 290


@pytest.mark.parametrize(
    "typed",
    ["24", "Västerbottens län", "Västerbotten", "SE331", "västerbotten", "Västerbotten county"],
)
def test_lookup_accepts_what_people_type(typed):
    assert find_region(typed).code == "24"


def test_every_county_has_the_nuts3_code_of_nuts_2021():
    nuts3 = sorted(counties().nuts3)
    assert nuts3[0] == "SE110" and nuts3[-1] == "SE332"
    assert len(set(nuts3)) == 21
    assert set(nuts3) == set(nuts_regions().query("level == 3").nuts_code)


@pytest.mark.parametrize(
    ("code", "official"),
    [
        ("0880", "Kalmar kommun"),
        ("0980", "Region Gotland"),
        ("2080", "Falu kommun"),
        ("2513", "Överkalix kommun"),
        ("2514", "Kalix kommun"),
    ],
)
def test_generated_municipality_names_are_replaced_by_official_ones(code, official):
    assert municipalities().set_index("municipality_code").loc[code, "name"] == official


def test_county_wins_over_municipality_of_the_same_name():
    assert find_region("Kalmar").scheme == "county"
    assert find_region("Umeå").code == "2480"


def test_regions_roll_up_to_nuts2_and_country():
    assert region_parent("24", "county", "nuts2") == "SE33"
    assert region_parent("2480", "municipality", "nuts1") == "SE3"
    assert region_parent("SE331", "nuts", "country") == "SE"


def test_a_nuts2_region_has_no_single_county():
    with pytest.raises(ClassificationError, match="kan inte föras"):
        region_parent("SE33", "nuts", "nuts3")


def test_unknown_region_suggests_the_closest_name():
    with pytest.raises(ClassificationError, match="Menade du Västerbottens län"):
        find_region("Västerbotton")


def test_unknown_region_is_explained_in_the_active_language():
    from s3atlas.i18n import use_language

    with use_language("en"), pytest.raises(ClassificationError, match="Did you mean Västerbottens"):
        find_region("Västerbotton")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("SEZ", True),  # Extra-Regio NUTS 1
        ("SEZZ", True),  # NUTS 2
        ("SEZZZ", True),  # NUTS 3
        ("FRZZZ", True),  # any country
        ("CZZ", True),  # CZ + Z: the Czech NUTS 1 Extra-Regio
        (" sezzz ", True),  # case and blanks as a person may type them
        ("SE", False),  # the country itself
        ("SE331", False),
        ("SE3Z", False),  # Z after a region digit is not Extra-Regio
        ("SEZZZZ", False),  # no NUTS level has four Z
        ("ZZ", False),
        ("24", False),
        (None, False),
    ],
)
def test_is_extra_regio_is_a_country_code_followed_by_one_to_three_z(code, expected):
    assert is_extra_regio(code) is expected


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("GOETEBORG", "1480"),  # CORDIS writes ö as oe …
        ("GOTEBORG", "1480"),  # … or as o
        ("Göteborg", "1480"),
        ("NORRKOEPING", "0581"),
        ("MOLNDAL", "1481"),
        ("JARFALLA", "0123"),
        ("ORNSKOLDSVIK", "2284"),
    ],
)
def test_ascii_spellings_of_exports_find_the_municipality(typed, code):
    assert find_region(typed).code == code


def test_a_locality_that_is_no_municipality_is_not_guessed():
    with pytest.raises(ClassificationError, match=r"okänd region|unknown region"):
        find_region("VISBY")

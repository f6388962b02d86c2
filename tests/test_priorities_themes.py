"""The theme taxonomy: bundled YAML, names in both languages, divisions that exist."""

from __future__ import annotations

import pytest

from s3atlas.classifications import find_industry
from s3atlas.errors import ClassificationError, InputError
from s3atlas.priorities import HORIZONTAL, load_taxonomy, parse_taxonomy, theme_name, themes_frame

REQUIRED = [
    "life_science_health",
    "digital_ict",
    "energy_cleantech",
    "advanced_manufacturing",
    "forest_bioeconomy",
    "mining_minerals",
    "food",
    "visitor_economy",
    "cultural_creative",
    "transport_logistics",
    "cities_construction",
    "test_demonstration",
    "marine_maritime",
    "welfare_services",
    "chemistry",
    "textiles",
    HORIZONTAL,
]


def test_bundled_taxonomy_has_every_theme_the_overview_needs():
    assert set(REQUIRED) <= set(load_taxonomy().ids)


def test_every_sector_theme_has_swedish_and_english_names_and_real_divisions():
    for theme in load_taxonomy().themes:
        assert theme.name_sv and theme.name_en and theme.terms
        if theme.kind == "sector":
            assert theme.divisions
            assert all(find_industry(code).level == "division" for code in theme.divisions)


def test_the_horizontal_class_has_no_divisions():
    horizontal = load_taxonomy().get(HORIZONTAL)
    assert horizontal.kind == "horizontal" and horizontal.divisions == ()


def test_theme_names_follow_the_language():
    assert theme_name("digital_ict", "sv") == "Digitalisering och IKT"
    assert theme_name("digital_ict", "en") == "Digitalisation and ICT"


def test_unknown_theme_is_a_classification_error_listing_the_known_ones():
    with pytest.raises(ClassificationError, match="kända teman: life_science_health"):
        load_taxonomy().get("space")


def test_a_division_that_does_not_exist_is_refused_by_name():
    data = {"themes": [{"id": "x", "kind": "sector", "divisions": ["B+C"], "terms": ["x"]}]}
    with pytest.raises(InputError, match="tema x: inte en tvåsiffrig SNI 2007-avdelning"):
        parse_taxonomy(data)


def test_duplicate_ids_and_unknown_kinds_are_refused():
    twice = {
        "themes": [{"id": "a", "kind": "sector", "terms": ["a"]}, {"id": "a", "kind": "sector"}]
    }
    with pytest.raises(InputError, match="tema-id måste vara unika"):
        parse_taxonomy(twice)
    with pytest.raises(InputError, match="kind måste vara en av sector, horizontal"):
        parse_taxonomy({"themes": [{"id": "a", "kind": "industry"}]})


def test_a_custom_yaml_file_can_replace_the_bundled_taxonomy(tmp_path):
    path = tmp_path / "themes.yaml"
    path.write_text(
        "themes:\n  - id: space\n    kind: sector\n    divisions: ['30', '51']\n"
        "    terms: ['rymd*']\n",
        encoding="utf-8",
    )
    assert load_taxonomy(path).get("space").divisions == ("30", "51")


def test_themes_frame_lists_divisions_per_theme():
    frame = themes_frame().set_index("theme")
    assert frame.loc["transport_logistics", "divisions"] == "49; 50; 51; 52; 53"
    assert frame.loc[HORIZONTAL, "divisions"] == ""


SPACE = {"id": "space", "kind": "sector", "divisions": ["30"], "terms": ["rymd*"]}


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            {
                "region": "25",
                "priority": "Rymd",
                "themes": ["mars"],
                "note_sv": "x",
                "note_en": "x",
            },
            "manuell post 1: themes måste vara kända tema-id",
        ),
        (
            {"region": "25", "priority": "Rymd", "themes": ["space"], "note_sv": "rymden"},
            "manuell post 1 behöver motiveringen i både note_sv och note_en",
        ),
        (
            {"region": "Norrbotten", "priority": "Rymd", "themes": ["space"]},
            "manuell post 1 behöver en tvåsiffrig länskod och en prioritering",
        ),
    ],
)
def test_a_manual_theme_must_name_a_county_known_themes_and_its_reason(entry, message):
    with pytest.raises(InputError, match=message):
        parse_taxonomy({"themes": [SPACE], "manual": [entry]})


def test_manual_themes_and_aspect_markers_are_read_from_the_yaml():
    taxonomy = parse_taxonomy(
        {
            "themes": [SPACE],
            "aspect_markers": ["i skärning*"],
            "manual": [
                {
                    "region": "25",
                    "priority": "Rymd",
                    "themes": ["space"],
                    "note_sv": "Esrange",
                    "note_en": "Esrange space centre",
                }
            ],
        }
    )
    assert taxonomy.aspect_markers == ("i skärning*",)
    [manual] = taxonomy.manual
    assert (manual.county_code, manual.themes, manual.note("en")) == (
        "25",
        ("space",),
        "Esrange space centre",
    )

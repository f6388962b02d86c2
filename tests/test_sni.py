"""SNI 2007 / NACE Rev. 2 hierarchy, SCB groups and code look-ups."""

import pytest

from s3atlas.classifications import (
    SCB_GROUPS,
    divisions_of,
    find_industry,
    industries,
    industry_name,
    parent_code,
)
from s3atlas.errors import ClassificationError


def test_hierarchy_has_21_sections_and_88_divisions():
    assert len(industries("section")) == 21
    assert len(industries("division")) == 88


def test_detail_groups_come_from_the_bundled_scb_list():
    assert len(industries("detail")) == 821
    assert find_industry("01.110").name_sv.startswith("Odling av spannmål")


def test_scb_groups_partition_the_88_divisions_exactly_once():
    covered = [d for group in SCB_GROUPS for d in sorted(divisions_of(group))]
    assert len(covered) == 88
    assert len(set(covered)) == 88


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("B+C", 5 + 24),
        ("D+E", 5),
        ("M+N", 7 + 6),
        ("R+S+T+U", 4 + 3 + 2 + 1),
        ("B-E", 5 + 24 + 1 + 4),
    ],
)
def test_aggregates_cover_the_divisions_of_their_sections(code, expected):
    # B has 05–09 (5), C 10–33 (24), D 35 (1), E 36–39 (4), M 69–75 (7), N 77–82 (6),
    # R 90–93 (4), S 94–96 (3), T 97–98 (2), U 99 (1).
    assert len(divisions_of(code)) == expected


def test_division_16_sits_inside_scb_group_b_plus_c():
    assert parent_code("16", "scb_group") == "B+C"
    assert parent_code("16", "section") == "C"


def test_a_detail_code_rolls_up_to_its_section():
    assert parent_code("02101", "section") == "A"


def test_scb_group_cannot_be_put_in_one_section():
    with pytest.raises(ClassificationError, match="spänner över flera koder"):
        parent_code("B+C", "section")


def test_names_exist_in_swedish_and_english():
    assert industry_name("62", "sv").startswith("Dataprogrammering")
    assert industry_name("62", "en") == "Computer programming, consultancy and related activities"
    assert industry_name("C", "en") == "Manufacturing"


def test_pxweb_label_with_code_prefix_is_understood():
    assert find_industry("B+C mining, quarrying, manufacturing").code == "B+C"


def test_unknown_code_names_the_value_and_suggests_neighbours(monkeypatch):
    monkeypatch.setenv("S3ATLAS_LANG", "en")  # the location is shown in the active language
    with pytest.raises(ClassificationError, match=r"value '34'.*unknown SNI 2007 industry code"):
        find_industry("34")

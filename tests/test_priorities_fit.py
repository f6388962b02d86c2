"""Measured specialisation per theme: the same matcher and group LQ as priority fit."""

from __future__ import annotations

import pytest

from s3atlas.priorities import measured_strength, theme_coverage

RAMS_CODES = ["A", "B+C", "D+E", "F", "G", "H", "I", "J", "K", "L", "M+N", "O", "P", "Q", "R+S+T+U"]


def test_rams_groups_measure_energy_and_transport_exactly_and_most_themes_only_coarsely():
    table = theme_coverage(RAMS_CODES).set_index("theme")
    # energy holds 27 (electrical equipment), which lies inside B+C: it cannot be decided
    assert table.loc["energy_cleantech", ["resolution", "wider_codes"]].tolist() == [
        "coarser",
        "B+C",
    ]
    assert table.loc["transport_logistics", "resolution"] == "exact"
    assert table.loc["visitor_economy", ["codes", "wider_codes"]].tolist() == ["I", "M+N, R+S+T+U"]
    assert table.loc["visitor_economy", "resolution"] == "coarser"
    assert table.loc["textiles", ["resolution", "wider_codes"]].tolist() == ["coarser", "B+C"]
    assert table.loc["horizontal", "resolution"] == "absent"


def test_norrbottens_transport_lq_matches_the_rams_figures_by_hand():
    # SCB RAMS 2018: Norrbotten H 6 456 of 123 384 employed; Sweden H 233 920 of 4 920 748.
    expected = (6456 / 123384) / (233920 / 4920748)
    assert measured_strength().loc["25", "transport_logistics"] == pytest.approx(expected)
    assert expected == pytest.approx(1.1007, abs=1e-4)


def test_measured_strength_hides_coarse_themes_so_partners_do_not_misread_them():
    strength = measured_strength()
    assert strength["advanced_manufacturing"].isna().all()
    assert strength["visitor_economy"].isna().all()
    assert strength["energy_cleantech"].isna().all()

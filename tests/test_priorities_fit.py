"""Declared versus measured: LQ from SCB RAMS 2018, and honesty about coarse industry groups."""

from __future__ import annotations

import pandas as pd
import pytest

from s3atlas.priorities import (
    classify_priorities,
    location_quotients,
    measured_strength,
    national_shares,
    priority_fit,
    rams_employment,
    theme_industry_map,
    theme_strength,
)
from s3atlas.seeddata import declared_priorities

RAMS_CODES = ["A", "B+C", "D+E", "F", "G", "H", "I", "J", "K", "L", "M+N", "O", "P", "Q", "R+S+T+U"]


@pytest.fixture(scope="module")
def fit():
    employment = rams_employment()
    return priority_fit(
        classify_priorities(declared_priorities()),
        location_quotients(employment),
        national_shares(employment),
    ).set_index(["county_code", "theme"])


def test_norrbottens_energy_lq_matches_the_rams_figures_by_hand():
    # SCB RAMS 2018: Norrbotten D+E 1,748 of 123,384 employed; Sweden D+E 51,274 of 4,920,748.
    expected = (1748 / 123384) / (51274 / 4920748)
    assert location_quotients(rams_employment()).loc["25", "D+E"] == pytest.approx(expected)
    assert expected == pytest.approx(1.3596, abs=1e-4)


def test_theme_lq_over_several_codes_is_the_lq_of_their_union():
    emp = pd.DataFrame(
        {
            "county_code": ["a"] * 3 + ["b"] * 3,
            "industry": ["F", "L", "G"] * 2,
            "employed": [10, 10, 80, 30, 10, 60],
        }
    )
    # union F+L: region a (10 + 10) / 100 = 0.2; nation (40 + 20) / 200 = 0.3 → LQ 2/3
    strength = theme_strength(location_quotients(emp), national_shares(emp))
    assert strength.loc["a", "cities_construction"] == pytest.approx(2 / 3)
    # equal weights average the two LQs instead: (0.5 + 1.0) / 2 = 0.75, not the union's LQ
    assert theme_strength(location_quotients(emp)).loc["a", "cities_construction"] == pytest.approx(
        0.75
    )


def test_rams_groups_measure_transport_exactly_and_most_themes_only_coarsely():
    table = theme_industry_map(RAMS_CODES).set_index("theme")
    # energy takes in the energy technology industry (27) that RAMS holds inside B+C
    assert table.loc["energy_cleantech", ["measured_codes", "evidence"]].tolist() == [
        "D+E",
        "partial",
    ]
    assert table.loc["transport_logistics", "evidence"] == "exact"
    assert table.loc["visitor_economy", ["measured_codes", "evidence"]].tolist() == ["I", "partial"]
    assert "79, 93" in table.loc["visitor_economy", "note"]
    assert table.loc["textiles", ["measured_codes", "evidence"]].tolist() == ["B+C", "coarse"]
    assert table.loc["textiles", "note"] == "B+C covers 29 divisions, 3 in the theme"
    assert table.loc["horizontal", "evidence"] == "none"


def test_declared_themes_get_a_verdict_only_where_the_data_measure_them(fit):
    assert fit.loc[("09", "visitor_economy"), "status"] == "supported"  # Gotland I: LQ 1.63
    assert fit.loc[("09", "visitor_economy"), "lq"] == pytest.approx(
        (1540 / 27440) / (168913 / 4920748), abs=1e-3
    )
    assert fit.loc[("05", "transport_logistics"), "status"] == "not_supported"  # LQ 0.905
    assert fit.loc[("14", "textiles"), "status"] == "coarse_data"
    assert fit.loc[("06", "horizontal"), "status"] == "not_an_industry"


def test_strengths_nobody_declared_are_listed(fit):
    row = fit.loc[("08", "energy_cleantech")]
    assert (bool(row.declared), row.status) == (False, "undeclared_strength") and row.lq > 1


def test_measured_strength_hides_coarse_themes_so_partners_do_not_misread_them():
    strength = measured_strength()
    assert strength["advanced_manufacturing"].isna().all()
    assert strength.loc["25", "energy_cleantech"] == pytest.approx(1.3596, abs=1e-4)

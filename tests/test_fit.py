"""Priority fit: one method, the wider-code rule alike in both directions, honest coarse data."""

import numpy as np
import pandas as pd
import pytest

from s3atlas.analysis.fit import declared_divisions, group_lq, priority_fit, priority_industries
from s3atlas.priorities import classify_priorities, current_priorities
from s3atlas.seeddata import declared_priorities
from s3atlas.stats import StatTable, load_dataset


def _table(values: dict[str, list[float]], regions=("r", "s", "t")) -> StatTable:
    rows = [
        {"region": region, "industry": code, "year": 2018, "measure": "employed", "value": value}
        for code, column in values.items()
        for region, value in zip(regions, column, strict=True)
    ]
    return StatTable.build(pd.DataFrame(rows), "demo", "sni2007")


def _declared(priority: str, sni: list[str], kind: str = "industry") -> pd.DataFrame:
    return pd.DataFrame([{"priority": priority, "kind": kind, "sni": sni, "themes": ""}])


def test_mapping_covers_every_bundled_priority():
    declared = declared_priorities()
    mapping = priority_industries()
    assert set(zip(declared.county_code, declared.priority, strict=True)) == set(
        zip(mapping.region, mapping.priority, strict=True)
    )


def test_vasterbotten_fit_on_rams_2018():
    fit = priority_fit(load_dataset("scb_rams"), "Västerbotten", lang="en").set_index("priority")
    # Health care is division 86; RAMS has only Q = 86–88 (with residential care and social
    # work). Q: Västerbotten 28 432 of 131 393 employed, Sweden 806 629 of 4 920 748 → wider
    # LQ = 0.21639 / 0.16392 = 1.320 ≥ 1; still it cannot decide division 86 alone.
    health = fit.loc["Hälsa och sjukvård"]
    assert (health.status, health.resolution) == ("undetermined", "coarser")
    assert health.wider_lq == pytest.approx((28432 / 131393) / (806629 / 4920748))
    # Energy (27, 35, 38) lies inside B+C and D+E: it cannot be decided, and the note gives the
    # wider groups' LQ: (15 336 + 1 807) / 131 393 over (559 267 + 51 274) / 4 920 748 = 1.052.
    # SBS by division cannot decide either: two Swedish regions' C27 cells are blank.
    energy = fit.loc["Hållbar energi och miljöteknik"]
    assert (energy.status, energy.resolution) == ("undetermined", "coarser")
    assert energy.wider_lq == pytest.approx(((15336 + 1807) / 131393) / (610541 / 4920748))
    assert "1.1" in energy.note and "B+C" in energy.note and "blank" in energy.note


def test_the_finer_sbs_data_decide_what_rams_groups_cannot():
    fit = priority_fit(load_dataset("scb_rams"), "24", lang="en").set_index("priority")
    # Testverksamhet = division 71, inside RAMS's M+N. Eurostat SBS 2015, NUTS 2 against the
    # eight Swedish NUTS 2 regions (sum of published cells): SE33 M71 5 617 of 135 059;
    # Sweden M71 31 765 + 14 324 + 5 111 + 13 648 + 28 567 + 6 724 + 3 272 + 5 617 = 109 028
    # of 3 010 126 → LQ (5 617 / 135 059) / (109 028 / 3 010 126) = 1.148, more than 10 % from 1.
    test = fit.loc["Testverksamhet"]
    assert (test.status, test.resolution) == ("supported", "finer_data")
    assert test.lq == pytest.approx((5617 / 135059) / (109028 / 3010126))
    assert "SE33" in test.basis and "NUTS 2" in test.basis
    # Without the finer data the same priority cannot be decided.
    plain = priority_fit(load_dataset("scb_rams"), "24", lang="en", finer=None)
    assert plain.set_index("priority").loc["Testverksamhet", "status"] == "undetermined"


def test_the_wider_code_rule_treats_both_directions_alike():
    # Division 16 lies inside B+C in both tables; in one B+C is specialised (LQ 1.5), in the
    # other not (LQ 0.5). Neither decides the priority.
    high = _table({"B+C": [30, 10, 20], "F": [70, 90, 80]})
    low = _table({"B+C": [10, 30, 20], "F": [90, 70, 80]})
    for table, wider in ((high, (30 / 100) / (60 / 300)), (low, (10 / 100) / (60 / 300))):
        row = priority_fit(table, "r", declared=_declared("Trä", ["16"]), lang="sv").iloc[0]
        assert (row.status, row.resolution) == ("undetermined", "coarser")
        assert np.isnan(row.lq) and row.wider_lq == pytest.approx(wider)
        assert "kan inte avgöras" in row.note


def test_a_priority_is_measured_on_its_exact_codes_and_says_what_the_data_lack():
    # Division 02 is not in this table at all (as in SBS, which has no section A); 16 is.
    table = _table({"16": [30, 10, 20], "F": [70, 90, 80]})
    row = priority_fit(table, "r", declared=_declared("Skog", ["02", "16"]), lang="en").iloc[0]
    # (30 / 100) / (60 / 300) = 1.5
    assert (row.status, row.resolution, row.lq) == ("supported", "incomplete", pytest.approx(1.5))
    assert "not in the data: 02" in row.note


def test_a_suppressed_cell_leaves_the_priority_undetermined():
    table = _table({"16": [np.nan, 10, 20], "F": [70, 90, 80]})
    row = priority_fit(table, "r", declared=_declared("Trä", ["16"]), lang="en").iloc[0]
    assert (row.status, row.resolution) == ("undetermined", "suppressed")


def test_horizontal_priorities_are_not_testable():
    fit = priority_fit(load_dataset("scb_rams"), "06", lang="en")
    assert set(fit.loc[fit.priority != "", "status"]) == {"not_testable"}


def test_undeclared_strengths_are_traded_industries_only():
    fit = priority_fit(load_dataset("scb_rams"), "24", lang="en")
    undeclared = fit[fit.status == "undeclared_strength"]
    # P (education, LQ 1.21) passed the CMP test before, but it is a public service.
    assert "P" not in set(undeclared.codes)
    assert set(undeclared.codes) <= {"A", "B+C", "D+E", "H", "J", "K", "M+N"}


def test_group_lq_is_the_lq_of_the_union():
    m = pd.DataFrame({"F": [10.0, 30.0], "L": [10.0, 10.0], "G": [80.0, 60.0]}, index=["a", "b"])
    # union F+L: region a (10 + 10) / 100 = 0.2; nation (40 + 20) / 200 = 0.3 → LQ 2/3,
    # not the mean of the two LQs ((0.5 + 1.0) / 2 = 0.75)
    assert group_lq(m, ["F", "L"], "a") == pytest.approx(2 / 3)


def test_priorities_outside_the_reviewed_list_take_their_themes_divisions():
    classified = classify_priorities(
        pd.DataFrame({"county_code": ["24"], "region": ["x"], "priority": ["Textilindustri"]})
    )
    row = declared_divisions(classified).iloc[0]
    assert (row.themes, row.sni) == ("textiles", ["13", "14", "15"])


def test_the_bundled_priorities_use_the_reviewed_divisions():
    declared = declared_divisions(classify_priorities(current_priorities()))
    life = declared[(declared.county_code == "24") & (declared.priority == "Life Science")]
    assert life.sni.item() == ["21", "72"]

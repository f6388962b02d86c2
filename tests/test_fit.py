"""Priority fit against the bundled RAMS 2018 data."""

import pytest

from s3atlas.analysis.fit import priority_fit, priority_industries
from s3atlas.seeddata import declared_priorities
from s3atlas.stats import load_dataset


def test_mapping_covers_every_bundled_priority():
    declared = declared_priorities()
    mapping = priority_industries()
    assert set(zip(declared.county_code, declared.priority, strict=True)) == set(
        zip(mapping.region, mapping.priority, strict=True)
    )


def test_vasterbotten_fit_on_rams():
    fit = priority_fit(load_dataset("scb_rams_2018"), "24", lang="en").set_index(
        "priority", drop=False
    )
    # "Hälsa och sjukvård" is health care (86), not care and social work (87–88): RAMS has
    # only Q = 86–88, so it is measured through that wider code. Västerbotten 28,432 of
    # 131,393 vs Sweden 806,629 of 4,920,748 (bundled CSV) → wider LQ 1.32 ≥ 1
    assert fit.loc["Hälsa och sjukvård", "status"] == "weakly_supported"
    assert fit.loc["Hälsa och sjukvård", "resolution"] == "coarser"
    assert fit.loc["Hälsa och sjukvård", "lq"] == pytest.approx(
        (28432 / 131393) / (806629 / 4920748), rel=1e-3
    )
    # Life science (21, 72) sits inside B+C and M+N: not measurable exactly, wider LQ < 1
    assert fit.loc["Life Science", "status"] == "undetermined"
    assert fit.loc["Life Science", "resolution"] == "coarser"
    undeclared = fit[fit.status == "undeclared_strength"]
    assert undeclared.codes.tolist() == ["P"]


def test_horizontal_priorities_are_not_testable():
    fit = priority_fit(load_dataset("scb_rams_2018"), "06", lang="en")
    assert set(fit.loc[fit.priority != "", "status"]) == {"not_testable"}

"""The status rule: actual against the straight path from baseline to target, with a tolerance."""

import pytest

from s3atlas.errors import InputError
from s3atlas.monitoring.status import expected_value, judge

BASE, TARGET = (2015, 100.0), (2025, 200.0)


def test_expected_value_lies_on_the_straight_line_from_baseline_to_target():
    # 2021 is 6 of 10 years along: 100 + (200 − 100) × 0.6 = 160
    assert expected_value(2021, BASE, TARGET) == pytest.approx(160.0)
    assert expected_value(2010, BASE, TARGET) == 100.0  # before the baseline: the baseline


def test_a_milestone_becomes_the_nearer_end_of_the_path():
    # milestone 2020: 110; 2022 lies 2 of 5 years from it to the target: 110 + 90 × 0.4 = 146
    assert expected_value(2022, BASE, TARGET, {2020: 110.0}) == pytest.approx(146.0)


@pytest.mark.parametrize(
    ("actual", "status"),
    [
        (150.0, "on_track"),  # on the path: gap 0
        (141.0, "on_track"),  # gap (141 − 150) / 100 = −0.09 ≥ −0.10
        (139.0, "at_risk"),  # gap −0.11: behind by more than the tolerance
        (131.0, "at_risk"),  # gap −0.19 ≥ −0.20
        (129.0, "off_track"),  # gap −0.21 < −2 × 0.10
        (190.0, "on_track"),  # ahead of the path
    ],
)
def test_status_compares_the_gap_with_the_tolerance(actual, status):
    assert judge(actual, 2020, baseline=BASE, target=TARGET).status == status


def test_the_user_sets_the_tolerance():
    # gap −0.11 is at risk with 0.10 but on track with 0.15
    assert judge(139.0, 2020, baseline=BASE, target=TARGET, tolerance=0.15).status == "on_track"


def test_lower_is_better_turns_the_sign():
    # unemployment 10 % (2015) → 6 % (2025): 2020 should be 8; 9 is behind by 1 / 4 = 0.25
    verdict = judge(9.0, 2020, baseline=(2015, 10.0), target=(2025, 6.0), direction="lower")
    assert verdict.status == "off_track"
    assert verdict.gap == pytest.approx(-0.25)
    assert judge(
        7.5, 2020, baseline=(2015, 10.0), target=(2025, 6.0), direction="lower"
    ).status == ("on_track")


def test_every_status_says_why_in_swedish_and_english():
    verdict = judge(139.0, 2020, baseline=BASE, target=TARGET)
    assert verdict.text("en") == (
        "139.0 in 2020 against 150.0 on the path from the baseline to the target: "
        "behind by more than 10 % of the planned change."
    )
    assert verdict.text("sv").startswith("139,0 år 2020 mot 150,0")
    assert judge(None, 2020, needs="SCB UF0506").text("sv") == (
        "Inget värde för 2020; det kräver SCB UF0506."
    )
    assert judge(3.0, 2020).text("sv") == "Inget mål är satt; värdet 2020 är 3,0."


def test_a_judgement_holds_a_reason_code_and_its_numbers_not_words():
    verdict = judge(139.0, 2020, baseline=BASE, target=TARGET)
    # the path gives 150 in 2020; the gap is (139 − 150) / 100 = −0.11
    assert (verdict.reason, verdict.year, verdict.actual) == ("at_risk", 2020, 139.0)
    assert verdict.expected == pytest.approx(150.0) and verdict.gap == pytest.approx(-0.11)
    assert judge(None, None, needs="SCB UF0506").reason == "no_data_any_needs"
    assert not [name for name in vars(verdict) if name.endswith(("_sv", "_en"))]


def test_a_tolerance_outside_zero_to_one_is_refused():
    with pytest.raises(InputError, match=r"^Tolerans, värde 1\.5: ") as refused:
        judge(1.0, 2020, baseline=BASE, target=TARGET, tolerance=1.5)
    assert refused.value.column == "tolerance"

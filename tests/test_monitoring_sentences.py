"""A monitoring report holds codes and numbers; the sentences people read are made at the edge."""

import pandas as pd
import pytest

from s3atlas.monitoring import region_report
from s3atlas.monitoring.priority_context import priority_indicators
from s3atlas.monitoring.sentences import in_words, reason_words, trend_words

ROW = {
    "name_sv": "Export",
    "name_en": "Exports",
    "reason": "at_risk",
    "judged_year": 2020,
    "year": 2020,
    "value": 139.0,
    "expected": 150.0,
    "tolerance": 0.1,
    "needs": "",
    "unit": "persons",
    "flag": "break",
    "wider_group": "B+C",
    "trend_first_year": 2010,
    "trend_first_share": 1.25,
    "trend_last_year": 2020,
    "trend_last_share": 1.5,
    "peer_value": 120.4,
}


def test_the_reason_is_worded_from_its_code_and_numbers_with_the_series_break_and_wider_group():
    # persons are shown without decimals: 139 against 150; tolerance 0.1 → "10 %"
    assert reason_words(ROW, "en") == (
        "139 in 2020 against 150 on the path from the baseline to the target: behind by more "
        "than 10 % of the planned change. The series breaks in 2020. Measured by the wider "
        "industry group mining, quarrying, manufacturing (B+C), which holds more than the "
        "priority's industries."
    )
    assert reason_words(ROW, "sv").startswith("139 år 2020 mot 150")


def test_the_trend_says_further_from_sweden_when_the_last_share_lies_further_from_one():
    # |1.5 − 1| = 0.5 > |1.25 − 1| = 0.25: further; peers' 120.4 persons shown as 120
    assert trend_words(ROW, "en") == (
        "Against Sweden: 125 % in 2010, 150 % in 2020 (further from Sweden). "
        "Peer regions' average in 2020: 120."
    )
    assert trend_words({**ROW, "trend_first_share": None, "peer_value": None}, "en") == ""


def test_the_report_has_no_column_per_language_but_the_frameworks_own_names():
    report = region_report("24")
    paired = [c for c in report.columns if c.endswith(("_sv", "_en"))]
    assert paired == ["name_sv", "name_en"]  # the framework's stored names, not results
    words = in_words(report, "en").set_index("code")
    assert words.loc["new_firms_per_1000_employed", "why"] == (
        "No target is set; the value in 2018 is 10.0."  # 1 313 / 131 393 × 1 000 = 9.99
    )
    assert words.loc["new_firms_per_1000_employed", "name"] == "New firms per 1,000 employed"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("name_sv", "Sysselsatta i prioriteringens branscher: Skog"),
        ("name_en", "Employed in the priority's industries: Skog"),
    ],
)
def test_a_prioritys_indicator_names_come_from_the_catalogue(lang, expected):
    priorities = pd.DataFrame([{"priority": "Skog", "kind": "sector", "sni": ["02"]}])
    employed = priority_indicators(priorities)[0]
    assert getattr(employed, lang) == expected


def test_two_wider_groups_are_named_in_the_plural_with_their_codes():
    from s3atlas.monitoring.sentences import wider_group_words

    assert wider_group_words("B+C + M+N", "sv") == (
        "Mätt med de bredare branschgrupperna tillverkning och utvinning (B+C) och "
        "företagstjänster (M+N), som rymmer mer än prioriteringens branscher."
    )
    assert wider_group_words("J", "en") == (
        "Measured by the wider industry group information and communication (J), which holds "
        "more than the priority's industries."
    )

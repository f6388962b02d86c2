"""Written-out findings for Västerbotten (24) and Stockholm (01), fixed against sentences
written by hand from the bundled SCB RAMS numbers and the dynamics indicators."""

from __future__ import annotations

import pandas as pd
import pytest

from s3atlas.analysis.dynamics import region_dynamics
from s3atlas.analysis.findings import growth_finding, priority_finding, region_findings
from s3atlas.analysis.fit import priority_fit
from s3atlas.analysis.profile import region_strengths
from s3atlas.classifications import find_region
from s3atlas.stats import load_dataset

# Västerbotten, SCB RAMS 2018: the traded industry group with the highest LQ is A
# (agriculture, forestry and fishing), LQ 1.757 → "1,8", 7th of the 21 counties; employed in
# A grew 2008–2016 by 43.6 % (→ 44 %), in Sweden by 27.5 % (→ 28 %). New firms 2018:
# 1 313 / 131 393 employed × 1 000 = 9.99 (→ 10,0); Sweden 66 750 / 4 920 748 × 1 000 = 13.57
# (→ 13,6). EPO patents 2012 per million inhabitants as Eurostat publishes them: 72.786 and
# 247.442. Of six declared priorities Testverksamhet is supported (LQ 1.15), Digitala tjänster
# is not (LQ 0.57) and four sit inside wider groups.
# Stockholm: K (finance and insurance), LQ 2.264 → "2,3", 1st of 21; growth 8.0 % against 2.6 %
# (→ 8 % and 3 %); new firms 16.9; patents 396.8; its three priorities sit inside wider
# groups, and three measured strengths (J, K, M+N) are covered by none.
EXPECTED = {
    ("24", "sv"): [
        "Västerbotten är mest specialiserat inom jordbruk, skogsbruk och fiske (LQ 1,8; plats 7 "
        "av 21 län). Sysselsättningen där växte med 44\xa0% 2008–2016, medan den i riket växte "
        "med 28\xa0%.",
        "Av de 6 uttalade prioriteringarna stöder statistiken 1 och stöder inte 1; för 4 är "
        "statistikens branschgrupper för grova för att avgöra.",
        "År 2018 startades 10,0 nya företag per 1\u00a0000 förvärvsarbetande, mot 13,6 i riket. År "
        "2012 lämnades 72,8 EPO-patentansökningar in per miljon invånare, mot 247,4 i riket.",
    ],
    ("24", "en"): [
        "Västerbotten is most specialised in agriculture, forestry and fishing (LQ 1.8; rank 7 "
        "of 21 counties). Employment there grew by 44% 2008–2016, while in Sweden as a whole it "
        "grew by 28%.",
        "Of the 6 declared priorities, the statistics support 1 and do not support 1; for 4 the "
        "industry groups of the statistics are too coarse to tell.",
        "In 2018, 10.0 new firms were started per 1,000 employed, against 13.6 in Sweden. In "
        "2012, 72.8 EPO patent applications were filed per million inhabitants, against 247.4 "
        "in Sweden.",
    ],
    ("01", "sv"): [
        "Stockholm är mest specialiserat inom finans- och försäkringsverksamhet (LQ 2,3; plats 1 "
        "av 21 län). Sysselsättningen där växte med 8\xa0% 2008–2016, medan den i riket växte "
        "med 3\xa0%.",
        "Statistiken kan ännu inte pröva de 3 uttalade prioriteringarna: för 3 av dem är "
        "statistikens branschgrupper för grova för att avgöra. 3 uppmätta styrkor täcks inte av "
        "någon uttalad prioritering.",
        "År 2018 startades 16,9 nya företag per 1\u00a0000 förvärvsarbetande, mot 13,6 i riket. År "
        "2012 lämnades 396,8 EPO-patentansökningar in per miljon invånare, mot 247,4 i riket.",
    ],
    ("01", "en"): [
        "Stockholm is most specialised in financial and insurance activities (LQ 2.3; rank 1 of "
        "21 counties). Employment there grew by 8% 2008–2016, while in Sweden as a whole it grew "
        "by 3%.",
        "The statistics cannot yet judge the 3 declared priorities: for 3 of them the industry "
        "groups of the statistics are too coarse to tell. 3 measured strengths are covered by no "
        "declared priority.",
        "In 2018, 16.9 new firms were started per 1,000 employed, against 13.6 in Sweden. In "
        "2012, 396.8 EPO patent applications were filed per million inhabitants, against 247.4 "
        "in Sweden.",
    ],
}


@pytest.mark.parametrize(("code", "lang"), sorted(EXPECTED))
def test_findings_read_as_written_by_hand(code: str, lang: str) -> None:
    data = load_dataset("scb_rams")
    found = region_findings(
        find_region(code).short_name,
        region_strengths(data, code, lang=lang),
        lang,
        fit=priority_fit(data, code, lang=lang),
        dynamics=region_dynamics(code),
    )
    assert found == EXPECTED[(code, lang)]


def _row(**values: object) -> pd.Series:
    base = {"base_year": 2008, "growth_end_year": 2016, "trend": "growing"}
    return pd.Series({**base, **values})


def test_growth_within_rounding_is_not_called_growth() -> None:
    text = growth_finding(_row(growth=0.001, national_growth=0.02, trend="uncertain"), "en")
    assert text == (
        "Whether employment there grew 2008–2016 cannot be told: the change is within the "
        "rounding of the statistics."
    )


def test_suppressed_growth_is_said_to_be_unknown() -> None:
    text = growth_finding(_row(growth=float("nan"), national_growth=0.02, trend="unknown"), "sv")
    assert text == "Tillväxten där 2008–2016 är okänd: ett värde saknas eller är skyddat."


def test_a_change_that_rounds_to_zero_reads_as_unchanged_and_a_fall_as_a_fall() -> None:
    text = growth_finding(_row(growth=-0.004, national_growth=-0.18, trend="shrinking"), "en")
    assert text == (
        "Employment there stayed about the same 2008–2016, while in Sweden as a whole it fell "
        "by 18%."
    )


def test_horizontal_priorities_are_counted_apart() -> None:
    fit = pd.DataFrame({"status": ["supported", "not_testable", "undetermined"]})
    assert priority_finding(fit, "en") == (
        "Of the 3 declared priorities, the statistics support 1 and do not support 0; for 1 the "
        "industry groups of the statistics are too coarse to tell. 1 are horizontal priorities "
        "that no industry measures."
    )


def test_a_list_the_statistics_cannot_judge_is_not_said_to_be_supported_zero_times() -> None:
    # Stockholm's page read "stöder statistiken 0 och stöder inte 0": two undecided, one horizontal
    fit = pd.DataFrame({"status": ["undetermined", "undetermined", "not_testable"]})
    assert priority_finding(fit, "sv") == (
        "Statistiken kan ännu inte pröva de 3 uttalade prioriteringarna: för 2 av dem är "
        "statistikens branschgrupper för grova för att avgöra. 1 är horisontella prioriteringar "
        "som ingen bransch mäter."
    )
    only_horizontal = pd.DataFrame({"status": ["not_testable"]})
    assert priority_finding(only_horizontal, "en").startswith(
        "The statistics cannot judge any of the 1 declared priorities."
    )

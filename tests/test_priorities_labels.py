"""The classification returns reason codes; the words come at the edge, in Swedish and English."""

from __future__ import annotations

import pandas as pd
import pytest

from s3atlas.i18n import _catalog, use_language
from s3atlas.priorities import (
    METHOD_WORDS,
    PARTNER_WORDS,
    REASON_CODES,
    REASON_WORDS,
    classify_priorities,
    classify_text,
    method_label,
    reason_words,
    with_reasons,
)
from s3atlas.seeddata import declared_priorities


def _row(text: str) -> dict[str, str]:
    match = classify_text(text)[0]
    return {"county_code": "01", "priority": text, **match.__dict__}


# Each expected text is written out from the catalogue's message and the words of the priority.
WORDS = [
    (
        "Life science och hälsa",
        "matched",
        "träff på life science, hälsa",
        "matched life science, hälsa",
    ),
    (
        "Livsmedel i skärningen hållbarhet, hälsa, miljö & måltid",
        "aspect",
        "träff på livsmedel; orden efter ”i skärningen” anger aspekter, inte egna teman",
        "matched livsmedel; the words after “i skärningen” name aspects, not themes of their own",
    ),
    (
        "Samverkan för innovation",
        "process",
        "en process eller förmåga, inte en bransch: träff på innovation, samverkan",
        "a process or capability, not an industry: matched innovation, samverkan",
    ),
    (
        "Konkurrenskraftig produktion",
        "weak",
        "bara allmänna ord gav träff (produktion); låg säkerhet, granska",
        "only generic words matched (produktion); low confidence, review",
    ),
    ("", "empty", "tom prioritering", "empty priority text"),
    (
        "Умная специализация",
        "language",
        "okänt språk: texten är varken på svenska eller engelska",
        "language not recognised: the text is not in Swedish or English",
    ),
    (
        "Hållbar tillväxt",
        "vague",
        "för vag: bara allmänna ord (hållbar, tillväxt) och inget temaord",
        "too vague: only general words (hållbar, tillväxt) and no theme term",
    ),
    (
        "Kvantdatorer och rymd",
        "no_term",
        "inget temaord gav träff; lägg till ett ord i themes.yaml eller sätt temat för hand",
        "no theme term matched; add a term to themes.yaml or set the theme by hand",
    ),
]


@pytest.mark.parametrize(("text", "code", "swedish", "english"), WORDS)
def test_every_rule_reason_reads_in_swedish_and_english(text, code, swedish, english):
    row = _row(text)
    assert row["reason_code"] == code
    assert (reason_words(row, "sv"), reason_words(row, "en")) == (swedish, english)


def test_a_regions_own_manual_theme_reads_with_its_note_or_a_dash():
    row = {"reason_code": "manual", "note": "Regionalt seminarium 2024"}
    assert reason_words(row, "sv") == "satt för hand: Regionalt seminarium 2024"
    assert reason_words(row, "en") == "set by hand: Regionalt seminarium 2024"
    assert reason_words({"reason_code": "manual", "note": None}, "sv") == "satt för hand: –"


def test_a_manual_theme_of_the_taxonomy_reads_its_own_note_in_each_language():
    frame = classify_priorities(declared_priorities())
    row = frame[(frame.county_code == "05") & (frame.reason_code == "manual_taxonomy")].iloc[0]
    assert reason_words(row, "sv") == (
        "satt för hand: uppkopplade produkter och system är tillverkade varor (flygplan och "
        "försvarssystem, SNI 30; elektronik, 26) lika mycket som mjukvara"
    )
    assert reason_words(row, "en") == (
        "set by hand: connected products and systems are manufactured goods (aircraft and "
        "defence systems, SNI 30; electronics, 26) as much as software"
    )


def test_every_reason_code_has_words_and_every_message_has_swedish():
    assert set(REASON_WORDS) == set(REASON_CODES)
    messages = [*REASON_WORDS.values(), *PARTNER_WORDS.values(), *METHOD_WORDS.values()]
    assert [m for m in messages if m not in _catalog("sv")] == []


def test_an_unknown_code_is_shown_as_it_is():
    assert reason_words({"reason_code": "new_rule"}, "sv") == "new_rule"


def test_the_classification_is_the_same_whatever_the_language():
    own = pd.DataFrame(
        {
            "county_code": ["13"],
            "priority": ["Grön tillväxt"],
            "themes": ["food"],
            "note": ["Region Halland 2014"],
        }
    )
    with use_language("sv"):
        swedish = classify_priorities(declared_priorities(), overrides=own)
    with use_language("en"):
        english = classify_priorities(declared_priorities(), overrides=own)
    pd.testing.assert_frame_equal(swedish, english)
    assert "reason" not in swedish.columns
    assert not [c for c in swedish.columns if str(c).endswith(("_sv", "_en"))]


def test_with_reasons_adds_the_words_and_keeps_the_codes():
    frame = classify_priorities(declared_priorities())
    words = with_reasons(frame, "en")
    assert words.drop(columns="reason").equals(frame)
    gotland = words[(words.county_code == "09") & (words.priority == "Besöksnäring")]
    assert gotland.reason.tolist() == ["matched besöksnäring"]


def test_every_method_reads_in_swedish_and_english():
    methods = ["rule", "weak rule", "manual", "none"]
    assert [method_label(m, "sv") for m in methods] == [
        "ordregel",
        "svag ordregel, granska",
        "satt för hand",
        "ingen regel gav träff",
    ]
    assert [method_label(m, "en") for m in methods] == [
        "word rule",
        "weak word rule, review",
        "set by hand",
        "no rule matched",
    ]
    assert set(METHOD_WORDS) == set(classify_priorities(declared_priorities()).method) | {
        "weak rule",
        "none",
    }

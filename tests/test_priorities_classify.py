"""Classification of declared priorities: explainable, compound-aware, never an arbitrary theme."""

from __future__ import annotations

import pandas as pd
import pytest

from s3atlas.priorities import (
    REASON_CODES,
    UNCLASSIFIED,
    apply_overrides,
    classify_priorities,
    classify_text,
)
from s3atlas.seeddata import declared_priorities


def themes_of(text: str) -> set[str]:
    return {match.theme for match in classify_text(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Digitala tjänster", {"digital_ict"}),
        ("Tech-branschen", {"digital_ict"}),
        ("Autonoma digitaliserade intelligenta system", {"digital_ict", "advanced_manufacturing"}),
        ("Simulering & visualisering", {"digital_ict"}),
        ("Gröna näringar", {"forest_bioeconomy", "food"}),
        (
            "Platsens digitaliserade upplevelser",
            {"visitor_economy", "cultural_creative", "digital_ict"},
        ),
        ("Boende", {"cities_construction"}),
        ("Energieffektivt samhällsbyggande", {"energy_cleantech", "cities_construction"}),
        ("Gröna transporter/bostäder", {"transport_logistics", "cities_construction"}),
        ("ICT/E-hälsa", {"digital_ict", "life_science_health"}),
        ("Hälsa vård, omsorg", {"life_science_health", "welfare_services"}),
        ("Digitalisering av välfärdstjänster", {"digital_ict", "welfare_services"}),
        ("Träindustri", {"forest_bioeconomy"}),
        ("Sport, turism, outdoor", {"visitor_economy"}),
        ("Test- och övningsverksamhet", {"test_demonstration"}),
        ("Grön kemi", {"chemistry"}),
        ("Marin miljö och maritima näringar", {"marine_maritime"}),
        ("Avancerad tillverkning för krävande miljöer", {"advanced_manufacturing"}),
        ("Systemlösningar med sol", {"energy_cleantech"}),
        ("Livsmedel i skärningen hållbarhet, hälsa, miljö & måltid", {"food"}),
        ("Järnväg", {"advanced_manufacturing"}),
        ("Upplevelseproduktion", {"visitor_economy", "cultural_creative"}),
        (
            "Biobaserade näringar; hållbar produktion och effektiv distribution",
            {"forest_bioeconomy", "food"},
        ),
    ],
)
def test_tricky_priorities_get_the_themes_a_strategist_would_give(text, expected):
    assert themes_of(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Attityder för innovationer",
        "Effektiva processer för innovation",
        "Samverkan för innovation",
        "Entreprenörskraft",
        "Arbetsliv",
        "Affärsmodeller för hållbara systemlösningar",
    ],
)
def test_process_and_capability_priorities_are_horizontal_not_sectors(text):
    assert themes_of(text) == {"horizontal"}


def test_inclusive_working_life_is_horizontal_because_it_names_no_industry():
    # Gävleborg's "Hållbart inkluderande arbetsliv" is about work and inclusion across industries;
    # welfare services would compare it with care (SNI 87–88), which it is not.
    match = classify_text("Hållbart inkluderande arbetsliv")[0]
    assert (match.theme, match.method) == ("horizontal", "rule")
    assert "arbetsliv" in match.matched


def test_a_sector_word_wins_over_a_horizontal_one():
    assert themes_of("Innovation inom livsmedel") == {"food"}


def test_the_explanation_keeps_the_word_of_the_text_and_the_pattern_it_matched_apart():
    match = classify_text("Platsens digitaliserade upplevelser")[0]
    assert (match.matched, match.terms) == ("digitaliserade", "digital*")
    assert classify_text("Tech-branschen")[0].reason_code == "matched"
    # the words people read, in the text's order, beside the patterns life science* and *hälsa
    assert [(m.matched, m.terms) for m in classify_text("Life science och hälsa")] == [
        ("life science; hälsa", "life science*; *hälsa")
    ]
    assert classify_text("Folkhälsa")[0].matched == "folkhälsa"


def test_generic_words_alone_give_a_low_confidence_theme_to_review():
    match = classify_text("Konkurrenskraftig produktion")[0]
    assert (match.theme, match.confidence, match.method) == (
        "advanced_manufacturing",
        0.5,
        "weak rule",
    )


def test_phrases_are_surer_than_compound_parts():
    assert classify_text("Life science")[0].confidence == 0.95
    assert classify_text("Folkhälsa")[0].confidence == 0.8
    assert classify_text("Skog")[0].confidence == 0.9


@pytest.mark.parametrize(
    ("text", "reason_code"),
    [
        ("Hållbar tillväxt", "vague"),
        ("Smarta framtidslösningar", "vague"),
        ("", "empty"),
        ("  / ", "empty"),
        ("Умная специализация", "language"),
        ("Kvantdatorer och rymd", "no_term"),
    ],
)
def test_vague_empty_or_unknown_priorities_are_unclassified_with_the_reason(text, reason_code):
    [match] = classify_text(text)
    assert match.theme == UNCLASSIFIED and match.confidence == 0.0
    assert match.reason_code == reason_code


def test_a_vague_priority_keeps_the_general_words_it_has():
    [match] = classify_text("Hållbar tillväxt")
    assert match.matched.split("; ") == ["hållbar", "tillväxt"]


def test_every_one_of_the_80_bundled_priorities_gets_a_theme_with_an_explanation():
    frame = classify_priorities(declared_priorities())
    per_priority = frame.groupby(["county_code", "priority"])
    assert len(per_priority) == 80
    assert (frame.theme != UNCLASSIFIED).all()
    ruled = frame[frame.method != "manual"]
    assert (ruled.matched != "").all() and (ruled.terms != "").all()
    assert set(frame.reason_code) <= set(REASON_CODES)
    assert ruled.confidence.between(0.5, 0.95).all()
    # the two the taxonomy sets by hand, each with its reason
    manual = frame[frame.method == "manual"].groupby("county_code").priority.first()
    assert manual.to_dict() == {
        "05": "Smarta, säkra och uppkopplade produkter/system",
        "14": "Hållbara transporter",
    }


def test_only_the_generic_wordings_get_low_confidence_in_the_bundled_list():
    frame = classify_priorities(declared_priorities())
    low = frame[frame.confidence < 0.8]
    assert sorted(set(low.priority)) == ["Grön tillväxt", "Konkurrenskraftig produktion"]


def test_a_manual_override_replaces_the_rules_for_that_priority_only():
    classified = classify_priorities(declared_priorities())
    manual = pd.DataFrame(
        {
            "county_code": ["13"],
            "priority": ["GRÖN TILLVÄXT"],
            "themes": [["energy_cleantech", "food"]],
            "note": ["Region Halland 2014"],
        }
    )
    result = apply_overrides(classified, manual)
    halland = result[(result.county_code == "13") & (result.priority == "Grön tillväxt")]
    assert halland[["theme", "confidence", "method"]].values.tolist() == [
        ["energy_cleantech", 1.0, "manual"],
        ["food", 1.0, "manual"],
    ]
    assert halland[["reason_code", "note"]].iloc[0].tolist() == ["manual", "Region Halland 2014"]
    # the rule gave three themes (energy, forest, food on the word "grön"), the override two
    assert len(result) == len(classified) - 1

"""The 80 declared priorities: their themes and their SNI 2007 divisions agree.

Two mappings describe each priority of Tillväxtverket (2018), *Smart specialisering i
21 regioner*: the themes it is classified into (``data/priorities/themes.yaml``, read by
the rules of :mod:`s3atlas.priorities.classify`) and the divisions that measure it
(``data/analysis/priority_industries.yaml``). A priority's divisions must lie inside the
divisions of its themes, or its note must name each division outside them and say why.
The cases below are those a Swedish regional analyst corrected; each comment gives the
reading of the Swedish name the expected values follow.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from s3atlas.analysis.fit import priority_industries
from s3atlas.classifications import find_industry
from s3atlas.priorities import (
    HORIZONTAL,
    bundled_overrides,
    classify_priorities,
    classify_text,
    load_taxonomy,
    reason_words,
)
from s3atlas.seeddata import declared_priorities


@pytest.fixture(scope="module")
def classified() -> pd.DataFrame:
    return classify_priorities(declared_priorities())


@pytest.fixture(scope="module")
def mapping() -> pd.DataFrame:
    return priority_industries().set_index(["region", "priority"])


def themes_of(classified: pd.DataFrame, county: str, priority: str) -> set[str]:
    rows = classified[(classified.county_code == county) & (classified.priority == priority)]
    return set(rows.theme)


def divisions_of_themes(themes: set[str]) -> set[str]:
    taxonomy = load_taxonomy()
    return set().union(*(taxonomy.get(t).divisions for t in themes))


def test_every_priority_is_measured_inside_its_themes_or_its_note_says_why(classified, mapping):
    declared = declared_priorities()
    assert len(declared) == 80
    problems = []
    for county, priority in zip(declared.county_code, declared.priority, strict=True):
        themes = themes_of(classified, county, priority)
        row = mapping.loc[(county, priority)]
        outside = sorted(set(row.sni) - divisions_of_themes(themes))
        unexplained = [d for d in outside if not re.search(rf"\b{d}\b", str(row.note))]
        if unexplained:
            problems.append(f"{county} {priority}: {unexplained} outside {sorted(themes)}")
    assert problems == []


def test_horizontal_priorities_are_horizontal_in_both_mappings(classified, mapping):
    for (county, priority), row in mapping.iterrows():
        themes = themes_of(classified, county, priority)
        if row.kind == "horizontal":
            assert themes == {HORIZONTAL} and row.sni == [], (county, priority)
        else:
            assert HORIZONTAL not in themes and row.sni, (county, priority)


CORRECTED = [
    # "Livsmedel i skärningen hållbarhet, hälsa, miljö & måltid": livsmedel är ämnet;
    # hälsa, miljö och måltid är perspektiv på maten, inte hälso- och sjukvård. Måltiden
    # (restaurang och catering, 56) står i noten.
    ("18", "Livsmedel i skärningen hållbarhet, hälsa, miljö & måltid", {"food"}),
    # "Järnväg" i Västmanland är järnvägsindustrin (rullande materiel och signalsystem,
    # SNI 30.2), inte järnvägstransporter (49).
    ("19", "Järnväg", {"advanced_manufacturing"}),
    # "Upplevelsenäringar" och "Upplevelseproduktion" är både besöksnäring och kulturella och
    # kreativa näringar (KK-stiftelsens upplevelseindustri: turism, måltid, film, musik,
    # scenkonst, design, media, marknadskommunikation ...).
    ("24", "Upplevelsenäringar", {"visitor_economy", "cultural_creative"}),
    ("20", "Upplevelseproduktion", {"visitor_economy", "cultural_creative"}),
    # "Platsens digitaliserade upplevelser": digitalisering av upplevelser, alltså också
    # kulturella och kreativa näringar, inte bara besöksnäring.
    (
        "17",
        "Platsens digitaliserade upplevelser",
        {"digital_ict", "visitor_economy", "cultural_creative"},
    ),
    # "Autonoma digitaliserade intelligenta system": autonoma system är maskiner (robotar,
    # självkörande fordon och gruvmaskiner, SNI 28) som styrs av mjukvara (62).
    (
        "18",
        "Autonoma digitaliserade intelligenta system",
        {"digital_ict", "advanced_manufacturing"},
    ),
    # "Hållbara transporter" i Västra Götaland är fordonsindustrin (Volvo, SNI 29) lika mycket
    # som transporterna (49, 52): satt för hand i themes.yaml.
    ("14", "Hållbara transporter", {"transport_logistics", "advanced_manufacturing"}),
    # "Smarta, säkra och uppkopplade produkter/system": produkterna och systemen är
    # tillverkade varor (flygplan, 30; elektronik, 26) lika mycket som mjukvara (62).
    (
        "05",
        "Smarta, säkra och uppkopplade produkter/system",
        {"digital_ict", "advanced_manufacturing"},
    ),
    # "Grön tillväxt": ordet "grön" ensamt kan betyda de gröna näringarna (jord- och
    # skogsbruk) lika väl som miljöteknik och energi; låg säkerhet, granska.
    ("13", "Grön tillväxt", {"energy_cleantech", "forest_bioeconomy", "food"}),
]


@pytest.mark.parametrize(("county", "priority", "themes"), CORRECTED)
def test_corrected_priorities_get_the_themes_of_their_swedish_name(
    classified, county, priority, themes
):
    assert themes_of(classified, county, priority) == themes


DIVISIONS = [
    # Livsmedel: jordbruk (01), livsmedel (10), drycker (11) och måltiden (56, i noten).
    ("18", "Livsmedel i skärningen hållbarhet, hälsa, miljö & måltid", ["01", "10", "11", "56"]),
    # Järnväg: tillverkning av andra transportmedel (30), där rullande materiel ingår;
    # landtransport (49) är trafiken, inte prioriteringen.
    ("19", "Järnväg", ["30"]),
    # Upplevelsenäringar/-produktion: besöksnäringen (55, 56, 79, 93) och de kulturella och
    # kreativa näringarna (58 förlag, 59 film och musik, 60 radio och tv, 73 reklam,
    # 74 design och foto, 90 konst och scen, 91 museer).
    (
        "24",
        "Upplevelsenäringar",
        ["55", "56", "58", "59", "60", "73", "74", "79", "90", "91", "93"],
    ),
    (
        "20",
        "Upplevelseproduktion",
        ["55", "56", "58", "59", "60", "73", "74", "79", "90", "91", "93"],
    ),
    # "Hälsa och sjukvård" är hälso- och sjukvård (86), inte omsorg (87) eller sociala
    # insatser (88).
    ("24", "Hälsa och sjukvård", ["86"]),
    # "Hälsa" i Halland: hälso- och sjukvård (86) och medicinteknik (32.5, Getinge); inte
    # omsorg (87, 88).
    ("13", "Hälsa", ["32", "86"]),
    # "Boende" i Kalmar är bostäder och boendemiljö: husbyggande (41) och fastigheter (68).
    # Logi (55) hör till länets egen prioritering Besöksnäring.
    ("08", "Boende", ["41", "68"]),
]


@pytest.mark.parametrize(("county", "priority", "divisions"), DIVISIONS)
def test_corrected_priorities_are_measured_by_the_divisions_of_their_swedish_name(
    mapping, county, priority, divisions
):
    assert mapping.loc[(county, priority)].sni == divisions


@pytest.mark.parametrize(
    ("theme", "division", "why"),
    [
        # energiteknik: generatorer, transformatorer, batterier (ABB, cleantech)
        ("energy_cleantech", "27", "Tillverkning av elapparatur"),
        # material: polymerer och andra kemiska material (Material, Avancerade material)
        ("advanced_manufacturing", "20", "Tillverkning av kemikalier och kemiska produkter"),
        # välfärdstjänster är vård och omsorg: hela avdelning Q
        ("welfare_services", "86", "Hälso- och sjukvård"),
        # grön kemi: raffinaderierna, där förnybara drivmedel tillverkas
        ("chemistry", "19", "raffinerade petroleumprodukter"),
    ],
)
def test_themes_take_in_the_divisions_their_priorities_are_about(theme, division, why):
    assert division in load_taxonomy().get(theme).divisions
    assert why in find_industry(division).name_sv


def test_words_after_an_aspect_marker_count_when_nothing_before_it_names_a_theme():
    # "Innovation i skärningen mellan livsmedel och hälsa": innovation is no sector, so the
    # aspects are all there is to go on.
    themes = {m.theme for m in classify_text("Innovation i skärningen mellan livsmedel och hälsa")}
    assert themes == {"food", "life_science_health"}


def test_rail_transport_is_transport_and_the_rail_industry_is_manufacturing():
    assert {m.theme for m in classify_text("Järnvägstransporter")} == {"transport_logistics"}
    assert {m.theme for m in classify_text("Järnvägsindustri")} == {"advanced_manufacturing"}
    assert {m.theme for m in classify_text("Fordonsindustri")} == {"advanced_manufacturing"}


def test_a_manual_theme_of_the_taxonomy_gives_its_reason_in_both_languages():
    rows = classify_priorities(declared_priorities())
    row = rows[rows.priority == "Hållbara transporter"].iloc[0]
    assert (row.method, row.confidence, row.reason_code) == ("manual", 1.0, "manual_taxonomy")
    for lang, start in [
        ("sv", "satt för hand: Västra Götalands hållbara transporter är fordonsindustrin"),
        ("en", "set by hand: Västra Götaland's sustainable transport is the vehicle industry"),
    ]:
        assert reason_words(row, lang).startswith(start)
    assert bundled_overrides().county_code.tolist() == ["14", "05"]


def test_a_regions_own_manual_theme_replaces_the_taxonomys():
    own = pd.DataFrame(
        {
            "county_code": ["14"],
            "priority": ["Hållbara transporter"],
            "themes": ["transport_logistics"],
            "note": ["regional workshop"],
        }
    )
    rows = classify_priorities(declared_priorities(), overrides=own)
    vg = rows[(rows.county_code == "14") & (rows.priority == "Hållbara transporter")]
    assert vg.theme.tolist() == ["transport_logistics"]
    assert [reason_words(r, "en") for r in vg.to_dict("records")] == [
        "set by hand: regional workshop"
    ]

"""Borrowable capacity across regions, on a fixture of two published regions' maps (and one
unpublished)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app
from s3atlas.ecosystem.analysis.borrowing import (
    area_themes,
    borrow_candidates,
    borrowable_offers,
    published_maps,
)
from s3atlas.ecosystem.labels import borrow_in_words, borrow_reason
from s3atlas.ecosystem.store import actors, rounds, service
from s3atlas.ecosystem.store.queries import provisions_frame
from s3atlas.errors import InputError
from s3atlas.i18n import use_language
from s3atlas.store import Store, open_store
from s3atlas.store.rounds import ensure_region
from s3atlas.web.auth import set_published

USER = "anna"
_register_all()
runner = CliRunner()


def build_maps(store: Store) -> None:
    """Västerbotten (24) and Norrbotten (25) published; Västernorrland (22) not.

    24: Skoglig bioekonomi (SNI 02, 16: forest bioeconomy) and Life science (21: life science);
        test_demo by "Skogstestbädden" for Skoglig bioekonomi only (system-unique), borrowable
        yes; incubation for every area (system-common), borrowable yes — not an offer.
    25: Skog och trä (16, 17: forest bioeconomy) and Hälsa (86: life science, welfare);
        early_phase_excellence by "Rymdlabbet" for Hälsa only, borrowable on conditions;
        incubation for every area.
    22: Skogsindustri (17), nothing provided; early_phase_excellence offered (yes) but unpublished.
    """
    for code, name in (("24", "Västerbotten"), ("25", "Norrbotten"), ("22", "Västernorrland")):
        ensure_region(store, code, name, user=USER)
        rounds.open_round(store, code, "2025", user=USER)
    skog = service.add_area(store, "24", "Skoglig bioekonomi", ["02", "16"], user=USER)
    service.add_area(store, "24", "Life science", ["21"], user=USER)
    bed = actors.add_actor(store, "24", "Skogstestbädden", "test_demo_facility", user=USER)
    service.add_provision(
        store,
        "24",
        "test_demo",
        actor_id=bed["id"],
        area_id=skog["id"],
        user=USER,
        borrowable="ja",
    )
    service.add_provision(store, "24", "incubation", user=USER, borrowable="yes")
    service.add_area(store, "25", "Skog och trä", ["16", "17"], user=USER)
    halsa = service.add_area(store, "25", "Hälsa", ["86"], user=USER)
    lab = actors.add_actor(store, "25", "Rymdlabbet", "research_institute", user=USER)
    service.add_provision(
        store,
        "25",
        "early_phase_excellence",
        actor_id=lab["id"],
        area_id=halsa["id"],
        user=USER,
        borrowable="conditions",
        borrow_terms="Mot avgift",
    )
    service.add_provision(store, "25", "incubation", user=USER)
    other = service.add_area(store, "22", "Skogsindustri", ["17"], user=USER)
    service.add_area(store, "22", "Vård", ["86"], user=USER)
    service.add_provision(
        store, "22", "early_phase_excellence", area_id=other["id"], user=USER, borrowable="yes"
    )
    set_published(store, "24", True)
    set_published(store, "25", True)


@pytest.fixture
def maps(store: Store):
    build_maps(store)
    from s3atlas.web.auth import published_regions

    return published_maps(store, published_regions(store))


def test_area_themes_come_from_sni_divisions_then_the_name():
    import pandas as pd

    areas = pd.DataFrame(
        {
            "area_id": ["a", "b", "c"],
            "name": ["X", "Hälsa", "Besöksnäring"],
            "sni": ["16", "86", ""],
        }
    )
    themes = area_themes(areas)
    assert themes["a"] == ["forest_bioeconomy"]
    assert set(themes["b"]) == {"life_science_health", "welfare_services"}
    assert themes["c"] == ["visitor_economy"]


def test_only_system_unique_functions_answered_yes_or_conditions_are_offers(maps):
    offers = borrowable_offers(maps)
    assert offers[["region_code", "function_code", "area", "borrowable"]].values.tolist() == [
        ["24", "test_demo", "Skoglig bioekonomi", "yes"],
        ["25", "early_phase_excellence", "Hälsa", "conditions"],
    ]
    assert offers.themes.tolist() == [
        ["forest_bioeconomy"],
        ["life_science_health", "welfare_services"],
    ]
    assert offers.borrow_terms.fillna("").tolist() == ["", "Mot avgift"]
    assert "22" not in set(offers.region_code)  # not published


def test_candidates_are_regions_lacking_the_function_in_the_same_theme(maps):
    pairs = borrow_candidates(maps)
    assert pairs[
        ["region_code", "function_code", "theme", "borrower_code", "borrower_area"]
    ].values.tolist() == [
        ["24", "test_demo", "forest_bioeconomy", "25", "Skog och trä"],
        ["25", "early_phase_excellence", "life_science_health", "24", "Life science"],
    ]
    functions = maps[0].snapshot.functions
    assert borrow_in_words(pairs, functions, "en").reason.iloc[1] == (
        "Norrbotten offers to share Research and excellence in the early phase (system-unique, "
        "serving Hälsa) on conditions: Mot avgift; Västerbotten's strength area Life science is "
        "in the same theme, Life science and health, and has no Research and excellence in the "
        "early phase."
    )
    reason_sv = borrow_in_words(pairs, functions, "sv").reason.iloc[0]
    assert reason_sv.startswith("Västerbotten erbjuder att dela Test och demo")


def test_a_region_that_has_the_function_is_no_candidate(store: Store):
    build_maps(store)
    service.add_provision(store, "25", "test_demo", user=USER)  # every area of Norrbotten
    from s3atlas.web.auth import published_regions

    pairs = borrow_candidates(published_maps(store, published_regions(store)))
    assert "test_demo" not in set(pairs.function_code)


def test_borrowable_answer_is_checked_and_stored(store: Store):
    build_maps(store)
    frame = provisions_frame(store, "25")
    pid = int(frame.loc[frame.function == "incubation", "id"].iloc[0])
    with use_language("en"), pytest.raises(InputError, match="expected yes, no or conditions"):
        service.update_provision(store, "25", pid, user=USER, borrowable="maybe")
    service.update_provision(store, "25", pid, user=USER, borrowable="nej")
    frame = provisions_frame(store, "25").set_index("id")
    assert frame.loc[pid, "borrowable"] == "no"


def test_cli_sets_the_answer_and_shows_the_national_view(workspace: Path):
    from s3atlas.workspace import resolve_workspace

    store = open_store(resolve_workspace(workspace).db_url())
    store.migrate()
    build_maps(store)
    frame = provisions_frame(store, "24")
    pid = str(frame.loc[frame.function == "test_demo", "id"].iloc[0])
    result = runner.invoke(
        app,
        [
            "--lang",
            "en",
            "ecosystem",
            "set-borrowable",
            "24",
            pid,
            "conditions",
            "--terms",
            "Vardagar",
        ],
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["--lang", "en", "ecosystem", "borrowable", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["region_code"], r["borrower_code"], r["borrowable"]) for r in rows] == [
        ("24", "25", "conditions"),
        ("25", "24", "conditions"),
    ]
    assert rows[0]["borrow_terms"] == "Vardagar"
    assert "on conditions: Vardagar" in borrow_reason(rows[0], "Test and demo", "en")
    offers = runner.invoke(
        app, ["--lang", "en", "ecosystem", "borrowable", "--offers", "--format", "csv"]
    )
    assert offers.exit_code == 0 and "Skogstestbädden" in offers.output


@pytest.fixture
def web(tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from s3atlas.web.app import create_app

    monkeypatch.setenv("S3ATLAS_SECRET_KEY", "k" * 48)
    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    application = create_app(tmp_path / "ws")
    store = application.state.context.store
    store.migrate()
    build_maps(store)
    return TestClient(application), store


def test_page_and_api_show_only_published_maps(web):
    client, store = web
    page = client.get("/borrowable?lang=en")
    assert page.status_code == 200
    assert "Skogstestbädden" in page.text and "Skog och trä" in page.text
    assert "Skogsindustri" not in page.text  # Västernorrland is not published
    data = client.get("/api/ecosystem/borrowable").json()
    assert [o["region_code"] for o in data["offers"]] == ["24", "25"]
    assert [(c["region_code"], c["borrower_code"]) for c in data["candidates"]] == [
        ("24", "25"),
        ("25", "24"),
    ]
    set_published(store, "25", False)
    data = client.get("/api/ecosystem/borrowable").json()
    assert [o["region_code"] for o in data["offers"]] == ["24"]
    assert data["candidates"] == []


def test_an_editor_sets_the_answer_in_the_provision_form(web):
    import re

    from s3atlas.web.auth import add_user

    client, store = web
    add_user(store, "anna", "correct horse battery", "editor", ["24"])
    login = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', login.text).group(1)
    client.post(
        "/login",
        data={"username": "anna", "password": "correct horse battery", "csrf_token": token},
    )
    frame = provisions_frame(store, "24")
    pid = int(frame.loc[frame.function == "test_demo", "id"].iloc[0])
    actor = build_actor_id(store)
    form = client.get(f"/region/24/actor/{actor}/edit")
    assert form.status_code == 200, form.text
    assert f"/provisions/{pid}/borrowable" in form.text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    answer = client.post(
        f"/region/24/actor/{actor}/provisions/{pid}/borrowable",
        data={"csrf_token": token, "borrowable": "conditions", "borrow_terms": "Vardagar"},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    stored = provisions_frame(store, "24").set_index("id").loc[pid]
    assert (stored.borrowable, stored.borrow_terms) == ("conditions", "Vardagar")


def build_actor_id(store: Store) -> int:
    from s3atlas.ecosystem.store.queries import actors_frame

    frame = actors_frame(store, "24")
    return int(frame.loc[frame.name == "Skogstestbädden", "id"].iloc[0])


def test_the_answer_is_carried_into_the_next_round(store: Store):
    build_maps(store)
    rounds.open_round(store, "25", "2026", user=USER)
    frame = provisions_frame(store, "25", "2026")
    row = frame[frame.function == "early_phase_excellence"].iloc[0]
    assert (row.borrowable, row.borrow_terms) == ("conditions", "Mot avgift")

"""The monitoring and scoreboard pages, their downloads, the editor form and the API."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from s3atlas.i18n import _catalog
from s3atlas.monitoring import Indicator
from s3atlas.monitoring.store import save_indicators
from s3atlas.web.app import create_app
from s3atlas.web.auth import add_user, set_published

PASSWORD = "correct horse battery"
TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "s3atlas" / "web" / "templates"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    mp = pytest.MonkeyPatch()
    mp.setenv("S3ATLAS_SECRET_KEY", "k" * 48)
    mp.delenv("S3ATLAS_DB", raising=False)
    application = create_app(tmp_path_factory.mktemp("mon") / "ws")
    store = application.state.context.store
    store.migrate()
    for code in ("24", "20"):
        set_published(store, code, True)
    add_user(store, "anna", PASSWORD, "editor", ["24"])
    yield application
    mp.undo()


@pytest.fixture
def client(app):
    return TestClient(app)


def _csrf(client, url):
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).text)
    assert found, f"no CSRF token on {url}"
    return found.group(1)


def _sign_in(client, username):
    token = _csrf(client, "/login")
    reply = client.post(
        "/login",
        data={"username": username, "password": PASSWORD, "next": "/", "csrf_token": token},
        follow_redirects=False,
    )
    assert reply.status_code == 303


def test_dalarnas_page_shows_its_goals_with_no_data_and_the_source_needed(client):
    page = client.get("/region/Dalarna/monitoring", follow_redirects=True)
    assert page.status_code == 200
    text = page.text
    for goal in ("Klimatsmart", "Konkurrenskraftigt", "Sammanhållet", "Hälsa &amp; välfärd"):
        assert goal in text
    assert "inga data" in text and "Naturvårdsverket" in text
    assert "Exempelmål" not in text  # Dalarna's framework has no targets, none are invented
    assert 'data-s3-chart="ind-rd_total-spec"' in text
    assert "/region/20/chart/indicator.png?code=rd_total" in text


def test_vasterbottens_page_in_english_shows_priorities_peers_and_downloads(client):
    page = client.get("/region/24/monitoring?lang=en")
    assert page.status_code == 200
    assert "Hälsa och sjukvård" in page.text and "Peer regions" in page.text
    assert "Peers across Europe (NUTS 2)" in page.text
    assert "/region/24/download/peers.csv?level=nuts2" in page.text
    assert "/region/24/download/monitoring.xlsx" in page.text
    # the bundled 2018 list is named as what it is, not as "version 0" of the region's own list
    said = " ".join(page.text.split())
    assert "Priorities: the 6 of the national survey (Tillväxtverket (2018)" in said
    assert "version 0" not in said
    assert "no target" in page.text


def test_an_editor_sets_an_example_target_and_every_view_says_example(app, client):
    _sign_in(client, "anna")
    token = _csrf(client, "/region/24/monitoring")
    form = {
        "csrf_token": token,
        "code": "new_firms_per_1000_employed",
        "baseline_year": "2008",
        "baseline_value": "9",
        "target_year": "2028",
        "target_value": "14",
        "example": "ja",
    }
    reply = client.post("/region/24/monitoring/target", data=form, follow_redirects=False)
    assert reply.status_code == 303
    page = client.get("/region/24/monitoring")
    assert "Exempelmål" in page.text and "efter plan" in page.text
    body = client.get("/region/24/download/monitoring.xlsx").content
    sheet = openpyxl.load_workbook(io.BytesIO(body)).worksheets[0]
    targets = [row for row in sheet.iter_rows(values_only=True) if row and "(exempel)" in str(row)]
    assert len(targets) == 1
    api = client.get("/api/monitoring/24").json()
    row = next(r for r in api if r["code"] == "new_firms_per_1000_employed")
    assert row["example"] is True and row["status"] == "off_track"


def test_a_bad_target_is_refused_with_the_reason_on_the_page(client):
    _sign_in(client, "anna")
    token = _csrf(client, "/region/24/monitoring")
    form = {
        "csrf_token": token,
        "code": "rd_total",
        "baseline_year": "2015",
        "baseline_value": "10",
        "target_year": "2010",
        "target_value": "12",
    }
    reply = client.post("/region/24/monitoring/target", data=form)
    assert reply.status_code == 422
    assert "målåret måste komma efter basåret" in reply.text


def test_only_the_regions_editors_may_set_targets(client):
    token = _csrf(client, "/login")
    form = {"csrf_token": token, "code": "rd_total"}
    assert client.post("/region/20/monitoring/target", data=form).status_code == 401


def test_monitoring_is_public_statistics_even_before_the_map_is_published(client):
    # docs/security.md: statistics are public for every region; only the ecosystem map and the
    # stored priority lists wait for publication.
    assert client.get("/region/25/monitoring").status_code == 200


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("/region/24/download/monitoring.csv", "text/csv"),
        ("/region/24/download/peers.xlsx", "spreadsheetml"),
        ("/region/24/download/peers.csv?level=nuts2", "text/csv"),
        ("/region/24/download/monitoring-values.csv", "text/csv"),
        ("/region/24/chart/indicator.svg?code=rd_total", "image/svg+xml"),
        ("/region/24/chart/indicator.png?code=priority_digitala_tjanster_lq", "image/png"),
        ("/scoreboard/download/scoreboard.xlsx", "spreadsheetml"),
        ("/scoreboard/download/normalisation.csv", "text/csv"),
        ("/scoreboard/chart/scoreboard.svg", "image/svg+xml"),
    ],
)
def test_every_table_and_chart_downloads(client, url, kind):
    reply = client.get(url)
    assert reply.status_code == 200 and kind in reply.headers["content-type"]


def test_an_unknown_indicator_chart_is_a_clean_not_found(client):
    reply = client.get("/region/24/chart/indicator.svg?code=nosuch")
    assert reply.status_code == 404 and reply.json()["error"] == "not_found"


def test_scoreboard_page_shows_groups_and_the_normalisation(client):
    page = client.get("/scoreboard")
    assert page.status_code == 200
    assert "Normalisering" in page.text and "ledande" in page.text
    assert "/region/01/monitoring" in page.text
    assert client.get("/scoreboard?lang=en").text.count("Standard deviation") == 1


def test_api_is_in_the_openapi_and_gives_peers_and_the_scoreboard(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/monitoring/{region_code}", "/monitoring/{region_code}/peers", "/scoreboard"} <= set(
        paths
    )
    peers = client.get("/api/monitoring/24/peers?k=3&level=nuts2").json()
    assert peers["region"] == "SE33" and len(peers["peers"]) == 3
    board = client.get("/api/scoreboard").json()
    assert len(board["scores"]) == 21 and board["years"]["patents_per_million"] == 2012
    bad = client.get("/api/monitoring/24/peers?level=nuts9")
    assert bad.status_code == 422 and bad.json()["column"] == "level"


def test_a_peer_count_below_1_is_refused_as_the_schema_says(client):
    bad = client.get("/api/monitoring/24/peers?k=0")
    assert bad.status_code == 422 and bad.json()["column"].endswith("k")
    schema = client.get("/api/openapi.json").json()["paths"]["/monitoring/{region_code}/peers"]
    (parameter,) = [p for p in schema["get"]["parameters"] if p["name"] == "k"]
    assert parameter["schema"]["minimum"] == 1


@pytest.mark.parametrize("tolerance", ["-0.5", "1", "7"])
def test_a_tolerance_outside_0_to_1_is_refused_as_the_schema_says(client, tolerance):
    """The tolerance is a share of the planned change: 0 up to (not including) 1."""
    bad = client.get(f"/api/monitoring/24?tolerance={tolerance}")
    assert bad.status_code == 422 and bad.json()["column"].endswith("tolerance")
    schema = client.get("/api/openapi.json").json()["paths"]["/monitoring/{region_code}"]
    (parameter,) = [p for p in schema["get"]["parameters"] if p["name"] == "tolerance"]
    assert parameter["schema"]["minimum"] == 0 and parameter["schema"]["exclusiveMaximum"] == 1


def test_every_message_of_the_monitoring_templates_has_swedish_text():
    swedish = _catalog("sv")
    missing = []
    for name in ("monitoring.html", "scoreboard.html"):
        text = (TEMPLATES / name).read_text(encoding="utf-8")
        for msgid in re.findall(r'_\("((?:[^"\\]|\\.)*)"', text):
            if msgid not in swedish:
                missing.append(f"{name}: {msgid}")
    assert not missing, "\n".join(missing)


def test_a_stored_indicator_with_a_target_shows_its_path_in_the_chart(app, client):
    store = app.state.context.store
    item = Indicator(
        "exports",
        "result",
        "Exportandel",
        "Export share",
        unit="%",
        goal="Export",
        objective="Fler företag säljer på världsmarknaden",
        baseline_year=2015,
        baseline_value=20.0,
        target_year=2025,
        target_value=30.0,
        milestones={2020: 24.0},
        example=True,
    )
    save_indicators(store, "20", [item])
    page = client.get("/region/20/monitoring")
    assert "Export" in page.text and "Exempelmål" in page.text
    assert "Förväntad förändring" in page.text and "Fler företag säljer" in page.text
    assert "2020:24.0" in page.text  # the milestone, between baseline and target


def test_the_page_shows_the_strategy_and_the_actions_under_their_priority(app, client):
    from s3atlas.monitoring.logic import save_logic

    store = app.state.context.store
    with store.transaction() as session:
        save_logic(
            session,
            [
                {
                    "county_code": "24",
                    "name": "RIS3 Västerbotten",
                    "start_year": 2021,
                    "end_year": 2027,
                    "source": "Region Västerbotten",
                }
            ],
            [
                {
                    "county_code": "24",
                    "goal": "Life Science",
                    "name": "Testbädd för vård",
                    "owner": "Region Västerbotten",
                    "budget": 2500000.0,
                    "start_year": 2022,
                    "end_year": 2025,
                },
                {
                    "county_code": "24",
                    "goal": "Kompetensförsörjning",
                    "name": "Yrkeshögskola",
                    "owner": "",
                    "budget": None,
                    "start_year": None,
                    "end_year": None,
                },
            ],
        )
    page = client.get("/region/24/monitoring").text
    assert "RIS3 Västerbotten" in page and "version 1" in page
    section = page[page.index("Life Science\n  </h2>") :]
    assert "Testbädd för vård" in section[:4000] and "Insatser och instrument" in section[:4000]
    logic = client.get("/api/monitoring/24/logic").json()
    assert "Insatser under andra mål" in page
    assert "Kompetensförsörjning: <strong>Yrkeshögskola" in page
    assert logic["strategy"]["name"] == "RIS3 Västerbotten" and len(logic["actions"]) == 2

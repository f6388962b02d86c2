"""The cluster pages and their downloads through the in-process client (invented test data)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from s3atlas.accounts import set_published
from s3atlas.clusters.links import update_areas, update_members
from s3atlas.clusters.service import set_phase
from s3atlas.clusters.survey_import import read_survey
from s3atlas.clusters.survey_store import import_survey
from s3atlas.ecosystem.store.actors import add_actor
from s3atlas.ecosystem.store.rounds import open_round
from s3atlas.ecosystem.store.service import add_area, add_link
from s3atlas.store import open_store
from s3atlas.store.rounds import ensure_region
from s3atlas.viz.spec import values_of
from s3atlas.web import create_app
from s3atlas.web.views import clusters as cluster_views

FIXTURES = Path(__file__).parent / "fixtures" / "clusters"


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    ws = tmp_path / "ws"
    app = create_app(ws)
    if not any(getattr(r, "name", "") == "cluster_page" for r in app.routes):
        app.include_router(cluster_views.router)
    store = open_store(f"sqlite:///{ws / 's3atlas.db'}")
    ensure_region(store, "17", "Värmland", user="test")
    open_round(store, "17", "2017", user="test")
    ids = {
        name: add_actor(store, "17", name, kind, user="test", allow_similar=True)["id"]
        for name, kind in (
            ("Testkluster A", "cluster_organisation"),
            ("Testkluster B", "cluster_organisation"),
            ("Testfirma Ett", "firm"),
            ("Testuniversitetet", "university"),
        )
    }
    add_area(store, "17", "Skog och trä", ["16"], user="test")
    update_members(store, "Testkluster A", add=["Testfirma Ett", "Testuniversitetet"], user="test")
    update_areas(store, "Testkluster A", add=["Skog och trä"], user="test")
    add_link(store, "17", ids["Testkluster A"], ids["Testfirma Ett"], "collaboration", user="test")
    import_survey(
        store, read_survey(FIXTURES / "test_survey_wide_2017.csv", wave="2017"), user="test"
    )
    set_phase(store, "Testkluster A", "growth", user="test")
    set_published(store, "17", True)
    return TestClient(app)


def test_region_page_lists_the_clusters(client: TestClient) -> None:
    page = client.get("/region/17/clusters?lang=en")
    assert page.status_code == 200
    assert "Testkluster A" in page.text and "/region/17/clusters/Testkluster%20A" in page.text
    # Testkluster B has no phase yet: its dash sits where the words do, not right as a number
    assert '<td class="num">–</td>' not in page.text and "<td>–</td>" in page.text


def test_a_region_without_cluster_initiatives_says_how_one_comes_about(
    client: TestClient, tmp_path: Path
) -> None:
    # Västerbotten in this workspace has no actor of the kind cluster organisation: an empty
    # table with downloads of nothing said less than a sentence on what the page would show.
    store = open_store(f"sqlite:///{tmp_path / 'ws' / 's3atlas.db'}")
    ensure_region(store, "24", "Västerbottens län", user="test")
    set_published(store, "24", True)
    page = client.get("/region/24/clusters", headers={"accept": "text/html"}).text
    assert "Inget klusterinitiativ är kartlagt för Västerbottens län än." in page
    assert "<table" not in page and "/region/24/download/clusters.csv" not in page


def test_cluster_page_shows_phase_survey_chart_and_small_group_warning(client: TestClient) -> None:
    page = client.get("/region/17/clusters/Testkluster%20B?lang=en")
    assert page.status_code == 200
    assert "cluster-survey.csv" in page.text and "fewer than 5 answered" in page.text
    page_a = client.get("/region/17/clusters/Testkluster%20A?lang=en")
    assert "Growth" in page_a.text and "survey-spec" in page_a.text


def test_survey_download_has_the_hand_calculated_share(client: TestClient) -> None:
    response = client.get("/region/17/download/cluster-survey.csv?cluster=Testkluster%20A&lang=en")
    assert response.status_code == 200
    frame = pd.read_csv(io.BytesIO(response.content), encoding="utf-8-sig")
    row = frame[(frame["Question"] == "Other firms") & (frame["Answer"] == "Yes, to a high degree")]
    # 3 of 7 respondents: 42.857… %, written as percent like the page's "43 %"
    assert row["Share (%)"].iloc[0] == pytest.approx(100 * 3 / 7, abs=0.005)
    excel = client.get("/region/17/download/cluster-gaps.xlsx?cluster=Testkluster%20A")
    assert excel.status_code == 200 and excel.content[:2] == b"PK"


def _network(html: str) -> dict[str, Any]:
    found = re.search(
        r'<script type="application/json" id="cluster-net-elements">(.*?)</script>', html
    )
    assert found, "the page has no network JSON block"
    assert 'data-s3-network="cluster-net-elements"' in html
    return json.loads(found.group(1))  # type: ignore[no-any-return]


def test_cluster_page_draws_the_network_of_actor_groups_with_the_gaps(client: TestClient) -> None:
    page = client.get("/region/17/clusters/Testkluster%20A?by=group&lang=en")
    assert page.status_code == 200
    elements = _network(page.text)
    labels = {n["data"]["id"]: n["data"]["label"] for n in elements["nodes"]}
    # the cluster organisation (support), one firm, one university; no public actor
    assert labels == {
        "g:firms": "Firms (1)",
        "g:academia": "Academia (1)",
        "g:public_sector": "Public sector (0)",
        "g:support": "Support organisations (1)",
    }
    status = {e["data"]["id"]: e["data"]["status"] for e in elements["edges"]}
    assert status["g:firms:support"] == "ok" and status["g:firms:academia"] == "missing"
    assert "Actor group" in page.text and "Support function" not in page.text
    assert 'data-actor-url=""' in page.text


def test_cluster_network_by_actor_and_in_swedish(client: TestClient) -> None:
    page = client.get("/region/17/clusters/Testkluster%20A?by=actor&lang=sv")
    elements = _network(page.text)
    assert sorted(n["data"]["label"] for n in elements["nodes"]) == [
        "Testfirma Ett",
        "Testkluster A",
        "Testuniversitetet",
    ]
    kinds = [e["data"]["type"] for e in elements["edges"]]
    assert kinds == ["membership", "membership", "link"]  # two members, one collaboration
    assert elements["edges"][2]["data"]["weight"] == 1.0
    assert "Aktörsgrupp" in page.text and "Kopplade styrkeområden" in page.text


def test_the_links_table_lists_every_line_the_actor_network_draws(client: TestClient) -> None:
    page = client.get("/region/17/clusters/Testkluster%20A?lang=en")
    drawn = _network(page.text)["edges"]  # the actor view is the default
    table = client.get("/region/17/download/cluster-links.csv?cluster=Testkluster%20A&lang=en")
    frame = pd.read_csv(io.BytesIO(table.content), encoding="utf-8-sig")
    assert len(frame) == len(drawn) == 3
    assert frame["Kind of link"].tolist() == ["Member", "Member", "Interaction"]
    assert "Nothing recorded yet." not in page.text.split('id="links-h"')[1].split("</section>")[0]


def test_survey_shares_read_as_percent_and_the_survey_table_is_folded(client: TestClient) -> None:
    page = client.get("/region/17/clusters/Testkluster%20A").text
    survey = page.split('id="survey-h"')[1].split("</section>")[0]
    assert "<details" in survey and "Enkäten som tabell" in survey
    assert "43\xa0%" in survey  # 3 of 7 = 42,9 % → "43 %"
    table = survey.split("<details")[1]
    assert "0.42857" not in table and "0,42857" not in table


def test_bundled_cluster_files_are_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # parsing the YAML on every request made the cluster page take 0,5 s
    import yaml

    from s3atlas.clusters import _data
    from s3atlas.clusters.survey_items import load_survey_items

    _data._bundled.cache_clear()
    calls = []
    real = yaml.safe_load
    monkeypatch.setattr(yaml, "safe_load", lambda text: calls.append(1) or real(text))
    first, second = load_survey_items(), load_survey_items()
    assert len(calls) == 1 and first.question_sv == second.question_sv


def test_members_and_areas_download_as_csv_and_excel(client: TestClient) -> None:
    query = "?cluster=Testkluster%20A&lang=en"
    members = client.get("/region/17/download/cluster-members.csv" + query)
    assert members.status_code == 200
    frame = pd.read_csv(io.BytesIO(members.content), encoding="utf-8-sig")
    assert list(frame["Name"]) == ["Testfirma Ett", "Testuniversitetet"]
    assert list(frame["Kind"]) == ["Firm", "University"]
    areas = client.get("/region/17/download/cluster-areas.xlsx" + query)
    assert areas.status_code == 200
    sheet = pd.read_excel(io.BytesIO(areas.content))
    assert "Skog och trä" in sheet.astype(str).to_numpy().ravel().tolist()
    page = client.get("/region/17/clusters/Testkluster%20A?lang=en")
    assert "cluster-members.xlsx" in page.text and "cluster-areas.csv" in page.text


def test_each_survey_bar_says_how_many_firms_answered(client: TestClient) -> None:
    # fixture README: 7 answered "Andra företag" in 2017, only 4 "Forskare eller doktorander";
    # a bar of 4 answers looked as sure as one of 7
    page = client.get("/region/17/clusters/Testkluster%20A").text
    spec = json.loads(page.split('id="survey-spec">')[1].split("</script>")[0])
    bars = {row["item"] for row in values_of(spec)}
    assert "Andra företag · 2017 (baslinje), 7 svar" in bars
    assert "Forskare eller doktorander · 2017 (baslinje), bara 4 svar" in bars


def test_a_heading_that_names_its_table_is_not_repeated_as_a_caption(client: TestClient) -> None:
    page = client.get("/region/17/clusters/Testkluster%20A").text
    assert '<caption class="visually-hidden">Utvecklingsfas</caption>' in page
    assert "<caption>Kopplade styrkeområden</caption>" in page  # no heading of its own


def test_the_gaps_are_said_in_sentences_with_the_pair_table_folded(client: TestClient) -> None:
    # 14 rows, most of them "Gruppen saknas i klustret", were the whole section
    page = client.get("/region/17/clusters/Testkluster%20A").text
    gaps = page.split('id="gaps-h"')[1].split("</section>")[0]
    before_table = gaps.split("<details")[0]
    assert '<li class="gap-item">' in before_table
    assert "Klustret har ingen aktör i Offentlig sektor" in before_table
    assert "<table" not in before_table and "Alla par av grupper som tabell" in gaps
    assert "Företag – Akademi (enkät): Svag" in before_table


def test_a_gap_by_links_that_the_survey_contradicts_says_both() -> None:
    # no link between two firms is recorded, yet the firms say the cluster increased their
    # collaboration with other firms: a reader must not see only "Saknas"
    from s3atlas.web.views.clusters import gap_findings

    frame = pd.DataFrame(
        {
            "group_a": ["firms", "firms"],
            "group_b": ["firms", "firms"],
            "evidence": ["links", "survey"],
            "status": ["missing", "ok"],
            "actors_a": [3, 5],
            "actors_b": [3, None],
        }
    )
    assert gap_findings(frame, "sv")["gaps"] == [
        "Företag – Företag (kopplingar): Saknas; men enligt företagsenkäten finns det"
    ]


def test_every_cluster_edit_reads_as_words_in_the_activity_log(tmp_path: Path) -> None:
    # the log showed "cluster_phase" and "cluster_area" where the other rows had words
    from s3atlas.clusters.service import set_score
    from s3atlas.store.audit import audit_log, audit_words

    store = open_store(f"sqlite:///{tmp_path / 's3atlas.db'}")
    ensure_region(store, "17", "Värmland", user="test")
    open_round(store, "17", "2017", user="test")
    add_actor(store, "17", "Testkluster A", "cluster_organisation", user="test")
    add_area(store, "17", "Skog och trä", ["16"], user="test")
    update_areas(store, "Testkluster A", add=["Skog och trä"], user="test")
    set_phase(store, "Testkluster A", "growth", user="test")
    set_score(store, "Testkluster A", "gender_equality", "3", user="test")
    update_areas(store, "Testkluster A", remove=["Skog och trä"], user="test")
    entities = set(audit_log(store, "17").entity)
    assert {"cluster_area", "cluster_phase", "cluster_score"} <= entities
    shown = [audit_words(e, "sv") for e in entities]
    assert not [word for word in shown if "_" in word]

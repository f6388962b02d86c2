"""The cluster pages and their downloads through the in-process client (invented test data)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from s3atlas.clusters.service import set_phase
from s3atlas.clusters.survey_import import read_survey
from s3atlas.clusters.survey_store import import_survey
from s3atlas.ecosystem.actors import add_actor
from s3atlas.ecosystem.rounds import ensure_region, open_round
from s3atlas.store import open_store
from s3atlas.web import create_app
from s3atlas.web.auth import set_published
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
    for name in ("Testkluster A", "Testkluster B"):
        add_actor(store, "17", name, "cluster_organisation", user="test", allow_similar=True)
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
    assert row["Share"].iloc[0] == pytest.approx(3 / 7)  # 3 of 7 respondents
    excel = client.get("/region/17/download/cluster-gaps.xlsx?cluster=Testkluster%20A")
    assert excel.status_code == 200 and excel.content[:2] == b"PK"

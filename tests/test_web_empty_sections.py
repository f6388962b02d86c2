"""A section without data says so in words instead of drawing empty axes."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from s3atlas.accounts import set_published
from s3atlas.clusters.service import add_member
from s3atlas.ecosystem.store.actors import add_actor
from s3atlas.ecosystem.store.rounds import open_round
from s3atlas.store.rounds import ensure_region
from s3atlas.web import create_app


def test_a_new_cluster_explains_its_missing_assessment_and_survey(tmp_path: Path) -> None:
    app = create_app(tmp_path / "ws")
    store = app.state.context.store  # the app's own store, whatever S3ATLAS_DB says
    ensure_region(store, "17", "Värmland", user="test")
    open_round(store, "17", "2017", user="test")
    add_actor(store, "17", "Nytt kluster", "cluster_organisation", user="test")
    add_member(store, "Nytt kluster", "Ett företag AB", user="test", region="17")
    set_published(store, "17", True)
    client = TestClient(app, headers={"accept": "text/html"})
    reply = client.get("/region/17/clusters/Nytt kluster?lang=sv")
    assert reply.status_code == 200, reply.text[-2000:]
    html = reply.text
    assert "Ingen bedömning av de horisontella kriterierna" in html
    assert "Ingen företagsenkät är registrerad" in html
    assert 'data-s3-chart="criteria-spec"' not in html
    assert 'data-s3-chart="survey-spec"' not in html
    english = client.get("/region/17/clusters/Nytt kluster?lang=en").text
    assert "No firm survey is recorded for this cluster yet" in english


def test_every_page_with_breadcrumbs_loads_their_style(tmp_path: Path) -> None:
    # without pages.css the breadcrumbs of the borrowable page showed as a numbered list
    html = TestClient(create_app(tmp_path / "ws")).get("/borrowable?lang=sv").text
    assert 'class="breadcrumbs"' in html and "css/pages.css" in html

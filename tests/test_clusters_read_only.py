"""Reading cluster pages writes nothing: a cluster organisation not registered yet is listed as
it is, and registered only when someone edits it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from s3atlas.accounts import set_published
from s3atlas.clusters.models import Cluster
from s3atlas.clusters.service import clusters_frame, members_frame, set_phase
from s3atlas.ecosystem.store.actors import add_actor
from s3atlas.ecosystem.store.rounds import open_round
from s3atlas.store import Store, data_fingerprint
from s3atlas.store.audit import audit_log
from s3atlas.store.rounds import ensure_region
from s3atlas.web import create_app

HTML = {"accept": "text/html"}


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    application = create_app(tmp_path / "ws")
    store = application.state.context.store
    ensure_region(store, "17", "Värmland", user="test")
    open_round(store, "17", "2017", user="test")
    for name in ("Testkluster A", "Testkluster B"):
        add_actor(store, "17", name, "cluster_organisation", user="test", allow_similar=True)
    set_published(store, "17", True)
    return application


def _registered(store: Store) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count(Cluster.id))) or 0)


def test_clusters_not_registered_yet_are_listed_without_a_write(app):
    store = app.state.context.store
    frame = clusters_frame(store, "17")
    assert list(frame.cluster) == ["Testkluster A", "Testkluster B"]
    assert list(frame.members) == [0, 0] and frame.phase.isna().all()
    assert members_frame(store, "Testkluster A").empty
    assert _registered(store) == 0


def test_reading_the_cluster_pages_leaves_the_store_and_its_audit_log_unchanged(app):
    store = app.state.context.store
    fingerprint, log = data_fingerprint(store), audit_log(store)
    client = TestClient(app)
    for path in ("/region/17/clusters", "/region/17/clusters/Testkluster%20A"):
        page = client.get(path, headers=HTML)
        assert page.status_code == 200, path
        assert "Testkluster A" in page.text
    assert _registered(store) == 0
    assert data_fingerprint(store) == fingerprint
    assert audit_log(store).equals(log)


def test_an_edit_registers_the_cluster_and_the_list_shows_it_once(app):
    store = app.state.context.store
    set_phase(store, "Testkluster A", "growth", user="test")
    frame = clusters_frame(store, "17")
    assert list(frame.cluster) == ["Testkluster A", "Testkluster B"]
    assert _registered(store) == 1
    assert frame.phase.notna().tolist() == [True, False]

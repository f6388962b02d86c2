"""Hardening of the web app (issue 13): forms and paths that once crashed or leaked."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from s3atlas.ecosystem.demo import load_demo
from s3atlas.ecosystem.queries import build_snapshot
from s3atlas.web.app import create_app
from s3atlas.web.auth import add_user, set_published

PASSWORD = "correct horse battery"
HTML = {"accept": "text/html"}


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("S3ATLAS_SECRET_KEY", "k" * 48)
    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    application = create_app(tmp_path / "ws")
    store = application.state.context.store
    load_demo(store)
    set_published(store, "24", True)
    add_user(store, "anna", PASSWORD, "editor", ["24"])
    add_user(store, "admin", PASSWORD, "admin")
    return application


@pytest.fixture
def client(app):
    return TestClient(app)


def _store(app):
    return app.state.context.store


def _actors(app) -> list[str]:
    return build_snapshot(_store(app), "24").actors.actor_id.tolist()


def _csrf(client, url="/login"):
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).text)
    assert found, f"no CSRF token on {url}"
    return found.group(1)


def _sign_in(client, username="anna"):
    reply = client.post(
        "/login",
        data={"username": username, "password": PASSWORD, "next": "/", "csrf_token": _csrf(client)},
        follow_redirects=False,
    )
    assert reply.status_code == 303
    return _csrf(client, "/account")


# --- issue 13.1: a provision for every phase -------------------------------------------


def test_actor_page_survives_a_provision_for_every_phase_next_to_one_for_a_phase(app, client):
    token = _sign_in(client)
    first, second = _actors(app)[:2]
    for actor, phases in ((first, []), (second, ["idea"])):
        reply = client.post(
            f"/region/24/actor/{actor}/provisions",
            data={"csrf_token": token, "function": "early_phase_excellence", "phases": phases},
            follow_redirects=False,
        )
        assert reply.status_code == 303
    assert client.get(f"/region/24/actor/{first}").status_code == 200
    assert client.get(f"/region/24/actor/{first}/edit").status_code == 200
    phases = build_snapshot(_store(app), "24").provisions.phase_code.tolist()
    assert "idea" in phases and None in phases
    assert not any(isinstance(p, float) for p in phases), "every phase is None, never NaN"

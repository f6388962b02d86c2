"""Messages of the ecosystem store and importers in Swedish and English, without code names:
in the core, through the CLI runner and in the web form."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from s3atlas.accounts import add_user, set_published
from s3atlas.cli.main import _register_all, app
from s3atlas.ecosystem.demo import load_demo
from s3atlas.ecosystem.store import actors
from s3atlas.ecosystem.store.actors import DuplicateActorError
from s3atlas.ecosystem.store.queries import provisions_frame
from s3atlas.ecosystem.store.rounds import open_round
from s3atlas.errors import InputError
from s3atlas.i18n import use_language
from s3atlas.store import Store
from s3atlas.store.rounds import ensure_region
from s3atlas.web.app import create_app

_register_all()
runner = CliRunner()
USER = "anna"
PASSWORD = "correct horse battery"
CODE_NAMES = ("merge_actors", "org_number", "column", "kolumn", "drop=")


@pytest.fixture
def region(tmp_path: Path) -> tuple[Store, str]:
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    store.migrate()
    ensure_region(store, "24", "Västerbotten", user=USER)
    open_round(store, "24", "2025 Q1", user=USER)
    return store, "24"


def _duplicate(region: tuple[Store, str]) -> DuplicateActorError:
    store, code = region
    actors.add_actor(
        store, code, "Umeå universitet", "university", org_number="202100-2874", user=USER
    )
    with pytest.raises(DuplicateActorError) as caught:
        actors.add_actor(store, code, "UmU", "university", org_number="2021002874", user=USER)
    return caught.value


def test_a_duplicate_organisation_number_is_told_in_swedish_without_code_names(region):
    error = _duplicate(region)
    with use_language("sv"):
        message = error.message()
    assert message == (
        "Organisationsnummer, värde '2021002874': Umeå universitet har redan "
        "organisationsnummer 2021002874: använd den aktören eller slå ihop de två"
    )
    assert not any(name in message for name in CODE_NAMES)
    assert error.to_dict()["column"] == "org_number"  # scripts still get the code


def test_a_duplicate_organisation_number_is_told_in_english_too(region):
    with use_language("en"):
        error = _duplicate(region)
        message = error.message()
    assert message.startswith("Organisation number, value '2021002874': Umeå universitet already")
    assert not any(name in message for name in CODE_NAMES)


def test_a_short_organisation_number_names_the_field_in_swedish(region):
    store, code = region
    with use_language("sv"), pytest.raises(InputError) as caught:
        actors.add_actor(store, code, "Kort AB", "firm", org_number="123", user=USER)
    assert caught.value.message() == (
        "Organisationsnummer, värde '123': ett svenskt organisationsnummer har 10 siffror "
        "(NNNNNN-NNNN)"
    )


@pytest.fixture
def demo(workspace: Path) -> Path:
    result = runner.invoke(app, ["workspace", "init", "--workspace", str(workspace)])
    assert result.exit_code == 0, result.output
    return workspace


def test_cli_names_an_unknown_strength_area_in_swedish(demo: Path):
    result = runner.invoke(app, ["--lang", "sv", "ecosystem", "gaps", "24", "--area", "Rymd"])
    assert result.exit_code != 0
    text = " ".join(result.output.split())
    assert "Styrkeområde, värde 'Rymd': inget styrkeområde med det namnet; kända:" in text
    assert "column" not in text and "kolumn" not in text


def test_cli_names_a_wrong_borrowable_answer_in_swedish(demo: Path):
    from s3atlas.workspace import resolve_workspace

    store = Store(resolve_workspace(demo).db_url())
    pid = str(provisions_frame(store, "24").id.iloc[0])
    args = ["--lang", "sv", "ecosystem", "set-borrowable", "24", pid, "kanske"]
    result = runner.invoke(app, args)
    assert result.exit_code != 0
    text = " ".join(result.output.split())
    assert "Kan andra regioner låna den?, värde 'kanske'" in text
    assert "borrowable" not in text


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("S3ATLAS_SECRET_KEY", "k" * 48)
    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    application = create_app(tmp_path / "ws")
    store = application.state.context.store
    load_demo(store)
    set_published(store, "24", True)
    add_user(store, USER, PASSWORD, "editor", ["24"])
    return TestClient(application)


def _csrf(client, url):
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).text)
    assert found, f"no CSRF token on {url}"
    return found.group(1)


def test_the_actor_form_says_what_is_wrong_in_swedish(client):
    data = {
        "username": USER,
        "password": PASSWORD,
        "next": "/",
        "csrf_token": _csrf(client, "/login"),
    }
    assert client.post("/login", data=data, follow_redirects=False).status_code == 303
    token = _csrf(client, "/account")
    form = {"csrf_token": token, "name": "Kortnummer AB", "kind": "firm", "org_number": "123"}
    reply = client.post("/region/24/actors?lang=sv", data=form, follow_redirects=False)
    assert reply.status_code == 422
    text = unescape(reply.text)
    assert (
        "Organisationsnummer, värde '123': ett svenskt organisationsnummer har 10 siffror" in text
    )
    assert "column 'org_number'" not in text and "kolumn 'org_number'" not in text

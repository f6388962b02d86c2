"""``s3atlas users`` and the demo preparation, through the CLI runner."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from unittest import mock

import pytest
from typer.testing import CliRunner

from s3atlas.accounts import authenticate, list_users, published_regions
from s3atlas.cli.main import _register_all, app
from s3atlas.cli.web import DEMO_USER, prepare_demo
from s3atlas.workspace import resolve_workspace

runner = CliRunner()


@pytest.fixture(autouse=True)
def _environment_is_restored() -> Iterator[None]:
    """`serve --workers` hands the workspace and store to its workers through the environment;
    that must not reach the tests that run after it in this process (their stores would be this
    test's)."""
    with mock.patch.dict(os.environ):
        yield


def test_users_add_list_set_role_remove(workspace):
    _register_all()
    added = runner.invoke(
        app,
        [
            "--lang",
            "en",
            "users",
            "add",
            "anna",
            "--role",
            "editor",
            "-r",
            "24",
            "--password",
            "long enough",
        ],
    )
    assert added.exit_code == 0, added.output
    assert "Added anna (editor)." in added.output
    changed = runner.invoke(
        app, ["users", "set-role", "anna", "editor", "-r", "24", "-r", "Norrbotten"]
    )
    assert changed.exit_code == 0, changed.output
    listed = runner.invoke(app, ["users", "list", "--format", "json"])
    assert json.loads(listed.output)[0]["regions"] == "24;25"
    refused = runner.invoke(
        app, ["--lang", "en", "users", "add", "anna", "--password", "long enough"]
    )
    assert refused.exit_code == 1 and "already exists" in refused.output
    assert runner.invoke(app, ["users", "remove", "anna"]).exit_code == 0
    assert json.loads(runner.invoke(app, ["users", "list", "--format", "json"]).output) == []


def test_demo_creates_an_editor_with_a_private_password_file(workspace):
    space = resolve_workspace(workspace)
    store, password = prepare_demo(space)
    path = space.root / "demo-password"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert authenticate(store, DEMO_USER, password).regions == frozenset({"24"})
    assert "24" in published_regions(store)
    again_store, again = prepare_demo(space)  # the same password on every run of the same workspace
    assert again == password and list(list_users(again_store).username) == [DEMO_USER]


def test_serve_with_workers_hands_the_workspace_to_each_worker(workspace, monkeypatch):
    calls: list[tuple[object, dict]] = []
    monkeypatch.setattr("uvicorn.run", lambda target, **options: calls.append((target, options)))
    for name in ("S3ATLAS_DB", "S3ATLAS_SECURE_COOKIES"):
        monkeypatch.delenv(name, raising=False)
    _register_all()
    result = runner.invoke(app, ["serve", "--workspace", str(workspace), "--workers", "3"])
    assert result.exit_code == 0, result.output
    target, options = calls[0]
    assert target == "s3atlas.web.app:app_from_environment"
    assert options["factory"] and options["workers"] == 3 and options["host"] == "127.0.0.1"
    from s3atlas.web.app import app_from_environment

    worker = app_from_environment()
    assert worker.state.context.workspace.root == workspace.resolve()
    assert not worker.state.context.secure_cookies


def test_serve_with_one_worker_runs_the_app_in_process(workspace, monkeypatch):
    calls: list[tuple[object, dict]] = []
    monkeypatch.setattr("uvicorn.run", lambda target, **options: calls.append((target, options)))
    _register_all()
    result = runner.invoke(app, ["serve", "--workspace", str(workspace)])
    assert result.exit_code == 0, result.output
    target, options = calls[0]
    assert not isinstance(target, str) and options["workers"] is None

"""Shared fixtures: the ../shared folder beside the clone, a temporary workspace, PostgreSQL."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from s3atlas.store import Store
from s3atlas.store.db import normalise_url

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

# Pages skip Vega-Lite schema validation for speed; the suite validates every chart spec.
os.environ.setdefault("S3ATLAS_VALIDATE_SPECS", "1")
# The default workspace (the user's data directory) is never the tester's own: a command run
# without --workspace finds an empty one here instead of whatever the machine holds.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="s3atlas-test-data-")
os.environ.pop("S3ATLAS_WORKSPACE", None)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder with reference data; tests skip where it is absent."""
    if not (SHARED / "data").is_dir():
        pytest.skip("../shared/data is not beside this clone (reference data for this test)")
    return SHARED


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty workspace directory, also set as S3ATLAS_WORKSPACE for the CLI."""
    root = tmp_path / "workspace"
    monkeypatch.setenv("S3ATLAS_WORKSPACE", str(root))
    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    return root


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """URL of a PostgreSQL server for the store tests (CI starts one on 127.0.0.1)."""
    url = os.environ.get("S3ATLAS_TEST_PG_URL")
    if not url:
        pytest.skip("S3ATLAS_TEST_PG_URL is not set: no PostgreSQL server for this test")
    return url


@pytest.fixture(autouse=True)
def _language_is_reset_after_each_test():
    """`--lang` sets the language for the rest of the process; no test may leak it to the next."""
    from s3atlas.i18n import _language

    token = _language.set(None)
    yield
    _language.reset(token)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A migrated store: a SQLite file, or a fresh PostgreSQL database dropped afterwards."""
    if request.param == "sqlite":
        opened = Store(f"sqlite:///{tmp_path / 'store.db'}").migrate()
        yield opened
        opened.dispose()
        return
    base = normalise_url(request.getfixturevalue("postgres_url"))
    name = f"s3atlas_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    opened = Store(
        make_url(base).set(database=name).render_as_string(hide_password=False)
    ).migrate()
    try:
        yield opened
    finally:
        opened.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

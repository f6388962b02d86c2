"""Shared fixtures: the ../shared folder beside the clone, a temporary workspace, PostgreSQL."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.testing
from argon2 import PasswordHasher
from argon2.profiles import CHEAPEST
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from s3atlas.accounts import users
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
# Passwords are hashed with Argon2id at its smallest cost: the tests check the sign-in flow,
# not the hardness (tests/test_web_auth.py checks the parameters the application uses).
users._hasher = PasswordHasher.from_parameters(CHEAPEST)


def _command_built_once(build: Any) -> Any:
    """Typer's test runner builds the whole command tree again on every call (0,18 s, a fifth of
    the suite); the console script builds it once per process, and so do the tests: again only
    when commands were added to the app since."""
    kept: dict[int, tuple[typer.Typer, int, Any]] = {}

    def command(app: typer.Typer) -> Any:
        size = len(app.registered_commands) + len(app.registered_groups)
        held = kept.get(id(app))
        if held is None or held[0] is not app or held[1] != size:
            held = kept[id(app)] = (app, size, build(app))
        return held[2]

    return command


typer.testing._get_command = _command_built_once(typer.testing._get_command)


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


@dataclass(frozen=True)
class PublishedSite:
    """The demo workspace and its static site, exported in both languages."""

    workspace: Path
    root: Path
    args: tuple[str, ...]


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> PublishedSite:
    """``s3atlas publish site --region 24 --lang both`` of the demo workspace, once per process.

    The export takes a minute; the modules that only read it (the files, the links, the pages
    in Chromium) share it and are marked ``xdist_group("published-site")``, so one worker of
    ``make test`` builds it once.
    """
    from typer.testing import CliRunner

    from s3atlas.cli.main import _register_all, app
    from s3atlas.cli.web import prepare_demo
    from s3atlas.workspace import resolve_workspace

    space = resolve_workspace(tmp_path_factory.mktemp("published-ws"))
    prepare_demo(space)
    _register_all()
    out = tmp_path_factory.mktemp("published-site")
    args = ("publish", "site", "--region", "24", "--lang", "both")
    result = CliRunner().invoke(app, [*args, "--out", str(out), "--workspace", str(space.root)])
    assert result.exit_code == 0, result.output
    return PublishedSite(space.root, out, args)


@pytest.fixture(autouse=True)
def _no_test_leaves_its_store_in_the_environment() -> Iterator[None]:
    """`S3ATLAS_DB` left set by one test would point every later test's workspace in this
    process at that test's store (it once made the warm-up see another test's regions)."""
    before = os.environ.get("S3ATLAS_DB")
    yield
    assert os.environ.get("S3ATLAS_DB") == before, "a test left S3ATLAS_DB set"


@pytest.fixture(autouse=True)
def _language_is_reset_after_each_test():
    """`--lang` sets the language for the rest of the process; no test may leak it to the next."""
    from s3atlas.i18n import _language

    token = _language.set(None)
    yield
    _language.reset(token)


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store migrated once per test process; :func:`store` hands out copies of it.

    Running the migrations takes far longer than copying the file, and every copy is the
    same schema the migrations build (the migration tests read it through ``store``).
    """
    path = tmp_path_factory.mktemp("migrated") / "store.db"
    Store(f"sqlite:///{path}").migrate().dispose()  # the last close folds the WAL into the file
    return path


def _new_sqlite_file(url: str) -> Path | None:
    """The file of a SQLite *url* that does not exist yet (in a folder that does), else None."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    path = Path(str(parsed.database))
    return path if path.parent.is_dir() and not path.exists() else None


@pytest.fixture(scope="session", autouse=True)
def _new_sqlite_stores_start_from_the_migrated_copy(migrated_sqlite: Path) -> Iterator[None]:
    """A new SQLite store (a workspace the CLI or the web app opens) starts as a copy of
    :func:`migrated_sqlite`; the real migration then runs on it and finds nothing to do.

    The schema is the same one the migrations build, in a fraction of the time; a store that
    already exists (an older revision a test prepared) is migrated exactly as before.
    """
    migrate = Store.migrate

    def from_the_copy(self: Store) -> Store:
        path = _new_sqlite_file(self.url)
        if path is not None:
            shutil.copyfile(migrated_sqlite, path)
        return migrate(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Store, "migrate", from_the_copy)
        yield


@pytest.fixture(scope="session")
def migrated_postgres(request: pytest.FixtureRequest) -> Iterator[tuple[str, str]]:
    """A migrated PostgreSQL template database (one per test process) and the server's URL."""
    base = normalise_url(request.getfixturevalue("postgres_url"))
    name = f"s3atlas_template_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    template = Store(make_url(base).set(database=name).render_as_string(hide_password=False))
    template.migrate().dispose()  # a template may have no open connection while it is copied
    try:
        yield base, name
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A migrated store: a SQLite file, or a fresh PostgreSQL database dropped afterwards.

    Both are copies of a database migrated once per test process (a file copy, or
    ``CREATE DATABASE … TEMPLATE``), so each test starts from the newest schema and no data.
    """
    if request.param == "sqlite":
        path = tmp_path / "store.db"
        shutil.copyfile(request.getfixturevalue("migrated_sqlite"), path)
        opened = Store(f"sqlite:///{path}")
        yield opened
        opened.dispose()
        return
    base, template = request.getfixturevalue("migrated_postgres")
    name = f"s3atlas_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    opened = Store(make_url(base).set(database=name).render_as_string(hide_password=False))
    try:
        yield opened
    finally:
        opened.dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _uses_a_module_fixture(item: pytest.Item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    return any(defs[-1].scope == "module" for defs in info.name2fixturedefs.values() if defs)


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the group marks
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep the tests of a module with a module-scoped fixture on one xdist worker, and run
    the PostgreSQL variants with the slow sweeps.

    With ``--dist loadgroup`` (``make test``) each group runs on one worker, largest group
    first, and every other test goes wherever a worker is free. Without the group a costly
    module fixture (a demo workspace, a published site, a report) is built once per worker.
    """
    for item in items:
        if item.get_closest_marker("xdist_group") is None and _uses_a_module_fixture(item):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::", 1)[0]))
        if item.get_closest_marker("postgres") is not None:
            # the PostgreSQL variants run with the slow sweeps (`make test-slow`, CI): a
            # developer without a server skips them anyway, and they repeat the SQLite cases
            item.add_marker(pytest.mark.slow)

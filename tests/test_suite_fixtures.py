"""The suite's own shortcuts keep what they replace: a copied store has the newest schema, an
existing store is still migrated, and a module's tests stay together on one worker."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from s3atlas.store import Store
from s3atlas.store.db import _alembic_config


def _revisions(store: Store) -> set[str]:
    with store.engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def _heads(store: Store) -> set[str]:
    return set(ScriptDirectory.from_config(_alembic_config(store.url)).get_heads())


def test_the_store_fixture_is_at_every_newest_revision(store: Store) -> None:
    assert _revisions(store) == _heads(store)


def test_a_new_sqlite_store_has_the_schema_of_the_migrated_one(
    tmp_path: Path, migrated_sqlite: Path
) -> None:
    new = Store(f"sqlite:///{tmp_path / 'new.db'}").migrate()
    migrated = Store(f"sqlite:///{migrated_sqlite}")
    try:
        assert _revisions(new) == _heads(new)
        assert sorted(inspect(new.engine).get_table_names()) == sorted(
            inspect(migrated.engine).get_table_names()
        )
    finally:
        new.dispose()
        migrated.dispose()


def test_an_existing_empty_sqlite_store_is_migrated_as_before(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    Store(f"sqlite:///{path}").engine.connect().close()  # an empty database file
    store = Store(f"sqlite:///{path}").migrate()
    try:
        assert _revisions(store) == _heads(store)
    finally:
        store.dispose()


@pytest.fixture(scope="module")
def once_per_module() -> int:
    return 1


def test_a_test_with_a_module_fixture_keeps_to_one_worker(
    request: pytest.FixtureRequest, once_per_module: int
) -> None:
    group = request.node.get_closest_marker("xdist_group")
    assert (group.name, group.args) == ("xdist_group", ("tests/test_suite_fixtures.py",))


def test_xdist_sees_the_group_and_keeps_the_module_on_one_worker(
    request: pytest.FixtureRequest, once_per_module: int
) -> None:
    """Under ``--dist loadgroup`` xdist names the group in the test's id and schedules by it.

    It does so only when the mark is there before its own collection hook runs, and only with
    a pytest that still lets it rename the test (pyproject.toml keeps pytest below 9.2).
    """
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("only an xdist worker under --dist loadgroup (make test) groups tests")
    assert request.node.nodeid.endswith("@tests/test_suite_fixtures.py")


def test_a_test_without_one_goes_to_any_worker(request: pytest.FixtureRequest) -> None:
    assert request.node.get_closest_marker("xdist_group") is None

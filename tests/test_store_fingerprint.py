"""The one data fingerprint: it moves with every edit and only with edits."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from s3atlas.accounts import add_user, set_published
from s3atlas.accounts.sessions import end_session, start_session
from s3atlas.ecosystem.store.rounds import open_round
from s3atlas.priorities.versions import replace_priorities
from s3atlas.store import Store, data_fingerprint
from s3atlas.store.fingerprint import FINGERPRINT_SOURCES
from s3atlas.store.rounds import ensure_region


@pytest.fixture
def store(tmp_path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'store.db'}").migrate()


def test_every_source_of_the_fingerprint_is_a_column_of_the_schema(store):
    schema = inspect(store.engine)
    for table, column, _aggregate in FINGERPRINT_SOURCES:
        assert column in {c["name"] for c in schema.get_columns(table)}, (table, column)


def test_an_ecosystem_edit_moves_the_fingerprint(store):
    before = data_fingerprint(store)
    ensure_region(store, "24", "Västerbottens län", user="anna")  # one audit row
    after_region = data_fingerprint(store)
    open_round(store, "24", "2026", user="anna")  # one round more
    assert len({before, after_region, data_fingerprint(store)}) == 3


def test_a_stored_priority_list_moves_the_fingerprint(store):
    before = data_fingerprint(store)
    replace_priorities(store, {"24": ["Skoglig bioekonomi"]})
    assert data_fingerprint(store) != before
    assert data_fingerprint(store).priorities != before.priorities


def test_an_ecosystem_edit_leaves_the_priorities_part_as_it_was(store):
    before = data_fingerprint(store)
    ensure_region(store, "24", "Västerbottens län", user="anna")
    assert data_fingerprint(store) != before
    assert data_fingerprint(store).priorities == before.priorities


def test_signing_in_and_out_leaves_the_fingerprint_where_it_was(store):
    user = add_user(store, "anna", "correct horse battery", "viewer")
    before = data_fingerprint(store)
    token = start_session(store, user.id)
    end_session(store, token)
    assert data_fingerprint(store) == before


def test_publishing_and_closing_again_returns_to_the_same_fingerprint(store):
    before = data_fingerprint(store)
    set_published(store, "25", True)
    assert data_fingerprint(store) != before
    set_published(store, "25", False)
    assert data_fingerprint(store) == before

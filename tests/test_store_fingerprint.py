"""The one data fingerprint: it moves with every edit and only with edits."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from sqlalchemy import inspect

from s3atlas.accounts import add_user, set_published
from s3atlas.accounts.sessions import end_session, start_session
from s3atlas.ecosystem.demo import load_demo
from s3atlas.ecosystem.store.rounds import open_round
from s3atlas.monitoring import Indicator
from s3atlas.monitoring.store import save_import, save_indicators, save_values
from s3atlas.priorities.versions import replace_priorities
from s3atlas.store import Store, data_fingerprint
from s3atlas.store.fingerprint import FINGERPRINT_SOURCES
from s3atlas.store.rounds import ensure_region
from s3atlas.workshop import open_workshop, submit


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


# --- monitoring and workshops --------------------------------------------------------------


def _value(value: float) -> pd.DataFrame:
    row = {"county_code": "24", "indicator": "rd_total", "year": 2020, "value": value}
    return pd.DataFrame([row])


def _action(owner: str) -> dict[str, object]:
    return {
        "county_code": "24",
        "goal": "Life Science",
        "name": "Testbädd för vård",
        "owner": owner,
        "budget": None,
        "start_year": 2022,
        "end_year": 2025,
    }


def test_a_monitoring_value_written_again_moves_the_fingerprint(store):
    save_values(store, _value(3.1))
    before = data_fingerprint(store)
    save_values(store, _value(3.4))  # the same cell: same row, same id, a new value
    assert data_fingerprint(store) != before
    assert data_fingerprint(store).priorities == before.priorities
    assert data_fingerprint(store).ecosystem == before.ecosystem  # the map did not change


def test_a_new_target_moves_the_fingerprint(store):
    item = Indicator("exports", "result", "Exportandel", "Export share", target_value=30.0)
    save_indicators(store, "24", [item])
    before = data_fingerprint(store)
    save_indicators(store, "24", [replace(item, target_value=35.0)])
    assert data_fingerprint(store) != before


def test_an_action_changed_in_place_and_a_new_strategy_move_the_fingerprint(store):
    save_import(store, {}, pd.DataFrame(), actions=[_action("Region Västerbotten")])
    before = data_fingerprint(store)
    save_import(store, {}, pd.DataFrame(), actions=[_action("Umeå kommun")])
    after_action = data_fingerprint(store)
    strategy = {"county_code": "24", "name": "RIS3", "start_year": 2021, "end_year": 2027}
    save_import(store, {}, pd.DataFrame(), strategies=[strategy])
    assert len({before, after_action, data_fingerprint(store)}) == 3


def test_a_workshop_submission_moves_the_fingerprint(store):
    load_demo(store)
    workshop = open_workshop(store, "24", "Bikupa", user="anna")
    before = data_fingerprint(store)
    text = {"text": "Ett exempel"}
    submit(store, workshop["join_code"], text, client="c1", address="10.0.0.1")
    assert data_fingerprint(store) != before
    assert data_fingerprint(store).submissions == before.submissions + 1


def test_an_ecosystem_edit_leaves_the_monitoring_part_and_a_new_list_moves_it(store):
    before = data_fingerprint(store)
    ensure_region(store, "24", "Västerbottens län", user="anna")
    assert data_fingerprint(store).monitoring == before.monitoring
    replace_priorities(store, {"24": ["Skoglig bioekonomi"]})  # monitoring follows priorities
    assert data_fingerprint(store).monitoring != before.monitoring

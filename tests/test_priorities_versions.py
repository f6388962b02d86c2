"""Stored priority lists (every import a new version) and manual themes in the workspace store."""

from __future__ import annotations

import pandas as pd
import pytest

from s3atlas.errors import ClassificationError, InputError
from s3atlas.priorities import (
    clear_override,
    current_priorities,
    list_versions,
    overrides,
    parse_priority_table,
    read_priority_file,
    replace_priorities,
    set_override,
)
from s3atlas.store import open_store


@pytest.fixture
def store(tmp_path):
    return open_store(f"sqlite:///{tmp_path / 's3atlas.db'}", fresh=True)


def test_without_stored_lists_the_bundled_2018_lists_are_current(store):
    frame = current_priorities(store)
    assert len(frame) == 80 and set(frame.version) == {0}


def test_an_import_becomes_the_current_list_and_keeps_the_old_versions(store):
    replace_priorities(store, {"24": ["Skoglig bioekonomi", "Life science"]}, source="a.csv")
    replace_priorities(store, {"24": ["Skog"]}, source="b.csv")
    current = current_priorities(store)
    vb = current[current.county_code == "24"]
    assert vb[["priority", "version", "source"]].values.tolist() == [["Skog", 2, "b.csv"]]
    assert len(current) == 80 - 6 + 1
    versions = list_versions(store, "Västerbotten")
    assert versions.version.tolist() == [0, 1, 2]
    assert versions.priorities.tolist()[1] == "Skoglig bioekonomi; Life science"


def test_a_manual_theme_is_stored_once_per_priority_and_can_be_cleared(store):
    set_override(
        store, "Gävleborg", "Hållbart inkluderande arbetsliv", ["welfare_services"], "first"
    )
    set_override(
        store, "21", "hållbart inkluderande ARBETSLIV", ["horizontal", "welfare_services"], "second"
    )
    table = overrides(store)
    assert table[["county_code", "themes", "note"]].values.tolist() == [
        ["21", "horizontal; welfare_services", "second"]
    ]
    assert clear_override(store, "Gävleborg", "Hållbart inkluderande arbetsliv") is True
    assert overrides(store).empty
    assert clear_override(store, "Gävleborg", "Hållbart inkluderande arbetsliv") is False


def test_an_override_needs_a_known_theme_and_a_county(store):
    with pytest.raises(ClassificationError, match="okänt tema"):
        set_override(store, "21", "Bioekonomi", ["space"])
    with pytest.raises(InputError, match="inte ett län"):
        set_override(store, "Umeå", "Bioekonomi", ["forest_bioeconomy"])


def _table(rows):
    return pd.DataFrame(rows, columns=["region", "priority"])


def test_a_table_is_read_in_file_order_per_region():
    lists = parse_priority_table(
        _table([["Kalmar", "Boende"], ["08", "Livsmedel"], ["SE214", "Besöksnäring"]])
    )
    assert lists == {"08": ["Boende", "Livsmedel"], "09": ["Besöksnäring"]}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            [["Kalmar", "Boende"], ["Atlantis", "Turism"]],
            "f.csv, row 3, column 'region', value 'Atlantis': unknown region",
        ),
        (
            [["Kalmar", "Boende"], ["Kalmar", "  "]],
            "f.csv, row 3, column 'priority', value '': empty priority",
        ),
        ([["Umeå", "Skog"]], "row 2, column 'region', value 'Umeå': not one of the 21 regions"),
        (
            [["Kalmar", "Boende"], ["Kalmar", "boende"]],
            "row 3, column 'priority', value 'boende': the priority is listed twice",
        ),
        ([["", "Skog"]], "row 2, column 'region', value '': empty region"),
        ([], "the file has no priorities"),
    ],
)
def test_a_bad_row_is_named_in_the_error(rows, message):
    from s3atlas.i18n import use_language

    with use_language("en"):
        with pytest.raises(InputError) as caught:
            parse_priority_table(_table(rows), "f.csv")
        assert message in caught.value.message()


def test_a_file_without_a_priority_column_is_refused_at_the_header(tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("region,name\nKalmar,Boende\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_priority_file(path)
    assert caught.value.row == 1 and caught.value.file == "p.csv"


def test_latin1_semicolon_csv_and_excel_files_are_read(tmp_path):
    csv_path = tmp_path / "pxweb.csv"
    csv_path.write_bytes("Län;Prioritering\nSkåne län;Smarta hållbara städer\n".encode("latin-1"))
    assert read_priority_file(csv_path) == {"12": ["Smarta hållbara städer"]}
    xlsx = tmp_path / "list.xlsx"
    _table([["Blekinge", "Marin teknik"]]).to_excel(xlsx, index=False)
    assert read_priority_file(xlsx) == {"10": ["Marin teknik"]}


def test_the_priorities_tables_live_on_their_own_alembic_branch():
    from alembic.script import ScriptDirectory

    from s3atlas.store.db import _alembic_config

    scripts = ScriptDirectory.from_config(_alembic_config("sqlite://"))
    revision = scripts.get_revision("prio_0001")
    assert (revision.branch_labels, revision.down_revision) == ({"priorities"}, None)


@pytest.mark.postgres
def test_versions_and_overrides_work_on_postgresql(postgres_url):
    store = open_store(postgres_url, fresh=True)
    first = replace_priorities(store, {"23": ["Entreprenörskraft"]}, source="pg.csv")
    second = replace_priorities(store, {"23": ["Sport, turism, outdoor"]}, source="pg.csv")
    assert int(second.version.iloc[0]) == int(first.version.iloc[0]) + 1
    set_override(store, "23", "Entreprenörskraft", ["horizontal"], "pg")
    assert "23" in set(overrides(store).county_code)
    clear_override(store, "23", "Entreprenörskraft")

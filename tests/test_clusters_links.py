"""Linking a cluster initiative to member actors and strength areas, through the CLI (invented
test data)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app
from s3atlas.ecosystem.store.actors import add_actor
from s3atlas.ecosystem.store.rounds import close_round, open_round
from s3atlas.ecosystem.store.service import add_area
from s3atlas.store import Store, open_store
from s3atlas.store.audit import audit_log
from s3atlas.store.rounds import ensure_region
from s3atlas.workspace import resolve_workspace

runner = CliRunner()
_register_all()


@pytest.fixture
def store(workspace: Path) -> Store:
    """Region 17, round 2017: "Testkluster A", two firms, a university, two strength areas."""
    store = open_store(resolve_workspace(workspace).db_url(), fresh=True)
    ensure_region(store, "17", "Värmland", user="test")
    open_round(store, "17", "2017", user="test")
    for name, kind in (
        ("Testkluster A", "cluster_organisation"),
        ("Testfirma Ett", "firm"),
        ("Testfirma Två", "firm"),
        ("Testuniversitetet", "university"),
    ):
        add_actor(store, "17", name, kind, user="test", allow_similar=True)
    add_area(store, "17", "Skog och trä", ["16"], user="test")
    add_area(store, "17", "Digitalisering", ["62"], user="test")
    return store


def cli(*args: str) -> Any:
    return runner.invoke(app, ["--lang", "en", "clusters", *args])


def ok(*args: str) -> list[dict[str, Any]]:
    result = cli(*args, "--user", "anna", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def _actor_id(name: str) -> int:
    listed = ok("members", "Testkluster A", "--add", name)
    return next(r["actor_id"] for r in listed if r["name"] == name)


def test_members_are_added_by_name_or_id_and_listed_with_their_kind(store: Store) -> None:
    uni = _actor_id("Testuniversitetet")
    rows = ok("members", "Testkluster A", "--add", "testfirma ett", "--add", "Testfirma Två")
    assert [(r["name"], r["kind"]) for r in rows] == [
        ("Testfirma Ett", "firm"),
        ("Testfirma Två", "firm"),
        ("Testuniversitetet", "university"),
    ]
    rows = ok("members", "Testkluster A", "--remove", str(uni))
    assert [r["name"] for r in rows] == ["Testfirma Ett", "Testfirma Två"]
    assert all(r["actor_key"] for r in rows)


def test_unknown_actor_is_named_with_near_names_and_nothing_is_saved(store: Store) -> None:
    result = cli(
        "members",
        "Testkluster A",
        "--add",
        "Testfirma Ett",
        "--add",
        "Testfrima Tva",
        "--user",
        "a",
    )
    assert result.exit_code == 1
    assert "no such actor in the round '2017'" in result.stderr
    assert "did you mean 'Testfirma Två'" in result.stderr
    assert ok("members", "Testkluster A") == []


def test_adding_a_member_twice_or_the_cluster_itself_is_refused(store: Store) -> None:
    ok("members", "Testkluster A", "--add", "Testfirma Ett")
    twice = cli("members", "Testkluster A", "--add", "Testfirma Ett", "--user", "a")
    assert twice.exit_code == 1 and "already a member" in twice.stderr
    itself = cli("members", "Testkluster A", "--add", "Testkluster A", "--user", "a")
    assert itself.exit_code == 1 and "member of itself" in itself.stderr


def test_removing_a_non_member_suggests_the_members(store: Store) -> None:
    ok("members", "Testkluster A", "--add", "Testfirma Ett")
    result = cli("members", "Testkluster A", "--remove", "Testfirma Et", "--user", "a")
    assert result.exit_code == 1
    assert "not a member" in result.stderr and "'Testfirma Ett'" in result.stderr


def test_every_link_change_is_audited_with_who_made_it(store: Store) -> None:
    ok("members", "Testkluster A", "--add", "Testfirma Ett", "--add", "Testfirma Två")
    ok("members", "Testkluster A", "--remove", "Testfirma Två")
    ok("areas", "Testkluster A", "--add", "Skog och trä")
    log = audit_log(store, "17")
    mine = log[log["entity"].isin(["cluster_member", "cluster_area"])]
    assert list(zip(mine["entity"], mine["action"], strict=True)) == [
        ("cluster_area", "create"),
        ("cluster_member", "delete"),
        ("cluster_member", "create"),
        ("cluster_member", "create"),
    ]
    assert set(mine["user"]) == {"anna"} and set(mine["round"]) == {"2017"}
    assert "Testfirma Två" in mine.iloc[1]["before"]


def test_closed_round_refuses_link_changes_but_still_lists(store: Store) -> None:
    ok("members", "Testkluster A", "--add", "Testfirma Ett")
    close_round(store, "17", "2017", user="test")
    for command in ("members", "areas"):
        result = cli(command, "Testkluster A", "--remove", "x", "--user", "a")
        assert result.exit_code == 1 and "closed" in result.stderr
    assert [r["name"] for r in ok("members", "Testkluster A")] == ["Testfirma Ett"]


def test_members_carry_over_to_the_next_round_by_actor_key(store: Store) -> None:
    ok("members", "Testkluster A", "--add", "Testfirma Ett")
    before = ok("members", "Testkluster A")[0]
    close_round(store, "17", "2017", user="test")
    open_round(store, "17", "2018", user="test")
    after = ok("members", "Testkluster A")[0]
    assert after["actor_key"] == before["actor_key"] and after["actor_id"] != before["actor_id"]
    # the copy in round 2018 is the one --remove finds by id
    assert ok("members", "Testkluster A", "--remove", str(after["actor_id"])) == []


def test_areas_are_linked_by_name_or_id_and_unlinked(store: Store) -> None:
    rows = ok("areas", "Testkluster A", "--add", "skog och trä", "--add", "Digitalisering")
    assert [r["area"] for r in rows] == ["Digitalisering", "Skog och trä"]
    digi = rows[0]["area_id"]
    assert ok("areas", "Testkluster A", "--remove", str(digi))[0]["area"] == "Skog och trä"
    bad = cli("areas", "Testkluster A", "--add", "Skogg och trä", "--user", "a")
    assert bad.exit_code == 1 and "did you mean 'Skog och trä'" in bad.stderr


def test_csv_and_table_formats_render(store: Store) -> None:
    ok("members", "Testkluster A", "--add", "Testfirma Ett")
    csv = cli("members", "Testkluster A", "--format", "csv")
    assert csv.exit_code == 0 and csv.stdout.splitlines()[0].startswith("name,kind,org_number")
    assert "Testfirma Ett" in cli("members", "Testkluster A").stdout


def test_the_members_table_names_the_kind_and_hides_the_keys(store: Store) -> None:
    ok("members", "Testkluster A", "--add", "Testfirma Ett")
    shown = cli("members", "Testkluster A").stdout
    assert "│ Firm │" in shown and "│ firm │" not in shown and "actor_key" not in shown
    assert "Actor no." in shown


def test_a_member_added_twice_is_refused_in_swedish(store: Store) -> None:
    ok("members", "Testkluster A", "--add", "Testfirma Ett")
    sv = ["clusters", "members", "Testkluster A", "--user", "a", "--add"]
    twice = runner.invoke(app, [*sv, "Testfirma Ett"])
    assert twice.exit_code == 1
    assert twice.stderr.strip() == (
        "Fel: Aktör, värde 'Testfirma Ett': 'Testfirma Ett' är redan medlem i 'Testkluster A'"
    )
    itself = runner.invoke(app, [*sv, "Testkluster A"])
    assert "'Testkluster A' kan inte vara medlem i sig själv" in itself.stderr

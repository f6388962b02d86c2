"""Mapping rounds: copy forward, closed rounds never change, any two rounds compare — SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from s3atlas.ecosystem.store import actors, rounds, service
from s3atlas.ecosystem.store.diff import DIFF_COLUMNS, diff
from s3atlas.ecosystem.store.queries import build_snapshot
from s3atlas.errors import ConflictError, NotFoundError
from s3atlas.store import Store
from s3atlas.store.rounds import ensure_region

USER = "anna"


@pytest.fixture
def first_round(store: Store) -> dict[str, int]:
    """Round '2025 Q1' with an area, three actors, a provision and two links."""
    ensure_region(store, "24", "Västerbotten", user=USER)
    rounds.open_round(store, "24", "2025 Q1", user=USER)
    area = service.add_area(store, "24", "Skoglig bioekonomi", ["02", "16"], user=USER)
    a = actors.add_actor(store, "24", "Drömtrappor AB", "firm", municipality="Norsjö", user=USER)
    b = actors.add_actor(
        store, "24", "Baseco Golv Aktiebolag", "firm", municipality="Sorsele", user=USER
    )
    c = actors.add_actor(store, "24", "Skogsklustret", "cluster_organisation", user=USER)
    prov = service.add_provision(
        store, "24", "cluster_management", actor_id=c["id"], area_id=area["id"], user=USER
    )
    ab = service.add_link(store, "24", a["id"], b["id"], "supply", user=USER)
    service.add_link(store, "24", c["id"], a["id"], "membership", user=USER)
    return {
        "area": area["id"],
        "a": a["id"],
        "b": b["id"],
        "c": c["id"],
        "prov": prov["id"],
        "ab": ab["id"],
    }


def _ids(store: Store, round_name: str) -> dict[str, int]:
    snap = build_snapshot(store, "24", round_name)
    return {name: int(i) for i, name in zip(snap.actors.actor_id, snap.actors.name, strict=True)}


def test_a_new_round_starts_as_a_copy_with_the_same_keys(
    store: Store, first_round: dict[str, int]
) -> None:
    summary = rounds.open_round(store, "24", "2025 Q2", user=USER)
    assert (summary["seq"], summary["copied_rows"]) == (2, 7)
    old, new = build_snapshot(store, "24", "2025 Q1"), build_snapshot(store, "24", "2025 Q2")
    assert sorted(old.actors.name) == sorted(new.actors.name)
    assert set(old.actors.actor_id).isdisjoint(new.actors.actor_id)  # rows of their own
    assert len(new.links) == 2 and len(new.provisions) == 1
    assert diff(store, "24", "2025 Q1", "2025 Q2").empty  # same keys, same content


def test_latest_round_is_the_default(store: Store, first_round: dict[str, int]) -> None:
    rounds.open_round(store, "24", "2025 Q2", user=USER)
    assert build_snapshot(store, "24").round == "2025 Q2"
    assert rounds.rounds_frame(store, "24")["round"].tolist() == ["2025 Q1", "2025 Q2"]


def test_closed_round_refuses_every_change(store: Store, first_round: dict[str, int]) -> None:
    rounds.close_round(store, "24", "2025 Q1", user=USER)
    attempts = [
        lambda: actors.add_actor(store, "24", "Ny AB", "firm", user=USER),
        lambda: actors.update_actor(store, "24", first_round["a"], municipality="Umeå", user=USER),
        lambda: actors.remove_actor(store, "24", first_round["b"], user=USER),
        lambda: service.add_link(
            store, "24", first_round["b"], first_round["c"], "funding", user=USER
        ),
        lambda: service.update_provision(
            store, "24", first_round["prov"], phases=["idea"], user=USER
        ),
        lambda: service.add_insight(store, "24", "Har en klusterledare", user=USER),
        lambda: rounds.close_round(store, "24", "2025 Q1", user=USER),
    ]
    for attempt in attempts:
        with pytest.raises(
            ConflictError, match="Omgång 2025 Q1 är stängd, så inget i den kan ändras"
        ):
            attempt()


def test_edits_in_a_new_round_leave_the_closed_round_as_it_was(
    store: Store, first_round: dict[str, int]
) -> None:
    before = build_snapshot(store, "24", "2025 Q1")
    rounds.close_round(store, "24", "2025 Q1", user=USER)
    rounds.open_round(store, "24", "2025 Q2", user=USER)
    ids = _ids(store, "2025 Q2")
    actors.update_actor(store, "24", ids["Drömtrappor AB"], municipality="Umeå", user=USER)
    actors.remove_actor(store, "24", ids["Baseco Golv Aktiebolag"], user=USER)
    after = build_snapshot(store, "24", "2025 Q1")
    for name, frame in before.frames().items():
        assert frame.equals(after.frames()[name]), name


def test_diff_lists_added_removed_and_changed_actors_functions_and_links(
    store: Store, first_round: dict[str, int]
) -> None:
    rounds.open_round(store, "24", "2025 Q2", user=USER)
    ids = _ids(store, "2025 Q2")
    actors.update_actor(store, "24", ids["Drömtrappor AB"], municipality="Umeå", user=USER)
    actors.remove_actor(
        store, "24", ids["Baseco Golv Aktiebolag"], user=USER
    )  # and its supply link
    new = actors.add_actor(store, "24", "Umeå universitet", "university", user=USER)
    service.add_provision(store, "24", "incubation", actor_id=new["id"], phases=["idea"], user=USER)
    service.add_link(store, "24", new["id"], ids["Skogsklustret"], "collaboration", user=USER)
    prov = build_snapshot(store, "24").provisions
    cluster = int(prov[prov.function_code == "cluster_management"].provision_id.iloc[0])
    service.update_provision(store, "24", cluster, phases=["growth"], user=USER)
    changes = diff(store, "24", "2025 Q1", "2025 Q2")
    assert list(changes.columns) == DIFF_COLUMNS
    got = sorted(zip(changes.entity, changes.change, changes.name, changes.fields, strict=True))
    assert got == sorted(
        [
            ("actor", "changed", "Drömtrappor AB", "municipality"),
            ("actor", "removed", "Baseco Golv Aktiebolag", ""),
            ("actor", "added", "Umeå universitet", ""),
            ("provision", "added", "incubation – Umeå universitet – *", ""),
            (
                "provision",
                "changed",
                "cluster_management – Skogsklustret – Skoglig bioekonomi",
                "phases",
            ),
            ("link", "removed", "Drömtrappor AB → Baseco Golv Aktiebolag (supply)", ""),
            ("link", "added", "Umeå universitet → Skogsklustret (collaboration)", ""),
        ]
    )


def test_round_names_are_unique_per_region(store: Store, first_round: dict[str, int]) -> None:
    with pytest.raises(ConflictError, match="har redan en omgång med det namnet"):
        rounds.open_round(store, "24", "2025 Q1", user=USER)


def test_unknown_round_or_region_is_not_found(store: Store, first_round: dict[str, int]) -> None:
    with pytest.raises(
        NotFoundError, match="Omgång, värde '1999': Västerbotten har ingen omgång med det namnet"
    ):
        build_snapshot(store, "24", "1999")
    with pytest.raises(NotFoundError, match="ingen region med den koden"):
        diff(store, "99", "2025 Q1", "2025 Q2")


def test_opening_and_closing_are_audited(store: Store, first_round: dict[str, int]) -> None:
    from s3atlas.store.audit import audit_log

    rounds.close_round(store, "24", "2025 Q1", user="bo")
    rounds.open_round(store, "24", "2025 Q2", user="bo")
    log = audit_log(store, "24").head(2)
    assert list(zip(log.action, log["round"], log.user, strict=True)) == [
        ("open", "2025 Q2", "bo"),
        ("close", "2025 Q1", "bo"),
    ]

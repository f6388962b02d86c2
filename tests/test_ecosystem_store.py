"""The ecosystem store: schema, vocabulary, validated edits, audit, merge and the snapshot — on
SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from s3atlas.ecosystem.store import actors, rounds, service
from s3atlas.ecosystem.store.actors import DuplicateActorError
from s3atlas.ecosystem.store.models import Actor, Link, Provision
from s3atlas.ecosystem.store.queries import build_snapshot
from s3atlas.ecosystem.store.snapshot import COLUMNS
from s3atlas.ecosystem.store.vocabulary import resolve_term, seed_vocabulary, vocabulary_frame
from s3atlas.errors import ConflictError, InputError
from s3atlas.store import Base, Store
from s3atlas.store.audit import audit_log
from s3atlas.store.rounds import ensure_region
from s3atlas.store.tables import AuditEntry

USER = "anna"


@pytest.fixture
def region(store: Store) -> str:
    ensure_region(store, "24", "Västerbotten", user=USER)
    rounds.open_round(store, "24", "2025 Q1", user=USER)
    return "24"


def _count(store: Store, model: type) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _table_of(change: object) -> str:
    """The table an Alembic autogenerate change is about."""
    if isinstance(change, list):  # column modifications come grouped
        return str(change[0][2])
    obj = change[1]  # type: ignore[index]
    table = getattr(obj, "table", obj)
    return str(getattr(table, "name", ""))


def test_migration_creates_exactly_the_tables_the_models_describe(store: Store) -> None:
    with store.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    ours = [d for d in diffs if _table_of(d).startswith("eco_")]
    assert ours == []


def test_vocabulary_is_seeded_in_swedish_and_english(store: Store) -> None:
    with store.transaction() as session:
        assert seed_vocabulary(session) == 0
        functions = vocabulary_frame(session, "function")
        phases = vocabulary_frame(session, "phase")
    named = dict(zip(functions.code, functions.name_sv, strict=True))
    assert named["strategic_financing"] == "Strategisk finansiering"
    assert named["funding_agencies"] == "Finansierande myndigheter"
    assert named["cluster_management"] == "Klusterledning"
    assert phases.code.tolist() == [
        "idea",
        "verification",
        "development",
        "test_demo",
        "commercialisation",
        "growth",
        "internationalisation",
    ]


def test_terms_resolve_from_code_or_either_language(store: Store) -> None:
    with store.read() as session:
        assert resolve_term(session, "function", "STRATEGISK FINANSIERING") == "strategic_financing"
        assert resolve_term(session, "actor_kind", "Företag") == "firm"
        assert resolve_term(session, "link_kind", "funding") == "funding"
        with pytest.raises(
            InputError, match="okänd aktörstyp; förväntade en av: Företag, Klusterorganisation"
        ):
            resolve_term(session, "actor_kind", "spaceship")


def test_added_actor_is_versioned_and_audited(store: Store, region: str) -> None:
    row = actors.add_actor(
        store, region, "Drömtrappor AB", "firm", municipality="Norsjö", interest=3, user=USER
    )
    assert (row["version"], row["municipality"], row["interest"]) == (1, "Norsjö", 3)
    log = audit_log(store, region)
    assert log.iloc[0][["user", "action", "entity", "entity_key", "round"]].tolist() == [
        USER,
        "create",
        "actor",
        row["key"],
        "2025 Q1",
    ]
    assert json.loads(log.iloc[0]["after"])["name"] == "Drömtrappor AB"


def test_unknown_actor_kind_names_the_field(store: Store, region: str) -> None:
    with pytest.raises(InputError, match="okänd aktörstyp") as caught:
        actors.add_actor(store, region, "Något AB", "dragon", user=USER)
    assert (caught.value.column, caught.value.value) == ("kind", "dragon")
    assert _count(store, Actor) == 0


def test_unknown_function_is_refused_and_nothing_is_saved(store: Store, region: str) -> None:
    before = _count(store, AuditEntry)
    with pytest.raises(InputError, match="okänd stödfunktion") as caught:
        service.add_provision(store, region, "telepathy", user=USER)
    assert caught.value.column == "function"
    assert (_count(store, Provision), _count(store, AuditEntry)) == (0, before)


def test_unknown_phase_rolls_back_the_whole_edit(store: Store, region: str) -> None:
    with pytest.raises(InputError, match="okänd fas"):
        service.add_provision(store, region, "incubation", phases=["idea", "afterlife"], user=USER)
    assert _count(store, Provision) == 0


def test_same_organisation_number_is_a_duplicate_that_offers_a_merge(
    store: Store, region: str
) -> None:
    first = actors.add_actor(
        store, region, "Umeå universitet", "university", org_number="202100-2874", user=USER
    )
    with pytest.raises(
        DuplicateActorError, match="Umeå universitet har redan organisationsnummer 2021002874"
    ) as caught:
        actors.add_actor(store, region, "UmU", "university", org_number="2021002874", user=USER)
    shape = caught.value.to_dict()
    assert shape["existing"]["id"] == first["id"]
    assert shape["merge"]["keep"] == first["id"]
    assert isinstance(caught.value, ConflictError) and caught.value.status == 409


@pytest.mark.parametrize(
    "name", ["Drömtrappor Aktiebolag", "DRÖMTRAPPOR AB", "Dromtrappor AB", "Drömtrapor AB"]
)
def test_near_identical_names_are_duplicates(store: Store, region: str, name: str) -> None:
    actors.add_actor(store, region, "Drömtrappor AB", "firm", user=USER)
    with pytest.raises(DuplicateActorError, match="Drömtrappor AB har ett nästan likadant namn"):
        actors.add_actor(store, region, name, "firm", user=USER)


def test_similar_but_distinct_names_can_be_allowed(store: Store, region: str) -> None:
    actors.add_actor(store, region, "Norra Skog", "firm", user=USER)
    actors.add_actor(store, region, "Norra Skogen", "firm", allow_similar=True, user=USER)
    assert _count(store, Actor) == 2


def test_wrong_check_digit_in_organisation_number_is_refused(store: Store, region: str) -> None:
    with pytest.raises(
        InputError, match=r"Organisationsnummer, värde .*fel kontrollsiffra"
    ) as caught:
        actors.add_actor(store, region, "Fel AB", "firm", org_number="202100-2875", user=USER)
    assert caught.value.column == "org_number"


@pytest.mark.parametrize(
    ("field", "value"), [("interest", 6), ("influence", 0), ("interest", "high")]
)
def test_stakeholder_grid_is_one_to_five(
    store: Store, region: str, field: str, value: object
) -> None:
    with pytest.raises(InputError, match="heltal från 1 till 5") as caught:
        actors.add_actor(store, region, "Rutnät AB", "firm", user=USER, **{field: value})
    assert caught.value.column == field


def test_link_to_a_missing_actor_names_the_field_and_saves_nothing(
    store: Store, region: str
) -> None:
    a = actors.add_actor(store, region, "A AB", "firm", user=USER)
    audits = _count(store, AuditEntry)
    with pytest.raises(
        InputError, match=r"Länkad aktör, värde 9999: finns inte i omgång 2025 Q1"
    ) as caught:
        service.add_link(store, region, a["id"], 9999, "collaboration", user=USER)
    assert caught.value.column == "target_id"
    assert (_count(store, Link), _count(store, AuditEntry)) == (0, audits)


def test_a_link_needs_two_actors_and_is_not_doubled(store: Store, region: str) -> None:
    a = actors.add_actor(store, region, "A AB", "firm", user=USER)
    b = actors.add_actor(store, region, "Bolaget B", "firm", user=USER)
    with pytest.raises(InputError, match="två olika aktörer"):
        service.add_link(store, region, a["id"], a["id"], "supply", user=USER)
    service.add_link(store, region, a["id"], b["id"], "Leverans", user=USER)
    with pytest.raises(ConflictError, match="redan länkade"):
        service.add_link(store, region, a["id"], b["id"], "supply", user=USER)


def test_stale_version_is_a_conflict_and_changes_nothing(store: Store, region: str) -> None:
    a = actors.add_actor(store, region, "A AB", "firm", user=USER)
    actors.update_actor(store, region, a["id"], expected_version=1, municipality="Umeå", user="bo")
    with pytest.raises(ConflictError, match=r"version 2, inte 1"):
        actors.update_actor(
            store, region, a["id"], expected_version=1, municipality="Skellefteå", user=USER
        )
    with store.read() as session:
        assert session.get(Actor, a["id"]).municipality == "Umeå"


def test_update_records_before_and_after(store: Store, region: str) -> None:
    a = actors.add_actor(store, region, "A AB", "firm", user=USER)
    actors.update_actor(store, region, a["id"], website="https://a.se", user="bo")
    entry = audit_log(store, region).iloc[0]
    assert entry["action"] == "update" and entry["user"] == "bo"
    assert json.loads(entry["before"])["website"] is None
    assert json.loads(entry["after"])["website"] == "https://a.se"


def test_provision_without_actor_or_area_serves_every_area_and_phase(
    store: Store, region: str
) -> None:
    prov = service.add_provision(store, region, "Strategisk finansiering", user=USER)
    assert (prov["actor_id"], prov["area_id"], prov["phases"]) == (None, None, [])
    with pytest.raises(
        ConflictError,
        match="Stödfunktion, värde 'strategic_financing': funktionen är redan registrerad",
    ):
        service.add_provision(store, region, "strategic_financing", user=USER)


def test_merge_moves_provisions_and_links_and_keeps_one_actor(store: Store, region: str) -> None:
    keep = actors.add_actor(store, region, "Umeå universitet", "university", user=USER)
    drop = actors.add_actor(
        store,
        region,
        "UmU",
        "university",
        org_number="202100-2874",
        website="https://umu.se",
        user=USER,
    )
    other = actors.add_actor(store, region, "Region Västerbotten", "region", user=USER)
    service.add_link(store, region, other["id"], drop["id"], "funding", user=USER)
    service.add_link(store, region, keep["id"], drop["id"], "collaboration", user=USER)
    service.add_provision(
        store, region, "innovation_office", actor_id=drop["id"], phases=["idea"], user=USER
    )
    merged = actors.merge_actors(store, region, keep["id"], drop["id"], user=USER)
    assert (merged["org_number"], merged["website"]) == ("2021002874", "https://umu.se")
    snap = build_snapshot(store, region)
    assert snap.actors.name.tolist() == ["Umeå universitet", "Region Västerbotten"]
    assert snap.links.values.tolist() == [[str(other["id"]), str(keep["id"]), "funding"]]
    assert snap.provisions.actor_id.tolist() == [str(keep["id"])]
    assert audit_log(store, region).iloc[0]["action"] == "merge"


def test_removing_an_actor_removes_its_links_and_provisions(store: Store, region: str) -> None:
    a = actors.add_actor(store, region, "A AB", "firm", user=USER)
    b = actors.add_actor(store, region, "Bolaget B", "firm", user=USER)
    service.add_link(store, region, a["id"], b["id"], "supply", user=USER)
    service.add_provision(store, region, "business_advice", actor_id=a["id"], user=USER)
    actors.remove_actor(store, region, a["id"], expected_version=1, user=USER)
    assert (_count(store, Actor), _count(store, Link), _count(store, Provision)) == (1, 0, 0)


def test_every_change_needs_a_user(store: Store, region: str) -> None:
    with pytest.raises(InputError, match="varje ändring behöver namnet på den som gör den"):
        actors.add_actor(store, region, "A AB", "firm", user=" ")


def test_snapshot_has_the_documented_columns_and_one_row_per_phase(
    store: Store, region: str
) -> None:
    area = service.add_area(store, region, "Life Science", ["21"], user=USER)
    a = actors.add_actor(store, region, "Innovationskontoret", "innovation_office", user=USER)
    service.add_provision(
        store,
        region,
        "innovation_office",
        actor_id=a["id"],
        area_id=area["id"],
        phases=["idea", "verification"],
        user=USER,
    )
    service.add_insight(
        store, region, "Korskoppling med fler system kan bli bättre", area_id=area["id"], user=USER
    )
    snap = build_snapshot(store, region)
    for name, frame in snap.frames().items():
        assert tuple(frame.columns) == COLUMNS[name]
    assert snap.round == "2025 Q1"
    assert snap.areas.sni.tolist() == ["21"]
    assert sorted(snap.provisions.phase_code) == ["idea", "verification"]
    assert snap.provisions.provision_id.is_unique
    assert snap.insights["round"].tolist() == ["2025 Q1"]

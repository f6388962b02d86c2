"""Parallel writers on one actor list never lose a change — SQLite and PostgreSQL."""

from __future__ import annotations

import threading

from s3atlas.ecosystem.store import actors, rounds
from s3atlas.ecosystem.store.models import Actor
from s3atlas.ecosystem.store.queries import actors_frame
from s3atlas.errors import ConflictError
from s3atlas.store import Store
from s3atlas.store.audit import audit_log
from s3atlas.store.rounds import ensure_region

WRITERS = 8
EDITS = 20


def _append_token(store: Store, actor_id: int, token: str) -> int:
    """Read the shared actor, append *token* with the version read; retry on conflict. Return
    retries."""
    for attempt in range(500):
        with store.read() as session:
            current = session.get(Actor, actor_id)
            text_now, version = current.description or "", current.version
        try:
            actors.update_actor(
                store,
                "24",
                actor_id,
                expected_version=version,
                description=f"{text_now} {token}".strip(),
                user=token.split("-")[0],
            )
            return attempt
        except ConflictError:
            continue
    raise AssertionError(f"{token} never got through")


def _writer(
    store: Store, writer: int, actor_id: int, errors: list[BaseException], retries: list[int]
) -> None:
    try:
        for edit in range(EDITS):
            token = f"w{writer}-e{edit}"
            actors.add_actor(
                store, "24", f"Företag {token}", "firm", allow_similar=True, user=f"w{writer}"
            )
            retries.append(_append_token(store, actor_id, token))
    except BaseException as error:  # noqa: BLE001 - reported by the main thread
        errors.append(error)


def test_parallel_writers_lose_no_change(store: Store) -> None:
    ensure_region(store, "24", "Västerbotten", user="setup")
    rounds.open_round(store, "24", "2025 Q1", user="setup")
    shared = actors.add_actor(store, "24", "Region Västerbotten", "region", user="setup")
    errors: list[BaseException] = []
    retries: list[int] = []
    threads = [
        threading.Thread(target=_writer, args=(store, w, shared["id"], errors, retries))
        for w in range(WRITERS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert errors == []
    frame = actors_frame(store, "24")
    assert len(frame) == 1 + WRITERS * EDITS
    final = frame.set_index("id").loc[shared["id"]]
    tokens = final["description"].split()
    expected = {f"w{w}-e{e}" for w in range(WRITERS) for e in range(EDITS)}
    assert sorted(tokens) == sorted(expected)  # every edit is there, none twice
    assert int(final["version"]) == 1 + WRITERS * EDITS
    log = audit_log(store, "24")
    assert (log.action == "update").sum() == WRITERS * EDITS
    assert ((log.action == "create") & (log.entity == "actor")).sum() == 1 + WRITERS * EDITS

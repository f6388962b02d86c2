"""Text longer than its column is refused with the field named, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest

from s3atlas.clusters.service import create_cluster
from s3atlas.ecosystem.demo import load_demo
from s3atlas.ecosystem.store.actors import add_actor
from s3atlas.ecosystem.store.models import Actor
from s3atlas.errors import InputError
from s3atlas.priorities.versions import PriorityItem, current_priorities, replace_priorities
from s3atlas.store.limits import text_limit


def test_limits_come_from_the_schema():
    assert text_limit("eco_actors", "name") == Actor.__table__.c.name.type.length == 300
    assert text_limit("eco_actors", "municipality") == 120
    assert text_limit(PriorityItem.__tablename__, "text") == 500
    assert text_limit("eco_actors", "no_such_column") is None


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("name", {"name": "x" * 301}),
        ("municipality", {"name": "Ett bolag", "municipality": "m" * 121}),
        ("website", {"name": "Ett bolag", "website": "https://example.se/" + "p" * 300}),
    ],
)
def test_too_long_actor_text_is_refused_naming_the_field(store, field, values):
    load_demo(store)
    values = dict(values)
    name = values.pop("name")
    with pytest.raises(InputError, match=r"\b(300|120)\b") as caught:
        add_actor(store, "24", name, "firm", user="anna", **values)
    assert caught.value.column == field and caught.value.status == 422


def test_text_at_the_limit_is_kept(store):
    load_demo(store)
    row = add_actor(store, "24", "n" * 300, "firm", user="anna", municipality="m" * 120)
    assert len(row["name"]) == 300


def test_too_long_cluster_name_is_refused(store):
    load_demo(store)
    with pytest.raises(InputError) as caught, store.transaction() as session:
        create_cluster(session, "24", "k" * 400, user="anna")
    assert caught.value.column == "name"


def test_too_long_priority_is_refused_and_nothing_is_stored(store):
    with pytest.raises(InputError, match="500") as caught:
        replace_priorities(store, {"24": ["Skoglig provbänk", "p" * 10_000]})
    assert caught.value.column == "text"
    assert "Skoglig provbänk" not in set(current_priorities(store).priority)

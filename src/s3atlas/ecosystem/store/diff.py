"""Compare two mapping rounds: which actors, provisions, links, areas and insights were added,
removed or changed.

Rows are matched by ``key``, the identity a row keeps when a new round is
copied from the previous one (see :mod:`s3atlas.ecosystem.store.rounds`). A row
whose key is in both rounds but whose content differs is *changed*; the
compared content leaves out row ids and versions, and refers to other rows
by their names (a provision's actor and area, a link's two actors), so a
link counts as changed when it now joins other actors.

Examples
--------
>>> old, new = {"k": ("A", {"x": 1})}, {"k": ("A", {"x": 2}), "n": ("B", {"x": 0})}
>>> compare(old, new, "actor").change.tolist()
['changed', 'added']
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from s3atlas.ecosystem.store.models import (
    ACTOR_FIELDS,
    Actor,
    Insight,
    Link,
    Provision,
    StrengthArea,
)
from s3atlas.store import Store
from s3atlas.store.rounds import find_region, find_round
from s3atlas.store.tables import Round

__all__ = ["DIFF_COLUMNS", "compare", "diff"]

DIFF_COLUMNS = ["entity", "change", "key", "name", "fields", "before", "after"]
"""Columns of a diff: what kind of row, added/removed/changed, its key and name, changed fields,
JSON."""

Entries = dict[str, tuple[str, dict[str, Any]]]


def _json(value: dict[str, Any] | None) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def compare(old: Entries, new: Entries, entity: str) -> pd.DataFrame:
    """Compare two ``key → (name, content)`` maps; return added, removed and changed rows."""
    rows: list[tuple[str, str, str, str, str, str | None, str | None]] = []
    for key in sorted(set(old) | set(new), key=lambda k: (new.get(k) or old[k])[0]):
        before, after = old.get(key), new.get(key)
        if before is None and after is not None:
            rows.append((entity, "added", key, after[0], "", None, _json(after[1])))
        elif after is None and before is not None:
            rows.append((entity, "removed", key, before[0], "", _json(before[1]), None))
        elif before is not None and after is not None and before[1] != after[1]:
            fields = sorted(
                f for f in set(before[1]) | set(after[1]) if before[1].get(f) != after[1].get(f)
            )
            rows.append(
                (
                    entity,
                    "changed",
                    key,
                    after[0],
                    ",".join(fields),
                    _json(before[1]),
                    _json(after[1]),
                )
            )
    return pd.DataFrame(rows, columns=DIFF_COLUMNS)


def _entries(session: Session, round_: Round) -> dict[str, Entries]:
    """Every row of *round_* by entity and key: its name in a diff and its compared content."""
    areas = {
        a.id: a
        for a in session.scalars(select(StrengthArea).where(StrengthArea.round_id == round_.id))
    }
    actors = {a.id: a for a in session.scalars(select(Actor).where(Actor.round_id == round_.id))}
    area_names = {i: a.name for i, a in areas.items()}
    actor_names = {i: a.name for i, a in actors.items()}
    return {
        "area": {
            area.key: (
                area.name,
                {
                    "name": area.name,
                    "description": area.description,
                    "sni": [i.sni_code for i in area.industries],
                },
            )
            for area in areas.values()
        },
        "actor": {
            actor.key: (actor.name, {f: getattr(actor, f) for f in ACTOR_FIELDS})
            for actor in actors.values()
        },
        "provision": _provision_entries(session, round_, actor_names, area_names),
        "link": _link_entries(session, round_, actor_names),
        "insight": _insight_entries(session, round_, area_names),
    }


def _name(names: dict[int, str], row_id: int | None) -> str | None:
    """The name of the row *row_id* (None for no row)."""
    return None if row_id is None else names[row_id]


def _provision_entries(
    session: Session, round_: Round, actor_names: dict[int, str], area_names: dict[int, str]
) -> Entries:
    """The provisions of *round_*: function, actor, area, phases and note each."""
    out: Entries = {}
    for p in session.scalars(select(Provision).where(Provision.round_id == round_.id)):
        content: dict[str, Any] = {
            "function": p.function,
            "actor": _name(actor_names, p.actor_id),
            "area": _name(area_names, p.area_id),
            "phases": sorted(ph.phase for ph in p.phases),
            "note": p.note,
        }
        out[p.key] = (
            f"{p.function} – {content['actor'] or '?'} – {content['area'] or '*'}",
            content,
        )
    return out


def _link_entries(session: Session, round_: Round, actor_names: dict[int, str]) -> Entries:
    """The links of *round_*: source, target, kind, weight and note each."""
    out: Entries = {}
    for link in session.scalars(select(Link).where(Link.round_id == round_.id)):
        content: dict[str, Any] = {
            "source": _name(actor_names, link.source_id),
            "target": _name(actor_names, link.target_id),
            "kind": link.kind,
            "weight": link.weight,
            "note": link.note,
        }
        out[link.key] = (f"{content['source']} → {content['target']} ({link.kind})", content)
    return out


def _insight_entries(session: Session, round_: Round, area_names: dict[int, str]) -> Entries:
    """The insights of *round_*: text, area and source each, named by their first 60 characters."""
    return {
        i.key: (
            i.text[:60],
            {"text": i.text, "area": _name(area_names, i.area_id), "source": i.source},
        )
        for i in session.scalars(select(Insight).where(Insight.round_id == round_.id))
    }


def diff(store: Store, region_code: str, round_a: str, round_b: str) -> pd.DataFrame:
    """Return what changed from round *round_a* to round *round_b* of a region.

    Columns: :data:`DIFF_COLUMNS`. ``entity`` is one of ``area``, ``actor``,
    ``provision``, ``link``, ``insight``; ``change`` is ``added``,
    ``removed`` or ``changed``; ``fields`` lists the changed fields;
    ``before``/``after`` are the compared contents as JSON.

    Raises
    ------
    NotFoundError
        When the region or either round does not exist.
    """
    with store.read() as session:
        region = find_region(session, region_code)
        old = _entries(session, find_round(session, region, round_a))
        new = _entries(session, find_round(session, region, round_b))
    parts = [compare(old[entity], new[entity], entity) for entity in old]
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=DIFF_COLUMNS)

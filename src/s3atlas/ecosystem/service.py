"""Editing the ecosystem map: strength areas, provisions, links and insights (actors:
:mod:`.actors`).

Every edit is one :meth:`~s3atlas.store.Store.transaction` that

1. takes the round's write lock and refuses a closed round
   (:func:`~s3atlas.ecosystem.rounds.guard_open`),
2. validates its input against the store (vocabulary, rows of the same
   round) and raises :class:`~s3atlas.errors.InputError` naming the field,
3. checks the caller's ``expected_version`` (optimistic concurrency: the
   version the caller read; a stale one raises
   :class:`~s3atlas.errors.ConflictError`),
4. writes the change and its audit row together.

Nothing is saved unless all of it is. Rows are addressed by their ``id`` in
the round being edited; ``round_name=None`` means the region's latest round.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError

from s3atlas.classifications import find_industry
from s3atlas.ecosystem import audit
from s3atlas.ecosystem.models import (
    Actor,
    AreaIndustry,
    Insight,
    Link,
    Provision,
    ProvisionPhase,
    Round,
    StrengthArea,
)
from s3atlas.ecosystem.rounds import find_region, find_round, guard_open
from s3atlas.ecosystem.vocabulary import resolve_term
from s3atlas.errors import ClassificationError, ConflictError, InputError
from s3atlas.store import Store

__all__ = [
    "Edit",
    "add_area",
    "add_insight",
    "add_link",
    "add_provision",
    "editing",
    "remove_area",
    "remove_insight",
    "remove_link",
    "remove_provision",
    "update_area",
    "update_insight",
    "update_link",
    "update_provision",
]


@dataclass
class Edit:
    """One write transaction in an open round: the session, the round and who edits."""

    session: Session
    round: Round
    user: str

    def get(self, model: type[Any], row_id: Any, field: str) -> Any:
        """Return the row *row_id* of *model* in this round, or raise :class:`InputError` naming
        *field*."""
        row = None
        if isinstance(row_id, int) and not isinstance(row_id, bool):
            row = self.session.get(model, row_id)
        if row is None or row.round_id != self.round.id:
            what = model.__tablename__.removeprefix("eco_").rstrip("s").replace("_", " ")
            raise InputError(
                f"no {what} with id {row_id!r} in round {self.round.name!r}",
                column=field,
                value=row_id,
            )
        return row

    def checkout(
        self, model: type[Any], row_id: Any, field: str, expected: int | None, entity: str
    ) -> tuple[Any, str | None]:
        """Return the row *row_id* of *model* (see :meth:`get`) and its audit snapshot, after
        checking that the caller read its current version (see :func:`check_version`)."""
        row = self.get(model, row_id, field)
        check_version(row, expected, entity)
        return row, audit.snapshot_of(row)

    def delete(
        self, row: Any, entity: str, before: str | None, dependents: Iterable[Any] = ()
    ) -> None:
        """Delete *row* after its *dependents* (so their versions are checked too) and log it."""
        dependents = list(dependents)
        for dependent in dependents:
            self.session.delete(dependent)
        if dependents:
            # the database would cascade; deleting them first keeps versions checked
            self.session.flush()
        self.session.delete(row)
        self.log("delete", entity, row, before)

    def log(self, action: str, entity: str, row: Any, before: str | None = None) -> None:
        """Record the audit row of this change (after = the row now, before = JSON taken
        earlier)."""
        self.session.flush()
        after = None if action == "delete" else row
        audit.record(
            self.session,
            user=self.user,
            action=action,
            entity=entity,
            round_=self.round,
            key=row.key,
            before=before,
            after=after,
        )


@contextmanager
def editing(store: Store, region_code: str, round_name: str | None, user: str) -> Iterator[Edit]:
    """Open a write transaction in an open round; translate database conflicts into
    :class:`ConflictError`."""
    if not str(user or "").strip():
        raise InputError("every change needs the name of who makes it", column="user", value=user)
    try:
        with store.transaction() as session:
            round_ = find_round(session, find_region(session, region_code), round_name)
            guard_open(session, round_)
            yield Edit(session, round_, str(user).strip())
    except StaleDataError as error:
        raise ConflictError(
            "someone else changed this row since it was read; reload it and try again"
        ) from error
    except IntegrityError as error:
        raise ConflictError(
            f"the change conflicts with a stored row ({_constraint(error)})"
        ) from error


def _constraint(error: IntegrityError) -> str:
    text = str(error.orig).splitlines()[0] if error.orig is not None else str(error)
    return text.strip()


def check_version(row: Any, expected: int | None, entity: str) -> None:
    """Raise :class:`ConflictError` when the caller read an older version of *row* than is
    stored."""
    if expected is not None and int(expected) != row.version:
        raise ConflictError(
            f"{entity} {row.id} is at version {row.version}, not {expected}: "
            "someone else changed it; "
            "reload it and try again",
            column="version",
            value=expected,
        )


def clean_text(value: Any, field: str, *, required: bool = False, limit: int = 300) -> str | None:
    """Return stripped text (``None`` when empty), or raise :class:`InputError` naming *field*."""
    text = None if value is None else " ".join(str(value).split())
    if not text:
        if required:
            raise InputError(f"{field} must not be empty", column=field, value=value)
        return None
    if len(text) > limit:
        raise InputError(
            f"{field} is longer than {limit} characters", column=field, value=text[:40] + "…"
        )
    return text


def sni_code(value: Any, field: str = "sni") -> str:
    """Return the SNI 2007 code of *value*, or raise :class:`InputError` naming *field*."""
    try:
        return find_industry(str(value)).code
    except ClassificationError as error:
        raise InputError(error.detail, column=field, value=value) from error


def _sni_list(values: Iterable[Any] | str) -> list[str]:
    items = values.replace(",", ";").split(";") if isinstance(values, str) else list(values)
    return sorted({sni_code(v) for v in items if str(v).strip()})


def _touch(row: Any) -> None:
    """Mark *row* dirty so its version advances even when only its child rows changed."""
    flag_modified(row, "key")


def _reject_unknown(changes: dict[str, Any], allowed: set[str], entity: str) -> None:
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise InputError(
            f"{entity} has no field {unknown[0]!r}; fields: {', '.join(sorted(allowed))}",
            column=unknown[0],
        )


# --- strength areas -------------------------------------------------------------


def add_area(
    store: Store,
    region_code: str,
    name: str,
    sni: Iterable[Any] | str = (),
    *,
    user: str,
    description: str | None = None,
    round_name: str | None = None,
    is_demo: bool = False,
) -> dict[str, Any]:
    """Add a strength area with its SNI codes; return the stored row."""
    with editing(store, region_code, round_name, user) as edit:
        name_ = clean_text(name, "name", required=True, limit=200)
        if edit.session.scalar(
            select(StrengthArea.id).where(
                StrengthArea.round_id == edit.round.id, StrengthArea.name == name_
            )
        ):
            raise ConflictError(
                f"strength area {name_!r} already exists in round {edit.round.name!r}",
                column="name",
                value=name_,
            )
        area = StrengthArea(
            round_id=edit.round.id,
            name=name_,
            description=clean_text(description, "description", limit=4000),
            is_demo=is_demo,
            industries=[AreaIndustry(sni_code=c) for c in _sni_list(sni)],
        )
        edit.session.add(area)
        edit.log("create", "strength_area", area)
        return audit.row_dict(area)


def update_area(
    store: Store,
    region_code: str,
    area_id: int,
    *,
    user: str,
    expected_version: int | None = None,
    round_name: str | None = None,
    **changes: Any,
) -> dict[str, Any]:
    """Change a strength area's ``name``, ``description`` or ``sni`` list."""
    _reject_unknown(changes, {"name", "description", "sni"}, "a strength area")
    with editing(store, region_code, round_name, user) as edit:
        area, before = edit.checkout(
            StrengthArea, area_id, "area_id", expected_version, "strength area"
        )
        if "name" in changes:
            area.name = clean_text(changes["name"], "name", required=True, limit=200) or area.name
        if "description" in changes:
            area.description = clean_text(changes["description"], "description", limit=4000)
        if "sni" in changes:
            area.industries = [AreaIndustry(sni_code=c) for c in _sni_list(changes["sni"])]
            _touch(area)
        edit.log("update", "strength_area", area, before)
        return audit.row_dict(area)


def remove_area(
    store: Store,
    region_code: str,
    area_id: int,
    *,
    user: str,
    expected_version: int | None = None,
    round_name: str | None = None,
) -> None:
    """Remove a strength area with its provisions and insights from the round."""
    with editing(store, region_code, round_name, user) as edit:
        area, before = edit.checkout(
            StrengthArea, area_id, "area_id", expected_version, "strength area"
        )
        dependents = [
            row
            for model in (Provision, Insight)
            for row in edit.session.scalars(select(model).where(model.area_id == area.id))
        ]
        edit.delete(area, "strength_area", before, dependents=dependents)


# --- provisions -----------------------------------------------------------------


def _phases(session: Session, phases: Iterable[str] | str | None) -> list[ProvisionPhase]:
    if phases is None:
        return []
    items = [phases] if isinstance(phases, str) else list(phases)
    codes = {resolve_term(session, "phase", str(p)) for p in items if str(p).strip()}
    return [ProvisionPhase(phase=c) for c in sorted(codes)]


def _provision_refs(edit: Edit, values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "function" in values:
        out["function"] = resolve_term(edit.session, "function", values["function"])
    for field, model in (("actor_id", Actor), ("area_id", StrengthArea)):
        if field in values:
            value = values[field]
            out[field] = None if value is None else edit.get(model, value, field).id
    if "note" in values:
        out["note"] = clean_text(values["note"], "note", limit=4000)
    return out


def _same_provision(
    edit: Edit, row: dict[str, Any], exclude: int | None = None
) -> Provision | None:
    query = select(Provision).where(
        Provision.round_id == edit.round.id,
        Provision.function == row["function"],
        Provision.actor_id.is_(None)
        if row["actor_id"] is None
        else Provision.actor_id == row["actor_id"],
        Provision.area_id.is_(None)
        if row["area_id"] is None
        else Provision.area_id == row["area_id"],
    )
    return next((p for p in edit.session.scalars(query) if p.id != exclude), None)


def add_provision(
    store: Store,
    region_code: str,
    function: str,
    *,
    user: str,
    actor_id: int | None = None,
    area_id: int | None = None,
    phases: Iterable[str] | str | None = None,
    note: str | None = None,
    round_name: str | None = None,
    is_demo: bool = False,
) -> dict[str, Any]:
    """Record that *function* is present: provided by *actor_id* (None = not yet named) for
    *area_id*.

    ``area_id=None`` means every strength area of the region; no *phases*
    means every phase.
    """
    with editing(store, region_code, round_name, user) as edit:
        values = _provision_refs(
            edit, {"function": function, "actor_id": actor_id, "area_id": area_id, "note": note}
        )
        existing = _same_provision(edit, values)
        if existing is not None:
            raise ConflictError(
                f"provision {existing.id} already records function {values['function']!r} "
                "for this actor and area; "
                "change its phases instead",
                column="function",
                value=values["function"],
            )
        prov = Provision(
            round_id=edit.round.id, is_demo=is_demo, phases=_phases(edit.session, phases), **values
        )
        edit.session.add(prov)
        edit.log("create", "provision", prov)
        return audit.row_dict(prov)


def update_provision(
    store: Store,
    region_code: str,
    provision_id: int,
    *,
    user: str,
    expected_version: int | None = None,
    round_name: str | None = None,
    **changes: Any,
) -> dict[str, Any]:
    """Change a provision's ``function``, ``actor_id``, ``area_id``, ``phases`` or ``note``."""
    _reject_unknown(changes, {"function", "actor_id", "area_id", "phases", "note"}, "a provision")
    with editing(store, region_code, round_name, user) as edit:
        prov, before = edit.checkout(
            Provision, provision_id, "provision_id", expected_version, "provision"
        )
        for field, value in _provision_refs(edit, changes).items():
            setattr(prov, field, value)
        current = {"function": prov.function, "actor_id": prov.actor_id, "area_id": prov.area_id}
        if _same_provision(edit, current, exclude=prov.id) is not None:
            raise ConflictError(
                "another provision already records this function for this actor and area",
                column="function",
                value=prov.function,
            )
        if "phases" in changes:
            prov.phases = _phases(edit.session, changes["phases"])
            _touch(prov)
        edit.log("update", "provision", prov, before)
        return audit.row_dict(prov)


def remove_provision(
    store: Store,
    region_code: str,
    provision_id: int,
    *,
    user: str,
    expected_version: int | None = None,
    round_name: str | None = None,
) -> None:
    """Remove a provision from the round."""
    _remove(
        store, region_code, Provision, provision_id, "provision", user, expected_version, round_name
    )


def _remove(
    store: Store,
    region_code: str,
    model: type[Any],
    row_id: int,
    entity: str,
    user: str,
    expected_version: int | None,
    round_name: str | None,
) -> None:
    with editing(store, region_code, round_name, user) as edit:
        row, before = edit.checkout(model, row_id, f"{entity}_id", expected_version, entity)
        edit.delete(row, entity, before)


# --- links ------------------------------------------------------------------------


def _link_values(edit: Edit, values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in ("source_id", "target_id"):
        if field in values:
            out[field] = edit.get(Actor, values[field], field).id
    if "kind" in values:
        out["kind"] = resolve_term(edit.session, "link_kind", values["kind"])
    if "weight" in values:
        out["weight"] = _weight(values["weight"])
    if "note" in values:
        out["note"] = clean_text(values["note"], "note", limit=4000)
    return out


def _weight(value: Any) -> float | None:
    if value is None:
        return None
    try:
        weight = float(value)
    except (TypeError, ValueError):
        raise InputError("weight must be a number", column="weight", value=value) from None
    if not weight > 0:
        raise InputError("weight must be greater than 0", column="weight", value=value)
    return weight


def _check_link(edit: Edit, link: Link | dict[str, Any], exclude: int | None = None) -> None:
    get = link.get if isinstance(link, dict) else lambda k: getattr(link, k)
    if get("source_id") == get("target_id"):
        raise InputError(
            "a link needs two different actors", column="target_id", value=get("target_id")
        )
    twin = edit.session.scalar(
        select(Link).where(
            Link.source_id == get("source_id"),
            Link.target_id == get("target_id"),
            Link.kind == get("kind"),
        )
    )
    if twin is not None and twin.id != exclude:
        raise ConflictError(
            f"link {twin.id} already joins these actors as {get('kind')!r}",
            column="kind",
            value=get("kind"),
        )


def add_link(
    store: Store,
    region_code: str,
    source_id: int,
    target_id: int,
    kind: str,
    *,
    user: str,
    weight: float | None = None,
    note: str | None = None,
    round_name: str | None = None,
    is_demo: bool = False,
) -> dict[str, Any]:
    """Link two actors of the round (``kind``: collaboration, funding, membership, supply, …)."""
    with editing(store, region_code, round_name, user) as edit:
        values = _link_values(
            edit,
            {
                "source_id": source_id,
                "target_id": target_id,
                "kind": kind,
                "weight": weight,
                "note": note,
            },
        )
        _check_link(edit, values)
        link = Link(round_id=edit.round.id, is_demo=is_demo, **values)
        edit.session.add(link)
        edit.log("create", "link", link)
        return audit.row_dict(link)


def update_link(
    store: Store,
    region_code: str,
    link_id: int,
    *,
    user: str,
    expected_version: int | None = None,
    round_name: str | None = None,
    **changes: Any,
) -> dict[str, Any]:
    """Change a link's ``source_id``, ``target_id``, ``kind``, ``weight`` or ``note``."""
    _reject_unknown(changes, {"source_id", "target_id", "kind", "weight", "note"}, "a link")
    with editing(store, region_code, round_name, user) as edit:
        link, before = edit.checkout(Link, link_id, "link_id", expected_version, "link")
        for field, value in _link_values(edit, changes).items():
            setattr(link, field, value)
        _check_link(edit, link, exclude=link.id)
        edit.log("update", "link", link, before)
        return audit.row_dict(link)


def remove_link(
    store: Store,
    region_code: str,
    link_id: int,
    *,
    user: str,
    expected_version: int | None = None,
    round_name: str | None = None,
) -> None:
    """Remove a link from the round."""
    _remove(store, region_code, Link, link_id, "link", user, expected_version, round_name)


# --- insights ---------------------------------------------------------------------


def add_insight(
    store: Store,
    region_code: str,
    text: str,
    *,
    user: str,
    area_id: int | None = None,
    source: str | None = None,
    round_name: str | None = None,
    is_demo: bool = False,
) -> dict[str, Any]:
    """Add an interview insight about a strength area (None = the whole system)."""
    with editing(store, region_code, round_name, user) as edit:
        insight = Insight(
            round_id=edit.round.id,
            is_demo=is_demo,
            text=clean_text(text, "text", required=True, limit=4000),
            area_id=None if area_id is None else edit.get(StrengthArea, area_id, "area_id").id,
            source=clean_text(source, "source", limit=200),
        )
        edit.session.add(insight)
        edit.log("create", "insight", insight)
        return audit.row_dict(insight)


def update_insight(
    store: Store,
    region_code: str,
    insight_id: int,
    *,
    user: str,
    expected_version: int | None = None,
    round_name: str | None = None,
    **changes: Any,
) -> dict[str, Any]:
    """Change an insight's ``text``, ``area_id`` or ``source``."""
    _reject_unknown(changes, {"text", "area_id", "source"}, "an insight")
    with editing(store, region_code, round_name, user) as edit:
        insight, before = edit.checkout(
            Insight, insight_id, "insight_id", expected_version, "insight"
        )
        if "text" in changes:
            insight.text = (
                clean_text(changes["text"], "text", required=True, limit=4000) or insight.text
            )
        if "area_id" in changes:
            area = changes["area_id"]
            insight.area_id = None if area is None else edit.get(StrengthArea, area, "area_id").id
        if "source" in changes:
            insight.source = clean_text(changes["source"], "source", limit=200)
        edit.log("update", "insight", insight, before)
        return audit.row_dict(insight)


def remove_insight(
    store: Store,
    region_code: str,
    insight_id: int,
    *,
    user: str,
    expected_version: int | None = None,
    round_name: str | None = None,
) -> None:
    """Remove an insight from the round."""
    _remove(store, region_code, Insight, insight_id, "insight", user, expected_version, round_name)

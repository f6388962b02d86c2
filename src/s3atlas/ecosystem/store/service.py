"""Editing the ecosystem map: strength areas, provisions, links and insights (actors:
:mod:`.actors`).

Every edit is one write transaction of :mod:`.edit`: it takes the round's
write lock and refuses a closed round, validates its input against the store
and raises :class:`~s3atlas.errors.InputError` naming the field, checks the
caller's ``expected_version`` (a stale one raises
:class:`~s3atlas.errors.ConflictError`), and writes the change and its audit
row together. Nothing is saved unless all of it is. Rows are addressed by
their ``id`` in the round being edited; ``round_name=None`` means the
region's latest round.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from s3atlas.ecosystem.store.edit import (
    Edit,
    clean_text,
    editing,
    reject_unknown,
    remove_row,
    sni_code,
    touch,
)
from s3atlas.ecosystem.store.models import (
    Actor,
    AreaIndustry,
    Insight,
    Link,
    Provision,
    ProvisionPhase,
    StrengthArea,
)
from s3atlas.ecosystem.store.vocabulary import resolve_term
from s3atlas.errors import ConflictError, InputError
from s3atlas.fields import field_words
from s3atlas.i18n import gettext
from s3atlas.store import Store, audit
from s3atlas.store.limits import text_limit

__all__ = [
    "Edit",
    "add_area",
    "add_insight",
    "add_link",
    "add_provision",
    "borrowable_answer",
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

_AREA_NAME = text_limit(StrengthArea.__tablename__, "name")
_SOURCE = text_limit(Insight.__tablename__, "source")


def _sni_list(values: Iterable[Any] | str) -> list[str]:
    items = values.replace(",", ";").split(";") if isinstance(values, str) else list(values)
    return sorted({sni_code(v) for v in items if str(v).strip()})


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
        name_ = clean_text(name, "name", required=True, limit=_AREA_NAME)
        if edit.session.scalar(
            select(StrengthArea.id).where(
                StrengthArea.round_id == edit.round.id, StrengthArea.name == name_
            )
        ):
            raise ConflictError(
                gettext(
                    "a strength area of that name already exists in round {round}",
                    round=edit.round.name,
                ),
                column="name",
                field=field_words("name"),
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
    reject_unknown(changes, {"name", "description", "sni"})
    with editing(store, region_code, round_name, user) as edit:
        area, before = edit.checkout(StrengthArea, area_id, "area_id", expected_version)
        if "name" in changes:
            area.name = (
                clean_text(changes["name"], "name", required=True, limit=_AREA_NAME) or area.name
            )
        if "description" in changes:
            area.description = clean_text(changes["description"], "description", limit=4000)
        if "sni" in changes:
            area.industries = [AreaIndustry(sni_code=c) for c in _sni_list(changes["sni"])]
            touch(area)
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
        area, before = edit.checkout(StrengthArea, area_id, "area_id", expected_version)
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
    if "borrowable" in values:
        out["borrowable"] = borrowable_answer(values["borrowable"])
    if "borrow_terms" in values:
        out["borrow_terms"] = clean_text(values["borrow_terms"], "borrow_terms", limit=4000)
    return out


_BORROWABLE_WORDS = {
    "yes": "yes",
    "ja": "yes",
    "no": "no",
    "nej": "no",
    "conditions": "conditions",
    "villkor": "conditions",
    "on conditions": "conditions",
    "med villkor": "conditions",
}


def borrowable_answer(value: Any) -> str | None:
    """Return the stored answer to "can other regions borrow it?": yes, no, conditions or None.

    Swedish answers (ja, nej, villkor) are understood; empty or ``none`` means not asked.

    >>> borrowable_answer("Ja"), borrowable_answer("med villkor"), borrowable_answer("")
    ('yes', 'conditions', None)
    """
    text = "" if value is None else " ".join(str(value).split()).casefold()
    if text in ("", "none", "-"):
        return None
    if text not in _BORROWABLE_WORDS:
        raise InputError(
            gettext("expected yes, no or conditions (ja, nej, villkor)"),
            column="borrowable",
            field=field_words("borrowable"),
            value=value,
        )
    return _BORROWABLE_WORDS[text]


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
    borrowable: str | None = None,
    borrow_terms: str | None = None,
    round_name: str | None = None,
    is_demo: bool = False,
) -> dict[str, Any]:
    """Record that *function* is present: provided by *actor_id* (None = not yet named) for
    *area_id*.

    ``area_id=None`` means every strength area of the region; no *phases*
    means every phase. *borrowable* answers "can other regions borrow its capacity?" (yes, no,
    conditions — then *borrow_terms* says which; None = not asked).
    """
    with editing(store, region_code, round_name, user) as edit:
        values = _provision_refs(
            edit,
            {
                "function": function,
                "actor_id": actor_id,
                "area_id": area_id,
                "note": note,
                "borrowable": borrowable,
                "borrow_terms": borrow_terms,
            },
        )
        existing = _same_provision(edit, values)
        if existing is not None:
            raise ConflictError(
                gettext(
                    "this function is already recorded for this actor and strength area; "
                    "change its phases instead"
                ),
                column="function",
                field=field_words("function"),
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
    """Change a provision's ``function``, ``actor_id``, ``area_id``, ``phases``, ``note``,
    ``borrowable`` or ``borrow_terms``."""
    allowed = {"function", "actor_id", "area_id", "phases", "note", "borrowable", "borrow_terms"}
    reject_unknown(changes, allowed)
    with editing(store, region_code, round_name, user) as edit:
        prov, before = edit.checkout(Provision, provision_id, "provision_id", expected_version)
        for field, value in _provision_refs(edit, changes).items():
            setattr(prov, field, value)
        current = {"function": prov.function, "actor_id": prov.actor_id, "area_id": prov.area_id}
        if _same_provision(edit, current, exclude=prov.id) is not None:
            raise ConflictError(
                gettext(
                    "this function is already recorded for this actor and strength area; "
                    "change its phases instead"
                ),
                column="function",
                field=field_words("function"),
                value=prov.function,
            )
        if "phases" in changes:
            prov.phases = _phases(edit.session, changes["phases"])
            touch(prov)
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
    remove_row(
        store, region_code, Provision, provision_id, "provision", user, expected_version, round_name
    )


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
        raise InputError(
            gettext("expected a number"), column="weight", field=field_words("weight"), value=value
        ) from None
    if not weight > 0:
        raise InputError(
            gettext("expected a number greater than 0"),
            column="weight",
            field=field_words("weight"),
            value=value,
        )
    return weight


def _check_link(edit: Edit, link: Link | dict[str, Any], exclude: int | None = None) -> None:
    get = link.get if isinstance(link, dict) else lambda k: getattr(link, k)
    if get("source_id") == get("target_id"):
        raise InputError(
            gettext("a link needs two different actors"),
            column="target_id",
            field=field_words("target_id"),
            value=get("target_id"),
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
            gettext("these two actors are already linked this way"),
            column="kind",
            field=field_words("kind"),
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
    reject_unknown(changes, {"source_id", "target_id", "kind", "weight", "note"})
    with editing(store, region_code, round_name, user) as edit:
        link, before = edit.checkout(Link, link_id, "link_id", expected_version)
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
    remove_row(store, region_code, Link, link_id, "link", user, expected_version, round_name)


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
            source=clean_text(source, "source", limit=_SOURCE),
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
    reject_unknown(changes, {"text", "area_id", "source"})
    with editing(store, region_code, round_name, user) as edit:
        insight, before = edit.checkout(Insight, insight_id, "insight_id", expected_version)
        if "text" in changes:
            insight.text = (
                clean_text(changes["text"], "text", required=True, limit=4000) or insight.text
            )
        if "area_id" in changes:
            area = changes["area_id"]
            insight.area_id = None if area is None else edit.get(StrengthArea, area, "area_id").id
        if "source" in changes:
            insight.source = clean_text(changes["source"], "source", limit=_SOURCE)
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
    remove_row(
        store, region_code, Insight, insight_id, "insight", user, expected_version, round_name
    )

"""Actors of the ecosystem map: add, change, remove, and find and merge duplicates.

An actor is a duplicate of another in the same round when it has the same
Swedish organisation number, or a near-identical name: the same name once
case, punctuation and legal form (AB, Aktiebolag, Ekonomisk förening, …) are
set aside, or a name at least :data:`SIMILARITY` alike (accents folded) by
:class:`difflib.SequenceMatcher` (Ratcliff/Obershelp). A duplicate raises
:class:`DuplicateActorError`, which names the existing actor; the caller can
use it, or add the new one with ``allow_similar=True`` and later
:func:`merge_actors`.

Examples
--------
>>> normalise_name("Drömtrappor AB"), normalise_name("DRÖMTRAPPOR  aktiebolag")
('drömtrappor', 'drömtrappor')
>>> normalise_org_number("556036-0793")
'5560360793'
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import or_, select

from s3atlas.ecosystem.store.edit import Edit, clean_text, editing, reject_unknown, sni_code
from s3atlas.ecosystem.store.models import (
    ACTOR_FIELDS,
    PARTNER_FIELDS,
    Actor,
    Link,
    Provision,
    ProvisionPhase,
)
from s3atlas.ecosystem.store.vocabulary import resolve_term
from s3atlas.errors import ConflictError, InputError
from s3atlas.fields import field_words
from s3atlas.i18n import gettext
from s3atlas.store import Store, audit
from s3atlas.store.limits import check_length, text_limit

__all__ = [
    "SIMILARITY",
    "DuplicateActorError",
    "add_actor",
    "clean_website",
    "create_actor",
    "merge_actors",
    "normalise_name",
    "normalise_org_number",
    "remove_actor",
    "update_actor",
]

SIMILARITY = 0.9
"""Names at least this alike (SequenceMatcher ratio of normalised names, accents folded) are
near-identical."""

_LEGAL_FORMS = re.compile(
    r"\b(aktiebolag|ab|publ|hb|kb|handelsbolag|kommanditbolag|ekonomisk förening|ek för|ek\.? för|"
    r"ideell förening|stiftelse|ltd|limited|inc|gmbh|oy|as|asa)\b"
)
_INHERITED = (
    "org_number",
    "sni_code",
    "municipality",
    "website",
    "interest",
    "influence",
    "description",
)
_FIELDS = set(ACTOR_FIELDS)


class DuplicateActorError(ConflictError):
    """The actor already exists in the round; ``existing`` describes it and ``to_dict`` offers a
    merge."""

    code = "duplicate_actor"

    def __init__(self, message: str, existing: Actor, *, column: str, value: Any) -> None:
        super().__init__(message, column=column, value=value, field=field_words(column))
        self.existing = {
            "id": existing.id,
            "key": existing.key,
            "name": existing.name,
            "org_number": existing.org_number,
        }

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["existing"] = self.existing
        out["merge"] = {"keep": self.existing["id"], "function": "merge_actors"}
        return out


def normalise_name(name: str) -> str:
    """Return the comparable form of an actor name: lower case, no punctuation or legal form."""
    text = re.sub(r"[^\w\s]", " ", str(name).casefold())
    text = _LEGAL_FORMS.sub(" ", " ".join(text.split()))
    return " ".join(text.split()) or " ".join(str(name).casefold().split())


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, _fold(a), _fold(b)).ratio()


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def normalise_org_number(value: Any) -> str | None:
    """Return a Swedish organisation number as 10 digits (Luhn-checked); other ids as upper-case
    text.

    Raises
    ------
    InputError
        A Swedish-looking number (10 or 12 digits) whose check digit is wrong.
    """
    text = clean_text(value, "org_number", limit=20)
    if text is None:
        return None
    digits = re.sub(r"[\s-]", "", text)
    if digits.isascii() and digits.isdigit() and len(digits) in (10, 12):
        digits = digits[-10:]
        if not _luhn_ok(digits):
            raise InputError(
                gettext("the organisation number has a wrong check digit"),
                column="org_number",
                field=field_words("org_number"),
                value=value,
            )
        return digits
    if digits.isascii() and digits.isdigit():
        raise InputError(
            gettext("a Swedish organisation number has 10 digits (NNNNNN-NNNN)"),
            column="org_number",
            field=field_words("org_number"),
            value=value,
        )
    return text.upper()


def _grid(value: Any, field: str) -> int | None:
    if value is None or value == "":
        return None
    wrong = InputError(
        gettext("expected a whole number from 1 to 5"),
        column=field,
        field=field_words(field),
        value=value,
    )
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise wrong from None
    if not 1 <= number <= 5 or number != float(value):
        raise wrong
    return number


def clean_website(value: Any) -> str | None:
    """Return a web address that is ``http`` or ``https`` (``https://`` added when none is given).

    Anything else (``javascript:``, ``data:``, ``file:``) is refused, so a stored address
    is always safe to show as a link.

    >>> clean_website("www.umu.se"), clean_website("http://umu.se/x"), clean_website("")
    ('https://www.umu.se', 'http://umu.se/x', None)
    >>> clean_website("javascript:alert(1)")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    s3atlas.errors.InputError: ...'javascript:alert(1)'...
    """
    text = clean_text(value, "website", limit=text_limit(Actor.__tablename__, "website"))
    if text is None:
        return None
    if "://" not in text and ":" not in text.split("/", 1)[0]:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in text:
        raise InputError(
            gettext("A website address starts with http:// or https://."),
            column="website",
            field=field_words("website"),
            value=text[:80],
        )
    check_length(text, text_limit(Actor.__tablename__, "website"), "website")
    return text


def _clean(edit: Edit, values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field, value in values.items():
        if field == "name":
            out["name"] = clean_text(
                value, "name", required=True, limit=text_limit(Actor.__tablename__, "name")
            )
            out["name_norm"] = normalise_name(out["name"])
        elif field == "kind":
            out[field] = resolve_term(edit.session, "actor_kind", value)
        elif field == "org_number":
            out[field] = normalise_org_number(value)
        elif field == "sni_code":
            out[field] = None if value in (None, "") else sni_code(value, "sni_code")
        elif field in ("interest", "influence"):
            out[field] = _grid(value, field)
        elif field == "borrowable":
            out[field] = bool(value)
        elif field == "website":
            out[field] = clean_website(value)
        elif field == "description":
            out[field] = clean_text(value, field, limit=4000)
        else:
            out[field] = clean_text(value, field, limit=text_limit(Actor.__tablename__, field))
    return out


def _check_duplicate(
    edit: Edit, values: dict[str, Any], *, exclude: int | None, allow_similar: bool
) -> None:
    """Refuse an actor whose organisation number or name another actor of the round has.

    The database finds the same number or name; only a check for similar names reads every
    actor of the round (an import of hundreds of actors, which allows similar names, stays
    linear).
    """
    others = select(Actor).where(Actor.round_id == edit.round.id).order_by(Actor.id)
    if exclude is not None:
        others = others.where(Actor.id != exclude)
    org = values.get("org_number")
    if org is not None:
        other = edit.session.scalars(others.where(Actor.org_number == org).limit(1)).first()
        if other is not None:
            raise DuplicateActorError(
                gettext(
                    "{name} already has organisation number {org}: use that actor, "
                    "or merge the two",
                    name=other.name,
                    org=org,
                ),
                other,
                column="org_number",
                value=org,
            )
    norm = values.get("name_norm")
    if norm is None:
        return
    candidates = others.where(Actor.name_norm == norm) if allow_similar else others
    for other in edit.session.scalars(candidates):
        alike = other.name_norm == norm or (
            not allow_similar and _similarity(other.name_norm, norm) >= SIMILARITY
        )
        if alike:
            raise DuplicateActorError(
                gettext(
                    "{name} has a near-identical name: use that actor, or merge the two",
                    name=other.name,
                ),
                other,
                column="name",
                value=values["name"],
            )


def add_actor(
    store: Store,
    region_code: str,
    name: str,
    kind: str,
    *,
    user: str,
    round_name: str | None = None,
    allow_similar: bool = False,
    is_demo: bool = False,
    **fields: Any,
) -> dict[str, Any]:
    """Add an actor to the round; return the stored row.

    *fields*: ``org_number``, ``sni_code``, ``municipality``, ``website``,
    ``borrowable``, ``interest``, ``influence`` (1–5), ``description``.

    Raises
    ------
    InputError
        Unknown kind or SNI code, bad organisation number, grid value outside 1–5.
    DuplicateActorError
        Same organisation number, or a near-identical name (unless *allow_similar*).
    """
    reject_unknown(fields, _FIELDS)
    with editing(store, region_code, round_name, user) as edit:
        actor = create_actor(
            edit, name, kind, allow_similar=allow_similar, is_demo=is_demo, **fields
        )
        return audit.row_dict(actor)


def create_actor(
    edit: Edit,
    name: str,
    kind: str,
    *,
    allow_similar: bool = False,
    is_demo: bool = False,
    **fields: Any,
) -> Actor:
    """Add an actor inside the open edit *edit* (see :func:`add_actor`), with its audit row.

    Besides the fields people edit, imports may set ``pic``, ``external`` and
    ``home_region`` (:data:`~s3atlas.ecosystem.store.models.PARTNER_FIELDS`).
    """
    partner = {f: fields.pop(f) for f in PARTNER_FIELDS if f in fields}
    reject_unknown(fields, _FIELDS)
    values = _clean(edit, {"name": name, "kind": kind, **fields})
    _check_duplicate(edit, values, exclude=None, allow_similar=allow_similar)
    actor = Actor(round_id=edit.round.id, is_demo=is_demo, **values, **_partner(partner))
    edit.session.add(actor)
    edit.log("create", "actor", actor)
    return actor


def _partner(values: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "pic" in values:
        out["pic"] = clean_text(values["pic"], "pic", limit=20)
    if "external" in values:
        out["external"] = bool(values["external"])
    if "home_region" in values:
        out["home_region"] = clean_text(values["home_region"], "home_region", limit=20)
    return out


def update_actor(
    store: Store,
    region_code: str,
    actor_id: int,
    *,
    user: str,
    expected_version: int | None = None,
    round_name: str | None = None,
    allow_similar: bool = False,
    **changes: Any,
) -> dict[str, Any]:
    """Change fields of an actor; *expected_version* is the version the caller read."""
    reject_unknown(changes, _FIELDS)
    with editing(store, region_code, round_name, user) as edit:
        actor, before = edit.checkout(Actor, actor_id, "actor_id", expected_version)
        values = _clean(edit, changes)
        _check_duplicate(edit, values, exclude=actor.id, allow_similar=allow_similar)
        for field, value in values.items():
            setattr(actor, field, value)
        edit.log("update", "actor", actor, before)
        return audit.row_dict(actor)


def remove_actor(
    store: Store,
    region_code: str,
    actor_id: int,
    *,
    user: str,
    expected_version: int | None = None,
    round_name: str | None = None,
) -> None:
    """Remove an actor, its provisions and its links from the round."""
    with editing(store, region_code, round_name, user) as edit:
        actor, before = edit.checkout(Actor, actor_id, "actor_id", expected_version)
        edit.delete(actor, "actor", before, dependents=_attached(edit, actor.id))


def _attached(edit: Edit, actor_id: int) -> list[Any]:
    links = edit.session.scalars(
        select(Link).where(or_(Link.source_id == actor_id, Link.target_id == actor_id))
    )
    provisions = edit.session.scalars(select(Provision).where(Provision.actor_id == actor_id))
    return [*links, *provisions]


def merge_actors(
    store: Store,
    region_code: str,
    keep: int,
    drop: int,
    *,
    user: str,
    round_name: str | None = None,
) -> dict[str, Any]:
    """Merge actor *drop* into *keep*: move its provisions and links, fill *keep*'s empty fields,
    delete *drop*.

    Links that would join *keep* to itself, and links and provisions *keep*
    already has, are dropped rather than doubled. Returns the kept actor.
    """
    if keep == drop:
        raise InputError(
            gettext("an actor cannot be merged with itself"),
            column="drop",
            field=field_words("drop"),
            value=drop,
        )
    with editing(store, region_code, round_name, user) as edit:
        kept, dropped = edit.get(Actor, keep, "keep"), edit.get(Actor, drop, "drop")
        before = audit.snapshot_of({"keep": audit.row_dict(kept), "drop": audit.row_dict(dropped)})
        inherited = {f: getattr(dropped, f) for f in _INHERITED if getattr(kept, f) is None}
        dropped.org_number = None  # free the unique number before the kept actor takes it
        edit.session.flush()
        for field, value in inherited.items():
            setattr(kept, field, value)
        kept.borrowable = kept.borrowable or dropped.borrowable
        edit.session.flush()
        _move_links(edit, kept.id, dropped.id)
        _move_provisions(edit, kept.id, dropped.id)
        edit.session.flush()
        edit.session.delete(dropped)
        edit.session.flush()
        audit.record(
            edit.session,
            user=edit.user,
            action="merge",
            entity="actor",
            round_=edit.round,
            key=kept.key,
            before=before,
            after=kept,
        )
        return audit.row_dict(kept)


def _move_links(edit: Edit, keep: int, drop: int) -> None:
    existing = {
        (link.source_id, link.target_id, link.kind)
        for link in edit.session.scalars(select(Link).where(Link.round_id == edit.round.id))
    }
    for link in edit.session.scalars(
        select(Link).where(or_(Link.source_id == drop, Link.target_id == drop))
    ):
        source = keep if link.source_id == drop else link.source_id
        target = keep if link.target_id == drop else link.target_id
        if source == target or (source, target, link.kind) in existing:
            edit.session.delete(link)
            continue
        link.source_id, link.target_id = source, target
        existing.add((source, target, link.kind))


def _move_provisions(edit: Edit, keep: int, drop: int) -> None:
    kept = {
        (p.function, p.area_id): p
        for p in edit.session.scalars(select(Provision).where(Provision.actor_id == keep))
    }
    for prov in edit.session.scalars(select(Provision).where(Provision.actor_id == drop)):
        twin = kept.get((prov.function, prov.area_id))
        if twin is None:
            prov.actor_id = keep
            continue
        have = {p.phase for p in twin.phases}
        if have and prov.phases:  # both limited to phases: keep the union
            twin.phases.extend(
                ProvisionPhase(phase=p.phase) for p in prov.phases if p.phase not in have
            )
        elif not prov.phases:  # the dropped one served every phase
            twin.phases = []
        edit.session.delete(prov)

"""The audit log of the workspace store: who changed what, when, and the row before and after.

Every edit of the ecosystem map, cluster mappings, workshops and rounds writes
one :class:`~s3atlas.store.tables.AuditEntry` in the same transaction as the
change itself, so the log and the data never disagree: if the change rolls
back, so does its audit row.

Examples
--------
>>> snapshot_of(None) is None
True
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from s3atlas.store import Store
from s3atlas.store.tables import AuditEntry, Region, Round

__all__ = ["audit_log", "audit_words", "record", "row_dict", "snapshot_of"]

#: The actions and things the log records (codes) and how a person reads them (catalogue text).
_WORDS = {
    "create": "Created",
    "update": "Changed",
    "delete": "Removed",
    "open": "Opened",
    "close": "Closed",
    "import": "Imported",
    "load_demo": "Loaded the example data",
    "merge": "Merged",
    "submit": "Submitted",
    "accept": "Accepted",
    "reject": "Rejected",
    "actor": "Actor",
    "strength_area": "Strength area",
    "area_member": "Member of a strength area",
    "provision": "Support function",
    "link": "Link",
    "insight": "Insight",
    "round": "Round",
    "region": "Region",
    "cluster_member": "Cluster member",
    "cluster_survey": "Cluster survey",
    "cluster_phase": "Cluster development phase",
    "cluster_area": "Strength area of a cluster",
    "cluster_score": "Horizontal criterion of a cluster",
    "workshop": "Workshop",
    "workshop_submission": "Workshop submission",
}

_SKIPPED = {"name_norm"}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def row_dict(obj: Any) -> dict[str, Any]:
    """Return the column values of a mapped row, plus its SNI codes or phases when it has them."""
    mapper = inspect(obj).mapper
    out = {c.key: _plain(getattr(obj, c.key)) for c in mapper.column_attrs if c.key not in _SKIPPED}
    if hasattr(obj, "industries"):
        out["sni"] = [i.sni_code for i in obj.industries]
    if hasattr(obj, "phases") and not isinstance(obj.phases, str):
        out["phases"] = sorted(p.phase for p in obj.phases)
    return out


def snapshot_of(obj: Any) -> str | None:
    """Return a row as JSON text for the audit log (``None`` stays ``None``)."""
    if obj is None:
        return None
    data = obj if isinstance(obj, dict) else row_dict(obj)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def record(
    session: Session,
    *,
    user: str,
    action: str,
    entity: str,
    round_: Round | None = None,
    region_id: int | None = None,
    key: str | None = None,
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    """Add one audit row to *session* (committed or rolled back with the change)."""
    entry = AuditEntry(
        user=user,
        action=action,
        entity=entity,
        entity_key=key,
        region_id=round_.region_id if round_ is not None else region_id,
        round_id=round_.id if round_ is not None else None,
        before=before if isinstance(before, str) or before is None else snapshot_of(before),
        after=after if isinstance(after, str) or after is None else snapshot_of(after),
    )
    session.add(entry)
    return entry


def audit_words(code: str, lang: str) -> str:
    """An action or thing of the log in words (a code the log does not know is shown as it is).

    >>> audit_words("load_demo", "sv"), audit_words("strength_area", "en")
    ('Exempeldata inlästa', 'Strength area')
    """
    from s3atlas.i18n import gettext

    english = _WORDS.get(code)
    return gettext(english, lang) if english else code


def audit_log(
    store: Store, region_code: str | None = None, *, limit: int | None = None
) -> pd.DataFrame:
    """Return the audit log, newest first: at, user, action, entity, entity_key, round, before,
    after."""
    query = (
        select(
            AuditEntry.at,
            AuditEntry.user,
            AuditEntry.action,
            AuditEntry.entity,
            AuditEntry.entity_key,
            Round.name.label("round"),
            AuditEntry.before,
            AuditEntry.after,
        )
        .outerjoin(Round, Round.id == AuditEntry.round_id)
        .outerjoin(Region, Region.id == AuditEntry.region_id)
        .order_by(AuditEntry.id.desc())
    )
    if region_code is not None:
        query = query.where(Region.code == region_code)
    if limit is not None:
        query = query.limit(limit)
    with store.read() as session:
        rows = session.execute(query).all()
    columns = ["at", "user", "action", "entity", "entity_key", "round", "before", "after"]
    return pd.DataFrame([tuple(r) for r in rows], columns=columns)

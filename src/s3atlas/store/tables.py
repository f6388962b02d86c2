"""Tables every product area shares: regions, mapping rounds and the audit log.

The ecosystem map, cluster mappings, workshops and priority lists all belong
to a region and, where they change over time, to one mapping round
(*kartläggningsomgång*) of it; every change is written to one audit log. The
table names keep their ``eco_`` prefix (the ecosystem branch of the migrations
created them first), so no migration is needed.

Examples
--------
>>> sorted(t.name for t in (Region.__table__, Round.__table__, AuditEntry.__table__))
['eco_audit', 'eco_regions', 'eco_rounds']
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from s3atlas.store.db import Base

__all__ = ["AuditEntry", "Region", "Round", "new_key", "utcnow"]


def new_key() -> str:
    """Return a fresh identity key (32 hex digits) that a row keeps across rounds."""
    return uuid.uuid4().hex


def utcnow() -> datetime:
    """Return the current time in UTC (timezone-aware)."""
    return datetime.now(UTC)


class Region(Base):
    """A region whose ecosystem is mapped (a Swedish county code such as ``"24"``, or a NUTS
    code)."""

    __tablename__ = "eco_regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    rounds: Mapped[list[Round]] = relationship(back_populates="region", order_by="Round.seq")


class Round(Base):
    """A mapping round (*kartläggningsomgång*) of one region; closed rounds never change."""

    __tablename__ = "eco_rounds"
    __table_args__ = (
        UniqueConstraint("region_id", "name", name="uq_eco_rounds_region_name"),
        UniqueConstraint("region_id", "seq", name="uq_eco_rounds_region_seq"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("eco_regions.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(60))
    seq: Mapped[int] = mapped_column(Integer)
    opened_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    last_edit_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    source: Mapped[str | None] = mapped_column(String(300), default=None)
    region: Mapped[Region] = relationship(back_populates="rounds")

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class AuditEntry(Base):
    """One change: who, when, what, and the row before and after as JSON text."""

    __tablename__ = "eco_audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    user: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_key: Mapped[str | None] = mapped_column(String(32), default=None)
    region_id: Mapped[int | None] = mapped_column(
        ForeignKey("eco_regions.id", ondelete="SET NULL"), default=None
    )
    round_id: Mapped[int | None] = mapped_column(
        ForeignKey("eco_rounds.id", ondelete="SET NULL"), default=None, index=True
    )
    before: Mapped[str | None] = mapped_column(Text, default=None)
    after: Mapped[str | None] = mapped_column(Text, default=None)

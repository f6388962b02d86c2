"""Tables of workshop mode (*Bikupa*): workshops, their submissions and the rate-limit log.

A :class:`Workshop` belongs to a region (``eco_regions``) and to the mapping
round (``eco_rounds``) its accepted submissions go into. Participants join
with the workshop's short ``join_code``; the code works only while the
workshop is open. A :class:`Submission` is one participant's example; the
facilitator edits, merges, accepts (into the ecosystem map of the round) or
rejects it. :class:`RateHit` rows count recent submissions per workshop and
per client so every server process sees the same limits; they are deleted
once older than the longest rate window.

Every table name starts with ``ws_`` (Alembic branch ``workshop``).

Examples
--------
>>> sorted(t for t in Base.metadata.tables if t.startswith("ws_"))
['ws_rate_hits', 'ws_submissions', 'ws_workshops']
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from s3atlas.store import Base
from s3atlas.store.tables import new_key, utcnow

__all__ = ["BORROWABLE", "STATUSES", "RateHit", "Submission", "Workshop"]

STATUSES = ("pending", "accepted", "rejected", "merged")
"""What became of a submission."""

BORROWABLE = ("yes", "no", "conditions")
"""Answers to "Could other regions borrow capacity from it?" (empty: not answered)."""


class Workshop(Base):
    """A workshop of one region and mapping round, joined with a short code."""

    __tablename__ = "ws_workshops"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(32), default=new_key, unique=True)
    region_id: Mapped[int] = mapped_column(
        ForeignKey("eco_regions.id", ondelete="CASCADE"), index=True
    )
    round_id: Mapped[int] = mapped_column(ForeignKey("eco_rounds.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    questions: Mapped[str] = mapped_column(Text)
    join_code: Mapped[str] = mapped_column(String(12), unique=True)
    opens_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closes_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Submission(Base):
    """One participant's example: free text plus the structured fields of the Bikupa form."""

    __tablename__ = "ws_submissions"
    __table_args__ = (
        CheckConstraint(
            "status IN ('pending', 'accepted', 'rejected', 'merged')",
            name="ck_ws_submission_status",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(32), default=new_key, unique=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("ws_workshops.id", ondelete="CASCADE"), index=True
    )
    question: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    function: Mapped[str | None] = mapped_column(ForeignKey("eco_functions.code"), default=None)
    area_keys: Mapped[str | None] = mapped_column(Text, default=None)
    actor_name: Mapped[str | None] = mapped_column(String(300), default=None)
    home_region: Mapped[str | None] = mapped_column(String(120), default=None)
    borrowable: Mapped[str | None] = mapped_column(String(20), default=None)
    author: Mapped[str | None] = mapped_column(String(120), default=None)
    organisation: Mapped[str | None] = mapped_column(String(200), default=None)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("ws_submissions.id", ondelete="SET NULL"), default=None
    )
    actor_key: Mapped[str | None] = mapped_column(String(32), default=None)
    provision_keys: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    decided_by: Mapped[str | None] = mapped_column(String(120), default=None)


class RateHit(Base):
    """One recent submission attempt of a client in a workshop (the client as a keyed hash)."""

    __tablename__ = "ws_rate_hits"
    __table_args__ = (
        Index("ix_ws_rate_hits_workshop_at", "workshop_id", "at"),
        Index("ix_ws_rate_hits_client_at", "client", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("ws_workshops.id", ondelete="CASCADE"))
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

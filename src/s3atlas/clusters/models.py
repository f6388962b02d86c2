"""Tables of cluster mapping (*klusterkartering*), linked to the ecosystem store.

A cluster initiative *is* an actor of kind ``cluster_organisation`` in the
ecosystem store (:class:`~s3atlas.ecosystem.store.models.Actor`). Actors are copied
into every mapping round and keep their ``key``, so :class:`Cluster` points at
the region (``eco_regions``) and at the actor's ``key``: the same cluster in
every round. Phase assessments and criteria scores belong to a mapping round
(``eco_rounds``) of that region, so closed rounds stay unchanged and rounds
are compared as the ecosystem compares them. Firm-survey waves are their own
sequence (a survey is fielded once a year or less often), shared by all
clusters so clusters can be compared within a wave.

Every table name starts with ``clu_`` (Alembic branch ``clusters``).

Examples
--------
>>> sorted(t for t in Base.metadata.tables if t.startswith("clu_"))[:3]
['clu_answers', 'clu_cluster_areas', 'clu_clusters']
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from s3atlas.store import Base
from s3atlas.store.tables import utcnow

__all__ = [
    "ASSESSORS",
    "Answer",
    "Cluster",
    "ClusterArea",
    "CriterionScore",
    "Member",
    "PhaseAssessment",
    "Respondent",
    "Wave",
]

ASSESSORS = ("self", "independent")
"""Who assessed: the cluster itself (*självskattning*) or an independent assessor (*oberoende*)."""


class Cluster(Base):
    """A cluster initiative: the ecosystem actor (by key) of kind cluster organisation in a
    region."""

    __tablename__ = "clu_clusters"
    __table_args__ = (
        UniqueConstraint("region_id", "actor_key", name="uq_clu_clusters_region_actor"),
        UniqueConstraint("region_id", "name_norm", name="uq_clu_clusters_region_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(
        ForeignKey("eco_regions.id", ondelete="CASCADE"), index=True
    )
    actor_key: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(300))
    name_norm: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Member(Base):
    """A member of a cluster (usually a firm); ``actor_key`` when it is also an ecosystem actor."""

    __tablename__ = "clu_members"
    __table_args__ = (
        UniqueConstraint("cluster_id", "name_norm", name="uq_clu_members_cluster_name"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_id: Mapped[int] = mapped_column(
        ForeignKey("clu_clusters.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    name_norm: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(ForeignKey("eco_actor_kinds.code"), default="firm")
    actor_key: Mapped[str | None] = mapped_column(String(32), default=None)
    org_number: Mapped[str | None] = mapped_column(String(20), default=None)


class ClusterArea(Base):
    """A strength area (by its ecosystem key) that a cluster works in."""

    __tablename__ = "clu_cluster_areas"

    cluster_id: Mapped[int] = mapped_column(
        ForeignKey("clu_clusters.id", ondelete="CASCADE"), primary_key=True
    )
    area_key: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class PhaseAssessment(Base):
    """The development phase of a cluster in one mapping round, as one assessor type judged it."""

    __tablename__ = "clu_phase_assessments"
    __table_args__ = (
        UniqueConstraint(
            "cluster_id", "round_id", "assessor_type", name="uq_clu_phase_cluster_round_assessor"
        ),
        CheckConstraint("assessor_type IN ('self', 'independent')", name="ck_clu_phase_assessor"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_id: Mapped[int] = mapped_column(
        ForeignKey("clu_clusters.id", ondelete="CASCADE"), index=True
    )
    round_id: Mapped[int] = mapped_column(ForeignKey("eco_rounds.id", ondelete="CASCADE"))
    assessor_type: Mapped[str] = mapped_column(String(20))
    phase: Mapped[str] = mapped_column(String(40))
    assessor: Mapped[str | None] = mapped_column(String(200), default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)


class CriterionScore(Base):
    """One horizontal-criterion score of a cluster in a mapping round by one assessor type."""

    __tablename__ = "clu_criteria_scores"
    __table_args__ = (
        UniqueConstraint(
            "cluster_id", "round_id", "criterion", "assessor_type", name="uq_clu_criteria_score"
        ),
        CheckConstraint(
            "assessor_type IN ('self', 'independent')", name="ck_clu_criteria_assessor"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cluster_id: Mapped[int] = mapped_column(
        ForeignKey("clu_clusters.id", ondelete="CASCADE"), index=True
    )
    round_id: Mapped[int] = mapped_column(ForeignKey("eco_rounds.id", ondelete="CASCADE"))
    criterion: Mapped[str] = mapped_column(String(40))
    assessor_type: Mapped[str] = mapped_column(String(20))
    score: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text, default=None)


class Wave(Base):
    """A survey wave (e.g. ``"2016"``), ordered by ``seq``; the first wave is the default
    baseline."""

    __tablename__ = "clu_waves"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Respondent(Base):
    """One respondent (a member firm's answer sheet) of a cluster in a wave."""

    __tablename__ = "clu_respondents"
    __table_args__ = (
        UniqueConstraint(
            "wave_id", "cluster_id", "respondent_id", name="uq_clu_respondents_wave_cluster_id"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("clu_waves.id", ondelete="CASCADE"), index=True)
    cluster_id: Mapped[int] = mapped_column(
        ForeignKey("clu_clusters.id", ondelete="CASCADE"), index=True
    )
    respondent_id: Mapped[str] = mapped_column(String(100))
    source: Mapped[str | None] = mapped_column(String(300), default=None)


class Answer(Base):
    """The answer code of one respondent to one item (no row: the item was left unanswered)."""

    __tablename__ = "clu_answers"

    respondent_id: Mapped[int] = mapped_column(
        ForeignKey("clu_respondents.id", ondelete="CASCADE"), primary_key=True
    )
    item: Mapped[str] = mapped_column(String(40), primary_key=True)
    answer: Mapped[str] = mapped_column(String(40))

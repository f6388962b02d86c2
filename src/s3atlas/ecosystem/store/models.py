"""Tables of the innovation-ecosystem workspace: vocabulary and the map itself.

Every table name starts with ``eco_`` so the ecosystem branch of the
migrations never meets the tables of another area. Regions, rounds and the
audit log, which every area shares, are :mod:`s3atlas.store.tables`.

Rounds are *copy-on-new-round* (see :mod:`s3atlas.ecosystem.store.rounds`): each
mapping round holds its own complete copy of the region's map (strength
areas, actors, provisions, links, insights). A row's ``key`` is its identity
across rounds — the copy of an actor in the next round keeps the key — so two
rounds are compared by key. ``version`` counts the edits of a row; SQLAlchemy
adds ``AND version = :old`` to every UPDATE and DELETE
(``version_id_col``), so a write based on a stale read never silently wins.

Examples
--------
>>> sorted(t for t in Base.metadata.tables if t.startswith("eco_"))[:3]
['eco_actor_kinds', 'eco_actors', 'eco_area_industries']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from s3atlas.store import Base
from s3atlas.store.tables import new_key

if TYPE_CHECKING:
    from sqlalchemy.sql import FromClause

__all__ = [
    "ACTOR_FIELDS",
    "BORROWABLE",
    "PARTNER_FIELDS",
    "Actor",
    "ActorKind",
    "AreaIndustry",
    "AreaMember",
    "Insight",
    "Link",
    "LinkKind",
    "Phase",
    "Provision",
    "ProvisionPhase",
    "StrengthArea",
    "SupportFunction",
]


# --- vocabulary (editable, seeded by the eco_0001 migration) -----------------


class ActorKind(Base):
    """A kind of actor: firm, cluster organisation, university, …"""

    __tablename__ = "eco_actor_kinds"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_sv: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)


class SupportFunction(Base):
    """A support function of the ecosystem: strategic financing, incubation, …"""

    __tablename__ = "eco_functions"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_sv: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Phase(Base):
    """A phase of the innovation journey, ordered by ``position``."""

    __tablename__ = "eco_phases"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_sv: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)


class LinkKind(Base):
    """A kind of link between two actors: collaboration, funding, membership, supply, …"""

    __tablename__ = "eco_link_kinds"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_sv: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(Integer, default=0)


# --- the map, one copy per round ------------------------------------------------


class _Versioned:
    """Columns shared by every per-round row: key, version, demo flag."""

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(32), default=new_key)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    if TYPE_CHECKING:
        # Set by Base on the mapped subclasses; declared only for the checker so that
        # __mapper_args__ below may read it (a runtime attribute would confuse the mapping).
        __table__: ClassVar[FromClause]

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.__table__.c.version}


class StrengthArea(_Versioned, Base):
    """A strength area (*styrkeområde*) of a region in one round, with its SNI industries."""

    __tablename__ = "eco_strength_areas"
    __table_args__ = (
        UniqueConstraint("round_id", "key", name="uq_eco_areas_round_key"),
        UniqueConstraint("round_id", "name", name="uq_eco_areas_round_name"),
    )

    round_id: Mapped[int] = mapped_column(
        ForeignKey("eco_rounds.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text, default=None)
    industries: Mapped[list[AreaIndustry]] = relationship(
        cascade="all, delete-orphan", order_by="AreaIndustry.sni_code", lazy="selectin"
    )


class AreaIndustry(Base):
    """One SNI 2007 code of a strength area."""

    __tablename__ = "eco_area_industries"

    area_id: Mapped[int] = mapped_column(
        ForeignKey("eco_strength_areas.id", ondelete="CASCADE"), primary_key=True
    )
    sni_code: Mapped[str] = mapped_column(String(10), primary_key=True)


class Actor(_Versioned, Base):
    """An actor (*aktör*) of a region's ecosystem in one round."""

    __tablename__ = "eco_actors"
    __table_args__ = (
        UniqueConstraint("round_id", "key", name="uq_eco_actors_round_key"),
        UniqueConstraint("round_id", "org_number", name="uq_eco_actors_round_orgnr"),
        UniqueConstraint("round_id", "name_norm", name="uq_eco_actors_round_name"),
        CheckConstraint(
            "interest IS NULL OR interest BETWEEN 1 AND 5", name="ck_eco_actors_interest"
        ),
        CheckConstraint(
            "influence IS NULL OR influence BETWEEN 1 AND 5", name="ck_eco_actors_influence"
        ),
    )

    round_id: Mapped[int] = mapped_column(
        ForeignKey("eco_rounds.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    name_norm: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(ForeignKey("eco_actor_kinds.code"))
    org_number: Mapped[str | None] = mapped_column(String(20), default=None)
    sni_code: Mapped[str | None] = mapped_column(String(10), default=None)
    municipality: Mapped[str | None] = mapped_column(String(120), default=None)
    website: Mapped[str | None] = mapped_column(String(300), default=None)
    borrowable: Mapped[bool] = mapped_column(Boolean, default=False)
    interest: Mapped[int | None] = mapped_column(Integer, default=None)
    influence: Mapped[int | None] = mapped_column(Integer, default=None)
    description: Mapped[str | None] = mapped_column(Text, default=None)
    pic: Mapped[str | None] = mapped_column(String(20), default=None)
    external: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    home_region: Mapped[str | None] = mapped_column(String(20), default=None)


ACTOR_FIELDS = (
    "name",
    "kind",
    "org_number",
    "sni_code",
    "municipality",
    "website",
    "borrowable",
    "interest",
    "influence",
    "description",
)
"""The fields of an :class:`Actor` that people edit, in the order listings and diffs show them."""

PARTNER_FIELDS = ("pic", "external", "home_region")
"""Fields of an :class:`Actor` set by imports of project data (CORDIS): the EU Participant
Identification Code, and whether the actor is an external partner of another region (and which)."""

BORROWABLE = ("yes", "no", "conditions")
"""The answers to "can other regions borrow this capacity?" (*Kan andra regioner låna
kapacitet av den?*) recorded on a provision; NULL = not asked."""


class Provision(_Versioned, Base):
    """That a support function is present: who provides it (or not yet named), for which area, in
    which phases.

    ``actor_id`` NULL: the function is known to exist but no actor is named.
    ``area_id`` NULL: it serves every strength area of the region.
    No phases: the phase is not stated.
    """

    __tablename__ = "eco_provisions"
    __table_args__ = (
        UniqueConstraint("round_id", "key", name="uq_eco_provisions_round_key"),
        CheckConstraint(
            "borrowable IS NULL OR borrowable IN ('yes', 'no', 'conditions')",
            name="ck_eco_provisions_borrowable",
        ),
    )

    round_id: Mapped[int] = mapped_column(
        ForeignKey("eco_rounds.id", ondelete="CASCADE"), index=True
    )
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("eco_actors.id", ondelete="CASCADE"), default=None
    )
    function: Mapped[str] = mapped_column(ForeignKey("eco_functions.code"))
    area_id: Mapped[int | None] = mapped_column(
        ForeignKey("eco_strength_areas.id", ondelete="CASCADE"), default=None
    )
    note: Mapped[str | None] = mapped_column(Text, default=None)
    borrowable: Mapped[str | None] = mapped_column(String(12), default=None)
    borrow_terms: Mapped[str | None] = mapped_column(Text, default=None)
    phases: Mapped[list[ProvisionPhase]] = relationship(
        cascade="all, delete-orphan", order_by="ProvisionPhase.phase", lazy="selectin"
    )


class ProvisionPhase(Base):
    """One phase in which a provision serves."""

    __tablename__ = "eco_provision_phases"

    provision_id: Mapped[int] = mapped_column(
        ForeignKey("eco_provisions.id", ondelete="CASCADE"), primary_key=True
    )
    phase: Mapped[str] = mapped_column(ForeignKey("eco_phases.code"), primary_key=True)


class AreaMember(Base):
    """That an actor belongs to a strength area of the same round, whatever it provides.

    A firm of the area's industries is a member even when it gives no support
    function (the seed lists five such firms under Skoglig bioekonomi).
    """

    __tablename__ = "eco_area_members"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("eco_rounds.id", ondelete="CASCADE"), index=True
    )
    area_id: Mapped[int] = mapped_column(
        ForeignKey("eco_strength_areas.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(
        ForeignKey("eco_actors.id", ondelete="CASCADE"), primary_key=True
    )
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)


class Link(_Versioned, Base):
    """A directed link between two actors of the same round (collaboration, funding, …)."""

    __tablename__ = "eco_links"
    __table_args__ = (
        UniqueConstraint("round_id", "key", name="uq_eco_links_round_key"),
        UniqueConstraint("source_id", "target_id", "kind", name="uq_eco_links_pair_kind"),
        CheckConstraint("source_id <> target_id", name="ck_eco_links_not_self"),
    )

    round_id: Mapped[int] = mapped_column(
        ForeignKey("eco_rounds.id", ondelete="CASCADE"), index=True
    )
    source_id: Mapped[int] = mapped_column(ForeignKey("eco_actors.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("eco_actors.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(ForeignKey("eco_link_kinds.code"))
    weight: Mapped[float | None] = mapped_column(Float, default=None)
    note: Mapped[str | None] = mapped_column(Text, default=None)
    eu_contribution: Mapped[float | None] = mapped_column(Float, default=None)


class Insight(_Versioned, Base):
    """An interview insight (*intervjuinsikt*) about a strength area (or the whole region) in a
    round."""

    __tablename__ = "eco_insights"
    __table_args__ = (UniqueConstraint("round_id", "key", name="uq_eco_insights_round_key"),)

    round_id: Mapped[int] = mapped_column(
        ForeignKey("eco_rounds.id", ondelete="CASCADE"), index=True
    )
    area_id: Mapped[int | None] = mapped_column(
        ForeignKey("eco_strength_areas.id", ondelete="CASCADE"), default=None
    )
    text: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(200), default=None)

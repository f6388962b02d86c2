"""Ecosystem store: regions, mapping rounds, vocabulary, the per-round map and the audit log.

Revision ID: eco_0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "eco_0001"
down_revision = None
branch_labels = ("ecosystem",)
depends_on = None

_VOCABULARY_TABLES = ("eco_actor_kinds", "eco_functions", "eco_phases", "eco_link_kinds")


def _vocabulary_table(name: str) -> None:
    op.create_table(
        name,
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("name_sv", sa.String(120), nullable=False),
        sa.Column("name_en", sa.String(120), nullable=False),
        sa.Column("position", sa.Integer, nullable=False, server_default="0"),
    )


def _per_round_columns() -> list[sa.Column[Any]]:
    return [
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("is_demo", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column(
            "round_id",
            sa.Integer,
            sa.ForeignKey("eco_rounds.id", ondelete="CASCADE"),
            nullable=False,
        ),
    ]


def upgrade() -> None:
    for name in _VOCABULARY_TABLES:
        _vocabulary_table(name)
    op.create_table(
        "eco_regions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.String(20), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("is_demo", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "eco_rounds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "region_id",
            sa.Integer,
            sa.ForeignKey("eco_regions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
        sa.Column("last_edit_at", sa.DateTime(timezone=True)),
        sa.UniqueConstraint("region_id", "name", name="uq_eco_rounds_region_name"),
        sa.UniqueConstraint("region_id", "seq", name="uq_eco_rounds_region_seq"),
    )
    op.create_table(
        "eco_strength_areas",
        *_per_round_columns(),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text),
        sa.UniqueConstraint("round_id", "key", name="uq_eco_areas_round_key"),
        sa.UniqueConstraint("round_id", "name", name="uq_eco_areas_round_name"),
    )
    op.create_table(
        "eco_area_industries",
        sa.Column(
            "area_id",
            sa.Integer,
            sa.ForeignKey("eco_strength_areas.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("sni_code", sa.String(10), primary_key=True),
    )
    op.create_table(
        "eco_actors",
        *_per_round_columns(),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("name_norm", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(40), sa.ForeignKey("eco_actor_kinds.code"), nullable=False),
        sa.Column("org_number", sa.String(20)),
        sa.Column("sni_code", sa.String(10)),
        sa.Column("municipality", sa.String(120)),
        sa.Column("website", sa.String(300)),
        sa.Column("borrowable", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("interest", sa.Integer),
        sa.Column("influence", sa.Integer),
        sa.Column("description", sa.Text),
        sa.UniqueConstraint("round_id", "key", name="uq_eco_actors_round_key"),
        sa.UniqueConstraint("round_id", "org_number", name="uq_eco_actors_round_orgnr"),
        sa.UniqueConstraint("round_id", "name_norm", name="uq_eco_actors_round_name"),
        sa.CheckConstraint(
            "interest IS NULL OR interest BETWEEN 1 AND 5", name="ck_eco_actors_interest"
        ),
        sa.CheckConstraint(
            "influence IS NULL OR influence BETWEEN 1 AND 5", name="ck_eco_actors_influence"
        ),
    )
    op.create_table(
        "eco_provisions",
        *_per_round_columns(),
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("eco_actors.id", ondelete="CASCADE")),
        sa.Column("function", sa.String(40), sa.ForeignKey("eco_functions.code"), nullable=False),
        sa.Column(
            "area_id", sa.Integer, sa.ForeignKey("eco_strength_areas.id", ondelete="CASCADE")
        ),
        sa.Column("note", sa.Text),
        sa.UniqueConstraint("round_id", "key", name="uq_eco_provisions_round_key"),
    )
    op.create_table(
        "eco_provision_phases",
        sa.Column(
            "provision_id",
            sa.Integer,
            sa.ForeignKey("eco_provisions.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("phase", sa.String(40), sa.ForeignKey("eco_phases.code"), primary_key=True),
    )
    op.create_table(
        "eco_links",
        *_per_round_columns(),
        sa.Column(
            "source_id",
            sa.Integer,
            sa.ForeignKey("eco_actors.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "target_id",
            sa.Integer,
            sa.ForeignKey("eco_actors.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(40), sa.ForeignKey("eco_link_kinds.code"), nullable=False),
        sa.Column("weight", sa.Float),
        sa.Column("note", sa.Text),
        sa.UniqueConstraint("round_id", "key", name="uq_eco_links_round_key"),
        sa.UniqueConstraint("source_id", "target_id", "kind", name="uq_eco_links_pair_kind"),
        sa.CheckConstraint("source_id <> target_id", name="ck_eco_links_not_self"),
    )
    op.create_table(
        "eco_insights",
        *_per_round_columns(),
        sa.Column(
            "area_id", sa.Integer, sa.ForeignKey("eco_strength_areas.id", ondelete="CASCADE")
        ),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("source", sa.String(200)),
        sa.UniqueConstraint("round_id", "key", name="uq_eco_insights_round_key"),
    )
    op.create_table(
        "eco_audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(120), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("entity", sa.String(40), nullable=False),
        sa.Column("entity_key", sa.String(32)),
        sa.Column("region_id", sa.Integer, sa.ForeignKey("eco_regions.id", ondelete="SET NULL")),
        sa.Column("round_id", sa.Integer, sa.ForeignKey("eco_rounds.id", ondelete="SET NULL")),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
    )
    for table in (
        "eco_strength_areas",
        "eco_actors",
        "eco_provisions",
        "eco_links",
        "eco_insights",
    ):
        op.create_index(f"ix_{table}_round_id", table, ["round_id"])
    op.create_index("ix_eco_audit_round_id", "eco_audit", ["round_id"])
    _seed_vocabulary()


def _seed_vocabulary() -> None:
    # The default terms as they stood when this revision was written; later
    # defaults are added by ``seed_vocabulary`` (idempotent), not here.
    from s3atlas.ecosystem.store.vocabulary import (
        DEFAULT_ACTOR_KINDS,
        DEFAULT_FUNCTIONS,
        DEFAULT_LINK_KINDS,
        DEFAULT_PHASES,
    )

    for name, terms in zip(
        _VOCABULARY_TABLES,
        (DEFAULT_ACTOR_KINDS, DEFAULT_FUNCTIONS, DEFAULT_PHASES, DEFAULT_LINK_KINDS),
        strict=True,
    ):
        table = sa.table(
            name,
            sa.column("code"),
            sa.column("name_sv"),
            sa.column("name_en"),
            sa.column("position"),
        )
        op.bulk_insert(
            table,
            [
                {"code": c, "name_sv": sv, "name_en": en, "position": i}
                for i, (c, sv, en) in enumerate(terms)
            ],
        )


def downgrade() -> None:
    for table in (
        "eco_audit",
        "eco_insights",
        "eco_links",
        "eco_provision_phases",
        "eco_provisions",
        "eco_actors",
        "eco_area_industries",
        "eco_strength_areas",
        "eco_rounds",
        "eco_regions",
        *_VOCABULARY_TABLES,
    ):
        op.drop_table(table)

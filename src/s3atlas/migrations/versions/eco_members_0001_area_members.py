"""Ecosystem store: which actors belong to which strength area (members), per round.

A firm of a strength area is part of its ecosystem even when it provides no
support function; until now only provisions tied an actor to an area.

Revision ID: eco_members_0001
Revises: eco_0001
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "eco_members_0001"
down_revision = "eco_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "eco_area_members",
        sa.Column(
            "round_id",
            sa.Integer,
            sa.ForeignKey("eco_rounds.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "area_id",
            sa.Integer,
            sa.ForeignKey("eco_strength_areas.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column(
            "actor_id",
            sa.Integer,
            sa.ForeignKey("eco_actors.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("is_demo", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_eco_area_members_round_id", "eco_area_members", ["round_id"])


def downgrade() -> None:
    op.drop_index("ix_eco_area_members_round_id", table_name="eco_area_members")
    op.drop_table("eco_area_members")

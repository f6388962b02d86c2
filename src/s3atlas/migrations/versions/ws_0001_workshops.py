"""Workshop mode: workshops, their submissions and the store-backed rate-limit log.

Revision ID: ws_0001
Revises:
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "ws_0001"
down_revision = None
branch_labels = ("workshop",)
depends_on = "eco_0001"

_STATUS_CHECK = "status IN ('pending', 'accepted', 'rejected', 'merged')"


def upgrade() -> None:
    op.create_table(
        "ws_workshops",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column(
            "region_id",
            sa.Integer(),
            sa.ForeignKey("eco_regions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "round_id",
            sa.Integer(),
            sa.ForeignKey("eco_rounds.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("questions", sa.Text(), nullable=False),
        sa.Column("join_code", sa.String(12), nullable=False),
        sa.Column("opens_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closes_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(120), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("key"),
        sa.UniqueConstraint("join_code"),
    )
    op.create_index("ix_ws_workshops_region_id", "ws_workshops", ["region_id"])
    op.create_table(
        "ws_submissions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column(
            "workshop_id",
            sa.Integer(),
            sa.ForeignKey("ws_workshops.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("question", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("function", sa.String(40), sa.ForeignKey("eco_functions.code"), nullable=True),
        sa.Column("area_keys", sa.Text(), nullable=True),
        sa.Column("actor_name", sa.String(300), nullable=True),
        sa.Column("home_region", sa.String(120), nullable=True),
        sa.Column("borrowable", sa.String(20), nullable=True),
        sa.Column("author", sa.String(120), nullable=True),
        sa.Column("organisation", sa.String(200), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column(
            "merged_into_id",
            sa.Integer(),
            sa.ForeignKey("ws_submissions.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("actor_key", sa.String(32), nullable=True),
        sa.Column("provision_keys", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.String(120), nullable=True),
        sa.UniqueConstraint("key"),
        sa.CheckConstraint(_STATUS_CHECK, name="ck_ws_submission_status"),
    )
    op.create_index("ix_ws_submissions_workshop_id", "ws_submissions", ["workshop_id"])
    op.create_table(
        "ws_rate_hits",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "workshop_id",
            sa.Integer(),
            sa.ForeignKey("ws_workshops.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("client", sa.String(64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_ws_rate_hits_workshop_at", "ws_rate_hits", ["workshop_id", "at"])
    op.create_index("ix_ws_rate_hits_client_at", "ws_rate_hits", ["client", "at"])


def downgrade() -> None:
    op.drop_table("ws_rate_hits")
    op.drop_table("ws_submissions")
    op.drop_table("ws_workshops")

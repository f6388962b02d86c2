"""Priorities: versioned priority lists per region and manual themes.

Revision ID: prio_0001
Revises:
Create Date: 2024-05-01
"""

import sqlalchemy as sa
from alembic import op

revision = "prio_0001"
down_revision = None
branch_labels = ("priorities",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "prio_list_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("county_code", sa.String(2), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("county_code", "version", name="uq_prio_list_versions_region_version"),
    )
    op.create_index("ix_prio_list_versions_county_code", "prio_list_versions", ["county_code"])
    op.create_table(
        "prio_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "list_id",
            sa.Integer(),
            sa.ForeignKey("prio_list_versions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(500), nullable=False),
    )
    op.create_index("ix_prio_items_list_id", "prio_items", ["list_id"])
    op.create_table(
        "prio_theme_overrides",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("county_code", sa.String(2), nullable=False),
        sa.Column("priority_key", sa.String(500), nullable=False),
        sa.Column("priority", sa.String(500), nullable=False),
        sa.Column("themes", sa.String(500), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("county_code", "priority_key", name="uq_prio_theme_overrides_key"),
    )


def downgrade() -> None:
    op.drop_table("prio_theme_overrides")
    op.drop_index("ix_prio_items_list_id", table_name="prio_items")
    op.drop_table("prio_items")
    op.drop_index("ix_prio_list_versions_county_code", table_name="prio_list_versions")
    op.drop_table("prio_list_versions")

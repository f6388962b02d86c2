"""Accounts: local users with argon2 password hashes, roles, editor regions, published regions.

Revision ID: auth_0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "auth_0001"
down_revision = None
branch_labels = ("auth",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "auth_users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("username", sa.String(80), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role in ('admin', 'editor', 'viewer')", name="ck_auth_users_role"),
    )
    op.create_table(
        "auth_user_regions",
        sa.Column(
            "user_id",
            sa.Integer,
            sa.ForeignKey("auth_users.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("region_code", sa.String(20), primary_key=True),
    )
    op.create_table(
        "auth_published_regions",
        sa.Column("region_code", sa.String(20), primary_key=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("auth_published_regions")
    op.drop_table("auth_user_regions")
    op.drop_table("auth_users")

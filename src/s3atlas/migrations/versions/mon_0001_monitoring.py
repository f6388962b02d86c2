"""Monitoring: strategies, indicators with baselines and targets, actions and values.

Revision ID: mon_0001
Revises:
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "mon_0001"
down_revision = None
branch_labels = ("monitoring",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mon_strategies",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("county_code", sa.String(2), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("start_year", sa.Integer(), nullable=True),
        sa.Column("end_year", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("county_code", "version", name="uq_mon_strategies_version"),
    )
    op.create_index("ix_mon_strategies_county_code", "mon_strategies", ["county_code"])
    op.create_table(
        "mon_indicators",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("county_code", sa.String(2), nullable=False),
        sa.Column("code", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("goal", sa.String(500), nullable=False),
        sa.Column("objective", sa.Text(), nullable=False),
        sa.Column("name_sv", sa.String(500), nullable=False),
        sa.Column("name_en", sa.String(500), nullable=False),
        sa.Column("unit", sa.String(100), nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("direction", sa.String(10), nullable=False),
        sa.Column("statistic", sa.String(300), nullable=False),
        sa.Column("baseline_year", sa.Integer(), nullable=True),
        sa.Column("baseline_value", sa.Float(), nullable=True),
        sa.Column("target_year", sa.Integer(), nullable=True),
        sa.Column("target_value", sa.Float(), nullable=True),
        sa.Column("milestones", sa.String(500), nullable=False),
        sa.Column("example", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("county_code", "code", name="uq_mon_indicators_code"),
    )
    op.create_index("ix_mon_indicators_county_code", "mon_indicators", ["county_code"])
    op.create_table(
        "mon_actions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("county_code", sa.String(2), nullable=False),
        sa.Column("goal", sa.String(500), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("owner", sa.String(300), nullable=False),
        sa.Column("budget", sa.Float(), nullable=True),
        sa.Column("start_year", sa.Integer(), nullable=True),
        sa.Column("end_year", sa.Integer(), nullable=True),
    )
    op.create_index("ix_mon_actions_county_code", "mon_actions", ["county_code"])
    op.create_table(
        "mon_values",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("county_code", sa.String(2), nullable=False),
        sa.Column("indicator", sa.String(100), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("flag", sa.String(20), nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("retrieved", sa.String(30), nullable=False),
        sa.UniqueConstraint("county_code", "indicator", "year", name="uq_mon_values_cell"),
    )
    op.create_index("ix_mon_values_county_code", "mon_values", ["county_code"])


def downgrade() -> None:
    for table in ("mon_values", "mon_actions", "mon_indicators", "mon_strategies"):
        op.drop_index(f"ix_{table}_county_code", table_name=table)
        op.drop_table(table)

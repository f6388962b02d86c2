"""Monitoring: stamp values and actions when written, so the data fingerprint sees every edit.

A value or an action written again keeps its id, so counting rows misses the
change; ``updated_at`` (with an index, read as a maximum in constant time)
does not. The indicators already had the column; it gets its index.

Revision ID: mon_0002
Revises: mon_0001
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "mon_0002"
down_revision = "mon_0001"
branch_labels = None
depends_on = None

_STAMPED = ("mon_values", "mon_actions")


def upgrade() -> None:
    for table in _STAMPED:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True))
    for table in (*_STAMPED, "mon_indicators"):
        op.create_index(f"ix_{table}_updated_at", table, ["updated_at"])


def downgrade() -> None:
    for table in (*_STAMPED, "mon_indicators"):
        op.drop_index(f"ix_{table}_updated_at", table_name=table)
    for table in _STAMPED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("updated_at")

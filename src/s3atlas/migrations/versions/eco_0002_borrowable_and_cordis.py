"""Ecosystem: borrowable capacity on provisions, external partners and the source of a round.

* ``eco_provisions.borrowable`` (``yes``/``no``/``conditions`` or NULL = not
  asked) and ``borrow_terms``: the seed's question for a system-unique
  function, "Kan andra regioner låna kapacitet av den?".
* ``eco_actors.pic`` (the EU Participant Identification Code), ``external``
  and ``home_region``: organisations of other regions that share a project
  with the region's actors are kept as external partners, never as its own.
* ``eco_links.eu_contribution``: the EU contribution of the projects a link
  stands for (CORDIS imports).
* ``eco_rounds.source``: where a round's content came from (e.g. a CORDIS file).

Revision ID: eco_0002
Revises: eco_0001
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "eco_0002"
down_revision = "eco_0001"
branch_labels = None
depends_on = None

_BORROWABLE_CHECK = "borrowable IS NULL OR borrowable IN ('yes', 'no', 'conditions')"


def upgrade() -> None:
    with op.batch_alter_table("eco_provisions") as batch:
        batch.add_column(sa.Column("borrowable", sa.String(12)))
        batch.add_column(sa.Column("borrow_terms", sa.Text))
        batch.create_check_constraint("ck_eco_provisions_borrowable", _BORROWABLE_CHECK)
    with op.batch_alter_table("eco_actors") as batch:
        batch.add_column(sa.Column("pic", sa.String(20)))
        batch.add_column(
            sa.Column("external", sa.Boolean, nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("home_region", sa.String(20)))
    with op.batch_alter_table("eco_links") as batch:
        batch.add_column(sa.Column("eu_contribution", sa.Float))
    with op.batch_alter_table("eco_rounds") as batch:
        batch.add_column(sa.Column("source", sa.String(300)))


def downgrade() -> None:
    with op.batch_alter_table("eco_rounds") as batch:
        batch.drop_column("source")
    with op.batch_alter_table("eco_links") as batch:
        batch.drop_column("eu_contribution")
    with op.batch_alter_table("eco_actors") as batch:
        batch.drop_column("home_region")
        batch.drop_column("external")
        batch.drop_column("pic")
    with op.batch_alter_table("eco_provisions") as batch:
        batch.drop_constraint("ck_eco_provisions_borrowable", type_="check")
        batch.drop_column("borrow_terms")
        batch.drop_column("borrowable")

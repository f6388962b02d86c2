"""Clusters: cluster initiatives, members, phase assessments, criteria scores, survey waves and
answers.

Revision ID: clu_0001
Revises:
Create Date: 2024-05-01
"""

import sqlalchemy as sa
from alembic import op

revision = "clu_0001"
down_revision = None
branch_labels = ("clusters",)
depends_on = "eco_0001"

_ASSESSOR_CHECK = "assessor_type IN ('self', 'independent')"


def upgrade() -> None:
    op.create_table(
        "clu_clusters",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "region_id",
            sa.Integer(),
            sa.ForeignKey("eco_regions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("actor_key", sa.String(32), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("name_norm", sa.String(300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("region_id", "actor_key", name="uq_clu_clusters_region_actor"),
        sa.UniqueConstraint("region_id", "name_norm", name="uq_clu_clusters_region_name"),
    )
    op.create_index("ix_clu_clusters_region_id", "clu_clusters", ["region_id"])
    op.create_table(
        "clu_members",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "cluster_id",
            sa.Integer(),
            sa.ForeignKey("clu_clusters.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("name_norm", sa.String(300), nullable=False),
        sa.Column("kind", sa.String(40), sa.ForeignKey("eco_actor_kinds.code"), nullable=False),
        sa.Column("actor_key", sa.String(32), nullable=True),
        sa.Column("org_number", sa.String(20), nullable=True),
        sa.UniqueConstraint("cluster_id", "name_norm", name="uq_clu_members_cluster_name"),
    )
    op.create_index("ix_clu_members_cluster_id", "clu_members", ["cluster_id"])
    op.create_table(
        "clu_cluster_areas",
        sa.Column(
            "cluster_id",
            sa.Integer(),
            sa.ForeignKey("clu_clusters.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("area_key", sa.String(32), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
    )
    op.create_table(
        "clu_phase_assessments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "cluster_id",
            sa.Integer(),
            sa.ForeignKey("clu_clusters.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "round_id",
            sa.Integer(),
            sa.ForeignKey("eco_rounds.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("assessor_type", sa.String(20), nullable=False),
        sa.Column("phase", sa.String(40), nullable=False),
        sa.Column("assessor", sa.String(200), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.UniqueConstraint(
            "cluster_id", "round_id", "assessor_type", name="uq_clu_phase_cluster_round_assessor"
        ),
        sa.CheckConstraint(_ASSESSOR_CHECK, name="ck_clu_phase_assessor"),
    )
    op.create_index("ix_clu_phase_assessments_cluster_id", "clu_phase_assessments", ["cluster_id"])
    op.create_table(
        "clu_criteria_scores",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "cluster_id",
            sa.Integer(),
            sa.ForeignKey("clu_clusters.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "round_id",
            sa.Integer(),
            sa.ForeignKey("eco_rounds.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("criterion", sa.String(40), nullable=False),
        sa.Column("assessor_type", sa.String(20), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.UniqueConstraint(
            "cluster_id", "round_id", "criterion", "assessor_type", name="uq_clu_criteria_score"
        ),
        sa.CheckConstraint(_ASSESSOR_CHECK, name="ck_clu_criteria_assessor"),
    )
    op.create_index("ix_clu_criteria_scores_cluster_id", "clu_criteria_scores", ["cluster_id"])
    op.create_table(
        "clu_waves",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(60), nullable=False, unique=True),
        sa.Column("seq", sa.Integer(), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "clu_respondents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "wave_id",
            sa.Integer(),
            sa.ForeignKey("clu_waves.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "cluster_id",
            sa.Integer(),
            sa.ForeignKey("clu_clusters.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("respondent_id", sa.String(100), nullable=False),
        sa.Column("source", sa.String(300), nullable=True),
        sa.UniqueConstraint(
            "wave_id", "cluster_id", "respondent_id", name="uq_clu_respondents_wave_cluster_id"
        ),
    )
    op.create_index("ix_clu_respondents_wave_id", "clu_respondents", ["wave_id"])
    op.create_index("ix_clu_respondents_cluster_id", "clu_respondents", ["cluster_id"])
    op.create_table(
        "clu_answers",
        sa.Column(
            "respondent_id",
            sa.Integer(),
            sa.ForeignKey("clu_respondents.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("item", sa.String(40), primary_key=True),
        sa.Column("answer", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "clu_answers",
        "clu_respondents",
        "clu_waves",
        "clu_criteria_scores",
        "clu_phase_assessments",
        "clu_cluster_areas",
        "clu_members",
        "clu_clusters",
    ):
        op.drop_table(table)

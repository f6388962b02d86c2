"""The cluster store on SQLite and PostgreSQL: the clu_0001 migration matches the models, and
phases, scores, links and survey answers are written atomically (invented test data)."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select

from s3atlas.clusters import links, models, service
from s3atlas.clusters.survey_import import read_survey
from s3atlas.clusters.survey_store import import_survey, survey_summary
from s3atlas.ecosystem.store.actors import add_actor
from s3atlas.ecosystem.store.rounds import close_round, open_round
from s3atlas.ecosystem.store.service import add_area
from s3atlas.errors import ConflictError, InputError
from s3atlas.store import Base, Store
from s3atlas.store.audit import audit_log
from s3atlas.store.rounds import ensure_region

FIXTURES = Path(__file__).parent / "fixtures" / "clusters"
USER = "anna"


@pytest.fixture
def region(store: Store) -> str:
    """Region 17, round 2017: cluster "Testkluster A", two firms, a university, one area."""
    ensure_region(store, "17", "Värmland", user=USER)
    open_round(store, "17", "2017", user=USER)
    for name, kind in (
        ("Testkluster A", "cluster_organisation"),
        ("Testfirma Ett", "firm"),
        ("Testfirma Två", "firm"),
        ("Testuniversitetet", "university"),
    ):
        add_actor(store, "17", name, kind, user=USER, allow_similar=True)
    add_area(store, "17", "Skog och trä", ["16"], user=USER)
    return "17"


def _count(store: Store, model: type) -> int:
    with store.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _table_of(change: object) -> str:
    """The table an Alembic autogenerate change is about."""
    if isinstance(change, list):  # column modifications come grouped
        return str(change[0][2])
    obj = change[1]  # type: ignore[index]
    table = getattr(obj, "table", obj)
    return str(getattr(table, "name", ""))


def test_migration_creates_exactly_the_tables_the_models_describe(store: Store) -> None:
    with store.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert [d for d in diffs if _table_of(d).startswith("clu_")] == []


def test_migration_has_the_check_constraints_the_models_declare(store: Store) -> None:
    # Alembic's compare_metadata does not compare CHECK constraints; read them back instead.
    checks = {
        table: {c["name"] for c in inspect(store.engine).get_check_constraints(table)}
        for table in ("clu_phase_assessments", "clu_criteria_scores")
    }
    assert checks == {
        "clu_phase_assessments": {"ck_clu_phase_assessor"},
        "clu_criteria_scores": {"ck_clu_criteria_assessor"},
    }
    declared = {t for t in Base.metadata.tables if t.startswith("clu_")}
    assert declared <= set(inspect(store.engine).get_table_names())
    assert models.ASSESSORS == ("self", "independent")


def test_phase_score_and_links_round_trip(store: Store, region: str) -> None:
    service.set_phase(store, "Testkluster A", "growth", user=USER, assessor_type="self")
    service.set_score(store, "Testkluster A", "gender_equality", 4, user=USER)
    links.update_members(
        store, "Testkluster A", add=["Testfirma Ett", "Testuniversitetet"], user=USER
    )
    links.update_areas(store, "Testkluster A", add=["Skog och trä"], user=USER)
    listing = service.clusters_frame(store, lang="en").iloc[0]
    assert (listing["cluster"], listing["members"], listing["phase"]) == (
        "Testkluster A",
        2,
        "Growth",
    )
    members = links.members_table(store, "Testkluster A")
    assert list(members["kind"]) == ["firm", "university"]
    assert list(links.areas_table(store, "Testkluster A")["area"]) == ["Skog och trä"]
    entities = set(audit_log(store, region)["entity"])
    assert {"cluster_phase", "cluster_score", "cluster_member", "cluster_area"} <= entities


def test_one_unknown_actor_saves_none_of_the_batch(store: Store, region: str) -> None:
    with pytest.raises(InputError, match=r"ingen sådan aktör.*'Testfirma Ett'"):
        links.update_members(
            store, "Testkluster A", add=["Testfirma Ett", "Testfirma Tre"], user=USER
        )
    assert _count(store, models.Member) == 0


def test_closed_round_is_a_conflict_for_every_cluster_write(store: Store, region: str) -> None:
    close_round(store, region, "2017", user=USER)
    with pytest.raises(ConflictError, match="stängd"):
        links.update_members(store, "Testkluster A", add=["Testfirma Ett"], user=USER)
    with pytest.raises(ConflictError, match="stängd"):
        links.update_areas(store, "Testkluster A", add=["Skog och trä"], user=USER)
    with pytest.raises(ConflictError, match="stängd"):
        service.set_phase(store, "Testkluster A", "growth", user=USER)
    assert _count(store, models.Member) == _count(store, models.PhaseAssessment) == 0


def test_survey_import_is_stored_once_and_summarised(store: Store, region: str) -> None:
    parsed = read_survey(FIXTURES / "test_survey_wide_2017.csv", wave="2017")
    result = import_survey(store, parsed, user=USER, create=True, region=region)
    assert result["respondents"] == _count(store, models.Respondent)
    summary = survey_summary(store, "Testkluster A", "2017")
    high = summary[(summary["item"] == "other_firms") & (summary["answer"] == "high")]
    # 7 respondents answered "Andra företag", 3 of them "Ja, i hög grad" (fixture README).
    assert float(high["share"].iloc[0]) == pytest.approx(3 / 7)
    with pytest.raises(InputError, match="finns redan sparad"):
        import_survey(store, parsed, user=USER, create=True, region=region)
    assert result["respondents"] == _count(store, models.Respondent)

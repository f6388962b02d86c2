"""Phase, horizontal criteria and innovation gaps of a cluster, through the CLI (invented test
data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app
from s3atlas.clusters import load_criteria, load_phase_model, load_survey_items
from s3atlas.clusters.service import add_member
from s3atlas.ecosystem.store.actors import add_actor
from s3atlas.ecosystem.store.rounds import close_round, open_round
from s3atlas.ecosystem.store.service import add_link
from s3atlas.store import open_store
from s3atlas.store.rounds import ensure_region
from s3atlas.workspace import resolve_workspace

FIXTURES = Path(__file__).parent / "fixtures" / "clusters"
runner = CliRunner()
_register_all()


@pytest.fixture
def store(workspace: Path):  # type: ignore[no-untyped-def]
    """Region 17, round 2017, cluster "Testkluster A" with two firms and a university (test
    data)."""
    store = open_store(resolve_workspace(workspace).db_url(), fresh=True)
    ensure_region(store, "17", "Värmland", user="test")
    open_round(store, "17", "2017", user="test")
    ids = {
        name: add_actor(store, "17", name, kind, user="test")["id"]
        for name, kind in (
            ("Testkluster A", "cluster_organisation"),
            ("Testfirma Ett", "firm"),
            ("Testfirma Två", "firm"),
            ("Testuniversitetet", "university"),
        )
    }
    for name, kind in (
        ("Testfirma Ett", "firm"),
        ("Testfirma Två", "firm"),
        ("Testuniversitetet", "university"),
    ):
        add_member(store, "Testkluster A", name, kind=kind, user="test")
    add_link(store, "17", ids["Testfirma Ett"], ids["Testfirma Två"], "collaboration", user="test")
    add_link(store, "17", ids["Testkluster A"], ids["Testfirma Ett"], "collaboration", user="test")
    return store


def cli(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--lang", "en", "clusters", *args])


def test_bundled_data_cites_its_sources_and_has_sv_and_en() -> None:
    assert (
        "Menzel" in load_phase_model().source and "10.1093/icc/dtp036" in load_phase_model().source
    )
    assert "1303/2013" in load_criteria().source
    items = load_survey_items()
    assert items.label("answer", "not_at_all", "sv") == "Nej, inte alls"
    assert list(items.items["code"]) == [
        "other_firms",
        "researchers",
        "public_actors",
        "students",
        "firms_other",
    ]


def test_phase_is_recorded_per_round_and_assessor_and_listed(store) -> None:  # type: ignore[no-untyped-def]
    assert (
        cli(
            "phase", "Testkluster A", "--set", "Tillväxt", "--assessor", "self", "--user", "t"
        ).exit_code
        == 0
    )
    result = cli("phase", "Testkluster A", "--set", "emergence", "--user", "t", "--format", "json")
    rows = json.loads(result.stdout)
    assert [(r["round"], r["assessor_type"], r["phase"]) for r in rows] == [
        ("2017", "independent", "emergence"),
        ("2017", "self", "growth"),
    ]
    listing = json.loads(cli("list", "--format", "json").stdout)
    assert listing[0]["phase"] == "Emergence" and listing[0]["members"] == 3
    assert listing[0]["assessed_by"] == "Independent assessment"  # words, as the phase is


def test_unknown_phase_suggests_the_nearest(store) -> None:  # type: ignore[no-untyped-def]
    # the phases and the suggestion by their names, which a person types, not by the codes
    result = cli("phase", "Testkluster A", "--set", "groth", "--user", "t")
    assert result.exit_code == 1 and "did you mean 'Growth'" in result.stderr
    assert "expected one of Emergence, Growth, Sustainment, Decline" in result.stderr


def test_closed_round_refuses_a_phase(store) -> None:  # type: ignore[no-untyped-def]
    close_round(store, "17", "2017", user="test")
    result = cli("phase", "Testkluster A", "--set", "growth", "--user", "t")
    assert result.exit_code == 1 and "closed" in result.stderr


def test_criteria_compare_self_with_independent(store) -> None:  # type: ignore[no-untyped-def]
    assert (
        cli(
            "criteria",
            "Testkluster A",
            "--set",
            "gender_equality=4",
            "--assessor",
            "self",
            "--user",
            "t",
        ).exit_code
        == 0
    )
    result = cli(
        "criteria", "Testkluster A", "--set", "gender_equality=2", "--user", "t", "--format", "json"
    )
    rows = json.loads(result.stdout)
    # self 4, independent 2 → gap 4 − 2 = 2
    assert rows == [
        {
            "round": "2017",
            "criterion": "gender_equality",
            "self": 4.0,
            "independent": 2.0,
            "gap": 2.0,
        }
    ]
    bad = cli("criteria", "Testkluster A", "--set", "gender_equality=9", "--user", "t")
    assert bad.exit_code == 1 and "1 to 5" in bad.stderr


def test_gaps_from_links_and_from_the_survey(store) -> None:  # type: ignore[no-untyped-def]
    imported = cli(
        "survey",
        "import",
        str(FIXTURES / "test_survey_wide_2017.csv"),
        "--wave",
        "2017",
        "--create",
        "--region",
        "17",
        "--user",
        "t",
    )
    assert imported.exit_code == 0, imported.output
    rows = json.loads(cli("gaps", "Testkluster A", "--format", "json").stdout)
    links = {(r["group_a"], r["group_b"]): r for r in rows if r["evidence"] == "links"}
    # 2 firms, 1 university, 1 cluster organisation; links firm–firm and cluster–firm.
    assert links[("firms", "firms")]["status"] == "ok"  # 1 link of 2·1/2 = 1 possible
    assert links[("firms", "academia")]["status"] == "missing"  # 0 of 2·1 = 2 possible
    assert links[("firms", "support")]["strength"] == pytest.approx(1 / 2)
    assert links[("firms", "public_sector")]["status"] == "absent"
    # one university: no pair inside academia is possible, which is not a missing link
    assert links[("academia", "academia")]["status"] == "too_few"
    survey = {r["group_b"]: r for r in rows if r["evidence"] == "survey"}
    # Public actors: 7 answers, none positive → missing.
    assert survey["public_sector"]["status"] == "missing"
    # Academia: researchers 1 positive of 4 answers + students 0 of 7 → 1/11, below 0.25 → weak.
    assert (
        survey["academia"]["strength"] == pytest.approx(1 / 11)
        and survey["academia"]["status"] == "weak"
    )
    # Firms: other_firms 5 of 7 + firms_other 7 of 7 → 12/14.
    assert (
        survey["firms"]["strength"] == pytest.approx(12 / 14) and survey["firms"]["status"] == "ok"
    )


def test_unknown_cluster_is_a_clean_error(store) -> None:  # type: ignore[no-untyped-def]
    result = cli("phase", "Inget sådant kluster")
    assert result.exit_code == 1 and "no such cluster" in result.stderr

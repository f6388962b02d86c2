"""Firm-survey import and summary through the CLI, on invented test fixtures
(tests/fixtures/clusters)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app
from s3atlas.ecosystem.store.actors import add_actor
from s3atlas.ecosystem.store.rounds import open_round
from s3atlas.store import open_store
from s3atlas.store.rounds import ensure_region
from s3atlas.workspace import resolve_workspace

FIXTURES = Path(__file__).parent / "fixtures" / "clusters"
ITEMS = (
    "Andra företag,Forskare eller doktorander,Politiker eller offentliga aktörer,"
    "Studenter eller elever,"
    '"Företag, andra …"'
)
runner = CliRunner()
_register_all()


@pytest.fixture
def ws(workspace: Path) -> Path:
    """A workspace whose region 17 has round 2017 with two cluster organisations (test data)."""
    store = open_store(resolve_workspace(workspace).db_url(), fresh=True)
    ensure_region(store, "17", "Värmland", user="test")
    open_round(store, "17", "2017", user="test")
    for name in ("Testkluster A", "Testkluster B"):
        add_actor(store, "17", name, "cluster_organisation", user="test", allow_similar=True)
    return workspace


def cli(*args: str) -> object:
    return runner.invoke(app, ["--lang", "en", "clusters", *args])


def summary(*args: str) -> list[dict]:
    result = cli("survey", "summary", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def row(rows: list[dict], cluster: str, wave: str, item: str, answer: str) -> dict:
    return next(
        r
        for r in rows
        if (r["cluster"], r["wave"], r["item"], r["answer"]) == (cluster, wave, item, answer)
    )


def test_wide_import_gives_hand_calculated_shares(ws: Path) -> None:
    result = cli("survey", "import", str(FIXTURES / "test_survey_wide_2017.csv"), "--wave", "2017")
    assert result.exit_code == 0, result.output
    rows = summary("--cluster", "Testkluster A")
    # 7 respondents answered "Andra företag": 3 high, 2 very high, 1 not at all, 1 don't know.
    assert row(rows, "Testkluster A", "2017", "other_firms", "high")["share"] == pytest.approx(
        3 / 7
    )
    assert row(rows, "Testkluster A", "2017", "other_firms", "very_high")["share"] == pytest.approx(
        2 / 7
    )
    assert row(rows, "Testkluster A", "2017", "other_firms", "dont_know")["share"] == pytest.approx(
        1 / 7
    )
    assert row(rows, "Testkluster A", "2017", "other_firms", "neither")["n"] == 0
    first = row(rows, "Testkluster A", "2017", "other_firms", "high")
    assert set(first) >= {"cluster", "wave", "item", "answer", "n", "share"}
    assert first["warning"] is None and first["answer_label"] == "Yes, to a high degree"


def test_items_with_fewer_than_five_answers_are_shown_with_a_warning(ws: Path) -> None:
    cli("survey", "import", str(FIXTURES / "test_survey_wide_2017.csv"), "--wave", "2017")
    rows = summary()
    # Only 4 of 7 answered "Forskare eller doktorander": 1 high → 1/4, item rate 4/7, flagged.
    researchers = row(rows, "Testkluster A", "2017", "researchers", "high")
    assert researchers["share"] == pytest.approx(1 / 4)
    assert researchers["item_rate"] == pytest.approx(4 / 7)
    assert researchers["warning"] == "fewer than 5 answered"
    # Testkluster B has 2 respondents: shown (share 2/2 = 1), flagged.
    small = row(rows, "Testkluster B", "2017", "other_firms", "high")
    assert small["share"] == pytest.approx(1.0) and small["warning"] == "fewer than 5 answered"


def test_long_import_and_comparison_against_the_baseline_wave(ws: Path) -> None:
    cli("survey", "import", str(FIXTURES / "test_survey_wide_2017.csv"), "--wave", "2017")
    result = cli("survey", "import", str(FIXTURES / "test_survey_long_2018.csv"))
    assert result.exit_code == 0, result.output
    rows = summary("--cluster", "Testkluster A", "--baseline", "2017")
    change = next(
        r
        for r in rows
        if r["wave"] == "2018" and r["item"] == "other_firms" and r["answer"] == "high"
    )
    # 2018: 5 of 5 high = 1; 2017: 3 of 7 → change 1 − 3/7 = 4/7.
    assert change["baseline_share"] == pytest.approx(3 / 7)
    assert change["change"] == pytest.approx(4 / 7)


def _bad(tmp_path: Path, text: str, name: str = "bad.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _stored_respondents(ws: Path) -> int:
    from s3atlas.clusters.survey_store import survey_tables

    return len(survey_tables(open_store(resolve_workspace(ws).db_url()))[0])


def test_unknown_answer_label_names_file_row_column_and_nearest_label(
    ws: Path, tmp_path: Path
) -> None:
    path = _bad(
        tmp_path,
        f"respondent_id,cluster,{ITEMS}\n"
        "r1,Testkluster A,Ja; i hög grad,,,,\n"
        "r2,Testkluster A,Ja i hög grd,,,,\n",
    )
    result = cli("survey", "import", str(path), "--wave", "2017")
    assert result.exit_code == 1
    assert "bad.csv, row 3, column 'Andra företag'" in result.stderr
    assert "did you mean 'Ja, i hög grad'" in result.stderr
    assert _stored_respondents(ws) == 0


def test_duplicate_respondent_in_a_wave_is_refused_and_nothing_saved(
    ws: Path, tmp_path: Path
) -> None:
    path = _bad(
        tmp_path,
        f"respondent_id,cluster,{ITEMS}\n"
        "r1,Testkluster A,Vet ej,,,,\nr2,Testkluster A,Vet ej,,,,\nr1,Testkluster A,Vet ej,,,,\n",
    )
    result = cli("survey", "import", str(path), "--wave", "2017")
    assert result.exit_code == 1
    assert "row 4, column 'respondent_id'" in result.stderr and "first on row 2" in result.stderr
    assert _stored_respondents(ws) == 0


def test_reimporting_stored_respondents_is_refused(ws: Path) -> None:
    cli("survey", "import", str(FIXTURES / "test_survey_wide_2017.csv"), "--wave", "2017")
    result = cli("survey", "import", str(FIXTURES / "test_survey_wide_2017.csv"), "--wave", "2017")
    assert result.exit_code == 1 and "is already stored for the wave" in result.stderr
    assert _stored_respondents(ws) == 9


def test_missing_item_column_is_named(ws: Path, tmp_path: Path) -> None:
    path = _bad(tmp_path, "respondent_id,cluster,Andra företag\nr1,Testkluster A,Vet ej\n")
    result = cli("survey", "import", str(path), "--wave", "2017")
    assert result.exit_code == 1
    assert (
        "row 1, column 'Forskare eller doktorander'" in result.stderr
        and "missing item column" in result.stderr
    )


def test_unknown_cluster_needs_create_and_then_becomes_a_cluster_initiative(
    ws: Path, tmp_path: Path
) -> None:
    path = _bad(
        tmp_path,
        "respondent_id,cluster,wave,item,answer\n"
        "r1,Testkluster A,2017,other_firms,Vet ej\nr1,Nytt testkluster,2017,other_firms,Vet ej\n",
    )
    refused = cli("survey", "import", str(path))
    assert refused.exit_code == 1
    assert "bad.csv, row 3, column 'cluster', value 'Nytt testkluster'" in refused.stderr
    assert "--create" in refused.stderr
    assert _stored_respondents(ws) == 0
    created = cli("survey", "import", str(path), "--create", "--region", "Värmland")
    assert created.exit_code == 0, created.output
    listing = json.loads(cli("list", "--region", "17", "--format", "json").stdout)
    assert {r["cluster"]: r["respondents"] for r in listing} == {
        "Nytt testkluster": 1,
        "Testkluster A": 1,
        "Testkluster B": 0,
    }


def test_wave_from_file_and_option_must_agree(ws: Path) -> None:
    result = cli("survey", "import", str(FIXTURES / "test_survey_long_2018.csv"), "--wave", "2017")
    assert result.exit_code == 1 and "row 2, column 'wave'" in result.stderr


def test_excel_files_are_read_like_csv(ws: Path, tmp_path: Path) -> None:
    import pandas as pd

    frame = pd.read_csv(FIXTURES / "test_survey_wide_2017.csv", dtype=str, keep_default_na=False)
    frame.to_excel(tmp_path / "survey.xlsx", index=False)
    assert cli("survey", "import", str(tmp_path / "survey.xlsx"), "--wave", "2017").exit_code == 0
    assert _stored_respondents(ws) == 9

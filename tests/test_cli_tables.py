"""Every listing command reads well in an 80-column terminal, in Swedish, through the runner."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app

_register_all()
runner = CliRunner()
NARROW = {"COLUMNS": "80"}
BOX = "┃│┏┡└┌├"

LISTINGS = [
    "data list",
    "data show scb_rams",
    "strengths 24",
    "strengths 24 --wide",
    "fit 24",
    "gender 24",
    "shiftshare 24",
    "areas 24",
    "dynamics 24",
    "clusters list",
    "ecosystem gaps 24",
    "ecosystem functions 24",
    "ecosystem network 24",
    "ecosystem coverage 24",
    "priorities overview",
    "priorities region 24",
    "priorities partners 24",
    "priorities versions 24",
    "users list",
    "workspace info",
    "fetch recipes",
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from s3atlas.cli.web import prepare_demo
    from s3atlas.workspace import resolve_workspace

    root = tmp_path_factory.mktemp("demo")
    prepare_demo(resolve_workspace(root))
    return root


@pytest.mark.parametrize("command", LISTINGS)
def test_listing_tables_fit_80_columns_with_swedish_numbers(command: str, demo: Path):
    env = {**NARROW, "S3ATLAS_WORKSPACE": str(demo)}
    result = runner.invoke(app, command.split(), env=env)
    assert result.exit_code == 0, result.output
    table = [line for line in result.output.splitlines() if line[:1] in BOX]
    assert table, result.output
    assert max(len(line) for line in table) <= 80, result.output
    # No English decimal point (1.32) in a cell; Swedish writes 1,32.
    cells = " ".join(table)
    assert not re.search(r"(?<![\d.])\d+\.\d+(?![\d.])", cells), cells


@pytest.mark.parametrize(
    ("command", "header"),
    [
        ("priorities overview", "Regioner"),
        ("ecosystem network 24", "Kopplingar"),
        ("data show scb_rams", "Bransch"),
        ("workspace info", "Aktörer"),
    ],
)
def test_table_headers_are_words_in_the_language(command: str, header: str, demo: Path):
    result = runner.invoke(app, [*command.split(), "-w", str(demo)], env=NARROW)
    assert header in result.output


def test_codes_become_words_in_tables_but_stay_codes_in_csv(demo: Path):
    table = runner.invoke(app, ["ecosystem", "network", "24", "-w", str(demo)], env=NARROW)
    csv = runner.invoke(app, ["ecosystem", "network", "24", "-w", str(demo), "-f", "csv"])
    assert "Företag" in table.output and "│ firm" not in table.output
    assert ",firm," in csv.output


def test_wide_shows_what_the_default_table_leaves_out(demo: Path):
    narrow = runner.invoke(app, ["fit", "24", "-w", str(demo)], env=NARROW)
    wide = runner.invoke(app, ["fit", "24", "-w", str(demo), "--wide"], env={"COLUMNS": "200"})
    assert "Anmärkning" not in narrow.output and "--wide" in narrow.output
    assert "Anmärkning" in wide.output


@pytest.fixture
def surveyed(workspace: Path) -> Path:
    """Region 17, round 2017, two cluster organisations and the invented wide survey fixture."""
    from s3atlas.ecosystem.store.actors import add_actor
    from s3atlas.ecosystem.store.rounds import open_round
    from s3atlas.store import open_store
    from s3atlas.store.rounds import ensure_region
    from s3atlas.workspace import resolve_workspace

    store = open_store(resolve_workspace(workspace).db_url(), fresh=True)
    ensure_region(store, "17", "Värmland", user="test")
    open_round(store, "17", "2017", user="test")
    for name in ("Testkluster A", "Testkluster B"):
        add_actor(store, "17", name, "cluster_organisation", user="test", allow_similar=True)
    survey = Path(__file__).parent / "fixtures" / "clusters" / "test_survey_wide_2017.csv"
    args = ["clusters", "survey", "import", str(survey), "--wave", "2017"]
    assert runner.invoke(app, args).exit_code == 0
    return workspace


@pytest.mark.parametrize(
    "command",
    ["clusters list", "clusters survey summary", "clusters gaps", "clusters phase"],
)
def test_cluster_tables_fit_80_columns(command: str, surveyed: Path):
    args = command.split() + (["Testkluster A"] if command.endswith(("gaps", "phase")) else [])
    result = runner.invoke(app, args, env=NARROW)
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80, result.output


def test_cluster_gaps_name_groups_and_status_in_words_and_keep_codes_in_csv(surveyed: Path):
    table = runner.invoke(app, ["clusters", "gaps", "Testkluster A"], env=NARROW)
    csv = runner.invoke(app, ["clusters", "gaps", "Testkluster A", "-f", "csv"])
    assert "Akademi" in table.output and "Gruppen saknas" in table.output
    assert "firms,academia," in csv.output and ",absent," in csv.output

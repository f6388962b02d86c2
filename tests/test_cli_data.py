"""`s3atlas data list|show` through the CLI runner, the way users call it."""

import json

import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app

runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def _commands():
    _register_all()


def test_version_prints_the_package_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("s3atlas 0.")


def test_help_lists_the_command_groups():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for group in ("data", "strengths", "ecosystem", "priorities", "clusters", "serve", "demo"):
        assert group in result.stdout


def test_data_list_json_reports_rams_coverage(workspace):
    result = runner.invoke(app, ["data", "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    rams = rows["scb_rams_2018"]
    assert (rams["regions"], rams["industries"], rams["years"]) == (21, 15, [2018])
    assert rams["employed_total_latest_year"] == 4_920_748
    assert rows["kolada_rd"]["flags"]["missing"] == 6  # the six NA cells of the Kolada file
    assert rows["s3_priorities_2018"]["rows"] == 80


def test_data_show_filters_by_region_name_and_industry(workspace):
    result = runner.invoke(
        app,
        [
            "data",
            "show",
            "scb_rams_2018",
            "--region",
            "Västerbotten",
            "--industry",
            "A,F",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["industry"], r["value"]) for r in rows] == [("A", 4348.0), ("F", 10679.0)]


def test_unknown_dataset_is_one_clean_error(workspace):
    result = runner.invoke(app, ["data", "show", "nope"])
    assert result.exit_code == 1
    assert "värde 'nope': ingen datamängd heter så" in result.output
    assert "Traceback" not in result.output

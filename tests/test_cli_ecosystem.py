"""``s3atlas ecosystem …`` through Typer's runner, on a fresh workspace with the demo ecosystem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app

_register_all()
runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, ["--lang", "en", *args])


@pytest.fixture
def demo(workspace: Path) -> Path:
    result = _run("workspace", "init", "--workspace", str(workspace))
    assert result.exit_code == 0, result.output
    return workspace


def test_gaps_of_vasterbotten_follow_the_seed(demo: Path):
    result = _run("ecosystem", "gaps", "24", "--format", "json")
    assert result.exit_code == 0, result.output
    gaps = {(g["area"], g["rule"]) for g in json.loads(result.stdout)}
    assert ("Life Science", "no_cluster_management") in gaps
    assert ("Life Science", "no_early_excellence") in gaps
    assert ("Skoglig bioekonomi", "no_early_excellence") in gaps
    assert ("Skoglig bioekonomi", "no_cluster_management") not in gaps  # "Har en klusterledare"


def test_gaps_table_is_in_swedish_words(demo: Path):
    result = runner.invoke(
        app, ["--lang", "sv", "ecosystem", "gaps", "24", "--area", "Life Science"]
    )
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "ingen klusterledning" in text and "spets saknas i tidig fas" in text
    assert "no_cluster_management" not in text


def test_areas_nobody_has_mapped_get_no_gaps_and_are_named_as_not_judged(demo: Path):
    # The seed maps support only for Skoglig bioekonomi and Life Science; the other seven areas
    # have names and SNI codes alone, so no rule can find a gap there.
    listed = _run("ecosystem", "gaps", "24", "--format", "json")
    assert {g["area"] for g in json.loads(listed.stdout)} == {"Skoglig bioekonomi", "Life Science"}
    shown = runner.invoke(app, ["--lang", "sv", "ecosystem", "gaps", "24"])
    text = " ".join(shown.output.split())
    assert (
        "Inte bedömda, eftersom ingen stödfunktion är kartlagd för dem än: Gruv och Mineral" in text
    )
    one = runner.invoke(app, ["--lang", "sv", "ecosystem", "gaps", "24", "--area", "livsmedel"])
    said = " ".join(one.output.split())
    assert one.exit_code == 0 and said.endswith("kartlagd för dem än: Livsmedel.")
    assert "Luckor" not in said  # no empty table above the sentence


def test_functions_table_shows_classes_in_swedish(demo: Path):
    result = runner.invoke(app, ["--lang", "sv", "ecosystem", "functions", "24"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "systemunik" in text and "Klusterledning" in text


def test_gaps_of_one_area_by_region_name(demo: Path):
    result = _run("ecosystem", "gaps", "Västerbotten", "--area", "Life Science", "--format", "json")
    assert result.exit_code == 0, result.output
    assert {g["area"] for g in json.loads(result.stdout)} == {"Life Science"}


def test_functions_are_classified_with_evidence(demo: Path):
    result = _run("ecosystem", "functions", "24", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["function_code"]: r for r in json.loads(result.stdout)}
    assert rows["cluster_management"]["class"] == "unique"
    assert rows["cluster_management"]["areas"] == "Skoglig bioekonomi"


def test_network_and_coverage_render(demo: Path):
    for args in (
        ["network", "24"],
        ["network", "24", "--view", "orchestrators"],
        ["coverage", "24"],
    ):
        result = _run("ecosystem", *args, "--format", "csv")
        assert result.exit_code == 0, result.output


def test_export_gexf_reimports_without_loss(demo: Path, tmp_path: Path):
    out = tmp_path / "map.gexf"
    assert _run("ecosystem", "export", "24", "--format", "gexf", "--out", str(out)).exit_code == 0
    again = _run("ecosystem", "import", str(out), "--user", "test", "--format", "json")
    assert again.exit_code == 0, again.output
    assert all(r["added"] == 0 for r in json.loads(again.stdout))  # everything is already there
    fresh = _run(
        "ecosystem",
        "import",
        str(out),
        "--region",
        "25",
        "--round",
        "2025",
        "--user",
        "test",
        "--format",
        "json",
    )
    assert fresh.exit_code == 0, fresh.output
    before = _run("ecosystem", "functions", "24", "--format", "json").stdout
    after = _run("ecosystem", "functions", "25", "--format", "json").stdout
    assert json.loads(before) == json.loads(after)


def test_bad_import_saves_nothing(demo: Path, tmp_path: Path):
    out = tmp_path / "map"
    assert _run("ecosystem", "export", "24", "--format", "csv", "--out", str(out)).exit_code == 0
    (out / "actors.csv").write_text(
        "name,kind\nNy Aktör AB,firm\nTrasig,rymdbolag\n", encoding="utf-8"
    )
    result = _run("ecosystem", "import", str(out), "--user", "test", "--format", "json")
    assert result.exit_code == 1
    error = json.loads(result.stdout)
    assert (error["row"], error["column"], error["value"]) == (3, "kind", "rymdbolag")
    names = {
        r["name"]
        for r in json.loads(
            _run("ecosystem", "functions", "24", "--actors", "--format", "json").stdout
        )
    }
    assert "Ny Aktör AB" not in names


def test_unknown_region_is_one_clean_error(demo: Path):
    result = _run("ecosystem", "gaps", "Atlantis", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"] == "classification"

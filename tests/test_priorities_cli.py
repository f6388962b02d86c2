"""The ``s3atlas priorities`` commands, through Typer's runner as users call them."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app

runner = CliRunner()
_registered = False


@pytest.fixture(autouse=True)
def cli(workspace):
    global _registered
    if not _registered:
        _register_all()
        _registered = True
    return workspace


def invoke(*args: str):
    return runner.invoke(app, ["--lang", "en", "priorities", *args])


def test_overview_lists_themes_with_region_counts_as_json():
    result = invoke("overview", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {row["theme"]: row for row in json.loads(result.stdout)}
    assert rows["visitor_economy"]["regions"] == 8
    assert rows["visitor_economy"]["theme_name"] == "Visitor economy and experiences"


def test_read_only_commands_do_not_create_a_store(cli):
    assert invoke("overview", "--format", "csv").exit_code == 0
    assert not (cli / "s3atlas.db").exists()


def test_region_shows_jonkopings_process_priorities_as_horizontal():
    result = invoke("region", "Jönköping", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [r["theme"] for r in rows] == ["horizontal"] * 3
    assert all(r["county_code"] == "06" and r["reason_code"] == "process" for r in rows)
    assert "reason" not in rows[0]  # codes for scripts; the words are for the table and Excel


def test_partners_rows_carry_region_codes_and_reasons():
    result = invoke("partners", "Gotland", "--format", "json", "--top", "2")
    rows = json.loads(result.stdout)
    assert (rows[0]["county_code"], rows[0]["partner_code"]) == ("09", "08")
    assert rows[0]["reason_codes"] == "shared" and "reasons" not in rows[0]


def test_an_unknown_region_is_one_clean_error():
    result = invoke("partners", "Atlantis")
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "Atlantis" in result.output


def test_import_stores_a_new_version_and_keeps_the_old_one(tmp_path, cli):
    path = tmp_path / "new.csv"
    path.write_text(
        "region,priority\nKalmar,Livsmedel\nKalmar,Besöksnäring\nKalmar,Grön kemi\n",
        encoding="utf-8",
    )
    result = invoke("import", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"county_code": "08", "version": 1, "priorities": 3}]
    regions = json.loads(invoke("region", "Kalmar", "--format", "json").stdout)
    assert "chemistry" in {r["theme"] for r in regions} and "Boende" not in {
        r["priority"] for r in regions
    }
    versions = json.loads(invoke("versions", "08", "--format", "json").stdout)
    assert [v["version"] for v in versions] == [0, 1]
    assert versions[0]["priorities"] == "Boende; Livsmedel; Besöksnäring"


def test_a_file_naming_an_unknown_region_imports_nothing_and_names_the_row(tmp_path, cli):
    path = tmp_path / "bad.csv"
    path.write_text("region,priority\nKalmar,Livsmedel\nAtlantis,Turism\n", encoding="utf-8")
    result = invoke("import", str(path), "--format", "json")
    assert result.exit_code == 1
    error = json.loads(result.stdout)
    assert (error["error"], error["row"], error["column"], error["value"]) == (
        "invalid_input",
        3,
        "region",
        "Atlantis",
    )
    assert not (cli / "s3atlas.db").exists()


def test_an_empty_priority_imports_nothing_even_into_an_existing_store(tmp_path, cli):
    good = tmp_path / "good.xlsx"
    pd.DataFrame({"region": ["Skåne"], "priority": ["Personlig hälsa"]}).to_excel(good, index=False)
    assert invoke("import", str(good)).exit_code == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("region,priority\nBlekinge,Arbetsliv\nBlekinge,\n", encoding="utf-8")
    result = invoke("import", str(bad))
    assert result.exit_code == 1 and "row 3" in result.output and "empty priority" in result.output
    versions = json.loads(invoke("versions", "Blekinge", "--format", "json").stdout)
    assert [v["version"] for v in versions] == [0]


def test_a_manual_theme_changes_the_region_view_and_can_be_cleared():
    set_result = invoke(
        "override",
        "Halland",
        "Grön tillväxt",
        "--theme",
        "food",
        "--theme",
        "energy_cleantech",
        "--note",
        "strategy text",
    )
    assert set_result.exit_code == 0, set_result.output
    rows = json.loads(invoke("region", "13", "--format", "json").stdout)
    manual = [r for r in rows if r["priority"] == "Grön tillväxt"]
    assert [(r["theme"], r["method"]) for r in manual] == [
        ("food", "manual"),
        ("energy_cleantech", "manual"),
    ]
    assert invoke("override", "Halland", "Grön tillväxt", "--clear").exit_code == 0
    rows = json.loads(invoke("region", "13", "--format", "json").stdout)
    # back to the rule: "grön" alone may mean the green industries or environmental technology
    assert [(r["theme"], r["method"]) for r in rows if r["priority"] == "Grön tillväxt"] == [
        ("energy_cleantech", "weak rule"),
        ("forest_bioeconomy", "weak rule"),
        ("food", "weak rule"),
    ]


def test_priority_fit_has_one_command():
    # `s3atlas fit` is the one fit command; the priorities group has none of its own.
    result = invoke("fit", "Gotland", "--format", "csv")
    assert result.exit_code != 0
    fit = runner.invoke(app, ["fit", "Gotland", "--format", "csv"])
    # Gotland's visitor economy: I = 55–56 exactly, but 79 and 93 lie inside M+N and R+S+T+U.
    assert fit.exit_code == 0 and "Besöksnäring" in fit.stdout and "undetermined" in fit.stdout


def test_messages_are_swedish_by_default():
    table = runner.invoke(
        app,
        ["priorities", "partners", "Gotland", "--top", "1", "--wide"],
        env={"COLUMNS": "250"},
    )
    assert table.exit_code == 0, table.output
    assert "gemensamma teman: Livsmedel och gröna näringar" in table.stdout
    assert "reason_codes" not in table.stdout


def test_region_table_gives_the_reason_in_words_and_excel_keeps_codes_and_words(tmp_path):
    table = runner.invoke(
        app, ["--lang", "sv", "priorities", "region", "Gotland", "--wide"], env={"COLUMNS": "200"}
    )
    assert table.exit_code == 0, table.output
    assert "träff på besöksnäring" in table.stdout and "reason_code" not in table.stdout
    assert "ordregel" in table.stdout and " rule " not in table.stdout  # the method in words
    path = tmp_path / "gotland.xlsx"
    result = runner.invoke(app, ["--lang", "en", "priorities", "region", "09", "--out", str(path)])
    assert result.exit_code == 0, result.output
    sheet = pd.read_excel(path, sheet_name=0, dtype=str)
    assert sheet[["matched", "terms", "reason_code", "reason"]].values.tolist() == [
        ["besöksnäring", "besöks*", "matched", "matched besöksnäring"],
        ["livsmedel", "livsmedel*", "matched", "matched livsmedel"],
    ]

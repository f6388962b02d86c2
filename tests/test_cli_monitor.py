"""`s3atlas monitor` through Typer's runner, the way users call it."""

import io
import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app
from s3atlas.monitoring.status import REASONS, STATUSES

_register_all()
runner = CliRunner()


def _run(*args, code=0):
    result = runner.invoke(app, ["--lang", "en", "monitor", *args])
    assert result.exit_code == code, result.output
    return result


def test_indicators_json_gives_dalarnas_framework_with_computed_values(workspace):
    rows = json.loads(_run("indicators", "Dalarna", "--format", "json").stdout)
    by_code = {r["code"]: r for r in rows}
    # Kolada N85085 + N85086 + N85087, Dalarnas län 2021: 2 441.16413 + 225.391574 + 596.420781
    assert by_code["rd_total"]["value"] == pytest.approx(2441.16413 + 225.391574 + 596.420781)
    # "Investeringar i FoU" in Dalarna's framework is served by the same value
    assert by_code["dalarna_25"]["value"] == by_code["rd_total"]["value"]
    assert by_code["dalarna_25"]["goal"] == "Konkurrenskraftigt"
    # Hälsa & välfärd = SNI 86–88 = RAMS Q: 25 910 employed in Dalarna 2018;
    # LQ = (25 910 / 132 680) / (806 629 / 4 920 748) = 1.1913
    assert by_code["priority_halsa_valfard_employed"]["value"] == 25910
    assert by_code["priority_halsa_valfard_lq"]["value"] == pytest.approx(1.19129, abs=1e-5)
    assert by_code["dalarna_01"]["status"] == "no_data"
    # scripts get the reason's code and what it needs, not a sentence
    assert by_code["dalarna_01"]["reason"] == "no_data_any_needs"  # no value in any year
    assert "Naturvårdsverket" in by_code["dalarna_01"]["needs"]
    assert not [c for c in rows[0] if c.endswith(("_sv", "_en")) and not c.startswith("name_")]
    assert all(not r["example"] for r in rows)  # no invented targets


def test_a_priority_measured_by_a_wider_group_says_so(workspace):
    rows = json.loads(_run("status", "20", "--format", "json").stdout)
    row = next(r for r in rows if r["code"] == "priority_avancerad_industri_employed")
    assert row["wider_group"] == "B+C"
    assert not [c for c in row if c.endswith(("_sv", "_en"))]
    table = runner.invoke(app, ["--lang", "en", "monitor", "status", "20"], env={"COLUMNS": "400"})
    # the group by its name: a reader does not know what B+C holds
    said = " ".join(table.stdout.split())
    assert "wider industry group mining, quarrying, manufacturing (B+C)" in said
    swedish = runner.invoke(app, ["monitor", "status", "20"], env={"COLUMNS": "400"})
    assert "bredare branschgruppen tillverkning och utvinning (B+C)" in " ".join(
        swedish.stdout.split()
    )


def test_status_csv_gives_codes_and_the_table_gives_swedish_words(workspace):
    result = runner.invoke(app, ["monitor", "status", "24", "--format", "csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout), dtype={"region": str})
    assert set(frame.reason) <= set(REASONS) and set(frame.status) <= set(STATUSES)
    assert "no_target" in set(frame.reason)
    table = runner.invoke(app, ["monitor", "status", "24"], env={"COLUMNS": "400"})
    text = " ".join(table.stdout.split())
    assert "Inget mål är satt; värdet 2018 är" in text and "no_target" not in text


def test_status_table_in_swedish_shows_words_not_codes(workspace):
    result = runner.invoke(app, ["--lang", "sv", "monitor", "status", "24"])
    assert result.exit_code == 0, result.output
    assert "inget mål" in result.stdout and "no_target" not in result.stdout


def test_template_then_import_round_trip(workspace, tmp_path):
    out = tmp_path / "mall.xlsx"
    _run("template", "--out", str(out), "--region", "24")
    assert out.exists()
    result = _run("import", str(out))
    assert "Imported" in result.stdout


def test_a_bad_import_file_is_a_clean_error_with_its_location(workspace, tmp_path):
    path = tmp_path / "v.csv"
    path.write_text("region,indicator,year,value\n24,rd_total,2020,x\n", encoding="utf-8")
    result = _run("import", str(path), code=1)
    assert "row 2" in result.output and "column 'value'" in result.output
    assert "Traceback" not in result.output


def test_peers_json_lists_k_regions_with_dimensions(workspace):
    rows = json.loads(_run("peers", "24", "--k", "3", "--format", "json").stdout)
    assert [r["rank"] for r in rows] == [1, 2, 3]
    assert all(isinstance(r["similar_on"], list) for r in rows)


def test_peers_at_nuts2(workspace):
    rows = json.loads(_run("peers", "SE33", "--level", "nuts2", "--format", "json").stdout)
    assert len(rows) == 5 and "SE33" not in {r["region"] for r in rows}


def test_scoreboard_table_shows_the_normalisation(workspace):
    result = _run("scoreboard")
    assert "Normalisation" in result.stdout and "leader" in result.stdout


def test_scoreboard_xlsx_needs_out(workspace, tmp_path):
    result = _run("scoreboard", "--format", "xlsx", code=1)
    assert "--out" in result.output
    out = tmp_path / "s.xlsx"
    _run("scoreboard", "--format", "xlsx", "--out", str(out))
    assert out.stat().st_size > 0


def test_example_targets_are_marked_and_give_a_status_by_hand(workspace):
    result = _run("examples", "24")
    assert "example targets" in result.stdout
    rows = json.loads(_run("indicators", "24", "--format", "json").stdout)
    firms = next(r for r in rows if r["code"] == "new_firms_per_1000_employed")
    assert firms["example"] is True
    # baseline 2008 (the region's own rate), target 2023 (= 2018 + 5) at Sweden's 2008 rate;
    # 2018 lies 10 of 15 years along the path
    b, t = firms["baseline_value"], firms["target_value"]
    assert (firms["baseline_year"], firms["target_year"], firms["year"]) == (2008, 2023, 2018)
    expected = b + (t - b) * 10 / 15
    gap = (firms["value"] - expected) / abs(t - b)
    status = "off_track" if gap < -0.2 else "at_risk" if gap < -0.1 else "on_track"
    assert firms["status"] == status
    assert firms["expected"] == pytest.approx(expected)
    assert firms["reason"] == status and firms["judged_year"] == 2018
    status_table = runner.invoke(
        app, ["--lang", "en", "monitor", "status", "24"], env={"COLUMNS": "400"}
    )
    assert f"against {expected:,.1f} on the path" in " ".join(status_table.stdout.split())
    table = runner.invoke(app, ["--lang", "sv", "monitor", "indicators", "24"])
    assert "exempel" in table.stdout

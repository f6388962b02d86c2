"""`s3atlas strengths` and `s3atlas fit` through Typer's runner."""

import json

import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app

_register_all()
runner = CliRunner()


def test_strengths_json_for_vasterbotten_matches_hand_lqs():
    result = runner.invoke(app, ["strengths", "24", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["industry"]: row for row in json.loads(result.output)}
    # Bundled RAMS 2018: Västerbotten total 131,393; Sweden 4,920,748.
    # A: (4,348 / 131,393) / (92,678 / 4,920,748) = 1.757;  Q: (28,432 / 131,393) / (806,629 /
    # 4,920,748) = 1.320
    assert rows["A"]["lq"] == pytest.approx((4348 / 131393) / (92678 / 4920748))
    assert rows["Q"]["lq"] == pytest.approx((28432 / 131393) / (806629 / 4920748))
    assert {"industry", "lq", "score", "class", "reason"} <= set(rows["Q"])
    assert json.loads(result.output)[0]["rank"] == 1


def test_strengths_table_and_english():
    result = runner.invoke(
        app,
        [
            "--lang",
            "en",
            "strengths",
            "24",
            "--dataset",
            "eurostat_employment_se",
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "while Sweden" in result.output


def test_unknown_region_is_a_clean_error():
    result = runner.invoke(app, ["strengths", "99", "--format", "json"])
    assert result.exit_code == 1
    assert '"error": "not_found"' in result.output
    assert "Traceback" not in result.output


def test_fit_json():
    result = runner.invoke(app, ["fit", "24", "--format", "json"])
    assert result.exit_code == 0, result.output
    statuses = {row["priority"]: row["status"] for row in json.loads(result.output)}
    # health care (86) is measured through RAMS's wider Q = 86–88, LQ 1.32
    assert statuses["Hälsa och sjukvård"] == "weakly_supported"

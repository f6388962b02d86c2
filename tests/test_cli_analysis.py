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
    # Default data: SCB RAMS, 2018 for LQ. Västerbotten total 131 393; Sweden 4 920 748.
    # A: (4 348 / 131 393) / (92 678 / 4 920 748) = 1.757;  Q: (28 432 / 131 393) / (806 629 /
    # 4 920 748) = 1.320
    assert rows["A"]["lq"] == pytest.approx((4348 / 131393) / (92678 / 4920748))
    assert rows["Q"]["lq"] == pytest.approx((28432 / 131393) / (806629 / 4920748))
    # Growth 2008 → 2016 within RAMS table DagSNI07KonK: A 3 077 → 4 419 = +43.6 %.
    assert (rows["A"]["base_year"], rows["A"]["growth_end_year"]) == (2008, 2016)
    assert rows["A"]["growth"] == pytest.approx(4419 / 3077 - 1)
    assert {"industry", "lq", "score", "class", "reason", "sector"} <= set(rows["Q"])
    assert json.loads(result.output)[0]["rank"] == 1


@pytest.mark.parametrize("name", ["Västerbotten", "Västerbottens län", "vasterbotten", "SE331"])
def test_strengths_takes_a_region_name(name):
    result = runner.invoke(app, ["strengths", name, "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["industry"] == "A"


def test_public_services_are_not_ranked_unless_asked():
    rows = json.loads(runner.invoke(app, ["strengths", "24", "--format", "json"]).output)
    ranked = [row["industry"] for row in rows if row["ranked"]]
    # Q (LQ 1.32) and P (LQ 1.21) scored highest before; now they stand apart, unranked.
    assert {"O", "P", "Q"}.isdisjoint(ranked)
    assert {row["sector"] for row in rows if row["industry"] in "OPQ"} == {"public"}
    everything = json.loads(
        runner.invoke(app, ["strengths", "24", "--all", "--format", "json"]).output
    )
    assert everything[0]["industry"] == "Q" and all(row["ranked"] for row in everything)


def test_nothing_that_grew_is_called_shrinking():
    for code in ("24", "01", "25"):
        rows = json.loads(runner.invoke(app, ["strengths", code, "--format", "json"]).output)
        for row in rows:
            if row["growth"] is not None and row["growth"] > 0:
                assert row["trend"] == "growing"
                assert "krymp" not in row["reason"]


def test_strengths_table_fits_80_columns_in_swedish():
    result = runner.invoke(app, ["strengths", "24"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
    assert "Konkurrensutsatta branscher" in result.output and "+44\xa0%" in result.output
    assert "Q Vård" in result.output.split("Övriga branscher")[1]


def test_strengths_in_english_on_eurostat():
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
    assert "while Sweden" in result.output and "2000–2017" in result.output


def test_unknown_region_is_a_clean_error():
    result = runner.invoke(app, ["strengths", "99", "--format", "json"])
    assert result.exit_code == 1
    assert '"error": "not_found"' in result.output
    assert "Traceback" not in result.output


def test_a_year_outside_the_data_is_named_in_words():
    result = runner.invoke(app, ["strengths", "24", "--year", "1999"], env={"COLUMNS": "80"})
    assert result.exit_code == 1
    assert "År, värde 1999: året 1999 finns inte i data; år: 2008–2018" in result.output
    assert "'year'" not in result.output


def test_fit_json():
    result = runner.invoke(app, ["fit", "Västerbotten", "--format", "json"])
    assert result.exit_code == 0, result.output
    statuses = {row["priority"]: row["status"] for row in json.loads(result.output)}
    assert statuses["Hälsa och sjukvård"] == "undetermined"  # 86 lies inside Q (86–88)
    assert statuses["Life Science"] == "undetermined"


def test_fit_without_region_covers_every_region():
    result = runner.invoke(app, ["fit", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert len({row["county_code"] for row in json.loads(result.output)}) == 21


def test_shiftshare_splits_vasterbottens_agriculture_by_hand():
    result = runner.invoke(app, ["shiftshare", "24", "--format", "json"])
    assert result.exit_code == 0, result.output
    a = next(row for row in json.loads(result.output) if row["industry"] == "A")
    # RAMS DagSNI07KonK, industry known (00 left out): Sweden 4 406 789 − 50 674 = 4 356 115 in
    # 2008 and 4 828 325 − 50 073 = 4 778 252 in 2016 → g = 0.096907; A in Sweden 74 307 →
    # 94 772 → g_A = 0.275412; Västerbotten A 3 077 → 4 419.
    g, g_a = 4778252 / 4356115 - 1, 94772 / 74307 - 1
    assert a["change"] == 4419 - 3077
    assert a["national"] == pytest.approx(3077 * g)
    assert a["industry_mix"] == pytest.approx(3077 * (g_a - g))
    assert a["regional_share"] == pytest.approx(3077 * (4419 / 3077 - 1 - g_a))


def test_gender_shows_the_latest_year_with_women_and_men():
    result = runner.invoke(app, ["gender", "Västerbotten", "--format", "json"])
    assert result.exit_code == 0, result.output
    q = next(row for row in json.loads(result.output) if row["industry"] == "Q")
    # RAMS 2016: Västerbotten Q women 21 852, men 6 688 → 76.6 % women.
    assert (q["year"], q["share_women"]) == (2016, pytest.approx(21852 / (21852 + 6688)))
    table = runner.invoke(app, ["gender", "24"], env={"COLUMNS": "80"})
    assert "Andel kvinnor" in table.output and "77\xa0%" in table.output

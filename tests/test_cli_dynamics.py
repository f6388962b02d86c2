"""`s3atlas dynamics` through Typer's runner, the way users call it.

Hand calculations use values read from the bundled files: Tillväxtanalys new firms
(``tillvaxtanalys_new_firms_county_year.csv``), SCB RAMS 2018
(``scb_rams_2018_county_industry.csv``) and Eurostat pat_ep_rtot
(``eurostat_pat_ep_rtot_SE.csv``).
"""

import io
import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app

_register_all()
runner = CliRunner()


def _json(*args):
    result = runner.invoke(app, ["dynamics", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_gives_vasterbotten_new_firms_per_1000_employed_by_hand():
    rows = _json("Västerbotten")
    rate = [r for r in rows if r["indicator"] == "new_firms_per_1000_employed"]
    # RAMS gives employment 2008–2016 and 2018, so the rate runs over those years
    assert [r["year"] for r in rate] == [*range(2008, 2017), 2018]
    row = rate[-1]
    # 2018: Västerbottens län 1,313 new firms (2018***) / 131,393 employed (RAMS) × 1,000 = 9.9929
    # Sweden: Samtliga 66,750 / 4,920,748 × 1,000 = 13.5650; ratio 9.9929 / 13.5650 = 0.7367
    assert row["year"] == 2018
    assert row["region_value"] == pytest.approx(1313 / 131393 * 1000)
    assert row["sweden_value"] == pytest.approx(66750 / 4920748 * 1000)
    assert row["ratio"] == pytest.approx(0.736669, abs=1e-6)
    assert row["last_year"] == 2018 and row["region_name"] == "Västerbottens län"


@pytest.mark.parametrize("region", ["24", "Västerbottens län", "Västerbotten", "SE331"])
def test_the_region_is_taken_by_code_or_name(region):
    rows = _json(region)
    assert {r["region"] for r in rows} == {"24"}


def test_json_patents_are_p_mhab_and_trademarks_name_the_missing_source():
    rows = _json("24")
    patents = [r for r in rows if r["indicator"].startswith("patent")]
    last = patents[-1]
    # pat_ep_rtot P_MHAB 2012: SE331 72.786, SE 247.442 → ratio 0.2942
    assert (last["year"], last["region_value"], last["sweden_value"]) == (2012, 72.786, 247.442)
    assert last["ratio"] == pytest.approx(72.786 / 247.442)
    trademark = rows[-1]
    assert trademark["indicator"] == "trademark_applications"
    assert trademark["region_value"] is None
    assert trademark["note"] == "no_offline_source"
    assert trademark["needs"] == "EUIPO, via Eurostat ipr_ta_reg"


def test_table_is_swedish_with_swedish_numbers_breaks_and_last_year():
    result = runner.invoke(app, ["dynamics", "24"], terminal_width=200)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Dynamik och innovationskraft: Västerbottens län" in out
    # 9.9929 → "10,0" and 13.5650 → "13,6" (one decimal), ratio 0.7367 → "0,74"
    assert "10,0" in out and "13,6" in out and "0,74" in out
    assert "72,8" in out and "247,4" in out  # patents 2012, decimal comma
    assert "Senaste år: Nystartade företag per 1 000 förvärvsarbetande 2018" in out
    assert "Seriebrott i nyföretagandet (Tillväxtanalys): 2007, 2010, 2011, 2021" in out
    # codes become Swedish words in the table: the indicator's name and the 2010 break note
    assert "Nystartade företag per 1 000 förvärvsarbetande" in out
    assert "seriebrott: " in out  # the 2010 row's note, lower case as in the cell
    assert "new_firms_per_1000_employed" not in out and "series_break" not in out
    assert (
        "Varumärkesansökningar (EUIPO): Ingen källa finns offline: varumärkesansökningar per "
        "region kräver EUIPO, via Eurostat ipr_ta_reg" in out
    )


def test_english_table_uses_english_numbers():
    result = runner.invoke(app, ["--lang", "en", "dynamics", "24"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Dynamics and innovation capacity: Västerbottens län" in result.stdout
    assert "247.4" in result.stdout
    assert "Trademark applications (EUIPO): No offline source" in result.stdout


def test_csv_has_every_column_for_scripts():
    result = runner.invoke(app, ["dynamics", "24", "--format", "csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout), dtype={"region": str})
    assert {"region_count", "region_base", "series_break", "note", "needs"} <= set(frame)
    assert frame.loc[frame.year == 2018, "region_count"].tolist() == [1313]
    # codes for scripts, not words, and no column per language
    assert set(frame.note.fillna("")) == {"", "series_break", "no_offline_source"}
    assert "trademark_applications" in set(frame.indicator)
    assert not [c for c in frame.columns if c.endswith(("_sv", "_en"))]


def test_xlsx_writes_the_table_people_read_to_out_or_a_file_named_in_swedish(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    named = runner.invoke(app, ["dynamics", "24", "-f", "xlsx"])
    assert named.exit_code == 0, named.output
    default = tmp_path / "dynamik-och-innovationskraft-vasterbottens-lan.xlsx"
    assert [p.name for p in tmp_path.iterdir()] == [default.name]
    path = tmp_path / "dynamik.xlsx"
    result = runner.invoke(app, ["dynamics", "24", "--format", "xlsx", "--out", str(path)])
    assert result.exit_code == 0, result.output
    sheet = pd.read_excel(path, sheet_name=0)
    assert list(sheet.columns[:3]) == ["Indikator", "År", "Region"]
    row = sheet[sheet["År"] == 2018].iloc[0]
    assert row["Region"] == pytest.approx(1313 / 131393 * 1000)  # numbers stay numbers


def test_a_municipality_is_a_clean_error():
    result = runner.invoke(app, ["dynamics", "Umeå", "--format", "json"])
    assert result.exit_code == 1
    assert '"error": "classification"' in result.stdout or "kommun" in result.output
    assert "Traceback" not in result.output


def test_an_unknown_employment_dataset_is_a_clean_error():
    result = runner.invoke(app, ["dynamics", "24", "--employment", "nope", "--format", "json"])
    assert result.exit_code == 1
    assert '"error": "not_found"' in result.stdout


def test_another_employment_dataset_gives_rates_over_its_years():
    rows = _json("24", "--employment", "eurostat_employment_se")
    firms = [r for r in rows if r["indicator"] == "new_firms_per_1000_employed"]
    assert [r["year"] for r in firms] == list(range(2000, 2018))
    last = firms[-1]
    # Eurostat nama_10r_3empers 2017, SE331, the A*10 groups in thousands:
    # A 4 + B-E 17 + F 10 + G-I 23 + J 3 + K 1 + L 2 + M-N 11 + O-Q 52 + R-U 6 = 129 → 129,000.
    # 1,495 new firms (2017***) / 129,000 × 1,000 = 11.589; Sweden 68,887 / 5,027,000 × 1,000
    # = 13.703 (the 21 NUTS 3 regions' A*10 sum, 5,027 thousand).
    assert (last["region_base"], last["sweden_base"]) == (129000, 5027000)
    assert last["region_value"] == pytest.approx(11.58915, abs=1e-5)
    assert last["sweden_value"] == pytest.approx(13.70340, abs=1e-5)
    assert last["last_year"] == 2017
    assert [r["year"] for r in firms if r["series_break"]] == [2007, 2010, 2011]


def test_data_show_gives_the_new_firms_cell_with_its_break_note():
    args = ["data", "show", "tillvaxtanalys_new_firms", "--region", "Västerbotten"]
    result = runner.invoke(app, [*args, "--year", "2010", "--format", "json"])
    assert result.exit_code == 0, result.output
    [cell] = json.loads(result.stdout)
    assert (cell["region"], cell["value"]) == ("SE331", 1404.0)
    assert "series break" in cell["source"] and "2010* = 1337" in cell["source"]

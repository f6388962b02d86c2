"""The default data: SCB RAMS 2008–2016 by sex and 2018, and tables with a sex dimension."""

import json

import pandas as pd
import pytest

from s3atlas.analysis.profile import analysis_frames, region_strengths
from s3atlas.errors import InputError
from s3atlas.stats import DEFAULT_DATASET, StatTable, load_dataset


def test_the_default_is_ten_years_of_rams():
    data = load_dataset(DEFAULT_DATASET)
    table = data.table
    assert DEFAULT_DATASET == "scb_rams"
    assert table.years == [*range(2008, 2017), 2018]
    assert table.sexes == ["men", "total", "women"]


@pytest.mark.parametrize(
    ("year", "total"),
    [(2008, 4_406_789), (2016, 4_828_325), (2018, 4_920_748)],  # SOURCES.md / SCB
)
def test_national_totals_match_scb(year, total):
    assert load_dataset("scb_rams").table.matrix("employed", year).to_numpy().sum() == total


def test_unknown_industry_stays_in_the_data_but_out_of_the_analysis():
    table = load_dataset("scb_rams").table
    assert "00" in table.matrix("employed", 2016).columns
    assert "00" not in analysis_frames(table, 2016)["end"].columns


def _by_sex() -> StatTable:
    rows = [
        ("r", "A", "men", 30.0),
        ("r", "A", "women", 10.0),
        ("r", "F", "men", 40.0),
        ("r", "F", "women", 20.0),
        ("s", "A", "men", 5.0),
        ("s", "A", "women", 5.0),
        ("s", "F", "men", 60.0),
        ("s", "F", "women", 30.0),
    ]
    frame = pd.DataFrame(rows, columns=["region", "industry", "sex", "value"])
    return StatTable.build(frame.assign(year=2016, measure="employed"), "demo", "sni2007")


def test_a_file_with_only_men_and_women_is_analysed_for_both_sexes():
    table = _by_sex()
    # r: A 40 of 100; s: A 10 of 100 → nation A 50 of 200 → LQ_r = 0.4 / 0.25 = 1.6
    frames = analysis_frames(table)
    assert frames["end"].loc["r", "A"] == 40.0
    assert region_strengths(table, "r", lang="sv").set_index("industry").loc[
        "A", "lq"
    ] == pytest.approx(1.6)


def test_a_sex_can_be_chosen():
    # women: r A 10 of 30, s A 5 of 35 → nation 15 of 65 → LQ_r = (1/3) / (15/65) = 1.444
    strengths = region_strengths(_by_sex(), "r", sex="women", lang="sv").set_index("industry")
    assert strengths.loc["A", "lq"] == pytest.approx((10 / 30) / (15 / 65))
    with pytest.raises(InputError, match=r"^Kön, värde 'female': ") as refused:
        region_strengths(_by_sex(), "r", sex="female", lang="sv")
    assert refused.value.column == "sex"


def test_growth_never_crosses_the_join_of_two_source_tables():
    frames = analysis_frames(load_dataset("scb_rams"))
    assert (frames["year"], frames["base_year"], frames["growth_end_year"]) == (2018, 2008, 2016)
    with pytest.raises(InputError, match="källtabell"):
        analysis_frames(load_dataset("scb_rams"), base_year=2018)


def test_an_imported_file_with_men_and_women_can_be_ranked(tmp_path):
    from typer.testing import CliRunner

    from s3atlas.cli.main import _register_all, app

    _register_all()
    rows = ["region,industry,sex,year,value"] + [
        f"{r},{i},{s},{y},{v}"
        for y, scale in ((2015, 1.0), (2016, 1.1))
        for r, i, s, v in (
            ("24", "A", "män", 300),
            ("24", "A", "kvinnor", 100),
            ("24", "F", "män", 500),
            ("24", "F", "kvinnor", 100),
            ("25", "A", "män", 100),
            ("25", "A", "kvinnor", 100),
            ("25", "F", "män", 700),
            ("25", "F", "kvinnor", 100),
        )
        for v in [round(v * scale)]
    ]
    (tmp_path / "kon.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    env = {"S3ATLAS_WORKSPACE": str(tmp_path / "ws")}
    runner = CliRunner()
    assert runner.invoke(app, ["workspace", "init", "--empty"], env=env).exit_code == 0
    imported = runner.invoke(
        app,
        ["data", "import", str(tmp_path / "kon.csv"), "--name", "kon", "--measure", "employed"],
        env=env,
    )
    assert imported.exit_code == 0, imported.output
    result = runner.invoke(
        app, ["strengths", "24", "--dataset", "kon", "--all", "--format", "json"], env=env
    )
    assert result.exit_code == 0, result.output
    a = next(row for row in json.loads(result.output) if row["industry"] == "A")
    # Both sexes, 2016: 24 has A 440 of 1 100; Sweden A 660 of 2 200 → LQ (0.4) / (0.3) = 1.333
    assert a["lq"] == pytest.approx((440 / 1100) / (660 / 2200))

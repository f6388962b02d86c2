"""Importing frameworks and values: the template round trip, atomic refusal, both databases."""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import inspect

from s3atlas.errors import InputError
from s3atlas.monitoring.importing import import_file
from s3atlas.monitoring.report import region_report
from s3atlas.monitoring.store import stored_indicators, stored_values
from s3atlas.monitoring.template import write_template

INDICATORS = (
    "region,code,kind,goal,name_sv,name_en,unit,direction,baseline_year,baseline_value,"
    "target_year,target_value,example\n"
    "24,exports,result,Export,Exportandel,Export share,%,higher,2015,20,2025,30,ja\n"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_store_has_the_monitoring_tables_after_migration(store):
    tables = set(inspect(store.engine).get_table_names())
    assert {"mon_strategies", "mon_indicators", "mon_actions", "mon_values"} <= tables


def test_import_indicators_then_values_gives_a_status_with_the_example_mark(store, tmp_path):
    import_file(store, _write(tmp_path, "ind.csv", INDICATORS))
    values = "region,indicator,year,value,flag,source\n24,exports,2020,24,preliminary,SCB\n"
    result = import_file(store, _write(tmp_path, "val.csv", values))
    assert (result.indicators, result.values, result.regions) == (0, 1, ["24"])
    report = region_report("24", store).set_index("code")
    row = report.loc["exports"]
    # path 20 (2015) → 30 (2025): 2020 should be 25; 24 lags by 1 / 10 = 0.10 ≤ tolerance
    assert row.status == "on_track" and bool(row.example)
    assert row.flag == "preliminary" and row.source == "SCB"
    assert region_report("24", store, tolerance=0.05).set_index("code").loc["exports"].status == (
        "at_risk"
    )


def test_a_stored_target_on_a_computed_indicator_gives_it_a_status(store, tmp_path):
    # Västerbotten's new firms per 1 000 employed: 1 313 / 131 393 × 1 000 = 9.993 in 2018
    text = (
        "region,code,kind,name_sv,name_en,baseline_year,baseline_value,target_year,"
        "target_value,example\n"
        "Västerbotten,new_firms_per_1000_employed,context,Nyföretagande,New firms,"
        "2008,9,2028,14,yes\n"
    )
    import_file(store, _write(tmp_path, "targets.csv", text))
    row = region_report("24", store).set_index("code").loc["new_firms_per_1000_employed"]
    # 2018 lies halfway: expected 11.5; gap (9.993 − 11.5) / 5 = −0.301 → off track
    assert row.value == pytest.approx(1313 / 131393 * 1000)
    assert row.status == "off_track"


def test_a_bad_value_refuses_the_whole_file_and_names_row_column_and_value(store, tmp_path):
    text = INDICATORS + "24,second,result,,Andra,Second,,higher,,,,,\n"
    import_file(store, _write(tmp_path, "ind.csv", text))
    values = "region,indicator,year,value\n24,exports,2020,24\n24,exports,2021,tjugo\n"
    path = _write(tmp_path, "bad.csv", values)
    with pytest.raises(InputError) as caught:
        import_file(store, path)
    error = caught.value
    assert (error.file, error.row, error.column, error.value) == (str(path), 3, "value", "tjugo")
    assert stored_values(store, "24").empty  # the good first row was not stored either


@pytest.mark.parametrize(
    ("row", "column", "value"),
    [
        ("99,exports,2020,1", "region", "99"),
        ("24,nosuch,2020,1", "indicator", "nosuch"),
        ("24,exports,20.5,1", "year", "20.5"),
        ("24,exports,2020,1,odd", "flag", "odd"),
    ],
)
def test_each_bad_cell_is_named(store, tmp_path, row, column, value):
    import_file(store, _write(tmp_path, "ind.csv", INDICATORS))
    header = "region,indicator,year,value" + (",flag" if row.count(",") == 4 else "")
    path = _write(tmp_path, "bad.csv", f"{header}\n{row}\n")
    with pytest.raises(InputError) as caught:
        import_file(store, path)
    assert (caught.value.row, caught.value.column, caught.value.value) == (2, column, value)


def test_a_target_before_its_baseline_is_refused(store, tmp_path):
    text = INDICATORS.replace("2025,30", "2010,30")
    with pytest.raises(InputError, match="target") as caught:
        import_file(store, _write(tmp_path, "ind.csv", text))
    assert caught.value.column == "target_year"
    assert stored_indicators(store, "24") == []


def test_the_template_lists_the_framework_and_reads_back(store, tmp_path):
    path = write_template(tmp_path / "mall.xlsx", "20", store, lang="sv")
    book = load_workbook(path)
    assert book.sheetnames[:2] == ["indicators", "values"]
    codes = [row[1] for row in book["indicators"].iter_rows(min_row=2, values_only=True)]
    assert "rd_total" in codes and "dalarna_15" in codes
    sheet = book["values"]
    sheet.append(["20", "dalarna_01", 2020, "5,5", "estimated", "Naturvårdsverket", "2024-01-10"])
    book.save(path)
    result = import_file(store, path)
    assert result.values == 1 and result.indicators == len(codes)
    stored = stored_values(store, "20").iloc[0]
    assert (stored.value, stored.flag) == (5.5, "estimated")


def _workbook(tmp_path: Path, budget: object) -> Path:
    path = write_template(tmp_path / "logic.xlsx", lang="sv")
    book = load_workbook(path)
    book["strategy"].append(
        ["24", "Regional innovationsstrategi", 2021, 2027, "Region Västerbotten"]
    )
    book["actions"].append(
        ["24", "Life Science", "Testbädd", "Region Västerbotten", budget, 2022, 2025]
    )
    book["indicators"].append(
        ["24", "testbeds", "output", "Life Science", "Testbäddar", "Test beds", "antal"]
    )
    book.save(path)
    return path


def test_strategy_and_actions_come_in_with_the_indicators(store, tmp_path):
    from s3atlas.monitoring.logic import current_strategy, stored_actions

    result = import_file(store, _workbook(tmp_path, 2500000))
    assert (result.indicators, result.actions) == (1, 1)
    strategy = current_strategy(store, "24")
    assert strategy["name"] == "Regional innovationsstrategi" and strategy["version"] == 1
    action = stored_actions(store, "24").iloc[0]
    assert (action.goal, action["name"], action.budget) == ("Life Science", "Testbädd", 2500000.0)
    import_file(store, _workbook(tmp_path, 3000000))  # the same action again replaces it
    assert len(stored_actions(store, "24")) == 1
    assert current_strategy(store, "24")["version"] == 2


def test_a_negative_budget_refuses_the_strategy_and_indicators_too(store, tmp_path):
    from s3atlas.monitoring.logic import current_strategy

    path = _workbook(tmp_path, -5)
    with pytest.raises(InputError) as caught:
        import_file(store, path)
    assert (caught.value.row, caught.value.column, caught.value.value) == (2, "budget", "-5")
    assert current_strategy(store, "24") is None
    assert stored_indicators(store, "24") == []


def test_a_priority_target_stays_with_its_priority_when_a_new_list_reorders_it(store, tmp_path):
    from s3atlas.priorities.versions import replace_priorities

    text = (
        "region,code,kind,goal,name_sv,name_en,baseline_year,baseline_value,target_year,"
        "target_value,example\n"
        "24,priority_life_science_lq,context,Life Science,LQ Life Science,LQ Life Science,"
        "2008,1.0,2028,1.5,ja\n"
    )
    import_file(store, _write(tmp_path, "t.csv", text))
    replace_priorities(store, {"24": ["Testverksamhet", "Life Science"]}, source="ny lista")
    report = region_report("24", store).set_index("code")
    assert report.loc["priority_life_science_lq", "target_value"] == 1.5
    assert report.loc["priority_life_science_lq", "goal"] == "Life Science"
    assert "priority_digitala_tjanster_lq" not in report.index  # no longer declared


def test_the_templates_read_me_sheet_is_in_the_language_asked_for(tmp_path):
    swedish = load_workbook(write_template(tmp_path / "sv.xlsx", lang="sv"))
    english = load_workbook(write_template(tmp_path / "en.xlsx", lang="en"))
    assert swedish.sheetnames[-1] == "Läs mig" and english.sheetnames[-1] == "Read me"
    assert english["Read me"]["A1"].value == "Column"

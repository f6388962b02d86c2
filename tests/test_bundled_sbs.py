"""The bundled Eurostat SBS file: NUTS 2 × divisions, its quirks as flags, never guessed."""

import math

import pandas as pd
import pytest

from s3atlas.errors import InputError
from s3atlas.i18n import use_language
from s3atlas.stats import load_dataset
from s3atlas.stats.bundled_sbs import _frame, cell_flags


@pytest.fixture(scope="module")
def sbs():
    return load_dataset("eurostat_sbs_2015")


def _cell(dataset, region, industry):
    frame = dataset.table.frame
    return frame[(frame.region == region) & (frame.industry == industry)].iloc[0]


def test_values_are_read_verbatim_and_sections_become_divisions(sbs):
    # file rows "C16;SE33;3838" and "C24;SE33;2774"
    assert _cell(sbs, "SE33", "16").value == 3838.0
    assert _cell(sbs, "SE33", "24").value == 2774.0
    assert _cell(sbs, "SE33", "16").flag == "ok"


def test_only_nuts2_regions_without_extra_regio_and_only_divisions(sbs):
    table = sbs.table
    assert {len(code) for code in table.regions} == {4}
    assert not [code for code in table.regions if code.endswith("ZZ")]
    # 327 four-character codes in the file, 8 of them Extra-Regio (CZZZ, ELZZ, ESZZ, FIZZ,
    # FRZZ, LVZZ, SEZZ, SKZZ)
    assert len(table.regions) == 327 - 8
    # B05–B09, C10–C33, D35, E36–E39, F41–F43, G45–G47, H49–H53, I55–I56, J58–J63, L68,
    # M69–M75, N77–N82, S95: 5 + 24 + 1 + 4 + 3 + 3 + 5 + 2 + 6 + 1 + 7 + 6 + 1 = 68
    assert len(table.industries) == 68
    assert {len(code) for code in table.industries} == {2}


def test_blank_cell_is_suppressed_without_a_value(sbs):
    cell = _cell(sbs, "SE33", "21")  # "C21;SE33; " in the file
    assert cell.flag == "suppressed" and math.isnan(cell.value)


def test_icelands_spreadsheet_time_cells_are_missing(sbs):
    cell = _cell(sbs, "IS00", "05")  # "B05;IS00;12:00 AM"
    assert cell.flag == "missing" and math.isnan(cell.value)


def test_d_flag_keeps_the_value_and_is_carried(sbs):
    cell = _cell(sbs, "NO01", "05")  # "B05;NO01;0 d"
    assert cell.flag == "definition_differs" and cell.value == 0.0


def test_notes_say_what_sbs_does_not_cover(sbs):
    assert "no section A" in sbs.meta.notes
    assert "no O–U apart from division 95" in sbs.meta.notes
    assert "double count" in sbs.meta.notes


def test_sbs_has_no_farming_finance_or_public_sector_divisions(sbs):
    absent = {"01", "02", "03", "64", "84", "85", "86", "90"}
    assert not absent & set(sbs.table.industries)


def test_cell_forms():
    out = cell_flags(pd.Series(["12", "3 d", "", " d", "12:00 AM", "1,5"]))
    assert out.flag.tolist()[:5] == [
        "ok",
        "definition_differs",
        "suppressed",
        "suppressed",
        "missing",
    ]
    assert out.flag.isna().tolist()[5]
    assert out.value.tolist()[:2] == [12.0, 3.0]


def test_an_unknown_cell_form_is_refused_with_its_row():
    raw = pd.DataFrame({"nace_r2": ["C16", "C17"], "geo": ["SE33", "SE33"], "n2015": ["5", "n/a"]})
    with use_language("en"), pytest.raises(InputError, match=r"row 3, column 'n2015', value 'n/a'"):
        _frame(raw)

"""Downloads read back with identical values: CSV (UTF-8 with BOM) and Excel (data sheet + source
sheet)."""

from __future__ import annotations

import io

import numpy as np
import openpyxl
import pandas as pd
import pytest

from s3atlas.errors import InputError
from s3atlas.viz.downloads import (
    download_name,
    read_csv_bytes,
    read_xlsx_bytes,
    safe_sheet_name,
    to_csv_bytes,
    to_xlsx_bytes,
)

FRAME = pd.DataFrame(
    {
        "Styrkeområde": ["Skoglig bioekonomi", "Life Science", 'Besöksnäring; "turism"'],
        "LQ": [2.3456, 0.61, 1.0],
        "Sysselsatta": [9120, 815, 3000],
        "Stark (CMP)": [True, False, True],
    }
)


def test_csv_starts_with_a_bom_and_reads_back_identically():
    body = to_csv_bytes(FRAME, lang="sv")
    assert body[:3] == b"\xef\xbb\xbf"
    pd.testing.assert_frame_equal(read_csv_bytes(body, lang="sv"), FRAME)


def test_csv_keeps_swedish_letters_as_utf8():
    assert "Styrkeområde".encode() in to_csv_bytes(FRAME, lang="sv")


def test_excel_reads_back_identically_from_the_named_sheet():
    body = to_xlsx_bytes(FRAME, sheet_name="Styrkor", source="SCB RAMS 2018", lang="sv")
    pd.testing.assert_frame_equal(read_xlsx_bytes(body, "Styrkor"), FRAME)


def test_excel_keeps_numbers_as_numbers_and_names_the_source():
    body = to_xlsx_bytes(
        FRAME, sheet_name="Styrkor", source="SCB RAMS 2018", title="Västerbotten", lang="sv"
    )
    book = openpyxl.load_workbook(io.BytesIO(body))
    assert book.sheetnames == ["Styrkor", "Källa"]
    assert isinstance(book["Styrkor"]["B2"].value, float) and book["Styrkor"]["C2"].value == 9120
    about = {row[0]: row[1] for row in book["Källa"].iter_rows(values_only=True)}
    assert about["Källa"] == "SCB RAMS 2018" and about["Tabell"] == "Västerbotten"


def test_excel_source_sheet_is_english_in_english():
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(FRAME, source="Eurostat", lang="en")))
    assert book.sheetnames[1] == "Source"


def test_missing_values_stay_missing_in_both_formats():
    frame = pd.DataFrame({"a": [1.5, np.nan], "b": [None, "y"]})
    assert read_csv_bytes(to_csv_bytes(frame, lang="sv"), lang="sv").isna().sum().tolist() == [1, 1]
    assert read_xlsx_bytes(to_xlsx_bytes(frame, lang="sv")).isna().sum().tolist() == [1, 1]


def test_sheet_names_follow_excel_rules():
    assert safe_sheet_name("a/b:c*d?e[f]") == "a b c d e f"
    assert len(safe_sheet_name("x" * 40)) == 31
    assert safe_sheet_name("///") == "Data"


def test_duplicate_columns_are_refused_with_the_name():
    frame = pd.DataFrame([[1, 2]], columns=["LQ", "LQ"])
    with pytest.raises(InputError, match="unika kolumnnamn"):
        to_csv_bytes(frame, lang="sv")


def test_download_names_are_ascii_slugs():
    assert (
        download_name("Västerbotten – Skoglig bioekonomi", "xlsx")
        == "vasterbotten-skoglig-bioekonomi.xlsx"
    )


def test_swedish_csv_uses_semicolons_and_decimal_commas_that_swedish_excel_splits():
    text = to_csv_bytes(FRAME, lang="sv").decode("utf-8-sig").splitlines()
    assert text[0] == "Styrkeområde;LQ;Sysselsatta;Stark (CMP)"
    assert text[1] == "Skoglig bioekonomi;2,3456;9120;True"
    # a field holding the separator is quoted, so it stays one cell
    assert text[3] == '"Besöksnäring; ""turism""";1,0;3000;True'
    pd.testing.assert_frame_equal(read_csv_bytes(to_csv_bytes(FRAME, lang="sv"), lang="sv"), FRAME)


def test_english_csv_keeps_commas_and_decimal_points():
    text = to_csv_bytes(FRAME, lang="en").decode("utf-8-sig").splitlines()
    assert text[1] == "Skoglig bioekonomi,2.3456,9120,True"


def test_growth_shares_are_written_as_percent_with_the_unit_in_the_header():
    # 0.0523 is a growth of 5.23 %: the page shows "5,2 %", the file 5,23 under "Tillväxt (%)"
    frame = pd.DataFrame({"Bransch": ["C"], "Tillväxt": [0.0523]})
    text = to_csv_bytes(frame, lang="sv", percent=["Tillväxt"]).decode("utf-8-sig")
    assert text == "Bransch;Tillväxt (%)\r\nC;5,23\r\n"
    book = read_xlsx_bytes(
        to_xlsx_bytes(frame, sheet_name="S", percent=["Tillväxt"], lang="sv"), "S"
    )
    assert book.columns.tolist() == ["Bransch", "Tillväxt (%)"]
    assert book.iloc[0, 1] == pytest.approx(5.23)

"""Generic long and wide tables: header recognition, column mapping, Excel."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from s3atlas.errors import InputError
from s3atlas.io.tables import find_columns, read_table


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English, the language the assertions are written in."""
    monkeypatch.setenv("S3ATLAS_LANG", "en")


RAMS = (
    Path(__file__).resolve().parents[1]
    / "src"
    / "s3atlas"
    / "data"
    / "bundle"
    / "scb_rams_2018_county_industry.csv"
)


def test_long_bundle_reads_with_the_published_total() -> None:
    table = read_table(RAMS, name="rams", measure="employed").table
    assert (len(table.regions), len(table.industries), table.frame.value.sum()) == (
        21,
        15,
        4_920_748,
    )


def test_excel_wide_sheet_with_a_title_row(tmp_path: Path) -> None:
    path = tmp_path / "rams.xlsx"
    wide = pd.read_csv(RAMS, dtype=str).assign(employed=lambda f: f.employed.astype(int))
    wide = wide.pivot(index="county_name", columns="sni_group", values="employed").reset_index()
    wide = wide.rename(columns={"county_name": "Län"}).melt(
        id_vars="Län", var_name="SNI", value_name="2018"
    )
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame([["Förvärvsarbetande 2018"]]).to_excel(
            writer, sheet_name="data", header=False, index=False
        )
        wide.to_excel(writer, sheet_name="data", startrow=2, index=False)
    dataset = read_table(path, name="x", measure="employed")
    assert (
        dataset.table.frame.value.sum() == 4_920_748
        and dataset.meta.title == "Förvärvsarbetande 2018"
    )


def test_column_mapping_names_unrecognised_headers(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Kod,Bransch2,Period,Antal\n24,F,2018,9800\n", encoding="utf-8")
    table = read_table(
        path,
        name="o",
        measure="employed",
        columns={"region": "Kod", "industry": "Bransch2", "year": "Period"},
    ).table
    assert table.matrix("employed", 2018).loc["24", "F"] == 9800


def test_mapping_to_a_column_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Kod,År,Antal\n24,2018,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="no such column") as caught:
        read_table(path, name="o", measure="employed", columns={"region": "Region"})
    assert caught.value.column == "Region"


def test_year_that_is_not_annual_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "monthly.csv"
    path.write_text("region,year,value\n24,2018M01,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="four-digit year") as caught:
        read_table(path, name="m", measure="employed")
    assert (caught.value.row, caught.value.column, caught.value.value) == (2, "year", "2018M01")


def test_header_roles_in_swedish_and_english() -> None:
    roles = find_columns(["Län", "Näringsgren SNI 2007", "Kön", "År", "Värde"])
    assert roles == {
        "region": "Län",
        "industry": "Näringsgren SNI 2007",
        "year": "År",
        "sex": "Kön",
        "value": "Värde",
    }

"""PxWeb CSV exports: encodings, separators, SCB symbols, titles, footnotes, sex in the heading."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from s3atlas.errors import InputError
from s3atlas.io.pxweb_csv import looks_like_pxweb, read_pxweb_csv


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages in English, the language the assertions are written in."""
    monkeypatch.setenv("S3ATLAS_LANG", "en")


SEMICOLON_UTF8 = (
    '\ufeff"Förvärvsarbetande 16+ år efter region, näringsgren, kön och år"\n'
    "\n"
    '"region";"näringsgren (SNI 2007)";"2017 män";"2017 kvinnor";"2018 män";"2018 kvinnor"\n'
    '"24 Västerbottens län";"A jordbruk, skogsbruk och fiske";"2 800";"1 100";"..";"-"\n'
    '"24 Västerbottens län";"J informations- och kommunikationsverksamhet";2400;1200;2500;"1 281"\n'
    "\n"
    '"Fotnot: .. = uppgift inte tillgänglig eller för osäker för att anges"\n'
)


def test_semicolon_utf8_export_with_sex_in_the_heading(tmp_path: Path) -> None:
    path = tmp_path / "vb.csv"
    path.write_text(SEMICOLON_UTF8, encoding="utf-8")
    dataset = read_pxweb_csv(path, name="vb", measure="employed")
    frame = dataset.table.frame.set_index(["industry", "year", "sex"])
    assert frame.loc[("A", 2017, "men"), "value"] == 2800
    assert frame.loc[("J", 2018, "women"), "value"] == 1281
    assert frame.loc[("A", 2018, "women"), ["value", "flag"]].tolist() == [0.0, "ok"]  # "-" is zero
    suppressed = frame.loc[("A", 2018, "men")]
    assert np.isnan(suppressed.value) and suppressed.flag == "suppressed"
    assert dataset.meta.title.startswith("Förvärvsarbetande") and dataset.meta.notes.startswith(
        "Fotnot"
    )


def test_whole_country_rows_are_left_out_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "riket.csv"
    path.write_text(
        '"region","näringsgren (SNI 2007)","2018"\n'
        '"00 Riket","F byggverksamhet",380000\n"24 Västerbottens län","F byggverksamhet",9800\n',
        encoding="utf-8",
    )
    dataset = read_pxweb_csv(path, name="r", measure="employed")
    assert dataset.table.regions == ["24"] and "1 cells" in dataset.meta.notes


def test_municipality_export_uses_the_municipality_scheme(tmp_path: Path) -> None:
    path = tmp_path / "kommun.csv"
    path.write_text(
        '"region","2018"\n"2480 Umeå","80000"\n"0180 Stockholm","700000"\n', encoding="latin-1"
    )
    table = read_pxweb_csv(path, name="k", measure="employed").table
    assert table.region_scheme == "municipality" and table.industries == ["TOTAL"]


def test_data_after_a_blank_row_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "two.csv"
    path.write_text(
        '"region","2018"\n"01 Stockholms län",1\n\n"03 Uppsala län",2\n', encoding="utf-8"
    )
    with pytest.raises(InputError, match="data after an empty row") as caught:
        read_pxweb_csv(path, name="t", measure="employed")
    assert caught.value.row == 4


def test_extra_dimension_shows_up_as_a_duplicate_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "age.csv"
    path.write_text(
        '"region","ålder","2018"\n'
        '"01 Stockholms län","16-19 år",1\n"01 Stockholms län","20-24 år",2\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="select one value") as caught:
        read_pxweb_csv(path, name="t", measure="employed")
    assert caught.value.row == 3 and caught.value.column == "2018"


def test_pxweb_detection(tmp_path: Path) -> None:
    coded, plain = tmp_path / "a.csv", tmp_path / "b.csv"
    coded.write_text('"region","2018"\n"01 Stockholms län",1\n', encoding="utf-8")
    plain.write_text("region,year,value\n01,2018,1\n", encoding="utf-8")
    assert looks_like_pxweb(coded) and not looks_like_pxweb(plain)

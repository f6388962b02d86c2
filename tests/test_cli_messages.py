"""Error messages of the command line in Swedish (the default) and English, through the runner.

Each message names where the problem is (file, row, column or option, value) and says what was
expected, in the person's language, with no code names of the program in it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app

runner = CliRunner()


@pytest.fixture(scope="module", autouse=True)
def _commands() -> None:
    _register_all()


@pytest.fixture
def repeated(tmp_path: Path) -> Path:
    """Year 2020, region 01, industry A twice: rows 2 and 3 as a spreadsheet shows them."""
    path = tmp_path / "upprepad.csv"
    path.write_text("year,region,industry,value\n2020,01,A,1\n2020,01,A,2\n", encoding="utf-8")
    return path


def _error(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    return result.output.strip()


def test_an_unknown_dataset_is_named_and_the_known_ones_listed_in_swedish(workspace: Path):
    text = _error("data", "show", "nosuch")
    assert text.startswith("Fel: värde 'nosuch': ingen datamängd heter så; kända datamängder: ")
    assert "scb_rams_2018" in text and "no dataset" not in text


def test_an_unknown_complexity_method_names_the_option_in_swedish(repeated: Path, tmp_path: Path):
    text = _error("complexity", str(repeated), "-o", str(tmp_path / "ut.csv"), "--method", "power")
    assert text == "Fel: --method, värde 'power': okänd metod; förväntade eigenvector | reflections"


def test_a_bad_threshold_names_the_option_not_the_parameter(repeated: Path, tmp_path: Path):
    text = _error("complexity", str(repeated), "-o", str(tmp_path / "ut.csv"), "--threshold", "-1")
    assert text == "Fel: --threshold, värde -1.0: RCA-tröskeln måste vara ett ändligt tal > 0"


def test_a_repeated_cell_names_file_row_and_value_in_swedish(repeated: Path, tmp_path: Path):
    text = _error("complexity", str(repeated), "-o", str(tmp_path / "ut.csv"))
    assert text == (
        f"Fel: {repeated}, rad 3, kolumn 'region', värde '2020/01/A': rader som upprepar samma "
        "år, region och bransch: 1; varje kombination får förekomma en gång"
    )


def test_the_same_error_reads_in_english_with_lang_en(repeated: Path, tmp_path: Path):
    out = str(tmp_path / "ut.csv")
    text = _error("--lang", "en", "complexity", str(repeated), "-o", out, "--method", "power")
    assert (
        text == "Error: --method, value 'power': unknown method; expected eigenvector | reflections"
    )

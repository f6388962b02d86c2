"""The shared options, language, usage errors and error path of `s3atlas`, through the runner."""

import json
import os
import stat
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app

_register_all()
runner = CliRunner()
NARROW = {"COLUMNS": "80"}


def flat(text: str) -> str:
    """The words of *text* without the error panel's borders and line breaks."""
    return " ".join(text.replace("│", " ").split())


def test_strengths_takes_short_format_and_workspace_like_every_command(workspace: Path):
    result = runner.invoke(app, ["strengths", "24", "-f", "csv", "-w", str(workspace)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("rank,ranked,industry,")


def test_lang_after_the_command_name_is_understood():
    result = runner.invoke(app, ["strengths", "24", "--lang", "en"], env=NARROW)
    assert result.exit_code == 0, result.output
    assert "Ranked industries" in result.output


@pytest.mark.parametrize(
    "args", [["--lang", "de", "data", "list"], ["data", "list", "--lang", "xx"]]
)
def test_an_unknown_language_is_refused_with_a_message(args: list[str]):
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "okänt språk" in flat(result.output) and "välj sv eller en" in flat(result.output)


def test_group_help_follows_the_language():
    english = runner.invoke(app, ["--lang", "en", "clusters", "--help"], env=NARROW)
    swedish = runner.invoke(app, ["clusters", "--help"], env=NARROW)
    assert "Cluster mapping" in english.output and "Klusterkartering" not in english.output
    assert "Klusterkartering" in swedish.output and "Cluster mapping" not in swedish.output
    assert "Kommandon" in swedish.output and "Användning:" in swedish.output


def test_help_shows_no_type_beside_a_flag_and_the_others_in_words():
    # "--help <bool>" read as if the flag took a value; options that take one say what, in the
    # reader's words ("<heltal>", not Python's "<int>")
    shown = runner.invoke(app, ["strengths", "--help"], env={"COLUMNS": "120"}).output
    rows = {line.split()[1]: line for line in shown.splitlines() if line.startswith("│ --")}
    assert "<" not in rows["--help"] and "<" not in rows["--wide"] and "<" not in rows["--all"]
    assert "<heltal>" in rows["--year"] and "<text>" in rows["--dataset"]
    assert "<sökväg>" in rows["--workspace"] and "<fil>" in rows["--out"]
    english = runner.invoke(app, ["--lang", "en", "strengths", "--help"], env={"COLUMNS": "120"})
    assert "<whole number>" in english.output and "<int>" not in english.output


@pytest.mark.parametrize(
    ("args", "swedish", "english"),
    [
        (["strengths", "--bogus"], "Alternativet --bogus finns inte", "No such option: --bogus"),
        (["strengths"], "Argumentet 'region' saknas.", "Missing argument 'region'."),
        (["strengths", "24", "25"], "Fick oväntade extra argument (25)", "unexpected extra"),
        (["clusters", "phase", "x", "--set"], "behöver ett värde", "requires an argument"),
    ],
)
def test_usage_errors_are_translated(args: list[str], swedish: str, english: str):
    sv = runner.invoke(app, args, env=NARROW)
    en = runner.invoke(app, ["--lang", "en", *args], env=NARROW)
    assert sv.exit_code == en.exit_code == 2
    assert swedish in flat(sv.output), sv.output
    assert english in flat(en.output), en.output


def test_a_user_error_is_one_json_message_and_status_1_on_the_one_error_path():
    result = runner.invoke(app, ["strengths", "Atlantis", "-f", "json"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    error = json.loads(result.stdout)
    assert error["error"] == "not_found" and "Atlantis" in error["message"]
    assert "Fel:" in result.stderr


def test_data_show_csv_writes_every_row_unless_limited():
    # SCB RAMS 2018 (AM0207K): 315 cells; employed in Sweden (day population) 4 920 748.
    result = runner.invoke(app, ["data", "show", "scb_rams", "--year", "2018", "-f", "csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(__import__("io").StringIO(result.stdout), dtype={"industry": str})
    assert len(frame) == 315
    total = frame[(frame.sex == "total") & (frame.industry != "00")].value.sum()
    assert total == 4_920_748
    limited = runner.invoke(
        app, ["data", "show", "scb_rams", "--year", "2018", "-f", "csv", "--limit", "10"]
    )
    assert len(limited.stdout.splitlines()) == 11


def test_data_show_table_says_how_many_rows_it_shows_in_swedish_numbers():
    result = runner.invoke(app, ["data", "show", "scb_rams", "--year", "2018"], env=NARROW)
    assert result.exit_code == 0, result.output
    assert "200 av 315 rader visas; --limit 0 för alla" in result.output
    assert (
        "Bransch" in result.output and "2018" in result.output and "2\xa0018" not in result.output
    )
    assert max(len(line) for line in result.output.splitlines()) <= 80
    # Stockholm (01), industry 00 is not in the file; A, total 2018 is 3 547 … written 3 547.
    assert "," not in "".join(line for line in result.output.splitlines() if "│ 01" in line)
    everything = runner.invoke(app, ["data", "show", "scb_rams", "--year", "2018", "--limit", "0"])
    assert "rader visas" not in everything.output


def test_data_show_english_keeps_english_numbers():
    result = runner.invoke(
        app, ["--lang", "en", "data", "show", "scb_rams", "--year", "2018", "--limit", "3"]
    )
    assert "3 of 315 rows shown; --limit 0 for all" in result.output
    assert "Industry" in result.output


def test_xlsx_goes_through_the_workbook_writer_with_normal_permissions(tmp_path: Path):
    out = tmp_path / "rams.xlsx"
    old = os.umask(0o022)
    try:
        result = runner.invoke(
            app, ["data", "show", "scb_rams", "--year", "2018", "-f", "xlsx", "--out", str(out)]
        )
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    frame = pd.read_excel(out, sheet_name=0)
    assert len(frame) == 315 and "value" in frame.columns


def test_xlsx_without_out_writes_a_file_named_in_the_users_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["strengths", "24", "-f", "xlsx"])
    assert result.exit_code == 0, result.output
    written = list(tmp_path.glob("*.xlsx"))
    assert [p.name for p in written] == ["styrkor-i-vasterbottens-lan.xlsx"]


def test_readme_says_how_to_run_s3atlas_after_make_demo():
    root = Path(__file__).resolve().parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    assert "source .venv/bin/activate" in readme and ".venv/bin/s3atlas strengths 24" in readme
    assert "VENV" in makefile and "$(BIN)/s3atlas demo" in makefile


def test_every_help_text_has_a_swedish_translation():
    import typer.main

    from s3atlas.i18n import gettext

    same_in_both = {"Port."}
    missing = []

    def walk(command) -> None:
        texts = [command.help, *(getattr(p, "help", None) for p in command.params)]
        for text in filter(None, texts):
            for part in text.split("\n\n"):
                if gettext(part, lang="sv") == part and part not in same_in_both:
                    missing.append(part)
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(typer.main.get_command(app))
    assert missing == []


def test_command_help_is_swedish_by_default_and_english_on_request():
    sv = runner.invoke(app, ["users", "add", "--help"], env=NARROW)
    en = runner.invoke(app, ["users", "add", "--help", "--lang", "en"], env=NARROW)
    assert "Lägg till en användare" in sv.output and "Visa den här hjälpen" in sv.output
    assert "Add a user" in en.output and "Show this message and exit." in en.output


def test_out_alone_picks_the_format_from_the_file_ending(tmp_path: Path):
    out = tmp_path / "styrkor.xlsx"
    result = runner.invoke(app, ["strengths", "24", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert pd.read_excel(out).loc[0, "industry"] == "A"  # Västerbotten's top rank (LQ 1.757)
    bad = runner.invoke(app, ["strengths", "24", "--out", str(tmp_path / "styrkor.txt")])
    assert bad.exit_code == 1 and "--out behöver en fil som slutar på .csv" in flat(bad.output)


def test_reading_a_workspace_without_a_store_opens_none_and_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from s3atlas.cli.options import existing_store

    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    space = tmp_path / "new-space"
    assert existing_store(space, None) is None
    assert not space.exists()


def test_writing_creates_the_workspace_its_store_goes_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from s3atlas.cli.options import existing_store, writable_store

    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    space = tmp_path / "new-space"
    writable_store(space, None)
    assert (space / "datasets").is_dir()
    assert existing_store(space, None) is not None

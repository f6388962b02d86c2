"""One record is written the way every listing command writes its rows."""

from __future__ import annotations

import json

from s3atlas.cli import output

RECORD = {"id": 7, "title": "Bikupa", "join_code": "ABC123"}


def test_emit_one_writes_a_json_list_of_the_one_record(capsys):
    output.reset()
    output.emit_one(RECORD, "json", title="Workshop")
    assert json.loads(capsys.readouterr().out) == [RECORD]


def test_emit_one_writes_csv_with_a_header_and_one_row(capsys):
    output.reset()
    output.emit_one(RECORD, "csv", title="Workshop")
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["id,title,join_code", "7,Bikupa,ABC123"]


def test_emit_one_shows_people_the_record_key_by_key_under_its_title(capsys):
    output.reset()
    output.emit_one(RECORD, "table", title="Workshop")
    shown = capsys.readouterr().out
    assert "Workshop" in shown
    assert "Bikupa" in shown
    assert "ABC123" in shown


def test_each_command_measures_the_terminal_again(monkeypatch) -> None:
    from s3atlas.cli import output

    monkeypatch.setenv("COLUMNS", "80")
    output.fit_terminal()
    assert output.console.width == 80
    monkeypatch.setenv("COLUMNS", "400")
    output.fit_terminal()  # as the root group does before every command
    assert output.console.width == 400 and output.error_console.width == 400

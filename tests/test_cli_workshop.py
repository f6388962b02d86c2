"""``s3atlas workshop open|close|list|export`` through Typer's runner, on the demo workspace."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app
from s3atlas.store import open_store
from s3atlas.viz.downloads import read_xlsx_bytes
from s3atlas.workshop import submit
from s3atlas.workspace import resolve_workspace

_register_all()
runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, ["--lang", "en", *args])


@pytest.fixture
def demo(workspace: Path) -> Path:
    result = _run("workspace", "init", "--workspace", str(workspace))
    assert result.exit_code == 0, result.output
    return workspace


def _open(*extra: str) -> dict:
    result = _run(
        "workshop",
        "open",
        "Västerbotten",
        "--title",
        "Bikupa",
        "--user",
        "anna",
        "--format",
        "json",
        *extra,
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)[0]


def test_open_prints_the_code_url_and_writes_the_qr_code(demo: Path, tmp_path: Path):
    svg = tmp_path / "join.svg"
    row = _open("--base-url", "https://s3atlas.example.se/", "--qr", str(svg), "-q", "Vad?|What?")
    assert row["region"] == "24" and row["round"] == "2025" and len(row["join_code"]) == 6
    assert row["join_url"] == f"https://s3atlas.example.se/w/{row['join_code']}"
    assert svg.read_text().startswith("<svg")


def test_a_qr_code_without_an_address_is_a_clean_error(demo: Path, tmp_path: Path):
    result = _run("workshop", "open", "24", "--title", "X", "--qr", str(tmp_path / "q.svg"))
    assert result.exit_code == 1
    assert "--base-url" in result.output and "Traceback" not in result.output


def test_list_close_and_export(demo: Path, tmp_path: Path):
    row = _open()
    store = open_store(resolve_workspace(demo).db_url(None))
    submit(
        store,
        row["join_code"],
        {"text": "Uminova", "function": "incubation"},
        client="c",
        address="a",
    )
    listed = json.loads(_run("workshop", "list", "24", "--format", "json").stdout)
    assert [(w["title"], w["is_open"]) for w in listed] == [("Bikupa", True)]
    closed = _run("workshop", "close", str(row["id"]), "--user", "anna")
    assert closed.exit_code == 0 and "Closed workshop Bikupa." in closed.output
    listed = json.loads(_run("workshop", "list", "--format", "json").stdout)
    assert listed[0]["is_open"] is False
    out = tmp_path / "summary.xlsx"
    assert _run("workshop", "export", str(row["id"]), "--out", str(out)).exit_code == 0
    table = read_xlsx_bytes(out.read_bytes(), "Submissions")
    assert table[["Example", "Function", "Status"]].values.tolist() == [
        ["Uminova", "Incubation", "Not handled"]
    ]
    bad = _run("workshop", "export", str(row["id"]), "--out", str(tmp_path / "x.pdf"))
    assert bad.exit_code == 1 and ".xlsx" in bad.output
    missing = _run("workshop", "close", "999")
    assert missing.exit_code == 1 and "no workshop 999" in missing.output


def test_people_read_the_workshop_in_swedish_words_in_80_columns(demo: Path):
    command = ["workshop", "open", "24", "--title", "Bikupa", "--user", "anna"]
    opened = runner.invoke(app, command, env={"COLUMNS": "80"})
    assert opened.exit_code == 0, opened.output
    assert "Deltagarkod" in opened.stdout and "join_code" not in opened.stdout
    # the closing time to the minute, as the web page writes it: 2026-12-06 01:33 UTC
    assert re.search(r"Stänger\s+│ \d{4}-\d\d-\d\d \d\d:\d\d UTC", opened.stdout), opened.stdout
    listed = runner.invoke(app, ["workshop", "list"], env={"COLUMNS": "80"})
    header = next(line for line in listed.stdout.splitlines() if "Rubrik" in line)
    assert "Deltagarkod" in header and "Stänger" in header and "closes_at" not in header
    assert max(len(line) for line in listed.stdout.splitlines()) <= 80

"""Hostile and broken input files for every importer, and a CLI harness that runs them.

Used by ``test_importers_hardening.py`` (named cases) and
``test_importers_fuzz.py`` (generated files). Every importer is called the way
a user calls it, through the CLI in Swedish, in a workspace whose store
already exists; :func:`snapshot` fingerprints the workspace so a test can
check that a refused file changed nothing.
"""

from __future__ import annotations

import hashlib
import io
import sqlite3
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app

runner = CliRunner()
_register_all()


@dataclass(frozen=True)
class Importer:
    """One importer: a file name for CSV input, a valid header and row, and its command."""

    name: str
    csv_name: str
    sheet: str
    header: list[str]
    row: list[str]
    command: Callable[[Path], list[str]]


IMPORTERS = {
    "data": Importer(
        "data",
        "tabell.csv",
        "Blad1",
        ["region", "industry", "year", "employed"],
        ["24", "A", "2018", "5"],
        lambda p: ["data", "import", str(p), "--name", "prov", "--measure", "employed"],
    ),
    "ecosystem": Importer(
        "ecosystem",
        "actors.csv",
        "actors",
        ["actor_id", "name", "kind"],
        ["a1", "Umeå universitet", "university"],
        lambda p: ["ecosystem", "import", str(p), "--region", "24", "--user", "test"],
    ),
    "survey": Importer(
        "survey",
        "enkat.csv",
        "Blad1",
        ["respondent_id", "cluster", "item", "answer"],
        ["r1", "Testkluster A", "other_firms", "Ja i hög grad"],
        lambda p: ["clusters", "survey", "import", str(p), "--wave", "2017", "--create"],
    ),
    "priorities": Importer(
        "priorities",
        "prioriteringar.csv",
        "Blad1",
        ["region", "priority"],
        ["24", "Skog"],
        lambda p: ["priorities", "import", str(p)],
    ),
}


def prepare(workspace: Path) -> None:
    """Create the workspace's store, as it is after any first use."""
    from s3atlas.store import open_store
    from s3atlas.workspace import resolve_workspace

    space = resolve_workspace(workspace)
    space.ensure()
    open_store(space.db_url(), fresh=True).engine.dispose()


def snapshot(workspace: Path) -> dict[str, str]:
    """Every file of the workspace with a hash of its content (a database by its rows)."""
    out = {}
    for path in sorted(p for p in workspace.rglob("*") if p.is_file()):
        if path.suffix == ".db":
            with sqlite3.connect(path) as db:
                data = "\n".join(db.iterdump()).encode()
        elif path.name.endswith(("-wal", "-shm", "-journal")):
            continue
        else:
            data = path.read_bytes()
        out[str(path.relative_to(workspace))] = hashlib.sha256(data).hexdigest()
    return out


def run(importer: Importer, path: Path) -> tuple[int, str]:
    """Run *importer* on *path* in Swedish; return the exit code and everything printed."""
    result = runner.invoke(app, ["--lang", "sv", *importer.command(path)])
    text = result.output + (result.stderr if result.stderr_bytes is not None else "")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, text


def csv_text(rows: list[list[str]], sep: str = ",") -> str:
    """Rows as CSV text, quoting where needed."""
    import csv

    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\n").writerows(rows)
    return out.getvalue()


def xlsx(rows: list[list[object]], title: str = "Blad1") -> bytes:
    """A one-sheet workbook with *rows* (formulas are stored without results, as openpyxl does)."""
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def dimension_bomb(rows: list[list[object]], title: str = "Blad1") -> bytes:
    """A small workbook that declares the sheet A1:XFD1048576 and has one cell in the far corner."""
    source = zipfile.ZipFile(io.BytesIO(xlsx(rows, title)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                start = text.index("<dimension")
                end = text.index("/>", start) + 2
                text = text[:start] + '<dimension ref="A1:XFD1048576"/>' + text[end:]
                far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
                text = text.replace("</sheetData>", far + "</sheetData>")
                data = text.encode()
            target.writestr(info, data)
    return out.getvalue()


def far_cell(rows: list[list[object]], title: str = "Blad1") -> bytes:
    """A workbook without a declared dimension and with a cell in the last row and column."""
    data = dimension_bomb(rows, title)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b'<dimension ref="A1:XFD1048576"/>', b"")
            target.writestr(info, content)
    return out.getvalue()


# --- the broken files found by attacking the importers ----------------------------


def _csv(imp: Importer, rows: list[list[str]], encoding: str = "utf-8") -> tuple[str, bytes]:
    return imp.csv_name, csv_text(rows).encode(encoding)


def _wide_mixed(imp: Importer) -> tuple[str, bytes]:
    if imp.name != "data":
        return _csv(imp, [imp.header, imp.row])
    rows = [["region", "industry", "2017", "2018 män"], ["24", "A", "3", "4"]]
    return _csv(imp, rows)


CASES: dict[str, Callable[[Importer], tuple[str, bytes]]] = {
    "empty file": lambda imp: (imp.csv_name, b""),
    "only a header": lambda imp: _csv(imp, [imp.header]),
    "10 MB field": lambda imp: _csv(
        imp, [imp.header, [imp.row[0] + "x" * 10_000_000, *imp.row[1:]]]
    ),
    "extra field": lambda imp: _csv(imp, [imp.header, [*imp.row, "extra"]]),
    "unclosed quote": lambda imp: (
        imp.csv_name,
        (",".join(imp.header) + '\n"' + ",".join(imp.row) + "\n").encode(),
    ),
    "bare CR in a field": lambda imp: (
        imp.csv_name,
        (
            ",".join(imp.header)
            + "\n"
            + ",".join(imp.row).replace(imp.row[1], imp.row[1] + "\r")
            + "\n"
        ).encode(),
    ),
    "truncated xlsx": lambda imp: ("fil.xlsx", xlsx([imp.header, imp.row], imp.sheet)[:700]),
    "old .xls": lambda imp: ("fil.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
    "UTF-16 CSV with BOM": lambda imp: _csv(imp, [imp.header, imp.row], "utf-16"),
    "PNG image": lambda imp: (
        imp.csv_name,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    ),
    "binary noise": lambda imp: (imp.csv_name, bytes(range(1, 32)) * 40),
    "dimension bomb": lambda imp: ("fil.xlsx", dimension_bomb([imp.header, imp.row], imp.sheet)),
    "far cell": lambda imp: ("fil.xlsx", far_cell([imp.header, imp.row], imp.sheet)),
    "formula without a result": lambda imp: (
        "fil.xlsx",
        xlsx([imp.header, [*imp.row[:-1], "=1+1"]], imp.sheet),
    ),
    "duplicated header": lambda imp: _csv(
        imp, [[*imp.header, imp.header[-1]], [*imp.row, imp.row[-1]]]
    ),
    "markup in a value": lambda imp: _csv(
        imp, [imp.header, [imp.row[0] + "[/]" + "[bold]", *imp.row[1:]]]
    ),
    "mixed year and sex headers": _wide_mixed,
}


def show_all(tmp_path: Path, only: tuple[str, ...] = ()) -> None:  # pragma: no cover
    """Print what every importer says to every case (a debugging aid)."""
    import os

    for name, build in CASES.items():
        for imp in IMPORTERS.values():
            if only and imp.name not in only:
                continue
            workspace = tmp_path / "ws" / imp.name / name.replace(" ", "_")
            os.environ["S3ATLAS_WORKSPACE"] = str(workspace)
            prepare(workspace)
            file_name, data = build(imp)
            path = tmp_path / imp.name / name.replace(" ", "_") / file_name
            path.parent.mkdir(parents=True)
            path.write_bytes(data)
            try:
                code, text = run(imp, path)
                print(f"{name:28} {imp.name:11} {code} {' '.join(text.split())[:300]}")
            except Exception as error:
                print(f"{name:28} {imp.name:11} CRASH {type(error).__name__}: {str(error)[:200]}")

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
import json
import os
import re
import shutil
import sqlite3
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app
from s3atlas.errors import InputError

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


def run(importer: Importer, path: Path, lang: str = "sv") -> tuple[int, str]:
    """Run *importer* on *path* (in Swedish); return the exit code and everything printed."""
    result = runner.invoke(app, ["--lang", lang, *importer.command(path)])
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
    "old .xls": lambda _imp: ("fil.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
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


# --- the tests ---------------------------------------------------------------------

#: What the Swedish message says for each case, where every importer refuses it alike.
REFUSED = {
    "empty file": "filen är tom",
    "10 MB field": "ett fält är",
    "extra field": "ett värde saknar kolumn",
    "unclosed quote": "avslutas aldrig",
    "truncated xlsx": "ingen läsbar Excel-arbetsbok",
    "old .xls": "Excel 97–2003",
    "PNG image": "en PNG-bild",
    "binary noise": "inte en textfil",
    "dimension bomb": "mer än gränsen",
    "far cell": "mer än gränsen",
    "formula without a result": "formel utan sparat resultat",
    "duplicated header": "två gånger",
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace with its store created once; each test works on a copy."""
    root = tmp_path_factory.mktemp("template") / "workspace"
    prepare(root)
    return root


@pytest.fixture
def space(template: Path, workspace: Path) -> Path:
    """A fresh copy of the prepared workspace, set as S3ATLAS_WORKSPACE."""
    shutil.copytree(template, workspace)
    return workspace


def _write(tmp_path: Path, file_name: str, data: bytes) -> Path:
    path = tmp_path / "in" / file_name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(data)
    return path


_ENGLISH_LOCATION = re.compile(r"\b(row \d|column '|value ')")


def assert_refused_cleanly(space: Path, imp: Importer, path: Path, *expected: str) -> str:
    """Exit 1, a Swedish message naming the file, no traceback, the workspace unchanged.

    The message is compared with the English one: the same text in both
    languages means it was never translated.
    """
    before = snapshot(space)
    code, text = run(imp, path)
    flat = " ".join(text.split())
    assert code == 1, flat
    assert flat.startswith("Fel:") and "Traceback" not in flat, flat
    assert path.name in flat and not _ENGLISH_LOCATION.search(flat), flat
    for part in expected:
        assert part in flat, f"{part!r} not in {flat!r}"
    assert snapshot(space) == before
    _code, english = run(imp, path, lang="en")
    assert " ".join(english.split()).removeprefix("Error:") != flat.removeprefix("Fel:"), flat
    return flat


@pytest.mark.parametrize("importer", IMPORTERS)
@pytest.mark.parametrize("case", REFUSED)
def test_every_importer_refuses_a_broken_file_in_swedish(space, tmp_path, case, importer):
    imp = IMPORTERS[importer]
    path = _write(tmp_path, *CASES[case](imp))
    assert_refused_cleanly(space, imp, path, REFUSED[case])


@pytest.mark.parametrize("importer", IMPORTERS)
@pytest.mark.parametrize("case", sorted(set(CASES) - set(REFUSED)))
def test_no_case_crashes_or_half_imports(space, tmp_path, case, importer):
    imp = IMPORTERS[importer]
    path = _write(tmp_path, *CASES[case](imp))
    before = snapshot(space)
    code, text = run(imp, path)
    assert code in (0, 1) and "Traceback" not in text
    if code == 1:
        assert "Fel:" in text and snapshot(space) == before


def test_a_dimension_bomb_is_refused_before_it_is_unpacked(space, tmp_path):
    imp = IMPORTERS["priorities"]
    path = _write(tmp_path, "bomb.xlsx", dimension_bomb([imp.header, imp.row]))
    assert path.stat().st_size < 20_000
    flat = assert_refused_cleanly(space, imp, path, "blad Blad1")
    assert "1 048 576 rader × 16 384 kolumner" in flat  # thin spaces, flattened


def test_a_value_that_looks_like_markup_is_shown_as_written(space, tmp_path):
    imp = IMPORTERS["priorities"]
    path = _write(tmp_path, *CASES["markup in a value"](imp))
    assert_refused_cleanly(space, imp, path, "rad 2", "kolumn 'region'", "värde '24[/][bold]'")


def test_a_long_value_is_shortened_in_the_message(space, tmp_path):
    imp = IMPORTERS["priorities"]
    path = _write(tmp_path, imp.csv_name, csv_text([imp.header, ["x" * 5000, "Skog"]]).encode())
    flat = assert_refused_cleanly(space, imp, path, "rad 2")
    assert "x" * 100 not in flat and "…" in flat


def test_wide_headers_mixing_years_with_and_without_sex_are_refused(space, tmp_path):
    imp = IMPORTERS["data"]
    path = _write(tmp_path, *_wide_mixed(imp))
    assert_refused_cleanly(space, imp, path, "rad 1", "kolumn '2017'", "'2018 män'", "årskolumner")


@pytest.mark.parametrize("text", ["inf", "1e400", "-Infinity"])
def test_non_finite_numbers_are_refused_with_the_row(space, tmp_path, text):
    imp = IMPORTERS["data"]
    rows = [imp.header, imp.row, ["25", "A", "2018", text]]
    path = _write(tmp_path, imp.csv_name, csv_text(rows).encode())
    assert_refused_cleanly(
        space, imp, path, "rad 3", "kolumn 'employed'", repr(text), "inget ändligt tal"
    )


def test_non_finite_numbers_in_json_stat_are_refused(space, tmp_path):
    doc = (
        '{"class": "dataset", "id": ["Region", "Tid"], "size": [1, 1], '
        '"dimension": {"Region": {"category": {"index": ["24"]}}, '
        '"Tid": {"category": {"index": ["2018"]}}}, "value": [1e400]}'
    )
    path = _write(tmp_path, "tabell.json", doc.encode())
    assert_refused_cleanly(space, IMPORTERS["data"], path, "inget ändligt tal")


def test_json_nested_100000_deep_is_refused(space, tmp_path):
    path = _write(tmp_path, "djup.json", b"[" * 100_000 + b"]" * 100_000)
    assert_refused_cleanly(space, IMPORTERS["data"], path, "för djupt nästlat")


@pytest.mark.parametrize("name", ["scb_rams_2018", "SCB_RAMS_2018"])
def test_a_dataset_may_not_take_a_bundled_name(space, tmp_path, name):
    imp = IMPORTERS["data"]
    path = _write(tmp_path, imp.csv_name, csv_text([imp.header, imp.row]).encode())
    before = snapshot(space)
    result = runner.invoke(
        app, ["--lang", "sv", "data", "import", str(path), "--name", name, "--measure", "employed"]
    )
    assert result.exit_code == 1 and "medföljande dataset" in result.output
    assert snapshot(space) == before


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig", "cp1252"])
def test_utf16_and_windows_text_import_the_same_numbers(space, tmp_path, encoding):
    imp = IMPORTERS["data"]
    rows = [["region", "näringsgren", "år", "antal"], ["24 Västerbottens län", "A", "2018", "5"]]
    path = _write(tmp_path, imp.csv_name, csv_text(rows, ";").encode(encoding))
    result = runner.invoke(
        app,
        ["data", "import", str(path), "--name", "enc", "--measure", "employed", "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["total"] == 5


# --- generated files: whatever comes in, the importer answers cleanly -----------------

_CELL_TEXT = st.text(
    alphabet=st.sampled_from([*"abcåäöÅ019 ,;\t\"'\r\n=+-.[]/\\x", "\x00", "\x1b", "\u202f"]),
    max_size=12,
)


@st.composite
def csv_files(draw: st.DrawFn, imp: Importer) -> tuple[str, bytes]:
    """A CSV-like file: the importer's header (perhaps damaged), random rows and encoding."""
    header = draw(st.sampled_from([imp.header, imp.header[:-1], [*imp.header, "x"], []]))
    rows = draw(st.lists(st.lists(_CELL_TEXT, max_size=len(imp.header) + 2), max_size=5))
    good = draw(st.lists(st.just(imp.row), max_size=2))
    sep = draw(st.sampled_from([",", ";", "\t"]))
    text = csv_text([header, *good, *rows], sep) if header else csv_text(rows, sep)
    text = draw(st.sampled_from([text, text[: len(text) // 2], text.replace('"', "", 1)]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return imp.csv_name, text.encode(encoding, errors="replace")


@st.composite
def workbooks(draw: st.DrawFn, imp: Importer) -> tuple[str, bytes]:
    """A workbook with the importer's header and random cells, perhaps cut short."""
    cells = st.one_of(_CELL_TEXT, st.integers(-10, 10**6), st.floats(allow_nan=True))
    rows = draw(st.lists(st.lists(cells, max_size=len(imp.header) + 1), max_size=4))
    clean = [
        [c for c in row if not (isinstance(c, str) and ("\x00" in c or "\x1b" in c))]
        for row in rows
    ]
    data = xlsx([imp.header, imp.row, *clean], imp.sheet)
    cut = draw(st.sampled_from([len(data), len(data) // 2, 30]))
    return "fil.xlsx", data[:cut]


def files(imp: Importer) -> st.SearchStrategy[tuple[str, bytes]]:
    raw = st.binary(max_size=300).map(lambda data: (imp.csv_name, data))
    return st.one_of(csv_files(imp), workbooks(imp), raw)


# `make test` tries 15 generated files per importer, the slow sweep (`make test-slow`, CI)
# 150 (the same 15 among them: the generation is derandomised); S3ATLAS_FUZZ_EXAMPLES sets
# the quick count.
FUZZ_RUNS = [
    pytest.param(int(os.environ.get("S3ATLAS_FUZZ_EXAMPLES", "15")), id="quick"),
    pytest.param(150, id="long", marks=pytest.mark.slow),
]


@pytest.mark.parametrize("examples", FUZZ_RUNS)
@pytest.mark.parametrize("importer", IMPORTERS)
def test_generated_files_never_crash_or_half_import(
    template, tmp_path, monkeypatch, importer, examples
):
    imp = IMPORTERS[importer]
    counter = iter(range(10**6))

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(files(imp))
    def check(file: tuple[str, bytes]) -> None:
        case = tmp_path / str(next(counter))
        space = case / "workspace"
        shutil.copytree(template, space)
        path = case / file[0]
        path.write_bytes(file[1])
        monkeypatch.setenv("S3ATLAS_WORKSPACE", str(space))
        before = snapshot(space)
        code, text = run(imp, path)
        flat = " ".join(text.split())
        assert code in (0, 1), flat
        assert "Traceback" not in flat
        if code == 1:
            assert flat.startswith("Fel:") and path.name in flat, flat
            assert not _ENGLISH_LOCATION.search(flat), flat
            assert snapshot(space) == before

    check()


# --- other commands that read a file: binary input is refused, never echoed -----------


@pytest.mark.parametrize(
    ("file_name", "data", "expected"),
    [
        ("in.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x1b[2J", "en PNG-bild"),
        ("in.csv", xlsx([["region", "industry", "year", "value"]]), "Excel-arbetsbok"),
        ("in.csv", "region,industry,year,value\n".encode("utf-16"), "UTF-16"),
        ("in.csv", b"region,industry\x00\x1b[2J\x07" * 20, "inte en textfil"),
    ],
    # ids of their own: an Excel file's bytes hold the time it was written, and xdist's
    # workers must collect the same test ids
    ids=["png", "xlsx", "utf-16", "control-characters"],
)
def test_complexity_refuses_binary_input_without_echoing_it(tmp_path, file_name, data, expected):
    path = _write(tmp_path, file_name, data)
    result = runner.invoke(
        app, ["--lang", "sv", "complexity", str(path), "--out", str(tmp_path / "o.csv")]
    )
    text = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code == 1 and expected in " ".join(text.split())
    assert "\x1b" not in text and "\x00" not in text and "\x07" not in text
    assert not (tmp_path / "o.csv").exists()


@pytest.mark.parametrize(
    ("file_name", "data"),
    [
        ("karta.json", b"[" * 100_000 + b"]" * 100_000),
        ("karta.json", b'{"elements": [1, 2], "connections": []}'),
        ("karta.json", b"\x89PNG\r\n\x1a\n\x1b[2J"),
        ("karta.gexf", b"\x89PNG\r\n\x1a\n\x1b[2J"),
        ("karta.graphml", b"<graphml><graph><node/></graph>"),
    ],
)
def test_a_broken_graph_file_is_refused_cleanly(space, tmp_path, file_name, data):
    path = _write(tmp_path, file_name, data)
    flat = assert_refused_cleanly(space, IMPORTERS["ecosystem"], path, "ingen läsbar graffil")
    assert "\x1b" not in flat


def test_the_reader_streams_a_sheet_without_padding_it_to_its_dimension(tmp_path):
    from s3atlas.io.limits import ReadLimits
    from s3atlas.io.tabular import read_grid

    path = _write(tmp_path, "fil.xlsx", xlsx([["region", "priority"], ["24", "Skog"]]))
    assert read_grid(path).rows == [["24", "Skog"]]
    with pytest.raises(InputError, match="2 rader × 2 kolumner"):
        read_grid(path, limits=ReadLimits(max_cells=3))
    with pytest.raises(InputError, match="packas upp"):
        read_grid(path, limits=ReadLimits(max_unpacked=1000))


@pytest.mark.parametrize("importer", IMPORTERS)
def test_a_refused_file_leaves_a_new_workspace_empty(workspace, tmp_path, importer):
    imp = IMPORTERS[importer]
    path = _write(tmp_path, *CASES["truncated xlsx"](imp))
    code, text = run(imp, path)
    assert code == 1 and "ingen läsbar Excel-arbetsbok" in text
    assert not workspace.exists() or not any(workspace.rglob("*"))


def test_control_characters_in_a_header_are_not_sent_to_the_terminal(space, tmp_path):
    imp = IMPORTERS["data"]
    rows = [["kod\x1b[2J", "värde\x07"], ["24", "5"]]
    path = _write(tmp_path, imp.csv_name, csv_text(rows).encode())
    code, text = run(imp, path)
    assert code == 1 and "ingen regionkolumn" in text
    assert "\x1b" not in text and "\x07" not in text and "\\x1b[2J" in text


@pytest.mark.parametrize(
    ("importer", "header", "column"),
    [
        ("priorities", ["region", "område"], ""),
        ("survey", ["respondent_id", "item", "answer"], "kolumn 'cluster'"),
        ("ecosystem", ["actor_id", "name"], "kolumn 'kind'"),
    ],
)
def test_a_missing_column_is_reported_on_the_header_row_below_a_title(
    space, tmp_path, importer, header, column
):
    imp = IMPORTERS[importer]
    rows = [["Titel på listan"], [], header, ["24", "x", "y"][: len(header)]]
    path = _write(tmp_path, imp.csv_name, csv_text(rows).encode())
    assert_refused_cleanly(space, imp, path, f"{imp.csv_name}, rad 3", column)


def test_an_unknown_region_in_the_meta_table_names_the_file(space, tmp_path):
    folder = tmp_path / "karta"
    folder.mkdir()
    (folder / "meta.csv").write_text("key,value\nregion_code,99\nround,1\n", encoding="utf-8")
    (folder / "actors.csv").write_text("actor_id,name,kind\na1,Alfa AB,firm\n", encoding="utf-8")
    before = snapshot(space)
    result = runner.invoke(app, ["--lang", "sv", "ecosystem", "import", str(folder), "--user", "t"])
    flat = " ".join((result.output + result.stderr).split())
    assert result.exit_code == 1 and "karta, kolumn 'region_code', värde '99'" in flat
    assert "okänd region" in flat and snapshot(space) == before


def test_a_lone_links_file_may_refer_to_actors_already_stored(space, tmp_path):
    actors = _write(
        tmp_path, "actors.csv", b"actor_id,name,kind\na1,Alfa AB,firm\na2,Beta AB,firm\n"
    )
    links = _write(tmp_path, "links.csv", b"source_id,target_id,kind\nAlfa AB,Beta AB,supply\n")
    imp = IMPORTERS["ecosystem"]
    assert run(imp, actors)[0] == 0
    code, text = run(imp, links)
    assert code == 0, text
    unknown = _write(tmp_path, "links.csv", b"source_id,target_id,kind\nAlfa AB,Gamma AB,supply\n")
    assert_refused_cleanly(space, imp, unknown, "rad 2", "kolumn 'target_id'", "'Gamma AB'")


def test_an_area_with_an_unknown_sni_code_is_refused(space, tmp_path):
    areas = _write(tmp_path, "areas.csv", b"area_id,name,sni\nskog,Skog,02;16;99x\n")
    assert_refused_cleanly(
        space, IMPORTERS["ecosystem"], areas, "rad 2", "kolumn 'sni'", "'99x'", "okänd SNI 2007-kod"
    )

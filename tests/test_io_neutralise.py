"""Formula injection: every CSV/Excel writer neutralises text, every importer gives it back."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from s3atlas.ecosystem.io.tables import read_snapshot, write_csv_folder, write_workbook
from s3atlas.ecosystem.store.snapshot import EcosystemSnapshot, example_snapshot
from s3atlas.io.neutralise import TRIGGERS, neutralise, neutralise_frame, unneutralise
from s3atlas.priorities.importing import read_priority_file
from s3atlas.viz.downloads import read_csv_bytes, read_xlsx_bytes, to_csv_bytes, to_xlsx_bytes

HOSTILE = ['=HYPERLINK("http://x.example","klick")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@given(st.text())
def test_neutralising_is_undone_exactly_for_every_text(text):
    guarded = neutralise(text)
    assert unneutralise(guarded) == text
    assert not guarded.startswith(TRIGGERS)


def test_numbers_stay_numbers_and_harmless_text_is_untouched():
    frame = pd.DataFrame({"name": ["Umeå", "'citat"], "lq": [-1.5, 2.0], "n": [-3, 4]})
    out = neutralise_frame(frame)
    assert out.lq.tolist() == [-1.5, 2.0] and out.n.tolist() == [-3, 4]
    assert out.name.tolist() == ["Umeå", "'citat"]


def test_csv_download_guards_every_formula_and_reads_back_the_original():
    frame = pd.DataFrame({"name": HOSTILE, "value": range(-3, 3)})
    text = to_csv_bytes(frame, lang="sv").decode("utf-8-sig")
    for line in text.splitlines()[1:]:
        assert not line.lstrip('"').startswith(TRIGGERS), line
    back = read_csv_bytes(to_csv_bytes(frame, lang="sv"), lang="sv")
    assert back.name.tolist() == HOSTILE and back.value.tolist() == list(range(-3, 3))


def test_excel_download_stores_no_formula_and_keeps_numbers():
    frame = pd.DataFrame({"name": HOSTILE, "value": [-1.5] * len(HOSTILE)})
    body = to_xlsx_bytes(frame, sheet_name="Data", title="=titel", source="-källa", lang="sv")
    book = openpyxl.load_workbook(io.BytesIO(body))
    cells = [c for row in book["Data"].iter_rows(min_row=2) for c in row]
    assert not any(c.data_type == "f" for c in cells), "no cell is a live formula"
    assert all(c.value == -1.5 for c in cells if c.column == 2)
    texts = [c.value for sheet in book for r in sheet.iter_rows() for c in r]
    assert not any(isinstance(t, str) and t.startswith(TRIGGERS) for t in texts)
    # XML stores a CR as LF; the guard still comes off
    expected = [t.replace("\r", "\n") for t in HOSTILE]
    assert read_xlsx_bytes(body, "Data").name.tolist() == expected


def _hostile_snapshot() -> EcosystemSnapshot:
    snap = example_snapshot()
    frames = snap.frames()
    frames["actors"].loc[0, "name"] = "=cmd|' /C calc'!A0"
    frames["actors"].loc[1, "municipality"] = "+Umeå"
    frames["insights"].loc[0, "text"] = "-saknas spets"
    return EcosystemSnapshot.from_frames(snap.region_code, snap.region_name, **frames)


def test_ecosystem_export_is_guarded_and_imports_back_the_original_text(tmp_path: Path):
    snap = _hostile_snapshot()
    workbook = write_workbook(snap, tmp_path / "map.xlsx")
    book = openpyxl.load_workbook(workbook)
    assert not any(c.data_type == "f" for s in book for r in s.iter_rows() for c in r)
    folder = write_csv_folder(snap, tmp_path / "map")
    assert "'=cmd" in (folder / "actors.csv").read_text(encoding="utf-8")
    for path in (workbook, folder):
        back = read_snapshot(path)
        assert back.actors.name.iloc[0] == "=cmd|' /C calc'!A0"
        assert back.actors.municipality.iloc[1] == "+Umeå"
        assert back.insights.text.iloc[0] == "-saknas spets"


def test_priorities_import_strips_the_guard(tmp_path: Path):
    path = tmp_path / "prio.csv"
    path.write_bytes(
        to_csv_bytes(pd.DataFrame({"region": ["24"], "priority": ["=Skog"]}), lang="sv")
    )
    assert read_priority_file(path) == {"24": ["=Skog"]}

"""``s3atlas data import`` end to end: bundled RAMS numbers in, bad files refused, nothing saved.

Expected numbers come from SCB's RAMS 2018 extract as bundled
(``data/bundle/SOURCES.md``): 21 counties × 15 SNI groups, national total
4,920,748 employed.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app
from s3atlas.i18n import use_language
from s3atlas.stats import load_dataset
from s3atlas.workspace import resolve_workspace

BUNDLE = Path(__file__).resolve().parents[1] / "src" / "s3atlas" / "data" / "bundle"
RAMS = BUNDLE / "scb_rams_2018_county_industry.csv"
FIXTURES = Path(__file__).parent / "fixtures" / "io"

_register_all()
runner = CliRunner()


@pytest.fixture(autouse=True)
def restore_language() -> Iterator[None]:
    """``--lang`` sets the language of the process; put it back after each test."""
    with use_language("en"):
        yield


def bundle_rows() -> pd.DataFrame:
    return pd.read_csv(RAMS, dtype=str)


def write_pxweb(
    path: Path,
    rows: list[list[object]],
    *,
    encoding: str = "latin-1",
    header: tuple[str, ...] = ("region", "näringsgren (SNI 2007)", "2018"),
) -> Path:
    """Write rows the way PxWeb exports them: a title row, quoted labels, numbers bare."""
    with path.open("w", encoding=encoding, newline="") as handle:
        handle.write('"Förvärvsarbetande 16+ år efter region, näringsgren och år"\r\n\r\n')
        writer = csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


def pxweb_rows() -> list[list[object]]:
    return [
        [
            f"{r.county_code} {r.county_name}",
            f"{r.sni_group} {r.sni_group_label_en}",
            int(r.employed),
        ]
        for r in bundle_rows().itertuples()
    ]


def run_import(path: Path, name: str = "rams", *extra: str) -> tuple[int, str]:
    result = runner.invoke(
        app,
        [
            "--lang",
            "en",
            "data",
            "import",
            str(path),
            "--name",
            name,
            "--measure",
            "employed",
            *extra,
        ],
    )
    return result.exit_code, result.output + (
        result.stderr if result.stderr_bytes is not None else ""
    )


def saved_files(workspace: Path) -> list[str]:
    folder = workspace / "datasets"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def matrix(workspace: Path, name: str) -> pd.DataFrame:
    return load_dataset(name, resolve_workspace(workspace)).table.matrix("employed", 2018)


def expected_matrix() -> pd.DataFrame:
    rows = bundle_rows().assign(employed=lambda f: f.employed.astype(float))
    return rows.pivot(index="county_code", columns="sni_group", values="employed")


def test_long_bundle_file_imports_with_the_published_numbers(workspace: Path) -> None:
    code, out = run_import(RAMS, "rams_long")
    assert code == 0, out
    got = matrix(workspace, "rams_long")
    assert got.shape == (21, 15)
    assert got.to_numpy().sum() == 4_920_748
    pd.testing.assert_frame_equal(got, expected_matrix(), check_names=False)


def test_pxweb_wide_latin1_export_gives_the_same_numbers(workspace: Path, tmp_path: Path) -> None:
    path = write_pxweb(tmp_path / "AM0207_2018.csv", pxweb_rows())
    assert "ä".encode("latin-1") in path.read_bytes()  # really latin-1, not UTF-8
    code, out = run_import(path, "rams_px")
    assert code == 0, out
    assert "4,920,748" in out
    got = matrix(workspace, "rams_px")
    pd.testing.assert_frame_equal(got, expected_matrix(), check_names=False)
    pd.testing.assert_frame_equal(got, matrix(workspace, "rams_px"))


def test_shared_copy_of_the_bundle_imports_identically(workspace: Path, shared_dir: Path) -> None:
    code, out = run_import(shared_dir / "data" / "bundle" / RAMS.name, "rams_shared")
    assert code == 0, out
    pd.testing.assert_frame_equal(
        matrix(workspace, "rams_shared"), expected_matrix(), check_names=False
    )


def test_jsonstat_file_imports_through_the_cli(workspace: Path) -> None:
    code, out = run_import(FIXTURES / "scb_rams_2018_north.jsonstat2.json", "north")
    assert code == 0, out
    got = matrix(workspace, "north")
    assert got.loc["24", "B+C"] == 15336 and got.loc["25", "J"] == 2690


def test_existing_dataset_is_kept_unless_replace_is_given(workspace: Path) -> None:
    assert run_import(RAMS)[0] == 0
    code, out = run_import(RAMS)
    assert code == 1 and "--replace" in out
    assert run_import(RAMS, "rams", "--replace")[0] == 0


# -- bad input: one clear error, exit 1, nothing saved -------------------------------------------


def refused(
    workspace: Path, path: Path, *expected: str, name: str = "bad", extra: tuple[str, ...] = ()
) -> str:
    code, out = run_import(path, name, *extra)
    flat = " ".join(out.split())
    assert code == 1, out
    assert "Traceback" not in out
    for text in (path.name, *expected):
        assert text in flat, f"{text!r} not in {flat!r}"
    assert not [f for f in saved_files(workspace) if f.startswith(name)]
    return flat


def test_truncated_pxweb_export_names_the_row_and_the_missing_column(
    workspace: Path, tmp_path: Path
) -> None:
    path = write_pxweb(tmp_path / "cut.csv", pxweb_rows()[:40])
    data = path.read_bytes()
    path.write_bytes(
        data[: data.rindex(b'","') + 1]
    )  # cut inside the last row, after the region label
    refused(workspace, path, "row 43", "truncated")


def test_file_cut_inside_a_quoted_label_is_refused(workspace: Path, tmp_path: Path) -> None:
    path = write_pxweb(tmp_path / "cut_quote.csv", pxweb_rows()[:10])
    path.write_bytes(path.read_bytes()[:-30])
    refused(workspace, path, "row 13", "truncated")


def test_binary_file_is_not_read_as_csv(workspace: Path, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    refused(workspace, path, "not a text file")


def test_unknown_region_code_is_named_with_row_and_column(workspace: Path, tmp_path: Path) -> None:
    rows = pxweb_rows()
    rows[20][0] = "27 Norrlands län"
    path = write_pxweb(tmp_path / "region.csv", rows)
    refused(
        workspace, path, "row 24", "column 'region'", "'27 Norrlands län'", "unknown county code"
    )


def test_unknown_industry_code_is_named_with_row_and_column(
    workspace: Path, tmp_path: Path
) -> None:
    rows = pxweb_rows()
    rows[5][1] = "Z9 unknown industry"
    path = write_pxweb(tmp_path / "industry.csv", rows)
    refused(
        workspace,
        path,
        "row 9",
        "column 'näringsgren (SNI 2007)'",
        "'Z9 unknown industry'",
        "SNI 2007",
    )


def test_duplicate_cell_points_at_both_rows(workspace: Path, tmp_path: Path) -> None:
    rows = pxweb_rows()
    rows[16] = list(rows[15])  # Uppsala's B+C row again where its A row was
    path = write_pxweb(tmp_path / "dupes.csv", rows[:20])
    refused(workspace, path, "row 20", "column '2018'", "duplicate cell", "row 19")


def test_negative_count_is_refused(workspace: Path, tmp_path: Path) -> None:
    rows = pxweb_rows()
    rows[3][2] = -83873
    path = write_pxweb(tmp_path / "negative.csv", rows)
    refused(workspace, path, "row 7", "column '2018'", "value '-83873'", "negative count")


def test_nuts_regions_mixed_with_county_codes_are_refused(workspace: Path, tmp_path: Path) -> None:
    rows = pxweb_rows()
    rows[30][0] = "SE123 Östergötlands län"
    path = write_pxweb(tmp_path / "mixed.csv", rows)
    refused(
        workspace, path, "row 34", "column 'region'", "'SE123 Östergötlands län'", "mixed region"
    )


def test_sni_codes_in_the_region_column_are_refused(workspace: Path, tmp_path: Path) -> None:
    frame = bundle_rows()
    frame.loc[7, "county_code"] = "B+C"
    path = tmp_path / "long_mixed.csv"
    frame.to_csv(path, index=False)
    refused(workspace, path, "row 9", "column 'county_code'", "'B+C'", "unknown region")


def test_value_that_is_not_a_number_is_refused(workspace: Path, tmp_path: Path) -> None:
    frame = bundle_rows()
    frame.loc[2, "employed"] = "9 9O9"
    path = tmp_path / "typo.csv"
    frame.to_csv(path, index=False)
    refused(workspace, path, "row 4", "column 'employed'", "'9 9O9'", "not a number")


def test_truncated_jsonstat_document_is_refused(workspace: Path, tmp_path: Path) -> None:
    text = (FIXTURES / "scb_rams_2018_north.jsonstat2.json").read_text(encoding="utf-8")
    path = tmp_path / "north.json"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    refused(workspace, path, "truncated", "line")


def test_jsonstat_with_too_few_values_is_refused(workspace: Path, tmp_path: Path) -> None:
    doc = json.loads((FIXTURES / "scb_rams_2018_north.jsonstat2.json").read_text(encoding="utf-8"))
    doc["value"] = doc["value"][:4]
    path = tmp_path / "short.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    refused(workspace, path, "4 numbers", "need 6")


def test_unknown_region_in_jsonstat_names_the_dimension(workspace: Path, tmp_path: Path) -> None:
    doc = json.loads((FIXTURES / "scb_rams_2018_north.jsonstat2.json").read_text(encoding="utf-8"))
    doc["dimension"]["Region"]["category"]["index"] = {"24": 0, "99": 1}
    path = tmp_path / "region.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    refused(workspace, path, "column 'Region'", "'99'", "unknown county code")


def test_json_error_shape_for_scripts(workspace: Path, tmp_path: Path) -> None:
    rows = pxweb_rows()
    rows[3][2] = -1
    path = write_pxweb(tmp_path / "negative.csv", rows)
    result = runner.invoke(
        app,
        [
            "--lang",
            "en",
            "data",
            "import",
            str(path),
            "--name",
            "bad",
            "--measure",
            "employed",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1
    error = json.loads(result.stdout)
    assert error["error"] == "invalid_input" and error["row"] == 7 and error["column"] == "2018"
    assert error["file"] == str(path) and error["value"] == "-1"


def test_messages_are_swedish_by_default(workspace: Path, tmp_path: Path) -> None:
    rows = pxweb_rows()
    rows[16] = list(rows[15])
    path = write_pxweb(tmp_path / "dubbletter.csv", rows[:20])
    result = runner.invoke(
        app, ["--lang", "sv", "data", "import", str(path), "--name", "bad", "--measure", "employed"]
    )
    flat = " ".join((result.output + result.stderr).split())
    assert result.exit_code == 1
    assert "Fel:" in flat and "dubblerad cell" in flat and "rad 19" in flat

"""Which rows complexity uses and writes: absent pairs and Extra-Regio codes."""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from s3atlas.complexity import complexity
from s3atlas.complexity.select import LeftOutNote
from s3atlas.errors import InputError
from s3atlas.i18n import use_language

# 4 regions × 3 industries; the pair (r4, i3) has no row at all.
ROWS = [
    ("r1", "i1", 6.0),
    ("r1", "i2", 2.0),
    ("r1", "i3", 2.0),
    ("r2", "i1", 1.0),
    ("r2", "i2", 4.0),
    ("r2", "i3", 5.0),
    ("r3", "i1", 1.0),
    ("r3", "i2", 1.0),
    ("r3", "i3", 8.0),
    ("r4", "i1", 5.0),
    ("r4", "i2", 5.0),
]
KEYS = ["year", "region", "industry"]


def table(rows=ROWS, year: int = 2020) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["region", "industry", "value"])
    frame.insert(0, "year", year)
    return frame


def plain(out: pd.DataFrame) -> pd.DataFrame:
    return out.astype({"region": str, "industry": str}).reset_index(drop=True)


# --- absent region × industry pairs ------------------------------------------------------


def test_absent_pair_is_left_out_of_the_output_by_default():
    out = plain(complexity(table()))
    assert len(out) == len(ROWS) == 11
    assert not ((out.region == "r4") & (out.industry == "i3")).any()
    assert list(zip(out.region, out.industry, out.value, strict=True)) == ROWS


def test_full_grid_writes_the_absent_pair_as_value_zero_with_the_same_measures():
    out = plain(complexity(table(), full_grid=True))
    assert len(out) == 12
    absent = out[(out.region == "r4") & (out.industry == "i3")]
    assert absent.value.item() == 0.0
    # an absent pair is computed as 0: the same numbers as an explicit 0 row (X4 of
    # tests/test_complexity.py, where RCA of r1 in i1 = (6/10) / (13/40) = 24/13)
    explicit = plain(complexity(table([*ROWS, ("r4", "i3", 0.0)])))
    numeric = ["value", "rca", "mcp", "density", "cog", "eci", "pci", "coi"]
    np.testing.assert_array_equal(out[numeric].to_numpy(), explicit[numeric].to_numpy())
    assert out.rca[0] == pytest.approx(24 / 13)
    # and the default output is the full grid without that row
    default = plain(complexity(table()))
    kept = out.drop(index=absent.index).reset_index(drop=True)
    np.testing.assert_array_equal(default[numeric].to_numpy(), kept[numeric].to_numpy())


def test_absent_pairs_are_left_out_year_by_year():
    frame = pd.concat([table(year=2019), table([*ROWS, ("r4", "i3", 0.0)], year=2020)])
    out = plain(complexity(frame))
    assert out.groupby("year").size().to_dict() == {2019: 11, 2020: 12}
    assert len(plain(complexity(frame, full_grid=True))) == 24


# --- Extra-Regio codes ---------------------------------------------------------------------

EXTRA = [("SEZZZ", "i3", 1.0), ("SEZZZ", "i1", 0.0)]


def test_extra_regio_rows_are_left_out_with_a_note_saying_how_many():
    with use_language("en"), pytest.warns(LeftOutNote) as caught:
        out = plain(complexity(table([*ROWS, *EXTRA])))
    message = str(caught[0].message)
    assert message == "Rows with Extra-Regio codes (SEZZZ) left out of the analysis: 2"
    assert "SEZZZ" not in set(out.region)
    with pytest.warns(LeftOutNote):
        assert "SEZZZ" not in complexity(table([*ROWS, *EXTRA])).region.cat.categories
    pd.testing.assert_frame_equal(out, plain(complexity(table())))


def test_extra_regio_rows_are_kept_when_asked():
    with warnings.catch_warnings():
        warnings.simplefilter("error", LeftOutNote)  # no note when nothing is left out
        out = plain(complexity(table([*ROWS, *EXTRA]), keep_extra_regio=True))
    assert (out.region == "SEZZZ").sum() == 2
    # SEZZZ then counts as a fifth region: national total 41, so RCA of r1 in i1 changes
    # from (6/10) / (13/40) to (6/10) / (13/41)
    r1_i1 = out[(out.region == "r1") & (out.industry == "i1")]
    assert r1_i1.rca.item() == pytest.approx(0.6 / (13 / 41))


def test_rows_after_left_out_extra_regio_rows_keep_their_row_numbers_in_errors():
    frame = table([*EXTRA, *ROWS, ("r2", "i2", 9.0)])  # the last row repeats (r2, i2)
    with pytest.raises(InputError, match="upprepar") as info, pytest.warns(LeftOutNote):
        complexity(frame)
    assert info.value.row == 14  # input row 14 of 14 (first data row 1)


# --- the command line -----------------------------------------------------------------------


@pytest.fixture
def cli():
    from s3atlas.cli.main import _register_all, app

    _register_all()
    return lambda *args: CliRunner().invoke(app, list(args))


def test_cli_leaves_out_absent_pairs_and_extra_regio_rows_with_a_note(cli, tmp_path: Path):
    table([*ROWS, *EXTRA]).to_csv(tmp_path / "in.csv", index=False)
    out = tmp_path / "out.parquet"
    result = cli("--lang", "sv", "complexity", str(tmp_path / "in.csv"), "--out", str(out))
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "Rader med Extra-Regio-koder (SEZZZ) som lämnades utanför analysen: 2" in text
    assert "--keep-extra-regio" in text
    written = plain(pq.read_table(out).to_pandas())
    assert len(written) == 11
    pd.testing.assert_frame_equal(written, plain(complexity(table())), check_dtype=False)


def test_cli_full_grid_and_keep_extra_regio(cli, tmp_path: Path):
    table([*ROWS, *EXTRA]).to_parquet(tmp_path / "in.parquet")
    out = tmp_path / "out.parquet"
    args = ["complexity", str(tmp_path / "in.parquet"), "--out", str(out)]
    result = cli("--lang", "en", *args, "--full-grid", "--keep-extra-regio")
    assert result.exit_code == 0, result.output
    assert "Extra-Regio" not in result.output
    written = plain(pq.read_table(out).to_pandas())
    assert len(written) == 15  # 5 regions × 3 industries
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = plain(complexity(table([*ROWS, *EXTRA]), full_grid=True, keep_extra_regio=True))
    pd.testing.assert_frame_equal(written, expected, check_dtype=False)


def test_cli_method_of_reflections_and_unknown_method(cli, tmp_path: Path):
    table().to_parquet(tmp_path / "in.parquet")
    out = tmp_path / "out.parquet"
    args = ["--lang", "en", "complexity", str(tmp_path / "in.parquet"), "--out", str(out)]
    assert cli(*args, "--method", "reflections").exit_code == 0
    written = plain(pq.read_table(out).to_pandas())
    expected = plain(complexity(table(), method="reflections"))
    pd.testing.assert_frame_equal(written, expected, check_dtype=False)
    result = cli(*args, "--method", "power")
    assert result.exit_code == 1
    assert "unknown method" in result.output

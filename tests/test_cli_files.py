"""Files the command line writes, and the server's port, through Typer's runner."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app
from s3atlas.io.files import normal_mode, write_bytes

_register_all()
runner = CliRunner()


def flat(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


@pytest.fixture
def usual_umask() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def test_written_files_get_the_umask_permissions_not_owner_only(tmp_path: Path, usual_umask):
    path = write_bytes(tmp_path / "a.bin", b"x")
    assert normal_mode() == 0o644
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_ecosystem_export_writes_files_others_may_read(
    workspace: Path, tmp_path: Path, usual_umask
):
    assert runner.invoke(app, ["workspace", "init", "-w", str(workspace)]).exit_code == 0
    out = tmp_path / "karta.xlsx"
    result = runner.invoke(app, ["ecosystem", "export", "24", "-f", "xlsx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_complexity_out_csv_writes_csv_with_the_same_numbers_as_parquet(tmp_path: Path):
    # Four regions × three industries (the matrix of tests/test_complexity.py).
    x = np.array([[6.0, 2.0, 2.0], [1.0, 4.0, 5.0], [1.0, 1.0, 8.0], [5.0, 5.0, 0.0]])
    rows = [
        {"year": 2020, "region": f"R{r}", "industry": f"I{c}", "value": x[r, c]}
        for r in range(4)
        for c in range(3)
    ]
    pd.DataFrame(rows).to_csv(tmp_path / "in.csv", index=False)
    for name in ("out.csv", "out.parquet"):
        result = runner.invoke(
            app, ["complexity", str(tmp_path / "in.csv"), "--out", str(tmp_path / name)]
        )
        assert result.exit_code == 0, result.output
    assert not (tmp_path / "out.csv").read_bytes().startswith(b"PAR1")
    as_csv = pd.read_csv(tmp_path / "out.csv")
    as_parquet = pd.read_parquet(tmp_path / "out.parquet")
    assert list(as_csv.columns) == list(as_parquet.columns) and len(as_csv) == 12
    np.testing.assert_allclose(as_csv.eci.to_numpy(), as_parquet.eci.to_numpy())
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_serve_on_a_busy_port_says_so_before_printing_the_address(workspace: Path):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port), "-w", str(workspace)])
    assert result.exit_code == 1
    assert f"port {port} på 127.0.0.1 används redan" in flat(result.output)
    assert "http://" not in result.output

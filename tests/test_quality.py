"""The code stays as strict as pyproject.toml says: ruff lint and format, mypy on the package."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(tool: str, *args: str) -> subprocess.CompletedProcess[str]:
    executable = BIN / tool if (BIN / tool).exists() else shutil.which(tool)
    if executable is None:
        pytest.skip(f"{tool} is not installed (it comes with the dev extras)")
    return subprocess.run([str(executable), *args], cwd=REPO, capture_output=True, text=True)


def test_ruff_finds_nothing():
    done = _run("ruff", "check", "src", "tests", "benchmarks")
    assert done.returncode == 0, done.stdout + done.stderr


def test_code_is_ruff_formatted():
    done = _run("ruff", "format", "--check", "src", "tests", "benchmarks")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_no_type_errors():
    done = _run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr

"""``s3atlas fetch`` through the command line, against fakes served on 127.0.0.1."""

from __future__ import annotations

import json
import re
import shlex
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.fake_apis import FakePxWeb2, employment_tables, eurostat, kolada, serve
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app
from s3atlas.stats import load_dataset
from s3atlas.workspace import resolve_workspace

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakePxWeb2]:
    """SCB, Kolada and Eurostat fakes on loopback, with the fetch commands pointed at them."""
    scb = FakePxWeb2(employment_tables())
    with serve(scb) as scb_url, serve(kolada) as kolada_url, serve(eurostat) as eurostat_url:
        monkeypatch.setenv("S3ATLAS_SCB_URL", f"{scb_url}/api/v2")
        monkeypatch.setenv("S3ATLAS_KOLADA_URL", f"{kolada_url}/v3")
        monkeypatch.setenv("S3ATLAS_EUROSTAT_URL", f"{eurostat_url}/data")
        yield scb


def invoke(*args: str) -> object:
    _register_all()
    return CliRunner().invoke(app, list(args))


def test_fetch_help_lists_the_three_services() -> None:
    result = invoke("fetch", "--help")
    assert result.exit_code == 0  # type: ignore[attr-defined]
    for name in ("scb", "kolada", "eurostat", "recipes"):
        assert re.search(rf"│ {name}\s", result.output)  # type: ignore[attr-defined]


def test_recipe_saves_the_joined_series_and_reports_the_break(
    fakes: FakePxWeb2, workspace: Path
) -> None:
    result = invoke(
        "--lang", "en", "fetch", "scb", "employment", "--region", "24",
        "--years", "2016-2021", "--name", "vb", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    record = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert record["series_break"].endswith("2020: rams_2019 → bas (overlap 2020–2021)")
    assert {"year": 2020, "series": "bas", "total": 4500.0} in record["overlap"]
    dataset = load_dataset("vb", resolve_workspace(workspace))
    assert dataset.meta.series_break == record["series_break"]
    assert set(dataset.table.measures) == {"employed", "employed_rams_2019"}
    assert dataset.table.matrix("employed", 2016, "total").loc["24", "B+C"] == 12293 + 2797


DOCS = [README, README.parent / "docs" / "recipes.md"]


def fetch_commands(path: Path) -> list[list[str]]:
    """The ``s3atlas fetch`` lines of a document's ``sh`` code blocks, as written."""
    blocks = re.findall(r"```sh\n(.*?)```", path.read_text(encoding="utf-8"), re.S)
    lines = [line for block in blocks for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("s3atlas fetch")]


@pytest.mark.parametrize("document", DOCS, ids=lambda p: p.name)
def test_documented_fetch_examples_run_as_written(
    document: Path, fakes: FakePxWeb2, workspace: Path
) -> None:
    commands = fetch_commands(document)
    assert len(commands) >= 4
    for args in commands:
        result = invoke(*args)
        assert result.exit_code == 0, (args, result.output)  # type: ignore[attr-defined]


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("args", "variable", "service"),
    [
        (["scb", "employment", "--region", "24"], "S3ATLAS_SCB_URL", "SCB"),
        (["kolada", "N03937", "--region", "24"], "S3ATLAS_KOLADA_URL", "Kolada"),
        (["eurostat", "pat_ep_rtot"], "S3ATLAS_EUROSTAT_URL", "Eurostat"),
    ],
)
def test_offline_fetch_fails_fast_in_swedish_with_exit_1(
    args: list[str],
    variable: str,
    service: str,
    workspace: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("S3ATLAS_LANG", raising=False)
    monkeypatch.setenv(variable, f"http://127.0.0.1:{_closed_port()}/api")
    started = time.monotonic()
    result = invoke("fetch", *args)
    assert time.monotonic() - started < 5
    assert result.exit_code == 1  # type: ignore[attr-defined]
    message = " ".join(result.output.split())  # type: ignore[attr-defined]
    assert f"Ingen anslutning till {service} (127.0.0.1)" in message
    assert "s3atlas data import FIL --name NAMN" in message
    assert not list((workspace / "datasets").glob("*.parquet"))


def test_recipe_years_must_be_years(workspace: Path) -> None:
    result = invoke("--lang", "en", "fetch", "scb", "employment", "--years", "top(3)")
    assert result.exit_code == 1  # type: ignore[attr-defined]
    assert "years are written 2008-2023" in result.output  # type: ignore[attr-defined]
    assert "'top(3)'" in result.output  # type: ignore[attr-defined]


def test_a_table_by_id_leaves_out_totals_and_says_so(fakes: FakePxWeb2, workspace: Path) -> None:
    result = invoke(
        "--lang", "en", "fetch", "scb", "TAB900", "--region", "24", "--years", "top(1)",
        "--select", "Kon=*", "--measure", "employed", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    record = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert record["years"] == "2016–2016" and record["cells"] == 4  # A, B+C × men, women
    assert record["total"] == 3422 + 997 + 12293 + 2797  # SCB's RAMS 2016, Västerbotten
    assert "left out: US" in record["notes"]
    (data,) = fakes.data_requests()
    assert data.url.params["valueCodes[Tid]"] == "2016"  # top(1) resolved from the metadata

"""Fetched values: a Kolada KPI stored as an indicator's values, over a fake Kolada on loopback."""

from __future__ import annotations

import pytest
from tests.fake_apis import kolada, serve
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app
from s3atlas.errors import InputError
from s3atlas.io.kolada import KoladaClient
from s3atlas.io.transport import Transport
from s3atlas.monitoring.fetched import fetch_kolada
from s3atlas.monitoring.report import region_report
from s3atlas.monitoring.store import stored_values

_register_all()


@pytest.fixture
def kolada_url():
    with serve(kolada) as url:
        yield f"{url}/v3"


def test_a_kolada_kpi_becomes_the_values_of_an_indicator(store, kolada_url, tmp_path):
    client = KoladaClient(Transport("Kolada", cache_dir=tmp_path / "cache"), kolada_url)
    values = fetch_kolada(store, client, "N03937", "rd_public", ["24", "25"], ["2022", "2023"])
    # the fake answers totals 5.2 (24, 2022), 5.5 (24, 2023), 6.0 (25, 2022), 6.1 (25, 2023)
    assert sorted(values.value) == [5.2, 5.5, 6.0, 6.1]
    stored = stored_values(store, "24").sort_values("year")
    assert stored.value.tolist() == [5.2, 5.5]
    assert "N03937" in stored.source.iloc[0] and stored.retrieved.iloc[0]
    row = region_report("24", store).set_index("code").loc["rd_public"]
    assert (int(row.year), row.value) == (2023, 5.5)  # the fetched value is now the latest


def test_values_for_an_indicator_outside_the_framework_are_refused(store, kolada_url, tmp_path):
    client = KoladaClient(Transport("Kolada", cache_dir=tmp_path / "cache"), kolada_url)
    with pytest.raises(InputError) as caught:
        fetch_kolada(store, client, "N03937", "nosuch", ["24", "25"], ["2022", "2023"])
    assert caught.value.column == "indicator"
    assert stored_values(store).empty


def test_monitor_fetch_through_the_cli(workspace, kolada_url, monkeypatch):
    monkeypatch.setenv("S3ATLAS_KOLADA_URL", kolada_url)
    result = CliRunner().invoke(
        app,
        [
            "--lang",
            "en",
            "monitor",
            "fetch",
            "N03937",
            "--indicator",
            "rd_public",
            "--region",
            "24,25",
            "--years",
            "2022,2023",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Stored 4 values of rd_public from Kolada N03937." in result.stdout

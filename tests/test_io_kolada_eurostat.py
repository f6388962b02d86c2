"""Kolada v3 and Eurostat clients against in-process fakes answering in the documented formats."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.fake_apis import eurostat, kolada

from s3atlas.errors import InputError
from s3atlas.i18n import use_language
from s3atlas.io.eurostat import EurostatClient
from s3atlas.io.kolada import KoladaClient, kolada_region
from s3atlas.io.transport import Transport


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with use_language("en"):
        yield


def transport(handler: Any, tmp_path: Path) -> Transport:
    return Transport(
        "test",
        cache_dir=tmp_path,
        network=httpx.MockTransport(handler),
        now=lambda: datetime(2026, 12, 5, tzinfo=UTC),
    )


# -- Kolada --------------------------------------------------------------------------------
KOLADA = "http://kolada.test/v3"


def test_kolada_kpi_by_region_year_and_sex_over_two_pages(tmp_path: Path) -> None:
    client = KoladaClient(transport(kolada, tmp_path), KOLADA)
    dataset = client.fetch_dataset(
        "N03937", name="unemployment", regions=["24", "25"], years=["2022", "2023"]
    )
    frame = dataset.table.frame.set_index(["region", "year", "sex"])
    assert len(frame) == 12  # 2 regions × 2 years × (total, women, men)
    assert frame.loc[("24", 2022, "women"), "value"] == 4.8
    assert frame.loc[("25", 2023, "total"), "value"] == 6.1  # from the second page
    assert frame.loc[("24", 2023, "women"), "flag"] == "missing"
    assert dataset.meta.licence == "CC BY 4.0" and dataset.table.measures == ["N03937"]
    assert frame.loc[("24", 2022, "men"), "source"].startswith(
        "Kolada, table N03937: Arbetslöshet 16-64 år, andel (%); http://kolada.test/v3/data/kpi/"
    )


def test_kolada_region_ids() -> None:
    assert [kolada_region(c) for c in ("24", "2480", "0000")] == ["0024", "2480", "0000"]
    with pytest.raises(InputError, match="county code") as caught:
        kolada_region("SE331")
    assert caught.value.value == "SE331"


# -- Eurostat ------------------------------------------------------------------------------
EUROSTAT = "http://eurostat.test/api/dissemination/statistics/1.0/data"


def test_eurostat_dataset_with_flags_and_sparse_values(tmp_path: Path) -> None:
    client = EurostatClient(transport(eurostat, tmp_path), EUROSTAT)
    dataset = client.fetch_dataset("ipr_ta_reg", name="tm", regions=["SE331", "SE332"])
    frame = dataset.table.frame.set_index(["region", "year"])
    assert frame.loc[("SE331", 2022), ["value", "flag"]].tolist() == [131.0, "ok"]  # provisional
    assert frame.loc[("SE332", 2021), ["value", "flag"]].tolist() == [88.0, "estimated"]
    assert frame.loc[("SE332", 2022), "flag"] == "missing"
    assert dataset.table.measures == ["trademarks"] and dataset.table.region_scheme == "nuts"
    assert dataset.meta.source == (
        f"© European Union, Eurostat, table ipr_ta_reg; {EUROSTAT}/ipr_ta_reg; retrieved 2026-12-05"
    )
    assert "table ipr_ta_reg" in frame.loc[("SE331", 2021), "source"]
    assert "unit=NR" in frame.loc[("SE331", 2021), "source"]


def test_eurostat_asks_for_swedish_nuts3_by_default(tmp_path: Path) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return eurostat(request)

    client = EurostatClient(transport(handler, tmp_path), EUROSTAT)
    dataset = client.fetch_dataset("pat_ep_rtot", name="p", years=["2021"])
    assert len(seen[0].url.params.get_list("geo")) == 21  # Sweden's 21 counties
    assert seen[0].url.params.get_list("time") == ["2021"]
    assert dataset.table.measures == ["patents"]

"""The PxWebApi 2 client against an in-process fake of SCB's API (no network).

The fake table has RAMS's shape (region × SNI 2007 group × sex × content ×
year, as table TAB900) and real RAMS numbers: employed persons by county of
work, SCB table AM0207 (``AM0207K/DagSNI07KonK``), as bundled in
``scb_rams_2008_2016_county_industry_sex.csv``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from tests.fake_apis import FakePxWeb2, FakeTable

from s3atlas.errors import InputError
from s3atlas.i18n import use_language
from s3atlas.io import pxweb2
from s3atlas.io.pxweb2 import PxWeb2Client
from s3atlas.io.transport import Limits, Transport

BASE = "http://scb.test/api/v2"

# RAMS, employed persons 16+ by county of work (SCB AM0207), men "1" and women "2".
RAMS = {
    ("24", "A", "1", "2015"): 3585,
    ("24", "A", "1", "2016"): 3422,
    ("24", "A", "2", "2015"): 1169,
    ("24", "A", "2", "2016"): 997,
    ("24", "B+C", "1", "2015"): 12453,
    ("24", "B+C", "1", "2016"): 12293,
    ("24", "B+C", "2", "2015"): 2843,
    ("24", "B+C", "2", "2016"): 2797,
    ("25", "A", "1", "2015"): 3375,
    ("25", "A", "1", "2016"): 3286,
    ("25", "A", "2", "2015"): 1003,
    ("25", "A", "2", "2016"): 926,
    ("25", "B+C", "1", "2015"): 12854,
    ("25", "B+C", "1", "2016"): 12626,
    ("25", "B+C", "2", "2015"): 2892,
    ("25", "B+C", "2", "2016"): 2887,
}


def rams_table(suppress: dict[tuple[str, ...], str] | None = None) -> FakeTable:
    cells: dict[tuple[str, ...], float | None] = {
        (r, s, k, "AM0207J8", t): float(v) for (r, s, k, t), v in RAMS.items()
    }
    for key in suppress or {}:
        cells[key] = None
    return FakeTable(
        label="Förvärvsarbetande 16+ år (dagbefolkning) efter region, näringsgren SNI 2007, "
        "kön och år",
        variables={
            "Region": {"24": "Västerbottens län", "25": "Norrbottens län"},
            "SNI2007": {"A": "jordbruk, skogsbruk och fiske", "B+C": "tillverkning och utvinning"},
            "Kon": {"1": "män", "2": "kvinnor"},
            "ContentsCode": {"AM0207J8": "Förvärvsarbetande 16+ år (dagbefolkning)"},
            "Tid": {"2015": "2015", "2016": "2016"},
        },
        cells=cells,
        status=suppress or {},
        elimination={"Region", "SNI2007", "Kon"},
        roles={"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["Region"]},
    )


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with use_language("en"):
        yield


def client(
    fake: FakePxWeb2, tmp_path: Path, sleeps: list[float] | None = None, **kw: int
) -> PxWeb2Client:
    transport = Transport(
        "SCB",
        limits=Limits(max_requests=30, window_seconds=10.0),
        cache_dir=tmp_path,
        network=httpx.MockTransport(fake),
        sleep=(sleeps if sleeps is not None else []).append,
        now=lambda: datetime(2026, 12, 5, 8, 0, tzinfo=UTC),
    )
    return PxWeb2Client(transport, BASE, lang="sv", progress=False, **kw)


def test_multi_dimension_table_arrives_with_sex_and_provenance(tmp_path: Path) -> None:
    fake = FakePxWeb2({"TAB900": rams_table()})
    dataset = client(fake, tmp_path).fetch_dataset(
        "TAB900", name="rams", wanted={"region": ["24", "25"], "sex": ["*"]}, measure="employed"
    )
    frame = dataset.table.frame
    # 2 regions × 2 groups × 2 sexes × 2 years = 16 cells, none of them the whole country
    assert len(frame) == 16 and set(frame.sex) == {"men", "women"}
    women_24_2016 = frame.query("region == '24' and year == 2016 and sex == 'women'")
    assert women_24_2016.value.sum() == 997 + 2797
    source = frame.source.iloc[0]
    assert source.startswith("SCB, table TAB900: Förvärvsarbetande 16+ år")
    assert f"{BASE}/tables/TAB900/data?" in source and source.endswith("retrieved 2026-12-05")
    assert dataset.meta.retrieved == "2026-12-05T08:00:00+00:00"
    # the dataset-level source, which every download of the dataset quotes
    assert dataset.meta.source == f"SCB, table TAB900; {BASE}/tables/TAB900; retrieved 2026-12-05"
    (data,) = fake.data_requests()
    assert data.method == "GET" and data.url.params["outputFormat"] == "json-stat2"
    assert data.url.params["valueCodes[Region]"] == "24,25"


def test_scb_flags_become_cell_flags(tmp_path: Path) -> None:
    table = rams_table(
        {("25", "A", "2", "AM0207J8", "2016"): "..", ("25", "A", "1", "AM0207J8", "2016"): "."}
    )
    dataset = client(FakePxWeb2({"TAB900": table}), tmp_path).fetch_dataset(
        "TAB900", name="rams", wanted={"year": ["2016"], "Kon": ["1", "2"]}, measure="employed"
    )
    frame = dataset.table.frame.set_index(["region", "industry", "sex"])
    assert frame.loc[("25", "A", "women"), "flag"] == "suppressed"
    assert frame.loc[("25", "A", "men"), "flag"] == "missing"
    counts = dataset.table.flag_counts()
    assert {k: counts[k] for k in ("ok", "suppressed", "missing", "estimated")} == {
        "ok": 6,
        "suppressed": 1,
        "missing": 1,
        "estimated": 0,
    }


def test_a_query_over_the_cell_limit_is_split_and_merged(tmp_path: Path) -> None:
    fake = FakePxWeb2({"TAB900": rams_table()})
    dataset = client(fake, tmp_path, max_cells=5).fetch_dataset(
        "TAB900", name="rams", wanted={"sex": ["*"]}, measure="employed"
    )
    cells = [
        len(r.url.params["valueCodes[Region]"].split(","))
        * len(r.url.params["valueCodes[SNI2007]"].split(","))
        * len(r.url.params["valueCodes[Kon]"].split(","))
        * len(r.url.params["valueCodes[Tid]"].split(","))
        for r in fake.data_requests()
    ]
    # 16 cells, at most 5 a call: Region is cut first (8 cells each), then SNI (4 each) → 4 calls
    assert cells == [4, 4, 4, 4]
    assert dataset.table.frame.value.sum() == sum(RAMS.values())


def test_large_selections_are_posted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pxweb2, "_MAX_URL", 50)
    fake = FakePxWeb2({"TAB900": rams_table()})
    dataset = client(fake, tmp_path).fetch_dataset(
        "TAB900",
        name="rams",
        wanted={"region": ["24"], "year": ["2016"], "sex": ["*"]},
        measure="employed",
    )
    (post,) = fake.data_requests()
    body = json.loads(post.content)
    assert post.method == "POST" and post.url.params["outputFormat"] == "json-stat2"
    assert {"variableCode": "Region", "valueCodes": ["24"]} in body["selection"]
    assert dataset.table.frame.value.sum() == 3422 + 997 + 12293 + 2797


def test_a_variable_left_out_is_summed_by_scb(tmp_path: Path) -> None:
    fake = FakePxWeb2({"TAB900": rams_table()})
    table = client(fake, tmp_path)
    meta = table.metadata("TAB900")
    selection = table.selection(meta, {"region": ["24"], "industry": ["A"], "year": ["top(1)"]})
    assert selection == {
        "Region": ["24"],
        "SNI2007": ["A"],
        "ContentsCode": ["AM0207J8"],
        "Tid": ["2016"],
    }  # Kon can be eliminated and was not asked for
    dataset = pxweb2.to_dataset(
        meta, table.fetch("TAB900", selection), name="a", measure="employed"
    )
    assert "sex" not in dataset.table.frame and dataset.table.frame.value.tolist() == [3422 + 997]


def test_429_and_500_are_retried_through_the_fake(tmp_path: Path) -> None:
    fake = FakePxWeb2({"TAB900": rams_table()})
    fake.failures = [
        httpx.Response(429, headers={"Retry-After": "3"}, json={"title": "Too Many Requests"}),
        httpx.Response(500, json={"title": "Internal Server Error"}),
    ]
    sleeps: list[float] = []
    meta = client(fake, tmp_path, sleeps).metadata("TAB900")
    # 3 s as the 429 asked, then the back-off after a second failure: 1 s × 2¹ = 2 s
    assert meta.label.startswith("Förvärvsarbetande") and sleeps == [3.0, 2.0]


def test_unknown_variable_and_value_are_named(tmp_path: Path) -> None:
    table = client(FakePxWeb2({"TAB900": rams_table()}), tmp_path)
    meta = table.metadata("TAB900")
    with pytest.raises(InputError, match="no such variable") as caught:
        table.selection(meta, {"Alder": ["16-64"]})
    assert caught.value.column == "Alder"
    with pytest.raises(InputError, match="not a value of Region") as caught:
        table.selection(meta, {"region": ["27"]})
    assert caught.value.value == "27"


def test_search_lists_tables(tmp_path: Path) -> None:
    hits = client(FakePxWeb2({"TAB900": rams_table()}), tmp_path).search("förvärvsarbetande")
    assert [h["id"] for h in hits] == ["TAB900"]

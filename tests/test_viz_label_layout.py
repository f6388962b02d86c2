"""Bubble labels that never collide: the layout per width tier, and the chart that draws it."""

from __future__ import annotations

import pandas as pd
import pytest

from s3atlas.analysis.profile import region_strengths
from s3atlas.present.region import bubble_key, strengths_bubble
from s3atlas.stats import load_dataset
from s3atlas.viz.bubble_labels import quadrant_texts, quadrants_fit_from
from s3atlas.viz.label_layout import (
    LINE_PX,
    NARROWEST_PX,
    WIDTH_TIERS,
    Box,
    label_layout,
    place_labels,
    rule_boxes,
    text_box_width,
    wrap_name,
)


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


def test_a_label_does_not_cross_a_reference_line():
    # A 300 × 100 plot with a vertical line at x = 120 and a horizontal one at y = 50; each
    # keeps 4 px free either side: the strips x 116–124 and y 46–54.
    # "Alfa" (26,4 × 13 px) of the bubble at (100, 30), radius 10 (label 13 px from the
    # centre): right, x 113–139,4, crosses the vertical line; left, x 60,6–87, is free.
    # "Beta" of the bubble at (200, 50) sits on the horizontal line: right and left span
    # y 43,5–56,5 and cross it; above, y 24–37, is free.
    pts = pd.DataFrame(
        {
            "x": [100.0, 200.0],
            "y": [30.0, 50.0],
            "r": [10.0, 10.0],
            "name": ["Alfa", "Beta"],
            "short": ["A", "B"],
        }
    )
    lines = rule_boxes(120.0, 50.0, 300, 100)
    assert lines == [Box(116.0, 0.0, 124.0, 100), Box(0.0, 46.0, 300, 54.0)]
    placed = place_labels(pts, 300, 100, lines)
    assert placed.position.tolist() == ["left", "above"]
    # without the lines both names go to the right
    assert place_labels(pts, 300, 100).position.tolist() == ["right", "right"]


def test_the_layout_keeps_names_off_the_lines_given_in_data_units():
    # LQ 0–2 and growth −10 %…+10 % over the narrowest plot (220 × 100 px): LQ = 1 is at
    # x = 110 px and growth 0 at y = 50 px. The bubble at LQ 0,9, growth 0 is at
    # (99, 50). "Alfa" is 26,4 × 13 px, 13 px from the centre. Right (x 112–138,4) and left
    # (y 43,5–56,5) cross a line; above and below, centred (x 85,8–112,2), cross the strip
    # around LQ = 1 (x 106–114); hanging off the lower left (x 72,6–99, y 63–76) is free.
    pts = pd.DataFrame(
        {"lq": [0.9], "growth": [0.0], "r": [10.0], "name": ["Alfa"], "short": ["A"]}
    )
    layout = label_layout(pts, [0.0, 2.0], [-0.1, 0.1], 100.0, rules=(1.0, 0.0))
    assert layout.position[layout.low == 0].tolist() == ["below_left"]
    free = label_layout(pts, [0.0, 2.0], [-0.1, 0.1], 100.0)
    assert free.position[free.low == 0].tolist() == ["right"]


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
        # the dashed lines at LQ = 1 and at growth 0 (the growth is relative to the nation)
        lines = rule_boxes(
            (1.0 - x_dom[0]) / (x_dom[1] - x_dom[0]) * width,
            (1 - (0.0 - y_dom[0]) / (y_dom[1] - y_dom[0])) * 380,
            width,
            380,
        )
        for i, a in enumerate(boxes):
            assert a.inside(width + 0.01, 380.01), (low, a)
            assert not any(a.overlaps(b) for b in boxes[i + 1 :]), (low, a)
            assert not any(a.overlaps(line) for line in lines), (low, a)


def _box(row, x_dom, y_dom, width):
    # the bubble's centre in pixels, then the label's box from its offset and alignment
    x = (row["lq"] - x_dom[0]) / (x_dom[1] - x_dom[0]) * width + row["dx"]
    y = (1 - (row["growth"] - y_dom[0]) / (y_dom[1] - y_dom[0])) * 380 + row["dy"]
    w, h = text_box_width(row["text"]), LINE_PX * (row["text"].count("\n") + 1)
    x0 = {"left": x, "right": x - w, "center": x - w / 2}[row["align"]]
    # Vega puts the baseline on the first line and writes further lines below it
    y0 = {"middle": y - LINE_PX / 2, "bottom": y - LINE_PX, "top": y}[row["baseline"]]
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


def test_a_chart_without_bubbles_places_no_labels():
    # SCB RAMS 2018 holds one year: no growth, so no industry can be drawn as a bubble.
    empty = pd.DataFrame({"lq": [], "growth": [], "r": [], "name": [], "short": []})
    assert place_labels(empty.assign(x=[], y=[]), 300, 200).empty
    assert label_layout(empty, (0.0, 2.0), (-0.1, 0.1), 200).empty
    strengths = region_strengths(load_dataset("scb_rams_2018"), "24", lang="sv")
    spec = strengths_bubble(strengths, "sv")
    assert spec["usermeta"]["s3atlas"]["chart"]

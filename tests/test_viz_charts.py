"""Chart specs: encodings, quadrant rules, gaps, ordering and locale; rendered files are real
PNG/SVG."""

from __future__ import annotations

import pandas as pd
import pytest

from s3atlas.errors import InputError
from s3atlas.viz.charts import (
    bubble_chart,
    coverage_heatmap,
    ranked_bars,
    stacked_shares,
)
from s3atlas.viz.export import render, to_png, to_svg
from s3atlas.viz.spec import values_of

STRENGTHS = pd.DataFrame(
    {
        "name": ["Skoglig bioekonomi", "Gruv och mineral", "Life Science", "Besöksnäring"],
        "lq": [2.4, 3.1, 0.6, 0.8],
        "growth": [0.03, -0.02, 0.08, -0.01],
        "size": [9000, 4000, 800, 3000],
        "class": ["specialised_outpacing", "specialised_trailing", "outpacing", "trailing"],
    }
)


def _layer(spec, mark, **encoding):
    for i, layer in enumerate(spec["layer"]):
        if layer["mark"]["type"] != mark:
            continue
        if all(
            layer["encoding"].get(ch, {}).get("field") == field for ch, field in encoding.items()
        ):
            return i, layer
    raise AssertionError(f"no {mark} layer with {encoding}")


def test_bubble_chart_draws_quadrant_rules_at_lq_one_and_national_growth():
    spec = bubble_chart(STRENGTHS, national_growth=0.015, lang="en")
    rules = [(i, lay) for i, lay in enumerate(spec["layer"]) if lay["mark"]["type"] == "rule"]
    positions = {}
    for i, layer in rules:
        (channel,) = [c for c in ("x", "y") if c in layer["encoding"]]
        field = layer["encoding"][channel]["field"]
        positions[channel] = values_of(spec, i)[0][field]
    assert positions == {"x": 1.0, "y": 0.015}


def test_bubble_chart_encodes_lq_growth_and_size():
    spec = bubble_chart(STRENGTHS, national_growth=0.0, lang="en")
    i, bubbles = _layer(spec, "circle", x="lq", y="growth", size="size")
    assert bubbles["encoding"]["x"]["type"] == "quantitative"
    assert bubbles["encoding"]["y"]["axis"]["format"] == ".0%"
    rows = values_of(spec, i)
    assert [r["name"] for r in rows] == STRENGTHS.name.tolist()
    assert [r["size"] for r in rows] == STRENGTHS["size"].tolist()


def test_the_bubble_size_legend_shows_round_sizes_and_no_empty_bubble():
    # the legend once opened with a bubble for 0 employed, which draws nothing
    spec = bubble_chart(STRENGTHS, national_growth=0.0, lang="en")
    _i, bubbles = _layer(spec, "circle", x="lq", y="growth", size="size")
    shown = bubbles["encoding"]["size"]["legend"]["values"]
    top = max(STRENGTHS["size"])
    assert 0 not in shown and len(shown) == 3 and max(shown) <= top < 10 * max(shown)


def test_bubble_chart_colours_classes_with_translated_labels():
    labels = {"specialised_outpacing": "Specialiserad, starkare än riket", "trailing": "Svagare"}
    spec = bubble_chart(STRENGTHS, color_labels=labels, lang="sv")
    _, bubbles = _layer(spec, "circle", x="lq")
    domain = bubbles["encoding"]["color"]["scale"]["domain"]
    assert domain[0] == "Specialiserad, starkare än riket" and "Svagare" in domain
    assert len(bubbles["encoding"]["color"]["scale"]["range"]) == len(domain)


def test_bubble_chart_x_axis_always_shows_the_lq_one_line():
    small = STRENGTHS.assign(lq=[0.2, 0.3, 0.4, 0.5])
    _, bubbles = _layer(bubble_chart(small, lang="en"), "circle", x="lq")
    low, high = bubbles["encoding"]["x"]["scale"]["domain"]
    assert low <= 1.0 <= high and low >= 0


def test_bubble_chart_names_the_missing_column():
    with pytest.raises(InputError, match="behöver kolumnerna lq"):
        bubble_chart(STRENGTHS.drop(columns="lq"), lang="sv")


def test_numbers_follow_the_language_in_the_spec():
    sv = ranked_bars(STRENGTHS, value="lq", lang="sv")["config"]["locale"]["number"]
    en = ranked_bars(STRENGTHS, value="lq", lang="en")["config"]["locale"]["number"]
    assert (sv["decimal"], sv["thousands"]) == (",", "\u00a0")
    assert (en["decimal"], en["thousands"]) == (".", ",")


def test_swedish_svg_writes_decimal_commas():
    spec = ranked_bars(
        pd.DataFrame({"name": ["A"], "score": [2.35]}), value_format=".1f", lang="sv"
    )
    svg = to_svg(spec)
    assert "2,4" in svg and "2.4" not in svg


COVERAGE = pd.DataFrame(
    {
        "area": ["Skog", "Skog", "Skog", "Life", "Life", "Life"],
        "phase": ["Idé", "Utveckling", "Tillväxt", "Idé", "Utveckling", "Tillväxt"],
        "count": [3, 0, 2, 1, 4, 0],
    }
)


def test_coverage_heatmap_marks_every_zero_cell_as_a_gap_in_words_and_colour():
    spec = coverage_heatmap(COVERAGE, phase_order=["Idé", "Utveckling", "Tillväxt"], lang="en")
    rows = values_of(spec)
    gaps = {(r["area"], r["phase"]) for r in rows if r["gap"]}
    assert gaps == {("Skog", "Utveckling"), ("Life", "Tillväxt")}
    assert all(r["label"] == "Gap" for r in rows if r["gap"])
    fill = spec["layer"][0]["encoding"]["fill"]
    assert fill["condition"]["test"] == "datum.gap" and fill["condition"]["value"] == "#B2182B"


def test_coverage_heatmap_fills_missing_combinations_as_gaps_and_keeps_phase_order():
    spec = coverage_heatmap(
        COVERAGE.iloc[:2], phase_order=["Idé", "Utveckling", "Tillväxt"], lang="sv"
    )
    rows = values_of(spec)
    assert len(rows) == 3 and [r["label"] for r in rows] == ["3", "Lucka", "Lucka"]
    assert spec["layer"][0]["encoding"]["x"]["sort"] == ["Idé", "Utveckling", "Tillväxt"]


def test_coverage_heatmap_sets_the_page_area_in_bold():
    spec = coverage_heatmap(COVERAGE, highlight="Life", lang="en")
    assert '"Life"' in spec["layer"][0]["encoding"]["y"]["axis"]["labelFontWeight"]["expr"]


def test_ranked_bars_put_the_highest_value_on_top():
    spec = ranked_bars(STRENGTHS, value="lq", lang="en")
    highest_first = {"field": "value", "op": "max", "order": "descending"}
    # both layers (bars and value labels) share one sort Vega-Lite can union without a warning
    assert [layer["encoding"]["y"]["sort"] for layer in spec["layer"]] == [highest_first] * 2
    assert spec["layer"][0]["encoding"]["x"]["field"] == "value"


def test_container_wide_charts_fit_only_their_width_and_leave_aria_to_the_page():
    spec = ranked_bars(STRENGTHS, value="lq", lang="en")
    assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}
    assert spec["config"]["mark"]["aria"] is False


def test_stacked_shares_sum_to_one_per_question_in_answer_order():
    answers = ["Ja, i mycket hög grad", "Ja, i viss grad", "Nej, inte alls"]
    frame = pd.DataFrame(
        {"item": ["Q1"] * 3 + ["Q2"] * 3, "answer": answers * 2, "n": [5, 3, 2, 1, 1, 2]}
    )
    spec = stacked_shares(frame, response_order=answers, lang="sv")
    rows = pd.DataFrame(values_of(spec))
    assert rows.groupby("item").share.sum().round(12).tolist() == [1.0, 1.0]
    assert rows.query("item == 'Q1'").share.tolist() == [0.5, 0.3, 0.2]
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["scale"]["domain"] == answers and colour["scale"]["range"][0] == "#1B7837"
    assert spec["layer"][0]["encoding"]["order"]["field"] == "rank"


def test_exported_files_are_png_and_svg():
    spec = bubble_chart(STRENGTHS, lang="sv")
    assert to_png(spec)[:8] == b"\x89PNG\r\n\x1a\n"
    body, media = render(spec, "svg")
    assert media == "image/svg+xml" and body.lstrip().startswith(b"<svg")


def test_export_refuses_an_unknown_format():
    with pytest.raises(InputError, match="okänt diagramformat"):
        render(ranked_bars(STRENGTHS, value="lq", lang="sv"), "gif")

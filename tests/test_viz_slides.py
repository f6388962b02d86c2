"""Slide-ready chart files: title, facts, legend below the drawing and the source on the file."""

from __future__ import annotations

import pandas as pd

from s3atlas.viz.charts import ranked_bars
from s3atlas.viz.export import fixed_size, to_svg
from s3atlas.viz.slides import describe, slide_spec


def _bars() -> dict:
    frame = pd.DataFrame({"name": ["Skogsbruk", "Sågverk"], "score": [0.8, 0.5]})
    return ranked_bars(frame, lang="sv", title="Styrkor i Västerbotten")


def test_a_slide_states_title_indicator_unit_period_region_and_source():
    spec = describe(_bars(), indicator="Sysselsatta", unit="antal", period="2018")
    slide = slide_spec(fixed_size(spec), {"region": "Västerbotten"}, "SCB, RAMS 2018", lang="sv")
    assert slide["title"]["text"] == "Styrkor i Västerbotten"
    assert slide["title"]["subtitle"] == [
        "Indikator: Sysselsatta · Enhet: antal · Period: 2018 · Region: Västerbotten"
    ]
    svg = to_svg(slide)
    for text in ("Styrkor i Västerbotten", "Källa: SCB, RAMS 2018", "Region: Västerbotten"):
        assert text in svg


def test_a_legend_drawn_inside_a_map_moves_below_it():
    spec = {
        "mark": "geoshape",
        "width": 300,
        "encoding": {
            "color": {"field": "v", "type": "quantitative", "legend": {"orient": "bottom-left"}}
        },
    }
    slide = slide_spec(spec, lang="en")
    legend = slide["vconcat"][0]["encoding"]["color"]["legend"]
    assert legend["orient"] == "bottom"
    assert slide["vconcat"][1]["encoding"]["text"]["value"] == "Source: –"

"""Chart files from vl-convert: the same specification draws the same bytes, so a drawing is
kept and not drawn again; a PNG is the SVG drawing rasterised (laid out once for both); the
memo is bounded and can be cleared."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest
import vl_convert as vlc

from s3atlas.memo import Memo
from s3atlas.viz import export
from s3atlas.viz.charts import ranked_bars


def _spec(score: float = 1.0) -> dict[str, Any]:
    return ranked_bars(pd.DataFrame({"name": ["A", "B"], "score": [score, 0.5]}), lang="sv")


@pytest.fixture
def drawings(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Count what vl-convert does (it still does it) with an empty memo: "svg" for laying a
    chart out, "png" for rasterising a drawing."""
    made: list[str] = []
    svg, raster = vlc.vegalite_to_svg, vlc.svg_to_png

    def counted_svg(*args: Any, **kwargs: Any) -> str:
        made.append("svg")
        return str(svg(*args, **kwargs))

    def counted_raster(*args: Any, **kwargs: Any) -> bytes:
        made.append("png")
        return bytes(raster(*args, **kwargs))

    monkeypatch.setattr(vlc, "vegalite_to_svg", counted_svg)
    monkeypatch.setattr(vlc, "svg_to_png", counted_raster)
    export.clear_memo()
    yield made
    export.clear_memo()


def test_a_chart_asked_for_again_is_not_drawn_again(drawings: list[str]) -> None:
    first_png, first_svg = export.to_png(_spec()), export.to_svg(_spec())
    assert export.to_png(_spec()) == first_png
    assert export.render(_spec(), "svg") == (first_svg.encode("utf-8"), "image/svg+xml")
    assert drawings == ["svg", "png"]  # laid out once, for the PNG; the SVG is that drawing


def test_another_spec_format_or_scale_is_drawn_anew(drawings: list[str]) -> None:
    export.to_png(_spec())
    export.to_png(_spec(score=2.0))
    export.to_png(_spec(), scale=1.0)  # rasterised again from the kept drawing
    export.to_svg(_spec())
    assert drawings == ["svg", "png", "svg", "png", "png"]
    assert export.to_png(_spec(score=2.0)) != export.to_png(_spec())


def test_the_memo_keeps_only_the_last_drawings(
    drawings: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "_DRAWINGS", Memo(2))
    for score in (1.0, 2.0, 3.0):  # the third drawing pushes out the first
        export.to_svg(_spec(score))
    export.to_svg(_spec(3.0))
    assert len(drawings) == 3
    export.to_svg(_spec(1.0))
    assert len(drawings) == 4


def test_a_cleared_memo_draws_again(drawings: list[str]) -> None:
    export.to_svg(_spec())
    export.clear_memo()
    export.to_svg(_spec())
    assert drawings == ["svg", "svg"]


def test_drawing_the_same_spec_twice_gives_the_same_bytes(drawings: list[str]) -> None:
    """vl-convert is deterministic: what the memo (and a re-exported site) relies on."""
    png = export.to_png(_spec())
    svg = export.to_svg(_spec())
    export.clear_memo()
    assert export.to_png(_spec()) == png
    assert export.to_svg(_spec()) == svg
    assert drawings == ["svg", "png", "svg", "png"]  # drawn twice, not recalled


def test_the_png_is_the_one_vl_convert_draws_itself() -> None:
    """Rasterising the SVG drawing gives the bytes of vl-convert's own PNG path."""
    export.clear_memo()
    spec = export.fixed_size(_spec())
    own = vlc.vegalite_to_png(spec, scale=2.0, vl_version=export.VEGALITE_VERSION)
    assert export.to_png(_spec()) == bytes(own)

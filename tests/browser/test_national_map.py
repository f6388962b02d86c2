"""The national overview's map in Chromium: on a phone its key sits below the counties."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

_BOXES = """() => {
  const svg = document.querySelector('#map-section svg.marks');
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
  };
  return {
    legend: box(svg.querySelector('.role-legend')),
    counties: [...svg.querySelectorAll('.mark-shape path')].map(box),
  };
}"""


def _overlaps(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("width", [375, 1440])
def test_the_map_key_covers_no_county(browser, live_server, artifacts, width):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/?lang=sv")
        page.wait_for_selector("#map-section svg.marks .role-legend", timeout=20_000)
        found = page.evaluate(_BOXES)
        page.locator("#map-section").screenshot(path=str(artifacts / f"national-map-{width}.png"))
    finally:
        context.close()
    assert len(found["counties"]) >= 21
    if width == 375:
        # below every county's box, Skåne's (the southernmost) included
        assert found["legend"][1] >= max(box[3] for box in found["counties"]) - 0.5
    else:
        # in the corner: it touches no county's outline box
        assert not any(_overlaps(found["legend"], box) for box in found["counties"])

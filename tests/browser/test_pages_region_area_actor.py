"""Region, strength area and actor pages in Chromium.

Charts draw, the network draws, an edit shows in coverage.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def _errors(page):  # type: ignore[no-untyped-def]
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    page.on("console", lambda msg: found.append(msg.text) if msg.type == "error" else None)
    return found


def _gap_count(page) -> int:  # type: ignore[no-untyped-def]
    return int(page.locator("#coverage-chart svg text", has_text="Lucka").count())


def _current_row(page) -> list[str]:  # type: ignore[no-untyped-def]
    """The cells of the page's own area in the coverage table (first phase first)."""
    return [t.strip() for t in page.locator("tr.is-current td").all_text_contents()]


def test_open_vasterbotten_and_see_strengths_and_bubble_chart(page, live_server, artifacts):
    errors = _errors(page)
    page.goto(live_server.url + "/region/V%C3%A4sterbotten")
    assert page.url.endswith("/region/24")
    page.wait_for_selector("#bubble-chart svg", timeout=20_000)
    assert page.locator("h1").inner_text().startswith("Västerbotten")
    assert page.locator(".strength-list > li").count() >= 5
    assert re.search(r"LQ \d,\d", page.locator(".strength-reason").first.inner_text())
    page.screenshot(path=str(artifacts / "pages-region-sv.jpg"), full_page=True)
    assert errors == []


def test_open_skoglig_bioekonomi_network_and_coverage(page, live_server, artifacts):
    errors = _errors(page)
    page.goto(live_server.url + "/region/24")
    page.get_by_role("link", name=re.compile("Skoglig bioekonomi")).click()
    page.wait_for_selector("#coverage-chart svg", timeout=20_000)
    page.wait_for_selector("[data-s3-network] canvas", timeout=20_000)
    assert page.locator("h1").inner_text() == "Skoglig bioekonomi"
    # Both mapped areas have support in every phase; the seven areas nobody has mapped yet are
    # named below the matrix, not drawn as rows of red gaps the data cannot show.
    assert _gap_count(page) == 0
    assert page.get_by_text("Inte med i matrisen, eftersom ingen stödfunktion").count() == 1
    page.screenshot(path=str(artifacts / "pages-area-sv.jpg"), full_page=True)
    assert errors == []


def test_editor_adds_a_function_and_the_coverage_matrix_changes(page, live_server, artifacts):
    errors = _errors(page)
    page.goto(live_server.url + "/login")
    page.get_by_label("Användarnamn").fill(live_server.demo_user)
    page.get_by_label("Lösenord").fill(live_server.demo_password)
    page.get_by_role("button", name="Logga in").click()
    page.goto(live_server.url + "/region/24/area/Skoglig%20bioekonomi")
    page.wait_for_selector("#coverage-chart svg", timeout=20_000)
    row_before = _current_row(page)
    assert page.get_by_text("spets saknas i tidig fas").count() == 1
    page.get_by_role("link", name=re.compile("Lundgrens Hyvleri")).click()
    page.get_by_role("link", name="Redigera aktören").click()
    page.get_by_label("Funktion", exact=True).select_option("early_phase_excellence")
    page.get_by_label("Styrkeområde", exact=True).select_option(label="Skoglig bioekonomi")
    page.get_by_label("Idé och tidig fas", exact=True).check()
    page.screenshot(path=str(artifacts / "pages-actor-form-sv.jpg"), full_page=True)
    page.get_by_role("button", name="Lägg till funktionen").click()
    page.wait_for_selector("text=Sparat.")
    page.screenshot(path=str(artifacts / "pages-actor-sv.jpg"), full_page=True)
    page.goto(live_server.url + "/region/24/area/Skoglig%20bioekonomi")
    page.wait_for_selector("#coverage-chart svg", timeout=20_000)
    page.wait_for_selector("[data-s3-network] canvas", timeout=20_000)
    row_after = _current_row(page)
    assert int(row_after[0]) == int(row_before[0]) + 1, (row_before, row_after)
    assert row_after[1:] == row_before[1:]
    assert page.get_by_text("spets saknas i tidig fas").count() == 0
    assert page.get_by_role("link", name=re.compile("Lundgrens Hyvleri")).count() >= 1
    page.screenshot(path=str(artifacts / "pages-area-after-edit-sv.jpg"), full_page=True)
    assert errors == []


def test_area_page_at_375_px_in_english(browser, live_server, artifacts):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    errors = _errors(page)
    page.goto(live_server.url + "/region/24/area/Life%20Science?lang=en")
    page.wait_for_selector("#coverage-chart svg", timeout=20_000)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 380, f"the page scrolls sideways at 375 px ({width} px)"
    assert "Coverage and gaps" in page.content()
    page.screenshot(path=str(artifacts / "pages-area-375-en.jpg"), full_page=True)
    page.goto(live_server.url + "/region/24?lang=en")
    page.wait_for_selector("#bubble-chart svg", timeout=20_000)
    page.screenshot(path=str(artifacts / "pages-region-375-en.jpg"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 380
    context.close()
    assert errors == []

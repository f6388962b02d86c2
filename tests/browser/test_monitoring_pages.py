"""The monitoring and scoreboard pages in Chromium at 1440 and 375 px.

`make test` looks at them on a phone (where a page overflows); the desktop views run with the
slow sweeps (`make test-slow`, CI)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser
WIDTHS = [pytest.param(1440, marks=pytest.mark.slow), 375]


def _errors(page):  # type: ignore[no-untyped-def]
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    page.on("console", lambda msg: found.append(msg.text) if msg.type == "error" else None)
    return found


def _sign_in(page, live_server):  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/login")
    page.get_by_label("Användarnamn").fill(live_server.demo_user)
    page.get_by_label("Lösenord").fill(live_server.demo_password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("region", "lang"), [("24", "sv"), ("20", "en")])
def test_monitoring_page_draws_its_charts_and_fits_the_screen(
    browser, live_server, artifacts, width, region, lang
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = _errors(page)
    _sign_in(page, live_server)  # the demo publishes Västerbotten only
    page.goto(f"{live_server.url}/region/{region}/monitoring?lang={lang}")
    page.wait_for_selector("#ind-rd_total-chart svg", timeout=30_000)
    assert page.locator(".indicator-card").count() >= 9
    assert page.locator(".light").count() == page.locator(".indicator-card").count()
    scroll = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(artifacts / f"monitoring-{region}-{lang}-{width}.jpg"), full_page=True)
    context.close()
    assert scroll <= width + 5, f"the page scrolls sideways at {width} px ({scroll} px)"
    assert errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_scoreboard_page_draws_and_fits_the_screen(browser, live_server, artifacts, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = _errors(page)
    page.goto(f"{live_server.url}/scoreboard")
    page.wait_for_selector("#scoreboard-chart svg", timeout=30_000)
    assert page.locator(".scoreboard-table tbody tr").count() == 21
    scroll = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(artifacts / f"scoreboard-{width}.jpg"), full_page=True)
    context.close()
    assert scroll <= width + 5, f"the page scrolls sideways at {width} px ({scroll} px)"
    assert errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_example_targets_light_up_and_say_example(browser, live_server, artifacts, width):
    from s3atlas.monitoring.examples import store_example_targets
    from s3atlas.store import open_store
    from s3atlas.workspace import resolve_workspace

    store = open_store(resolve_workspace(live_server.workspace).db_url())
    store_example_targets(store, "24")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    errors = _errors(page)
    _sign_in(page, live_server)
    page.goto(f"{live_server.url}/region/24/monitoring")
    page.wait_for_selector("#ind-new_firms_per_1000_employed-chart svg", timeout=30_000)
    lit = page.locator(".light-on-track, .light-at-risk, .light-off-track").count()
    notice = page.locator(".notice-warning").inner_text()
    scroll = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(artifacts / f"monitoring-24-examples-{width}.jpg"), full_page=True)
    context.close()
    assert lit >= 4 and "exempel" in notice.lower()
    assert scroll <= width + 5
    assert errors == []


_TOUCHING_YEARS = """() => [...document.querySelectorAll('.indicator-card .chart svg')]
.flatMap(svg => {
  const boxes = [...svg.querySelectorAll('.role-axis-label text')]
    .filter(t => Number(t.getAttribute('opacity') ?? 1) > 0)  // overlap removal hides labels
    .map(t => t.getBoundingClientRect())
    .filter(b => b.width > 0 && b.height < 20)  // the x axis: one line of labels
    .sort((a, b) => a.left - b.left);
  const rows = Object.values(Object.groupBy(boxes, b => Math.round(b.top)));
  return rows.flatMap(row => row.slice(1).filter((b, i) => b.left < row[i].right + 2)
    .map(b => b.left));
})"""


@pytest.mark.parametrize("width", WIDTHS)
def test_the_years_under_an_indicator_chart_do_not_run_together(browser, live_server, width):  # type: ignore[no-untyped-def]
    # on a wide card the time scale wrote "20112012" and "20172018"
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/region/24/monitoring?lang=sv")
    page.wait_for_selector("#ind-priority_upplevelsenaringar_lq-chart svg", timeout=30_000)
    touching = page.evaluate(_TOUCHING_YEARS)
    context.close()
    assert touching == []

"""The demo in a real browser: the national map renders, sign in, switch language, phones."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _errors(page):  # type: ignore[no-untyped-def]
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    page.on("console", lambda msg: found.append(msg.text) if msg.type == "error" else None)
    return found


def test_national_overview_draws_the_map(page, live_server, artifacts):
    errors = _errors(page)
    page.goto(live_server.url + "/")
    page.wait_for_selector("#map-section svg path", timeout=20_000)
    assert page.locator("html").get_attribute("lang") == "sv"
    assert page.locator("#map-section svg path").count() >= 21
    page.screenshot(path=str(artifacts / "national-sv.jpg"), full_page=True)
    page.select_option("#indicator", "rd_total")
    page.wait_for_url("**indicator=rd_total**")
    page.wait_for_selector("#map-section svg path", timeout=20_000)
    assert "FoU" in page.locator("#map-title").inner_text()
    assert errors == []


def test_sign_in_as_the_demo_editor_and_switch_language(page, live_server, artifacts):
    errors = _errors(page)
    page.goto(live_server.url + "/login")
    page.get_by_label("Användarnamn").fill(live_server.demo_user)
    page.get_by_label("Lösenord").fill(live_server.demo_password)
    page.screenshot(path=str(artifacts / "login-sv.png"))
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(live_server.url + "/")
    assert page.locator(".user-name").inner_text() == live_server.demo_user
    page.get_by_role("link", name="English").click()
    page.wait_for_selector("html[lang=en]")
    assert (
        page.get_by_role("heading", level=1)
        .inner_text()
        .startswith("Smart specialisation in Sweden")
    )
    page.goto(live_server.url + "/account")
    assert "Published" in page.locator("table").inner_text()  # the demo publishes Västerbotten
    page.screenshot(path=str(artifacts / "account-en.jpg"), full_page=True)
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_selector("a:has-text('Sign in')")
    assert errors == []


def test_wrong_password_is_announced(page, live_server):
    page.goto(live_server.url + "/login?lang=en")
    page.get_by_label("User name").fill("demo")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    assert page.get_by_role("alert").inner_text() == "Wrong user name or password."


def test_pages_fit_a_phone_screen(browser, live_server, artifacts):
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.wait_for_selector("#map-section svg path", timeout=20_000)
    width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(artifacts / "national-375.png"), full_page=False)
    context.close()
    assert width <= 375


def test_skip_link_is_the_first_stop(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Hoppa till innehållet"

"""A whole workshop in Chromium: the facilitator opens it, three phones (375 px) submit, the board
shows them without a reload, the facilitator accepts two and rejects one, and the strength area's
coverage matrix changes accordingly."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

AREA = "Life Science"
SUBMISSIONS = [
    # (text, function, actor): the demo's Life Science has no cluster management (a gap)
    ("Klusterledning för life science i Umeå", "cluster_management", "Testkluster Life Norr"),
    ("Klusterledning via biotech-nätverket", "cluster_management", "Testnätverket Bio"),
    ("Köp billiga klockor <b>nu</b>", "", ""),
]


def _errors(page):  # type: ignore[no-untyped-def]
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    page.on("console", lambda msg: found.append(msg.text) if msg.type == "error" else None)
    return found


def _coverage_row(page, live_server) -> list[int]:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/region/24/area/Life%20Science")
    page.wait_for_selector("#coverage-chart svg", timeout=20_000)
    return [int(t.strip()) for t in page.locator("tr.is-current td").all_text_contents()]


def _sign_in(page, live_server) -> None:  # type: ignore[no-untyped-def]
    page.goto(live_server.url + "/login")
    page.get_by_label("Användarnamn").fill(live_server.demo_user)
    page.get_by_label("Lösenord").fill(live_server.demo_password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def _participant(browser, url: str, text: str, function: str, actor: str, artifacts, n: int):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 375, "height": 800})
    phone = context.new_page()
    errors = _errors(phone)
    phone.goto(url)
    assert "Vad som sparas" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 380
    phone.get_by_label("Ditt exempel").fill(text)
    if function:
        phone.get_by_label("Vilken funktion är det?").select_option(function)
        phone.get_by_label(AREA, exact=True).check()
    if actor:
        phone.get_by_label("Vem som står för den").fill(actor)
    if n == 0:
        phone.screenshot(path=str(artifacts / "workshop-phone-375-sv.jpg"), full_page=True)
    phone.get_by_role("button", name="Skicka").click()
    phone.wait_for_selector("#ws-sent")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 380
    shown = phone.content()
    assert not [t for t, *_ in SUBMISSIONS if t != text and t in shown]  # never the others'
    context.close()
    assert errors == []


def test_a_whole_workshop(page, browser, live_server, artifacts):
    errors = _errors(page)
    _sign_in(page, live_server)
    before = _coverage_row(page, live_server)
    page.goto(live_server.url + "/region/24/workshops")
    page.get_by_label("Rubrik").fill("Bikupa Life Science")
    page.get_by_role("button", name="Öppna workshoppen").click()
    page.wait_for_selector("#join-code")
    assert page.locator(".ws-qr svg").count() == 1
    url = page.locator(".ws-url a").inner_text()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/w/[A-Z0-9]{6}", url)
    page.evaluate("window.__sameDocument = true")

    for n, (text, function, actor) in enumerate(SUBMISSIONS):
        _participant(browser, url, text, function, actor, artifacts, n)
        page.locator("#ws-board .ws-card", has_text=text.split("<")[0].strip()).wait_for(
            timeout=15_000
        )
    assert page.evaluate("window.__sameDocument") is True  # the board updated, no reload
    assert page.locator("#ws-board .ws-card").count() == 3
    assert page.locator("#ws-board b").count() == 0  # the markup in the text stayed text
    page.screenshot(path=str(artifacts / "workshop-board-sv.jpg"), full_page=True)

    for text, _function, _actor in SUBMISSIONS[:2]:
        card = page.locator("#ws-board .ws-card", has_text=text)
        card.get_by_label("Typ av aktör").select_option("cluster_organisation")
        card.get_by_role("button", name=re.compile("^Godkänn")).click()
        page.locator("#ws-board .ws-card[data-status=accepted]", has_text=text).wait_for()
    spam = page.locator("#ws-board .ws-card", has_text="Köp billiga klockor")
    spam.get_by_role("button", name=re.compile("^Avvisa")).click()
    page.locator("#ws-board .ws-card[data-status=rejected]").wait_for()
    assert page.evaluate("window.__sameDocument") is True
    page.screenshot(path=str(artifacts / "workshop-board-decided-sv.jpg"), full_page=True)

    after = _coverage_row(page, live_server)
    # cluster management was missing in every phase of Life Science; two providers of it were
    # accepted for every phase, so each phase now has one more distinct function
    assert after == [b + 1 for b in before], (before, after)
    assert page.get_by_role("link", name=re.compile("Testkluster Life Norr")).count() >= 1
    assert errors == []


def test_the_participant_page_in_english_at_375_px(browser, live_server, artifacts):
    from s3atlas.store import open_store
    from s3atlas.workshop import open_workshop
    from s3atlas.workspace import resolve_workspace

    store = open_store(resolve_workspace(live_server.workspace).db_url(None))
    code = open_workshop(store, "24", "Bikupa in English", user="demo")["join_code"]
    context = browser.new_context(viewport={"width": 375, "height": 800})
    phone = context.new_page()
    errors = _errors(phone)
    phone.goto(f"{live_server.url}/w/{code}?lang=en")
    assert phone.get_by_text("Could other regions borrow capacity from it?").count() == 1
    assert phone.get_by_role("heading", name="What is stored").count() == 1
    phone.get_by_role("button", name="Send").click()  # the example is required
    assert phone.locator("#ws-sent").count() == 0
    assert phone.evaluate("document.documentElement.scrollWidth") <= 380
    phone.screenshot(path=str(artifacts / "workshop-phone-375-en.jpg"), full_page=True)
    context.close()
    assert errors == []

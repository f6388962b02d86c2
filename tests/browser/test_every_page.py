"""Every page in both languages at 1440 and 375 px: no sideways scroll on a phone, a quiet
console, and axe-core without serious or moderate findings. Screenshots go to
``test-artifacts/pages/`` (kept by CI).

`make test` visits every page once, in Swedish on a phone (where most goes wrong); the other
three views of each page are the slow sweep (`make test-slow`, and CI runs both)."""

from __future__ import annotations

import pytest

from s3atlas.clusters.service import add_member
from s3atlas.ecosystem.store.actors import add_actor
from s3atlas.store import open_store
from s3atlas.workspace import resolve_workspace

pytestmark = pytest.mark.browser

_CLUSTER = "Testkluster Alla sidor"
VIEWS = [
    pytest.param(lang, width, id=f"{lang}-{width}", marks=() if quick else pytest.mark.slow)
    for lang in ("sv", "en")
    for width in (1440, 375)
    for quick in [(lang, width) == ("sv", 375)]
]
PAGES = {
    "national": "/",
    "priorities": "/priorities",
    "priorities-region": "/priorities/region/24",
    "region-demo": "/region/24",
    "region-other": "/region/01",
    "area-skoglig-bioekonomi": "/region/24/area/1",
    "area-without-actors": "/region/24/area/3",
    "actor": "/region/24/actor/1",
    "clusters": "/region/24/clusters",
    "cluster": f"/region/24/clusters/{_CLUSTER}",
    "monitoring": "/region/24/monitoring",
    "scoreboard": "/scoreboard",
    "borrowable": "/borrowable",
    "workshop-code": "/w",
    "login": "/login",
    "not-found": "/region/24/no-such-page",
}
_NOT_FOUND_NOTICE = "Failed to load resource: the server responded with a status of 404"


@pytest.fixture(scope="module")
def with_cluster(live_server):  # type: ignore[no-untyped-def]
    """A cluster organisation with one member firm in the demo's Västerbotten (invented)."""
    store = open_store(resolve_workspace(live_server.workspace).db_url())
    add_actor(store, "24", _CLUSTER, "cluster_organisation", user="test", allow_similar=True)
    add_member(store, _CLUSTER, "Testfirma Alla sidor", user="test", region="24")
    return live_server


@pytest.mark.parametrize(("lang", "width"), VIEWS)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_fits_is_quiet_and_passes_axe(
    browser, with_cluster, artifacts, page_check, name, lang, width
):  # type: ignore[no-untyped-def]
    url = f"{with_cluster.url}{PAGES[name]}?lang={lang}"
    shot = artifacts / "pages" / f"{name}-{lang}-{width}.jpg"
    report = page_check(browser, url, width=width, shot=shot)
    expected = 404 if name == "not-found" else 200
    assert report.status == expected, url
    console = [c for c in report.console if not (expected == 404 and _NOT_FOUND_NOTICE in c)]
    assert console == [], url
    assert report.blocking() == [], url
    if width <= 375:
        assert report.scroll_width <= width, f"{url} is {report.scroll_width} px wide"


def test_skoglig_bioekonomi_map_draws_the_seed_firms(page, live_server, artifacts):  # type: ignore[no-untyped-def]
    page.goto(f"{live_server.url}/region/24/area/1")
    page.wait_for_selector("[data-s3-network] canvas", timeout=20_000)
    drawn = page.evaluate(
        "() => document.querySelector('[data-s3-network]')._cy"
        ".nodes('.actor').map(n => n.data('label'))"
    )
    assert sorted(drawn) == sorted(
        [
            "N K Lundströms Trävaror Aktiebolag",
            "Baseco Golv Aktiebolag",
            "Drömtrappor AB",
            "Lundgrens Hyvleri AB",
            "Skogsägarna Norra Skog, Ekonomisk Förening",
        ]
    )
    page.locator("section[aria-labelledby=network-h]").screenshot(
        path=str(artifacts / "area-skoglig-bioekonomi-map.png")
    )


EDITOR_PAGES = {
    "editor-area": "/region/24/area/1",
    "editor-actor-form": "/region/24/actor/1/edit",
    "editor-activity": "/region/24/activity",
    "editor-account": "/account",
    "editor-workshops": "/region/24/workshops",
    "editor-workshop": "/region/24/workshop/{workshop}",
    "editor-workshop-board": "/region/24/workshop/{workshop}/board",
    "participant": "/w/{code}",
}


@pytest.fixture(scope="module")
def editor_state(browser, live_server):  # type: ignore[no-untyped-def]
    """The cookies of the demo editor, signed in once."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{live_server.url}/login")
    page.get_by_label("Användarnamn").fill(live_server.demo_user)
    page.get_by_label("Lösenord").fill(live_server.demo_password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{live_server.url}/")
    state = context.storage_state()
    context.close()
    return state


@pytest.fixture(scope="module")
def workshop(live_server):  # type: ignore[no-untyped-def]
    """An open workshop in the demo's Västerbotten with one submission on its board."""
    from s3atlas.workshop import open_workshop, submit

    store = open_store(resolve_workspace(live_server.workspace).db_url())
    found = open_workshop(store, "24", "Bikupa Alla sidor", user="test", hours=5)
    submit(store, found["join_code"], {"text": "Testbädd för trä"}, client="t", address="127.0.0.1")
    return found


@pytest.mark.parametrize(("lang", "width"), VIEWS)
@pytest.mark.parametrize("name", list(EDITOR_PAGES))
def test_editor_page_fits_is_quiet_and_passes_axe(  # type: ignore[no-untyped-def]
    browser, live_server, editor_state, workshop, artifacts, page_check, name, lang, width
):
    path = EDITOR_PAGES[name].format(workshop=workshop["id"], code=workshop["join_code"])
    url = f"{live_server.url}{path}?lang={lang}"
    shot = artifacts / "pages" / f"{name}-{lang}-{width}.jpg"
    report = page_check(browser, url, width=width, shot=shot, storage_state=editor_state)
    assert report.status == 200, url
    assert report.console == [], url
    assert report.blocking() == [], url
    if width <= 375:
        assert report.scroll_width <= width, f"{url} is {report.scroll_width} px wide"

"""Kept pages for anonymous visitors: own CSRF token per session, fresh after every edit."""

from __future__ import annotations

import asyncio
import gzip
import re

import httpx
import pytest
from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.testclient import TestClient
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.sessions import SessionMiddleware
from tests.asyncrun import run as run_coroutine

from s3atlas.accounts import add_user, set_published
from s3atlas.cli.web import DEMO_USER, prepare_demo
from s3atlas.ecosystem.store.queries import build_snapshot
from s3atlas.store import Store, data_fingerprint
from s3atlas.web import create_app
from s3atlas.web.page_cache import PageCacheMiddleware, _Page, shared_page
from s3atlas.workspace import resolve_workspace

HTML = {"accept": "text/html"}
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    app = create_app(tmp_path_factory.mktemp("ws"))
    add_user(app.state.context.store, "anna", PASSWORD, "viewer")
    return app


def _token(page: str) -> str:
    return re.search(r'"X-CSRF-Token": "([^"]+)"', page).group(1)


def _kept_pages(app) -> int:
    layer = app.middleware_stack
    while not isinstance(layer, PageCacheMiddleware):
        layer = layer.app
    return len(layer.pages._items)


def _visits(app, path: str, times: int = 3) -> list[str]:
    """A new anonymous visitor asks *times* times; the first visits teach and fill the cache."""
    client = TestClient(app)
    return [client.get(path, headers=HTML).text for _ in range(times)]


def test_each_anonymous_session_gets_its_own_csrf_token_from_a_kept_page(app):
    first = TestClient(app)
    for _ in range(3):
        kept = first.get("/login", headers=HTML)
    kept_before = _kept_pages(app)
    second = TestClient(app)
    page = second.get("/login", headers=HTML).text
    assert kept_before > 0 and _kept_pages(app) == kept_before  # served from the cache
    mine = second.get("/api/me").json()["csrf_token"]
    assert _token(page) == mine
    assert _token(kept.text) == first.get("/api/me").json()["csrf_token"] != mine
    assert _token(kept.text) not in page
    assert page.replace(mine, "T") == kept.text.replace(_token(kept.text), "T")


def test_the_spliced_token_passes_the_csrf_check(app):
    _visits(app, "/login")
    client = TestClient(app)
    page = client.get("/login", headers=HTML).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(
        "/login",
        data={"username": "anna", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303


def test_a_kept_page_is_gzip_compressed_like_a_fresh_one(app):
    _visits(app, "/priorities")
    client = TestClient(app)
    response = client.get("/priorities", headers={**HTML, "accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["vary"]
    assert _token(response.text) == client.get("/api/me").json()["csrf_token"]
    assert response.text.rstrip().endswith("</html>")


def _signed_in(app, username: str) -> TestClient:
    client = TestClient(app)
    token = client.get("/api/me").json()["csrf_token"]
    data = {"username": username, "password": PASSWORD, "csrf_token": token}
    assert client.post("/login", data=data, follow_redirects=False).status_code == 303
    return client


def _names_user(page: str, username: str) -> bool:
    return f'<span class="user-name">{username}</span>' in page


def test_a_signed_in_user_gets_pages_kept_for_that_user_alone(app):
    add_user(app.state.context.store, "bertil", PASSWORD, "viewer")
    anna, bertil = _signed_in(app, "anna"), _signed_in(app, "bertil")
    first = anna.get("/", headers=HTML).text
    kept = _kept_pages(app)
    again = anna.get("/", headers=HTML).text
    assert _kept_pages(app) == kept, "anna's second visit is served from her kept page"
    assert _names_user(first, "anna") and _names_user(again, "anna")
    assert _token(again) == anna.get("/api/me").json()["csrf_token"]
    other = bertil.get("/", headers=HTML).text
    assert _names_user(other, "bertil") and not _names_user(other, "anna")
    assert not _names_user(TestClient(app).get("/", headers=HTML).text, "anna")


def test_a_kept_page_is_not_served_after_signing_out(app):
    anna = _signed_in(app, "anna")
    assert _names_user(anna.get("/", headers=HTML).text, "anna")
    cookies = dict(anna.cookies)
    token = anna.get("/api/me").json()["csrf_token"]
    anna.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    replay = TestClient(app, cookies=cookies)  # the cookie saved before signing out
    assert not _names_user(replay.get("/", headers=HTML).text, "anna")


def test_closing_a_region_takes_its_kept_page_away_at_once(app):
    store = app.state.context.store
    set_published(store, "24", True)
    assert _visits(app, "/region/24")[-1].count("Västerbotten") > 0
    set_published(store, "24", False)
    response = TestClient(app).get("/region/24", headers=HTML, follow_redirects=False)
    assert response.status_code == 200, "the statistics stay public"
    assert "har inte publicerat sin ekosystemkarta" in response.text


def test_spliced_gzip_decompresses_to_the_page_with_the_token():
    body = b"<p>" + b"x" * 5000 + b"TOKEN</p><i>TOKEN</i>" + b"y" * 3000
    page = _Page.keep(200, [(b"content-type", b"text/html")], body, "TOKEN")
    packed, compressed = page.body("other-token", gzip=True)
    assert compressed
    assert gzip.decompress(packed) == body.replace(b"TOKEN", b"other-token")
    plain, compressed = page.body("other-token", gzip=False)
    assert not compressed and plain == body.replace(b"TOKEN", b"other-token")


# --- one render per page ---------------------------------------------------------------


def _counting_app(tmp_path) -> tuple[FastAPI, dict[str, int]]:
    """A shared page that takes a while to render and a page that is not shared."""
    store = Store(f"sqlite:///{tmp_path / 'store.db'}").migrate()
    renders = {"shared": 0, "plain": 0}
    app = FastAPI()

    @app.get("/shared", dependencies=[Depends(shared_page)])
    async def shared() -> HTMLResponse:
        renders["shared"] += 1
        await asyncio.sleep(0.05)  # others ask meanwhile
        return HTMLResponse("<p>" + "x" * 3000 + "</p>")

    @app.get("/plain")
    async def plain() -> HTMLResponse:
        renders["plain"] += 1
        return HTMLResponse("<p>" + "y" * 3000 + "</p>")

    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(PageCacheMiddleware, store=store)
    app.add_middleware(SessionMiddleware, secret_key="test")
    return app, renders


def _get_at_once(app: FastAPI, path: str, visitors: int) -> list[httpx.Response]:
    async def run() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            gzip_ok = {"accept-encoding": "gzip"}
            return list(
                await asyncio.gather(*(client.get(path, headers=gzip_ok) for _ in range(visitors)))
            )

    return run_coroutine(run())


def test_a_page_asked_for_twice_anonymously_is_rendered_once(tmp_path):
    app, renders = _counting_app(tmp_path)
    first, second = (_get_at_once(app, "/shared", 1)[0] for _ in range(2))
    assert renders["shared"] == 1
    assert first.text == second.text == "<p>" + "x" * 3000 + "</p>"


def test_visitors_asking_at_once_share_one_render(tmp_path):
    app, renders = _counting_app(tmp_path)
    answers = _get_at_once(app, "/shared", 10)
    assert renders["shared"] == 1
    assert {a.status_code for a in answers} == {200}
    assert {a.text for a in answers} == {"<p>" + "x" * 3000 + "</p>"}


def test_the_first_answer_is_compressed_like_the_kept_ones(tmp_path):
    app, _renders = _counting_app(tmp_path)
    first, kept = (_get_at_once(app, "/shared", 1)[0] for _ in range(2))
    assert first.headers["content-encoding"] == kept.headers["content-encoding"] == "gzip"
    assert first.text == kept.text


def test_a_page_that_is_not_shared_is_rendered_for_every_visitor(tmp_path):
    app, renders = _counting_app(tmp_path)
    answers = [_get_at_once(app, "/plain", 1)[0] for _ in range(3)]
    assert renders["plain"] == 3
    assert all(a.headers["content-encoding"] == "gzip" for a in answers)


# --- the demo's pages ------------------------------------------------------------------

DEMO_PAGES = [
    "/",
    "/login",
    "/api/regions",
    "/region/24",
    "/region/24/area/Skoglig%20bioekonomi",
    "/region/24/clusters",
    "/region/24/actor/{actor}",
    "/priorities",
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[FastAPI, list[str], str]:
    """The demo workspace (region 24 published, an editor), its pages and the password."""
    root = tmp_path_factory.mktemp("demo")
    store, password = prepare_demo(resolve_workspace(root))
    actor = build_snapshot(store, "24").actors.actor_id.iloc[0]
    pages = [p.replace("{actor}", str(actor)) for p in DEMO_PAGES]
    return create_app(root), pages, password


def _sign_in(client: TestClient, password: str) -> None:
    token = client.get("/api/me").json()["csrf_token"]
    data = {"username": DEMO_USER, "password": password, "csrf_token": token}
    assert client.post("/login", data=data, follow_redirects=False).status_code == 303


def test_the_cluster_and_actor_pages_are_kept_for_anonymous_visitors(demo):
    app, pages, _password = demo
    TestClient(app).get("/login")  # the app builds its middleware on the first request
    for path in (p for p in pages if "/clusters" in p or "/actor/" in p):
        before = _kept_pages(app)
        first = TestClient(app).get(path, headers=HTML)
        assert first.status_code == 200
        assert _kept_pages(app) == before + 1, path
        assert TestClient(app).get(path, headers=HTML).text.count("<h1") == first.text.count("<h1")


def test_reading_pages_never_moves_the_data_fingerprint(demo):
    app, pages, password = demo
    store = app.state.context.store
    before = data_fingerprint(store)
    anonymous, signed_in = TestClient(app), TestClient(app)
    _sign_in(signed_in, password)
    for client in (anonymous, signed_in):
        for path in pages:
            assert client.get(path, headers=HTML).status_code == 200, path
    assert data_fingerprint(store) == before


# --- any host --------------------------------------------------------------------------


def test_a_page_kept_at_one_address_serves_another_with_its_own_links(app):
    for _ in range(2):
        TestClient(app, base_url="http://a.example").get("/login", headers=HTML)
    kept = _kept_pages(app)
    page = TestClient(app, base_url="http://b.example:8080").get("/login", headers=HTML).text
    assert _kept_pages(app) == kept  # served from the page kept at a.example
    assert "http://b.example:8080/static/css/app.css" in page
    assert "a.example" not in page


def test_a_host_of_other_characters_is_never_kept(app):
    TestClient(app).get("/login")  # the app builds its middleware on the first request
    kept = _kept_pages(app)
    for _ in range(2):
        page = TestClient(app).get("/login", headers={**HTML, "host": "evil.example&x=1"})
        assert page.status_code == 200
    assert _kept_pages(app) == kept


def test_a_page_naming_its_host_another_way_is_not_kept(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'store.db'}").migrate()
    app = FastAPI()

    @app.get("/escaped", dependencies=[Depends(shared_page)])
    async def escaped(request: Request) -> HTMLResponse:
        address = str(request.base_url).replace("/", "\\/")  # as some JSON writers put it
        return HTMLResponse(f'<script>{{"home": "{address}"}}</script>')

    app.add_middleware(PageCacheMiddleware, store=store)
    app.add_middleware(SessionMiddleware, secret_key="test")
    first = TestClient(app, base_url="http://a.example").get("/escaped").text
    second = TestClient(app, base_url="http://b.example").get("/escaped").text
    assert "a.example" in first and "b.example" in second and "a.example" not in second


def test_spliced_gzip_carries_the_visitors_origin_and_token():
    body = b'<link href="http://a.example/s.css">' + b"x" * 5000 + b"TOKEN http://a.example/"
    page = _Page.keep(200, [], body, "TOKEN", "http://a.example/")
    expected = body.replace(b"TOKEN", b"mine").replace(b"http://a.example", b"https://b.example")
    packed, compressed = page.body("mine", gzip=True, origin="https://b.example/")
    assert compressed and gzip.decompress(packed) == expected
    assert page.body("mine", gzip=False, origin="https://b.example/") == (expected, False)


def test_a_host_that_begins_another_address_is_not_cut_there():
    body = b'<a href="http://statistik.example/">x</a><link href="http://s/app.css">'
    page = _Page.keep(200, [], body, None, "http://s/")
    plain, _compressed = page.body(None, gzip=False, origin="http://atlas.example/")
    assert plain == body.replace(b"http://s/", b"http://atlas.example/")

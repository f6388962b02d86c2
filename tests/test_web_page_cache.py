"""Kept pages for anonymous visitors: own CSRF token per session, fresh after every edit."""

from __future__ import annotations

import gzip
import re

import pytest
from fastapi.testclient import TestClient

from s3atlas.accounts import add_user, set_published
from s3atlas.web import create_app
from s3atlas.web.page_cache import PageCacheMiddleware, _Page

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


def test_signed_in_users_never_get_a_kept_page(app):
    _visits(app, "/")
    client = TestClient(app)
    token = client.get("/api/me").json()["csrf_token"]
    client.post("/login", data={"username": "anna", "password": PASSWORD, "csrf_token": token})
    page = client.get("/", headers=HTML).text
    assert "anna" in page and _token(page) == client.get("/api/me").json()["csrf_token"]


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

"""The exported static site in Chromium, served by Python's http.server and from file://:
every link resolves, no request leaves the machine, no console error, every chart and
network draws."""

from __future__ import annotations

import functools
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag

import pytest

# A sweep of the whole exported site (minutes of work): `make test-slow` and CI run it.
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("published-site")]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # Chromium closes connections it no longer needs; that is no failure of the site


@pytest.fixture(scope="module")
def site(published_site) -> Path:  # type: ignore[no-untyped-def]
    """The demo's site in both languages (tests/conftest.py exports it once)."""
    return Path(published_site.root)


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    thread.join(timeout=10)


def _watch(page):  # type: ignore[no-untyped-def]
    errors: list[str] = []
    requests: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("request", lambda request: requests.append(request.url))
    return errors, requests


def _drawn(page) -> None:  # type: ignore[no-untyped-def]
    for chart in page.locator("[data-s3-chart]").all():
        chart.locator("svg").first.wait_for(state="attached", timeout=20_000)
    for network in page.locator("[data-s3-network]").all():
        network.locator("canvas").first.wait_for(state="attached", timeout=20_000)


def test_every_page_served_over_http_works_offline(page, served: str) -> None:  # type: ignore[no-untyped-def]
    errors, requests = _watch(page)
    queue, seen, checked = [served + "index.html"], {served + "index.html"}, set()
    while queue:
        url = queue.pop(0)
        page.goto(url)
        _drawn(page)
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            target, _fragment = urldefrag(href)
            if not target.startswith(served):
                continue
            if target not in checked:
                try:
                    with urllib.request.urlopen(target) as response:
                        assert response.status == 200, target
                except urllib.error.HTTPError as error:
                    raise AssertionError(f"{url} links to {href}: {error}") from error
                checked.add(target)
            if target.endswith(".html") and target not in seen:  # pages and map files
                seen.add(target)
                queue.append(target)
    assert len(seen) > 20
    assert served + "en/region/24/index.html" in seen
    assert any("/area/1/embed" in u for u in seen) and any("/area/1/map" in u for u in seen)
    outside = [u for u in requests if not u.startswith((served, "data:", "blob:", "about:"))]
    assert outside == []
    assert errors == []


def test_region_page_draws_from_file(page, site: Path) -> None:  # type: ignore[no-untyped-def]
    errors, requests = _watch(page)
    page.goto((site / "region/24/index.html").as_uri())
    _drawn(page)
    assert page.locator("[data-s3-chart] svg").count() >= 3
    page.goto((site / "index.html").as_uri())
    page.wait_for_selector("#map-section svg path", timeout=20_000)
    assert page.locator("#map-section svg path").count() >= 21
    assert [u for u in requests if not u.startswith(("file://", "data:", "blob:", "about:"))] == []
    assert errors == []

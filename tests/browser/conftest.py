"""Browser fixtures: a live s3atlas server and Chromium.

The server is uvicorn in a thread on a free 127.0.0.1 port, serving the demo workspace.

Debian's Chromium drives the pages through Playwright; ``S3ATLAS_CHROMIUM``
points at it (default ``/usr/bin/chromium``). Tests skip with a reason when
it is absent. Screenshots go to ``test-artifacts/``.

What every page must pass: :func:`check_page` opens one URL in a fresh context of the
given width and returns a :class:`PageReport` (status, scroll width, console warnings and
errors, axe-core findings). axe-core is the unchanged npm build in ``vendor/`` (MPL-2.0,
see ``vendor/axe-core.LICENSE``); it runs through the DevTools protocol, so the page's
content security policy stays on.
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class LiveServer:
    """A running app: its base URL, workspace and the demo editor's password."""

    url: str
    workspace: Path
    demo_user: str
    demo_password: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The demo workspace served by uvicorn in a background thread."""
    import uvicorn

    from s3atlas.cli.web import DEMO_USER, prepare_demo
    from s3atlas.web import create_app
    from s3atlas.workspace import resolve_workspace

    space = resolve_workspace(tmp_path_factory.mktemp("browser-ws"))
    _store, password = prepare_demo(space)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(space.root), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start within 30 s")
        time.sleep(0.05)
    yield LiveServer(f"http://127.0.0.1:{port}", space.root, DEMO_USER, password)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium through Playwright (skips when either is missing)."""
    executable = os.environ.get("S3ATLAS_CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).exists():
        pytest.skip(f"Chromium not found at {executable} (set S3ATLAS_CHROMIUM)")
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright (python) is not installed"
    )
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    """A fresh browser context and page (desktop size) per test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots are saved."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


AXE = Path(__file__).with_name("vendor") / "axe.min.js"
_AXE_SOURCE = AXE.read_text(encoding="utf-8")
BLOCKING_IMPACTS = ("serious", "critical", "moderate")
WIDTHS = (1440, 375)
LANGUAGES = ("sv", "en")

_SETTLE = """() => new Promise((done) => {
  const pending = () => document.querySelectorAll(
    '[data-s3-chart]:not([data-drawn="1"]), [data-s3-network]:not([data-drawn="1"])').length;
  const start = Date.now();
  (function wait() {
    const drawn = [...document.querySelectorAll('[data-s3-chart][data-drawn="1"]')]
      .every((el) => el.querySelector('svg') || el.textContent.trim());
    if ((pending() === 0 && drawn) || Date.now() - start > 15000) { setTimeout(done, 100); }
    else { setTimeout(wait, 40); }
  })();
})"""

_AXE_RUN = """async () => {
  const result = await window.axe.run(document, {resultTypes: ['violations']});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map((n) => n.target.join(' '))
  }));
}"""


@dataclass
class PageReport:
    """What one visit found."""

    url: str
    status: int
    scroll_width: int
    console: list[str] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)
    screenshot: Path | None = None

    def blocking(self) -> list[str]:
        """The axe findings of moderate impact or worse, one line each."""
        return [
            f"{v['impact']} {v['id']}: {v['help']} at {v['targets']}"
            for v in self.violations
            if v["impact"] in BLOCKING_IMPACTS
        ]


def check_page(
    browser: Any,
    url: str,
    *,
    width: int,
    shot: Path | None = None,
    axe: bool = True,
    storage_state: Any = None,
    context: Any = None,
) -> PageReport:
    """Open *url* at *width* px, wait for charts and networks, then measure and run axe.

    The page opens in *context* when one is given (of that width), else in a new context.
    """
    own = context is None
    if own:
        context = browser.new_context(
            viewport={"width": width, "height": 900}, storage_state=storage_state
        )
    page = context.new_page()
    console: list[str] = []
    page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    page.on(
        "console",
        lambda msg: (
            console.append(f"{msg.type}: {msg.text}") if msg.type in ("error", "warning") else None
        ),
    )
    try:
        response = page.goto(url, wait_until="load")
        page.evaluate(_SETTLE)
        report = PageReport(
            url,
            response.status if response else 0,
            int(page.evaluate("document.documentElement.scrollWidth")),
            console,
        )
        if axe:
            page.evaluate(_AXE_SOURCE)
            report.violations = page.evaluate(_AXE_RUN)
        if shot is not None:
            shot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(shot), full_page=True, quality=85)
            report.screenshot = shot
    finally:
        page.close()
        if own:
            context.close()
    return report


@pytest.fixture(scope="module")
def page_check() -> Iterator[Any]:
    """:func:`check_page`, for tests of whole pages: each page opens in a fresh tab of one
    context per width and sign-in state (a context costs as much as the page)."""
    contexts: dict[tuple[int, str], Any] = {}

    def check(
        browser: Any, url: str, *, width: int, storage_state: Any = None, **options: Any
    ) -> PageReport:
        key = (width, json.dumps(storage_state, sort_keys=True))
        if key not in contexts:
            contexts[key] = browser.new_context(
                viewport={"width": width, "height": 900}, storage_state=storage_state
            )
        return check_page(browser, url, width=width, context=contexts[key], **options)

    yield check
    for context in contexts.values():
        context.close()

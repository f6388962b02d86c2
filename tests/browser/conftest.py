"""Browser fixtures: a live s3atlas server and Chromium.

The server is uvicorn in a thread on a free 127.0.0.1 port, serving the demo workspace.

Debian's Chromium drives the pages through Playwright; ``S3ATLAS_CHROMIUM``
points at it (default ``/usr/bin/chromium``). Tests skip with a reason when
it is absent. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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

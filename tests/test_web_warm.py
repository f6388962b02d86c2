"""A served worker computes its costly pages once at start-up, before visitors wait for them."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import s3atlas.web.views.priorities_tables as tables
import s3atlas.web.warm as warm_module
from s3atlas.web import create_app
from s3atlas.web.warm import warm


def test_after_warming_the_priorities_page_does_not_classify_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(tmp_path)
    assert warm(app, ["/priorities"]) == [200, 200]  # Swedish, then English
    calls: list[str] = []
    original = tables.classified_priorities

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append("classified")
        return original(*args, **kwargs)

    monkeypatch.setattr(tables, "classified_priorities", counting)
    with TestClient(app) as client:
        for lang in ("sv", "en"):
            assert client.get("/priorities", params={"lang": lang}).status_code == 200
    assert calls == []  # both languages were kept by the warm-up


def test_a_served_app_starts_warming_when_it_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warmed: list[tuple[Any, tuple[str, ...]]] = []
    done = threading.Event()

    def record(app: Any, pages: tuple[str, ...]) -> list[int]:
        warmed.append((app, pages))
        done.set()
        return []

    monkeypatch.setattr(warm_module, "warm", record)
    app = create_app(tmp_path, warm=True)
    with TestClient(app):
        assert done.wait(timeout=30)
    assert warmed == [(app, warm_module.WARM_PAGES)]
    assert create_app(tmp_path).router.lifespan_context is not warm_module.warming


def test_a_failing_page_does_not_stop_the_server(tmp_path: Path) -> None:
    app = create_app(tmp_path)
    assert warm(app, ["/region/999"]) == [404, 404]

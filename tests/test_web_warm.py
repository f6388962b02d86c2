"""A served worker computes its costly pages once at start-up, before it accepts visitors."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import s3atlas.present.priorities as tables
import s3atlas.web.views.priorities_page as priorities_page
import s3atlas.web.warm as warm_module
from s3atlas.accounts import add_user
from s3atlas.cli.web import prepare_demo
from s3atlas.ecosystem.store.queries import build_snapshot
from s3atlas.web import create_app
from s3atlas.web.warm import NATIONAL_PAGES, warm, warm_pages
from s3atlas.workspace import resolve_workspace


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


def test_a_served_app_has_warmed_before_it_accepts_its_first_visitor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warmed: list[tuple[str, ...]] = []

    async def slow(app: Any, pages: list[str], **_options: Any) -> list[int]:
        await asyncio.sleep(0.3)  # a warm-up beside the visitors would not be done yet
        warmed.append(tuple(pages))
        return [200, 200] * len(pages)

    monkeypatch.setattr(warm_module, "warm_app", slow)
    app = create_app(tmp_path, warm=True)
    with TestClient(app):  # the lifespan has started: the server would accept now
        assert len(warmed) == 1 and warmed[0][:3] == NATIONAL_PAGES
    assert create_app(tmp_path).router.lifespan_context is not warm_module.warming


def test_the_warm_up_says_what_it_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(warm_module, "warm_pages", lambda _store: ["/login"])
    monkeypatch.setenv("S3ATLAS_LANG", "en")
    with TestClient(create_app(tmp_path, warm=True)):
        pass
    said = capsys.readouterr().err
    assert "Preparing the pages visitors open first (1, in Swedish and English)" in said
    assert "Pages ready in" in said


def test_the_pages_warmed_are_the_national_ones_then_each_published_regions(
    tmp_path: Path,
) -> None:
    store, _password = prepare_demo(resolve_workspace(tmp_path))  # region 24 published
    snapshot = build_snapshot(store, "24")
    pages = warm_pages(store)
    assert pages[:6] == [
        "/",
        "/priorities",
        "/scoreboard",
        "/region/24",
        "/region/24/monitoring",
        "/region/24/clusters",
    ]
    areas = [f"/region/24/area/{area}" for area in snapshot.areas.area_id]
    assert pages[6:-4] == [*areas, f"/region/24/actor/{snapshot.actors.actor_id.iloc[0]}"]
    # the choice of indicator on the national page: a signed-in reader's first look at one
    # of them cost a worker 180 ms in the latency bench
    assert pages[-4:] == [
        "/?indicator=manufacturing_share",
        "/?indicator=rd_total",
        "/?indicator=rd_business",
        "/?indicator=priorities",
    ]


def test_the_warm_up_starts_no_page_after_its_time_but_the_first(tmp_path: Path) -> None:
    app = create_app(tmp_path)
    assert warm(app, ["/login", "/login", "/login"], seconds=0) == [200, 200]


def test_a_failing_page_does_not_stop_the_warm_up(tmp_path: Path) -> None:
    app = create_app(tmp_path)
    assert warm(app, ["/region/999", "/login"]) == [404, 404, 200, 200]


def test_after_the_warm_up_a_visitor_at_any_address_gets_a_kept_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warm_module, "warm_pages", lambda _store: ["/priorities"])
    app = create_app(tmp_path, warm=True)
    renders: list[str] = []
    original = priorities_page.render

    def counting(*args: Any, **kwargs: Any) -> Any:
        renders.append("render")
        return original(*args, **kwargs)

    with TestClient(app, base_url="http://atlas.example") as client:  # warmed at start-up
        monkeypatch.setattr(priorities_page, "render", counting)
        page = client.get("/priorities", headers={"accept": "text/html"})
    assert page.status_code == 200 and "http://atlas.example/static/" in page.text
    assert renders == []  # the page the warm-up kept, with this visitor's address


def test_after_the_warm_up_a_signed_in_user_does_not_classify_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warm_module, "warm_pages", lambda _store: ["/priorities"])
    app = create_app(tmp_path, warm=True)
    add_user(app.state.context.store, "anna", "correct horse battery", "viewer")
    calls: list[str] = []
    original = tables.classified_priorities

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append("classified")
        return original(*args, **kwargs)

    with TestClient(app) as client:  # warmed at start-up, anonymously and signed in
        monkeypatch.setattr(tables, "classified_priorities", counting)
        token = client.get("/api/me").json()["csrf_token"]
        data = {"username": "anna", "password": "correct horse battery", "csrf_token": token}
        assert client.post("/login", data=data, follow_redirects=False).status_code == 303
        for lang in ("sv", "en"):
            page = client.get("/priorities", params={"lang": lang}, headers={"accept": "text/html"})
            assert page.status_code == 200 and '<span class="user-name">anna</span>' in page.text
    assert calls == []  # what signed-in users see was computed by the warm-up


def test_what_the_worker_holds_after_the_warm_up_is_left_out_of_later_collections(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A full collection walked everything the worker holds (170 ms after the demo's warm-up)
    # and fell on whichever visitor's request happened to trigger it.
    monkeypatch.setattr(warm_module, "warm_pages", lambda _store: ["/login"])
    gc.unfreeze()
    try:
        with TestClient(create_app(tmp_path, warm=True)) as client:
            held = gc.get_freeze_count()
            assert held > 10_000  # the libraries and the app at least
            assert client.get("/login").status_code == 200
            assert gc.get_freeze_count() <= held  # a visit adds nothing to what is kept out
    finally:
        gc.unfreeze()  # the rest of this test process collects as before

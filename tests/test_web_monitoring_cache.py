"""The monitoring pages are kept like the others: computed once per state of the stored data."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import s3atlas.web.views.monitoring as views
from s3atlas.accounts import set_published
from s3atlas.monitoring.store import save_values
from s3atlas.present.memo import forget_memoised
from s3atlas.store import data_fingerprint
from s3atlas.web import create_app

HTML = {"accept": "text/html"}


@pytest.fixture
def app(tmp_path, monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    application = create_app(tmp_path / "ws")
    set_published(application.state.context.store, "24", True)
    return application


@pytest.fixture
def reports(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count how often the region's monitoring report is computed."""
    calls: list[str] = []
    original = views.region_report

    def counting(code: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(code)
        return original(code, *args, **kwargs)

    monkeypatch.setattr(views, "region_report", counting)
    return calls


def _value(value: float) -> pd.DataFrame:
    row = {"county_code": "24", "indicator": "rd_total", "year": 2021, "value": value}
    return pd.DataFrame([row])


def test_the_monitoring_page_is_computed_once_while_the_data_stay_the_same(app, reports):
    for host in ("a.example", "b.example"):  # two hosts: two renders of the page, one report
        page = TestClient(app, base_url=f"http://{host}").get("/region/24/monitoring")
        assert page.status_code == 200
    assert reports == ["24"]


def test_a_stored_value_is_shown_on_the_next_visit(app, reports):
    client = TestClient(app)
    assert "12345.6" not in client.get("/region/24/monitoring", headers=HTML).text
    save_values(app.state.context.store, _value(12345.6))
    assert "12345.6" in client.get("/region/24/monitoring", headers=HTML).text
    assert reports == ["24", "24"]


def test_the_monitoring_page_is_kept_and_reading_it_leaves_the_fingerprint(app, reports):
    store = app.state.context.store
    before = data_fingerprint(store)
    first = TestClient(app).get("/region/24/monitoring", headers=HTML)
    second = TestClient(app).get("/region/24/monitoring", headers=HTML)
    assert first.status_code == second.status_code == 200
    assert second.text.count("<h1") == first.text.count("<h1")
    assert reports == ["24"]
    assert data_fingerprint(store) == before


def test_the_scoreboard_is_computed_once_per_year_and_language(app, monkeypatch):
    calls: list[Any] = []
    original = views.county_scoreboard

    def counting(year: Any = None) -> Any:
        calls.append(year)
        return original(year)

    monkeypatch.setattr(views, "county_scoreboard", counting)
    forget_memoised()  # earlier tests in this process may have kept it
    for host in ("a.example", "b.example"):
        assert TestClient(app, base_url=f"http://{host}").get("/scoreboard").status_code == 200
    assert calls == [None]

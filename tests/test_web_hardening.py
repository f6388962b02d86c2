"""Hardening of the web app (issue 13): forms and paths that once crashed or leaked."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from s3atlas.accounts import add_user, set_published
from s3atlas.ecosystem.demo import load_demo
from s3atlas.ecosystem.store.queries import build_snapshot
from s3atlas.web.app import create_app

PASSWORD = "correct horse battery"
HTML = {"accept": "text/html"}


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("S3ATLAS_SECRET_KEY", "k" * 48)
    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    application = create_app(tmp_path / "ws")
    store = application.state.context.store
    load_demo(store)
    set_published(store, "24", True)
    add_user(store, "anna", PASSWORD, "editor", ["24"])
    add_user(store, "admin", PASSWORD, "admin")
    return application


@pytest.fixture
def client(app):
    return TestClient(app)


def _store(app):
    return app.state.context.store


def _actors(app) -> list[str]:
    return build_snapshot(_store(app), "24").actors.actor_id.tolist()


def _csrf(client, url="/login"):
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(url).text)
    assert found, f"no CSRF token on {url}"
    return found.group(1)


def _sign_in(client, username="anna"):
    reply = client.post(
        "/login",
        data={"username": username, "password": PASSWORD, "next": "/", "csrf_token": _csrf(client)},
        follow_redirects=False,
    )
    assert reply.status_code == 303
    return _csrf(client, "/account")


# --- issue 13.1: a provision for every phase -------------------------------------------


def test_actor_page_survives_a_provision_for_every_phase_next_to_one_for_a_phase(app, client):
    token = _sign_in(client)
    first, second = _actors(app)[:2]
    for actor, phases in ((first, []), (second, ["idea"])):
        reply = client.post(
            f"/region/24/actor/{actor}/provisions",
            data={"csrf_token": token, "function": "early_phase_excellence", "phases": phases},
            follow_redirects=False,
        )
        assert reply.status_code == 303
    assert client.get(f"/region/24/actor/{first}").status_code == 200
    assert client.get(f"/region/24/actor/{first}/edit").status_code == 200
    phases = build_snapshot(_store(app), "24").provisions.phase_code.tolist()
    assert "idea" in phases and None in phases
    assert not any(isinstance(p, float) for p in phases), "every phase is None, never NaN"


# --- issue 13.2: parameters are validated as their type ----------------------------------

ERROR_KEYS = {"error", "message", "detail"}


@pytest.mark.parametrize("bad", ["²", "9" * 30, "0", "-1", "x"])
def test_a_bad_actor_id_in_the_path_is_a_clean_422(client, bad):
    _sign_in(client)
    for path in (f"/region/24/actor/{bad}", f"/region/24/actor/{bad}/edit"):
        reply = client.get(path)
        assert reply.status_code in (404, 422), path
        assert set(reply.json()) >= ERROR_KEYS


@pytest.mark.parametrize("bad", ["²", "9" * 30])
def test_bad_numbers_in_the_actor_forms_are_refused_with_the_field_named(app, client, bad):
    token = _sign_in(client)
    actor = _actors(app)[0]
    edit = client.get(f"/region/24/actor/{actor}/edit").text
    version = re.search(r'name="version" value="(\d+)"', edit).group(1)
    base = {"csrf_token": token, "name": "Baseco Golv Aktiebolag", "kind": "firm"}
    cases = [
        (f"/region/24/actor/{actor}", {**base, "version": bad}, "version"),
        (f"/region/24/actor/{actor}", {**base, "version": version, "interest": bad}, "interest"),
        (
            f"/region/24/actor/{actor}/provisions",
            {"csrf_token": token, "function": "incubation", "area_id": bad},
            "area_id",
        ),
        (f"/region/24/actor/{bad}", {**base, "version": version}, "actor_id"),
        (f"/region/24/actor/{actor}/provisions/{bad}/delete", {"csrf_token": token}, "provision"),
    ]
    for url, data, field in cases:
        reply = client.post(url, data=data, follow_redirects=False)
        assert reply.status_code == 422, (url, field, reply.status_code)
        text = reply.text
        assert field.split("_")[0] in text, (url, field)


# --- issue 13.3: text longer than its column --------------------------------------------


def test_too_long_municipality_in_the_form_is_refused_naming_the_field(app, client):
    token = _sign_in(client)
    actor = _actors(app)[0]
    edit = client.get(f"/region/24/actor/{actor}/edit").text
    assert 'name="municipality" maxlength="120"' in edit, "the form limit comes from the schema"
    version = re.search(r'name="version" value="(\d+)"', edit).group(1)
    reply = client.post(
        f"/region/24/actor/{actor}",
        data={
            "csrf_token": token,
            "version": version,
            "name": "Baseco Golv Aktiebolag",
            "kind": "firm",
            "municipality": "m" * 121,
        },
    )
    assert reply.status_code == 422
    assert "municipality" in reply.text and "högst 120 tecken" in reply.text


# --- issue 13.6: formula injection in downloads -----------------------------------------


def test_web_downloads_guard_a_formula_in_an_actor_name(app, client):
    import io

    import openpyxl

    from s3atlas.ecosystem.store.actors import add_actor
    from s3atlas.ecosystem.store.service import add_provision

    store = _store(app)
    area = build_snapshot(store, "24").areas.set_index("name").loc["Skoglig bioekonomi", "area_id"]
    actor = add_actor(store, "24", '=HYPERLINK("http://x")', "firm", user="anna")
    add_provision(store, "24", "incubation", user="anna", actor_id=actor["id"], area_id=int(area))
    text = client.get(f"/region/24/download/functions.csv?area={area}").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text.replace('""', '"')
    assert not re.search(r'(^|[,\n])"?=HYPERLINK', text)
    body = client.get(f"/region/24/download/functions.xlsx?area={area}").content
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    assert any("'=HYPERLINK" in str(c.value) for row in sheet.iter_rows() for c in row)


# --- issue 13.7: sessions end on the server ---------------------------------------------


def _me(client) -> str | None:
    user = client.get("/api/me").json()["user"]
    return user["username"] if user else None


def _copy(client) -> TestClient:
    twin = TestClient(client.app)
    twin.cookies.update(client.cookies)
    return twin


def test_a_cookie_saved_before_sign_out_no_longer_signs_in(app, client):
    token = _sign_in(client, "admin")
    saved = _copy(client)
    assert _me(saved) == "admin"
    assert client.post("/logout", data={"csrf_token": token}).status_code in (200, 303)
    assert _me(saved) is None
    reply = saved.put(
        "/api/regions/24/published", json={"published": False}, headers={"x-csrf-token": token}
    )
    assert reply.status_code == 401


def test_a_new_password_or_role_ends_every_session_of_the_user(app, client):
    from s3atlas.accounts import set_password, set_role

    _sign_in(client, "anna")
    other = TestClient(app)
    _sign_in(other, "admin")
    set_password(_store(app), "anna", "another long passphrase")
    assert _me(client) is None and _me(other) == "admin"
    _sign_in(other, "admin")
    set_role(_store(app), "admin", "viewer")
    assert _me(other) is None


def test_the_session_cookie_holds_no_user_id(app, client):
    _sign_in(client)
    from s3atlas.accounts.sessions import SignInSession

    with _store(app).read() as session:
        stored = session.query(SignInSession).one()
    assert len(stored.token_hash) == 64 and stored.user_id


# --- issue 13.10: websites, headers on 500, HEAD ----------------------------------------


def test_only_http_and_https_websites_are_stored_and_linked(app, client):
    token = _sign_in(client)
    actor = _actors(app)[0]
    edit = client.get(f"/region/24/actor/{actor}/edit").text
    version = re.search(r'name="version" value="(\d+)"', edit).group(1)
    form = {"csrf_token": token, "version": version, "name": "Baseco Golv Aktiebolag"}
    bad = {**form, "website": "javascript:alert(1)"}
    reply = client.post(f"/region/24/actor/{actor}", data=bad)
    assert reply.status_code == 422 and "http:// eller https://" in reply.text
    from sqlalchemy import update

    from s3atlas.ecosystem.store.models import Actor

    with _store(app).transaction() as session:  # a value stored before the rule
        session.execute(update(Actor).where(Actor.id == int(actor)).values(website="javascript:x"))
    page = client.get(f"/region/24/actor/{actor}").text
    assert 'href="javascript:' not in page


def _boom():
    raise RuntimeError("boom")


@pytest.mark.parametrize("path", ["/boom", "/api/boom"])
def test_a_server_error_keeps_the_security_headers_and_the_error_shape(app, path):
    api = next(r.app for r in app.routes if getattr(r, "path", "") == "/api")
    app.add_api_route("/boom", _boom)
    api.add_api_route("/boom", _boom)
    client = TestClient(app, raise_server_exceptions=True)
    reply = client.get(path)
    assert reply.status_code == 500
    assert reply.json()["error"] == "internal"
    assert reply.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in reply.headers["content-security-policy"]
    html = client.get(path, headers=HTML)
    assert html.status_code == 500 and "content-security-policy" in html.headers


@pytest.mark.parametrize("path", ["/", "/login", "/region/24", "/api/regions", "/static/js/app.js"])
def test_head_is_answered_like_get_without_a_body(client, path):
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]


# --- issue 13.9 / 15.1: one publishing check ----------------------------------------------

SECRET = "Hemlig utkastprioritering för test"


def test_statistics_are_public_but_an_unpublished_map_says_so(app, client):
    set_published(_store(app), "24", False)
    area = build_snapshot(_store(app), "24").areas.area_id.iloc[0]
    actor = _actors(app)[0]
    page = client.get("/region/24", headers=HTML)
    assert page.status_code == 200
    assert "har inte publicerat sin ekosystemkarta" in page.text
    assert f"/region/24/area/{area}" not in page.text
    for path in (
        f"/region/24/area/{area}",
        f"/region/24/actor/{actor}",
        "/region/24/clusters",
        f"/region/24/download/coverage.csv?area={area}",
        "/region/24/download/clusters.csv",
    ):
        html = client.get(path, headers=HTML, follow_redirects=False)
        assert html.status_code == 403, path
        assert "har inte publicerat sin ekosystemkarta" in html.text, path
        assert "/login" in html.text and 'name="password"' not in html.text, path
        reply = client.get(path).json()
        assert reply["error"] == "not_published", path
        assert reply["message"].startswith("Västerbottens län har inte publicerat"), path
    for path in ("/region/24/download/strengths.csv", "/region/24/chart/bubble.svg"):
        assert client.get(path).status_code == 200, path
    _sign_in(client)
    assert client.get(f"/region/24/area/{area}").status_code == 200


def _priority_reads(client) -> dict[str, str]:
    paths = [
        "/",
        "/priorities",
        "/priorities/region/25",
        "/api/priorities",
        "/api/regions/25",
        "/api/priorities/themes",
        "/national/download/priorities.csv",
        "/priorities/download/classification.csv",
    ]
    out = {}
    for path in paths:
        reply = client.get(path, headers=HTML)
        assert reply.status_code == 200, path
        out[path] = reply.content.decode("utf-8-sig")
    return out


def test_an_unpublished_regions_stored_priority_list_is_hidden_everywhere(app, client):
    from s3atlas.priorities.versions import replace_priorities

    replace_priorities(_store(app), {"25": [SECRET, "Skogsnäring"]})
    anonymous = _priority_reads(client)
    assert not [p for p, text in anonymous.items() if SECRET in text]
    assert "Teknik- och tjänsteutveckling inom industrin" in anonymous["/"], "bundled lists stay"
    _sign_in(client)
    signed_in = _priority_reads(client)
    assert [p for p, text in signed_in.items() if SECRET in text]
    set_published(_store(app), "25", True)
    published = _priority_reads(TestClient(app))
    for path in ("/priorities/region/25", "/api/priorities", "/national/download/priorities.csv"):
        assert SECRET in published[path], path


# --- issue 13.8: 40 simultaneous wrong sign-ins ------------------------------------------


def test_simultaneous_wrong_sign_ins_get_at_most_five_password_checks(app, monkeypatch):
    from concurrent.futures import ThreadPoolExecutor

    import s3atlas.web.views.auth_views as views

    checks = []
    real = views.authenticate

    def counted(*args, **kwargs):
        checks.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "authenticate", counted)
    clients = [TestClient(app) for _ in range(40)]
    tokens = [_csrf(c) for c in clients]

    def attempt(i: int) -> int:
        form = {"username": "anna", "password": "wrong password", "csrf_token": tokens[i]}
        return clients[i].post("/login", data=form).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(attempt, range(40)))
    assert len(checks) == 5
    assert statuses.count(401) == 5 and statuses.count(429) == 35

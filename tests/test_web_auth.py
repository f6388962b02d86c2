"""Accounts and permissions through the in-process client.

Sign-in, roles, CSRF, rate limit, publishing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from s3atlas.accounts import (
    add_user,
    authenticate,
    list_users,
    remove_user,
    set_published,
    set_role,
)
from s3atlas.errors import ConflictError, InputError, NotFoundError
from s3atlas.web import create_app
from s3atlas.web.deps import get_context

PASSWORD = "correct horse battery"
HTML = {"accept": "text/html"}


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    application = create_app(tmp_path / "ws")
    store = application.state.context.store
    add_user(store, "admin", PASSWORD, "admin")
    add_user(store, "anna", PASSWORD, "editor", ["24"])
    add_user(store, "bo", PASSWORD, "editor", ["25"])
    add_user(store, "vera", PASSWORD, "viewer")
    return application


def _token(client: TestClient) -> str:
    page = client.get("/login", headers=HTML).text
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _login(client: TestClient, username: str, password: str = PASSWORD) -> TestClient:
    response = client.post(
        "/login",
        data={
            "username": username,
            "password": password,
            "csrf_token": _token(client),
            "next": "/account",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return client


def _api_token(client: TestClient) -> str:
    return client.get("/api/me").json()["csrf_token"]


def test_password_is_stored_only_as_an_argon2_hash(app):
    store = app.state.context.store
    with store.read() as session:
        from s3atlas.accounts import User

        stored = session.query(User).filter_by(username="anna").one().password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert authenticate(store, "anna", PASSWORD).role == "editor"
    assert authenticate(store, "anna", "wrong password") is None
    assert authenticate(store, "nobody", PASSWORD) is None


def test_the_application_hashes_with_the_rfc_9106_low_memory_parameters() -> None:
    """The suite hashes at the smallest cost (tests/conftest.py); the application does not."""
    from argon2 import PasswordHasher

    from s3atlas.accounts.users import HASH_PARAMETERS

    hashed = PasswordHasher.from_parameters(HASH_PARAMETERS).hash(PASSWORD)
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_user_management_validates_at_the_boundary(app):
    store = app.state.context.store
    with pytest.raises(ConflictError, match="finns redan en användare"):
        add_user(store, "anna", PASSWORD, "viewer")
    with pytest.raises(InputError, match="minst 8 tecken"):
        add_user(store, "kim", "short", "viewer")
    with pytest.raises(InputError, match="okänd roll"):
        add_user(store, "kim", PASSWORD, "owner")
    with pytest.raises(InputError, match="behöver minst en region"):
        set_role(store, "vera", "editor")
    with pytest.raises(NotFoundError, match="ingen användare heter så"):
        remove_user(store, "kim")
    set_role(store, "vera", "editor", ["Västerbotten"])
    assert list_users(store).set_index("username").loc["vera", "regions"] == "24"


def test_sign_in_sets_an_http_only_samesite_session_cookie(app):
    client = TestClient(app)
    response = client.post(
        "/login",
        data={"username": "anna", "password": PASSWORD, "csrf_token": _token(client)},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/"
    cookie = response.headers["set-cookie"].lower()
    assert "s3atlas_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert client.get("/api/me").json()["user"] == {
        "username": "anna",
        "role": "editor",
        "regions": ["24"],
    }


def test_secure_cookies_are_marked_secure(tmp_path):
    client = TestClient(
        create_app(tmp_path / "ws", secure_cookies=True), base_url="https://testserver"
    )
    response = client.get("/login", headers=HTML)
    assert "secure" in response.headers["set-cookie"].lower()


def test_wrong_password_shows_the_form_again_with_401(app):
    client = TestClient(app)
    response = client.post(
        "/login",
        data={"username": "anna", "password": "nope nope", "csrf_token": _token(client)},
        headers=HTML,
    )
    assert response.status_code == 401
    assert "Fel användarnamn eller lösenord." in response.text
    assert client.get("/api/me").json()["user"] is None


def test_login_is_rate_limited_after_five_failures(app):
    client = TestClient(app)
    token = _token(client)
    for _ in range(5):
        response = client.post(
            "/login", data={"username": "anna", "password": "bad password", "csrf_token": token}
        )
        assert response.status_code == 401
    response = client.post(
        "/login", data={"username": "anna", "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 429
    assert int(response.headers["retry-after"]) > 0
    assert response.json()["error"] == "rate_limited"
    # another user name from the same client is not locked out
    other = client.post(
        "/login",
        data={"username": "bo", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert other.status_code == 303


def test_forms_without_csrf_token_are_refused(app):
    client = TestClient(app)
    response = client.post("/login", data={"username": "anna", "password": PASSWORD})
    assert response.status_code == 403
    assert response.json()["error"] == "csrf_failed"
    _login(client, "anna")
    assert client.post("/account/regions/24/published", data={"published": "1"}).status_code == 403
    assert (
        client.post(
            "/account/regions/24/published", data={"published": "1", "csrf_token": "forged"}
        ).status_code
        == 403
    )
    assert client.put("/api/regions/24/published", json={"published": True}).status_code == 403


def test_csrf_token_changes_at_sign_in(app):
    client = TestClient(app)
    before = _token(client)
    _login(client, "anna")
    assert _api_token(client) != before


def test_editor_publishes_own_region_but_not_another(app):
    client = _login(TestClient(app), "anna")
    token = _api_token(client)
    ok = client.post(
        "/account/regions/24/published",
        data={"published": "1", "csrf_token": token},
        follow_redirects=False,
    )
    assert ok.status_code == 303
    denied = client.post(
        "/account/regions/25/published", data={"published": "1", "csrf_token": token}
    )
    assert denied.status_code == 403 and denied.json()["error"] == "forbidden"
    api_denied = client.put(
        "/api/regions/25/published", json={"published": True}, headers={"x-csrf-token": token}
    )
    assert api_denied.status_code == 403
    assert (
        client.get("/api/regions").json()[
            [r["code"] for r in client.get("/api/regions").json()].index("24")
        ]["published"]
        is True
    )


def test_viewer_cannot_edit_any_region(app):
    client = _login(TestClient(app), "vera")
    token = _api_token(client)
    response = client.put(
        "/api/regions/24/published", json={"published": True}, headers={"x-csrf-token": token}
    )
    assert response.status_code == 403
    assert response.json() == {
        "error": "forbidden",
        "message": "värde '24': Du får inte redigera region 24.",
        "detail": "Du får inte redigera region 24.",
        "value": "24",
    }


def test_admin_edits_every_region(app):
    client = _login(TestClient(app), "admin")
    token = _api_token(client)
    response = client.put(
        "/api/regions/01/published", json={"published": True}, headers={"x-csrf-token": token}
    )
    assert response.status_code == 200 and response.json() == {"code": "01", "published": True}
    account = client.get("/account", headers=HTML).text
    assert account.count('action="/account/regions/') == 21


def test_anonymous_writes_need_a_sign_in(app):
    client = TestClient(app)
    token = _api_token(client)
    response = client.put(
        "/api/regions/24/published", json={"published": True}, headers={"x-csrf-token": token}
    )
    assert response.status_code == 401 and response.json()["error"] == "unauthenticated"


def test_statistics_are_public_and_the_map_follows_publishing(app):
    set_published(get_context_store(app), "24", True)
    client = TestClient(app)
    assert client.get("/api/regions/24").status_code == 200
    assert client.get("/api/regions/25").status_code == 200, "statistics are public"
    listing = {r["code"]: r for r in client.get("/api/regions").json()}
    assert listing["24"]["map_readable"] and not listing["25"]["map_readable"]
    assert listing["25"]["readable"]
    signed_in = _login(TestClient(app), "vera")
    assert {r["code"]: r for r in signed_in.get("/api/regions").json()}["25"]["map_readable"]


def test_anonymous_browser_is_sent_to_sign_in(app):
    client = TestClient(app)
    response = client.get("/account", headers=HTML, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/account"


def test_sign_in_never_redirects_off_site(app):
    client = TestClient(app)
    response = client.post(
        "/login",
        data={
            "username": "anna",
            "password": PASSWORD,
            "csrf_token": _token(client),
            "next": "https://evil.example/",
        },
        follow_redirects=False,
    )
    assert response.headers["location"] == "/"


def test_sign_out_forgets_the_user(app):
    client = _login(TestClient(app), "anna")
    response = client.post(
        "/logout", data={"csrf_token": _api_token(client)}, follow_redirects=False
    )
    assert response.status_code == 303
    assert client.get("/api/me").json()["user"] is None


def test_removed_user_is_anonymous_on_the_next_request(app):
    client = _login(TestClient(app), "bo")
    remove_user(get_context_store(app), "bo")
    assert client.get("/api/me").json()["user"] is None


def get_context_store(app):
    return app.state.context.store


def test_get_context_reads_the_app_state(app):
    class Request:
        pass

    request = Request()
    request.app = app  # type: ignore[attr-defined]
    assert get_context(request).store is app.state.context.store  # type: ignore[arg-type]

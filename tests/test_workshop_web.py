"""Workshop pages through the app: the facilitator's page with code, URL and QR code, the board,
the participants' page without an account, CSRF, escaping, hostile input and rate limits."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from s3atlas.ecosystem.analysis.coverage import coverage_by_function
from s3atlas.ecosystem.demo import load_demo
from s3atlas.ecosystem.store.queries import build_snapshot
from s3atlas.web.app import create_app
from s3atlas.web.auth import add_user
from s3atlas.web.views import workshop as views
from s3atlas.workshop import Limits, submissions_frame

PASSWORD = "correct horse battery"
HTMX = {"HX-Request": "true"}
"""The header htmx sends with the board's poll."""
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("S3ATLAS_SECRET_KEY", "k" * 48)
    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    application = create_app(tmp_path / "ws")
    store = application.state.context.store
    store.migrate()
    load_demo(store)
    add_user(store, "anna", PASSWORD, "editor", ["24"])
    add_user(store, "olle", PASSWORD, "editor", ["25"])
    return application


def _store(app):
    return app.state.context.store


def _token(client, url):
    page = client.get(url)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, f"no CSRF token on {url}"
    return found.group(1)


def _signed_in(app, username="anna"):
    client = TestClient(app)
    reply = client.post(
        "/login",
        data={
            "username": username,
            "password": PASSWORD,
            "next": "/",
            "csrf_token": _token(client, "/login"),
        },
        follow_redirects=False,
    )
    assert reply.status_code == 303
    return client


def _open(client, title="Bikupa Umeå"):
    token = _token(client, "/region/24/workshops")
    reply = client.post(
        "/region/24/workshops",
        data={
            "csrf_token": token,
            "title": title,
            "hours": "2",
            "questions_sv": "",
            "questions_en": "",
        },
        follow_redirects=False,
    )
    assert reply.status_code == 303, reply.text
    page = client.get(reply.headers["location"])
    code = re.search(r'id="join-code">([A-Z0-9]+)<', page.text).group(1)
    return reply.headers["location"], code, page


def _send(client, code, **values):
    token = _token(client, f"/w/{code}")
    return client.post(
        f"/w/{code}",
        data={"csrf_token": token, "text": "Ett exempel", **values},
        follow_redirects=False,
    )


def test_facilitator_page_shows_code_url_qr_and_the_questions(app):
    _url, code, page = _open(_signed_in(app))
    assert page.status_code == 200
    assert f"http://testserver/w/{code}" in page.text
    assert re.search(r'<figure class="ws-qr"[^>]*><svg', page.text)
    assert "systemunik funktion" in page.text
    assert 'hx-trigger="every 3s' in page.text


def test_the_board_address_opened_directly_gives_the_whole_page(app):
    facilitator = _signed_in(app)
    url, code, _page = _open(facilitator)
    direct = facilitator.get(url + "/board")
    assert direct.status_code == 200
    assert direct.text.lstrip().lower().startswith("<!doctype html")
    assert f'id="join-code">{code}<' in direct.text
    assert 'id="ws-board"' in direct.text
    polled = facilitator.get(url + "/board", headers=HTMX)
    assert polled.status_code == 200
    assert "<html" not in polled.text and 'id="join-code"' not in polled.text


def test_only_an_editor_of_the_region_opens_or_sees_workshops(app):
    url, _code, _page = _open(_signed_in(app))
    anonymous = TestClient(app)
    assert anonymous.get(url, headers={"accept": "application/json"}).status_code == 401
    assert anonymous.get(url + "/board", headers={"accept": "application/json"}).status_code == 401
    other = _signed_in(app, "olle")
    assert other.get(url, headers={"accept": "application/json"}).status_code == 403
    assert other.get(url + "/summary.xlsx").status_code == 403


def test_a_participant_needs_no_account_and_sees_what_is_stored(app):
    _url, code, _page = _open(_signed_in(app))
    phone = TestClient(app)
    page = phone.get(f"/w/{code}")
    assert page.status_code == 200
    assert "Vad som sparas" in page.text and "Ge ett exempel" in page.text
    reply = _send(phone, code, function="incubation", author="Kim")
    assert reply.status_code == 303 and reply.headers["location"] == f"/w/{code}?sent=1"
    assert "Tack!" in phone.get(reply.headers["location"]).text
    english = phone.get(f"/w/{code}?lang=en")
    assert "What is stored" in english.text and "borrow capacity" in english.text


def test_a_participant_never_sees_what_others_sent(app):
    url, code, _page = _open(_signed_in(app))
    first, second = TestClient(app), TestClient(app)
    _send(first, code, text="Hemlig idé från första deltagaren")
    page = second.get(f"/w/{code}")
    assert "Hemlig idé" not in page.text
    reply = _send(second, code, text="")  # a refused form shows only the sender's own input
    assert reply.status_code == 422 and "Hemlig idé" not in reply.text
    assert second.get(url + "/board", headers={"accept": "application/json"}).status_code == 401


def test_every_form_needs_the_csrf_token(app):
    facilitator = _signed_in(app)
    url, code, _page = _open(facilitator)
    phone = TestClient(app)
    phone.get(f"/w/{code}")
    no_token = phone.post(f"/w/{code}", data={"text": "x"}, headers={"accept": "application/json"})
    assert no_token.status_code == 403
    forged = facilitator.post(
        "/region/24/workshops",
        data={"title": "x", "csrf_token": "forged"},
        headers={"accept": "application/json"},
    )
    assert forged.status_code == 403
    assert submissions_frame(_store(app), int(url.rsplit("/", 1)[1])).empty


def test_hostile_text_is_escaped_on_the_board_and_the_participant_page(app):
    facilitator = _signed_in(app)
    url, code, _page = _open(facilitator)
    phone = TestClient(app)
    assert (
        _send(phone, code, text=HOSTILE, actor_name=HOSTILE, home_region=HOSTILE).status_code == 303
    )
    board = facilitator.get(url + "/board", headers=HTMX).text
    assert "<script>alert" not in board and "<img src=x" not in board
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in board
    refused = _send(phone, code, text=HOSTILE, function=HOSTILE)
    assert refused.status_code == 422
    assert "<script>alert" not in refused.text and "&lt;script&gt;" in refused.text


@pytest.mark.parametrize(
    ("values", "status"),
    [
        ({"text": "x" * 1001}, 422),
        ({"function": "'; DROP TABLE ws_submissions; --"}, 422),
        ({"areas": ["../../etc/passwd"]}, 422),
        ({"question": "99999999999999999999"}, 422),
        ({"borrowable": "\x00yes"}, 303),
        ({"text": "ok\x00\x07"}, 303),
    ],
)
def test_hostile_fields_are_refused_or_cleaned(app, values, status):
    url, code, _page = _open(_signed_in(app))
    reply = _send(TestClient(app), code, **values)
    assert reply.status_code == status
    texts = submissions_frame(_store(app), int(url.rsplit("/", 1)[1]))["text"].tolist()
    assert texts == (
        []
        if status == 422
        else [values.get("text", "Ett exempel").replace("\x00", "").replace("\x07", "")]
    )


def test_an_oversized_form_is_refused_and_nothing_is_stored(app, monkeypatch):
    monkeypatch.setattr(views, "LIMITS", [Limits(max_body=2000)])
    url, code, _page = _open(_signed_in(app))
    reply = _send(TestClient(app), code, text="å" * 900, organisation="o" * 200)
    assert reply.status_code == 413
    assert submissions_frame(_store(app), int(url.rsplit("/", 1)[1])).empty


def test_one_phone_is_rate_limited_and_another_still_gets_through(app, monkeypatch):
    monkeypatch.setattr(views, "LIMITS", [Limits(per_client=2, per_address=100)])
    _url, code, _page = _open(_signed_in(app))
    phone = TestClient(app)
    assert [_send(phone, code).status_code for _ in range(3)] == [303, 303, 429]
    limited = _send(phone, code)
    assert limited.headers["retry-after"] == "60"
    assert "Vänta" in limited.text or "vänta" in limited.text
    assert _send(TestClient(app), code).status_code == 303


def test_the_workshop_is_rate_limited_across_phones(app, monkeypatch):
    monkeypatch.setattr(views, "LIMITS", [Limits(per_client=10, per_address=100, per_workshop=3)])
    _url, code, _page = _open(_signed_in(app))
    replies = [_send(TestClient(app), code).status_code for _ in range(4)]
    assert replies == [303, 303, 303, 429]


def test_a_closed_workshop_refuses_its_join_code(app):
    facilitator = _signed_in(app)
    url, code, _page = _open(facilitator)
    token = _token(facilitator, url)
    facilitator.post(url + "/close", data={"csrf_token": token})
    phone = TestClient(app)
    page = phone.get(f"/w/{code}")
    assert page.status_code == 404 and "stängt" in page.text
    assert "Ge ett exempel" not in page.text


def test_the_board_groups_by_function_and_accept_changes_the_coverage(app):
    facilitator = _signed_in(app)
    url, code, _page = _open(facilitator)
    key = _area_key(app, "Skoglig bioekonomi")
    phone = TestClient(app)
    _send(
        phone,
        code,
        text="Forskning i tidig fas",
        function="early_phase_excellence",
        areas=[key],
        actor_name="Testinstitutet Trä",
    )
    _send(phone, code, text="Skräp")
    board = facilitator.get(url + "/board", headers=HTMX)
    assert "<html" not in board.text
    groups = re.findall(r'<section class="ws-group" aria-label="([^"]+)"', board.text)
    assert groups == ["Forskning och spets i tidig fas", "Funktion inte vald än"]
    before = _coverage(app, "Skoglig bioekonomi")
    ids = submissions_frame(_store(app), int(url.rsplit("/", 1)[1]))["id"].tolist()
    token = _token(facilitator, url)
    accepted = facilitator.post(
        f"{url}/submission/{ids[0]}/accept",
        data={"csrf_token": token, "kind": "research_institute"},
        headers={"hx-request": "true"},
    )
    assert accepted.status_code == 200 and "<html" not in accepted.text
    assert 'data-status="accepted"' in accepted.text
    rejected = facilitator.post(
        f"{url}/submission/{ids[1]}/reject", data={"csrf_token": token}, follow_redirects=False
    )
    assert rejected.status_code == 303
    # one new provider of "early phase excellence" in the area: hand count before + 1
    assert _coverage(app, "Skoglig bioekonomi") == before + 1
    actors = build_snapshot(_store(app), "24").actors
    assert "Testinstitutet Trä" in set(actors.name)  # the accepted example's actor is in the map
    summary = facilitator.get(url + "/summary.xlsx")
    table = pd.read_excel(io.BytesIO(summary.content), sheet_name="Bidrag")
    assert table["Status"].tolist() == ["Godkänt", "Avvisat"]


def test_accepting_without_a_function_says_why_on_the_board(app):
    facilitator = _signed_in(app)
    url, code, _page = _open(facilitator)
    _send(TestClient(app), code)
    sid = submissions_frame(_store(app), int(url.rsplit("/", 1)[1]))["id"].iloc[0]
    token = _token(facilitator, url)
    reply = facilitator.post(
        f"{url}/submission/{sid}/accept", data={"csrf_token": token}, headers={"hx-request": "true"}
    )
    assert "Välj funktionen" in reply.text
    unknown = facilitator.post(
        f"{url}/submission/{sid}/explode", data={"csrf_token": token}, follow_redirects=False
    )
    assert unknown.status_code == 422


def _area_key(app, name):
    from s3atlas.ecosystem.store.models import StrengthArea

    area_id = int(build_snapshot(_store(app), "24").areas.set_index("name").loc[name, "area_id"])
    with _store(app).read() as session:
        return session.get(StrengthArea, area_id).key


def _coverage(app, area):
    matrix = coverage_by_function(build_snapshot(_store(app), "24")).set_index("area")
    return int(matrix.loc[area, "early_phase_excellence"])


def test_the_region_page_links_its_editors_to_the_workshops(app):
    assert 'href="/region/24/workshops"' in _signed_in(app).get("/region/24").text
    assert 'href="/region/24/workshops"' not in _signed_in(app, "olle").get("/region/24").text


def test_the_activity_log_shows_the_workshop_in_words(app):
    facilitator = _signed_in(app)
    url, code, _page = _open(facilitator)
    _send(TestClient(app), code)
    sid = submissions_frame(_store(app), int(url.rsplit("/", 1)[1]))["id"].iloc[0]
    facilitator.post(
        f"{url}/submission/{sid}/reject", data={"csrf_token": _token(facilitator, url)}
    )
    log = facilitator.get("/region/24/activity").text
    for words in ("Öppnad", "Skickat", "Avvisat", "Workshopbidrag"):
        assert f"<td>{words}</td>" in log, words


def test_the_code_form_sends_a_participant_to_the_workshop(app):
    _url, code, _page = _open(_signed_in(app))
    phone = TestClient(app)
    assert "Deltagarkod" in phone.get("/w").text
    typed = phone.get(f"/w?code= {code.lower()} ", follow_redirects=False)
    assert typed.headers["location"] == f"/w/{code}"
    assert phone.get(typed.headers["location"]).status_code == 200


def test_a_participant_cannot_decide_on_submissions(app):
    url, code, _page = _open(_signed_in(app))
    phone = TestClient(app)
    _send(phone, code)
    sid = submissions_frame(_store(app), int(url.rsplit("/", 1)[1]))["id"].iloc[0]
    token = _token(phone, f"/w/{code}")
    for action in ("accept", "reject", "edit", "merge"):
        reply = phone.post(
            f"{url}/submission/{sid}/{action}",
            data={"csrf_token": token, "text": "kapat"},
            headers={"accept": "application/json"},
        )
        assert reply.status_code == 401, action
    assert submissions_frame(_store(app), int(url.rsplit("/", 1)[1]))["status"].tolist() == [
        "pending"
    ]


def test_the_facilitator_page_and_board_in_english(app):
    facilitator = _signed_in(app)
    url, code, _page = _open(facilitator)
    _send(TestClient(app), code, function="incubation", borrowable="conditions")
    page = facilitator.get(url + "?lang=en").text
    for words in ("Join on your phone", "Live board", "Summary (Excel)", "Incubation"):
        assert words in page, words
    assert "Can other regions borrow it? With conditions" in page
    assert "Delta med din telefon" not in page

"""Error pages a person reads: the reason in Swedish or English, no code names, nothing lost."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from s3atlas.errors import InputError, NotFoundError
from s3atlas.i18n import use_language
from s3atlas.web import create_app
from s3atlas.web.errors import page_text

HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return TestClient(create_app(tmp_path_factory.mktemp("ws")), raise_server_exceptions=False)


def _card(html: str) -> str:
    found = re.search(r'<div class="card"[^>]*>(.*?)</div>', html, re.S)
    assert found, html[:400]
    return re.sub(r"<[^>]+>", " ", found.group(1))


def test_unknown_region_page_says_so_in_swedish_without_developer_text(client):
    reply = client.get("/region/999?lang=sv", headers=HTML)
    card = _card(reply.text)
    assert reply.status_code == 404
    assert "Okänd region." in card and "Du angav: 999" in card
    assert "värde '999'" not in reply.text and "not_found" not in card
    assert "Felkod" not in reply.text


def test_unknown_region_page_in_english(client):
    card = _card(client.get("/region/999?lang=en", headers=HTML).text)
    assert "Unknown region." in card and "You gave: 999" in card and "value '999'" not in card


def test_unknown_address_is_explained_in_the_page_language(client):
    sv = _card(client.get("/no-such-page?lang=sv", headers=HTML).text)
    en = _card(client.get("/no-such-page?lang=en", headers=HTML).text)
    assert "Det finns ingen sida på adressen /no-such-page." in sv
    assert "There is no page at /no-such-page." in en and "nothing at" not in en


def test_unknown_statistics_name_their_titles_not_their_ids(client):
    card = _card(client.get("/region/24?dataset=nope&lang=sv", headers=HTML).text)
    assert "Den statistiken finns inte här" in card and "SCB RAMS 2018" in card
    assert "eurostat_employment_se" not in card and "Du angav: nope" in card


def test_the_json_error_keeps_where_and_what(client):
    body = client.get("/region/999", headers={"accept": "application/json"}).json()
    assert body["error"] == "not_found" and body["value"] == "999"


def test_invalid_parameter_leaves_out_the_framework_text(client):
    reply = client.get("/api/scoreboard?year=abc&lang=sv").json()
    assert "Input should be" not in reply["message"]
    assert reply["detail"] == "Värdet är inte giltigt här." and reply["value"] == "abc"


def test_page_text_names_the_persons_own_file_row_and_column():
    error = InputError("a Swedish organisation number has 10 digits", file="aktörer.csv", row=3)
    with use_language("en"):
        assert page_text(error) == [
            "A Swedish organisation number has 10 digits.",
            "aktörer.csv, row 3",
        ]


def test_page_text_leaves_out_request_field_names():
    error = InputError("this value is not valid here", column="query.limit", value="abc")
    with use_language("sv"):
        shown = page_text(error)
    assert shown == ["This value is not valid here.", "Du angav: abc"]
    assert not any("query.limit" in line for line in shown)


def test_a_server_failure_is_told_in_swedish(tmp_path):
    app = create_app(tmp_path / "ws")

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("database exploded")

    reply = TestClient(app, raise_server_exceptions=False).get("/boom?lang=sv", headers=HTML)
    assert reply.status_code == 500
    card = _card(reply.text)
    assert "Något gick fel hos oss" in card and "database exploded" not in reply.text


def test_not_found_error_text_of_the_core_is_a_sentence():
    with use_language("sv"):
        assert page_text(NotFoundError("okänd region", value="999"))[0] == "Okänd region."


def test_an_unpublished_map_does_not_echo_the_region_code(tmp_path):
    from s3atlas.web.errors import NotPublished

    error = NotPublished("Värmlands län har inte publicerat sin ekosystemkarta ännu.", value="17")
    assert page_text(error) == ["Värmlands län har inte publicerat sin ekosystemkarta ännu."]

"""The national priorities page in-process: languages, downloads, errors, manual themes."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from s3atlas.accounts import add_user
from s3atlas.analysis.fit import declared_divisions, national_fit
from s3atlas.classifications import counties
from s3atlas.i18n import use_language
from s3atlas.priorities import (
    classify_priorities,
    current_priorities,
    load_taxonomy,
    measured_strength,
    partner_reasons,
    partners,
    reason_words,
    region_theme_matrix,
    theme_prevalence,
    unique_priorities,
)
from s3atlas.stats import load_dataset
from s3atlas.viz.downloads import read_xlsx_bytes
from s3atlas.web import create_app

PASSWORD = "correct horse battery"
HTML = {"accept": "text/html"}
CODES = {"County code": str, "Länskod": str, "Partner code": str, "Partnerkod": str}


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    application = create_app(tmp_path / "ws")
    store = application.state.context.store
    add_user(store, "anna", PASSWORD, "editor", ["24"])
    add_user(store, "bo", PASSWORD, "editor", ["25"])
    add_user(store, "vera", PASSWORD, "viewer")
    return application


@pytest.fixture
def client(app) -> TestClient:
    return TestClient(app)


@pytest.fixture(scope="module")
def classified() -> pd.DataFrame:
    with use_language("sv"):
        return classify_priorities(current_priorities(None))


def _login(client: TestClient, username: str) -> TestClient:
    page = client.get("/login", headers=HTML).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = client.post(
        "/login",
        data={"username": username, "password": PASSWORD, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return client


def _token(client: TestClient, url: str = "/priorities/region/24") -> str:
    return re.search(
        r'name="csrf_token" value="([^"]+)"', client.get(url, headers=HTML).text
    ).group(1)


def _csv(response) -> pd.DataFrame:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return pd.read_csv(io.BytesIO(response.content), encoding="utf-8-sig", dtype=CODES)


# --- the pages ------------------------------------------------------------------------


def test_page_is_swedish_by_default_with_all_21_regions_and_the_theme_names(client):
    page = client.get("/priorities", headers=HTML)
    assert page.status_code == 200
    html = page.text
    assert '<html lang="sv">' in html and "Vad de 21 regionerna prioriterar" in html
    for row in counties().itertuples():
        assert f'href="/region/{row.county_code}"' in html, row.short_name
        assert row.short_name in html
    for theme in load_taxonomy().themes:
        assert theme.name_sv in html, theme.id
    assert '<th scope="col">Varför</th>' in html  # the reason column of the classification


def test_page_switches_to_english_with_english_theme_names_and_number_format(client):
    html = client.get("/priorities?lang=en", headers=HTML).text
    assert '<html lang="en">' in html and "What the 21 regions prioritise" in html
    for theme in load_taxonomy().themes:
        assert theme.name_en.replace("&", "&amp;") in html, theme.id
    assert ">0.95<" in html  # confidence with a decimal point
    swedish = TestClient(client.app).get("/priorities", headers=HTML).text
    assert ">0,95<" in swedish and ">0.95<" not in swedish


def test_tables_have_captions_and_header_scopes_and_charts_an_accessible_name(client):
    html = client.get("/priorities", headers=HTML).text
    assert html.count("<caption") >= 5
    assert 'scope="col"' in html and 'scope="row"' in html and 'scope="rowgroup"' in html
    assert html.count('role="img" aria-label="') >= 3
    assert 'name="viewport" content="width=device-width' in html
    assert '<label for="theme-select">' in html


def test_map_by_theme_counts_the_regions_priorities_in_that_theme(client, classified):
    html = client.get("/priorities?theme=textiles&lang=en", headers=HTML).text
    assert "Priorities in the theme Textiles and fashion" in html
    assert '<option value="textiles" selected>' in html
    holders = classified[classified.theme == "textiles"].county_code.unique().tolist()
    assert holders == ["14"]  # Västra Götaland alone (its "Textil" priority)


def _priority_table(html: str) -> str:
    return re.search(r'<table class="data-table priority-table">.*?</table>', html, re.S).group(0)


PATTERNS = sorted(
    {t for theme in load_taxonomy().themes for t in (*theme.terms, *theme.weak_terms) if "*" in t}
)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_priority_row_gives_its_reason_in_words_without_patterns(client, classified, lang):
    table = _priority_table(client.get("/priorities", params={"lang": lang}, headers=HTML).text)
    for row in classified.head(40).to_dict("records"):
        assert str(escape(reason_words(row, lang))) in table, row["priority"]
    assert "*" not in table and "(" + "digitaliserade)" not in table
    assert len(PATTERNS) > 50  # e.g. digital*, *hälsa: none of them is shown to people


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_partners_page_folds_the_matching_detail_and_shows_words_not_patterns(client, lang):
    html = client.get("/priorities/region/01", params={"lang": lang}, headers=HTML).text
    table = _priority_table(html)
    assert "*" not in table
    folded = html[html.index('<details class="table-details">') :]
    assert folded.index("<summary>") < folded.index(table)
    # Stockholm's "Hälsa vård, omsorg": the words of its own priority (once "*hälsa (hälsa)")
    assert ("träff på hälsa, vård" if lang == "sv" else "matched hälsa, vård") in table


def test_region_page_lists_partners_with_their_reasons_and_links_to_the_region_page(
    client, classified
):
    html = client.get("/priorities/region/24", headers=HTML).text
    expected = partners(classified, "24", measured_strength(), top=10)
    assert 'href="/region/24"' in html
    for row in expected.itertuples():
        assert f'href="/priorities/region/{row.partner_code}">{row.partner}<' in html
    assert "gemensamma teman" in html and "grannlän" in html
    assert 'name="priority"' not in html  # no edit form for anonymous visitors


def test_region_given_by_name_redirects_to_its_code(client):
    response = client.get("/priorities/region/Västerbotten", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"].endswith("/priorities/region/24")


# --- downloads ------------------------------------------------------------------------


def test_matrix_csv_has_the_core_counts_for_all_21_regions(client, classified):
    frame = _csv(client.get("/priorities/download/matrix.csv?lang=en"))
    core = region_theme_matrix(classified, binary=False).reindex(
        counties().county_code, fill_value=0
    )
    assert list(frame["County code"]) == list(counties().county_code)
    taxonomy = load_taxonomy()
    for theme in core.columns:
        assert frame[taxonomy.get(theme).name_en].tolist() == core[theme].tolist(), theme
    assert frame["Themes"].tolist() == (core > 0).sum(axis=1).tolist()


def test_theme_frequency_csv_and_xlsx_match_theme_prevalence(client, classified):
    core = theme_prevalence(classified, n_regions=21)
    csv = _csv(client.get("/priorities/download/themes.csv?lang=en"))
    assert csv["Theme id"].tolist() == core.theme.tolist()
    assert csv["Regions"].tolist() == core.regions.tolist()
    assert csv["Share of regions"].round(12).tolist() == core.share.round(12).tolist()
    response = client.get("/priorities/download/themes.xlsx?lang=sv")
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = read_xlsx_bytes(response.content, 0)
    assert book["Regioner"].tolist() == core.regions.tolist()
    assert book["Prioriteringar"].tolist() == core.priorities.tolist()


def test_fit_xlsx_has_the_core_lqs_and_statuses(client, classified):
    core = national_fit(load_dataset("scb_rams"), declared_divisions(classified), lang="en")
    book = read_xlsx_bytes(client.get("/priorities/download/fit.xlsx?lang=en").content, 0)
    assert len(book) == len(core)
    assert book["Status"].tolist() == core.status.tolist()
    assert pd.Series(book["LQ"], dtype=float).fillna(-1).tolist() == pytest.approx(
        core.lq.astype(float).fillna(-1).tolist()
    )


def test_classification_and_unique_csv_match_the_core(client, classified):
    rows = _csv(client.get("/priorities/download/classification.csv?lang=en"))
    assert len(rows) == len(classified)
    assert rows["Theme id"].tolist() == classified.theme.tolist()
    assert rows["Confidence"].tolist() == classified.confidence.tolist()
    # the download keeps the codes and the patterns, and gives the reason in words beside them
    assert rows["Reason code"].tolist() == classified.reason_code.tolist()
    assert rows["Patterns in the theme list"].fillna("").tolist() == classified.terms.tolist()
    words = [reason_words(r, "en") for r in classified.to_dict("records")]
    assert rows["Reason"].tolist() == words
    unique = _csv(client.get("/priorities/download/unique.csv?lang=en"))
    assert unique["Unique themes"].tolist() == unique_priorities(classified).unique_themes.tolist()


def test_partner_csv_has_the_core_scores(client, classified):
    frame = _csv(client.get("/priorities/region/25/download/partners.csv?lang=en"))
    core = partners(classified, "25", measured_strength(), top=10)
    assert frame["Partner code"].tolist() == core.partner_code.tolist()
    assert frame["Score"].tolist() == core.score.tolist()
    # the codes for scripts and the words for people, side by side
    assert frame["Reason codes"].tolist() == core.reason_codes.tolist()
    assert frame["Reasons"].tolist() == [partner_reasons(r, "en") for _, r in core.iterrows()]


@pytest.mark.parametrize(
    "url",
    [
        "/priorities/chart/map.svg",
        "/priorities/chart/map.svg?theme=food",
        "/priorities/chart/matrix.svg",
        "/priorities/chart/themes.svg",
        "/priorities/region/24/chart/partners.svg",
    ],
)
def test_every_chart_downloads_as_svg(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "image/svg+xml"
    assert response.text.startswith("<svg") and "<path" in response.text


def test_chart_downloads_as_png(client):
    response = client.get("/priorities/chart/matrix.png")
    assert response.status_code == 200 and response.content[:8] == b"\x89PNG\r\n\x1a\n"


# --- errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/priorities/region/99",
        "/priorities/region/0180",
        "/priorities/region/99/download/partners.csv",
        "/priorities/region/99/chart/partners.png",
        "/priorities/download/nothing.csv",
        "/priorities/chart/matrix.gif",
        "/priorities?theme=no_such_theme",
    ],
)
def test_unknown_region_table_or_theme_is_404_in_the_one_error_shape(client, url):
    response = client.get(url)
    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "not_found" and set(body) >= {"error", "message", "detail"}


def test_browser_gets_the_error_page_for_an_unknown_region(client):
    response = client.get("/priorities/region/99", headers=HTML)
    assert response.status_code == 404 and "text/html" in response.headers["content-type"]


# --- manual themes --------------------------------------------------------------------


def test_override_needs_the_csrf_token_and_an_editor_of_the_region(app):
    data = {"priority": "Life science", "themes": ["food"], "action": "save"}
    anonymous = TestClient(app)
    assert anonymous.post("/priorities/region/24/override", data=data).status_code == 403
    for username in ("vera", "bo"):
        user = _login(TestClient(app), username)
        response = user.post(
            "/priorities/region/24/override",
            data={**data, "csrf_token": _token(user)},
            headers={"accept": "application/json"},
        )
        assert response.status_code == 403, username
        assert response.json()["error"] == "forbidden"
    anna = _login(TestClient(app), "anna")
    assert anna.post("/priorities/region/24/override", data=data).json()["error"] == "csrf_failed"


def test_editor_sets_and_clears_a_priority_theme_by_hand(app, classified):
    anna = _login(TestClient(app), "anna")
    page = anna.get("/priorities/region/24", headers=HTML).text
    assert 'action="/priorities/region/24/override"' in page
    priority = classified[classified.county_code == "24"].priority.iloc[0]
    response = anna.post(
        "/priorities/region/24/override",
        follow_redirects=False,
        data={
            "priority": priority,
            "themes": ["textiles"],
            "note": "workshop",
            "action": "save",
            "csrf_token": _token(anna),
        },
    )
    assert response.status_code == 303
    rows = _csv(anna.get("/priorities/download/classification.csv?lang=en"))
    mine = rows[(rows["County code"] == "24") & (rows["Priority"] == priority)]
    assert mine["Theme id"].tolist() == ["textiles"] and mine["Method"].tolist() == ["manual"]
    response = anna.post(
        "/priorities/region/24/override",
        follow_redirects=False,
        data={"priority": priority, "action": "clear", "csrf_token": _token(anna)},
    )
    assert response.status_code == 303
    rows = _csv(anna.get("/priorities/download/classification.csv?lang=en"))
    # only the two priorities the bundled taxonomy sets by hand remain manual (themes.yaml)
    assert set(rows.loc[rows["Method"] == "manual", "County code"]) == {"05", "14"}


def test_override_with_no_theme_shows_the_form_again_with_the_reason(app):
    anna = _login(TestClient(app), "anna")
    response = anna.post(
        "/priorities/region/24/override",
        headers=HTML,
        data={"priority": "Life science", "action": "save", "csrf_token": _token(anna)},
    )
    assert response.status_code == 422
    assert 'role="alert"' in response.text


def test_overview_folds_the_pattern_matches_and_names_regions_not_codes(client) -> None:
    page = client.get("/priorities", headers=HTML).text
    matrix = page.split('id="matrix-h"')[1].split("</section>")[0]
    # the 80-row pattern-match table sits inside a closed <details>
    assert matrix.index("<details") < matrix.index('id="classification-caption"')
    assert '<details class="table-details" open' not in page
    themes = page.split('id="themes-h"')[1].split("</section>")[0]
    assert "Vilka regioner" in themes and "Länskoder" not in themes
    assert "Stockholm" in themes and not re.search(r"<td>\d\d(; \d\d)+</td>", themes)


def test_score_ticks_thin_out_on_a_narrow_plot_and_never_touch() -> None:
    """At 375 px the partner scores' labels ran together ("0,00,1"): about one tick per 60 px
    of plot at most, and a label that would touch its neighbour is left out."""
    from s3atlas.viz.charts import ranked_bars

    spec = ranked_bars(pd.DataFrame({"name": ["Norrbotten"], "score": [0.82]}), lang="sv")
    axis = spec["layer"][0]["encoding"]["x"]["axis"]
    assert axis["tickCount"] == {"expr": "ceil(width / 100)"} and axis["labelOverlap"] is True


def test_theme_counts_have_whole_number_ticks_and_long_names_wrap() -> None:
    from s3atlas.viz.charts import WRAP_PARAM, ranked_bars

    frame = pd.DataFrame(
        {"theme_name": ["Horisontella prioriteringar (processer, förmågor)", "Kemi"], "n": [5, 1]}
    )
    spec = ranked_bars(frame, label="theme_name", value="n", value_format="d", lang="sv")
    axis = spec["layer"][0]["encoding"]["x"]["axis"]
    assert axis["format"] == "d" and axis["tickMinStep"] == 1
    wrapped = {p["name"]: p["value"] for p in spec["params"]}[WRAP_PARAM]
    assert wrapped == {
        "Horisontella prioriteringar (processer, förmågor)": [
            "Horisontella prioriteringar",
            "(processer, förmågor)",
        ]
    }
    assert WRAP_PARAM in spec["layer"][0]["encoding"]["y"]["axis"]["labelExpr"]


def test_the_fit_table_counts_priorities_apart_from_strengths_and_names_them(client):
    # "(94)" beside "the 80 declared priorities" read as a contradiction: 14 rows are measured
    # strengths no priority covers, and they were shown as bare codes ("J")
    page = client.get("/priorities?lang=sv", headers=HTML).text
    fit = page.split('id="fit-h"')[1]
    assert "(80 prioriteringar och 14 uppmätta styrkor som ingen prioritering täcker)" in fit
    assert "<td>Informations- och kommunikationsverksamhet (J)</td>" in fit
    assert "<td>J</td>" not in fit


def test_every_header_of_the_fit_download_is_a_swedish_word(client):
    # the column of the data a verdict rests on was headed "basis"
    csv = client.get("/priorities/download/fit.csv?lang=sv").content.decode("utf-8-sig")
    headers = csv.splitlines()[0].split(";")
    assert "Underlag" in headers
    assert not [h for h in headers if h.islower() or "_" in h]

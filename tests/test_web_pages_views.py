"""The region, strength-area and actor pages, their downloads and actor edit permissions."""

from __future__ import annotations

import html
import io
import re

import openpyxl
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from s3atlas.accounts import add_user, set_published
from s3atlas.ecosystem.demo import load_demo
from s3atlas.ecosystem.store.queries import build_snapshot
from s3atlas.ecosystem.store.rounds import close_round, open_round
from s3atlas.viz.spec import values_of
from s3atlas.web.app import create_app

PASSWORD = "correct horse battery"


@pytest.fixture
def app(tmp_path, monkeypatch):
    monkeypatch.setenv("S3ATLAS_SECRET_KEY", "k" * 48)
    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    application = create_app(tmp_path / "ws")
    store = application.state.context.store
    store.migrate()
    load_demo(store)
    set_published(store, "24", True)
    add_user(store, "anna", PASSWORD, "editor", ["24"])
    add_user(store, "olle", PASSWORD, "editor", ["25"])
    add_user(store, "vera", PASSWORD, "viewer")
    return application


@pytest.fixture
def client(app):
    return TestClient(app)


def _store(app):
    return app.state.context.store


def _area_id(app, name="Skoglig bioekonomi"):
    areas = build_snapshot(_store(app), "24").areas
    return areas.set_index("name").loc[name, "area_id"]


def _actor_id(app, name="Baseco Golv Aktiebolag"):
    return build_snapshot(_store(app), "24").actors.set_index("name").loc[name, "actor_id"]


def _csrf(client, url):
    page = client.get(url)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert found, f"no CSRF token on {url}"
    return found.group(1)


def _sign_in(client, username):
    token = _csrf(client, "/login")
    reply = client.post(
        "/login",
        data={"username": username, "password": PASSWORD, "next": "/", "csrf_token": token},
        follow_redirects=False,
    )
    assert reply.status_code == 303


# --- region page ----------------------------------------------------------------------


def test_region_page_accepts_the_name_people_type_and_redirects_to_the_code(client):
    reply = client.get("/region/Västerbotten", follow_redirects=False)
    assert reply.status_code == 307 and reply.headers["location"].endswith("/region/24")


def test_region_page_shows_ranked_strengths_bubble_chart_and_priority_fit_in_swedish(client):
    html = client.get("/region/24").text
    assert "<h1>Västerbottens län</h1>" in html or "Västerbotten" in html
    assert "Rangordnade styrkor" in html and "Prioriteringarnas stöd i statistiken" in html
    assert 'data-s3-chart="bubble-spec"' in html
    assert re.search(r"LQ \d,\d", html), "reasons use decimal commas in Swedish"
    assert "/region/24/area/" in html, "links to the strength areas"
    assert 'href="/region/24/clusters"' in html, "links to the cluster initiatives"
    assert 'href="/priorities/region/24"' in html, "links to the candidate partners"


def test_region_page_in_english_uses_decimal_points(client):
    html = client.get("/region/24?lang=en").text
    assert "Ranked strengths" in html and re.search(r"LQ \d\.\d", html)


def test_unknown_region_is_a_clean_not_found(client):
    reply = client.get("/region/Atlantis", headers={"accept": "application/json"})
    assert reply.status_code == 422 or reply.status_code == 404
    assert "error" in reply.json()


# --- strength-area page -----------------------------------------------------------------


def test_area_page_has_network_coverage_gaps_functions_and_insights(app, client):
    html = client.get(f"/region/24/area/{_area_id(app)}").text
    assert 'data-s3-network="net-elements"' in html and 'data-s3-chart="coverage-spec"' in html
    assert "Luckor inom Skoglig bioekonomi" in html
    assert "spets saknas i tidig fas" in html
    assert "Systemgemensamma funktioner" in html and "Systemunika funktioner" in html
    assert "Har en klusterledare" in html


def test_area_page_finds_the_area_by_name_too(client):
    assert client.get("/region/24/area/Life%20Science").status_code == 200


def test_round_picker_gets_only_the_body_from_htmx(app, client):
    reply = client.get(
        f"/region/24/area/{_area_id(app)}?round=2025", headers={"HX-Request": "true"}
    )
    assert reply.status_code == 200
    assert reply.text.lstrip().startswith('<div id="area-body"') and "<html" not in reply.text


def test_area_page_shows_the_diff_between_two_rounds(app, client):
    open_round(_store(app), "24", "2026", user="test")
    from s3atlas.ecosystem.store.actors import add_actor

    add_actor(_store(app), "24", "Nytt Testföretag AB", "firm", user="test", round_name="2026")
    html = client.get(f"/region/24/area/{_area_id(app)}?round=2026&compare=2025").text
    assert "Förändringar från 2025 till 2026" in html and "Nytt Testföretag AB" in html


# --- downloads --------------------------------------------------------------------------


def test_every_area_table_downloads_as_csv_and_excel_with_the_same_values(app, client):
    area = _area_id(app)
    for name in ("coverage", "gaps", "functions", "network"):
        csv = client.get(f"/region/24/download/{name}.csv?area={area}")
        xlsx = client.get(f"/region/24/download/{name}.xlsx?area={area}")
        assert csv.status_code == xlsx.status_code == 200, name
        assert (
            csv.content[:3] == b"\xef\xbb\xbf"
            and "attachment" in csv.headers["content-disposition"]
        )
        from_csv = pd.read_csv(io.BytesIO(csv.content), encoding="utf-8-sig", sep=";", decimal=",")
        from_xlsx = pd.read_excel(io.BytesIO(xlsx.content), sheet_name=0)
        pd.testing.assert_frame_equal(from_csv, from_xlsx, check_dtype=False)


def test_coverage_download_matches_the_ecosystem_analysis(app, client):
    from s3atlas.ecosystem.analysis.coverage import coverage_by_phase, unmapped_areas

    csv = pd.read_csv(
        io.BytesIO(client.get("/region/24/download/coverage.csv").content),
        encoding="utf-8-sig",
        sep=";",
        decimal=",",
    )
    snapshot = build_snapshot(_store(app), "24")
    expected = coverage_by_phase(snapshot)
    expected = expected[~expected.area_id.isin(unmapped_areas(snapshot))]  # as the page shows it
    assert list(csv.iloc[:, 0]) == ["Skoglig bioekonomi", "Life Science"]
    assert csv.iloc[:, 1:].to_numpy().tolist() == expected.iloc[:, 2:].to_numpy().tolist()


def test_strengths_excel_names_its_source(client):
    body = client.get("/region/24/download/strengths.xlsx").content
    book = openpyxl.load_workbook(io.BytesIO(body))
    about = dict(book["Källa"].iter_rows(values_only=True))
    assert "SCB, RAMS" in about["Källa"]


@pytest.mark.parametrize(
    ("url", "media"),
    [
        ("/region/24/chart/bubble.png", "image/png"),
        ("/region/24/chart/bubble.svg", "image/svg+xml"),
        ("/region/24/chart/ranked.svg", "image/svg+xml"),
    ],
)
def test_region_charts_download_as_png_and_svg(client, url, media):
    reply = client.get(url)
    assert reply.status_code == 200 and reply.headers["content-type"] == media


def test_coverage_chart_downloads(app, client):
    reply = client.get(f"/region/24/chart/coverage.png?area={_area_id(app)}")
    assert reply.status_code == 200 and reply.content[:4] == b"\x89PNG"


def test_unknown_download_is_not_found(client):
    assert client.get("/region/24/download/nothing.csv").status_code == 404
    assert client.get("/region/24/chart/bubble.gif").status_code == 404


# --- actor pages and edit permissions -----------------------------------------------------


def test_actor_page_is_readable_without_signing_in_when_published(app, client):
    html = client.get(f"/region/24/actor/{_actor_id(app)}").text
    assert "Baseco Golv Aktiebolag" in html and "Sorsele" in html
    assert "Redigera aktören" not in html
    # the seed lists the firm under Skoglig bioekonomi: a member, though it has no links
    member = re.search(r"<dt>Medlem i styrkeområdena</dt><dd>(.*?)</dd>", html, re.S)
    assert member and f'/area/{_area_id(app)}?round=2025">Skoglig bioekonomi</a>' in member.group(1)


def _edit_form(client, app, actor):
    token = _csrf(client, f"/region/24/actor/{actor}/edit")
    page = client.get(f"/region/24/actor/{actor}/edit").text
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    return {
        "csrf_token": token,
        "round": "2025",
        "version": version,
        "name": "Baseco Golv Aktiebolag",
        "kind": "firm",
        "municipality": "Sorsele",
        "website": "https://example.se",
    }


def test_editor_of_the_region_edits_an_actor_and_the_audit_log_records_it(app, client):
    _sign_in(client, "anna")
    actor = _actor_id(app)
    reply = client.post(
        f"/region/24/actor/{actor}", data=_edit_form(client, app, actor), follow_redirects=False
    )
    assert reply.status_code == 303
    assert (
        build_snapshot(_store(app), "24").actors.set_index("actor_id").loc[actor, "website"]
        == "https://example.se"
    )
    log = client.get("/region/24/activity").text
    assert "anna" in log


def test_editor_sees_and_changes_the_actor_description(app, client):
    _sign_in(client, "anna")
    actor = _actor_id(app)
    form = _edit_form(client, app, actor)
    reply = client.post(
        f"/region/24/actor/{actor}",
        data={**form, "description": "Golvtillverkare i Sorsele."},
        follow_redirects=False,
    )
    assert reply.status_code == 303
    page = client.get(f"/region/24/actor/{actor}/edit").text
    assert re.search(
        r'<textarea[^>]*name="description"[^>]*>Golvtillverkare i Sorsele\.</textarea>', page
    )


def test_adding_a_provision_changes_the_coverage_matrix(app, client):
    _sign_in(client, "anna")
    actor, area = _actor_id(app), _area_id(app)
    before = pd.read_csv(
        io.BytesIO(client.get("/region/24/download/coverage.csv").content),
        encoding="utf-8-sig",
        sep=";",
        decimal=",",
    )
    token = _csrf(client, f"/region/24/actor/{actor}/edit")
    reply = client.post(
        f"/region/24/actor/{actor}/provisions",
        data={
            "csrf_token": token,
            "round": "2025",
            "function": "early_phase_excellence",
            "area_id": area,
            "phases": ["idea"],
        },
        follow_redirects=False,
    )
    assert reply.status_code == 303
    after = pd.read_csv(
        io.BytesIO(client.get("/region/24/download/coverage.csv").content),
        encoding="utf-8-sig",
        sep=";",
        decimal=",",
    )
    row = before.index[before.iloc[:, 0] == "Skoglig bioekonomi"][0]
    assert after.iloc[row, 1] == before.iloc[row, 1] + 1
    html = client.get(f"/region/24/area/{area}").text
    assert "spets saknas i tidig fas" not in html


def test_viewer_may_not_edit(app, client):
    _sign_in(client, "vera")
    actor = _actor_id(app)
    token = _csrf(client, f"/region/24/actor/{actor}")
    reply = client.post(
        f"/region/24/actor/{actor}",
        data={"csrf_token": token, "name": "X", "kind": "firm"},
        headers={"accept": "application/json"},
    )
    assert reply.status_code == 403
    assert client.get(f"/region/24/actor/{actor}/edit").status_code == 403


def test_editor_of_another_region_may_not_edit(app, client):
    _sign_in(client, "olle")
    actor = _actor_id(app)
    token = _csrf(client, f"/region/24/actor/{actor}")
    reply = client.post(
        f"/region/24/actor/{actor}",
        data={"csrf_token": token, "name": "X", "kind": "firm"},
        headers={"accept": "application/json"},
    )
    assert reply.status_code == 403


def test_edit_without_csrf_token_is_refused(app, client):
    _sign_in(client, "anna")
    actor = _actor_id(app)
    reply = client.post(
        f"/region/24/actor/{actor}",
        data={"name": "X", "kind": "firm", "round": "2025"},
        headers={"accept": "application/json"},
    )
    assert reply.status_code == 403
    assert build_snapshot(_store(app), "24").actors.set_index("actor_id").loc[actor, "name"] != "X"


def test_anonymous_may_not_edit(app, client):
    actor = _actor_id(app)
    assert (
        client.get(
            f"/region/24/actor/{actor}/edit", headers={"accept": "application/json"}
        ).status_code
        == 401
    )


def test_edit_in_a_closed_round_says_so_clearly(app, client):
    _sign_in(client, "anna")
    actor = _actor_id(app)
    form = _edit_form(client, app, actor)
    close_round(_store(app), "24", "2025", user="test")
    reply = client.post(f"/region/24/actor/{actor}", data={**form, "name": "Nytt namn"})
    assert reply.status_code == 409
    assert "Omgång 2025 är stängd" in reply.text
    # The refusal reads alone: no field or code named before it (it once said "kolumn 'round'").
    assert "kolumn" not in html.unescape(reply.text).split("Omgång 2025 är stängd")[0][-80:]


def test_stale_version_is_refused_with_the_form_again(app, client):
    _sign_in(client, "anna")
    actor = _actor_id(app)
    form = _edit_form(client, app, actor)
    client.post(f"/region/24/actor/{actor}", data=form)
    reply = client.post(
        f"/region/24/actor/{actor}",
        data={**form, "csrf_token": _csrf(client, "/region/24"), "name": "Annat namn"},
    )
    assert reply.status_code == 409 and "Inte sparat" in reply.text


def test_activity_log_needs_sign_in_and_downloads(app, client):
    assert (
        client.get("/region/24/activity", headers={"accept": "application/json"}).status_code == 401
    )
    _sign_in(client, "vera")
    page = client.get("/region/24/activity")
    assert page.status_code == 200
    cells = re.findall(r"<td>([^<]*)</td>", page.text)
    assert "Exempeldata inlästa" in cells and "Omgång" in cells  # the demo's load, in words
    assert not [c for c in cells if "_" in c]  # no codes such as load_demo or strength_area
    english = client.get("/region/24/activity?lang=en").text
    assert "Loaded the example data" in english and "load_demo" not in english
    xlsx = client.get("/region/24/activity.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_swedish_strengths_csv_opens_in_swedish_excel_with_growth_in_percent(client):
    body = client.get("/region/24/download/strengths.csv").content
    assert body[:3] == b"\xef\xbb\xbf"
    header, first = body.decode("utf-8-sig").splitlines()[:2]
    assert header.split(";")[6:8] == ["Tillväxt (%)", "Tillväxt i riket (%)"]
    frame = pd.read_csv(io.BytesIO(body), encoding="utf-8-sig", sep=";", decimal=",")
    english_body = client.get("/region/24/download/strengths.csv?lang=en").content
    english = pd.read_csv(io.BytesIO(english_body))
    # the same numbers, growth as percent: a share of 0.0523 is written 5,23
    assert frame.iloc[:, 6].tolist() == pytest.approx(english["Growth (%)"].tolist())
    assert "," in first and "." not in first.split(";")[5]


SEED_FIRMS = (
    "N K Lundströms Trävaror Aktiebolag",
    "Baseco Golv Aktiebolag",
    "Drömtrappor AB",
    "Lundgrens Hyvleri AB",
    "Skogsägarna Norra Skog, Ekonomisk Förening",
)


def _network(html: str) -> dict:
    import json

    pattern = r'<script type="application/json" id="net-elements">(.*?)</script>'
    found = re.search(pattern, html, re.S)
    assert found, "the page draws no network"
    return json.loads(found.group(1))


def _chart_spec(html: str, name: str) -> dict:
    import json

    pattern = rf'<script type="application/json" id="{name}-spec">(.*?)</script>'
    found = re.search(pattern, html, re.S)
    assert found, f"the page draws no {name} chart"
    return json.loads(found.group(1))


def test_skoglig_bioekonomi_map_shows_the_seed_firms_as_members_and_its_gap(app, client):
    html = client.get(f"/region/24/area/{_area_id(app)}").text
    net = _network(html)
    actors = {n["data"]["label"] for n in net["nodes"] if n["data"]["type"] == "actor"}
    assert actors == set(SEED_FIRMS)
    members = [e for e in net["edges"] if e["data"]["type"] == "member"]
    assert len(members) == 5
    gaps = [n["data"]["label"] for n in net["nodes"] if n["data"]["type"] == "gap"]
    assert gaps == ["spets saknas i tidig fas"]
    # every mark drawn is explained in the legend, in Swedish
    assert "Röd streckad kant: funktionen finns, men ingen aktör är namngiven" in html
    assert "Medlem i styrkeområdet" in html
    loose = html.split('id="loose-h"')[1] if 'id="loose-h"' in html else ""
    assert not any(firm in loose for firm in SEED_FIRMS)


def test_a_member_firm_without_a_support_function_is_not_marked_as_a_fault(app, client):
    # the five seed firms stood in the actors table under the red badge of a gap
    html = client.get(f"/region/24/area/{_area_id(app)}").text
    table = html.split('<th scope="col">Roll i systemet</th>')[1].split("</table>")[0]
    assert table.count('class="badge badge-no-function"') == len(SEED_FIRMS)
    assert "badge-absent" not in table


def test_the_gap_beside_a_two_says_which_functions_the_cell_counts(app, client):
    # Skoglig bioekonomi, idea phase: strategic financing and cluster management (2), no excellence
    html = client.get(f"/region/24/area/{_area_id(app)}").text
    assert (
        "Matrisen visar 2 i fasen Idé och tidig fas: Strategisk finansiering, Klusterledning. "
        "Luckan gäller Forskning och spets i tidig fas" in html
    )


def test_the_map_exports_for_gephi_kumu_and_excel_from_the_area_page(app, client):
    import json

    html = client.get(f"/region/24/area/{_area_id(app)}?lang=en").text
    for fmt in ("gexf", "json", "xlsx"):
        assert f"/region/24/map.{fmt}?round=2025" in html
    gexf = client.get("/region/24/map.gexf?round=2025&lang=en")
    assert gexf.status_code == 200 and b"<gexf" in gexf.content
    assert 'filename="vasterbotten-ecosystem-map-2025.gexf"' in gexf.headers["content-disposition"]
    kumu = json.loads(client.get("/region/24/map.json?round=2025").content)
    assert {e["label"] for e in kumu["elements"]} >= set(SEED_FIRMS)
    book = openpyxl.load_workbook(io.BytesIO(client.get("/region/24/map.xlsx").content))
    assert "actors" in [s.lower() for s in book.sheetnames] or len(book.sheetnames) >= 3
    assert client.get("/region/24/map.pdf").status_code == 404


def test_chart_files_carry_title_facts_and_source_and_are_named_in_the_page_language(client):
    svg = client.get("/region/24/chart/ranked.svg")
    assert svg.status_code == 200
    text = svg.text
    assert (
        "Styrkor i Västerbotten" in text and "Källa: SCB" in text and "Region: Västerbotten" in text
    )
    assert (
        'filename="vasterbotten-styrkor-i-vasterbottens-lan.svg"'
        in svg.headers["content-disposition"]
    )
    english = client.get("/region/24/chart/ranked.svg?lang=en")
    assert "Source: SCB" in english.text
    assert (
        'filename="vasterbotten-strengths-of-vasterbottens-lan.svg"'
        in english.headers["content-disposition"]
    )


def test_an_editor_links_two_actors_in_the_browser_and_removes_the_link_again(app, client):
    area = _area_id(app)
    page = f"/region/24/area/{area}"
    assert "Redigera länkarna" not in client.get(page).text  # readers see no editor
    _sign_in(client, "anna")
    token = _csrf(client, page)
    source, target = _actor_id(app, "Baseco Golv Aktiebolag"), _actor_id(app, "Drömtrappor AB")
    reply = client.post(
        f"{page}/links",
        data={
            "csrf_token": token,
            "round": "2025",
            "source_id": source,
            "target_id": target,
            "kind": "supply",
        },
        follow_redirects=False,
    )
    assert reply.status_code == 303
    html = client.get(page).text
    links = [e for e in _network(html)["edges"] if e["data"]["type"] == "link"]
    assert [(e["data"]["source"], e["data"]["target"]) for e in links] == [
        (f"a:{source}", f"a:{target}")
    ]
    assert "Baseco Golv Aktiebolag → Drömtrappor AB" in html
    link_id = re.search(r'/links/(\d+)/delete"', html).group(1)
    no_token = client.post(f"{page}/links/{link_id}/delete", data={"round": "2025"})
    assert no_token.status_code == 403  # the form must carry the CSRF token
    removed = client.post(
        f"{page}/links/{link_id}/delete",
        data={"csrf_token": token, "round": "2025"},
        follow_redirects=False,
    )
    assert removed.status_code == 303
    assert not [e for e in _network(client.get(page).text)["edges"] if e["data"]["type"] == "link"]


def test_an_area_nobody_has_mapped_says_so_instead_of_showing_gaps(app, client):
    # Gruv och Mineral: the seed names neither actors nor functions for it. Seven red phases and
    # ten gaps would be a verdict the data cannot give: nothing mapped is not the same as missing.
    html = client.get(f"/region/24/area/{_area_id(app, 'Gruv och Mineral')}").text
    assert "Ingen aktör har kartlagts för styrkeområdet än." in html
    assert [n for n in _network(html)["nodes"] if n["data"]["type"] == "gap"] == []
    assert "Ingen stödfunktion är kartlagd för Gruv och Mineral än" in html
    assert 'class="gap-list"' not in html
    cells = [v["area"] for v in values_of(_chart_spec(html, "coverage"))]
    assert "Gruv och Mineral" not in cells and "Skoglig bioekonomi" in cells
    assert "Inte med i matrisen, eftersom ingen stödfunktion är kartlagd för dem än: " in html
    # the mapped area keeps its gap, with what the matrix counts in that phase
    mapped = client.get(f"/region/24/area/{_area_id(app, 'Skoglig bioekonomi')}").text
    assert "Spets saknas i tidig fas" in mapped


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_choice_of_statistics_shows_whole_on_a_phone(client, lang):
    """A select cannot wrap: at 375 px it shows about 30 characters of the chosen title."""
    page = client.get(f"/region/24?lang={lang}", headers={"accept": "text/html"}).text
    picker = page.split('<select id="dataset-select"', 1)[1].split("</select>", 1)[0]
    titles = re.findall(r"<option [^>]*>([^<]+)</option>", picker)
    assert len(titles) == 3 and all(len(t) <= 30 for t in titles), titles

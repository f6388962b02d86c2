"""What a reader sees on the pages: names not cut short, sentences that start with a capital."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from s3atlas.cli.web import prepare_demo
from s3atlas.viz.charts import coverage_heatmap
from s3atlas.viz.label_layout import CHAR_PX
from s3atlas.web.app import create_app
from s3atlas.workspace import resolve_workspace


def _y_axis(spec):
    layers = spec.get("layer", [spec])
    return next(
        layer["encoding"]["y"]["axis"] for layer in layers if "y" in layer.get("encoding", {})
    )


def test_the_coverage_matrix_writes_the_longest_demo_area_name_in_full():
    # "Kulturella och Kreativa Näringar" is 32 characters: about 32 × 6,6 = 211 px at 11 px
    name = "Kulturella och Kreativa Näringar"
    frame = pd.DataFrame({"area": [name, "Livsmedel"], "phase": ["Idé", "Idé"], "count": [0, 1]})
    axis = _y_axis(coverage_heatmap(frame, lang="sv"))
    assert axis["labelLimit"] >= len(name) * CHAR_PX


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("S3ATLAS_SECRET_KEY", "k" * 48)
    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    space = resolve_workspace(tmp_path / "ws")
    prepare_demo(space)  # the demo, with Västerbotten's map published
    return TestClient(create_app(space.root))


def test_a_gap_on_the_area_page_starts_with_a_capital(client):
    page = client.get("/region/24/area/1?lang=sv").text
    gaps = re.findall(r'<span class="gap-mark" aria-hidden="true">!</span> (\w)', page)
    assert gaps, "Skoglig bioekonomi has a gap in the demo"
    assert all(first.isupper() for first in gaps)


def test_a_cluster_without_a_phase_says_so_instead_of_an_empty_table(client):
    from s3atlas.clusters.service import add_member
    from s3atlas.ecosystem.store.actors import add_actor

    store = client.app.state.context.store
    add_actor(store, "24", "Testkluster Fas", "cluster_organisation", user="t", allow_similar=True)
    add_member(store, "Testkluster Fas", "Testfirma Fas", user="t", region="24")
    page = client.get("/region/24/clusters/Testkluster%20Fas?lang=sv").text
    phase = page.split('id="phase-h"')[1].split("</section>")[0]
    assert "Ingen utvecklingsfas är bedömd för klustret ännu" in phase
    assert "<table" not in phase


def test_the_monitoring_tolerance_is_written_with_a_decimal_comma_in_swedish(client):
    swedish = client.get("/region/24/monitoring?lang=sv&tolerance=0.15").text
    english = client.get("/region/24/monitoring?lang=en&tolerance=0,15").text
    assert 'name="tolerance" inputmode="decimal" size="5" value="0,15"' in swedish
    assert 'name="tolerance" inputmode="decimal" size="5" value="0.15"' in english


def test_the_scoreboard_writes_at_most_three_significant_figures(client):
    # an index of 234,1 is written 234, a value of 18 034,57 kronor 18 035, a share 0,97
    page = client.get("/scoreboard?lang=sv").text
    table = page.split('id="table-h"')[1].split('id="norm-h"')[0]
    # the strengths and weaknesses read one indicator per line, not run together with ';'
    assert "<li>Företagens FoU-utgifter per invånare</li>" in table and "invånare;" not in table
    cells = re.findall(r'<td class="num"[^>]*>([^<]+)</td>', table)
    assert cells, "the scoreboard has numbers"
    for cell in cells:
        digits = cell.replace("\xa0", "").replace("−", "").replace("-", "")
        whole, _, decimals = digits.partition(",")
        assert len(decimals) <= 2, cell
        assert not (len(whole) >= 3 and decimals), cell
        assert not (len(whole) == 2 and len(decimals) > 1), cell


def test_an_unknown_cluster_is_explained_in_swedish(client):
    page = client.get("/region/24/clusters/Inget%20Sådant?lang=sv", headers={"accept": "text/html"})
    assert page.status_code == 404
    assert "Det finns inget sådant klusterinitiativ" in page.text
    assert "no such cluster" not in page.text


def test_the_clusters_table_links_each_cluster_by_its_name(client):
    from s3atlas.ecosystem.store.actors import add_actor

    store = client.app.state.context.store
    add_actor(store, "24", "Testkluster Länk", "cluster_organisation", user="t", allow_similar=True)
    page = client.get("/region/24/clusters?lang=sv").text
    assert (
        '<th scope="row"><a href="/region/24/clusters/Testkluster%20L%C3%A4nk">Testkluster Länk</a>'
        in page
    )
    assert 'class="link-list"' not in page  # no second list of the same names under the table


def _signed_in(client, space_password):
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    reply = client.post(
        "/login",
        data={"username": "demo", "password": space_password, "next": "/", "csrf_token": token},
        follow_redirects=False,
    )
    assert reply.status_code == 303


def test_the_activity_log_names_a_participant_in_swedish_and_no_round_as_a_dash(
    tmp_path, monkeypatch
):
    from s3atlas.workshop import open_workshop, submit

    monkeypatch.setenv("S3ATLAS_SECRET_KEY", "k" * 48)
    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    space = resolve_workspace(tmp_path / "ws")
    store, password = prepare_demo(space)
    found = open_workshop(store, "24", "Bikupa", user="demo", hours=2)
    submit(store, found["join_code"], {"text": "Ett exempel"}, client="c", address="127.0.0.1")
    client = TestClient(create_app(space.root))
    _signed_in(client, password)
    page = client.get("/region/24/activity?lang=sv").text
    table = page.split("<tbody>")[1].split("</tbody>")[0]
    assert "En workshopdeltagare" in table and "workshop participant" not in table
    assert ">nan<" not in table
    # the workshop's own rows belong to no mapping round: a dash
    assert re.search(r"<td>Workshop</td><td>–</td>", table)
    # a time says its zone, as the command line's does ("… 21:19:43 UTC")
    assert re.search(r"<tr><td>\d{1,2} \w+\.? \d{4} \d{2}:\d{2}:\d{2} UTC</td>", table)


def test_a_monitoring_indicator_without_data_shows_a_dash_not_none(client):
    # the demo has no education data (SCB UF0506): its card says "no data", with a dash
    page = client.get("/region/24/monitoring?lang=sv").text
    facts = re.findall(r"<dt>Värde</dt><dd>([^<]*)</dd>", page)
    assert "–" in facts
    assert not [f for f in facts if "None" in f or "nan" in f]


def test_the_account_page_names_the_regions_an_editor_edits(tmp_path, monkeypatch):
    monkeypatch.setenv("S3ATLAS_SECRET_KEY", "k" * 48)
    monkeypatch.delenv("S3ATLAS_DB", raising=False)
    space = resolve_workspace(tmp_path / "ws")
    _store, password = prepare_demo(space)
    client = TestClient(create_app(space.root))
    _signed_in(client, password)
    page = client.get("/account?lang=sv").text
    assert re.search(r"<dt>Redigerar</dt><dd>Västerbottens län</dd>", page)
    assert '<table class="table table-cards">' in page  # a card per region on a phone


def test_the_peer_tables_write_numbers_with_a_decimal_comma_in_swedish(client):
    page = client.get("/region/24/monitoring?lang=sv").text
    peers = page.split('id="peers-h"')[1].split('id="targets-h"')[0]
    numbers = re.findall(r'<td class="num"[^>]*>([^<]+)</td>', peers)
    assert numbers, "the peer tables have numbers"
    assert not [n for n in numbers if "." in n]
    assert any("," in n for n in numbers)


def test_the_years_of_an_indicator_chart_read_level_on_a_time_scale() -> None:
    # the years stood on end, and on a discrete axis 2016 and 2018 sat side by side with 2018's
    # label left out, so a reader took the last point for 2017
    from s3atlas.monitoring.catalogue import Indicator
    from s3atlas.viz.monitoring import indicator_chart

    values = pd.DataFrame({"year": [2015, 2016, 2018], "value": [1.0, 2.0, 3.0]})
    item = Indicator("rd", "context", "FoU", "R&D")
    spec = indicator_chart(values, item, "sv", region="Västerbotten")
    xs = [layer["encoding"]["x"] for layer in spec["layer"] if "x" in layer.get("encoding", {})]
    assert xs and all(x["type"] == "quantitative" and x["axis"]["format"] == "d" for x in xs)
    assert all(x["axis"]["labelAngle"] == 0 and x["axis"]["labelOverlap"] == "parity" for x in xs)
    legend = spec["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert legend == ["Västerbotten"]


def test_the_scoreboard_bars_have_about_one_tick_per_100_px() -> None:
    # 25 ticks (0, 10 … 240) ran across the scoreboard like a ruler
    from s3atlas.viz.monitoring import scoreboard_chart

    scores = pd.DataFrame({"region": ["01", "25"], "relative": [234.1, 99.0], "group": ["a", "b"]})
    spec = scoreboard_chart(scores, {"01": "Stockholm", "25": "Norrbotten"}, {}, "sv")
    axes = [
        layer["encoding"]["x"]["axis"]
        for layer in spec.get("layer", [spec])
        if "axis" in layer.get("encoding", {}).get("x", {})
    ]
    assert axes and all(a["tickCount"] == {"expr": "ceil(width / 100)"} for a in axes)

"""Pages of the app made static: what needs a server goes, links become relative files."""

from __future__ import annotations

import json

from s3atlas.publish.determinism import normalise_xlsx
from s3atlas.publish.paths import local_path, relative_link, split_url
from s3atlas.publish.rewrite import links_in, rewrite_html

PAGES = {"/": "index.html", "/region/24": "region/24/index.html"}


def _resolve(url: str) -> str | None:
    path, query, fragment, _lang = split_url(url)
    name = None if query else PAGES.get(path)
    return None if name is None else relative_link("region/24/index.html", name, fragment)


CHOICE_FORM = (
    '<html lang="sv"><form method="get" action="/" class="indicator-form" hx-get="/" '
    'hx-trigger="change"><label for="indicator">Indikator</label>'
    '<select id="indicator" name="indicator"><option value="a">A</option>'
    '<option value="b &amp; c">B &amp; C</option></select><button type="submit">Visa</button>'
    '<span class="muted">Källa: SCB</span></form>'
)


def test_a_choice_form_becomes_links_to_each_choice_and_loses_its_controls_and_htmx() -> None:
    pages = {**PAGES, "/?indicator=b+%26+c": "index_indicator-b-c.html"}

    def resolve(url: str) -> str | None:
        name = pages.get(url)
        return None if name is None else relative_link("index.html", name)

    assert rewrite_html(CHOICE_FORM, resolve, lambda _url: None) == (
        '<html lang="sv"><div class="indicator-form"><p class="site-choices"><span>Indikator:'
        '</span> <strong aria-current="true">A</strong> · <a href="index_indicator-b-c.html">'
        'B &amp; C</a></p><span class="muted">Källa: SCB</span></div>'
    )


def test_the_export_follows_every_choice_of_a_form() -> None:
    assert links_in(CHOICE_FORM) == ["/", "/?indicator=a", "/?indicator=b+%26+c"]


def test_a_typed_choice_is_said_to_be_fixed_in_the_copy() -> None:
    page = (
        '<html lang="en"><form class="round-picker" method="get" action="/scoreboard">'
        '<label for="y">Year</label><input id="y" name="year" value="">'
        '<button type="submit" class="button">Show</button></form>'
    )
    assert rewrite_html(page, _resolve, lambda _url: None) == (
        '<html lang="en"><div class="round-picker"><p class="site-choices muted">This published '
        "copy shows year as when it was made; the live app lets you choose other values.</p>"
        "</div>"
    )


def test_forms_that_post_are_removed_with_their_token() -> None:
    page = (
        '<p>x</p><form method="post" action="/logout"><input type="hidden" name="csrf_token" '
        'value="secret"><button>Logga ut</button></form><p>y</p>'
    )
    assert rewrite_html(page, _resolve, lambda _url: None) == "<p>x</p><p>y</p>"


def test_links_are_relative_with_their_fragment_and_escaped_ampersands_read() -> None:
    page = '<a href="/#regions">R</a><a href="/region/24?lang=sv&amp;x=1">V</a>'
    assert links_in(page) == ["/#regions", "/region/24?lang=sv&x=1"]
    assert rewrite_html(page, _resolve, lambda _url: None) == (
        '<a href="../../index.html#regions">R</a><a>V</a>'
    )


def test_chart_data_from_the_server_is_put_inline_and_its_links_made_relative() -> None:
    spec = {
        "data": {"url": "/national/counties.geojson", "format": {"property": "features"}},
        "transform": [
            {"lookup": "code", "from": {"data": {"values": [{"name": "V", "url": "/region/24"}]}}}
        ],
        "other": {"url": "/region/01"},
    }
    page = f'<script type="application/json" id="s">{json.dumps(spec)}</script>'
    shapes = {"features": [{"id": 1}]}
    out = rewrite_html(page, _resolve, lambda _url: shapes)
    found = json.loads(out.split(">", 1)[1].rsplit("<", 1)[0])
    assert found["data"] == {"values": [{"id": 1}]}
    assert found["transform"][0]["from"]["data"]["values"] == [{"name": "V", "url": "index.html"}]
    assert "/region/01" not in out


def test_query_parameters_name_the_file_and_language_does_not() -> None:
    path, query, _fragment, lang = split_url("/region/24/download/strengths.csv?lang=en&b=2&a=1")
    assert (lang, local_path(path, query, "en")) == (
        "en",
        "en/region/24/download/strengths_a-1_b-2.csv",
    )


def test_excel_files_written_at_different_times_become_identical() -> None:
    import io

    import openpyxl

    def book(stamp: str) -> bytes:
        workbook = openpyxl.Workbook()
        workbook.properties.created = workbook.properties.modified = __import__(
            "datetime"
        ).datetime.fromisoformat(stamp)
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()

    first, second = book("2024-01-01T10:00:00"), book("2025-06-30T23:59:00")
    assert first != second
    assert normalise_xlsx(first) == normalise_xlsx(second)


def test_a_page_whose_name_has_spaces_and_letters_like_a_umlaut_is_one_file_and_one_link() -> None:
    path, query, _fragment, _lang = split_url("/region/24/clusters/Testkluster%20Webbl%C3%A4sare")
    name = local_path(path, query)
    assert name == "region/24/clusters/Testkluster Webbläsare/index.html"
    link = relative_link("region/24/clusters/index.html", name)
    assert link == "Testkluster%20Webbl%C3%A4sare/index.html"  # what a browser asks the server

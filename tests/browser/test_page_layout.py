"""Page layout in Chromium: the space under the header, and tables on a phone."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

_SPACING = """() => {
  const px = (el, prop) => parseFloat(getComputedStyle(el)[prop]);
  const header = document.querySelector('.header-row');
  return {
    main: px(document.querySelector('main'), 'paddingTop'),
    header: px(header, 'paddingTop'),
    side: px(document.querySelector('main'), 'paddingLeft'),
  };
}"""

_THEMES = """() => {
  const table = document.querySelector('#themes-title').closest('section').querySelector('table');
  const row = table.querySelector('tbody tr');
  const which = row.querySelector('td.card-wide');
  return {
    display: getComputedStyle(row).display,
    head: getComputedStyle(table.querySelector('thead')).position,
    which: which.getBoundingClientRect().width,
    table: table.getBoundingClientRect().width,
  };
}"""


_PARTNERS = """() => {
  const table = document.querySelector('#partners-h').closest('section').querySelector('table');
  const row = table.querySelector('tbody tr');
  const why = row.querySelectorAll('td.card-wide')[1];
  return {
    display: getComputedStyle(row).display,
    height: row.getBoundingClientRect().height,
    why: why.getBoundingClientRect().width,
    table: table.getBoundingClientRect().width,
  };
}"""


def _open(browser, url, width):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url)
    return context, page


@pytest.mark.parametrize("width", [1440, 375])
def test_the_page_starts_below_the_header_with_room(browser, live_server, width):  # type: ignore[no-untyped-def]
    # app.css gives main 1,75 rem (28 px) on top and the header row ,8 rem (12,8 px); the
    # side padding of .wrap (20 px, 14,4 px on a phone) must not reset them to 0.
    context, page = _open(browser, f"{live_server.url}/region/24?lang=sv", width)
    try:
        found = page.evaluate(_SPACING)
    finally:
        context.close()
    assert found["main"] == pytest.approx(28.0)
    assert found["header"] == pytest.approx(12.8)
    assert found["side"] == pytest.approx(20.0 if width > 520 else 14.4)


def test_the_shared_themes_are_a_card_each_on_a_phone(browser, live_server, artifacts):  # type: ignore[no-untyped-def]
    context, page = _open(browser, f"{live_server.url}/?lang=sv", 375)
    try:
        found = page.evaluate(_THEMES)
        page.locator("#themes-title").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / "national-themes-375.png"))
    finally:
        context.close()
    assert found["display"] == "grid"
    assert found["head"] == "absolute"  # the column heads are left to screen readers
    # the regions' names run the card's full width instead of a quarter column
    assert found["which"] >= 0.9 * found["table"]


@pytest.mark.parametrize(("width", "most"), [(1440, 80), (1280, 80), (375, 160)])
def test_the_header_takes_little_of_the_first_screen(browser, live_server, width, most):  # type: ignore[no-untyped-def]
    # on a laptop the brand, the menu and the sign-in fit one row (about 64 px); on a phone
    # the menu is one row that scrolls in itself under the brand (about 147 px), not three
    context, page = _open(browser, f"{live_server.url}/region/24?lang=sv", width)
    try:
        height = page.evaluate("document.querySelector('.site-header').offsetHeight")
        menu = page.evaluate(
            "(() => { const ul = document.querySelector('.main-nav ul');"
            " return [ul.scrollWidth, ul.clientWidth, document.documentElement.scrollWidth]; })()"
        )
    finally:
        context.close()
    assert height <= most
    assert menu[2] <= width  # the page itself never scrolls sideways


def test_cards_one_under_the_other_keep_apart(browser, live_server):  # type: ignore[no-untyped-def]
    # the borrowing page's two cards: 1,25 rem (20 px) between them, not touching
    context, page = _open(browser, f"{live_server.url}/borrowable?lang=sv", 1440)
    try:
        gap = page.evaluate(
            "(() => { const [a, b] = document.querySelectorAll('main > section.card');"
            " return b.getBoundingClientRect().top - a.getBoundingClientRect().bottom; })()"
        )
    finally:
        context.close()
    assert gap == pytest.approx(20.0)


def test_the_candidate_partners_are_a_card_each_on_a_phone(browser, live_server):  # type: ignore[no-untyped-def]
    # the reasons once sat in a fourth column outside the screen, leaving each row a tall
    # empty band; now they run under the partner's name and score
    context, page = _open(browser, f"{live_server.url}/priorities/region/01?lang=sv", 375)
    try:
        found = page.evaluate(_PARTNERS)
    finally:
        context.close()
    assert found["display"] == "grid"
    assert found["why"] >= 0.9 * found["table"]
    assert found["height"] < 250


_WORDS_THAT_DO_NOT_FIT = """() => [...document.querySelectorAll('.strength-title h3')].filter(h => {
  h.style.overflowWrap = 'normal';  // a word wider than the card now shows as overflow
  const over = h.scrollWidth > h.clientWidth + 1;
  h.style.overflowWrap = '';
  return over;
}).map(h => h.textContent.trim())"""


def test_industry_names_on_a_phone_break_between_words(browser, live_server):  # type: ignore[no-untyped-def]
    # "Informations- och kommunikationsverksamhet" broke as "…verksamh / et" in the ranked cards
    context, page = _open(browser, f"{live_server.url}/region/24?lang=sv", 375)
    try:
        cut = page.evaluate(_WORDS_THAT_DO_NOT_FIT)
        names = page.locator(".strength-title h3").count()
    finally:
        context.close()
    assert names >= 5 and cut == []


_STACKED = """(selector) => [...document.querySelectorAll(selector)].map(table => {
  const box = table.closest('.table-scroll') || table.parentElement;
  const rows = [...table.querySelectorAll('tbody tr')];
  return {
    display: getComputedStyle(rows[0]).display,
    tallest: Math.max(...rows.map(r => r.getBoundingClientRect().height)),
    scrolls: box.scrollWidth > box.clientWidth + 1,
    numbers: [...table.querySelectorAll('tbody td.num[data-label]')]
      .map(td => getComputedStyle(td).textAlign),
  };
})"""


@pytest.mark.parametrize(
    ("path", "selector", "tallest", "stacked"),
    [
        # the strengths and weaknesses squeezed into a scroll box made each row 110 px of
        # mostly nothing, and the indicator values ran off to the right
        ("/scoreboard", ".scoreboard-table", 320, True),
        # the peers' dimensions made each of five rows a band as tall as a card
        ("/region/24/monitoring", "#peers table", 320, True),
        # "Samarbetspartner" was cut at the edge of the regions' table (a card of two columns)
        ("/priorities", "#regions-h + .table-scroll table", 120, False),
    ],
)
def test_wide_tables_become_a_block_or_card_per_row_on_a_phone(  # type: ignore[no-untyped-def]
    browser, live_server, path, selector, tallest, stacked
):
    context, page = _open(browser, f"{live_server.url}{path}?lang=sv", 375)
    try:
        tables = page.evaluate(_STACKED, selector)
    finally:
        context.close()
    assert tables, f"no table {selector} on {path}"
    for table in tables:
        assert table["display"] in {"block", "grid"}
        assert not table["scrolls"]
        assert table["tallest"] <= tallest
        if stacked:  # a number after its label on a line of its own reads from the left
            assert set(table["numbers"]) <= {"left", "start"}, table["numbers"]


_LABELS_OUTSIDE = """(id) => {
  const svg = document.querySelector(`#${id} svg`);
  const edge = svg.getBoundingClientRect().right;
  return [...svg.querySelectorAll('text')]
    .filter(t => t.getBoundingClientRect().right > edge + 0.5).map(t => t.textContent);
}"""


@pytest.mark.parametrize("width", [pytest.param(1440, marks=pytest.mark.slow), 375])
def test_the_value_past_the_longest_bar_is_not_cut(browser, live_server, width):  # type: ignore[no-untyped-def]
    # the theme frequency's "15" showed as "1" at the edge of a phone's chart
    context, page = _open(browser, f"{live_server.url}/priorities?lang=sv", width)
    try:
        page.wait_for_selector("#themes-chart svg text")
        cut = page.evaluate(_LABELS_OUTSIDE, "themes-chart")
    finally:
        context.close()
    assert cut == []

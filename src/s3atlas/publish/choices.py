"""The choices of a page's GET forms, turned into links a static site can follow.

A form that only chooses what a page shows (the statistics of a region page, the round of a
strength area, the indicator of the national map) needs a server to answer it. A static site
can still offer every choice a list of options holds: each option becomes a link to the page
with that option chosen (the other lists keep their current choice), and the export writes
that page too. A choice that is typed (a year, a tolerance) cannot be listed; the page says
that the published copy shows it as it was when the site was made, so no control is dead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlencode

from s3atlas.i18n import gettext

__all__ = ["Choice", "FormChoices", "choice_urls", "choices_html", "read_form"]


@dataclass
class Choice:
    """One list of a form: its field name, label and options (value, text), and the current."""

    name: str
    label: str
    options: list[tuple[str, str]] = field(default_factory=list)
    current: str = ""


@dataclass
class FormChoices:
    """What a GET form offers: its lists, its fixed values and the labels of typed fields."""

    action: str
    lists: list[Choice] = field(default_factory=list)
    fixed: list[tuple[str, str]] = field(default_factory=list)
    typed: list[str] = field(default_factory=list)


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.labels: dict[str, str] = {}
        self.lists: list[tuple[str, Choice]] = []
        self.inputs: list[dict[str, str]] = []
        self._label: str | None = None
        self._option: tuple[str, bool] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "label" and values.get("for"):
            self._label, self._text = values["for"], []
        elif tag == "select":
            self.lists.append((values.get("id", ""), Choice(values.get("name", ""), "")))
        elif tag == "option" and self.lists:
            self._option, self._text = (values.get("value", ""), "selected" in values), []
        elif tag == "input":
            self.inputs.append(values)

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        text = " ".join("".join(self._text).split())
        if tag == "label" and self._label is not None:
            self.labels[self._label], self._label = text, None
        elif tag == "option" and self._option is not None:
            choice = self.lists[-1][1]
            value, selected = self._option
            choice.options.append((value, text))
            if selected or (not choice.current and len(choice.options) == 1):
                choice.current = value
            self._option = None


def read_form(action: str, body: str) -> FormChoices:
    """Return the choices of a GET form with *action* and inner HTML *body*.

    >>> form = read_form("/region/24", '<label for="d">Statistics</label><select id="d" '
    ...     'name="dataset"><option value="a">A</option><option value="b" selected>B</option>'
    ...     '</select><label for="y">Year</label><input id="y" name="year">')
    >>> form.lists[0].label, form.lists[0].options, form.lists[0].current, form.typed
    ('Statistics', [('a', 'A'), ('b', 'B')], 'b', ['Year'])
    """
    reader = _FormReader()
    reader.feed(body)
    reader.close()
    lists = []
    for select_id, choice in reader.lists:
        choice.label = reader.labels.get(select_id, choice.name)
        lists.append(choice)
    fixed, typed = [], []
    for values in reader.inputs:
        kind, name = values.get("type", "text").lower(), values.get("name", "")
        if kind == "hidden" and name:
            fixed.append((name, values.get("value", "")))
        elif kind not in ("submit", "button", "hidden") and name:
            typed.append(reader.labels.get(values.get("id", ""), name))
    return FormChoices(action, lists, fixed, typed)


def _url(form: FormChoices, name: str, value: str) -> str:
    pairs = [*form.fixed, *((c.name, value if c.name == name else c.current) for c in form.lists)]
    query = urlencode([(k, v) for k, v in pairs if v])
    return form.action + (f"?{query}" if query else "")


def choice_urls(form: FormChoices) -> list[str]:
    """Return the URL of every option the form's lists offer (the current ones included).

    >>> form = FormChoices("/a", [Choice("round", "Round", [("1", "1"), ("2", "2")], "2"),
    ...                           Choice("compare", "Compare", [("", "none"), ("1", "1")], "")])
    >>> choice_urls(form)
    ['/a?round=1', '/a?round=2', '/a?round=2', '/a?round=2&compare=1']
    """
    return [_url(form, c.name, value) for c in form.lists for value, _text in c.options]


def choices_html(form: FormChoices, lang: str) -> str:
    """Return the form's choices as links (the current one marked) and a note on typed fields.

    >>> form = FormChoices("/a", [Choice("d", "Statistics", [("x", "X"), ("y", "Y")], "x")])
    >>> for part in choices_html(form, "en").split(" · "):
    ...     print(part)
    <p class="site-choices"><span>Statistics:</span> <strong aria-current="true">X</strong>
    <a href="/a?d=y">Y</a></p>
    """
    parts = []
    for choice in form.lists:
        items = [
            f'<strong aria-current="true">{escape(text)}</strong>'
            if value == choice.current
            else f'<a href="{escape(_url(form, choice.name, value))}">{escape(text)}</a>'
            for value, text in choice.options
        ]
        parts.append(
            f'<p class="site-choices"><span>{escape(choice.label)}:</span> {" · ".join(items)}</p>'
        )
    if form.typed:
        note = gettext(
            "This published copy shows {fields} as when it was made; the live app lets you "
            "choose other values.",
            lang,
            fields=", ".join(f.casefold() for f in form.typed),
        )
        parts.append(f'<p class="site-choices muted">{escape(note)}</p>')
    return "".join(parts)

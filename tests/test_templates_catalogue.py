"""Swedish first in the pages too: every text a template translates has a Swedish text."""

from __future__ import annotations

import re
from pathlib import Path

from s3atlas.i18n import _catalog

TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "s3atlas" / "web" / "templates"
# _("…") or _('…') in a template, the text being the first argument
_CALL = re.compile(r"""_\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""")


def _template_msgids(text: str) -> set[str]:
    """The literal texts a template passes to ``_``.

    >>> sorted(_template_msgids('{{ _("Merge into") }} {{ _(\\'Accept #{id}\\', id=1) }}'))
    ['Accept #{id}', 'Merge into']
    """
    return {a or b for a, b in _CALL.findall(text)}


def test_the_msgid_reader_finds_both_quotes():
    found = _template_msgids("{{ _(\"Merge into\") }} {{ _('Accept #{id}', id=s.id) }}")
    assert found == {"Merge into", "Accept #{id}"}


def test_every_text_a_template_translates_has_a_swedish_text():
    swedish = _catalog("sv")
    missing = sorted(
        f"{path.relative_to(TEMPLATES)}: {msgid}"
        for path in TEMPLATES.rglob("*.html")
        for msgid in _template_msgids(path.read_text(encoding="utf-8"))
        if msgid not in swedish
    )
    assert missing == []

"""Swedish first: every message the code translates has a Swedish text in the catalogue."""

from __future__ import annotations

import ast
from pathlib import Path

from s3atlas.i18n import _catalog

SRC = Path(__file__).resolve().parents[1] / "src" / "s3atlas"


def _msgids(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        first = node.args[0]
        literal = isinstance(first, ast.Constant) and isinstance(first.value, str)
        if name in ("gettext", "_") and literal and str(first.value).strip():
            found.add(str(first.value))
    return found


def test_every_literal_message_has_a_swedish_text():
    swedish = _catalog("sv")
    missing = {
        f"{path.relative_to(SRC)}: {msgid}"
        for path in SRC.rglob("*.py")
        for msgid in _msgids(path)
        if msgid not in swedish
    }
    assert not missing, "\n".join(sorted(missing))


def test_every_word_of_the_activity_log_has_swedish() -> None:
    from s3atlas.i18n import gettext
    from s3atlas.store.audit import _WORDS

    missing = [
        w for w in _WORDS.values() if gettext(w, "sv") == w and w not in ("Region", "Workshop")
    ]  # the same word in Swedish
    assert missing == []


def test_every_field_a_message_names_has_swedish_words() -> None:
    from s3atlas.fields import FIELD_WORDS, field_words

    same = {"Region", "Status", "Text", "Version", "Workshop", "Format"}  # one word in both
    missing = [code for code, words in FIELD_WORDS.items() if field_words(code, "sv") == words]
    assert [code for code in missing if FIELD_WORDS[code] not in same] == []


def test_no_message_has_two_swedish_texts() -> None:
    # "Links" was "Länkar" in one file and "Kopplingar" in another: which one a page showed
    # depended on the order the files were read in
    from babel.messages.pofile import read_po

    texts: dict[str, set[str]] = {}
    for po in sorted((SRC / "locale" / "sv" / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as handle:
            for message in read_po(handle, locale="sv"):
                if message.id and message.string:
                    texts.setdefault(str(message.id), set()).add(str(message.string))
    assert not {msgid: found for msgid, found in texts.items() if len(found) > 1}

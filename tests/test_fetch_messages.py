"""Every message the fetch modules show has Swedish text in the catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from s3atlas.i18n import gettext

SRC = Path(__file__).resolve().parents[1] / "src" / "s3atlas"
MODULES = [
    "io/transport.py",
    "io/selection.py",
    "io/pxweb2.py",
    "io/fetched.py",
    "io/recipes.py",
    "io/kolada.py",
    "io/eurostat.py",
    "stats/series.py",
    "cli/fetch_cmd.py",
]
CALL = re.compile(r"""\b_\(\s*((?:"[^"]*"\s*)+)""")


def messages(module: str) -> list[str]:
    text = (SRC / module).read_text(encoding="utf-8")
    return ["".join(re.findall(r'"([^"]*)"', m.group(1))) for m in CALL.finditer(text)]


@pytest.mark.parametrize("module", MODULES)
def test_every_fetch_message_is_translated(module: str) -> None:
    found = messages(module)
    missing = [m for m in found if gettext(m, lang="sv") == m]
    assert found and not missing

"""Every text of the publishing templates has a Swedish translation in the catalogue."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from s3atlas.i18n import _catalog

SRC = Path(__file__).resolve().parents[1] / "src" / "s3atlas"
TEMPLATES = [
    SRC / "publish" / "templates" / "report.html",
    SRC / "web" / "templates" / "embed.html",
    SRC / "web" / "templates" / "partials" / "findings.html",
]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_every_template_text_has_a_swedish_text(path: Path) -> None:
    texts = set(re.findall(r'_\("((?:[^"\\]|\\.)*)"', path.read_text(encoding="utf-8")))
    assert texts
    assert sorted(texts - set(_catalog("sv"))) == []

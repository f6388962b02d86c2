"""The region page opens with the written-out findings, the same paragraphs as the report."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, Path]:
    from s3atlas.cli.web import prepare_demo
    from s3atlas.web import create_app
    from s3atlas.workspace import resolve_workspace

    space = resolve_workspace(tmp_path_factory.mktemp("findings-ws"))
    prepare_demo(space)
    return TestClient(create_app(space.root)), space.root


def _paragraphs(page: str) -> list[str]:
    section = page.split('aria-labelledby="findings-h"', 1)[1].split("</section>", 1)[0]
    return [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", section, re.S)]


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        (
            "sv",
            "Västerbotten är mest specialiserat inom jordbruk, skogsbruk och fiske (LQ 1,8; "
            "plats 7 av 21 län).",
        ),
        (
            "en",
            "Västerbotten is most specialised in agriculture, forestry and fishing (LQ 1.8; "
            "rank 7 of 21 counties).",
        ),
    ],
)
def test_region_page_opens_with_the_findings(
    demo: tuple[TestClient, Path], lang: str, sentence: str
) -> None:
    client, _root = demo
    page = client.get(f"/region/24?lang={lang}").text
    assert _paragraphs(page)[0].startswith(sentence)


def test_report_summary_is_the_page_findings(demo: tuple[TestClient, Path]) -> None:
    from s3atlas.publish.report import region_report

    client, _root = demo
    page = client.get("/region/24?lang=sv").text
    store = client.app.state.context.store  # type: ignore[attr-defined]
    assert region_report(store, "24", "sv")["findings"] == _paragraphs(page)

"""Every county's statistics page opens to anonymous visitors; only the ecosystem map waits.

The demo publishes Västerbotten (24) alone. The other 20 counties' pages still
show their statistics, and say in words that the ecosystem map is not published
(with who to ask) instead of sending the visitor to a sign-in form.
"""

from __future__ import annotations

import html

import pytest
from fastapi.testclient import TestClient

from s3atlas.classifications import counties

COUNTIES = list(counties().itertuples(index=False))
NOT_PUBLISHED = "har inte publicerat sin ekosystemkarta ännu"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    from s3atlas.cli.web import prepare_demo
    from s3atlas.web import create_app
    from s3atlas.workspace import resolve_workspace

    space = resolve_workspace(tmp_path_factory.mktemp("every-region-ws"))
    prepare_demo(space)
    return TestClient(create_app(space.root))


def test_there_are_21_counties() -> None:
    assert len(COUNTIES) == 21


@pytest.mark.parametrize("county", COUNTIES, ids=lambda c: c.county_code)
def test_the_statistics_page_is_public(client: TestClient, county: object) -> None:
    code, name = county.county_code, county.name  # type: ignore[attr-defined]
    response = client.get(f"/region/{code}?lang=sv", headers={"accept": "text/html"})
    assert response.status_code == 200
    page = html.unescape(response.text)
    assert 'type="password"' not in page, "no sign-in form in place of statistics"
    assert 'aria-labelledby="findings-h"' in page, "the findings are shown"
    assert name in page
    if code == "24":
        assert NOT_PUBLISHED not in page
    else:
        assert f"{name} {NOT_PUBLISHED}" in page

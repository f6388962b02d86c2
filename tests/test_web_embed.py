"""The embeddable ecosystem map: a frameable page with attribution, and a self-contained file."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    from s3atlas.cli.web import prepare_demo
    from s3atlas.web import create_app
    from s3atlas.workspace import resolve_workspace

    space = resolve_workspace(tmp_path_factory.mktemp("embed-ws"))
    prepare_demo(space)
    return TestClient(create_app(space.root))


def test_embed_page_may_be_framed_and_credits_and_links_back(client: TestClient) -> None:
    response = client.get("/region/24/area/1/embed")
    assert response.status_code == 200
    assert "frame-ancestors *" in response.headers["content-security-policy"]
    assert 'data-s3-network="embed-elements"' in response.text
    assert 'href="http://testserver/region/24/area/1" target="_top"' in response.text
    assert "Gjord med s3atlas" in response.text
    assert "site-header" not in response.text  # the map alone


def test_other_pages_still_refuse_frames(client: TestClient) -> None:
    assert "frame-ancestors 'none'" in client.get("/region/24").headers["content-security-policy"]


def test_unpublished_region_has_no_embed(client: TestClient) -> None:
    # docs/security.md: an unpublished ecosystem map answers 403 "not published", not a login
    reply = client.get("/region/01/area/1/embed", follow_redirects=False)
    assert reply.status_code == 403 and reply.json()["error"] == "not_published"


def test_map_file_carries_its_scripts_styles_and_data(client: TestClient, tmp_path: Path) -> None:
    response = client.get("/region/24/area/1/map.html?lang=en")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="ecosystem-24-1.html"'
    text = response.text
    assert "<script src=" not in text and '<link rel="stylesheet"' not in text
    assert "cytoscape" in text and "drawNetwork" in text  # the library and app.js, inline
    assert "Made with s3atlas" in text

"""The cluster page in Chromium: the interaction network draws and the actor view toggles."""

from __future__ import annotations

import pytest

from s3atlas.clusters.service import add_member
from s3atlas.ecosystem.store.actors import add_actor
from s3atlas.store import open_store
from s3atlas.workspace import resolve_workspace

pytestmark = pytest.mark.browser

_CLUSTER = "Testkluster Webbläsare"


@pytest.fixture(scope="module")
def cluster_url(live_server) -> str:  # type: ignore[no-untyped-def]
    """A cluster organisation with one member firm in the demo's Västerbotten (invented)."""
    store = open_store(resolve_workspace(live_server.workspace).db_url())
    add_actor(store, "24", _CLUSTER, "cluster_organisation", user="test", allow_similar=True)
    add_member(store, _CLUSTER, "Testfirma Webb", user="test", region="24")
    return f"{live_server.url}/region/24/clusters/{_CLUSTER}"


def test_cluster_network_draws_by_group_and_by_actor(page, cluster_url, artifacts):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(cluster_url + "?lang=en")
    page.wait_for_selector("[data-s3-network] canvas", timeout=20_000)
    assert page.locator(".legend .legend-title", has_text="Actor group").count() == 1
    nodes = page.evaluate("document.querySelector('[data-s3-network]')._cy.nodes().length")
    assert nodes == 2  # by actor first: the cluster organisation and its member
    edges = page.evaluate(
        "document.querySelector('[data-s3-network]')._cy.edges().map(e => e.data('type'))"
    )
    assert edges == ["membership"]  # the line the links table lists
    page.screenshot(path=str(artifacts / "pages-cluster-en.jpg"), full_page=True)
    page.get_by_role("link", name="Actor groups", exact=True).click()
    page.wait_for_selector("[data-s3-network] canvas", timeout=20_000)
    nodes = page.evaluate("document.querySelector('[data-s3-network]')._cy.nodes().length")
    assert nodes == 4  # one per actor group
    assert errors == []

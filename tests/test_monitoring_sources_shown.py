"""The monitoring page names its sources as a reader cites them: publishers, no dataset ids
and no English words in Swedish mode."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from s3atlas.monitoring.context import rd_values
from s3atlas.web import create_app


def test_rd_values_cite_kolada_and_scb_without_a_dataset_id():
    assert set(rd_values().source) == {"Kolada (RKA), SCB"}


def test_the_monitoring_page_cites_its_sources_in_words(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "ws"), headers={"accept": "text/html"})
    html = client.get("/region/24/monitoring?lang=sv").text
    assert "Kolada (RKA), SCB" in html
    assert "underlying statistics" not in html and "(kolada_rd)" not in html
    assert "(scb_rams)" not in html


def test_the_region_page_cites_the_employment_source_without_the_dataset_id(tmp_path: Path):
    client = TestClient(create_app(tmp_path / "ws"), headers={"accept": "text/html"})
    html = client.get("/region/24?lang=sv").text
    assert "SCB, RAMS" in html and "(scb_rams)" not in html


def test_foreign_nuts_peers_are_named_by_their_country(tmp_path: Path) -> None:
    """Västerbotten's nearest NUTS 2 peers are Norwegian (NO07 Nord-Norge among them): the
    bundled data have no foreign region names, so the page names the country."""
    client = TestClient(create_app(tmp_path / "ws"), headers={"accept": "text/html"})
    html = client.get("/region/24/monitoring?lang=sv").text
    assert '<td data-label="Kod">NO07</td><td data-label="Region">en region i Norge</td>' in html
    english = client.get("/region/24/monitoring?lang=en").text
    assert '<td data-label="Code">NO07</td><td data-label="Region">a region in Norway</td>' in (
        english
    )


def test_the_new_firm_and_patent_cards_cite_publishers_not_the_cells_footnotes(tmp_path: Path):
    """A cell of the new-firm series carries Tillväxtanalys' year marker ("year 2018***") and
    any series break in its note; the card names the sources, numerator and denominator."""
    client = TestClient(create_app(tmp_path / "ws"), headers={"accept": "text/html"})
    html = client.get("/region/24/monitoring?lang=sv").text
    assert "Källa: Tillväxtanalys (nystartade företag); SCB RAMS (sysselsatta)" in html
    assert "Källa: © European Union, Eurostat (pat_ep_rtot)" in html
    assert "year 20" not in html and "series break" not in html and "P_MHAB" not in html

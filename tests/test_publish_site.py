"""``s3atlas publish site``: a static site of what anonymous visitors may see, deterministic,
with every link relative and resolving to a file of the site."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app

runner = CliRunner()
_LINK = re.compile(r"""\s(?:href|src|data-[a-z-]*url)=["']([^"']*)["']""")
# The tests of the exported demo site share one export (a minute of work, on one worker) and
# run with the slow sweeps (`make test-slow`, CI); the refusals at the end run in `make test`.


@pytest.fixture(scope="module")
def site(published_site) -> Path:  # type: ignore[no-untyped-def]
    """The demo's site in both languages: Swedish at the root, English under ``en/``."""
    return Path(published_site.root)


def _digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
@pytest.mark.xdist_group("published-site")
def test_site_has_the_overview_the_region_its_areas_and_downloads(site: Path) -> None:
    for name in (
        "index.html",
        "region/24/index.html",
        "region/24/area/1/index.html",
        "region/24/download/strengths_dataset-scb_rams.csv",
        "region/24/download/strengths_dataset-scb_rams.xlsx",
        "region/24/chart/bubble_dataset-scb_rams.svg",
        "region/24/chart/bubble_dataset-scb_rams.png",
        "static/vendor/vega.min.js",
        "sitemap.html",
    ):
        assert (site / name).is_file(), name


@pytest.mark.slow
@pytest.mark.xdist_group("published-site")
def test_every_dataset_round_and_indicator_a_page_offers_is_exported_and_linked(
    site: Path,
) -> None:
    from s3atlas.stats import list_datasets

    region = (site / "region/24/index.html").read_text(encoding="utf-8")
    picker = region.split('<div class="round-picker">', 1)[1].split("</div>", 1)[0]
    assert "<select" not in picker and "<button" not in picker  # no control needs a server
    offered = re.findall(r'href="(index_dataset-[^"]+\.html)"', picker)
    assert len(offered) + picker.count('aria-current="true"') >= 2  # more than the default
    for name in offered:
        assert (site / "region/24" / name).is_file(), name
        dataset = name.removeprefix("index_dataset-").removesuffix(".html")
        assert dataset in {d["name"] for d in list_datasets()}, dataset
        assert (site / f"region/24/download/strengths_dataset-{dataset}.csv").is_file()
    area = (site / "region/24/area/1/index.html").read_text(encoding="utf-8")
    assert '<span>Kartläggningsomgång:</span> <strong aria-current="true">2025</strong>' in area
    overview = (site / "index.html").read_text(encoding="utf-8")
    indicators = re.findall(r'href="(index_indicator-[^"]+\.html)"', overview)
    assert indicators and all((site / n).is_file() for n in indicators)
    monitoring = (site / "region/24/monitoring/index.html").read_text(encoding="utf-8")
    assert "Den här publicerade kopian visar år, tolerans som när den gjordes" in monitoring


@pytest.mark.slow
@pytest.mark.xdist_group("published-site")
def test_unpublished_regions_and_sign_in_are_left_out(site: Path) -> None:
    assert not (site / "region/01").exists()  # Stockholm is not published in the demo
    overview = (site / "index.html").read_text(encoding="utf-8")
    assert "login" not in overview and "X-CSRF-Token" not in overview
    assert "<a>Stockholm" in overview or ">Stockholm" in overview


@pytest.mark.slow
@pytest.mark.xdist_group("published-site")
def test_every_link_of_every_page_is_relative_and_resolves(site: Path) -> None:
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for link in _LINK.findall(text):
            if not link or link.startswith(("#", "data:", "http://", "https://", "mailto:")):
                continue
            assert not link.startswith("/"), f"{page}: absolute link {link}"
            target = unquote(link.split("#")[0].replace("__ID__", "1"))
            assert (page.parent / target).resolve().is_file(), f"{page}: {link} is missing"


@pytest.mark.slow
@pytest.mark.xdist_group("published-site")
def test_the_english_sitemap_finds_the_stylesheet_from_its_folder(site: Path) -> None:
    english = (site / "en/sitemap.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="../static/css/app.css">' in english
    assert '<html lang="en">' in english
    swedish = (site / "sitemap.html").read_text(encoding="utf-8")
    assert '<link rel="stylesheet" href="static/css/app.css">' in swedish


@pytest.mark.slow
@pytest.mark.xdist_group("published-site")
def test_charts_fetch_nothing_from_a_server(site: Path) -> None:
    overview = (site / "index.html").read_text(encoding="utf-8")
    assert "counties.geojson" not in overview  # the map's shapes are inline
    assert '"url":"/' not in overview and '"url": "/' not in overview


@pytest.mark.slow
@pytest.mark.xdist_group("published-site")
def test_export_is_byte_identical_when_run_again(published_site, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Everything the export writes is the same again; chart files are drawn once per spec
    (tests/test_viz_export.py checks that drawing a spec again gives the same bytes)."""
    result = runner.invoke(
        app,
        [*published_site.args, "--out", str(tmp_path)],
        env={"S3ATLAS_WORKSPACE": str(published_site.workspace)},
    )
    assert result.exit_code == 0, result.output
    assert _digest(tmp_path) == _digest(published_site.root)


def test_unknown_language_is_refused_by_name(tmp_path: Path, workspace: Path) -> None:
    _register_all()
    result = runner.invoke(app, ["publish", "site", "--out", str(tmp_path), "--lang", "de"])
    assert result.exit_code == 1
    assert "de" in result.output and "sv, en" in result.output


def test_a_file_in_place_of_the_folder_is_refused_by_name(tmp_path: Path, workspace: Path) -> None:
    _register_all()
    target = tmp_path / "site.txt"
    target.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["publish", "site", "--out", str(target)])
    assert result.exit_code == 1
    assert "site.txt" in result.output and "mapp" in result.output
    assert target.read_text(encoding="utf-8") == "keep me"

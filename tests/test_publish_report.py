"""``s3atlas report``: the region report as HTML and PDF, with the numbers of the region page."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from s3atlas.cli.main import _register_all, app

runner = CliRunner()


@pytest.fixture(scope="module")
def demo_space(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from s3atlas.cli.web import prepare_demo
    from s3atlas.workspace import resolve_workspace

    space = resolve_workspace(tmp_path_factory.mktemp("report-ws"))
    prepare_demo(space)
    return space.root


@pytest.fixture(scope="module")
def page_top(demo_space: Path) -> tuple[str, str]:
    """The region page's top-ranked strength and its LQ as the page writes them."""
    from s3atlas.web import create_app

    client = TestClient(create_app(demo_space))
    text = client.get("/region/24").text
    item = text.split('<ol class="strength-list">', 1)[1].split("</li>", 1)[0]
    name = html.unescape(re.search(r"<h3>(.*?)</h3>", item).group(1))  # type: ignore[union-attr]
    lq = re.search(r"<dt>LQ</dt><dd>(.*?)</dd>", item).group(1)  # type: ignore[union-attr]
    return name, lq


@pytest.fixture(scope="module")
def html_report(demo_space: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo's HTML report, written once for the tests that only read it."""
    out = tmp_path_factory.mktemp("report") / "report.html"
    _report(demo_space, out, "html")
    return out.read_text(encoding="utf-8")


def _report(demo_space: Path, out: Path, fmt: str) -> None:
    _register_all()
    result = runner.invoke(
        app,
        ["report", "24", "--format", fmt, "--out", str(out), "--workspace", str(demo_space)],
    )
    assert result.exit_code == 0, result.output


def _checks(text: str, page_top: tuple[str, str]) -> None:
    name, lq = page_top
    # Västerbotten's top strength on SCB RAMS 2018: A, LQ 1.757 written "1,8" in Swedish.
    assert (name, lq) == ("Jordbruk, skogsbruk och fiske", "1,8")
    assert "Västerbottens län" in text
    flat = " ".join(text.split())
    assert f"{name} A 1,8" in flat or re.search(rf"{re.escape(name)}.{{0,80}}1,8", flat, re.S)
    assert "Källa: SCB, RAMS" in flat  # the source list
    assert "Tillväxtverket (2018), Smart specialisering i 21 regioner" in flat


def test_html_report_has_the_region_its_top_strength_as_on_the_page_and_the_sources(
    html_report: str, page_top: tuple[str, str]
) -> None:
    text = re.sub(r"<[^>]+>", " ", html_report)
    _checks(html.unescape(text), page_top)
    assert "http://" not in html_report.split("<svg", 1)[0]


def test_html_report_writes_out_the_findings_and_names_partners(html_report: str) -> None:
    text = html_report
    assert "Västerbotten är mest specialiserat inom jordbruk, skogsbruk och fiske" in text
    # Norrbotten shares four themes with Västerbotten and borders it: the best partner.
    partners = text.split('id="partners"', 1)[1]
    assert re.search(r"<td>Norrbotten</td><td class=\"num\">0,82</td>", partners)


def test_pdf_report_is_a4_with_page_numbers_and_the_same_numbers(
    demo_space: Path, tmp_path: Path, page_top: tuple[str, str]
) -> None:
    chromium = os.environ.get("S3ATLAS_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        pytest.skip(f"Chromium not found at {chromium} (set S3ATLAS_CHROMIUM)")
    if not (shutil.which("pdftotext") and shutil.which("pdfinfo")):
        pytest.skip("pdftotext/pdfinfo (poppler-utils) are not installed")
    pytest.importorskip("playwright.sync_api", reason="Playwright (python) is not installed")
    out = tmp_path / "report.pdf"
    _report(demo_space, out, "pdf")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert "(A4)" in info.stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]
    assert pages >= 5
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    _checks(text, page_top)
    assert f"{pages} / {pages}" in text  # the footer numbers every page
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # all embedded
    assert "Innehåll" in text  # the table of contents
    assert text.count("Vad tecknen betyder") >= 3  # a legend under each area's map
    if shutil.which("pdfimages"):  # charts and maps are vector: the PDF holds no pictures
        images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True)
        assert len(images.stdout.splitlines()) == 2, images.stdout


def test_pdf_without_chromium_is_a_clear_error(
    demo_space: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("S3ATLAS_CHROMIUM", str(tmp_path / "no-chromium"))
    _register_all()
    result = runner.invoke(
        app,
        [
            "report",
            "24",
            "--format",
            "pdf",
            "--out",
            str(tmp_path / "r.pdf"),
            "--workspace",
            str(demo_space),
        ],
    )
    assert result.exit_code == 1
    assert "Chromium" in result.output and "S3ATLAS_CHROMIUM" in result.output


def test_every_ranked_lq_and_growth_in_the_report_is_the_one_on_the_page(
    demo_space: Path, html_report: str
) -> None:
    from s3atlas.web import create_app

    page = TestClient(create_app(demo_space)).get("/region/24").text
    items = page.split('<ol class="strength-list">', 1)[1].split("</ol>", 1)[0]
    on_page = [
        (m.group(1), m.group(2))
        for m in re.finditer(
            r"<dt>LQ</dt><dd>(.*?)</dd>.*?<dt>[^<]*Tillväxt[^<]*</dt><dd>(.*?)</dd>", items, re.S
        )
    ]
    table = html_report.split('id="strengths"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r'<td class="num">(.*?)</td>', table)
    in_report = [(cells[i + 1], cells[i + 3]) for i in range(0, len(cells), 5)]
    assert len(on_page) == 7  # SCB RAMS has seven traded industry groups
    assert in_report == on_page


def test_report_has_the_monitoring_status_and_the_workshops(demo_space: Path, tmp_path: Path):
    demo_space = shutil.copytree(demo_space, tmp_path / "ws")  # the others read the demo as is
    from s3atlas.store import open_store
    from s3atlas.workshop import (
        accept_submission,
        open_workshop,
        reject_submission,
        submit,
    )
    from s3atlas.workspace import resolve_workspace

    store = open_store(resolve_workspace(demo_space).db_url(None))
    workshop = open_workshop(store, "24", "Bikupa i Umeå", user="anna")
    examples = [
        {
            "question": "0",
            "text": "Uminova inkuberar nya företag",
            "function": "incubation",
            "actor_name": "Uminova Innovation",
            "author": "Eva Ek",
        },
        {"question": "1", "text": "Testbädd i Vindeln", "function": "test_demo"},
        {"question": "0", "text": "Något oklart"},
    ]
    ids = [
        submit(store, workshop["join_code"], v, client=f"c{i}", address=f"10.0.0.{i}")["id"]
        for i, v in enumerate(examples)
    ]
    accept_submission(store, workshop["id"], ids[0], user="anna")
    reject_submission(store, workshop["id"], ids[2], user="anna")
    out = tmp_path / "rapport.html"
    _report(demo_space, out, "html")
    text = out.read_text(encoding="utf-8")
    monitoring = text.split('<section id="monitoring"', 1)[1].split("</section>", 1)[0]
    # Västerbotten has no targets in the demo: new firms per 1 000 employed is measured
    # (1 313 / 131 393 × 1 000 = 10,0 in 2018) but has no target.
    assert "Nystartade företag per 1 000 sysselsatta" in monitoring and "inget mål" in monitoring
    workshops = text.split('<section id="workshops">', 1)[1].split("</section>", 1)[0]
    assert "Bikupa i Umeå" in workshops
    rows = [
        [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", r)]
        for r in re.findall(r"<tr>(.*?)</tr>", workshops.split("<h3>", 1)[1])
        if "<td" in r
    ]
    # three came in, one accepted: the accepted one first, then the one not yet handled
    assert rows == [
        ["Godkänt", "Uminova inkuberar nya företag", "Inkubation", "Uminova Innovation"],
        ["Inte hanterat", "Testbädd i Vindeln", "Test och demo", "–"],
        ["Avvisat", "Något oklart", "–", "–"],
    ]
    assert "Eva Ek" not in workshops  # participants' names stay out of the report


def test_pdf_prints_inside_a_running_event_loop(tmp_path: Path) -> None:
    # Playwright's sync API refuses a thread that runs an asyncio loop; a report printed from
    # a web server, a notebook or after an async test must still work.
    import asyncio
    import threading

    from s3atlas.publish.report import write_pdf

    chromium = os.environ.get("S3ATLAS_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        pytest.skip(f"Chromium not found at {chromium} (set S3ATLAS_CHROMIUM)")
    pytest.importorskip("playwright.sync_api", reason="Playwright (python) is not installed")
    out = tmp_path / "rapport.pdf"

    async def inside_a_loop() -> None:
        write_pdf("<h1>Västerbotten</h1>", out, "s3atlas")

    failures: list[BaseException] = []

    def run() -> None:  # a thread of its own, whatever loop the test runner keeps
        try:
            asyncio.run(inside_a_loop())
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            failures.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert not failures and out.read_bytes().startswith(b"%PDF")


def test_each_strength_area_has_the_map_of_the_web_page_with_a_legend(
    demo_space: Path, html_report: str
) -> None:
    from s3atlas.ecosystem.store.queries import build_snapshot
    from s3atlas.store import open_store
    from s3atlas.web import create_app
    from s3atlas.workspace import resolve_workspace

    chapter = html_report.split('<section id="ecosystem"', 1)[1]
    chapter = chapter.split("</section>", 1)[0]
    maps = re.findall(r'<svg[^>]*class="ecosystem-map".*?</svg>', chapter, re.S)
    areas = build_snapshot(open_store(resolve_workspace(demo_space).db_url(None)), "24").areas
    assert len(maps) == len(areas) >= 3
    client = TestClient(create_app(demo_space))
    for area_id, svg in zip(areas.area_id, maps, strict=True):
        page = client.get(f"/region/24/area/{area_id}").text
        block = re.search(r'id="net-elements">(.*?)</script>', page, re.S)
        assert block, area_id
        nodes = json.loads(block.group(1))["nodes"]
        minor = [{"external", "context"} & set(n["classes"].split()) for n in nodes]
        named = (
            nodes if len(nodes) <= 20 else [n for n, m in zip(nodes, minor, strict=True) if not m]
        )
        on_page = sorted(n["data"]["label"] for n in named)
        drawn = sorted(html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg))
        short = [x if len(x) <= 28 else x[:27].rstrip() + "…" for x in on_page]
        assert drawn == sorted(short)  # every node of the web map, and nothing else
    legends = chapter.count('class="map-legend"')
    assert legends == len(areas)
    assert "Medlem i styrkeområdet" in chapter  # the legend in the report's language
    # an area nobody has mapped yet gets no gap list, but a sentence saying why
    assert "Ingen stödfunktion är kartlagd för Gruv och Mineral än" in chapter


def test_report_takes_the_short_workspace_option_like_every_command(
    demo_space: Path, tmp_path: Path
) -> None:
    _register_all()
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", "24", "--out", str(out), "-w", str(demo_space)])
    assert result.exit_code == 0, result.output
    assert "Västerbotten" in out.read_text(encoding="utf-8")

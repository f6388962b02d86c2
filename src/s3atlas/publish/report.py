"""The region report: one self-contained HTML file (and a PDF printed from it by Chromium).

The report gathers what the region page shows, with the same functions and the same
rounding (``region_strengths``, the page's priority fit, the dynamics indicators, the chart
builders of :mod:`s3atlas.viz` rendered to SVG by :mod:`s3atlas.viz.export`), and adds the
written-out findings, the ecosystem of each strength area and the data sources.

Chromium, the browser the project already uses for its browser tests, prints the PDF: A4,
vector charts (inline SVG), page numbers in the footer, the table of contents as links and
the fonts embedded. WeasyPrint was not chosen: it would add a second HTML engine (and its
Cairo/Pango system libraries) whose rendering of the same SVG charts differs from the web's.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from s3atlas import __version__
from s3atlas.errors import MissingToolError, S3AtlasError
from s3atlas.i18n import format_number, gettext

__all__ = ["CHROMIUM_ENV", "chromium_path", "region_report", "report_html", "write_pdf"]

CHROMIUM_ENV = "S3ATLAS_CHROMIUM"
_TEMPLATES = Path(__file__).parent / "templates"


def chromium_path() -> Path:
    """Return the Chromium that prints PDFs (``S3ATLAS_CHROMIUM``, default /usr/bin/chromium)."""
    return Path(os.environ.get(CHROMIUM_ENV, "/usr/bin/chromium"))


def _svg(spec: dict[str, Any] | None, width: int = 680) -> Markup | None:
    from s3atlas.viz.export import fixed_size, to_svg

    if spec is None:
        return None
    return Markup(to_svg(fixed_size(spec, width)))  # SVG text written by vl-convert


def _fit(store: Any, lang: str, code: str) -> pd.DataFrame | None:
    from s3atlas.present.priorities import region_fit
    from s3atlas.stats import DEFAULT_DATASET

    try:
        return region_fit(store, lang, DEFAULT_DATASET, code)
    except S3AtlasError:
        return None


def _ecosystem(store: Any, code: str, lang: str) -> dict[str, Any] | None:
    from s3atlas.ecosystem.analysis.coverage import find_gaps, unmapped_areas
    from s3atlas.ecosystem.analysis.functions import classify_functions
    from s3atlas.ecosystem.labels import functions_in_words, gaps_in_words
    from s3atlas.ecosystem.store.queries import build_snapshot
    from s3atlas.errors import NotFoundError

    try:
        snapshot = build_snapshot(store, code)
    except NotFoundError:
        return None
    functions = functions_in_words(classify_functions(snapshot), snapshot, lang)
    functions = functions[functions.n_areas > 0]
    gaps = gaps_in_words(find_gaps(snapshot), snapshot, lang)
    unmapped = set(unmapped_areas(snapshot))
    areas: list[dict[Any, Any]] = []
    for area in snapshot.areas.to_dict("records"):
        served = functions[[area["name"] in str(a).split("; ") for a in functions.areas]]
        areas.append(
            {
                **area,
                "functions": served.to_dict("records"),
                "gaps": gaps[gaps.area_id.astype(str) == str(area["area_id"])]["gap"],
                "unmapped": str(area["area_id"]) in unmapped,
                **_area_map(snapshot, area, lang),
            }
        )
    return {"round": snapshot.round, "areas": areas, "functions": functions}


def _area_map(snapshot: Any, area: dict[Any, Any], lang: str) -> dict[str, Any]:
    """The area's map as the web page draws it (same elements and gaps), as an SVG image."""
    from s3atlas.present.area import AreaView
    from s3atlas.publish.mapimage import legend_items, map_svg, unnamed_count

    elements = AreaView(snapshot, str(area["area_id"]), str(area["name"]), lang).network
    title = gettext("Ecosystem map of {area}", lang, area=area["name"])
    return {
        "map": Markup(map_svg(elements, title)),  # drawn by mapimage, every text escaped
        "legend": [{**i, "svg": Markup(i["svg"])} for i in legend_items(elements)],
        "unnamed": unnamed_count(elements),
    }


def _partners(store: Any, code: str, lang: str) -> list[dict[Any, Any]]:
    from s3atlas.present.priorities import region_partners

    try:
        return region_partners(store, lang, code).to_dict("records")
    except S3AtlasError:
        return []


def _clusters(store: Any, code: str, lang: str) -> list[dict[Any, Any]]:
    from s3atlas.clusters.service import clusters_frame

    try:
        return clusters_frame(store, code, lang).to_dict("records")
    except S3AtlasError:
        return []


def _monitoring(store: Any, code: str, lang: str) -> list[dict[str, Any]]:
    """The framework's indicators with value, status and reason (the monitoring page's rows)."""
    from s3atlas.monitoring.report import region_report as monitoring_report
    from s3atlas.monitoring.sentences import indicator_name, reason_words
    from s3atlas.monitoring.tables import status_label

    try:
        frame = monitoring_report(code, store)
    except S3AtlasError:
        return []
    return [
        {
            "name": indicator_name(row, lang),
            "year": row["year"],
            "value": row["value"],
            "status": status_label(str(row["status"]), lang),
            "reason": reason_words(row, lang),
            "example": bool(row["example"]),
        }
        for row in frame.to_dict("records")
    ]


_DECISIONS = {"accepted": "Accepted", "pending": "Not handled", "rejected": "Rejected"}


def _workshops(store: Any, code: str, lang: str) -> list[dict[str, Any]]:
    """The region's workshops: how many examples came in, how many were accepted, and the
    examples themselves (accepted first; merged duplicates count under the one kept; names and
    organisations of participants are left out)."""
    from s3atlas.workshop import list_workshops
    from s3atlas.workshop.summary import function_names, submissions_frame

    try:
        frame = list_workshops(store, code)
    except S3AtlasError:
        return []
    out: list[dict[str, Any]] = []
    for row in frame.to_dict("records", into=dict):
        submitted = submissions_frame(store, int(row["id"]))
        accepted = int((submitted.status == "accepted").sum()) if len(submitted) else 0
        items = _workshop_items(submitted, lang, function_names(store, lang))
        out.append({**row, "submitted": len(submitted), "accepted": accepted, "items": items})
    return out


def _workshop_items(frame: pd.DataFrame, lang: str, names: dict[str, str]) -> list[dict[str, Any]]:
    """The examples of one workshop as the report lists them: decision, example, function, who."""
    shown = frame[frame.status.isin(list(_DECISIONS))]
    order = {status: i for i, status in enumerate(_DECISIONS)}
    shown = shown.assign(_order=shown.status.map(order)).sort_values(["_order", "id"])
    return [
        {
            "status": gettext(_DECISIONS[row["status"]], lang),
            "text": row["text"],
            "function": names.get(row["function"], "") if isinstance(row["function"], str) else "",
            "actor": row["actor_name"] if isinstance(row["actor_name"], str) else "",
        }
        for row in shown.to_dict("records")
    ]


def _dynamics(region: Any, lang: str) -> dict[str, Any] | None:
    from s3atlas.present.region import region_dynamics_shown

    shown = region_dynamics_shown(region, lang)
    if shown is None:
        return None
    charts = [_svg(spec, 330) for spec in shown["charts"].values()]
    return {"frame": shown["frame"], "charts": charts, "notes": shown["notes"]}


def region_report(store: Any, region_code: str, lang: str) -> dict[str, Any]:
    """Return everything the report of *region_code* shows, in *lang*."""
    from s3atlas.analysis.findings import region_findings
    from s3atlas.analysis.profile import region_strengths
    from s3atlas.classifications import find_region
    from s3atlas.present.region import dataset_for, strength_bars, strengths_bubble
    from s3atlas.stats import DEFAULT_DATASET

    region = find_region(region_code)
    data = dataset_for(DEFAULT_DATASET)
    strengths = region_strengths(data, region.code, lang=lang)
    fit = _fit(store, lang, region.code)
    dynamics = _dynamics(region, lang)
    return {
        "region": region,
        "lang": lang,
        "version": __version__,
        "meta": data.meta,
        "strengths": strengths[strengths.ranked].to_dict("records"),
        "others": strengths[~strengths.ranked].to_dict("records"),
        "year": strengths["year"].iloc[0],
        "base_year": strengths["base_year"].iloc[0],
        "growth_end_year": strengths["growth_end_year"].iloc[0],
        "findings": region_findings(
            region.short_name,
            strengths,
            lang,
            fit=fit,
            dynamics=None if dynamics is None else dynamics["frame"],
        ),
        "bubble": _svg(strengths_bubble(strengths, lang)),
        "bars": _svg(strength_bars(strengths, lang)),
        "fit": None if fit is None else fit.to_dict("records"),
        "dynamics": dynamics,
        "ecosystem": _ecosystem(store, region.code, lang),
        "clusters": _clusters(store, region.code, lang),
        "partners": _partners(store, region.code, lang),
        "monitoring": _monitoring(store, region.code, lang),
        "workshops": _workshops(store, region.code, lang),
    }


def _environment(lang: str) -> Environment:
    from s3atlas.analysis.composite import lq_text, signed_percent

    env = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape())
    env.globals["_"] = lambda msgid, **values: gettext(msgid, lang, **values)
    env.filters["lq"] = lambda v: "–" if v is None or v != v else lq_text(float(v), lang)
    env.filters["signed"] = lambda v: "–" if v is None or v != v else signed_percent(v, lang)
    env.filters["number"] = lambda v, d=0: format_number(v, d, lang=lang)
    return env


def report_html(content: dict[str, Any]) -> str:
    """Return the report as one HTML file (styles inline, charts as inline SVG)."""
    css = (_TEMPLATES / "report.css").read_text(encoding="utf-8")
    template = _environment(content["lang"]).get_template("report.html")
    return template.render(css=Markup(css), **content)  # the package's own stylesheet


def write_pdf(html: str, out: Path, footer: str) -> None:
    """Print *html* to the PDF *out* with Chromium: A4, page numbers in the footer."""
    executable = chromium_path()
    if not executable.exists():
        raise MissingToolError(
            gettext(
                "Chromium is needed to print a PDF and was not found at {path}; install it "
                "(apt-get install chromium) or set {env}.",
                path=str(executable),
                env=CHROMIUM_ENV,
            )
        )
    template = (
        '<div style="font-size:8px;width:100%;text-align:center;color:#52606D">'
        f'{footer} · <span class="pageNumber"></span> / <span class="totalPages"></span></div>'
    )
    # Playwright's sync API refuses a thread that runs an asyncio loop (a web server, a
    # notebook, a test client): print in a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(_print, html, out, template, executable).result()


def _print(html: str, out: Path, template: str, executable: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(executable), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort())  # nothing leaves the machine
            page.set_content(html, wait_until="load")
            page.pdf(
                path=str(out),
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=template,
                margin={"top": "18mm", "bottom": "18mm", "left": "16mm", "right": "16mm"},
            )
        finally:
            browser.close()

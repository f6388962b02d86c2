"""Export the web app as a static site: render its pages in-process and write them as files.

The crawl starts at the national overview and follows every link an anonymous visitor can
follow, so what the app does not publish (an unpublished region's pages and maps) is left
out by the app's own check. Pages are rewritten by :mod:`s3atlas.publish.rewrite`, the
downloads are saved beside them, the vendored assets are copied, and a sitemap lists the
pages. Same workspace in, byte-identical files out.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from s3atlas.errors import InputError
from s3atlas.i18n import LANGUAGES, gettext
from s3atlas.publish.determinism import normalise_download
from s3atlas.publish.paths import local_path, relative_link, split_url
from s3atlas.publish.rewrite import NEVER_FETCHED, links_in, rewrite_html

__all__ = ["Fetched", "SiteExport", "check_site_folder", "export_site", "languages_for"]

Key = tuple[str, tuple[tuple[str, str], ...]]
Progress = Callable[[str, int, int], None]
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_REGION = re.compile(r"^/(?:priorities/)?region/([^/]+)")


@dataclass(frozen=True)
class Fetched:
    """One URL of the app as rendered: status, media type and body."""

    status: int
    media_type: str
    body: bytes
    location: str = ""
    attachment: bool = False

    @property
    def is_html(self) -> bool:
        """Whether the body is HTML (a page, or an HTML file to download)."""
        return self.status == 200 and self.media_type.startswith("text/html")

    @property
    def is_page(self) -> bool:
        """Whether the body is a page of the site (its links are followed)."""
        return self.is_html and not self.attachment


@dataclass
class SiteExport:
    """What an export wrote: the files (site-relative, sorted) and the URLs left out."""

    root: Path
    files: list[str] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def check_site_folder(out: Path) -> None:
    """Refuse *out* when it is a file (the site needs a folder; the file is kept)."""
    if out.exists() and not out.is_dir():
        raise InputError(
            gettext("{path} is a file; the site needs a folder.", path=str(out)),
            file=str(out),
        )


def languages_for(choice: str) -> tuple[str, ...]:
    """Return the languages of ``--lang`` (``sv``, ``en`` or ``both``), Swedish first.

    >>> languages_for("both"), languages_for("en")
    (('sv', 'en'), ('en',))
    """
    if choice == "both":
        return LANGUAGES
    if choice not in LANGUAGES:
        raise InputError(
            gettext("Unknown language {value}; choose sv, en or both.", value=choice),
            column="--lang",
            value=choice,
        )
    return (choice,)


class _Crawler:
    """Fetches the pages of one language through an in-process client."""

    def __init__(self, app: Any, lang: str, regions: frozenset[str] | None) -> None:
        from fastapi.testclient import TestClient

        self.client = TestClient(app, base_url="http://localhost", follow_redirects=False)
        self.client.cookies.set("s3atlas_lang", lang)
        self.lang, self.regions = lang, regions
        self.fetched: dict[Key, Fetched] = {}
        self._json: dict[str, Any] = {}

    def wanted(self, path: str) -> bool:
        if path.startswith(("/static/", *NEVER_FETCHED)):
            return False
        match = _REGION.match(path)
        return self.regions is None or match is None or match.group(1) in self.regions

    def get(self, key: Key) -> Fetched:
        if key not in self.fetched:
            path, query = key
            response = self.client.get(path, params=list(query))
            self.fetched[key] = Fetched(
                response.status_code,
                response.headers.get("content-type", ""),
                response.content,
                response.headers.get("location", ""),
                response.headers.get("content-disposition", "").startswith("attachment"),
            )
        return self.fetched[key]

    def json(self, url: str) -> Any:
        if url not in self._json:
            path, query, _fragment, _lang = split_url(url)
            self._json[url] = json.loads(self.get((path, query)).body)
        return self._json[url]

    def crawl(self, progress: Progress | None) -> None:
        queue: list[Key] = [("/", ())]
        seen = set(queue)
        while queue:
            key = queue.pop(0)
            found = self.get(key)
            if progress:
                progress(key[0], len(seen) - len(queue), len(seen))
            urls = links_in(found.body.decode("utf-8")) if found.is_page else []
            if found.status in (301, 302, 303, 307, 308) and found.location:
                urls = [found.location]
            for url in urls:
                path, query, _fragment, lang = split_url(url)
                new = (path, query)
                if lang in (None, self.lang) and new not in seen and self.wanted(path):
                    seen.add(new)
                    queue.append(new)


class _Site:
    """Maps URLs to files across the languages and writes them."""

    def __init__(self, crawlers: dict[str, _Crawler], out: Path) -> None:
        self.crawlers, self.out = crawlers, out
        self.first = next(iter(crawlers))

    def prefix(self, lang: str) -> str:
        return "" if lang == self.first else lang

    def target(self, key: Key, lang: str) -> str | None:
        crawler = self.crawlers.get(lang)
        for _hop in range(5):
            found = crawler.fetched.get(key) if crawler else None
            if found is None:
                return None
            if found.status == 200:
                return local_path(key[0], key[1], self.prefix(lang))
            if not found.location:
                return None
            path, query, _fragment, _lang = split_url(found.location)
            key = (path, query)
        return None

    def resolver(self, source: str, lang: str) -> Callable[[str], str | None]:
        from s3atlas.web.app import STATIC_DIR

        def resolve(url: str) -> str | None:
            path, query, fragment, asked = split_url(url)
            if path.startswith("/static/"):
                local = STATIC_DIR / path.removeprefix("/static/")
                if path.endswith("/") and local.is_dir():  # a folder scripts load from
                    return relative_link(source, path.lstrip("/")) + "/"
                return relative_link(source, path.lstrip("/")) if local.is_file() else None
            if "__ID__" in path:
                return relative_link(source, local_path(path, query, self.prefix(lang)), fragment)
            target = self.target((path, query), asked or lang)
            return None if target is None else relative_link(source, target, fragment)

        return resolve

    def files(self) -> Iterable[tuple[str, str, Key, Fetched]]:
        for lang, crawler in self.crawlers.items():
            for key, found in sorted(crawler.fetched.items()):
                if found.status == 200:
                    yield lang, local_path(key[0], key[1], self.prefix(lang)), key, found

    def write(self, name: str, body: bytes) -> None:
        path = self.out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)


def _copy_static(out: Path) -> list[str]:
    from s3atlas.web.app import STATIC_DIR

    names = []
    for source in sorted(p for p in STATIC_DIR.rglob("*") if p.is_file()):
        name = "static/" + source.relative_to(STATIC_DIR).as_posix()
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, out / name)
        names.append(name)
    return names


def _title(html: str) -> str:
    match = _TITLE.search(html)
    return re.sub(r"\s+", " ", match.group(1)).strip() if match else ""


def _sitemap_html(pages: list[tuple[str, str]], lang: str, stylesheet: str) -> bytes:
    items = "\n".join(
        f'<li><a href="{escape(name)}">{title or escape(name)}</a></li>' for name, title in pages
    )
    heading = gettext("All pages of this site", lang)
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head><meta charset="utf-8">'
        f"<title>{heading} · s3atlas</title>"
        f'<link rel="stylesheet" href="{escape(stylesheet)}"></head>\n'
        f'<body><main class="wrap"><h1>{heading}</h1>\n<ul>\n{items}\n</ul></main></body>\n'
        "</html>\n"
    ).encode()


def _sitemap_xml(pages: list[str], base_url: str) -> bytes:
    base = base_url.rstrip("/") + "/"
    rows = "".join(f"  <url><loc>{escape(base + name)}</loc></url>\n" for name in pages)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{rows}</urlset>\n"
    ).encode()


def export_site(
    app: Any,
    out: Path,
    *,
    regions: Sequence[str] | None = None,
    languages: Sequence[str] = ("sv",),
    base_url: str | None = None,
    progress: Progress | None = None,
) -> SiteExport:
    """Write the static site of *app* to *out* and return what was written.

    Parameters
    ----------
    app : FastAPI
        The web app, e.g. ``s3atlas.web.create_app(workspace)``.
    out : Path
        The folder of the site; files the export writes are replaced, others are kept.
    regions : sequence of str, optional
        County codes whose pages are exported (default: every published region).
    languages : sequence of str
        ``("sv",)``, ``("en",)`` or ``("sv", "en")``; the first is at the root, the second
        under ``en/``.
    base_url : str, optional
        The address the site will have; with it a ``sitemap.xml`` is written too.
    progress : callable, optional
        Called with (path, done, found so far) after every fetched URL.
    """
    check_site_folder(out)
    wanted = frozenset(regions) if regions else None
    crawlers = {lang: _Crawler(app, lang, wanted) for lang in languages}
    for crawler in crawlers.values():
        crawler.crawl(progress)
    site = _Site(crawlers, out)
    result = SiteExport(out, files=_copy_static(out))
    pages: dict[str, list[tuple[str, str]]] = {lang: [] for lang in languages}
    for lang, name, _key, found in site.files():
        crawler = crawlers[lang]
        body = found.body
        if found.is_page:
            text = rewrite_html(body.decode("utf-8"), site.resolver(name, lang), crawler.json)
            pages[lang].append((name, _title(text)))
            body = text.encode("utf-8")
        elif found.is_html:  # a whole-page download: its links, not its inline scripts
            head, mark, rest = body.decode("utf-8").partition("<script>")
            head = rewrite_html(head, site.resolver(name, lang), crawler.json)
            body = (head + mark + rest).encode("utf-8")
        site.write(name, normalise_download(name, body))
        result.files.append(name)
    for lang in languages:
        sitemap = local_path("/sitemap.html", (), site.prefix(lang))
        listed = [(relative_link(sitemap, n), t) for n, t in pages[lang]]
        stylesheet = relative_link(sitemap, "static/css/app.css")
        site.write(sitemap, _sitemap_html(listed, lang, stylesheet))
        result.files.append(sitemap)
    if base_url:
        site.write(
            "sitemap.xml", _sitemap_xml([n for p in pages.values() for n, _t in p], base_url)
        )
        result.files.append("sitemap.xml")
    result.files.sort()
    result.left_out = sorted(
        {k[0] for c in crawlers.values() for k, f in c.fetched.items() if f.status != 200}
    )
    return result

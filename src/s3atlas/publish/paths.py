"""Where each page of the app lands in a static site, and relative links between the files.

A URL of the app becomes one file: a page ``/region/24`` is ``region/24/index.html`` (a
browser opens ``index.html`` itself from ``file://``), a download keeps its name, and query
parameters other than ``lang`` become part of the file name, sorted, so one URL always gives
one file. With both languages, Swedish is at the root and English under ``en/``.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qsl, quote, unquote, urlsplit

__all__ = ["is_internal", "local_path", "relative_link", "split_url"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def is_internal(url: str) -> bool:
    """Return whether *url* is a path on the app itself (not another site, not a fragment).

    >>> is_internal("/region/24"), is_internal("//cdn.example/x.js"), is_internal("#top")
    (True, False, False)
    >>> is_internal("http://localhost/static/css/app.css"), is_internal("data:,")
    (True, False)
    """
    if url.startswith("http://localhost/"):
        return True
    return url.startswith("/") and not url.startswith("//")


def split_url(url: str) -> tuple[str, tuple[tuple[str, str], ...], str, str | None]:
    """Return (path, sorted query without ``lang``, fragment, asked language) of an internal URL.

    >>> split_url("/region/24?lang=en&dataset=scb_rams#fit-h")
    ('/region/24', (('dataset', 'scb_rams'),), 'fit-h', 'en')
    """
    parts = urlsplit(url.removeprefix("http://localhost"))
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    lang = next((v for k, v in pairs if k == "lang"), None)
    query = tuple(sorted((k, v) for k, v in pairs if k != "lang"))
    return parts.path or "/", query, parts.fragment, lang


def _suffix(query: tuple[tuple[str, str], ...]) -> str:
    return "".join("_" + _UNSAFE.sub("-", f"{k}-{v}") for k, v in query)


def local_path(path: str, query: tuple[tuple[str, str], ...] = (), prefix: str = "") -> str:
    """Return the file of the site that holds ``path?query`` (POSIX, relative to the site root).

    >>> local_path("/")
    'index.html'
    >>> local_path("/region/24", prefix="en")
    'en/region/24/index.html'
    >>> local_path("/region/24/download/strengths.csv", (("dataset", "scb_rams"),))
    'region/24/download/strengths_dataset-scb_rams.csv'
    >>> local_path("/", (("indicator", "rd total"),))
    'index_indicator-rd-total.html'
    >>> local_path("/region/24/clusters/Testkluster%20Webbl%C3%A4sare")
    'region/24/clusters/Testkluster Webbläsare/index.html'
    """
    parts = [unquote(p).replace("/", "-") for p in path.split("/")]
    parts = [p for p in parts if p not in ("", ".", "..")]
    last = parts[-1] if parts else ""
    if not parts or "." not in last:
        parts.append("index.html")
    stem, dot, ext = parts[-1].rpartition(".")
    parts[-1] = f"{stem}{_suffix(query)}{dot}{ext}"
    return posixpath.join(prefix, *parts) if prefix else posixpath.join(*parts)


def relative_link(source: str, target: str, fragment: str = "") -> str:
    """Return the link from the file *source* to the file *target* (both site-relative).

    >>> relative_link("en/region/24/index.html", "static/css/app.css")
    '../../../static/css/app.css'
    >>> relative_link("index.html", "index.html", "regions")
    'index.html#regions'
    >>> relative_link("region/24/clusters/index.html", "region/24/clusters/Kluster ö/index.html")
    'Kluster%20%C3%B6/index.html'
    """
    link = quote(posixpath.relpath(target, posixpath.dirname(source) or "."))
    return link + (f"#{fragment}" if fragment else "")

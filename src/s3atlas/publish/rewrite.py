"""Turn a page of the running app into a page of the static site.

What needs a server goes: forms that post, the sign-in link, the CSRF token, htmx requests;
a form that only chooses what to show keeps its text, and its lists become links to the page
with each option chosen (:mod:`s3atlas.publish.choices`; the export follows them), while a
typed field (a year) gets a note that the copy shows it as when it was made. Every internal
link becomes relative, and a link to a page
the site does not hold (an unpublished region) loses its ``href`` but keeps its words. The
chart and network specs in ``<script type="application/json">`` blocks get the same links,
and data they would fetch from the server is put inline, so nothing is requested from
``file://``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html import escape, unescape
from typing import Any

from s3atlas.publish.choices import choice_urls, choices_html, read_form
from s3atlas.publish.paths import is_internal

__all__ = ["NEVER_FETCHED", "json_blocks", "links_in", "rewrite_html", "rewrite_json"]

#: Paths a visitor of a static site cannot use: signing in, the account, the JSON API.
NEVER_FETCHED = ("/login", "/logout", "/account", "/api/", "/api")

_ATTR = re.compile(
    r"""(\s(?:href|src|action|data-vendor|data-[a-z-]*url))=(["'])(.*?)\2""", re.I | re.S
)
_POST_FORM = re.compile(r"<form\b[^>]*method=[\"']post[\"'][^>]*>.*?</form>\s*", re.I | re.S)
_GET_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.I | re.S)
_CONTROLS = re.compile(
    r"<select\b.*?</select>|<label\b[^>]*\bfor=[^>]*>.*?</label>|<button\b[^>]*>.*?</button>"
    r"|<input\b[^>]*>",
    re.I | re.S,
)
_HX = re.compile(r"""\shx-[a-z-]+=(?:"[^"]*"|'[^']*')""", re.I)
_NEVER_LINK = re.compile(
    r"""<a\b[^>]*\shref=["'](?:/login|/logout|/account|/api/)[^"']*["'][^>]*>.*?</a>\s*""",
    re.I | re.S,
)
_JSON_BLOCK = re.compile(r'(<script type="application/json"[^>]*>)(.*?)(</script>)', re.S)
_PATH_LIKE = re.compile(r"^/[^\s/][^\s]*$|^/$")
_ACTION = re.compile(r"""\baction=(["'])(.*?)\1""", re.I | re.S)
_METHOD_POST = re.compile(r"""\bmethod=["']post["']""", re.I)
_LANG = re.compile(r"""<html\b[^>]*\blang=["']([a-z]{2})""", re.I)

Resolve = Callable[[str], str | None]


def _never(url: str) -> bool:
    return url.split("?")[0].split("#")[0].startswith(NEVER_FETCHED)


def json_blocks(html: str) -> list[Any]:
    """Return the parsed JSON blocks (chart specs, network elements) of a page."""
    return [json.loads(m.group(2)) for m in _JSON_BLOCK.finditer(html) if m.group(2).strip()]


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) and _PATH_LIKE.match(value) else []


def links_in(html: str) -> list[str]:
    """Return the internal URLs a page points to: attributes and paths inside its JSON blocks.

    >>> links_in('<a href="/region/24">x</a><img src="data:,"><a href="/login?next=/">in</a>')
    ['/region/24']
    """
    found = [unescape(m.group(3)) for m in _ATTR.finditer(html) if "__ID__" not in m.group(3)]
    for form in _GET_FORM.finditer(html):
        action = _ACTION.search(form.group(1))
        if action and not _METHOD_POST.search(form.group(1)):
            found += choice_urls(read_form(unescape(action.group(2)), form.group(2)))
    for block in json_blocks(html):
        found += _strings(block)
    return [u for u in dict.fromkeys(found) if is_internal(u) and not _never(u)]


def _unform(match: re.Match[str], lang: str) -> str:
    """A GET form as a static page shows it: its choices as links, its other text kept."""
    attrs, body = match.group(1), match.group(2)
    classes = re.search(r"""class=(["'])(.*?)\1""", attrs)
    kept = f' class="{classes.group(2)}"' if classes else ""
    action = _ACTION.search(attrs)
    choices = choices_html(read_form(unescape(action.group(2)), body), lang) if action else ""
    return f"<div{kept}>{choices}{_CONTROLS.sub('', body)}</div>"


def _data_file(url: str) -> bool:
    """Whether *url* is an internal data file (a name with an extension), not a page."""
    last = url.split("?")[0].split("#")[0].rsplit("/", 1)[-1]
    return is_internal(url) and "." in last


def rewrite_json(value: Any, resolve: Resolve, inline: Callable[[str], Any]) -> Any:
    """Return *value* with internal paths made relative and server data put inline.

    A Vega-Lite data source ``{"url": "/…", "format": {"property": "features"}}`` becomes
    ``{"values": …}`` with what *inline* returns for the URL; any other string that is an
    internal path is resolved (an empty string when the site does not hold it).
    """
    if isinstance(value, dict):
        url = value.get("url")
        if isinstance(url, str) and _data_file(url) and set(value) <= {"url", "format", "name"}:
            data = inline(url)
            prop = (value.get("format") or {}).get("property")
            rest = {k: v for k, v in value.items() if k == "name"}
            return {**rest, "values": data[prop] if prop else data}
        return {k: rewrite_json(v, resolve, inline) for k, v in value.items()}
    if isinstance(value, list):
        return [rewrite_json(v, resolve, inline) for v in value]
    if isinstance(value, str) and _PATH_LIKE.match(value):
        return resolve(value) or ""
    return value


def _dump(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("</", "<\\/")


def rewrite_html(html: str, resolve: Resolve, inline: Callable[[str], Any]) -> str:
    """Return the static-site version of a page (see the module docstring).

    *resolve* maps an internal URL to the relative link of the file that holds it, or
    ``None`` when the site does not; *inline* returns the JSON data behind an internal URL.

    >>> page = ('<body hx-headers=\\'{"X-CSRF-Token": "abc"}\\'><a href="/region/24">V</a>'
    ...         '<a href="/region/01">S</a><a class="b" href="/login?next=/">Sign in</a></body>')
    >>> rewrite_html(page, {"/region/24": "region/24/index.html"}.get, lambda u: None)
    '<body><a href="region/24/index.html">V</a><a>S</a></body>'
    """
    html = _POST_FORM.sub("", html)
    html = _NEVER_LINK.sub("", html)
    found_lang = _LANG.search(html)
    lang = found_lang.group(1) if found_lang else "sv"
    html = _GET_FORM.sub(lambda m: _unform(m, lang), html)
    html = _HX.sub("", html)

    def attribute(match: re.Match[str]) -> str:
        name, quote, url = match.group(1), match.group(2), unescape(match.group(3))
        if not is_internal(url):
            return match.group(0)
        target = resolve(url)
        return "" if target is None else f"{name}={quote}{escape(target)}{quote}"

    html = _ATTR.sub(attribute, html)

    def block(match: re.Match[str]) -> str:
        if not match.group(2).strip():
            return match.group(0)
        value = rewrite_json(json.loads(match.group(2)), resolve, inline)
        return match.group(1) + _dump(value) + match.group(3)

    return _JSON_BLOCK.sub(block, html)

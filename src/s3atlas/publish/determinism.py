"""Make downloads byte-identical between runs: Excel files carry the time they were written."""

from __future__ import annotations

import io
import re
import zipfile

__all__ = ["FIXED_TIME", "normalise_download", "normalise_svg", "normalise_xlsx"]

#: The time stamp every zip entry and Excel property gets (the zip format's earliest date).
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_SVG_ID = re.compile(rb"\b(gradient_|clip)(\d+)\b")
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def normalise_xlsx(data: bytes) -> bytes:
    """Return the workbook *data* with its creation and change times fixed.

    >>> import openpyxl
    >>> def book():
    ...     out = io.BytesIO(); openpyxl.Workbook().save(out); return out.getvalue()
    >>> normalise_xlsx(book()) == normalise_xlsx(book())
    True
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            body = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", body)
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, body)
    return out.getvalue()


def normalise_svg(data: bytes) -> bytes:
    """Return the SVG *data* with its gradient and clip ids numbered from 1 in order of use.

    The chart renderer numbers them with a counter that runs across the whole process, so the
    same chart drawn twice would otherwise differ.

    >>> normalise_svg(b'<g clip-path="url(#clip7)"/><clipPath id="clip7"/><g id="gradient_23"/>')
    b'<g clip-path="url(#clip1)"/><clipPath id="clip1"/><g id="gradient_1"/>'
    """
    numbers: dict[bytes, bytes] = {}
    counts: dict[bytes, int] = {}

    def renumber(match: re.Match[bytes]) -> bytes:
        token, prefix = match.group(0), match.group(1)
        if token not in numbers:
            counts[prefix] = counts.get(prefix, 0) + 1
            numbers[token] = prefix + str(counts[prefix]).encode()
        return numbers[token]

    return _SVG_ID.sub(renumber, data)


def normalise_download(name: str, data: bytes) -> bytes:
    """Return *data* (the file *name*) without what depends on when or after what it was made."""
    if name.endswith(".xlsx"):
        return normalise_xlsx(data)
    return normalise_svg(data) if name.endswith(".svg") else data

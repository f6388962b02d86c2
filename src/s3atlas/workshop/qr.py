"""The join address as a QR code to show on the projector (drawn by segno)."""

from __future__ import annotations

import segno

__all__ = ["qr_svg"]


def qr_svg(url: str) -> str:
    """Return *url* as a QR code in inline SVG that scales with its box (error correction M).

    >>> qr_svg("https://example.org/w/ABC234").startswith("<svg")
    True
    """
    return str(segno.make(url, error="m").svg_inline(scale=10, omitsize=True, border=2))

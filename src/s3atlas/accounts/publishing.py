"""What "published" opens: the one rule every page, API route and download asks.

A region's **statistics** (its strengths, indicators, charts and the priorities it
declared in the public 2018 compilation) are public for every region: they come
from public sources. Publishing opens what the region's own people put into the
workspace:

``ecosystem_map``
    strength areas, actors, support functions, links, insights, rounds and the
    cluster mapping (clusters, phases, criteria, surveys), with their downloads;
``priority_list``
    the priority list the region stored in the workspace (``s3atlas priorities
    import``); until it is published, everyone not signed in sees the region's
    bundled public list instead.

Signed-in users (every role) read every part of every region.

>>> may_read(None, "24", Part.STATISTICS, frozenset())
True
>>> may_read(None, "24", Part.ECOSYSTEM_MAP, frozenset())
False
>>> may_read(None, "24", "ecosystem_map", {"24"})
True
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from s3atlas.accounts.users import Principal

__all__ = ["Part", "hidden_regions", "may_read"]


class Part(StrEnum):
    """The parts of a region's content that publishing may open."""

    STATISTICS = "statistics"
    ECOSYSTEM_MAP = "ecosystem_map"
    PRIORITY_LIST = "priority_list"


def may_read(
    user: Principal | None, region_code: str, part: Part | str, published: Collection[str]
) -> bool:
    """Return whether *user* (``None`` = not signed in) may read *part* of *region_code*."""
    if Part(part) is Part.STATISTICS or user is not None:
        return True
    return region_code in published


def hidden_regions(
    user: Principal | None, codes: Collection[str], part: Part | str, published: Collection[str]
) -> frozenset[str]:
    """Return those of *codes* whose *part* *user* may not read.

    >>> sorted(hidden_regions(None, ["01", "24"], Part.PRIORITY_LIST, {"24"}))
    ['01']
    """
    return frozenset(c for c in codes if not may_read(user, c, part, published))

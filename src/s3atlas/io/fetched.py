"""From fetched answers to raw cells that carry their provenance.

Every number fetched from a statistics service keeps, in its ``source``,
the agency, the table (or indicator) id and title, the URL it came from and
the date it was retrieved, e.g. ``SCB, tabell TAB900: Förvärvsarbetande …;
https://statistikdatabasen.scb.se/api/v2/tables/TAB900/data?…; hämtad
2026-12-05``. The text is written in the language of the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import pandas as pd
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from s3atlas.i18n import gettext as _
from s3atlas.io.jsonstat import jsonstat_cells
from s3atlas.io.transport import Answer

__all__ = ["dataset_source", "jsonstat_answer_cells", "progress_map", "source_text"]

T = TypeVar("T")
R = TypeVar("R")


def source_text(agency: str, table: str, title: str, answer: Answer) -> str:
    """Return the provenance of a fetched number: agency, table, title, URL and retrieval date.

    >>> from datetime import datetime, UTC
    >>> answer = Answer({}, "https://x/tables/TAB1/data", datetime(2026, 12, 5, tzinfo=UTC))
    >>> source_text("SCB", "TAB1", "Förvärvsarbetande", answer)
    'SCB, tabell TAB1: Förvärvsarbetande; https://x/tables/TAB1/data; hämtad 2026-12-05'
    """
    return _(
        "{agency}, table {table}: {title}; {url}; retrieved {date}",
        agency=agency,
        table=table,
        title=title,
        url=answer.url,
        date=answer.date,
    )


def dataset_source(agency: str, table: str, url: str, answers: Sequence[Answer]) -> str:
    """Return a dataset's provenance: agency, table, URL and the earliest retrieval date.

    >>> from datetime import datetime, UTC
    >>> answer = Answer({}, "https://x/tables/TAB1/data?lang=sv", datetime(2026, 12, 5, tzinfo=UTC))
    >>> dataset_source("SCB", "TAB1", "https://x/tables/TAB1", [answer])
    'SCB, tabell TAB1; https://x/tables/TAB1; hämtad 2026-12-05'
    """
    first = min(answers, key=lambda a: a.retrieved)
    return _(
        "{agency}, table {table}; {url}; retrieved {date}",
        agency=agency,
        table=table,
        url=url,
        date=first.date,
    )


def jsonstat_answer_cells(
    answers: Sequence[Answer], source: Callable[[Answer], str]
) -> pd.DataFrame:
    """Return the raw cells of JSON-stat 2.0 answers, each cell with its answer's provenance."""
    frames = []
    for answer in answers:
        cells = jsonstat_cells(answer.doc, answer.url)
        cells["_source"] = source(answer)
        frames.append(cells)
    return pd.concat(frames, ignore_index=True)


def progress_map(
    work: Callable[[T], R],
    items: Iterable[T],
    label: str,
    *,
    show: bool = True,
    console: Console | None = None,
) -> list[R]:
    """Call *work* on each item in turn, with a progress bar (on stderr) when there are several."""
    items = list(items)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(
        *columns,
        TimeElapsedColumn(),
        console=console or Console(stderr=True),
        transient=True,
        disable=not show or len(items) < 2,
    ) as bar:
        task = bar.add_task(label, total=len(items))
        out = []
        for item in items:
            out.append(work(item))
            bar.advance(task)
    return out

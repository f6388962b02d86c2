"""Progress and provenance of fetched answers."""

from __future__ import annotations

from rich.console import Console

from s3atlas.io.fetched import progress_map


def test_progress_bar_counts_the_calls_of_a_split_query() -> None:
    console = Console(record=True, force_terminal=True, width=100)
    done = progress_map(lambda n: n * 2, [1, 2, 3], "SCB TAB900", console=console)
    assert done == [2, 4, 6]
    shown = console.export_text()
    assert "SCB TAB900" in shown and "3/3" in shown

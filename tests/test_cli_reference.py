"""The checked-in CLI reference is generated from the commands and must not drift."""

from pathlib import Path

from s3atlas.cli.reference import render_reference

DOCS = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def test_docs_cli_md_matches_the_commands():
    assert DOCS.read_text(encoding="utf-8") == render_reference(), (
        "run `make docs` to regenerate docs/cli.md"
    )


def test_reference_lists_every_command_group():
    text = render_reference()
    for command in (
        "s3atlas data import",
        "s3atlas strengths",
        "s3atlas ecosystem gaps",
        "s3atlas priorities partners",
    ):
        assert f"`{command}`" in text

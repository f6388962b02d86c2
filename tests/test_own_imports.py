"""The package imports its own modules directly (none is optional) and by layer: the core,
`present` and `publish` never import the web or the command line."""

from __future__ import annotations

import ast
from pathlib import Path

import s3atlas

PACKAGE = Path(s3atlas.__file__).parent


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(
        isinstance(n, ast.Name) and n.id in ("ImportError", "ModuleNotFoundError")
        for n in names
        if n is not None
    )


def _imports_own_module(body: list[ast.stmt]) -> bool:
    return any(
        (isinstance(node, ast.ImportFrom) and (node.module or "").startswith("s3atlas"))
        or (isinstance(node, ast.Import) and any(a.name.startswith("s3atlas") for a in node.names))
        for statement in body
        for node in ast.walk(statement)
    )


def test_no_module_guards_an_import_of_the_package_itself():
    guarded = [
        f"{path.relative_to(PACKAGE).as_posix()}:{node.lineno}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Try)
        and any(_catches_import_error(h) for h in node.handlers)
        and _imports_own_module(node.body)
    ]
    assert guarded == []


def _imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
    return found


def _crossings(layer: str, allowed: set[str]) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE).as_posix()} imports {module}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] not in allowed
        for module in sorted(_imported_modules(path))
        if module == f"s3atlas.{layer}" or module.startswith(f"s3atlas.{layer}.")
    ]


def test_only_the_web_and_the_command_line_import_the_web():
    # The report and the static site reach the web only for its static files' folder.
    crossings = [
        c
        for c in _crossings("web", {"web", "cli"})
        if c != "publish/site.py imports s3atlas.web.app"
    ]
    assert crossings == []


def test_only_the_command_line_imports_the_command_line():
    assert _crossings("cli", {"cli"}) == []

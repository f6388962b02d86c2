"""Swedish first for errors: every message of the project's exceptions goes through the catalogue.

The test reads the package's source: any construction of an :class:`s3atlas.errors.S3AtlasError`
subclass whose message is a bare string literal, an f-string or text glued to one is a message a
person would read in English only.
"""

from __future__ import annotations

import ast
from pathlib import Path

import s3atlas

PACKAGE = Path(s3atlas.__file__).parent

# Errors that only our own code can cause (a wrong argument type or a wrong constant passed by a
# caller inside the package); a person never sees them, so their text stays English.
PROGRAMMING_ERRORS = {
    # a chart helper given something other than a DataFrame by the code that calls it
    ("viz/spec.py", "{what} must be a DataFrame, got {type(frame).__name__}"),
    # a download helper given something other than a DataFrame by a view
    ("viz/downloads.py", "a download needs a table (DataFrame), got {type(frame).__name__}"),
    # a chart specification built in code without any mark
    ("viz/export.py", "a chart specification needs a mark, layer or composition"),
    # the analysis functions' input check: a caller passed an object that is not a table
    ("analysis/_validate.py", "{name} must be a DataFrame of regions × industries"),
}

# The position of the message among the positional arguments, where it is not the first.
MESSAGE_POSITION = {"HTTPError": 1}


def _error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """Names of S3AtlasError and of every class in the package derived from it."""
    names = {"S3AtlasError"}
    grown = True
    while grown:
        found = {
            node.name
            for tree in trees.values()
            for node in ast.walk(tree)
            if isinstance(node, ast.ClassDef)
            and any(getattr(b, "id", getattr(b, "attr", None)) in names for b in node.bases)
        }
        grown = not found <= names
        names |= found
    return names


def _message(call: ast.Call, name: str) -> ast.expr | None:
    position = MESSAGE_POSITION.get(name, 0)
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == "message"), None)


def _is_untranslated(node: ast.expr | None) -> bool:
    """True for "text", f"text {x}", "a" + b, "a %s" % b and "a {}".format(b)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_untranslated(node.left) or _is_untranslated(node.right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format" and _is_untranslated(node.func.value)
    return False


def _text(node: ast.expr) -> str:
    if isinstance(node, ast.Constant):
        return str(node.value)
    return ast.unparse(node).removeprefix("f")[1:-1]


def _untranslated_messages() -> set[tuple[str, str]]:
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in PACKAGE.rglob("*.py")}
    classes = _error_classes(trees)
    found = set()
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            message = _message(node, name) if name in classes else None
            if message is not None and _is_untranslated(message):
                found.add((path.relative_to(PACKAGE).as_posix(), _text(message)))
    return found


def test_the_scan_sees_a_bare_message_and_passes_a_translated_one():
    source = (
        "class InputError(S3AtlasError): ...\n"
        "class HTTPError(S3AtlasError): ...\n"
        "class Odd(InputError): ...\n"
        "raise Odd(f'bad {x}')\n"
        "raise InputError('bad ' + x)\n"
        "raise InputError(gettext('bad {x}', x=x))\n"
        "raise HTTPError(404, gettext('gone'))\n"
    )
    tree = ast.parse(source)
    classes = _error_classes({Path("x.py"): tree})
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and n.func.id in classes]
    assert [_is_untranslated(_message(c, c.func.id)) for c in calls] == [True, True, False, False]


def test_every_error_message_goes_through_the_catalogue():
    untranslated = _untranslated_messages() - PROGRAMMING_ERRORS
    assert not untranslated, "\n".join(f"{path}: {text}" for path, text in sorted(untranslated))


def test_the_allow_list_names_only_messages_that_still_exist():
    assert _untranslated_messages() >= PROGRAMMING_ERRORS

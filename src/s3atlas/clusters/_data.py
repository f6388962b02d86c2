"""Reading the editable YAML files of cluster mapping (bundled, or a copy the user edited)."""

from __future__ import annotations

import copy
import functools
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from s3atlas.errors import InputError
from s3atlas.i18n import gettext

__all__ = ["load_yaml", "require"]


def load_yaml(name: str, path: str | Path | None = None) -> dict[str, Any]:
    """Return the YAML mapping *path*, or the bundled ``data/clusters/<name>`` when None.

    The bundled files never change while the program runs, so each is parsed
    once (parsing them on every request made the cluster page ten times
    slower than the others); callers get their own copy.
    """
    if path is None:
        return copy.deepcopy(_bundled(name))
    return _parse(name, Path(path))


@functools.cache
def _bundled(name: str) -> dict[str, Any]:
    return _parse(name, files("s3atlas.data").joinpath(f"clusters/{name}"))


def _parse(name: str, source: Any) -> dict[str, Any]:
    try:
        data = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise InputError(
            gettext("cannot read {file}: {problem}", file=name, problem=error), file=str(source)
        ) from error
    if not isinstance(data, dict):
        raise InputError(gettext("{file} must be a YAML mapping", file=name), file=str(source))
    return data


def require(entry: Any, keys: tuple[str, ...], file: str, where: str) -> dict[str, Any]:
    """Return *entry* when it is a mapping with every key in *keys*, else raise
    :class:`InputError`."""
    if not isinstance(entry, dict):
        raise InputError(
            gettext("{where} must be a mapping with {keys}", where=where, keys=", ".join(keys)),
            file=file,
        )
    missing = [k for k in keys if entry.get(k) in (None, "")]
    if missing:
        raise InputError(
            gettext("{where} has no {key}", where=where, key=missing[0]),
            file=file,
            column=missing[0],
        )
    return entry

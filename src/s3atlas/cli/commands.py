"""The command modules, in the order ``s3atlas --help`` lists them."""

from __future__ import annotations

from types import ModuleType

from s3atlas.cli import (
    analysis,
    areas,
    clusters,
    complexity_cmd,
    data,
    dataio,
    dynamics,
    ecosystem,
    monitor,
    priorities,
    publish,
    users,
    web,
    workshop,
    workspace_cmd,
)

__all__ = ["MODULES"]

MODULES: list[ModuleType] = [
    data,
    dataio,
    analysis,
    dynamics,
    areas,
    complexity_cmd,
    ecosystem,
    priorities,
    clusters,
    workshop,
    monitor,
    workspace_cmd,
    users,
    web,
    publish,
]

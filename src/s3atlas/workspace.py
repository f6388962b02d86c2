"""Where a user's work lives: the workspace directory.

A workspace holds statistical datasets as Parquet files (``datasets/``), the
HTTP cache of the statistics clients (``cache/``) and, by default, the SQLite
file of the editable store (``s3atlas.db``). Resolution order: an explicit
path, then the ``S3ATLAS_WORKSPACE`` environment variable, then the user's
data directory (``platformdirs.user_data_dir("s3atlas")``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

__all__ = ["ENV_DB", "ENV_WORKSPACE", "Workspace", "resolve_workspace"]

ENV_WORKSPACE = "S3ATLAS_WORKSPACE"
ENV_DB = "S3ATLAS_DB"


@dataclass(frozen=True)
class Workspace:
    """A workspace directory and the paths inside it."""

    root: Path

    @property
    def datasets_dir(self) -> Path:
        return self.root / "datasets"

    @property
    def cache_dir(self) -> Path:
        return self.root / "cache"

    @property
    def sqlite_path(self) -> Path:
        return self.root / "s3atlas.db"

    def db_url(self, explicit: str | None = None) -> str:
        """Return the store URL: explicit, ``S3ATLAS_DB``, else SQLite inside the workspace."""
        url = explicit or os.environ.get(ENV_DB)
        return url or f"sqlite:///{self.sqlite_path}"

    def ensure(self) -> Workspace:
        """Create the directories when missing and return self."""
        for path in (self.root, self.datasets_dir, self.cache_dir):
            path.mkdir(parents=True, exist_ok=True)
        return self


def resolve_workspace(path: str | os.PathLike[str] | None = None) -> Workspace:
    """Return the workspace from *path*, ``S3ATLAS_WORKSPACE`` or the user data directory.

    Examples
    --------
    >>> resolve_workspace("/tmp/ws").datasets_dir.as_posix()
    '/tmp/ws/datasets'
    """
    chosen = path or os.environ.get(ENV_WORKSPACE) or user_data_dir("s3atlas")
    return Workspace(Path(chosen).expanduser())

"""Files the tool writes: whole or not at all, with the user's normal permissions.

A file is written to a temporary name in the same folder and renamed over the
target, so a reader never sees half a file. :func:`tempfile.mkstemp` creates
that temporary file readable by its owner only (``-rw-------``); the rename
would carry that over, so :func:`publish` first gives it the permissions any
new file gets under the user's umask (``-rw-r--r--`` under the usual 022).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["atomic_path", "normal_mode", "publish", "write_bytes"]


def normal_mode() -> int:
    """Return the permission bits a new file gets under the current umask (0o666 & ~umask)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def publish(tmp: str | os.PathLike[str], path: str | os.PathLike[str]) -> None:
    """Give *tmp* normal permissions and rename it over *path*."""
    os.chmod(tmp, normal_mode())
    os.replace(tmp, path)


@contextmanager
def atomic_path(path: str | os.PathLike[str], suffix: str = ".tmp") -> Iterator[Path]:
    """Yield a temporary path next to *path*; on success it becomes *path*, else it is removed."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=suffix)
    os.close(handle)
    try:
        yield Path(tmp)
        publish(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_bytes(path: str | os.PathLike[str], body: bytes) -> Path:
    """Write *body* to *path* atomically with normal permissions and return the path."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(body)
    return Path(path)

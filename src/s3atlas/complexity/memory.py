"""Large output arrays mapped straight from the operating system.

NumPy asks Linux to back every large allocation with transparent huge pages
(``madvise(MADV_HUGEPAGE)``). Where the kernel then compacts memory
synchronously on the first touch (``/sys/kernel/mm/transparent_hugepage/defrag``
set to ``madvise``, a common default), the first write to a half-gigabyte
result took 1–2 s instead of 0.3 s on the benchmark machine; NumPy's issue
#31590 describes the same stall. An anonymous memory map is not so marked, so
the pipeline's column-sized outputs come from here.
"""

from __future__ import annotations

import math
import mmap
import sys
from typing import Any

import numpy as np
from numpy.typing import DTypeLike, NDArray

__all__ = ["empty"]

_SMALL = 1 << 24  # below 16 MiB NumPy's own allocator is as good


def empty(shape: int | tuple[int, ...], dtype: DTypeLike = np.float64) -> NDArray[Any]:
    """An uninitialised array like :func:`numpy.empty`, memory-mapped when large on Linux.

    >>> a = empty((3, 1 << 22))
    >>> a.shape, a.dtype.name, a.flags.writeable
    ((3, 4194304), 'float64', True)
    """
    shape = (shape,) if isinstance(shape, int) else tuple(shape)
    kind = np.dtype(dtype)
    count = math.prod(shape)
    nbytes = count * kind.itemsize
    if nbytes < _SMALL or sys.platform != "linux":
        return np.empty(shape, dtype=kind)
    region = mmap.mmap(-1, nbytes, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    return np.frombuffer(region, dtype=kind, count=count).reshape(shape)

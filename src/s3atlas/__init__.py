"""s3atlas: regional smart specialisation from real statistics.

Find a region's strength areas, map the innovation ecosystem of each, map
clusters, compare the priorities of all regions, monitor and publish.
"""

from importlib.metadata import PackageNotFoundError, version

from s3atlas.errors import S3AtlasError

__all__ = ["S3AtlasError", "__version__"]

try:
    __version__ = version("s3atlas")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

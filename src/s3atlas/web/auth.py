"""The accounts, under their former name: use :mod:`s3atlas.accounts` in new code."""

from s3atlas.accounts import *  # noqa: F403
from s3atlas.accounts import __all__ as __all__

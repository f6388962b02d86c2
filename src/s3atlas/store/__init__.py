"""The editable workspace store: SQLAlchemy 2 models, sessions and Alembic migrations."""

from s3atlas.store.db import Base, Store, open_store
from s3atlas.store.fingerprint import data_fingerprint

__all__ = ["Base", "Store", "data_fingerprint", "open_store"]

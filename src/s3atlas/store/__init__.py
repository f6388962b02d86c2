"""The editable workspace store: SQLAlchemy 2 models, sessions and Alembic migrations."""

from s3atlas.store.db import Base, Store, open_store

__all__ = ["Base", "Store", "open_store"]

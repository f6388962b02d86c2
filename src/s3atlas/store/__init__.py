"""The editable workspace store: SQLAlchemy 2 models, sessions and Alembic migrations.

Besides the connection (:mod:`s3atlas.store.db`) it holds what every product
area shares: regions, mapping rounds and the audit log
(:mod:`s3atlas.store.tables`, :mod:`s3atlas.store.rounds`,
:mod:`s3atlas.store.audit`).
"""

from s3atlas.store.db import Base, Store, open_store
from s3atlas.store.fingerprint import data_fingerprint
from s3atlas.store.tables import AuditEntry, Region, Round

__all__ = ["AuditEntry", "Base", "Region", "Round", "Store", "data_fingerprint", "open_store"]

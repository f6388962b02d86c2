"""Connection, sessions and migrations of the workspace store.

SQLite (a file in the workspace directory) by default; PostgreSQL by URL
(``--db postgresql://…`` or ``S3ATLAS_DB``). The schema is created and
upgraded only by Alembic migrations (``s3atlas/migrations``), one branch per
product area (ecosystem, auth, priorities, clusters), all applied together.

Every write goes through :meth:`Store.transaction`: one transaction that
commits as a whole or rolls back as a whole. SQLite runs in WAL mode with a
busy timeout so parallel writers wait instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from s3atlas.store.limits import check_text_lengths

__all__ = ["Base", "Store", "normalise_url", "open_store"]


class Base(DeclarativeBase):
    """Declarative base of every table in the store."""


def normalise_url(url: str) -> str:
    """Use the psycopg 3 driver for plain ``postgresql://`` URLs.

    >>> normalise_url("postgresql://u@h/db")
    'postgresql+psycopg://u@h/db'
    """
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", "s3atlas:migrations")
    config.set_main_option("sqlalchemy.url", normalise_url(url).replace("%", "%%"))
    return config


class Store:
    """An open workspace store: an engine and a session factory."""

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        self.engine = _make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", check_text_lengths)

    def migrate(self) -> Store:
        """Upgrade the schema to the newest revision of every branch."""
        config = _alembic_config(self.url)
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "heads")
        return self

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Yield a session whose work commits together or not at all."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """Yield a session for reading."""
        session = self._sessions()
        try:
            yield session
        finally:
            session.close()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


@cache
def _cached_store(url: str) -> Store:
    return Store(url).migrate()


def open_store(url: str, *, fresh: bool = False) -> Store:
    """Open (and migrate) the store at *url*; SQLite parent directories are created.

    The same URL returns the same :class:`Store` within a process unless *fresh*.
    """
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if fresh:
        _cached_store.cache_clear()
    return _cached_store(url)

"""Local accounts: users, roles, editor regions and published regions in the workspace store.

Passwords are hashed with Argon2id (``argon2-cffi``, the RFC 9106 low-memory
parameters: :data:`HASH_PARAMETERS`); only the hash is stored. Roles:

``admin``
    reads and edits every region, publishes regions, manages users.
``editor``
    reads every region and edits the regions it is given (``regions``).
``viewer``
    reads every region, published or not, and edits nothing.

Anonymous visitors read only *published* regions (``auth_published_regions``).
The schema is the ``auth`` branch of the Alembic migrations (``auth_0001``).
A new password or role ends the user's sign-in sessions
(:mod:`s3atlas.accounts.sessions`).
"""

from __future__ import annotations

import re
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from argon2.profiles import RFC_9106_LOW_MEMORY
from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Integer,
    String,
    bindparam,
    delete,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from s3atlas.accounts.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, password_problem
from s3atlas.accounts.sessions import SignInSession, end_user_sessions, token_hash
from s3atlas.classifications import find_region
from s3atlas.errors import ConflictError, InputError, NotFoundError
from s3atlas.i18n import gettext
from s3atlas.store import Base, Store

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "ROLES",
    "Principal",
    "PublishedRegion",
    "User",
    "UserRegion",
    "add_user",
    "authenticate",
    "generate_password",
    "get_principal",
    "list_users",
    "published_regions",
    "remove_user",
    "session_principal",
    "set_password",
    "set_published",
    "set_role",
]

ROLES = ("admin", "editor", "viewer")
_USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{1,79}$")
HASH_PARAMETERS = RFC_9106_LOW_MEMORY
"""Argon2id with t=3, m=64 MiB, p=4 (RFC 9106, section 4, second recommendation)."""
_hasher = PasswordHasher.from_parameters(HASH_PARAMETERS)
_dummy: dict[int, str] = {}


def _dummy_hash() -> str:
    """A hash to verify against when the user does not exist.

    A wrong name then costs as much as a wrong password.
    """
    key = id(_hasher)
    if key not in _dummy:
        _dummy[key] = _hasher.hash(secrets.token_hex(16))
    return _dummy[key]


def _now() -> datetime:
    return datetime.now(UTC)


class User(Base):
    """A local account."""

    __tablename__ = "auth_users"
    __table_args__ = (
        CheckConstraint("role in ('admin', 'editor', 'viewer')", name="ck_auth_users_role"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)
    regions: Mapped[list[UserRegion]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class UserRegion(Base):
    """A region an editor may edit."""

    __tablename__ = "auth_user_regions"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("auth_users.id", ondelete="CASCADE"), primary_key=True
    )
    region_code: Mapped[str] = mapped_column(String(20), primary_key=True)


class PublishedRegion(Base):
    """A region anonymous visitors may read."""

    __tablename__ = "auth_published_regions"

    region_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    published_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_now)


@dataclass(frozen=True)
class Principal:
    """Who is asking: a signed-in user, detached from the database session.

    >>> p = Principal(1, "anna", "editor", frozenset({"24"}))
    >>> p.can_edit("24"), p.can_edit("25")
    (True, False)
    """

    id: int
    username: str
    role: str
    regions: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def can_edit(self, region_code: str) -> bool:
        """Return whether this user may change *region_code*."""
        return self.is_admin or (self.role == "editor" and region_code in self.regions)

    def to_dict(self) -> dict[str, object]:
        return {"username": self.username, "role": self.role, "regions": sorted(self.regions)}


def _principal(user: User) -> Principal:
    return Principal(
        user.id, user.username, user.role, frozenset(r.region_code for r in user.regions)
    )


def _check_username(username: str) -> str:
    username = username.strip()
    if not _USERNAME.match(username):
        raise InputError(
            gettext(
                "a user name is 2–80 characters: letters, digits and . _ @ - "
                "(starting with a letter or digit)"
            ),
            column="username",
            value=username,
        )
    return username


_PASSWORD_MESSAGES = {
    "too_short": "A password needs at least {minimum} characters.",
    "too_long": "A password may have at most {maximum} characters.",
    "repeated": "A password may not be one character repeated.",
    "sequence": "A password may not be a run of consecutive characters such as 12345678.",
    "common": "This password is among the most common ones; choose another.",
    "username": "A password may not be the user name.",
}


def _check_password(password: str, username: str = "") -> None:
    problem = password_problem(password, username)
    if problem is not None:
        raise InputError(
            gettext(
                _PASSWORD_MESSAGES[problem],
                minimum=MIN_PASSWORD_LENGTH,
                maximum=MAX_PASSWORD_LENGTH,
            ),
            column="password",
        )


def _check_role(role: str, regions: list[str]) -> list[str]:
    if role not in ROLES:
        raise InputError(
            gettext("unknown role; expected one of {roles}", roles=", ".join(ROLES)),
            column="role",
            value=role,
        )
    codes = sorted({find_region(code).code for code in regions})
    if role == "editor" and not codes:
        raise InputError(
            gettext("an editor needs at least one region to edit (e.g. --region 24)"),
            column="regions",
        )
    return codes if role == "editor" else []


def _find(session: Session, username: str) -> User:
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        raise NotFoundError(gettext("no user by that name"), column="username", value=username)
    return user


def generate_password() -> str:
    """Return a fresh random password (16 URL-safe characters)."""
    return secrets.token_urlsafe(12)


def add_user(
    store: Store, username: str, password: str, role: str, regions: list[str] | None = None
) -> Principal:
    """Create a user; the password is stored only as an Argon2id hash."""
    username = _check_username(username)
    _check_password(password, username)
    codes = _check_role(role, regions or [])
    with store.transaction() as session:
        if session.scalar(select(User.id).where(User.username == username)) is not None:
            raise ConflictError(
                gettext("a user by that name already exists"), column="username", value=username
            )
        user = User(username=username, password_hash=_hasher.hash(password), role=role)
        user.regions = [UserRegion(region_code=code) for code in codes]
        session.add(user)
        session.flush()
        return _principal(user)


def set_role(store: Store, username: str, role: str, regions: list[str] | None = None) -> Principal:
    """Change a user's role (and, for editors, the regions they edit)."""
    codes = _check_role(role, regions or [])
    with store.transaction() as session:
        user = _find(session, username)
        user.role = role
        user.regions = [UserRegion(region_code=code) for code in codes]
        end_user_sessions(session, user.id)  # signed in again, with the new rights
        session.flush()
        return _principal(user)


def set_password(store: Store, username: str, password: str) -> None:
    """Replace a user's password."""
    _check_password(password, username)
    with store.transaction() as session:
        user = _find(session, username)
        user.password_hash = _hasher.hash(password)
        end_user_sessions(session, user.id)  # a stolen cookie dies with the old password


def remove_user(store: Store, username: str) -> None:
    """Delete a user."""
    with store.transaction() as session:
        session.delete(_find(session, username))


def list_users(store: Store) -> pd.DataFrame:
    """Return every user: username, role, regions (``;``-joined), created_at."""
    with store.read() as session:
        users = session.scalars(select(User).order_by(User.username)).all()
        rows = [
            {
                "username": u.username,
                "role": u.role,
                "regions": ";".join(sorted(r.region_code for r in u.regions)),
                "created_at": u.created_at.isoformat(timespec="seconds"),
            }
            for u in users
        ]
    return pd.DataFrame(rows, columns=["username", "role", "regions", "created_at"])


def authenticate(store: Store, username: str, password: str) -> Principal | None:
    """Return the user when *password* is right, else ``None`` (in constant-ish time)."""
    with store.transaction() as session:
        user = session.scalar(select(User).where(User.username == username.strip()))
        try:
            _hasher.verify(user.password_hash if user else _dummy_hash(), password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return None
        if user is None:
            return None
        if _hasher.check_needs_rehash(user.password_hash):
            user.password_hash = _hasher.hash(password)
        return _principal(user)


def get_principal(store: Store, user_id: int) -> Principal | None:
    """Return the user with id *user_id*, or ``None`` when it no longer exists."""
    with store.read() as session:
        user = session.get(User, user_id)
        return _principal(user) if user else None


_PRINCIPAL = (
    select(User.id, User.username, User.role, UserRegion.region_code)
    .join(SignInSession, SignInSession.user_id == User.id)
    .outerjoin(UserRegion, UserRegion.user_id == User.id)
    .where(SignInSession.token_hash == bindparam("token"))
    .where(SignInSession.expires_at > bindparam("now"))
)


def session_principal(store: Store, token: str) -> Principal | None:
    """Return the user of the live sign-in session *token*, or ``None`` (one query).

    Every signed-in request asks, so it is one Core statement (a row per region of
    the user), not an ORM load of the user and then of its regions.
    """
    with store.engine.connect() as connection:
        rows = connection.execute(_PRINCIPAL, {"token": token_hash(token), "now": time.time()})
        found = rows.all()
    if not found:
        return None
    user_id, username, role, _region = found[0]
    return Principal(user_id, username, role, frozenset(r[3] for r in found if r[3] is not None))


def published_regions(store: Store) -> frozenset[str]:
    """Return the codes of the regions anonymous visitors may read."""
    with store.read() as session:
        return frozenset(session.scalars(select(PublishedRegion.region_code)).all())


def set_published(store: Store, region_code: str, published: bool) -> None:
    """Open (or close) *region_code* to anonymous visitors."""
    code = find_region(region_code).code
    with store.transaction() as session:
        if published and session.get(PublishedRegion, code) is None:
            session.add(PublishedRegion(region_code=code))
        elif not published:
            session.execute(delete(PublishedRegion).where(PublishedRegion.region_code == code))

"""Local accounts: users and roles, sign-in sessions, sign-in limits, password rules, publishing.

The web app and the CLI (``s3atlas users``) both use this package; it knows
nothing of either.
"""

from s3atlas.accounts.attempts import LoginLimiter
from s3atlas.accounts.sessions import (
    SESSION_LIFETIME,
    end_session,
    end_user_sessions,
    session_user_id,
    start_session,
)
from s3atlas.accounts.users import (
    MIN_PASSWORD_LENGTH,
    ROLES,
    Principal,
    PublishedRegion,
    User,
    UserRegion,
    add_user,
    authenticate,
    generate_password,
    get_principal,
    list_users,
    published_regions,
    remove_user,
    session_principal,
    set_password,
    set_published,
    set_role,
)

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "ROLES",
    "SESSION_LIFETIME",
    "LoginLimiter",
    "Principal",
    "PublishedRegion",
    "User",
    "UserRegion",
    "add_user",
    "authenticate",
    "end_session",
    "end_user_sessions",
    "generate_password",
    "get_principal",
    "list_users",
    "published_regions",
    "remove_user",
    "session_principal",
    "session_user_id",
    "set_password",
    "set_published",
    "set_role",
    "start_session",
]

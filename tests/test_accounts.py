"""The accounts package: no web dependency, password rules, revocable sessions, sign-in limits."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from s3atlas.accounts import LoginLimiter, add_user, set_password
from s3atlas.errors import InputError


def test_accounts_and_the_users_command_do_not_import_the_web_app():
    code = (
        "import sys, s3atlas.accounts, s3atlas.cli.users; "
        "print(sorted(m for m in sys.modules if m.startswith(('s3atlas.web', 'fastapi'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the sign-in limit in the store (issue 13.8) ------------------------------------------


def test_limit_window_slides(store):
    now = [0.0]
    limiter = LoginLimiter(store, max_attempts=5, window=300, clock=lambda: now[0])
    assert [limiter.reserve("1.2.3.4|anna") for _ in range(5)] == [0] * 5
    assert limiter.reserve("1.2.3.4|anna") == 300
    assert limiter.reserve("1.2.3.4|bo") == 0, "another key counts on its own"
    now[0] = 301
    assert limiter.reserve("1.2.3.4|anna") == 0


def test_reset_clears_the_key(store):
    limiter = LoginLimiter(store, max_attempts=1)
    assert limiter.reserve("k") == 0 and limiter.reserve("k") > 0
    limiter.reset("k")
    assert limiter.reserve("k") == 0


def test_concurrent_attempts_cannot_beat_the_limit(store):
    limiter = LoginLimiter(store, max_attempts=5)
    with ThreadPoolExecutor(max_workers=8) as pool:
        waits = list(pool.map(lambda _: limiter.reserve("1.2.3.4|anna"), range(40)))
    assert waits.count(0) == 5


def test_two_processes_share_the_limit(store):
    first, second = LoginLimiter(store, max_attempts=5), LoginLimiter(store, max_attempts=5)
    granted = [(first if i % 2 else second).reserve("k") == 0 for i in range(10)]
    assert sum(granted) == 5


# --- password rules (NIST SP 800-63B; issue 13.10) ----------------------------------------


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("password", "vanligaste"),
        ("12345678", "följd"),
        (" " * 8, "samma tecken"),
        ("Qwerty123", "vanligaste"),
        ("kort", "minst 8"),
        ("kim.lund", "användarnamnet"),
    ],
)
def test_weak_passwords_are_refused_in_swedish(store, password, reason):
    with pytest.raises(InputError, match=reason) as caught:
        add_user(store, "kim.lund", password, "viewer")
    assert caught.value.column == "password"


def test_a_long_uncommon_passphrase_is_accepted_and_changed_with_the_same_rules(store):
    add_user(store, "kim", "tallbarr och lingon", "viewer")
    with pytest.raises(InputError):
        set_password(store, "kim", "letmein1")


def test_migrations_create_exactly_the_account_tables_the_models_describe(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import s3atlas.accounts  # noqa: F401  (registers the tables)
    from s3atlas.store import Base

    with store.engine.connect() as connection:
        diffs = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    ours = [d for d in diffs if "auth_" in repr(d)]
    assert ours == []


# --- who a sign-in session belongs to ------------------------------------------------------


def test_a_session_names_its_user_with_every_region_the_user_edits(store):
    from s3atlas.accounts import Principal, session_principal, set_role
    from s3atlas.accounts.sessions import end_session, start_session

    user = add_user(store, "anna", "correct horse battery", "editor", ["24", "25"])
    token = start_session(store, user.id)
    assert session_principal(store, token) == Principal(
        user.id, "anna", "editor", frozenset({"24", "25"})
    )
    set_role(store, "anna", "viewer")  # a new role ends her sessions
    assert session_principal(store, token) is None
    token = start_session(store, user.id)
    assert session_principal(store, token) == Principal(user.id, "anna", "viewer", frozenset())
    end_session(store, token)
    assert session_principal(store, token) is None
    assert session_principal(store, "no such token") is None

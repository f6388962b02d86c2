"""The accounts package: no web dependency, password rules, revocable sessions, sign-in limits."""

from __future__ import annotations

import subprocess
import sys


def test_accounts_and_the_users_command_do_not_import_the_web_app():
    code = (
        "import sys, s3atlas.accounts, s3atlas.cli.users; "
        "print(sorted(m for m in sys.modules if m.startswith(('s3atlas.web', 'fastapi'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"

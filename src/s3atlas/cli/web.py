"""``s3atlas serve`` and ``s3atlas demo``: run the web app on this machine."""

from __future__ import annotations

import ipaddress
import os
import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import typer

from s3atlas.cli import output
from s3atlas.cli.options import DbOption, WorkspaceOption
from s3atlas.errors import ConflictError
from s3atlas.i18n import format_number
from s3atlas.i18n import gettext as _
from s3atlas.workspace import ENV_DB, ENV_WORKSPACE, Workspace, resolve_workspace

if TYPE_CHECKING:  # pandas loads with the demo data, not with the CLI
    import pandas as pd

__all__ = ["DEMO_REGION", "DEMO_USER", "demo_summary", "prepare_demo", "register"]

DEMO_USER = "demo"
DEMO_REGION = "24"
_PASSWORD_FILE = "demo-password"


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def check_port_free(host: str, port: int) -> None:
    """Raise :class:`ConflictError` when another program already listens on *host*:*port*.

    The server would otherwise print its address and then stop with an
    operating-system error; this says so first, in words.
    """
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does
        try:
            probe.bind((host, port))
        except OSError as error:
            raise ConflictError(
                _(
                    "port {port} on {host} is already in use by another program; "
                    "stop it or choose another port with --port",
                    port=port,
                    host=host,
                ),
                column="--port",
                value=port,
            ) from error


def _run(app: Any, host: str, port: int, workers: int = 1) -> None:
    import uvicorn

    if workers > 1:  # each worker process builds its own app from the environment
        app = "s3atlas.web.app:app_from_environment"
    uvicorn.run(
        app,
        host=host,
        port=port,
        workers=workers if workers > 1 else None,
        factory=workers > 1,
        log_level="warning",
        proxy_headers=False,
    )


def serve_command(
    db: str | None = DbOption,
    workspace: Path | None = WorkspaceOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", help="Port."),
    secure_cookies: bool | None = typer.Option(
        None,
        "--secure-cookies/--no-secure-cookies",
        help="Send the session cookie only over HTTPS (default: on unless serving on loopback).",
    ),
    workers: int = typer.Option(
        1,
        "--workers",
        min=1,
        help=(
            "Worker processes (each keeps its own caches; "
            "sessions and the sign-in limit live in the store)."
        ),
    ),
) -> None:
    """Serve the web app (pages and the JSON API under /api)."""
    from s3atlas.web import create_app
    from s3atlas.web.app import SECURE_COOKIES_ENV

    secure = (not _loopback(host)) if secure_cookies is None else secure_cookies
    app = create_app(workspace, db, secure_cookies=secure, warm=workers == 1)
    check_port_free(host, port)
    if workers > 1:  # the workers read what this process resolved
        os.environ[ENV_WORKSPACE] = str(app.state.context.workspace.root)
        os.environ[ENV_DB] = app.state.context.store.url
        os.environ[SECURE_COOKIES_ENV] = "1" if secure else "0"
    output.console.print(
        _("s3atlas is running at {url}  (Ctrl+C stops it)", url=f"http://{host}:{port}/"),
        highlight=False,
    )
    _run(app, host, port, workers)


def _demo_password(space: Workspace) -> str:
    """Return the demo password of *space*, creating it (file mode 0600) on first use."""
    from s3atlas.accounts import generate_password

    path = space.root / _PASSWORD_FILE
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    secret = generate_password()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secret + "\n")
    return secret


def prepare_demo(space: Workspace, db: str | None = None) -> tuple[Any, str]:
    """Fill *space* with the demo (ecosystem, editor, published region); return store, password."""
    from s3atlas.accounts import add_user, list_users, set_password, set_published, set_role
    from s3atlas.ecosystem.demo import load_demo
    from s3atlas.ecosystem.store.vocabulary import seed_vocabulary
    from s3atlas.store import open_store

    store = open_store(space.ensure().db_url(db))
    with store.transaction() as session:
        seed_vocabulary(session)
    load_demo(store)
    secret = _demo_password(space)
    if DEMO_USER in set(list_users(store).username):
        set_role(store, DEMO_USER, "editor", [DEMO_REGION])
        set_password(store, DEMO_USER, secret)
    else:
        add_user(store, DEMO_USER, secret, "editor", [DEMO_REGION])
    set_published(store, DEMO_REGION, True)
    return store, secret


def demo_summary(lang: str | None = None, top: int = 5) -> dict[str, Any]:
    """Return Västerbotten's RAMS 2018 figures: employed and the industries with the highest LQ.

    >>> summary = demo_summary("en")
    >>> summary["employed"], summary["top"][0]["industry"]
    (131393, 'A')
    """
    from s3atlas.analysis import location_quotients
    from s3atlas.classifications import find_region, industry_name
    from s3atlas.stats import load_dataset

    matrix = load_dataset("scb_rams_2018").table.matrix("employed", 2018)
    # one row label gives a Series; pandas-stubs types every .loc[label] as a DataFrame
    employed = cast("pd.Series[float]", matrix.loc[DEMO_REGION])
    region_lq = cast("pd.Series[float]", location_quotients(matrix).loc[DEMO_REGION])
    lq = region_lq.sort_values(ascending=False).head(top)
    rows = [
        {
            "industry": str(code),
            "name": industry_name(str(code), lang=lang or "sv"),
            "lq": float(value),
            "employed": int(employed[str(code)]),
        }
        for code, value in lq.items()
    ]
    return {
        "region": find_region(DEMO_REGION).name,
        "employed": int(employed.sum()),
        "top": rows,
    }


def _print_summary(summary: dict[str, Any]) -> None:
    console = output.console
    console.print(
        f"\n[bold]{summary['region']}[/] – "
        + _(
            "SCB RAMS 2018, employed persons (day population): {n}",
            n=format_number(summary["employed"], 0),
        ),
        highlight=False,
    )
    console.print(_("Industries with the highest location quotient (LQ):"), highlight=False)
    for row in summary["top"]:
        console.print(
            f"  {row['industry']:<8} {row['name'][:44]:<44}  LQ {format_number(row['lq'], 2)}  "
            f"({format_number(row['employed'], 0)})",
            highlight=False,
            soft_wrap=True,
        )


def demo_command(
    port: int = typer.Option(8000, "--port", help="Port."),
    no_browser: bool = typer.Option(False, "--no-browser", help="Do not open a browser."),
    workspace: Path | None = WorkspaceOption,
    db: str | None = DbOption,
) -> None:
    """Prepare the Västerbotten demo, print a login and serve it on 127.0.0.1."""
    from s3atlas.web import create_app

    space = resolve_workspace(workspace)
    _store, secret = prepare_demo(space, db)
    summary = demo_summary()
    app = create_app(space.root, db)
    check_port_free("127.0.0.1", port)
    url = f"http://127.0.0.1:{port}/"
    _print_summary(summary)
    output.console.print("\n" + _("Demo workspace: {path}", path=str(space.root)), highlight=False)
    output.console.print(
        _(
            "Open {url} and sign in as {user} with the password {password}",
            url=url,
            user=DEMO_USER,
            password=secret,
        ),
        highlight=False,
        soft_wrap=True,
    )
    output.console.print(_("(editor of Västerbotten; Ctrl+C stops the server)"), highlight=False)
    if not no_browser:
        webbrowser.open(url)
    _run(app, "127.0.0.1", port)


def register(app: typer.Typer) -> None:
    """Add ``s3atlas serve`` and ``s3atlas demo`` to *app*."""
    app.command("serve")(serve_command)
    app.command("demo")(demo_command)

"""`followup serve`: the web app on this computer, with a one-time login link."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from . import EXIT_INVALID, CliError, command
from .tracker import django_setup, migrate_if_needed

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def _serve_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default: {DEFAULT_HOST}; others only in hosted mode)",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"port to listen on (default: {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--no-browser", action="store_true", help="print the login link without opening a browser"
    )


@command(_serve_options)
def cmd_serve(args: argparse.Namespace) -> int:
    """Run the web app on this computer and print a one-time login link.

    The first run creates the database, your user (named after your login on this
    computer) and the demo journal, so there is something to look at. Each run
    prints a new link that signs you in once; run `followup serve` again for
    another. Only this computer can connect, unless hosted mode is on
    (FOLLOWUP_HOSTED=1: sign-up and passwords instead of links).

    Example:
        followup serve
        followup serve --port 9000 --no-browser
    """
    from django.conf import settings

    django_setup()
    check_host(args.host, settings.HOSTED, settings.ALLOWED_HOSTS)
    check_port(args.host, args.port)
    base = base_url(args.host, args.port)
    link = prepare(base)
    if link:
        print(f"Open this link to start: {link}", flush=True)
    else:
        print(f"Hosted mode: people sign up at {base}/accounts/signup/", flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    run_server(args.host, args.port, link if link and not args.no_browser else None)
    return 0


def is_loopback(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_host(host: str, hosted: bool, allowed_hosts: list[str]) -> None:
    """Local mode serves this computer only: a login link must not reach a network."""
    if hosted:
        return
    if not is_loopback(host):
        raise CliError(
            f"--host {host}: local mode only listens on this computer (127.0.0.1), because its login "
            "links and single user are not meant for a network. For a shared server, set "
            "FOLLOWUP_HOSTED=1 (sign-up, passwords, secure cookies) and FOLLOWUP_ALLOWED_HOSTS.",
            EXIT_INVALID,
        )
    name = f"[{host.strip('[]')}]" if ":" in host else host
    if name not in allowed_hosts and "*" not in allowed_hosts:
        raise CliError(
            f"--host {host}: not in FOLLOWUP_ALLOWED_HOSTS ({', '.join(allowed_hosts)}); add it there",
            EXIT_INVALID,
        )


def check_port(host: str, port: int) -> None:
    """Fail early, and clearly, when the port is taken (before a login link is issued)."""
    import errno
    import socket

    if not 0 < port < 65536:
        raise CliError(f"--port {port}: not a port number (1-65535)", EXIT_INVALID)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As gunicorn does: a port left in TIME_WAIT by a previous run is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise CliError(
                    f"port {port} on {host} is already in use (is followup serve running in another "
                    f"terminal?): stop it, or choose another port with --port {port + 1}"
                ) from None
            raise CliError(f"can't listen on {host}:{port}: {error.strerror or error}") from None


def base_url(host: str, port: int) -> str:
    name = f"[{host.strip('[]')}]" if ":" in host else host
    return f"http://{name}:{port}"


def prepare(base: str, today: date | None = None) -> str | None:
    """Everything before serving: the schema, the local user, the demo journal on
    first run, and a one-time login link (None in hosted mode, which has no local user)."""
    from django.conf import settings

    from ..accounts.services import issue_login_link, local_user
    from ..tracker import corrections, services

    migrate_if_needed()
    if settings.HOSTED:
        return None
    user = local_user()
    # The very first run only: a user who never signed in, with an empty journal,
    # on a database that never had the sample data (removing it, or the account,
    # never brings it back). It is marked as sample data, removable in one go.
    if user.last_login is None:
        corrections.first_run_sample_data(user, today or services.today_for(user))
    return issue_login_link(user, base)


def run_server(host: str, port: int, open_link: str | None) -> None:
    """gunicorn in this process: 1 worker, 4 threads; static files by whitenoise."""
    from django.conf import settings
    from django.db import connections

    # The worker is forked from here: it must not inherit this process's connection.
    connections.close_all()
    # whitenoise serves the package's files (finders) but warns when STATIC_ROOT is missing.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    options: dict[str, Any] = {
        "bind": f"{base_url(host, port).removeprefix('http://')}",
        "workers": 1,
        "worker_class": "gthread",
        "threads": 4,
        "graceful_timeout": 5,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "followup",
    }
    if open_link:
        options["when_ready"] = lambda _server: _open_browser(open_link)
    make_server(options).run()


def _open_browser(link: str) -> None:
    import webbrowser

    try:
        webbrowser.open(link)
    except webbrowser.Error:
        print("Could not open a browser: open the link above yourself.", file=sys.stderr)


def make_server(options: dict[str, Any]) -> Any:
    """A gunicorn application (its embedding API) with our options and Django's
    WSGI app; gunicorn is imported only by `serve`."""
    from gunicorn.app.base import BaseApplication

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            from followup.web.wsgi import application

            return application

    return Server()

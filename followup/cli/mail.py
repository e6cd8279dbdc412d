"""`followup mail connect|sync|status|disconnect`: the mailbox that keeps the log.

Self-contained: importing this module registers the `mail` command; its actions
are thin over `followup.mail.services`, the same functions the web pages use.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from . import EXIT_FAILED, EXIT_INVALID, CliError, as_of_option
from .tracker import format_option, print_json, tracker_command, user_of

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEFAULT_PORT = {"tls": 993, "starttls": 143, "plain": 143}


def _user_option(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: an absent --user after the action keeps one given before it.
    parser.add_argument(
        "--user", metavar="USERNAME", default=argparse.SUPPRESS, help="whose mailbox (hosted mode)"
    )


def _options(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    connect = actions.add_parser(
        "connect", help="connect a mailbox over IMAP (checked before it is saved)"
    )
    connect.add_argument("--host", required=True, help="the IMAP server, e.g. imap.gmail.com")
    connect.add_argument("--port", type=int, help="default: 993 with TLS, else 143")
    connect.add_argument(
        "--security", choices=("tls", "starttls", "plain"), default="tls", help="default: tls"
    )
    connect.add_argument(
        "--username", required=True, help="the mailbox's user name, often your address"
    )
    connect.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input (else it is asked for)",
    )
    connect.add_argument(
        "--auto-confirm", action="store_true", help="record high-confidence matches without asking"
    )
    sync = actions.add_parser("sync", help="read what is new and propose journal events")
    as_of_option(sync, "your today")
    status = actions.add_parser("status", help="the connection, the last sync, what is waiting")
    format_option(status)
    actions.add_parser("disconnect", help="forget the mailbox and everything kept from it")
    for sub in (connect, sync, status, actions.choices["disconnect"]):
        _user_option(sub)


@tracker_command(_options)
def cmd_mail(args: argparse.Namespace) -> int:
    """Read your mailbox: replies and sent follow-ups become proposed journal events.

    Read-only (nothing is marked, moved or deleted); only the headers and a short
    excerpt of messages about your applications are kept (docs/mail.md). Review the
    proposals on the Mail page; `followup replan` syncs too, where a mailbox is connected.

    Examples:
        followup mail connect --host imap.fastmail.com --username jane@example.org
        followup mail sync
        followup mail status
        followup mail disconnect
    """
    return {"connect": _connect, "sync": _sync, "status": _status, "disconnect": _disconnect}[
        args.action
    ](args)


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CliError(
            "password: no terminal to ask on; pass it with --password-stdin", EXIT_INVALID
        )
    return getpass.getpass(f"Password for {args.username} at {args.host}: ")


def _connect(args: argparse.Namespace) -> int:
    from ..mail import services
    from ..mail.imap import Server

    port = args.port if args.port is not None else DEFAULT_PORT[args.security]
    server = Server(args.host, port, args.security, args.username, _password(args))
    services.connect(user_of(args), server, auto_confirm=args.auto_confirm)
    print(
        f"Connected to {args.username} at {args.host}:{port}. Run `followup mail sync` to read it."
    )
    return 0


def _sync(args: argparse.Namespace) -> int:

    user = user_of(args)
    result = sync_with_progress(user, args.as_of)
    print(_summary(result))
    return EXIT_FAILED if result.error else 0


def sync_with_progress(user: User, as_of: date | None) -> Any:
    """A sync; the first one (which may read thousands of messages) shows a bar."""
    from rich.console import Console
    from rich.progress import Progress

    from ..mail import services

    box = services.mailbox_of(user)
    if box is None:
        raise CliError("no mailbox is connected (followup mail connect)", EXIT_INVALID)
    if box.last_sync is not None or not sys.stderr.isatty():
        return services.sync(user, as_of=as_of)
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Reading the mailbox", total=None)
        return services.sync(
            user, lambda done, total: bar.update(task, completed=done, total=total), as_of
        )


def _summary(result: Any) -> str:
    if result.error:
        return f"Sync failed: {result.error}. Nothing read before it was lost."
    text = f"Read {result.read} new message{'s' if result.read != 1 else ''}; {result.proposed} proposed"
    if result.confirmed:
        text += f", {result.confirmed} recorded automatically"
    return text + "."


def _status(args: argparse.Namespace) -> int:
    from ..mail import services

    found = services.status(user_of(args))
    if args.format == "json":
        print_json(found)
        return 0
    if found is None:
        print("No mailbox connected (followup mail connect).")
        return 0
    print(f"Mailbox: {found['username']} at {found['host']}:{found['port']} ({found['security']})")
    print(
        f"Last sync: {found['last_sync'] or 'never'}"
        + (f" - failed: {found['last_error']}" if found["last_error"] else "")
    )
    print(
        f"Waiting for review: {found['waiting']}; confirmed: {found['confirmed']}; ignored: {found['ignored']}"
    )
    print(
        f"Automatic confirmation of high-confidence matches: {'on' if found['auto_confirm'] else 'off'}"
    )
    return 0


def _disconnect(args: argparse.Namespace) -> int:
    from ..mail import services

    if services.disconnect(user_of(args)):
        print("Mailbox disconnected; its password and everything kept from it are deleted.")
    else:
        print("No mailbox was connected.")
    return 0


def sync_connected(users: Iterable[User], as_of: date | None) -> None:
    """For `followup replan`: sync each user's connected mailbox; a failure is told
    (and kept for the web page) but does not stop the replan."""
    from ..mail import services
    from ..mail.models import Mailbox

    for box in Mailbox.objects.filter(user__in=list(users)).select_related("user"):
        result = services.sync(box.user, as_of=as_of)
        if result.error:
            print(f"mail ({box.user.get_username()}): {result.error}", file=sys.stderr)

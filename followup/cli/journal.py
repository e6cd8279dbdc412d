"""The whole journal at once: `followup import`, `followup export` and `followup replan`.

Django is set up inside the commands (see `tracker`), so listing the commands
imports nothing heavy.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import EXIT_INVALID, CliError, as_of_option
from .tracker import format_option, print_json, tracker_command, user_of, write_atomic

# import ---------------------------------------------------------------------------------


def _import_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, help="a journal file (format followup/1)")
    parser.add_argument(
        "--replace", action="store_true", help="replace applications whose id already exists"
    )
    format_option(parser)


@tracker_command(_import_options)
def cmd_import(args: argparse.Namespace) -> int:
    """Import a journal file: all or nothing.

    Every problem is listed (application, event index, field) and nothing is
    written. An application whose id already exists is an error, unless --replace.

    Example:
        followup import journal.json
    """
    from ..tracker import services

    user = user_of(args)
    data = _load_json(args.file)
    try:
        ids = services.import_journal(user, data, replace=args.replace)
    except services.ServiceError as error:
        raise services.ServiceError(
            *(f"{args.file}: {problem}" for problem in error.problems)
        ) from None
    apps = data["applications"]
    counts = {
        "applications": len(ids),
        "contacts": _count(apps, "contacts"),
        "events": _count(apps, "events"),
    }
    if args.format == "json":
        print_json({"imported": ids, **counts})
        return 0
    print(
        f"Imported {counts['applications']} applications ({counts['contacts']} contacts, {counts['events']} events) from {args.file}."
    )
    return 0


def _count(apps: Iterable[dict[str, Any]], key: str) -> int:
    return sum(len(app.get(key) or []) for app in apps)


def _load_json(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise CliError(f"{path}: {error.strerror or error}", EXIT_INVALID) from None
    from ..tracker import limits

    if problem := limits.import_too_large(len(raw)):
        raise CliError(f"{path}: {problem}", EXIT_INVALID)
    try:
        return limits.load_json(raw)
    except limits.TooDeep as error:
        raise CliError(f"{path}: {error}", EXIT_INVALID) from None
    except json.JSONDecodeError as error:
        raise CliError(
            f"{path}: line {error.lineno}, column {error.colno}: {error.msg}", EXIT_INVALID
        ) from None
    except UnicodeDecodeError:
        raise CliError(f"{path}: not UTF-8 text", EXIT_INVALID) from None


# export ---------------------------------------------------------------------------------


def _export_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", type=Path, help="write to this file (default: standard output)"
    )


@tracker_command(_export_options)
def cmd_export(args: argparse.Namespace) -> int:
    """Export the whole journal (format followup/1), to a file or standard output.

    A file is replaced in one step: a crash halfway leaves the old file whole.

    Example:
        followup export -o journal.json
    """
    from ..tracker import services

    text = json.dumps(services.journal_data(user_of(args)), indent=2, ensure_ascii=False) + "\n"
    if args.output is None:
        sys.stdout.write(text)
        return 0
    write_atomic(args.output, text)
    print(f"Exported to {args.output}.", file=sys.stderr)
    return 0


# replan ---------------------------------------------------------------------------------


def _replan_options(parser: argparse.ArgumentParser) -> None:
    as_of_option(parser, "each user's today")
    format_option(parser)


@tracker_command(_replan_options)
def cmd_replan(args: argparse.Namespace) -> int:
    """Recompute every application's next step for the new day; meant for cron.

    Without --user, every user's applications are replanned. Connected mailboxes
    are synced first (followup mail).

    Example:
        followup replan
        (cron: 5 0 * * *  followup replan)
    """
    from django.contrib.auth.models import User

    from ..tracker import services
    from .mail import sync_connected

    users = (
        [user_of(args)] if args.user else User.objects.filter(applications__isnull=False).distinct()
    )
    sync_connected(users, args.as_of)  # new replies first, so the plan includes them
    count = services.replan(args.as_of, users)
    if args.format == "json":
        print_json({"replanned": count})
    else:
        print(f"Replanned {count} application{'s' if count != 1 else ''}.")
    return 0

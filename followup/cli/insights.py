"""`followup insights`: what your own search says, from a journal file or your log."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import EXIT_INVALID, CliError, as_of_option, command
from .tracker import format_option, print_json

if TYPE_CHECKING:  # the planner is imported by the command that runs, not by `followup`
    from ..planner.model import Journal


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        type=Path,
        nargs="?",
        default=None,
        help="a journal file (format followup/1); without it, your log",
    )
    as_of_option(parser, "today")
    format_option(parser)
    parser.add_argument(
        "--user",
        metavar="USERNAME",
        help="whose log (hosted mode; default: the local user); not with FILE",
    )


@command(_options)
def cmd_insights(args: argparse.Namespace) -> int:
    """What your own search says: funnel, time to an answer, ghosting, what works.

    The same figures as the Insights page: the funnel (applied, heard back,
    interviewed, offer, accepted), answer rates and Kaplan–Meier time to a first
    answer by kind of employer, how you applied and industry, employers who went
    silent, follow-ups answered within 7 business days, and your weekly pace.
    `--format json` prints the documented format (followup-insights/1, see
    docs/insights.md). With FILE, the journal file is read without any database.

    Example:
        followup insights
        followup insights examples/demo.json --as-of 2026-03-11 --format json
    """
    from ..insights import insights, insights_text, insights_to_dict

    if args.file is not None:
        if args.user:
            raise CliError("--user names whose log to read: leave it out with FILE", EXIT_INVALID)
        from ..planner.journal import load_journal

        journal, as_of = load_journal(args.file), args.as_of or date.today()
    else:
        journal, as_of = _from_log(args)
    found = insights(journal, as_of)
    if args.format == "json":
        print_json(insights_to_dict(found))
    else:
        sys.stdout.write(insights_text(found) + "\n")
    return 0


def _from_log(args: argparse.Namespace) -> tuple[Journal, date]:
    """The user's stored journal, and their today unless --as-of says otherwise."""
    from .tracker import django_setup, migrate_if_needed, user_of

    django_setup()
    from django.db import DatabaseError

    from ..planner.journal import parse_journal
    from ..tracker import services

    try:
        migrate_if_needed()
        user = user_of(args)
        journal = parse_journal(services.journal_data(user))
        return journal, args.as_of or services.today_for(user)
    except DatabaseError as error:
        raise CliError(f"database: {error}") from None

"""`followup remind`: the morning digest by email, meant for cron or a systemd timer."""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta

from . import EXIT_FAILED, EXIT_INVALID, CliError, as_of_option, command


def _remind_options(parser: argparse.ArgumentParser) -> None:
    as_of_option(parser, "each user's today in their time zone")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="say who would get a digest and how many steps; send nothing, record nothing",
    )
    parser.add_argument(
        "--user",
        metavar="USERNAME",
        action="append",
        default=[],
        help="only this user (repeatable; default: everyone who turned the digest on)",
    )
    parser.add_argument(
        "--stale-minutes",
        type=int,
        default=10,
        metavar="N",
        help="retake a claim left by a run that died N minutes ago (default: 10)",
    )


def _ready() -> None:
    """Django set up (unless it already is, as under a test runner) and migrated."""
    from django.apps import apps

    from .tracker import django_setup, migrate_if_needed

    if not apps.ready:
        django_setup()
    migrate_if_needed()


@command(_remind_options)
def cmd_remind(args: argparse.Namespace) -> int:
    """Email each user who turned on the morning digest their overdue and today's steps.

    Safe to run as often as you like: each user gets at most one digest a day, and a
    run that failed or was killed is completed by the next one. So schedule it a few
    times each morning, not once. Exit code 0 when every digest due went out, 1 when
    some could not be sent (they go out on the next run).

    The SMTP server comes from FOLLOWUP_SMTP_HOST, FOLLOWUP_SMTP_PORT,
    FOLLOWUP_SMTP_USER, FOLLOWUP_SMTP_PASSWORD, FOLLOWUP_SMTP_TLS and
    FOLLOWUP_FROM_EMAIL; links in the email start with FOLLOWUP_SITE_URL.

    Examples:
        followup remind --dry-run
        cron, every 20 minutes from 7:00 to 8:40:
            */20 7-8 * * *  followup remind
        systemd: followup-remind.service (Type=oneshot, ExecStart=followup remind)
        with followup-remind.timer:
            [Timer]
            OnCalendar=*-*-* 07..08:00,20,40
            Persistent=true
    """
    if args.stale_minutes < 1:
        raise CliError("--stale-minutes: must be at least 1", EXIT_INVALID)
    _ready()
    from django.db import DatabaseError

    from ..digest import services

    try:
        report = services.remind(
            args.as_of, args.dry_run, args.user, timedelta(minutes=args.stale_minutes)
        )
    except DatabaseError as error:
        raise CliError(f"database: {error}") from None
    if args.dry_run:
        for user_id, count in report.would_send:
            print(f"user {user_id}: would get {count} step{'s' if count != 1 else ''}")
        print(f"Dry run: {len(report.would_send)} digest(s) would be sent.")
    else:
        print(
            f"Sent {len(report.sent)} digest(s); {len(report.already_sent)} already sent today; "
            f"{len(report.nothing_due)} with nothing due."
        )
    if report.busy:
        print(
            f"{len(report.busy)} held by another run (retaken after {args.stale_minutes} minutes "
            "if that run died).",
        )
    if report.no_address:
        ids = ", ".join(map(str, report.no_address))
        print(f"warning: no valid email address for user(s) {ids}", file=sys.stderr)
    if report.failed:
        ids = ", ".join(map(str, report.failed))
        print(f"error: not sent to user(s) {ids}; the next run retries", file=sys.stderr)
        return EXIT_FAILED
    return 0

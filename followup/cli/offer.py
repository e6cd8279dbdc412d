"""The end of a search: `followup accept APP` and `followup decline APP` on an offer."""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

from .tracker import format_option, tracker_command, user_of

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("app", metavar="APP", help="the application with the offer")
    parser.add_argument(
        "--at", metavar="WHEN", help="when you told them: today, yesterday, … (default: now)"
    )
    parser.add_argument("--notes", help="free text")
    format_option(parser)


@tracker_command(_options)
def cmd_accept(args: argparse.Namespace) -> int:
    """Accept an offer: the application closes as accepted.

    Every other open application then gets one last step: a warm note withdrawing
    from it (see `followup today`), and nothing else is planned.

    Example:
        followup accept rocketly
    """
    return _decide(args, "accept")


@tracker_command(_options)
def cmd_decline(args: argparse.Namespace) -> int:
    """Decline an offer: the application closes as withdrawn; the search goes on.

    Example:
        followup decline rocketly --notes "salary too low"
    """
    return _decide(args, "decline")


def _decide(args: argparse.Namespace, decision: str) -> int:
    from ..tracker import services
    from .record import _recorded, happened

    user = user_of(args)
    today = services.today_for(user)
    at = happened("--at", args.at, today) if args.at else None
    saved = services.decide_offer(user, args.app, decision, at, args.notes)
    event = {"type": saved.type, "at": saved.at, **saved.data}
    code = _recorded(user, args.app, event, args.format)
    if decision == "accept" and args.format == "text":
        print(_after_accepting(user, today))
    return code


def _after_accepting(user: User, as_of: date) -> str:
    """Congratulations, and who is owed a warm withdrawal (§7.1), if anyone."""
    from ..tracker import services

    owed = sorted(
        {
            item.application.company
            for item in services.plan_for(user, as_of).applications
            if any(step.action == "withdraw" for step in item.steps)
        }
    )
    if not owed:
        return "Congratulations! No other employer has met you or has a contact: nobody to tell."
    return (
        f"Congratulations! Tell the others kindly ({', '.join(owed)}): "
        "`followup today` lists who to write to, each with a draft."
    )

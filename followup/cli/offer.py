"""The end of a search: `followup accept APP` and `followup decline APP` on an offer."""

from __future__ import annotations

import argparse

from .tracker import format_option, tracker_command, user_of


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
        print("Congratulations! Tell the others kindly: `followup today` lists who to write to.")
    return code

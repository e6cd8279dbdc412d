"""Recording what happened: `followup add`, `followup log` and `followup done`.

Each prints what was recorded and the application's new next step. Django is set
up inside the commands (see `tracker`), so listing the commands imports nothing heavy.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..tracker.step_names import CALL_OUTCOMES, HAPPENED
from . import EXIT_INVALID, CliError
from .tracker import (
    event_summary,
    format_option,
    next_json,
    print_json,
    print_next,
    tracker_command,
    user_of,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from ..tracker.models import Application

EVENT_TYPES = (
    "applied",
    "interview",
    "expectation",
    "sent",
    "called",
    "heard",
    "directions",
    "closed",
)


def when(flag: str, text: str, today: date, past: bool = False) -> str:
    """A journal `at` from what the user typed, or an error naming the flag."""
    from ..dates import DateError, read_at

    try:
        return read_at(text, today, past)
    except DateError as error:
        raise CliError(f"{flag} {text}: {error}", EXIT_INVALID) from None


def happened(flag: str, text: str, today: date) -> str:
    """A past (or today's) `at`: the future is refused, with the reason."""
    at = when(flag, text, today, past=True)
    if at[:10] > today.isoformat():
        from ..dates import short_day

        raise CliError(
            f"{flag} {text} is {short_day(date.fromisoformat(at[:10]))}, after today "
            f"({short_day(today)}): record it once it has happened",
            EXIT_INVALID,
        )
    return at


def coming(flag: str, text: str, today: date) -> str:
    """A date they named ahead ("we'll call you Friday": the coming Friday)."""
    return when(flag, text, today)[:10]


# add -----------------------------------------------------------------------------------


def _add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("company", help="the employer's name")
    parser.add_argument("--role", help="the job title")
    parser.add_argument(
        "--employer-kind",
        help="corporate, small_business, startup, nonprofit, government, staffing_agency",
    )
    parser.add_argument(
        "--applied",
        metavar="WHEN",
        help="when you applied: today, yesterday, mon, 2026-11-16, …; leave out for a saved posting",
    )
    parser.add_argument(
        "--id", dest="slug", help="the application's id (default: made from the company name)"
    )
    parser.add_argument(
        "--posting-file",
        type=Path,
        help="a text file with the job posting (its follow-up directions are read)",
    )
    format_option(parser)


@tracker_command(_add_options, lean=True)
def cmd_add(args: argparse.Namespace) -> int:
    """Add an application quickly; prints its id and its first step.

    Example:
        followup add "Acme Corp" --role "Data Analyst" --applied 2026-11-16 --posting-file posting.txt
    """
    from ..tracker import services

    user = user_of(args)
    data: dict[str, Any] = {"company": args.company}
    for key, value in (
        ("id", args.slug),
        ("role", args.role),
        ("employer_kind", args.employer_kind),
    ):
        if value:
            data[key] = value
    if args.posting_file:
        data["posting_text"] = _read_text(args.posting_file, "--posting-file")
    as_of = services.today_for(user)
    if args.applied:
        data["events"] = [{"type": "applied", "at": happened("--applied", args.applied, as_of)}]
    app = services.add_application(user, data)
    if args.format == "json":
        print_json(
            {"id": app.slug, "company": app.company, "next_step": next_json(user, app.slug, as_of)}
        )
        return 0
    print(f"Added {app.company}: its id is {app.slug}.")
    _print_directions(data.get("posting_text"))
    if not args.applied:
        print(f"When you apply: followup log {app.slug} applied --at today")
        return 0
    print_next(user, app.slug, as_of)
    return 0


def _read_text(path: Path, flag: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        message = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise CliError(f"{flag} {path}: {message}", EXIT_INVALID) from None


def _print_directions(posting: str | None) -> None:
    from ..planner.directions import read_posting

    found = read_posting(posting)
    asks = [
        text
        for flag, text in ((found.no_calls, "no phone calls"), (found.email_only, "email only"))
        if flag
    ]
    if asks:
        quoted = "; ".join(f"“{snippet}”" for snippet in found.evidence)
        print(f"The posting asks for {' and '.join(asks)}: {quoted}. Follow-ups will respect that.")


# log -------------------------------------------------------------------------------------


def _yes_no(text: str) -> bool:
    if text.lower() in ("yes", "y", "true"):
        return True
    if text.lower() in ("no", "n", "false"):
        return False
    raise argparse.ArgumentTypeError(f"{text!r}: say yes or no")


def _log_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("app", metavar="APP", help="the application's id")
    parser.add_argument(
        "type",
        metavar="TYPE",
        choices=EVENT_TYPES,
        help=f"the event type: {', '.join(EVENT_TYPES)}",
    )
    parser.add_argument(
        "--at",
        metavar="WHEN",
        help="when, in the employer's local time: today, yesterday, fri 14:00, "
        "'2026-12-01 09:00', … (default: now)",
    )
    parser.add_argument("--to", help="the contact written to or called (sent, called)")
    parser.add_argument(
        "--from", dest="sender", help="the contact who wrote or said it (heard, expectation)"
    )
    parser.add_argument(
        "--with", dest="interviewers", help="interviewers' contact ids, comma-separated (interview)"
    )
    parser.add_argument(
        "--purpose", help="why you wrote or called: thank_you, check_in, … (sent, called)"
    )
    parser.add_argument("--outcome", choices=CALL_OUTCOMES, help="how the call went (called)")
    parser.add_argument(
        "--kind",
        help="interview: phone, video, onsite; heard: reply, update, new_date, rejection, offer, …",
    )
    parser.add_argument(
        "--channel",
        help="how this event reached them or you: email, letter, message, phone, online, …",
    )
    parser.add_argument(
        "--by",
        metavar="WHEN",
        help="the date they said they would decide: fri, +3d, 2026-12-04, … "
        "(expectation, heard new_date)",
    )
    parser.add_argument(
        "--deadline", metavar="WHEN", help="the date an offer needs an answer by (heard offer)"
    )
    parser.add_argument(
        "--via", help="how they said you will hear next: phone, email or any (expectation, heard)"
    )
    parser.add_argument("--round", type=int, help="the interview round (interview)")
    parser.add_argument(
        "--final", action="store_true", help="it was the final interview (interview)"
    )
    parser.add_argument(
        "--no-calls", action="store_true", help="they asked not to be phoned (directions)"
    )
    parser.add_argument("--reason", help="accepted, withdrawn, moved_on or rejected (closed)")
    parser.add_argument(
        "--notified", type=_yes_no, metavar="yes|no", help="did the employer tell you? (closed)"
    )
    parser.add_argument("--notes", help="free text")
    format_option(parser)


# Event key -> argparse attribute, for the options that are copied as given.
LOG_FIELDS = {
    "to": "to",
    "from": "sender",
    "purpose": "purpose",
    "outcome": "outcome",
    "kind": "kind",
    "channel": "channel",
    "via": "via",
    "round": "round",
    "reason": "reason",
    "notified": "notified",
    "notes": "notes",
}


@tracker_command(_log_options, lean=True)
def cmd_log(args: argparse.Namespace) -> int:
    """Record any journal event: an interview, a message sent, a call, news, a close.

    Only the options given are recorded; the journal's rules check the rest and
    name the field that is wrong. Prints the event and the new next step.

    Example:
        followup log acme called --to pat --outcome voicemail
        followup log acme interview --at 2026-11-18T10:00 --with pat,lee --final
        followup log acme heard --from pat --kind new_date --by 2026-11-30
    """
    from ..tracker import services

    user = user_of(args)
    app = services.get_application(user, args.app)
    today = services.today_for(user)
    at = None
    if args.at:
        at = (
            happened("--at", args.at, today)
            if args.type in HAPPENED
            else when("--at", args.at, today)
        )
    # §2: recorded as today with no time of day, it happened now.
    event: dict[str, Any] = {"type": args.type, "at": services.said_at(app, at, today)}
    for key in ("by", "deadline"):
        if getattr(args, key) is not None:
            event[key] = coming(f"--{key}", getattr(args, key), today)
    event.update(
        {
            key: getattr(args, attr)
            for key, attr in LOG_FIELDS.items()
            if getattr(args, attr) is not None
        }
    )
    for key, flag in (("to", "--to"), ("from", "--from")):
        if key in event:
            event[key] = contact_id(app, event[key], flag)
    if args.interviewers is not None:
        said = [c.strip() for c in args.interviewers.split(",") if c.strip()]
        event["with"] = [contact_id(app, c, "--with") for c in said]
    if args.final:
        event["final"] = True
    if args.no_calls:
        event["no_calls"] = True
    services.record_event(user, app.slug, event)
    return _recorded(user, app.slug, event, args.format)


def contact_id(app: Application, said: str, flag: str) -> str:
    """The contact a person means: its id, or its name, first name or the start of its
    id in any case ("sam" for Sam Lee, id sam-lee), when exactly one contact fits.
    Otherwise `said` as given: the journal's checks refuse it with the other problems."""
    contacts = list(app.contacts.values_list("slug", "name"))
    if any(slug == said for slug, _ in contacts):
        return said
    wanted = said.casefold()
    fits = sorted(
        slug
        for slug, name in contacts
        if slug.casefold().startswith(wanted)
        or (name or "").casefold() == wanted
        or (name or "").casefold().split()[:1] == [wanted]
    )
    if len(fits) > 1:
        raise CliError(f"{app.slug}: {flag}: {said!r} could be {' or '.join(fits)}", EXIT_INVALID)
    return fits[0] if fits else said


def _recorded(user: User, slug: str, event: dict[str, Any], output: str) -> int:
    from ..tracker import services

    as_of = services.today_for(user)
    if output == "json":
        print_json(
            {"application": slug, "recorded": event, "next_step": next_json(user, slug, as_of)}
        )
        return 0
    print(f"Recorded for {slug}: {event_summary(event)}")
    print_next(user, slug, as_of)
    return 0


# done ------------------------------------------------------------------------------------


def _done_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("app", metavar="APP", help="the application's id")
    parser.add_argument(
        "--action", help="which pending step, when not the next one (e.g. call, check_in)"
    )
    parser.add_argument("--to", help="the pending step's contact, when --action is not enough")
    parser.add_argument("--outcome", choices=CALL_OUTCOMES, help="how the call went (calls)")
    parser.add_argument(
        "--notified",
        type=_yes_no,
        metavar="yes|no",
        help="moving on: did the employer ever tell you?",
    )
    parser.add_argument(
        "--at",
        metavar="WHEN",
        help="when you did it: today, yesterday 16:00, … (default: now, the employer's time)",
    )
    parser.add_argument("--notes", help="free text")
    format_option(parser)


@tracker_command(_done_options, lean=True)
def cmd_done(args: argparse.Namespace) -> int:
    """Record that the next step (or the pending one named by --action) was done.

    A sent message is recorded as sent; a call needs --outcome; moving on closes
    the application (say with --notified whether they ever told you). Prints what
    was recorded and the new next step.

    Example:
        followup done acme
        followup done acme --outcome voicemail
        followup done acme --action move_on --notified no
    """
    from ..tracker import services

    user = user_of(args)
    at = happened("--at", args.at, services.today_for(user)) if args.at else None
    app = services.get_application(user, args.app)
    to = contact_id(app, args.to, "--to") if args.to else None
    saved = services.record_done(
        user, app.slug, args.action, to, args.outcome, args.notified, args.notes, at=at
    )
    event = {"type": saved.type, "at": saved.at, **saved.data}
    return _recorded(user, app.slug, event, args.format)

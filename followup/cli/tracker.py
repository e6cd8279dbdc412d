"""The tracker's everyday commands: today, add, log, done, import, export, replan.

Each is a thin layer over `followup.tracker.services`, the same functions the web
pages use. Django is set up lazily, inside the commands, so that importing this
module (as `followup plan` does to list the commands) costs nothing.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import EXIT_INVALID, CliError, Command, command, iso_date

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from rich.console import Console
    from rich.text import Text

    from ..planner.model import Step
    from ..planner.plan import ApplicationPlan

Configure = Callable[[argparse.ArgumentParser], None]
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


# Django, set up on demand -------------------------------------------------------------


def django_ready() -> None:
    """Set Django up and bring the database schema up to date (a no-op when it is)."""
    django_setup()
    migrate_if_needed()


def django_setup() -> None:
    """Set Django up, once, on demand: `followup plan` never imports it."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followup.web.settings")
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except (ValueError, ImproperlyConfigured) as error:  # e.g. a bad DATABASE_URL
        raise CliError(f"settings: {error}") from None


def migrate_if_needed() -> None:
    """Apply pending migrations quietly: a first `followup today` just works.
    Checking costs one query when there is nothing to do."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)


def tracker_command(configure: Configure) -> Callable[[Command], Command]:
    """Register a command that needs the database: Django set up first, a `--user`
    option, and service errors turned into messages with the right exit code."""

    def options(parser: argparse.ArgumentParser) -> None:
        configure(parser)
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="whose journal (hosted mode; default: the local user)",
        )

    def register(func: Command) -> Command:
        @functools.wraps(func)
        def run(args: argparse.Namespace) -> int:
            django_setup()
            from django.db import DatabaseError

            from ..tracker.services import ServiceError

            try:
                migrate_if_needed()
                return func(args)
            except ServiceError as error:
                raise CliError("\nerror: ".join(error.problems), EXIT_INVALID) from None
            except DatabaseError as error:
                raise CliError(f"database: {error}") from None

        return command(options)(run)

    return register


def user_of(args: argparse.Namespace) -> User:
    """The user named by --user, else the local user (created on first use)."""
    from django.conf import settings
    from django.contrib.auth.models import User

    from ..accounts.services import local_user

    if args.user:
        try:
            return User.objects.get(username=args.user)
        except User.DoesNotExist:
            raise CliError(f"--user {args.user}: no such user", EXIT_INVALID) from None
    if settings.HOSTED:
        raise CliError("hosted mode: say whose journal with --user USERNAME", EXIT_INVALID)
    return local_user()


# Output helpers --------------------------------------------------------------------


def console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def print_json(data: object) -> None:
    from .commands import print_json as write

    write(data)


def format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )


def step_json(user: User, item: ApplicationPlan, step: Step) -> dict[str, Any]:
    """A step as in the plan format, with its application's id first and its draft."""
    from ..planner.plan import render_draft, step_to_dict

    return {
        "application": item.application.id,
        **step_to_dict(step, render_draft(item, step, planner_profile(user))),
    }


def planner_profile(user: User) -> Any:
    """The user's profile as the planner's type (the drafts sign with it)."""
    from ..planner.journal import FORMAT, parse_journal
    from ..tracker.services import profile_data, profile_of

    return parse_journal(
        {"format": FORMAT, "profile": profile_data(profile_of(user)), "applications": []}
    ).profile


def next_step(user: User, slug: str, as_of: date) -> tuple[ApplicationPlan, Step | None]:
    """The application's plan and its next step (None when nothing is left to do)."""
    from ..tracker import services

    result = services.plan_for(user, as_of, services.applications_of(user).filter(slug=slug))
    item = next(p for p in result.applications if p.application.id == slug)
    return item, item.steps[0] if item.steps else None


def print_next(user: User, slug: str, as_of: date) -> None:
    """'Next: Call Pat Lee (phone, …)', its due date and its reason."""
    from rich.text import Text

    from .render import describe, when

    item, step = next_step(user, slug, as_of)
    out = console()
    if step is None:
        out.print(f"Nothing more to do for {slug} ({item.stage}).")
        return
    out.print(
        Text("Next: ", style="bold") + Text(describe(item, step)) + Text(" — ") + when(step, as_of)
    )
    out.print(Text(step.reason, style="dim"))


def next_json(user: User, slug: str, as_of: date) -> dict[str, Any] | None:
    item, step = next_step(user, slug, as_of)
    return None if step is None else step_json(user, item, step)


def event_summary(event: dict[str, Any]) -> str:
    """'called gloria at 2026-11-18T09:30 (outcome voicemail, purpose check_in)'."""
    details = ", ".join(
        f"{key} {_words(value)}"
        for key, value in event.items()
        if key not in ("type", "at", "to", "notes")
    )
    to = f" {event['to']}" if event.get("to") else ""
    return f"{event['type']}{to} at {event['at']}" + (f" ({details})" if details else "")


def _words(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "+".join(str(v) for v in value)
    return str(value)


# today -------------------------------------------------------------------------------


def _today_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        type=iso_date,
        default=None,
        help="as of this date (YYYY-MM-DD; default: your today)",
    )
    format_option(parser)


@tracker_command(_today_options)
def cmd_today(args: argparse.Namespace) -> int:
    """What to do today: overdue steps, today's, and this week's, with the nudges.

    `--format json` prints {"as_of", "overdue", "today", "this_week", "nudges"}, each
    step as in the plan format plus its "application" id.

    Example:
        followup today
        followup today --format json --as-of 2026-11-18
    """
    from ..tracker import services

    user = user_of(args)
    page = services.today(user, args.as_of)
    if args.format == "json":
        groups = {
            name: [step_json(user, item, step) for item, step in getattr(page, name)]
            for name in ("overdue", "today", "this_week")
        }
        nudges = [{"kind": n.kind, "reason": n.reason} for n in page.nudges]
        print_json({"as_of": page.as_of.isoformat(), **groups, "nudges": nudges})
        return 0
    _print_today(page)
    return 0


def _print_today(page: Any) -> None:
    """A list rather than a table: narrow terminals keep whole lines, and each
    application's id stays in one piece, ready to type into `followup done`."""
    from rich.text import Text

    from .render import describe, when

    out = console()
    out.print(Text(f"Follow-ups as of {page.as_of:%A %d %B %Y}", style="bold"))
    if page.empty:
        out.print("\nNothing is due this week.\n")
    for title, pairs in (
        ("Overdue", page.overdue),
        ("Today", page.today),
        ("This week", page.this_week),
    ):
        if pairs:
            out.print(Text(f"\n{title}", style="bold underline"))
        for item, step in pairs:
            app = item.application
            name = f"{app.company}{f' — {app.role}' if app.role else ''}"
            out.print(Text("• ") + Text(name, style="bold") + Text(f"  [{app.id}]", style="dim"))
            indented(out, Text(describe(item, step)) + Text(", ") + when(step, page.as_of))
            indented(out, Text(step.reason, style="dim"))
    if page.nudges:
        out.print()
    for nudge in page.nudges:
        out.print(Text("• ", style="cyan") + Text(nudge.reason))


def indented(out: Console, text: Text) -> None:
    """Print `text` wrapped two spaces in (Padding would fill every line with spaces)."""
    from rich.text import Text

    for line in text.wrap(out, max(20, out.width - 2)):
        line.rstrip()
        out.print(Text("  ") + line, soft_wrap=True)


# add -----------------------------------------------------------------------------------


def _add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("company", help="the employer's name")
    parser.add_argument("--role", help="the job title")
    parser.add_argument(
        "--kind",
        dest="employer_kind",
        help="employer kind: corporate, small_business, startup, nonprofit, government, staffing_agency",
    )
    parser.add_argument(
        "--applied",
        type=iso_date,
        help="the date you applied (YYYY-MM-DD); leave out for a saved posting",
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


@tracker_command(_add_options)
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
    if args.applied:
        data["events"] = [{"type": "applied", "at": args.applied.isoformat()}]
    app = services.add_application(user, data)
    as_of = services.today_for(user)
    if args.format == "json":
        print_json(
            {"id": app.slug, "company": app.company, "next_step": next_json(user, app.slug, as_of)}
        )
        return 0
    print(f"Added {app.company}: its id is {app.slug}.")
    _print_directions(data.get("posting_text"))
    if not args.applied:
        print(f"When you apply: followup log {app.slug} applied --at YYYY-MM-DD")
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
        help="when (YYYY-MM-DD or YYYY-MM-DDTHH:MM, the employer's local time; default: now)",
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
    parser.add_argument("--outcome", help="spoke, voicemail, no_answer or assistant (called)")
    parser.add_argument(
        "--kind",
        help="interview: phone, video, onsite; heard: reply, update, new_date, rejection, offer, …",
    )
    parser.add_argument(
        "--channel", help="how: email, letter, message, phone, online, … (depends on TYPE)"
    )
    parser.add_argument(
        "--by", help="the date they said they would decide (expectation, heard new_date)"
    )
    parser.add_argument("--deadline", help="the date an offer needs an answer by (heard offer)")
    parser.add_argument("--via", help="phone, email or any (expectation, heard)")
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
    "by": "by",
    "deadline": "deadline",
    "via": "via",
    "round": "round",
    "reason": "reason",
    "notified": "notified",
    "notes": "notes",
}


@tracker_command(_log_options)
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
    event: dict[str, Any] = {"type": args.type, "at": args.at or services.now_at(app)}
    event.update(
        {
            key: getattr(args, attr)
            for key, attr in LOG_FIELDS.items()
            if getattr(args, attr) is not None
        }
    )
    if args.interviewers is not None:
        event["with"] = [c.strip() for c in args.interviewers.split(",") if c.strip()]
    if args.final:
        event["final"] = True
    if args.no_calls:
        event["no_calls"] = True
    services.record_event(user, app.slug, event)
    return _recorded(user, app.slug, event, args.format)


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
    parser.add_argument(
        "--outcome",
        choices=("spoke", "voicemail", "no_answer", "assistant"),
        help="how the call went (calls)",
    )
    parser.add_argument(
        "--notified",
        type=_yes_no,
        metavar="yes|no",
        help="moving on: did the employer ever tell you?",
    )
    parser.add_argument("--at", help="when you did it (default: now, the employer's local time)")
    parser.add_argument("--notes", help="free text")
    format_option(parser)


@tracker_command(_done_options)
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
    saved = services.record_done(
        user, args.app, args.action, args.to, args.outcome, args.notified, args.notes, at=args.at
    )
    event = {"type": saved.type, "at": saved.at, **saved.data}
    return _recorded(user, args.app, event, args.format)


# import, export, replan ----------------------------------------------------------------


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
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise CliError(
            f"{path}: line {error.lineno}, column {error.colno}: {error.msg}", EXIT_INVALID
        ) from None
    except UnicodeDecodeError:
        raise CliError(f"{path}: not UTF-8 text", EXIT_INVALID) from None


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


def write_atomic(path: Path, text: str) -> None:
    """Write a temporary file next to `path`, flush it to disk, then rename it over."""
    import tempfile

    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise CliError(f"{path}: {error.strerror or error}") from None
    try:
        if path.exists():  # keep the mode of the file replaced (new files stay private: 0600)
            os.chmod(temp, path.stat().st_mode & 0o7777)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise CliError(f"{path}: {error.strerror or error}") from None


def _replan_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        type=iso_date,
        default=None,
        help="as of this date (YYYY-MM-DD; default: each user's today)",
    )
    format_option(parser)


@tracker_command(_replan_options)
def cmd_replan(args: argparse.Namespace) -> int:
    """Recompute every application's next step for the new day; meant for cron.

    Without --user, every user's applications are replanned.

    Example:
        followup replan
        (cron: 5 0 * * *  followup replan)
    """
    from django.contrib.auth.models import User

    from ..tracker import services

    users = (
        [user_of(args)] if args.user else User.objects.filter(applications__isnull=False).distinct()
    )
    count = services.replan(args.as_of, users)
    if args.format == "json":
        print_json({"replanned": count})
    else:
        print(f"Replanned {count} application{'s' if count != 1 else ''}.")
    return 0

"""Looking around and taking back: `followup list`, `followup show APP`, `followup undo`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from .tracker import (
    console,
    event_summary,
    format_option,
    print_json,
    print_next,
    tracker_command,
    user_of,
)

if TYPE_CHECKING:
    from ..tracker.models import Application, Event


def _list_options(parser: argparse.ArgumentParser) -> None:
    from ..planner.model import STAGES

    parser.add_argument("--stage", choices=STAGES, help="only the applications at this stage")
    format_option(parser)


@tracker_command(_list_options, lean=True)
def cmd_list(args: argparse.Namespace) -> int:
    """List your applications: id, company, role, stage and next step, soonest first.

    `--format json` prints {"format": "followup-list/1", "applications": [...]}.

    Example:
        followup list
        followup list --stage interviewing --format json
    """
    from ..tracker import services

    apps = [app for column in services.board(user_of(args)).values() for app in column]
    apps = [app for app in apps if args.stage in (None, app.stage)]
    if args.format == "json":
        print_json({"format": "followup-list/1", "applications": [_row(a) for a in apps]})
        return 0
    _print_list(apps)
    return 0


def _row(app: Application) -> dict[str, Any]:
    due = app.next_due.isoformat() if app.next_due else None
    return {
        "id": app.slug,
        "company": app.company,
        "role": app.role,
        "stage": app.stage,
        "next_action": app.next_action or None,
        "next_due": due,
    }


def _print_list(apps: list[Application]) -> None:
    from rich.text import Text

    from ..tracker.presenters import day
    from .render import action_label

    out = console()
    if not apps:
        out.print("No applications yet. Add one: followup add COMPANY --applied today")
    for app in apps:
        # The id first, where wrapping can't break it: it is what the other commands take.
        role = f" — {app.role}" if app.role else ""
        out.print(Text(f"{app.slug}  ") + Text(app.company + role, style="bold"))
        due = f", {day(app.next_due)}" if app.next_due else ""
        step = f"{action_label(app.next_action)}{due}" if app.next_action else "nothing to do"
        out.print(Text(f"  {app.stage}: {step}", style="dim"), soft_wrap=False)


def _show_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("app", metavar="APP", help="the application's id (see followup list)")
    format_option(parser)


@tracker_command(_show_options, lean=True)
def cmd_show(args: argparse.Namespace) -> int:
    """Show one application: its people, what happened (numbered) and what comes next.

    The numbers are what `followup undo APP --event N` takes. `--format json` prints
    {"format": "followup-application/1", ...} with the journal's fields and "next_step".

    Example:
        followup show acme
    """
    from ..tracker import services
    from .tracker import next_json

    user = user_of(args)
    data = services.application_journal(user, args.app)
    as_of = services.today_for(user)
    if args.format == "json":
        step = next_json(user, data["id"], as_of)
        print_json({"format": "followup-application/1", **data, "next_step": step})
        return 0
    _print_application(data)
    print_next(user, data["id"], as_of)
    return 0


def _print_application(data: dict[str, Any]) -> None:
    from rich.text import Text

    out = console()
    role = f" — {data['role']}" if data.get("role") else ""
    out.print(Text(f"{data['company']}{role}  [{data['id']}]", style="bold"))
    for contact in data.get("contacts", []):
        name = contact.get("name") or contact["id"]
        out.print(
            Text(f"  {contact['id']}: {name} ({contact.get('role', 'other').replace('_', ' ')})")
        )
    out.print(Text("What happened", style="bold"))
    if not data["events"]:
        out.print("  nothing yet")
    for number, event in enumerate(data["events"], start=1):
        out.print(Text(f"  {number}. {event_summary(event)}"))  # Text: no markup read


def _undo_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "app", metavar="APP", nargs="?", help="the application (default: the last change anywhere)"
    )
    parser.add_argument(
        "--event", type=int, metavar="N", help="the event's number in `followup show APP`"
    )
    format_option(parser)


@tracker_command(_undo_options)
def cmd_undo(args: argparse.Namespace) -> int:
    """Take back the last change: the last event you recorded (or the one named by APP
    and --event N), or the application you added last, if nothing changed since.

    Prints what was removed, so that it can be recorded again with `followup log`; an
    application goes to the trash, as `followup remove` does (`followup restore`).

    Example:
        followup undo
        followup undo acme --event 3
    """
    from ..tracker import services

    user = user_of(args)
    added = _added_last(user) if args.app is None and args.event is None else None
    if added is not None:
        return _undo_add(user, added, args.format)
    event = _event_to_undo(user, args.app, args.event)
    slug = event.application.slug
    summary = {"type": event.type, "at": event.at, **event.data}
    services.delete_event(user, slug, event.pk)
    if args.format == "json":
        print_json({"application": slug, "removed": summary})
        return 0
    print(f"Removed from {slug}: {event_summary(summary)}")
    print_next(user, slug, services.today_for(user))
    return 0


def _added_last(user: Any) -> Application | None:
    """The application added last, if adding it is the last change: nothing recorded
    on it or changed since (adding leaves `updated == created`; recording an event or
    editing moves `updated` on), nothing changed elsewhere since, and not one of many
    imported at once."""
    from ..tracker import services

    apps = services.applications_of(user)
    latest = apps.order_by("-created", "-pk").first()
    if latest is None or latest.updated != latest.created:
        return None
    if apps.filter(updated__gt=latest.updated).exists():
        return None
    if apps.filter(created=latest.created).count() > 1:
        return None  # an import: its applications share one timestamp
    return latest


def _undo_add(user: Any, app: Application, output: str) -> int:
    from ..tracker import corrections

    kept = corrections.delete_application(user, app.slug)
    if output == "json":
        print_json({"application": app.slug, "removed": "application", "restore": kept.pk})
        return 0
    print(f"Took back adding {app.company} ({app.slug}): it is in the trash.")
    print(f"To bring it back within 30 days: followup restore {kept.pk}")
    return 0


def _event_to_undo(user: Any, slug: str | None, number: int | None) -> Event:
    from ..tracker import services
    from ..tracker.models import Event
    from . import EXIT_INVALID, CliError

    if number is not None and slug is None:
        raise CliError("--event N needs the application: followup undo APP --event N", EXIT_INVALID)
    events = Event.objects.filter(application__in=services.applications_of(user))
    if slug is not None:
        events = events.filter(application=services.get_application(user, slug))
    if number is None:
        found = events.select_related("application").order_by("-pk").first()
        if found is None:
            raise CliError("There is nothing to undo: no event is recorded yet.")
        return found
    ordered = list(events.select_related("application"))  # as `show` numbers them
    if not 1 <= number <= len(ordered):
        raise CliError(
            f"{slug} has events 1 to {len(ordered)}; there is no event {number}.", EXIT_INVALID
        )
    return ordered[number - 1]

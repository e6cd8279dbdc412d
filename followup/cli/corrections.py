"""Correcting the journal from the terminal: `edit`, `remove`, `restore` and `reopen`
an application; `contact-add`, `contact-edit`, `contact-remove`.

Self-contained: importing this module registers its commands. Each is a thin layer
over `followup.tracker.corrections` and `people`, the functions the web pages use.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from . import EXIT_INVALID, CliError
from .tracker import tracker_command, user_of

# The facts `edit` can change: option -> (journal key, help). An empty value removes one.
FACTS = {
    "company": ("company", "the employer's name"),
    "role": ("role", "the job title"),
    "employer_kind": (
        "employer_kind",
        "corporate, small_business, startup, nonprofit, government, staffing_agency",
    ),
    "industry": ("industry", "e.g. healthcare"),
    "country": ("country", "two letters, for its public holidays: US, GB, IN, …"),
    "subdivision": ("subdivision", "state or region, for its holidays: CA, ENG, …"),
    "timezone": ("timezone", "the employer's time zone, e.g. America/Denver"),
    "posting_url": ("posting_url", "the job posting's address"),
    "notes": ("notes", "your notes on this application"),
    "first_six_months": ("first_six_months", "what you'd do in your first six months"),
}
SALARY = ("min", "max", "currency", "period")
# A contact's details: option -> (journal key, help). `--contact-role`, not `--role`:
# elsewhere `--role` is the job title, and a flag has one meaning in every command.
PERSON = {
    "name": ("name", 'their name, e.g. "Lee Park"'),
    "contact_role": (
        "role",
        "recruiter, hr, hiring_manager, interviewer, assistant, insider or other",
    ),
    "email": ("email", "their email address"),
    "phone": ("phone", "their phone number"),
    "best_time": ("best_time", "when they are easiest to reach, e.g. mornings"),
}


def _app_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("app", metavar="APP", help="the application's id")


def _amount(text: str) -> float | int | str:
    if text == "":
        return ""  # remove this end of the range
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an amount (e.g. 68000)") from None
    return int(value) if value.is_integer() else value


def _edit_options(parser: argparse.ArgumentParser) -> None:
    _app_option(parser)
    for option, (key, said) in FACTS.items():
        parser.add_argument(f"--{option.replace('_', '-')}", dest=key, metavar="TEXT", help=said)
    parser.add_argument("--posting-file", type=Path, help="a text file with the posting's text")
    parser.add_argument("--salary-min", type=_amount, metavar="AMOUNT")
    parser.add_argument("--salary-max", type=_amount, metavar="AMOUNT")
    parser.add_argument("--salary-currency", metavar="CODE", help="e.g. USD")
    parser.add_argument(
        "--salary-period", choices=("year", "month", "week", "day", "hour"), default=None
    )
    parser.add_argument("--no-salary", action="store_true", help="remove the salary")


def _salary(args: argparse.Namespace, stored: dict[str, Any] | None) -> dict[str, Any] | None:
    """The stored salary with the options given laid over it (None: no salary)."""
    if args.no_salary:
        return None
    salary = dict(stored or {})
    for key in SALARY:
        value = getattr(args, f"salary_{key}")
        if value == "":
            salary.pop(key, None)
        elif value is not None:
            salary[key] = value.upper() if key == "currency" else value
    return salary or None


@tracker_command(_edit_options)
def cmd_edit(args: argparse.Namespace) -> int:
    """Change an application's facts; only the options given change, and an empty
    value ("") removes a fact. The whole journal is checked first.

    Example:
        followup edit acme-analyst --role "Senior Analyst" --salary-min 68000 --salary-currency USD
    """
    from ..tracker import corrections, services

    user = user_of(args)
    stored = corrections.journal_of(user, services.get_application(user, args.app))
    facts = {
        key: getattr(args, key) or None
        for key, _ in FACTS.values()
        if getattr(args, key) is not None
    }
    if args.posting_file:
        from .record import _read_text

        facts["posting_text"] = _read_text(args.posting_file, "--posting-file")
    salary = _salary(args, stored.get("salary"))
    if salary != stored.get("salary"):
        facts["salary"] = salary
    if not facts:
        raise CliError("nothing to change: give at least one option (see --help)", EXIT_INVALID)
    services.update_application(user, args.app, facts)
    print(f"Saved {args.app}: {', '.join(sorted(facts))}.")
    return 0


@tracker_command(_app_option)
def cmd_remove(args: argparse.Namespace) -> int:
    """Delete an application; it can be brought back for 30 days (`followup restore`).

    Example:
        followup remove acme-analyst
    """
    from ..tracker import corrections

    kept = corrections.delete_application(user_of(args), args.app)
    print(f"Deleted {args.app}. To bring it back within 30 days: followup restore {kept.pk}")
    return 0


def _restore_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("number", type=int, help="the number `followup remove` printed")


@tracker_command(_restore_options)
def cmd_restore(args: argparse.Namespace) -> int:
    """Bring back an application deleted in the last 30 days.

    Example:
        followup restore 12
    """
    from ..tracker import corrections

    app = corrections.undo_delete(user_of(args), args.number)
    print(f"{app.company} is back: {app.slug}.")
    return 0


@tracker_command(_app_option)
def cmd_reopen(args: argparse.Namespace) -> int:
    """Reopen an application you closed; its follow-ups are planned again.

    Example:
        followup reopen acme-analyst
    """
    from ..tracker import corrections

    app = corrections.reopen(user_of(args), args.app)
    print(f"Reopened {app.slug} ({app.stage}).")
    return 0


# Contacts ------------------------------------------------------------------------------------


def _person_options(parser: argparse.ArgumentParser) -> None:
    for option, (key, said) in PERSON.items():
        parser.add_argument(f"--{option.replace('_', '-')}", dest=key, metavar="TEXT", help=said)


def _contact_add_options(parser: argparse.ArgumentParser) -> None:
    _app_option(parser)
    parser.add_argument(
        "said_name", nargs="?", metavar="NAME", help="their name (or give it with --name)"
    )
    _person_options(parser)


@tracker_command(_contact_add_options)
def cmd_contact_add(args: argparse.Namespace) -> int:
    """Add a person to an application; prints their contact id.

    Example:
        followup contact-add acme-analyst "Lee Park" --contact-role recruiter --email lee@acme.example
    """
    from ..tracker import people

    if args.said_name and args.name and args.said_name != args.name:
        raise CliError("give their name once: as NAME or with --name", EXIT_INVALID)
    args.name = args.name or args.said_name
    if not args.name:
        raise CliError("give their name: followup contact-add APP NAME", EXIT_INVALID)
    person = {key: getattr(args, key) for key, _ in PERSON.values()}
    contact_id = people.add_contact(user_of(args), args.app, person)
    print(f"Added {args.name} to {args.app}: their contact id is {contact_id}.")
    return 0


def _contact_options(parser: argparse.ArgumentParser) -> None:
    _app_option(parser)
    parser.add_argument("contact", metavar="CONTACT", help="the contact's id")


def _contact_edit_options(parser: argparse.ArgumentParser) -> None:
    _contact_options(parser)
    _person_options(parser)


@tracker_command(_contact_edit_options)
def cmd_contact_edit(args: argparse.Namespace) -> int:
    """Change a contact's details; only the options given change, "" removes one.

    Example:
        followup contact-edit acme-analyst lee-park --phone "505-555-0101"
    """
    from ..tracker import corrections, people, services

    user = user_of(args)
    stored = corrections.journal_of(user, services.get_application(user, args.app))
    person = next((c for c in stored.get("contacts", []) if c["id"] == args.contact), None)
    if person is None:
        raise CliError(f"{args.app}: no contact {args.contact!r}", EXIT_INVALID)
    given = {
        key: getattr(args, key) for key, _ in PERSON.values() if getattr(args, key) is not None
    }
    if not given:
        raise CliError("nothing to change: give at least one option (see --help)", EXIT_INVALID)
    people.edit_contact(user, args.app, args.contact, {**person, **given})
    print(f"Saved {args.contact}: {', '.join(sorted(given))}.")
    return 0


@tracker_command(_contact_options)
def cmd_contact_remove(args: argparse.Namespace) -> int:
    """Remove a contact; events that named them keep the name in their notes.

    Example:
        followup contact-remove acme-analyst lee-park
    """
    from ..tracker import people

    changed = people.remove_contact(user_of(args), args.app, args.contact)
    said = f" {changed} event(s) keep their name in the notes." if changed else ""
    print(f"Removed {args.contact} from {args.app}.{said}")
    return 0

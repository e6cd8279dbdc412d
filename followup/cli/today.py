"""`followup today`: the agenda, overdue steps first, each with its reason.

Django is set up inside the command (see `tracker`), so listing the commands
imports nothing heavy.
"""

from __future__ import annotations

import argparse
from typing import Any

from . import as_of_option
from .tracker import (
    console,
    format_option,
    planner_profile,
    print_json,
    step_json,
    tracker_command,
    user_of,
)


def _today_options(parser: argparse.ArgumentParser) -> None:
    as_of_option(parser, "your today")
    format_option(parser)


@tracker_command(_today_options, lean=True)
def cmd_today(args: argparse.Namespace) -> int:
    """What to do today: overdue steps, today's, and this week's, with the nudges.

    `--format json` prints {"format": "followup-today/1", "as_of", "overdue", "today",
    "this_week", "nudges"}, each
    step as in the plan format plus its "application" id.

    Example:
        followup today
        followup today --format json --as-of 2026-11-18
    """
    from ..tracker import services

    user = user_of(args)
    page = services.today(user, args.as_of)
    if args.format == "json":
        print_json(_today_json(user, page))
        return 0
    from .steps import styled, width, write

    if styled():
        _print_today(page)
    else:
        write(_today_lines(page, width()))
    return 0


def _today_json(user: Any, page: Any) -> dict[str, Any]:
    """The JSON view; the profile the drafts sign with is read once, not once a step."""
    profile = planner_profile(user)
    groups = {
        name: [step_json(user, item, step, profile) for item, step in getattr(page, name)]
        for name in ("overdue", "today", "this_week")
    }
    return {
        "format": "followup-today/1",
        "as_of": page.as_of.isoformat(),
        **groups,
        "nudges": [{"kind": n.kind, "reason": n.reason} for n in page.nudges],
    }


def _today_lines(page: Any, columns: int) -> list[str]:
    """The same list as `_print_today`, as plain text wrapped to `columns`."""
    from ..dates import long_day
    from .steps import address, describe, due_words, wrapped

    lines = wrapped(f"Follow-ups as of {long_day(page.as_of)}", columns)
    if page.empty:
        lines += ["", "Nothing is due this week.", ""]
    for title, pairs in (
        ("Overdue", page.overdue),
        ("Today", page.today),
        ("This week", page.this_week),
    ):
        if pairs:
            lines += ["", title]
        for item, step in pairs:
            app = item.application
            lines += wrapped(f"• {app.company}{f' — {app.role}' if app.role else ''}", columns)
            lines += wrapped(
                f"{describe(item, step)}, {due_words(step, page.as_of)[0]}", columns, "  "
            )
            lines += wrapped(f"[{app.id}] {address(step)}", columns, "  ")
            lines += wrapped(step.reason, columns, "  ")
    if page.nudges:
        lines.append("")
    for nudge in page.nudges:
        lines += wrapped(f"• {nudge.reason}", columns)
    return lines


def _print_today(page: Any) -> None:
    """A list rather than a table: narrow terminals keep whole lines, and each
    application's id stays in one piece beside the step's name and person, ready to
    type into `followup done APP --action ACTION --to PERSON`."""
    from rich.text import Text

    from .render import address, describe, indented, long_day, when

    out = console()
    out.print(Text(f"Follow-ups as of {long_day(page.as_of)}", style="bold"))
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
            out.print(Text("• ") + Text(name, style="bold"))
            indented(out, Text(describe(item, step)) + Text(", ") + when(step, page.as_of))
            # What `followup done` takes: the id, the step's name and its person.
            indented(out, Text(f"[{app.id}] {address(step)}", style="dim"))
            indented(out, Text(step.reason, style="dim"))
    if page.nudges:
        out.print()
    for nudge in page.nudges:
        out.print(Text("• ", style="cyan") + Text(nudge.reason))

"""The plan as a terminal view (Rich): the agenda first, then every open application."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..dates import long_day
from ..planner.model import Step, action_label
from ..planner.plan import Plan
from .steps import address, describe, due_words

__all__ = ["action_label", "address", "describe", "long_day", "print_plan", "when"]


def when(step: Step, as_of: date) -> Text:
    """The due date, marked when overdue or due today; a one-day window named once."""
    words, urgency = due_words(step, as_of)
    return Text(words, style=URGENCY_STYLES[urgency])


URGENCY_STYLES = {"overdue": "bold red", "today": "bold yellow", "": ""}


def print_plan(result: Plan, console: Console | None = None) -> None:
    from .tracker import console as make_console

    console = console or make_console()
    console.print(Text(f"Follow-ups as of {long_day(result.as_of)}", style="bold"))
    if console.width < NARROW:
        _as_lists(result, console)
    else:
        _agenda(result, console)
        _applications(result, console)
    for nudge in result.nudges:
        console.print(Text("• ", style="cyan") + Text(nudge.reason))


# Below this many columns the tables' cells get too thin to read: lists instead.
NARROW = 72


def _as_lists(result: Plan, console: Console) -> None:
    for title, pairs in (
        ("Agenda", result.agenda),
        (
            "Next step for each application",
            [(item, item.steps[0]) for item in result.applications if item.steps],
        ),
    ):
        console.print(Text(f"\n{title}", style="bold"))
        if not pairs:
            console.print("Nothing is due today.")
        for item, step in pairs:
            app = item.application
            console.print(
                Text("• ")
                + Text(f"{app.company}{f' — {app.role}' if app.role else ''}", style="bold")
            )
            indented(console, Text(describe(item, step)) + Text(", ") + when(step, result.as_of))
            indented(console, Text(f"[{app.id}] {address(step)}", style="dim"))


def indented(out: Console, text: Text) -> None:
    """Print `text` wrapped two spaces in (Padding would fill every line with spaces)."""
    for line in text.wrap(out, max(20, out.width - 2)):
        line.rstrip()
        out.print(Text("  ") + line, soft_wrap=True)


def _id_width(result: Plan) -> int:
    """Wide enough for the longest id in brackets: ids are typed into other commands."""
    return min(40, max((len(item.application.id) + 2 for item in result.applications), default=0))


def _agenda(result: Plan, console: Console) -> None:
    if not result.agenda:
        console.print("\nNothing is due today.\n")
        return
    table = Table(title="Agenda", title_justify="left", show_lines=False, expand=True)
    table.add_column("When", no_wrap=True)
    table.add_column("Application", min_width=_id_width(result))
    table.add_column("Step")
    for item, step in result.agenda:
        app = item.application
        table.add_row(
            when(step, result.as_of),
            Text(f"{app.company}\n{app.role or ''}".strip() + f"\n[{app.id}]"),
            describe(item, step),
        )
    console.print(table)


def _applications(result: Plan, console: Console) -> None:
    table = Table(title="Next step for each application", title_justify="left", expand=True)
    table.add_column("Application", min_width=_id_width(result))
    table.add_column("Stage", no_wrap=True)
    table.add_column("Next step")
    for item in result.applications:
        if not item.steps:
            continue
        step = item.steps[0]
        text = Text(describe(item, step), style="bold") + Text("\n") + when(step, result.as_of)
        text += Text(f"\n{step.reason}", style="dim")
        app = item.application
        table.add_row(
            Text(f"{app.company}\n{app.role or ''}".strip() + f"\n[{app.id}]"), item.stage, text
        )
    console.print(table)

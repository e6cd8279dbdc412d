"""The plan as a terminal view (Rich): the agenda first, then every open application."""

from __future__ import annotations

from datetime import date

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..planner.model import ACTION_LABELS, Step
from ..planner.occasions import when as interview_when
from ..planner.plan import ApplicationPlan, Plan


def describe(item: ApplicationPlan, step: Step) -> str:
    """'Call Pat Lee (phone, 08:30-10:00, no voicemail)'; 'Interview on Thu 4 Dec, 10:00: prepare'."""
    interview = item.context.scheduled
    if step.action == "prepare_interview" and interview is not None:
        return f"Interview on {interview_when(interview)}: prepare"
    label = ACTION_LABELS.get(step.action, step.action)
    person = item.application.contact(step.to)
    who = f" {person.name or person.id}" if person else ""
    how = [step.channel] if step.channel else []
    if step.window:
        how.append(step.window)
    if step.leave_message is False:
        how.append("no voicemail")
    return f"{label}{' —' if who else ''}{who}" + (f" ({', '.join(how)})" if how else "")


def when(step: Step, as_of: date) -> Text:
    """The due date, marked when overdue or due today."""
    if step.due_by < as_of:
        return Text(f"overdue since {step.due_by:%a %d %b}", style="bold red")
    if step.due <= as_of:
        return Text(f"due today, by {step.due_by:%a %d %b}", style="bold yellow")
    return Text(f"{step.due:%a %d %b} – {step.due_by:%a %d %b}")


def print_plan(result: Plan, console: Console | None = None) -> None:
    console = console or Console()
    console.print(Text(f"Follow-ups as of {result.as_of:%A %d %B %Y}", style="bold"))
    _agenda(result, console)
    _applications(result, console)
    for nudge in result.nudges:
        console.print(Text("• ", style="cyan") + Text(nudge.reason))


def _agenda(result: Plan, console: Console) -> None:
    if not result.agenda:
        console.print("\nNothing is due today.\n")
        return
    table = Table(title="Agenda", title_justify="left", show_lines=False, expand=True)
    table.add_column("When", no_wrap=True)
    table.add_column("Application")
    table.add_column("Step")
    for item, step in result.agenda:
        app = item.application
        table.add_row(
            when(step, result.as_of),
            f"{app.company}\n{app.role or ''}".strip(),
            describe(item, step),
        )
    console.print(table)


def _applications(result: Plan, console: Console) -> None:
    table = Table(title="Next step for each application", title_justify="left", expand=True)
    table.add_column("Application")
    table.add_column("Stage", no_wrap=True)
    table.add_column("Next step")
    for item in result.applications:
        if not item.steps:
            continue
        step = item.steps[0]
        text = Text(describe(item, step), style="bold") + Text("\n") + when(step, result.as_of)
        text += Text(f"\n{step.reason}", style="dim")
        app = item.application
        table.add_row(f"{app.company}\n{app.role or ''}".strip(), item.stage, text)
    console.print(table)

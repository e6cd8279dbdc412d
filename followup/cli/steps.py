"""A step in words, as the text views say it, without Rich: `today` and the "Next:"
line of `add`, `log` and `done` print plain text when the output is not a terminal,
and must not pay for importing Rich then."""

from __future__ import annotations

import os
import shutil
import sys
import textwrap
from collections.abc import Iterable
from datetime import date
from typing import Literal

from ..dates import short_day as day
from ..planner.model import Step, action_label
from ..planner.occasions import when as interview_when
from ..planner.plan import ApplicationPlan

Urgency = Literal["overdue", "today", ""]


def describe(item: ApplicationPlan, step: Step) -> str:
    """'Call Pat Lee (phone, 08:30-10:00, no voicemail)'; 'Interview on Thu 4 Dec, 10:00: prepare'."""
    interview = item.context.scheduled
    if step.action == "prepare_interview" and interview is not None:
        return f"Interview on {interview_when(interview)}: prepare"
    label = action_label(step.action)
    person = item.application.contact(step.to)
    who = f" {person.name or person.id}" if person else ""
    how = [step.channel] if step.channel else []
    if step.window:
        how.append(step.window)
    if step.leave_message is False:
        how.append("no voicemail")
    return f"{label}{' —' if who else ''}{who}" + (f" ({', '.join(how)})" if how else "")


def address(step: Step) -> str:
    """How `followup done` names the step: 'call to pat', 'decide_offer'."""
    return step.action + (f" to {step.to}" if step.to else "")


def due_words(step: Step, as_of: date) -> tuple[str, Urgency]:
    """The due date in words, and how urgent it is (the terminal view colours it)."""
    if step.due_by < as_of:
        return f"overdue since {day(step.due_by)}", "overdue"
    if step.due <= as_of:
        return f"due today, by {day(step.due_by)}", "today"
    if step.due == step.due_by:
        return f"on {day(step.due)}", ""
    return f"{day(step.due)} – {day(step.due_by)}", ""


def styled() -> bool:
    """Rich for a terminal (or when FORCE_COLOR asks for styles anyway); plain text
    for a pipe or a file, where styles would be dropped and Rich's measuring of every
    line (its import alone is about 0.1 s) buys nothing."""
    return sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR"))


def width() -> int:
    """The width plain text is wrapped to: COLUMNS, else the terminal's, else 80 (as Rich)."""
    return shutil.get_terminal_size((80, 24)).columns


def wrapped(text: str, columns: int, indent: str = "") -> list[str]:
    """`text` wrapped to `columns`, each line `indent`ed; a word too long is cut."""
    lines = textwrap.wrap(text, max(20, columns - len(indent)), break_on_hyphens=False)
    return [indent + line for line in lines] or [indent.rstrip()]


def write(lines: Iterable[str]) -> None:
    sys.stdout.write("".join(f"{line}\n" for line in lines))

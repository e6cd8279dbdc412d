"""The insights as plain text for a terminal: the same figures as the page and the JSON."""

from __future__ import annotations

from collections.abc import Iterator

from .figures import Insights, TimeToAnswer
from .labels import EMPLOYER_KIND_LABELS, STAGE_LABELS, follow_up_label, group_label
from .output import share


def _funnel(found: Insights) -> Iterator[str]:
    yield "Funnel (heard back: a first answer after applying; later stages include those after them)"
    funnel = found.funnel._asdict()
    for stage, count in funnel.items():
        yield f"  {STAGE_LABELS[stage]:<14}{count:>6}  {share(count, found.funnel.applied):>6}"
    for month in found.by_month:
        counts = " → ".join(str(c) for c in month.funnel)
        yield f"  {month.month}: {counts}"


def _median(entry: TimeToAnswer) -> str:
    days = entry.survival.median_days
    return "not reached" if days is None else f"{days} days"


def _time_to_answer(found: Insights) -> Iterator[str]:
    yield "Time to a first answer (half had one by the median; still waiting counts)"
    for entry in found.time_to_answer:
        survival = entry.survival
        origin = "from interview" if entry.origin == "interview" else "from application"
        rate = share(survival.answered, survival.n)
        yield (
            f"  {group_label(entry.group) + ', ' + origin:<44} "
            f"{survival.answered:>4} of {survival.n:<4} answered ({rate}), median {_median(entry)}"
        )


def _ghosted(found: Insights) -> Iterator[str]:
    yield "Closed without a word from the employer"
    for row in found.ghosted:
        label = EMPLOYER_KIND_LABELS.get(row.employer_kind, row.employer_kind)
        yield f"  {label:<20} {row.ghosted:>4} of {row.closed:<4} closed ({share(row.ghosted, row.closed)})"


def _follow_ups(found: Insights) -> Iterator[str]:
    yield "Follow-ups answered within 7 business days"
    if not found.follow_ups:
        yield "  none sent yet"
    for row in found.follow_ups:
        judged = row.sent - row.waiting
        pending = f", {row.waiting} still in their week" if row.waiting else ""
        yield (
            f"  {follow_up_label(row.action, row.channel):<36} {row.answered:>4} of "
            f"{judged:<4} ({share(row.answered, judged)}){pending}"
        )


def _weekly(found: Insights) -> Iterator[str]:
    yield "Applications sent per week (goal in brackets)"
    for week in found.weekly[-12:]:
        mark = "" if week.applied >= week.goal else "  below the goal"
        yield f"  {week.week}  {week.applied:>3} ({week.goal}){mark}"


def headline(found: Insights) -> str:
    """The gist in one or two sentences: how many were sent, answered, and how fast."""
    funnel = found.funnel
    if not funnel.applied:
        return "No application sent yet (none has an “applied” event): nothing to measure so far."
    said = (
        f"You sent {funnel.applied} application{'s' if funnel.applied != 1 else ''}; "
        f"{funnel.answered} heard back ({share(funnel.answered, funnel.applied)})."
    )
    overall = next((e for e in found.time_to_answer if e.origin == "applied"), None)
    median = overall.survival.median_days if overall else None
    if median is not None:
        said += f" Half had a first answer within {median} days, counting those still waiting."
    return said


def insights_text(found: Insights) -> str:
    """Every section, as lines of text, as of the date given."""
    lines = [f"Insights as of {found.as_of.isoformat()}", headline(found), ""]
    for section in (_funnel, _time_to_answer, _ghosted, _follow_ups, _weekly):
        lines.extend(section(found))
        lines.append("")
    return "\n".join(lines)

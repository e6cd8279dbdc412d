"""Steps around the big moments: a scheduled interview (§4.0), an offer to decide,
and the other employers to tell once an offer is accepted (§7.1).

Each takes the application's `Rules` (its state, calendar, policy and `as_of`) and
returns one step, or None where the moment asks for nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from .model import EMAIL, Event, Step
from .rules import Rules, _day

ONE_DAY = timedelta(days=1)
PREPARE_SOURCES = ("crowe", "forbes", "quast")


def prepare_interview(rules: Rules) -> Step | None:
    """§4.0: the day before a scheduled interview (a business day), get ready for it."""
    if not rules.state.scheduled:
        return None
    interview = rules.state.scheduled[0]
    due = max(rules.cal.prev_bd(interview.day - ONE_DAY), rules.as_of)
    due = min(due, interview.day)
    to = interview.interviewers[0] if interview.interviewers else None
    reason = (
        f"Your interview is on {when(interview)}{_with(rules, interview)}. Prepare: reread the "
        "posting and your notes, ready two or three examples, and bring your closing questions."
    )
    return Step("prepare_interview", None, to, due, interview.day, reason, PREPARE_SOURCES)


def when(interview: Event) -> str:
    """'Thu 4 Dec, 10:00', or the day alone where no time was given."""
    clock = f", {interview.at:%H:%M}" if interview.timed else ""
    return _day(interview.day) + clock


def _with(rules: Rules, interview: Event) -> str:
    names = [rules.name(who) for who in interview.interviewers]
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f" with {listed}"


def decide_offer(rules: Rules, still_open: Sequence[str]) -> Step:
    """§7.1: an offer in hand is decided before its deadline (or within a week)."""
    offer = rules.state.offer
    assert offer is not None
    cal, as_of = rules.cal, rules.as_of
    if offer.deadline is None:
        due = cal.add_bd(offer.day, rules.policy.decide_offer_days)
        due_by, deadline = cal.add_bd(due, 2), "They gave no deadline: answer within a week."
    elif offer.deadline < as_of:
        due = due_by = as_of
        deadline = f"Their deadline, {_day(offer.deadline)}, has passed: answer them now."
    else:
        due, due_by = cal.prev_bd(offer.deadline - ONE_DAY), offer.deadline
        deadline = f"They need your answer by {_day(offer.deadline)}."
    return Step("decide_offer", None, None, due, due_by, deadline + _others(still_open), ())


def _others(still_open: Sequence[str]) -> str:
    if not still_open:
        return " No other application is open: weigh the offer on its own merits."
    shown = ", ".join(still_open[:3]) + (
        f" and {len(still_open) - 3} more" if len(still_open) > 3 else ""
    )
    return f" Still open: {shown}. Tell them where things stand before you decide."


def withdraw(rules: Rules, accepted_on: date, company: str) -> Step | None:
    """§7.1: after accepting an offer, tell every other employer, warmly."""
    state, app = rules.state, rules.app
    if not (state.interviews or state.scheduled or app.contacts):
        return None  # nobody to tell
    if any(day >= accepted_on for day in state.withdrawn_on):
        return None
    to = rules.hiring_manager() or rules.recruiter() or rules.interviewer()
    reason = (
        f"You accepted the offer from {company} on {_day(accepted_on)}. Thank them, withdraw, "
        "and leave the door open: people move, and so do openings."
    )
    due = rules.cal.next_bd(accepted_on)
    due_by = max(due, rules.cal.add_bd(accepted_on, 2))
    return Step("withdraw", EMAIL, to, due, due_by, reason, ("nm-dws", "crowe"))

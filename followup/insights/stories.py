"""One pass over an application's events: the few facts every figure is built from.

Only events on or before the end of `as_of` count (a scheduled interview is not yet
an interview, a letter dated next week not yet sent). The planner's parser already
keeps each application's events in time order, so "after" means later in that order.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from ..planner.calendar import BusinessCalendar
from ..planner.model import Application, Event
from .survival import Wait

# How long a follow-up is given to be answered (business days), per the spec.
ANSWER_WINDOW_BUSINESS_DAYS = 7
# Outbound messages that are not follow-ups (as in the rules' §4.3), and a withdrawal,
# which asks for no answer.
NOT_FOLLOW_UPS = frozenset({"thank_you", "reply", "reply_graciously", "status_update", "withdraw"})
# A call that reached a voicemail or an assistant left a trace; one nobody picked up
# did not, so it can be neither answered nor ignored.
CALLS_THAT_REACHED = frozenset({"voicemail", "assistant"})


def follow_up_kind(event: Event) -> tuple[str, str] | None:
    """(action, channel) of a follow-up attempt, or None for anything else."""
    if event.type == "sent":
        purpose = event.purpose or "other"
        if purpose in NOT_FOLLOW_UPS:
            return None
        action = "send_letter" if purpose == "letter" else purpose
        return action, event.channel or "email"
    if event.type == "called" and event.outcome in CALLS_THAT_REACHED:
        purpose = event.purpose or "other"
        if purpose in NOT_FOLLOW_UPS:
            return None
        return ("call" if purpose == "other" else purpose), "phone"
    return None


class FollowUp(NamedTuple):
    """One follow-up attempt and what came of it."""

    action: str
    channel: str
    answered: bool
    waiting: bool  # not answered, and its 7 business days are not over yet


def _wait(origin: date, answer: date | None, closed: date | None, as_of: date) -> Wait:
    """From `origin` to the first answer, else censored at the closing or at as_of."""
    if answer is not None:
        return Wait((answer - origin).days, True)
    end = closed if closed is not None else as_of
    return Wait(max(0, (end - origin).days), False)


class Story(NamedTuple):
    """What insights need to know about one application, as of a date (a NamedTuple:
    one is built per application per page view, several times cheaper than a dataclass)."""

    application: Application
    start: date | None  # the first `applied` event's day
    channel: str | None  # how they applied
    from_applied: Wait | None
    from_interview: Wait | None  # from the latest interview
    latest_interview: date | None
    answered: bool  # any first answer after the start
    interviewed: bool
    offered: bool
    accepted: bool
    closed: bool  # a `closed` event or a rejection
    ghosted: bool  # closed as moved on, the employer never said a word
    follow_ups: tuple[FollowUp, ...]

    @property
    def employer_kind(self) -> str:
        return self.application.employer_kind

    @property
    def industry(self) -> str | None:
        text = (self.application.industry or "").strip().lower()
        return text or None


class _Scan:
    """What one pass over an application's events found (see `_scan`)."""

    __slots__ = (
        "accepted",
        "answer",
        "attempts",
        "channel",
        "closed",
        "inbound_days",
        "interview",
        "interview_answer",
        "interview_closed",
        "last_closed",
        "offered",
        "rejected",
        "start",
    )

    def __init__(self) -> None:
        self.start: date | None = None  # the first `applied`
        self.channel: str | None = None
        self.answer: date | None = None  # the first inbound after the start
        self.closed: date | None = None  # the first closing after the start, before an answer
        self.interview: date | None = None  # the latest interview
        self.interview_answer: date | None = None
        self.interview_closed: date | None = None
        self.offered = self.accepted = self.rejected = False
        self.last_closed: Event | None = None
        self.inbound_days: list[date] = []
        # Each follow-up: how many inbound events came before it, its day, its kind.
        self.attempts: list[tuple[int, date, tuple[str, str]]] = []


def _closing(scan: _Scan, event: Event) -> None:
    scan.last_closed = event
    scan.accepted |= event.reason == "accepted"
    if scan.start is not None and scan.answer is None and scan.closed is None:
        scan.closed = event.day
    if scan.interview is not None and scan.interview_answer is None:
        scan.interview_closed = scan.interview_closed or event.day


def _inbound(scan: _Scan, event: Event) -> None:
    day = event.day
    scan.inbound_days.append(day)
    if scan.start is not None and scan.answer is None:
        scan.answer = day
    if scan.interview is not None and scan.interview_answer is None:
        scan.interview_answer = day
    if event.type == "heard":
        scan.offered |= event.kind == "offer"
        scan.rejected |= event.kind == "rejection"


def _scan(events: tuple[Event, ...], as_of: date) -> _Scan:
    """One pass, in time order, up to the end of `as_of` (hot: 5,000 applications and
    50,000 events take part of a page view, so a flat loop, not a method per event)."""
    scan = _Scan()
    for event in events:
        if event.day > as_of:
            break  # events are in time order: everything after is in the future too
        kind = event.type
        # An answer from the employer: anything heard, or a call in which you spoke.
        if kind == "heard" or (kind == "called" and event.outcome == "spoke"):
            _inbound(scan, event)
        elif kind == "applied":
            if scan.start is None:
                scan.start, scan.channel = event.day, event.channel
        elif kind == "interview":
            scan.interview, scan.interview_answer, scan.interview_closed = event.day, None, None
        elif kind == "closed":
            _closing(scan, event)
        elif kind == "sent" or kind == "called":
            found = follow_up_kind(event)
            if found is not None:
                scan.attempts.append((len(scan.inbound_days), event.day, found))
    return scan


def _follow_ups(scan: _Scan, as_of: date, calendar: BusinessCalendar) -> tuple[FollowUp, ...]:
    """Each attempt, answered when the next inbound comes within 7 business days."""
    inbound = scan.inbound_days
    found = []
    for seen, day, (action, channel) in scan.attempts:
        deadline = calendar.add_bd(day, ANSWER_WINDOW_BUSINESS_DAYS)
        answered = seen < len(inbound) and inbound[seen] <= deadline
        found.append(FollowUp(action, channel, answered, not answered and deadline > as_of))
    return tuple(found)


def _ghosted(closing: Event | None) -> bool:
    return closing is not None and closing.reason == "moved_on" and closing.notified is False


def read_story(app: Application, as_of: date, calendar: BusinessCalendar) -> Story:
    """The story of `app` from its events dated on or before `as_of`."""
    scan = _scan(app.events, as_of)
    start, interview = scan.start, scan.interview
    offered = scan.offered or scan.accepted
    return Story(
        application=app,
        start=start,
        channel=scan.channel,
        from_applied=None if start is None else _wait(start, scan.answer, scan.closed, as_of),
        from_interview=None
        if interview is None
        else _wait(interview, scan.interview_answer, scan.interview_closed, as_of),
        latest_interview=interview,
        answered=scan.answer is not None,
        interviewed=interview is not None,
        offered=offered,
        accepted=scan.accepted,
        closed=scan.last_closed is not None or scan.rejected,
        ghosted=_ghosted(scan.last_closed),
        follow_ups=_follow_ups(scan, as_of, calendar),
    )

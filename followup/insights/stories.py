"""One pass over an application's events: the few facts every figure is built from.

Only events on or before the end of `as_of` count (a scheduled interview is not yet
an interview, a letter dated next week not yet sent). The planner's parser already
keeps each application's events in time order, so "after" means later in that order.
"""

from __future__ import annotations

from dataclasses import dataclass
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


def is_inbound(event: Event) -> bool:
    """An answer from the employer: anything heard, or a call in which you spoke."""
    return event.type == "heard" or (event.type == "called" and event.outcome == "spoke")


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


class _Leg:
    """A wait being read: from its origin to the first answer, or to a closing."""

    __slots__ = ("answer", "closed", "origin")

    def __init__(self, origin: date) -> None:
        self.origin = origin
        self.answer: date | None = None
        self.closed: date | None = None

    def see(self, event: Event) -> None:
        if self.answer is not None:
            return
        if is_inbound(event):
            self.answer = event.day
        elif event.type == "closed" and self.closed is None:
            self.closed = event.day

    def wait(self, as_of: date) -> Wait:
        if self.answer is not None:
            return Wait((self.answer - self.origin).days, True)
        end = self.closed if self.closed is not None else as_of
        return Wait(max(0, (end - self.origin).days), False)


@dataclass(frozen=True, slots=True)
class Story:
    """What insights need to know about one application, as of a date."""

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


class _Reader:
    """The state of one pass over an application's events."""

    def __init__(self) -> None:
        self.start: date | None = None
        self.channel: str | None = None
        self.applied: _Leg | None = None
        self.interview: _Leg | None = None
        self.offered = self.accepted = self.rejected = False
        self.last_closed: Event | None = None

    def read(self, event: Event) -> None:
        for leg in (self.applied, self.interview):
            if leg is not None:
                leg.see(event)
        kind = event.type
        if kind == "applied" and self.applied is None:
            self.start, self.channel = event.day, event.channel
            self.applied = _Leg(event.day)
        elif kind == "interview":
            self.interview = _Leg(event.day)
        elif kind == "heard":
            self.offered |= event.kind == "offer"
            self.rejected |= event.kind == "rejection"
        elif kind == "closed":
            self.last_closed = event
            self.accepted |= event.reason == "accepted"


def _ghosted(closing: Event | None) -> bool:
    return closing is not None and closing.reason == "moved_on" and closing.notified is False


def _follow_ups(
    events: tuple[Event, ...], as_of: date, calendar: BusinessCalendar
) -> tuple[FollowUp, ...]:
    """Each attempt, answered when the next inbound comes within 7 business days."""
    found: list[FollowUp] = []
    next_inbound: date | None = None
    for event in reversed(events):  # backwards: the next inbound is always at hand
        if is_inbound(event):
            next_inbound = event.day
            continue
        kind = follow_up_kind(event)
        if kind is None:
            continue
        deadline = calendar.add_bd(event.day, ANSWER_WINDOW_BUSINESS_DAYS)
        answered = next_inbound is not None and next_inbound <= deadline
        found.append(FollowUp(kind[0], kind[1], answered, not answered and deadline > as_of))
    found.reverse()
    return tuple(found)


def read_story(app: Application, as_of: date, calendar: BusinessCalendar) -> Story:
    """The story of `app` from its events dated on or before `as_of`."""
    events = tuple(e for e in app.events if e.day <= as_of)
    reader = _Reader()
    for event in events:
        reader.read(event)
    applied, interview = reader.applied, reader.interview
    accepted = reader.accepted
    interviewed = interview is not None
    offered = reader.offered or accepted
    return Story(
        application=app,
        start=reader.start,
        channel=reader.channel,
        from_applied=applied.wait(as_of) if applied else None,
        from_interview=interview.wait(as_of) if interview else None,
        latest_interview=interview.origin if interview else None,
        answered=applied is not None and applied.answer is not None,
        interviewed=interviewed,
        offered=offered,
        accepted=accepted,
        closed=reader.last_closed is not None or reader.rejected,
        ghosted=_ghosted(reader.last_closed),
        follow_ups=_follow_ups(events, as_of, calendar),
    )

"""Fold an application's events into its state: where it stands, as of a date.

One pass over the events in time order. The state records only what the rules ask
about: the stage, the ladder's anchor and the attempts since it, the open
expectation, who got a voicemail, the last follow-up email, what is owed in reply,
and whether calls are ruled out.
"""

from __future__ import annotations

from datetime import date, timedelta

from .directions import read_posting
from .model import Application, Event
from .policy import Policy

# Purposes of outbound messages that are not follow-up attempts (§4.3).
NOT_ATTEMPTS = frozenset({"thank_you", "reply", "reply_graciously", "status_update", "withdraw"})
# Follow-up emails that neither obey nor count toward the one-a-week limit (§6).
NOT_LIMITED = NOT_ATTEMPTS | {"ask_insider"}
SIX_DAYS = timedelta(days=6)


class State:
    """What the rules need to know about one application, as of a date."""

    __slots__ = (
        "anchor",
        "anchor_kind",
        "applied_on",
        "applied_this_week",
        "attempts",
        "calls_ruled_out",
        "closed_on",
        "closed_reason",
        "email_first",
        "expectation",
        "had_final",
        "has_events",
        "interviews",
        "last_email",
        "no_answers",
        "offer",
        "owed_gracious",
        "owed_reply",
        "scheduled",
        "stage",
        "status_updates",
        "thank_yous",
        "voicemail_to",
        "waiting",
        "withdrawn_on",
    )

    def __init__(self) -> None:
        self.anchor: date | None = None
        self.anchor_kind = "none"  # applied | interview | inbound
        self.applied_on: date | None = None
        self.applied_this_week = False  # sent in the 7 days ending on as_of (§8)
        self.attempts: list[Event] = []
        self.calls_ruled_out = False
        self.closed_reason: str | None = None
        self.closed_on: date | None = None
        self.email_first = False
        self.expectation: Event | None = None
        self.had_final = False  # a final-round interview has happened (§8)
        self.has_events = False
        self.interviews: list[Event] = []
        self.last_email: date | None = None
        self.no_answers: list[Event] = []
        self.offer: Event | None = None
        self.owed_gracious: Event | None = None
        self.owed_reply: Event | None = None
        self.status_updates: list[date] = []
        self.thank_yous: list[Event] = []
        self.scheduled: list[Event] = []  # interviews after as_of (§4.0)
        self.voicemail_to: set[str | None] = set()
        self.waiting: str | None = None  # interview_invite | do_not_contact
        self.withdrawn_on: list[date] = []  # days a `withdraw` message went out (§7.1)
        self.stage = "saved"  # set once the events are folded (the rules ask it often)

    def stage_now(self) -> str:
        """saved, applied, interviewing, offer or closed, from what is folded so far."""
        if self.closed_reason is not None:
            return "closed"
        if self.offer is not None:
            return "offer"
        if self.interviews or self.scheduled:
            return "interviewing"
        return "applied" if self.has_events else "saved"

    @property
    def calls_allowed(self) -> bool:
        return not (self.calls_ruled_out or self.email_first)

    @property
    def last_interview(self) -> Event | None:
        return self.interviews[-1] if self.interviews else None

    def reset_ladder(self, day: date, kind: str) -> None:
        """A new anchor: the ladder starts again from its first rung."""
        self.anchor = day
        self.anchor_kind = kind
        self.attempts = []
        self.no_answers = []
        self.expectation = None
        self.waiting = None

    def add_attempt(self, event: Event) -> None:
        self.attempts.append(event)
        self.no_answers = []


def fold(app: Application, policy: Policy, as_of: date) -> State:
    """The state of `app` from its events dated on or before `as_of`.

    One loop with the event types inline: a function call per event was a third of
    the fold's time. Each branch says which section of the spec it follows.
    """
    state = State()
    _read_standing_directions(app, policy, state)
    week_start = as_of - SIX_DAYS  # the 7 days ending on as_of
    for event in app.events:
        day = event.day
        kind = event.type
        if day > as_of:
            # §2: only what has happened counts. An interview already booked still
            # matters: it puts follow-ups on hold until it has happened (§4.0).
            if kind == "interview":
                state.scheduled.append(event)
            continue
        if kind == "sent":
            _sent(state, event, app)
        elif kind == "heard":
            _heard(state, event)
        elif kind == "called":
            _called(state, event)
        elif kind == "applied":
            state.has_events = True
            if state.applied_on is None:
                state.applied_on = day
            if state.anchor is None:
                state.reset_ladder(day, "applied")
            if day >= week_start:
                state.applied_this_week = True  # §8's weekly pace
        elif kind == "interview":
            state.has_events = True
            state.interviews.append(event)
            state.reset_ladder(day, "interview")
            if event.final:
                state.had_final = True
        elif kind == "expectation":
            state.has_events = True
            if state.anchor is None:
                state.reset_ladder(day, "applied")
            state.expectation = event
        elif kind == "directions":
            state.calls_ruled_out |= event.no_calls or event.channel == "letter"
            if event.channel == "email":
                state.email_first = True
            elif event.channel == "phone":
                state.email_first = False
        elif kind == "closed":
            state.has_events = True
            state.closed_reason = event.reason
            state.closed_on = day
        else:
            raise KeyError(kind)  # the journal's validation lets no other type through
    state.stage = state.stage_now()
    return state


def _read_standing_directions(app: Application, policy: Policy, state: State) -> None:
    if app.posting_text:
        found = read_posting(app.posting_text)
        state.calls_ruled_out = found.no_calls
        state.email_first = found.email_only
    if app.industry and app.industry.strip().lower() in policy.email_first_industries:
        state.email_first = True


def _sent(state: State, event: Event, app: Application) -> None:
    state.has_events = True
    if state.anchor is None:
        state.reset_ladder(event.day, "applied")
    if state.owed_reply is not None and event.day >= state.owed_reply.day:
        state.owed_reply = None  # §5: only something written carries what they asked for
    purpose = event.purpose or "other"
    if purpose == "thank_you":
        state.thank_yous.append(event)
    elif purpose == "status_update":
        state.status_updates.append(event.day)
    elif purpose == "withdraw":
        state.withdrawn_on.append(event.day)
    if purpose in ("reply", "reply_graciously"):
        state.owed_gracious = None
    if purpose not in NOT_ATTEMPTS:
        state.add_attempt(event)
    if event.channel == "email" and purpose not in NOT_LIMITED and not _to_insider(app, event):
        state.last_email = event.day


def _called(state: State, event: Event) -> None:
    outcome = event.outcome
    if outcome == "no_answer":
        # §6: no message left, so no trace with the employer: the rules decide whether
        # it moves a pending call (and whether the third try counts as an attempt).
        state.no_answers.append(event)
        return
    _outbound(state, event)
    if event.purpose == "status_update":
        # A status update is its own errand: it does not climb the ladder.
        state.status_updates.append(event.day)
    elif outcome == "spoke":
        state.reset_ladder(event.day, "inbound")
    elif outcome == "voicemail":
        state.voicemail_to.add(event.to)
        state.add_attempt(event)
    else:
        state.add_attempt(event)  # the assistant took a message


def _outbound(state: State, event: Event) -> None:
    state.has_events = True
    if state.anchor is None:
        state.reset_ladder(event.day, "applied")


def _to_insider(app: Application, event: Event) -> bool:
    person = app.contact(event.to)
    return person is not None and person.role == "insider"


def _heard(state: State, event: Event) -> None:
    state.has_events = True
    kind = event.kind
    if kind == "rejection":
        state.owed_gracious = event
        state.closed_reason = state.closed_reason or "rejected"
    elif kind == "offer":
        state.offer = event
    elif kind == "interview_invite":
        state.reset_ladder(event.day, "inbound")
        state.waiting = "interview_invite"
    elif kind == "do_not_contact":
        state.reset_ladder(event.day, "inbound")
        state.waiting = "do_not_contact"
    elif kind == "do_not_call":
        # §5: it only rules out calls; the anchor, the attempts and their date stay.
        state.calls_ruled_out = True
    else:
        state.reset_ladder(event.day, "inbound")
        state.expectation = event if kind == "new_date" else None
        if kind == "request_info":
            state.owed_reply = event

"""Fold an application's events into its state: where it stands, as of a date.

One pass over the events in time order. The state records only what the rules ask
about: the stage, the ladder's anchor and the attempts since it, the open
expectation, who got a voicemail, the last follow-up email, what is owed in reply,
and whether calls are ruled out.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, timedelta

from .directions import read_posting
from .model import Application, Event
from .policy import Policy

# Purposes of outbound messages that are not follow-up attempts (§4.3).
NOT_ATTEMPTS = frozenset({"thank_you", "reply", "reply_graciously", "status_update", "withdraw"})
# Follow-up emails that neither obey nor count toward the one-a-week limit (§6): these,
# "ask_insider", and any email to an insider (fold checks them in that order).
SIX_DAYS = timedelta(days=6)
_NONE: tuple[()] = ()  # what an empty list of the state is: one shared empty tuple
_NO_ONE: frozenset[str | None] = frozenset()


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
        "first_interview",
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

    # Set by `fold`, each once: the ladder (anchor, its kind, the attempts since it,
    # the unanswered calls since the last attempt, the open expectation, what they
    # said to wait for), what happened, and what is owed.
    anchor: date | None
    anchor_kind: str  # none | applied | interview | inbound
    attempts: Sequence[Event]
    no_answers: Sequence[Event]
    expectation: Event | None
    waiting: str | None  # interview_invite | do_not_contact
    has_events: bool
    applied_on: date | None
    applied_this_week: bool  # sent in the 7 days ending on as_of (§8)
    interviews: Sequence[Event]
    first_interview: date | None  # the earliest interview's day (§7)
    had_final: bool  # a final-round interview has happened (§8)
    last_email: date | None
    offer: Event | None
    owed_gracious: Event | None
    owed_reply: Event | None
    closed_reason: str | None
    closed_on: date | None
    calls_ruled_out: bool
    email_first: bool
    stage: str  # the rules ask it often
    status_updates: Sequence[date]
    thank_yous: Sequence[Event]
    scheduled: Sequence[Event]  # interviews after as_of (§4.0)
    voicemail_to: Collection[str | None]  # whom a voicemail was left with
    withdrawn_on: Sequence[date]  # days a `withdraw` message went out (§7.1)

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


def fold(app: Application, policy: Policy, as_of: date) -> State:
    """The state of `app` from its events dated on or before `as_of`.

    One loop with the event types inline and what changes per event held in local
    variables, written to the state once at the end: a function call or an attribute
    write per event was most of the fold's time. Each branch says which section of
    the spec it follows.
    """
    state = State()
    calls_ruled_out = email_first = False
    if app.posting_text or app.industry:
        calls_ruled_out, email_first = _standing_directions(app, policy)
    week_start = as_of - SIX_DAYS  # the 7 days ending on as_of
    # The ladder (reset by each new anchor): its anchor, the attempts since, the
    # unanswered calls since the last attempt, the open expectation, what they asked.
    anchor: date | None = None
    anchor_kind = "none"
    # Lists are made on their first entry (None until then): most applications never
    # fill most of them, and a plan made and dropped an empty list for each.
    attempts: list[Event] | None = None
    no_answers: list[Event] | None = None
    expectation: Event | None = None
    waiting: str | None = None
    has_events = applied_this_week = had_final = False
    applied_on = closed_on = last_email = None
    closed_reason = None
    offer = owed_gracious = owed_reply = None
    interviews: list[Event] | None = None
    first_interview = as_of  # set with the first interview
    status_updates: list[date] | None = None
    thank_yous: list[Event] | None = None
    scheduled: list[Event] | None = None
    voicemail_to: set[str | None] | None = None
    withdrawn_on: list[date] | None = None
    insiders: frozenset[str | None] | None = None  # looked up on the first email sent
    for event in app.events:
        day = event.day
        kind = event.type
        if day > as_of:
            # §2: only what has happened counts. An interview already booked still
            # matters: it puts follow-ups on hold until it has happened (§4.0).
            if kind == "interview":
                if scheduled is None:
                    scheduled = [event]
                else:
                    scheduled.append(event)
            continue
        if kind == "sent":
            has_events = True
            if anchor is None:
                anchor, anchor_kind, attempts, no_answers = day, "applied", None, None
                expectation = waiting = None
            if owed_reply is not None and day >= owed_reply.day:
                owed_reply = None  # §5: only something written carries what they asked for
            purpose = event.purpose or "other"
            if purpose in NOT_ATTEMPTS:
                if purpose == "thank_you":
                    if thank_yous is None:
                        thank_yous = [event]
                    else:
                        thank_yous.append(event)
                elif purpose == "status_update":
                    if status_updates is None:
                        status_updates = [day]
                    else:
                        status_updates.append(day)
                elif purpose == "withdraw":
                    if withdrawn_on is None:
                        withdrawn_on = [day]
                    else:
                        withdrawn_on.append(day)
                else:  # reply, reply_graciously
                    owed_gracious = None
                continue  # none of these is limited to one a week (§6)
            if attempts is None:
                attempts = [event]
            else:
                attempts.append(event)
            no_answers = None
            if event.channel == "email" and purpose != "ask_insider":
                if insiders is None:
                    insiders = app.insiders()
                if event.to not in insiders:  # §6: an insider is no employer
                    last_email = day
        elif kind == "heard":
            has_events = True
            heard = event.kind
            if heard == "rejection":
                owed_gracious = event
                closed_reason = closed_reason or "rejected"
            elif heard == "offer":
                offer = event
            elif heard == "do_not_call":
                # §5: it only rules out calls; the anchor, the attempts and their date stay.
                calls_ruled_out = True
            else:
                anchor, anchor_kind, attempts, no_answers = day, "inbound", None, None
                expectation = waiting = None
                if heard == "interview_invite" or heard == "do_not_contact":
                    waiting = heard
                elif heard == "new_date":
                    expectation = event
                elif heard == "request_info":
                    owed_reply = event
        elif kind == "called":
            outcome = event.outcome
            if outcome == "no_answer":
                # §6: no message left, so no trace with the employer: the rules decide
                # whether it moves a pending call (and whether the third try counts).
                if no_answers is None:
                    no_answers = [event]
                else:
                    no_answers.append(event)
                continue
            has_events = True
            if anchor is None:
                anchor, anchor_kind, attempts, no_answers = day, "applied", None, None
                expectation = waiting = None
            if event.purpose == "status_update":
                # A status update is its own errand: it does not climb the ladder.
                if status_updates is None:
                    status_updates = [day]
                else:
                    status_updates.append(day)
            elif outcome == "spoke":
                anchor, anchor_kind, attempts, no_answers = day, "inbound", None, None
                expectation = waiting = None
            else:  # a voicemail, or the assistant took a message
                if outcome == "voicemail":
                    if voicemail_to is None:
                        voicemail_to = {event.to}
                    else:
                        voicemail_to.add(event.to)
                if attempts is None:
                    attempts = [event]
                else:
                    attempts.append(event)
                no_answers = None
        elif kind == "interview":
            has_events = True
            if interviews is None:
                interviews = [event]
                first_interview = day
            else:
                interviews.append(event)
                if day < first_interview:
                    first_interview = day
            anchor, anchor_kind, attempts, no_answers = day, "interview", None, None
            expectation = waiting = None
            if event.final:
                had_final = True
        elif kind == "applied":
            has_events = True
            if applied_on is None:
                applied_on = day
            if anchor is None:
                anchor, anchor_kind, attempts, no_answers = day, "applied", None, None
                expectation = waiting = None
            if day >= week_start:
                applied_this_week = True  # §8's weekly pace
        elif kind == "expectation":
            has_events = True
            if anchor is None:
                anchor, anchor_kind, attempts, no_answers = day, "applied", None, None
                waiting = None
            expectation = event
        elif kind == "directions":
            calls_ruled_out |= event.no_calls or event.channel == "letter"
            if event.channel == "email":
                email_first = True
            elif event.channel == "phone":
                email_first = False
        elif kind == "closed":
            has_events = True
            closed_reason = event.reason
            closed_on = day
        else:
            raise KeyError(kind)  # the journal's validation lets no other type through
    state.anchor, state.anchor_kind, state.attempts = anchor, anchor_kind, attempts or _NONE
    state.no_answers, state.expectation, state.waiting = no_answers or _NONE, expectation, waiting
    state.has_events, state.applied_on, state.applied_this_week = (
        has_events,
        applied_on,
        applied_this_week,
    )
    state.interviews, state.had_final, state.last_email = interviews or _NONE, had_final, last_email
    state.first_interview = first_interview if interviews else None
    state.status_updates, state.thank_yous = status_updates or _NONE, thank_yous or _NONE
    state.scheduled, state.withdrawn_on = scheduled or _NONE, withdrawn_on or _NONE
    state.voicemail_to = voicemail_to or _NO_ONE
    state.offer, state.owed_gracious, state.owed_reply = offer, owed_gracious, owed_reply
    state.closed_reason, state.closed_on = closed_reason, closed_on
    state.calls_ruled_out, state.email_first = calls_ruled_out, email_first
    state.stage = state.stage_now()
    return state


def _standing_directions(app: Application, policy: Policy) -> tuple[bool, bool]:
    """Calls ruled out, email first: what the posting and the industry say (§3, §6)."""
    calls_ruled_out = email_first = False
    if app.posting_text:
        found = read_posting(app.posting_text)
        calls_ruled_out, email_first = found.no_calls, found.email_only
    if app.industry and app.industry.strip().lower() in policy.email_first_industries:
        email_first = True
    return calls_ruled_out, email_first

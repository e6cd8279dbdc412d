"""The follow-up rules (spec §3 to §7): from an application's state to its pending steps.

Each rule lives in one function named after it. The ladder (§3, §4.2, §4.3) is a list
of rungs; every follow-up attempt since the anchor completes one rung, and the rest is
projected forward, each rung timed from the one before it. A projected rung is timed
from the previous rung's due date, or from `as_of` when that rung is already overdue:
an overdue step will be done today at the earliest, never yesterday.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from .calendar import BusinessCalendar
from .model import EMAIL, LETTER, PHONE, Application, Event, Step
from .policy import Policy
from .state import State

# What the rules work out once per plan: per calendar, the status update an offer asks
# for (the offer, its due day, due-by day and reason).
Memo = dict[BusinessCalendar, tuple[Event, date, date, str]]
LIMITED_ACTIONS = frozenset({"confirm_receipt", "check_in", "escalate"})
ONE_DAY = timedelta(days=1)


class Rules:
    """The rules applied to one application, as of a date."""

    __slots__ = (
        "_first",
        "app",
        "as_of",
        "attempts",
        "cal",
        "people",
        "policy",
        "roles",
        "shared",
        "state",
    )

    def __init__(
        self,
        app: Application,
        state: State,
        policy: Policy,
        cal: BusinessCalendar,
        as_of: date,
        shared: Memo | None = None,
    ) -> None:
        self.app = app
        self.state = state
        self.policy = policy
        self.cal = cal
        self.as_of = as_of
        # The follow-up attempts since the anchor, with any series of unanswered calls
        # that counted as one (§6): the ladder adds those as it climbs (into a new
        # list: the state's own is never changed).
        self.attempts: Sequence[Event] = state.attempts
        self._first: Step | None = None  # the first follow-up as the rules time it
        self.roles = app.by_role()  # the first contact of each role
        self.people = app.people()  # the contacts by id
        # What every application of one plan would work out the same way (the status
        # update an offer asks for, per calendar): kept by the plan, not across plans.
        self.shared: Memo = {} if shared is None else shared

    # People -------------------------------------------------------------------

    def name(self, contact_id: str | None) -> str:
        """A person as the middle of a sentence names them: "Pat Lee", else "them"."""
        person = self.people.get(contact_id)
        return (person.name or person.id) if person else "them"

    def who(self, contact_id: str | None) -> str:
        """A person opening a sentence: "Pat Lee", else "They" (never "them said")."""
        person = self.people.get(contact_id)
        return (person.name or person.id) if person else "They"

    def interviewer(self) -> str | None:
        last = self.state.last_interview
        if last is not None and last.interviewers:
            return last.interviewers[0]
        person = self.roles.get("interviewer")
        return person.id if person else None

    def recruiter(self) -> str | None:
        person = self.roles.get("recruiter") or self.roles.get("hr")
        return person.id if person else None

    def hiring_manager(self) -> str | None:
        person = self.roles.get("hiring_manager")
        return person.id if person else None

    def check_in_to(self) -> str | None:
        """§4.2: recruiter or HR first, else the hiring manager, else the interviewer."""
        return self.recruiter() or self.hiring_manager() or self.interviewer()

    def call_to(self) -> str | None:
        return self.hiring_manager() or self.interviewer() or self.recruiter()

    # Steps --------------------------------------------------------------------

    def phone_step(
        self,
        action: str,
        to: str | None,
        due: date,
        why: str,
        sources: tuple[str, ...],
        window: str | None = None,
        projected: bool = False,
    ) -> Step:
        """A call, turned into a letter or an email where calls are ruled out (§6).

        `why` is the situation ("Nobody has answered yet."); the advice that follows
        it depends on the channel the step ends up with.
        """
        state, name, due_by = self.state, self.name(to), self.cal.add_bd(due, 2)
        if state.email_first:
            reason = f"{why} This employer prefers email, so write to {name} once more instead of calling."
            sources = _merge(sources, "forbes")
            return Step("check_in", EMAIL, to, due, due_by, reason, sources, None, None, projected)
        if state.calls_ruled_out:
            reason = f"{why} They asked not to be called, so send {name} a short letter instead."
            sources = _merge(sources, "phone-call")
            return Step(
                "send_letter", LETTER, to, due, due_by, reason, sources, None, None, projected
            )
        reason = f"{why} Call {name}: prepare what you'll say, and leave one voicemail at most."
        leave = to not in state.voicemail_to
        return Step(
            action,
            PHONE,
            to,
            due,
            due_by,
            reason,
            sources,
            window or self.policy.call_window,
            leave,
            projected,
        )

    # One-off steps -------------------------------------------------------------

    def thank_you_notes(self) -> list[Step]:
        """§4.1: a note to each interviewer, due the day of the interview, by the next day."""
        steps: list[Step] = []
        within = timedelta(days=self.policy.thank_you_days)
        for interview in self.state.interviews:
            if self.as_of - within > interview.day:  # more than `within` days ago
                continue
            for who in interview.interviewers or (None,):
                if not self._thanked(interview, who):
                    steps.append(self._thank_you(interview, who))
        return steps

    def _thanked(self, interview: Event, who: str | None) -> bool:
        return any(
            sent.day >= interview.day and (who is None or sent.to is None or sent.to == who)
            for sent in self.state.thank_yous
        )

    def _thank_you(self, interview: Event, who: str | None) -> Step:
        whom = self.name(who) if who else "the people who interviewed you"
        reason = (
            f"You interviewed on {_day(interview.day)}. Thank {whom} within a day, restating why "
            "you fit the role, while the conversation is fresh."
        )
        sources = ("nm-dws", "forbes") if self.app.first_six_months else ("nm-dws",)
        return Step(
            "send_thank_you", EMAIL, who, interview.day, interview.day + ONE_DAY, reason, sources
        )

    def owed_reply(self) -> list[Step]:
        """§5: a request for information is answered within a business day."""
        asked = self.state.owed_reply
        if asked is None or self.state.closed_reason is not None:
            return []
        reason = f"They asked for more information on {_day(asked.day)}. Answer promptly."
        due = self.cal.next_bd(asked.day)
        due_by = max(due, self.cal.add_bd(asked.day, self.policy.reply_due_by))
        return [Step("reply", EMAIL, asked.sender, due, due_by, reason, ("nm-dws",))]

    def gracious_reply(self) -> list[Step]:
        """§5: answer a rejection kindly and ask to be kept in mind."""
        rejection = self.state.owed_gracious
        if rejection is None or self.as_of > rejection.day + timedelta(
            days=self.policy.gracious_reply_days
        ):
            return []
        reason = (
            f"They said no on {_day(rejection.day)}. A short, warm reply that asks them to keep "
            "you in mind for future openings leaves the door open."
        )
        due = self.cal.next_bd(rejection.day)
        due_by = max(due, self.cal.add_bd(rejection.day, self.policy.gracious_reply_due_by))
        return [
            Step(
                "reply_graciously",
                EMAIL,
                rejection.sender,
                due,
                due_by,
                reason,
                ("nm-dws", "crowe"),
            )
        ]

    def status_update(self, offer: Event | None, offer_app: Application | None) -> Step | None:
        """§7: with an offer elsewhere, tell the employers you interviewed with."""
        state = self.state
        if (
            offer is None
            or state.stage != "interviewing"
            or offer_app is self.app
            or state.first_interview is None  # an interview is on or before the offer's day
            or state.first_interview > offer.day
        ):
            return None
        if state.status_updates and max(state.status_updates) >= offer.day:
            return None  # they have been told since the offer
        timed = self.shared.get(self.cal)
        if timed is None or timed[0] is not offer:
            timed = self.shared[self.cal] = (offer, *self._status_update_timing(offer, offer_app))
        _, due, due_by, reason = timed
        to = self.hiring_manager() or self.interviewer() or self.recruiter()
        if state.calls_allowed:
            leave = to not in state.voicemail_to
            step = _new(
                Step,
                (
                    "status_update",
                    PHONE,
                    to,
                    due,
                    due_by,
                    reason,
                    ("forbes",),
                    self.policy.call_window,
                    leave,
                    False,
                ),
            )
            tries = [t for t in state.no_answers if t.day >= offer.day]
            return self._retried(step, tries) if tries else step
        return _new(
            Step,
            ("status_update", EMAIL, to, due, due_by, reason, ("forbes",), None, None, False),
        )

    def _status_update_timing(
        self, offer: Event, offer_app: Application | None
    ) -> tuple[date, date, str]:
        """When a status update about `offer` is due and by when, and why: the same for
        every application planned with this calendar."""
        due = self.cal.next_bd(offer.day)
        due_by = self.cal.add_bd(offer.day, self.policy.status_update_due_by)
        if offer.deadline is not None:
            due_by = max(due, min(due_by, self.cal.prev_bd(offer.deadline)))
        deadline = f" (it is open until {_day(offer.deadline)})" if offer.deadline else ""
        reason = (
            f"You have an offer from {offer_app.company if offer_app else 'another employer'}{deadline}. "
            "Let them know where things stand: information, not pressure."
        )
        return due, due_by, reason

    # The ladder ----------------------------------------------------------------

    def ladder(self, after: Step | None) -> list[Step]:
        """The next rung and the projected rest; `after` is a pending status update."""
        state = self.state
        if state.stage not in ("applied", "interviewing") or state.anchor is None:
            return []
        if state.scheduled or state.waiting == "interview_invite":
            return []  # §4.0: the interview is the next contact
        if state.waiting == "do_not_contact":
            return [self._wait_for_them(state.anchor)]
        # §6: unanswered calls belong to the pending phone call: a status update by
        # phone, else the ladder's next rung where that is a call.
        tries = () if after is not None and after.channel == PHONE else state.no_answers
        limit = self.policy.no_answer_tries
        while True:
            rungs = self._interview_rungs() if state.interviews else self._application_rungs()
            steps = self._climb(rungs, after)
            if not tries or steps[0].channel != PHONE:
                return steps  # an unanswered call before a written step left no trace
            if len(tries) < limit:
                return self._climb(rungs, after, tries)
            # The last try of a series counts as the rung's attempt; the ladder goes on.
            self.attempts = [*self.attempts, tries[limit - 1]]
            tries = tries[limit:]

    def _climb(
        self, rungs: list[Rung], after: Step | None, tries: Sequence[Event] = ()
    ) -> list[Step]:
        done = min(len(self.attempts), len(rungs) - 1)
        base = self._last_contact()
        steps: list[Step] = []
        last_email = self.state.last_email
        if after is not None:
            # §7: the ladder waits for the status update, timed from its due date.
            base = max(base, after.due) if base else after.due
        as_of = self.as_of
        insiders = self.app.insiders()
        for rung in rungs[done:]:
            if rung.action == "first":
                step = self._first_rung(base)
            else:
                # Every rung after the next one is projected (built so, not copied so).
                step = self._rung(rung, base, bool(steps))
            if tries and not steps:
                step = self._retried(step, tries)
            # §6: one follow-up email a week to the employer (an insider is no employer).
            if step.channel == EMAIL and step.action in LIMITED_ACTIONS and step.to not in insiders:
                if last_email is not None:
                    step = self._space_emails(step, last_email)
                last_email = step.due
            steps.append(step)
            due = step.due
            base = due if due > as_of else as_of
        return steps

    def _last_contact(self) -> date | None:
        """The date the next rung is timed from: the last attempt or status update."""
        state = self.state
        last = self.attempts[-1].day if self.attempts else None
        anchor = state.anchor
        if anchor:
            for day in state.status_updates:
                if day >= anchor and (last is None or day > last):
                    last = day
        return last

    def _retried(self, step: Step, tries: Sequence[Event]) -> Step:
        """§6: a call that went unanswered is tried again the next business day at the
        earliest, and never before the call's own date."""
        last = tries[-1]
        due = max(step.due, self.cal.add_bd(last.day, 1))
        why = (
            f" Your call on {_day(last.day)} went unanswered ({len(tries)} of "
            f"{self.policy.no_answer_tries} tries): try again; a live conversation beats a voicemail."
        )
        due_by = max(step.due_by, self.cal.add_bd(due, 2)) if due > step.due else step.due_by
        action, channel, to, _, _, reason, sources, window, leave, projected = step
        sources = _merge(sources, "nm-dws")
        return _new(
            Step,
            (action, channel, to, due, due_by, reason + why, sources, window, leave, projected),
        )

    def _rung(self, rung: Rung, base: date | None, projected: bool) -> Step:
        action, to, delay, reason, sources, calendar_days = rung
        start = base or self.state.anchor or self.as_of
        cal = self.cal
        if calendar_days:
            due = cal.next_bd(date.fromordinal(start.toordinal() + delay))
        else:
            due = cal.add_bd(start, delay)
        if action == "call" or action == "confirm_receipt":
            return self.phone_step(action, to, due, reason, sources, None, projected)
        channel = None if action == "move_on" else EMAIL
        due_by = cal.add_bd(due, 2)
        return _new(
            Step, (action, channel, to, due, due_by, reason, sources, None, None, projected)
        )

    def _space_emails(self, step: Step, last_email: date) -> Step:
        """§6: a follow-up email to the employer waits a week after the last one."""
        earliest = self.cal.next_bd(last_email + timedelta(days=self.policy.email_min_gap_days))
        if step.due >= earliest:
            return step
        reason = step.reason + f" Held until {_day(earliest)}: one follow-up email a week at most."
        action, channel, to, _, _, _, sources, window, leave, projected = step
        due_by = self.cal.add_bd(earliest, 2)
        sources = _merge(sources, "forbes")
        return _new(
            Step, (action, channel, to, earliest, due_by, reason, sources, window, leave, projected)
        )

    def _wait_for_them(self, since: date) -> Step:
        reason = (
            f"On {_day(since)} they said they would contact you if interested. Don't reach out; "
            "if nothing comes, let this one go and put your energy elsewhere."
        )
        due = self.cal.add_bd(since, self.policy.do_not_contact_move_on)
        return Step("move_on", None, None, due, self.cal.add_bd(due, 2), reason, ("crowe",))

    # Rungs -----------------------------------------------------------------------

    def _application_rungs(self) -> list[Rung]:
        """§3: before any interview: confirm receipt, check in, move on."""
        policy = self.policy
        # §3: the check-in goes to whoever received the previous attempt.
        previous = self.attempts[-1].to if self.attempts else None
        to = previous or self._first_rung(None).to
        check_in = "Your last message got no answer. A short, friendly email keeps your application in view."
        move_on = "Two weeks of silence after your follow-ups: stop chasing this one and keep applying elsewhere."
        return [
            Rung("first", to, 0, "", ()),
            Rung("check_in", to, policy.pre_interview_check_in_days, check_in, (), True),
            Rung("move_on", None, policy.pre_interview_move_on_days, move_on, ("quast",), True),
        ]

    def _interview_rungs(self) -> list[Rung]:
        """§4.3: insider, escalation, call, move on: rungs whose condition fails are skipped."""
        policy = self.policy
        rungs = [Rung("first", None, 0, "", ())]
        insider = self.roles.get("insider")
        if insider is not None:
            reason = f"Your check-in got no answer. Ask {insider.name or insider.id}, who works there, whether they can learn where things stand."
            rungs.append(
                Rung(
                    "ask_insider", insider.id, policy.ask_insider_delay, reason, ("quast", "crowe")
                )
            )
        first_to = self._first_to()
        manager = self.hiring_manager()
        first_person = self.people.get(first_to)
        if manager and first_person is not None and first_person.role in ("recruiter", "hr"):
            reason = f"{self.who(first_to)} hasn't answered. Write directly to {self.name(manager)}, the hiring manager."
            rungs.append(Rung("escalate", manager, policy.escalate_delay, reason, ("quast",)))
        why = "Nobody has answered your follow-ups yet."
        rungs.append(
            Rung("call", self.call_to(), policy.call_delay, why, ("quast", "phone-call", "nm-dws"))
        )
        government = self.app.employer_kind == "government"
        delay = policy.move_on_delay_government if government else policy.move_on_delay
        reason = "Nobody has answered your emails or call. Stop following up, close it, and note whether they ever told you."
        rungs.append(Rung("move_on", None, delay, reason, ("quast",)))
        return rungs

    def _first_to(self) -> str | None:
        """Whom the first follow-up went to (§4.3: judged on what happened), or, before it
        is made, whom it is planned for: later rungs follow from it."""
        if self.attempts:
            return self.attempts[0].to
        return self._first_rung(None).to

    def _first_rung(self, after: date | None) -> Step:
        """§3 / §4.2: the first follow-up, timed by the rules from the anchor, and
        no sooner than `call_delay` business days after `after` where given."""
        step = self._first
        if step is None:
            # Worked out once: the rungs ask whom it goes to, and the climb for it.
            step = self._first = self._first_by_the_rules()
        if after is not None:
            due = self.cal.add_bd(after, self.policy.call_delay)
            if step.due < due:
                action, channel, to, _, due_by, reason, sources, window, leave, projected = step
                due_by = max(due_by, self.cal.add_bd(due, 2))
                step = _new(
                    Step,
                    (action, channel, to, due, due_by, reason, sources, window, leave, projected),
                )
        return step

    def _first_by_the_rules(self) -> Step:
        state = self.state
        if state.expectation is not None:
            return self._expected(state.expectation)
        if state.anchor_kind == "applied":
            return self._confirm_receipt()
        return self._no_date_given()

    def _expected(self, expected: Event) -> Step:
        """§4.2 rules 1 and 2: a promised call, or a decision date."""
        assert expected.by is not None
        by = expected.by
        if expected.via == "phone" and self.state.calls_allowed:
            to = expected.sender or self.call_to()
            why = (
                f"{self.who(to)} said they would call by {_day(by)} and didn't. Call first thing "
                "the next business day: promised calls slip all the time, and calling shows you're keen."
            )
            due = self.cal.add_bd(by, self.policy.promised_call_delay)
            step = self.phone_step(
                "call", to, due, why, ("forbes",), self.policy.promised_call_window
            )
            action, channel, to, due, due_by, _, sources, window, leave, projected = step
            return _new(
                Step, (action, channel, to, due, due_by, why, sources, window, leave, projected)
            )
        first, last = self.policy.decision_check_in
        reason = (
            f"They expected to decide or be in touch by {_day(by)}. When a couple of business days "
            "pass with no word, a short check-in email is the right move."
        )
        due, due_by = self.cal.add_bd(by, first), self.cal.add_bd(by, last)
        to = self.check_in_to()
        return _new(
            Step, ("check_in", EMAIL, to, due, due_by, reason, ("quast",), None, None, False)
        )

    def _confirm_receipt(self) -> Step:
        """§3: a week or two after applying, confirm they have your materials."""
        state, policy = self.state, self.policy
        assert state.anchor is not None
        government = self.app.employer_kind == "government"
        first, last = (
            policy.confirm_receipt_window_government
            if government
            else policy.confirm_receipt_window
        )
        due, due_by = self.cal.window(state.anchor, first, last)
        to = self.recruiter() or self.hiring_manager()
        reason = (
            f"You applied on {_day(state.anchor)}. After a week or two, confirm your materials "
            "arrived and ask whether interviews have been scheduled."
        )
        if state.calls_allowed:
            leave = to not in state.voicemail_to
            sources = ("nm-dws", "crowe")
            window = policy.call_window
            return _new(
                Step,
                ("confirm_receipt", PHONE, to, due, due_by, reason, sources, window, leave, False),
            )
        reason += " They prefer not to be called, so do it by email."
        sources = ("nm-dws", "phone-call")
        return _new(
            Step, ("confirm_receipt", EMAIL, to, due, due_by, reason, sources, None, None, False)
        )

    def _no_date_given(self) -> Step:
        """§4.2 rule 3 (and §5): no date given: wait the employer kind's usual time."""
        state = self.state
        assert state.anchor is not None
        kind = self.app.employer_kind
        first, last = self.policy.first_follow_up_window(kind)
        due, due_by = self.cal.window(state.anchor, first, last)
        since = "your interview" if state.anchor_kind == "interview" else "their last message"
        reason = (
            f"No date was given. {_KIND_NAMES.get(kind, 'Employers')} usually need {first} to {last} days; "
            f"check in by email once that time has passed since {since} ({_day(state.anchor)})."
        )
        sources = ("nm-dws",) if kind == "staffing_agency" else ("crowe", "quast")
        to = self.check_in_to()
        return _new(Step, ("check_in", EMAIL, to, due, due_by, reason, sources, None, None, False))


class Rung(NamedTuple):
    """One rung of a ladder: what to do and how long after the previous attempt."""

    action: str  # "first" for the rule-timed first follow-up
    to: str | None
    delay: int  # business days after the previous attempt (calendar days if calendar_days)
    reason: str
    sources: tuple[str, ...]
    calendar_days: bool = False


_new = tuple.__new__  # a NamedTuple from all its fields at once, without its __new__'s frame


def _merge(sources: tuple[str, ...], extra: str) -> tuple[str, ...]:
    return sources if extra in sources else (*sources, extra)


_KIND_NAMES = {
    "corporate": "Large companies",
    "small_business": "Small businesses",
    "startup": "Startups",
    "nonprofit": "Nonprofits",
    "staffing_agency": "Staffing agencies",
    "government": "Government employers",
}


def _day(d: date) -> str:
    """A date the way people say it: 'Fri 6 Mar' (each day written once: reasons quote
    the same few hundred days over and over)."""
    said = _SAID.get(d)
    if said is None:
        said = f"{_WEEKDAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]}"
        if len(_SAID) < 10_000:
            _SAID[d] = said
    return said


_SAID: dict[date, str] = {}


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

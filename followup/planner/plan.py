"""The public API: ``plan(journal, as_of) -> Plan``, and the plan as documented JSON.

Planning is pure: the same journal, `as_of` and policy always give the same plan.
Drafts are not part of planning; ``plan_to_dict`` renders them only for the steps
that show them (each application's next step and the agenda).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from .calendar import get_calendar
from .model import AllBut, Application, Draft, DraftContext, Event, Journal, Profile, Step
from .occasions import decide_offer, prepare_interview, withdraw
from .policy import Policy, policy_from
from .rules import Memo, Rules
from .speed import collector_paused
from .state import State, fold

PLAN_FORMAT = "followup-plan/1"


class ApplicationPlan(NamedTuple):
    """One application's stage and pending steps (steps[0] is the next thing to do)."""

    application: Application
    stage: str
    steps: tuple[Step, ...]
    context: DraftContext


class Nudge(NamedTuple):
    kind: str  # keep_searching | weekly_goal
    reason: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """Every application's steps, the agenda of what is due, and the nudges."""

    as_of: date
    profile: Profile
    applications: tuple[ApplicationPlan, ...]
    agenda: tuple[tuple[ApplicationPlan, Step], ...]
    nudges: tuple[Nudge, ...]


def plan(journal: Journal, as_of: date, policy: Policy | None = None) -> Plan:
    """Plan every application of `journal` as of the date `as_of`."""
    with collector_paused():
        return _plan(journal, as_of, policy)


def _plan(journal: Journal, as_of: date, policy: Policy | None) -> Plan:
    if policy is None:
        policy = policy_from(journal.policy_overrides)[0]
    states = [(app, fold(app, policy, as_of)) for app in journal.applications]
    search = _Search(states, policy, as_of)
    plans = tuple(_plan_one(app, state, policy, as_of, search) for app, state in states)
    agenda = [(p, s) for p in plans for s in p.steps if s.due <= as_of]
    agenda.sort(key=lambda item: (item[1].due, item[1].due_by))
    nudges = () if search.accepted else _nudges(states, policy)
    return Plan(as_of, journal.profile, plans, tuple(agenda), nudges)


class _Search:
    """What one application's plan needs to know of the others: the offer that stands
    (§7), the offer accepted (§7.1) and which applications are still open."""

    def __init__(
        self, states: list[tuple[Application, State]], policy: Policy, as_of: date
    ) -> None:
        self.offer, self.offer_app = _competing_offer(states, policy, as_of)
        self.shared: Memo = {}  # the rules' memo for this plan
        self.accepted = _accepted(states)
        open_apps = [app for app, s in states if s.stage in OPEN_STAGES]
        self.open_companies = tuple(app.company for app in open_apps)
        # Where each open application sits, so that its list of the others leaves
        # it out without copying: a copy per offer made planning quadratic.
        self.open_index = {id(app): i for i, app in enumerate(open_apps)}

    def others_open(self, app: Application) -> AllBut:
        return AllBut(self.open_companies, self.open_index.get(id(app)))


def _accepted(states: list[tuple[Application, State]]) -> tuple[date, Application] | None:
    """The latest offer accepted (a `closed` event with reason `accepted`), if any."""
    days = [
        (s.closed_on, app) for app, s in states if s.closed_reason == "accepted" and s.closed_on
    ]
    return max(days, key=lambda pair: pair[0]) if days else None


def _plan_one(
    app: Application, state: State, policy: Policy, as_of: date, search: _Search
) -> ApplicationPlan:
    cal = get_calendar(app.country, app.subdivision, policy.year_end_slowdown)
    rules = Rules(app, state, policy, cal, as_of, search.shared)
    context = _draft_context(state, search, app)
    if state.stage == "closed":
        steps = rules.gracious_reply()
    elif search.accepted is not None:
        if state.stage not in OPEN_STAGES:  # only saved: in no process, nobody to tell
            return ApplicationPlan(app, state.stage, (), context)
        accepted_on, accepted_app = search.accepted
        step = withdraw(rules, accepted_on, accepted_app.company)
        steps = [step] if step else []
        context = context._replace(accepted_company=accepted_app.company)
    elif state.stage == "offer":
        steps = [decide_offer(rules, search.others_open(app))]
    else:
        steps = _open_steps(rules, search)
    return ApplicationPlan(app, state.stage, tuple(steps), context)


def _open_steps(rules: Rules, search: _Search) -> list[Step]:
    status = rules.status_update(search.offer, search.offer_app)
    prepare = prepare_interview(rules)
    steps = rules.thank_you_notes()
    if rules.state.owed_reply is not None:
        steps += rules.owed_reply()
    if prepare:
        steps.append(prepare)
    if status:
        steps.append(status)
    steps += rules.ladder(status)
    if len(steps) > 1:
        steps.sort(key=_by_due)  # stable: the ladder's own order is kept
    return steps


def _by_due(step: Step) -> date:
    return step.due


def _competing_offer(
    states: list[tuple[Application, State]], policy: Policy, as_of: date
) -> tuple[Event | None, Application | None]:
    """§7: the latest offer that stands: its application still open (not accepted,
    declined or lost), and its deadline (else `status_update_days`) not passed."""
    best: tuple[Event | None, Application | None] = (None, None)
    for app, state in states:
        offer = state.offer
        if offer is None or state.closed_reason is not None:
            continue
        live_until = offer.deadline or date.fromordinal(
            offer.day.toordinal() + policy.status_update_days
        )
        if as_of <= live_until and (best[0] is None or offer.at > best[0].at):
            best = (offer, app)
    return best


def _draft_context(state: State, search: _Search, app: Application) -> DraftContext:
    expected = state.expectation.by if state.expectation is not None else None
    inbound = state.owed_reply or state.owed_gracious
    other = search.offer if search.offer_app is not app else None
    return _new(  # every field at once: keywords cost twice as much, once per application
        DraftContext,
        (
            state.interviews[-1] if state.interviews else None,  # the last interview
            expected,
            inbound,
            other.deadline if other else None,  # offer_deadline
            search.offer_app.company if other and search.offer_app else None,  # offer_company
            bool(state.voicemail_to),  # voicemail_left
            state.scheduled[0] if state.scheduled else None,  # scheduled
            state.offer,
            search.others_open(app) if state.offer else (),  # still_open
            None,  # accepted_company
        ),
    )


_new = tuple.__new__


def _nudges(states: list[tuple[Application, State]], policy: Policy) -> tuple[Nudge, ...]:
    open_states = [s for _, s in states if s.stage in OPEN_STAGES]
    finals = sum(1 for s in open_states if s.had_final)
    sent = sum(1 for _, s in states if s.applied_this_week)  # counted by the fold
    return nudges(len(open_states), finals, sent, policy)


OPEN_STAGES = ("applied", "interviewing", "offer")


def nudges(open_count: int, finals: int, sent_this_week: int, policy: Policy) -> tuple[Nudge, ...]:
    """§8: keep searching while waiting; keep up a weekly pace of applications.

    Takes counts, not a journal, so that a database can answer them with queries.
    """
    found: list[Nudge] = []
    if finals or open_count < policy.keep_searching_below_open:
        if finals:
            why = f"{finals} of your open applications reached a final interview: "
        elif open_count == 0:
            why = "No application is open: "
        else:
            why = f"Only {open_count} application{'s are' if open_count != 1 else ' is'} open: "
        why += "keep applying elsewhere until an offer is signed; momentum is your best leverage."
        found.append(Nudge("keep_searching", why, ("forbes",)))
    if sent_this_week < policy.weekly_goal:
        plural = "s" if sent_this_week != 1 else ""
        sent = f"{sent_this_week} application{plural}" if sent_this_week else "no application"
        why = f"You sent {sent} in the last 7 days; aim for {policy.weekly_goal}."
        found.append(Nudge("weekly_goal", why, ("forbes",)))
    return tuple(found)


# Output ------------------------------------------------------------------------


def step_to_dict(step: Step, draft: dict[str, Any] | None) -> dict[str, Any]:
    """A step in the documented plan format."""
    due, due_by = step.due, step.due_by
    return {
        "action": step.action,
        "channel": step.channel,
        "to": step.to,
        "due": _ISO.get(due) or _iso(due),
        "due_by": _ISO.get(due_by) or _iso(due_by),
        "window": step.window,
        "leave_message": step.leave_message,
        "reason": step.reason,
        "sources": list(step.sources),
        "draft": draft,
    }


# Steps fall on a few hundred days: each day's text is written once (bounded).
_ISO: dict[date, str] = {}


def _iso(day: date) -> str:
    text = day.isoformat()
    if len(_ISO) < 10_000:
        _ISO[day] = text
    return text


def render_draft(item: ApplicationPlan, step: Step, profile: Profile) -> dict[str, Any] | None:
    """The draft of one step as {"subject", "body"}, or None where there is nothing to write."""
    draft = (_DRAFT_FOR or _drafting())(step, item.application, profile, item.context)
    return None if draft is None else {"subject": draft.subject, "body": draft.body}


_DRAFT_FOR: Callable[[Step, Application, Profile, DraftContext], Draft | None] | None = None


def _drafting() -> Callable[[Step, Application, Profile, DraftContext], Draft | None]:
    """`draft_for`, imported on first use: drafting is optional, planning doesn't pay for it."""
    global _DRAFT_FOR
    from .drafts import draft_for

    _DRAFT_FOR = draft_for
    return draft_for


def plan_to_dict(result: Plan, drafts: bool = True) -> dict[str, Any]:
    """The plan in the documented format followup-plan/1 (drafts optional, for speed)."""
    drafted: dict[tuple[int, int], dict[str, Any] | None] = {}

    def draft(item: ApplicationPlan, step: Step) -> dict[str, Any] | None:
        if not drafts:
            return None
        key = (id(item), id(step))
        if key not in drafted:
            drafted[key] = render_draft(item, step, result.profile)
        return drafted[key]

    applications = [
        {
            "id": item.application.id,
            "stage": item.stage,
            "steps": [
                step_to_dict(s, draft(item, s) if n == 0 or s.due <= result.as_of else None)
                for n, s in enumerate(item.steps)
            ],
        }
        for item in result.applications
    ]
    agenda = [
        {"application": item.application.id, **step_to_dict(s, draft(item, s))}
        for item, s in result.agenda
    ]
    nudges = [{"kind": n.kind, "reason": n.reason} for n in result.nudges]
    return {
        "format": PLAN_FORMAT,
        "as_of": result.as_of.isoformat(),
        "applications": applications,
        "agenda": agenda,
        "nudges": nudges,
    }

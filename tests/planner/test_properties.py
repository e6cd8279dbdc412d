"""Properties of the planner over generated valid journals (and broken ones).

Each property reads the contract (spec/follow-up-rules.md, spec/journal-format.md),
not the code: where the code and the spec disagree, the property follows the spec
and the disagreement is reported. The strategies are in strategies.py.
"""

from __future__ import annotations

import json
import os
import random
import re
from collections import Counter
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from followup.planner import JournalError, parse_journal, plan, plan_to_dict
from followup.planner.calendar import get_calendar
from followup.planner.model import ACTIONS, STAGES, Application, Journal
from followup.planner.plan import Plan
from followup.planner.policy import Policy, policy_from

from .builders import MANAGER, RECRUITER, application, d, journal_data
from .strategies import POSTINGS, journals, mutated_journals

# Sized so the file runs in well under 40 s, the same examples on every run. For a
# deeper, randomised hunt (explicit examples, i.e. known bugs, are then left out so the
# search can find new ones):
#   FOLLOWUP_PROPERTY_EXAMPLES=5000 pytest tests/planner/test_properties.py
DEEP = int(os.environ.get("FOLLOWUP_PROPERTY_EXAMPLES", "0"))
PROPERTY = settings(
    max_examples=DEEP or 100,
    derandomize=not DEEP,
    deadline=None,
    database=None,
    phases=(Phase.generate, Phase.shrink)
    if DEEP
    else (Phase.explicit, Phase.generate, Phase.shrink),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Broken journals are not shrunk: shrinking a large journal is slow, and the failure
# message already says which mutation was applied where.
MUTATION = settings(
    PROPERTY,
    max_examples=DEEP or 200,
    phases=(Phase.generate,) if DEEP else (Phase.explicit, Phase.generate),
)

SLUGS = {"crowe", "forbes", "phone-call", "nm-dws", "quast"}
CHANNELS = {"email", "phone", "letter", "message", None}
LIMITED = {"confirm_receipt", "check_in", "escalate"}
# sent purposes that neither obey nor count toward the one-email-a-week limit (§6)
NOT_LIMITED_PURPOSES = {"thank_you", "reply", "reply_graciously", "status_update", "ask_insider"}
STEP_KEYS = {
    "action",
    "channel",
    "to",
    "due",
    "due_by",
    "window",
    "leave_message",
    "reason",
    "sources",
    "draft",
}
WINDOW = re.compile(r"([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d")
ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def planned(data: dict[str, Any], as_of: date) -> tuple[Journal, Policy, Plan]:
    journal = parse_journal(data)
    policy = policy_from(journal.policy_overrides)[0]
    return journal, policy, plan(journal, as_of)


INTERVIEWED = [
    {"type": "interview", "at": "2026-03-02T10:00", "with": ["hana"]},
    {"type": "sent", "at": "2026-03-02T18:00", "to": "hana", "purpose": "thank_you"},
]
# Email-first (online media): a call nobody answers on Tue 10 Mar, and the "try the call
# again" step becomes a check-in email on Wed 11 Mar. RETRIED_EMAIL also has a check-in
# sent on Mon 9 Mar; RETRIED_FIRST has not.
NO_ANSWER = {"type": "called", "at": "2026-03-10T10:00", "to": "hana", "outcome": "no_answer"}
CHECKED_IN = {"type": "sent", "at": "2026-03-09T09:00", "to": "hana", "purpose": "check_in"}
RETRIED_EMAIL = (
    journal_data(
        application(
            industry="online media",
            contacts=[MANAGER],
            events=[*INTERVIEWED, CHECKED_IN, NO_ANSWER],
        )
    ),
    d("2026-03-10"),
)
RETRIED_FIRST = (
    journal_data(
        application(industry="online media", contacts=[MANAGER], events=[*INTERVIEWED, NO_ANSWER])
    ),
    d("2026-03-10"),
)
# The hiring manager promised to call by Fri 6 Mar; a recruiter is also known.
PROMISED_CALL = (
    journal_data(
        application(
            contacts=[RECRUITER, MANAGER],
            events=[
                *INTERVIEWED,
                {
                    "type": "expectation",
                    "at": "2026-03-02T11:00",
                    "by": "2026-03-06",
                    "via": "phone",
                    "from": "hana",
                },
            ],
        )
    ),
    d("2026-03-03"),
)


def is_insider(app: Application, contact_id: str | None) -> bool:
    person = app.contact(contact_id)
    return person is not None and person.role == "insider"


# Planning never fails, and says the same thing twice --------------------------------


@PROPERTY
@given(journals())
def test_planning_never_raises_and_the_plan_is_json(case: tuple[dict[str, Any], date]) -> None:
    data, as_of = case
    _, _, result = planned(data, as_of)
    out = plan_to_dict(result, drafts=True)
    assert json.loads(json.dumps(out)) == out


@PROPERTY
@given(journals(), st.randoms(use_true_random=False))
def test_same_input_same_plan_and_file_order_does_not_matter(
    case: tuple[dict[str, Any], date], rnd: random.Random
) -> None:
    data, as_of = case
    journal, _, first = planned(data, as_of)
    assert plan_to_dict(plan(journal, as_of)) == plan_to_dict(first)
    assert plan_to_dict(planned(data, as_of)[2]) == plan_to_dict(first)
    # Shuffle the events of every application whose event times are all distinct (with
    # equal times the file order is the tie-break, by design).
    shuffled = json.loads(json.dumps(data))
    for raw, app in zip(shuffled["applications"], journal.applications, strict=True):
        if len({e.at for e in app.events}) == len(app.events):
            rnd.shuffle(raw["events"])
    assert plan_to_dict(planned(shuffled, as_of)[2]) == plan_to_dict(first)


# Dates --------------------------------------------------------------------------------


@PROPERTY
@given(journals())
def test_steps_fall_on_business_days_and_due_comes_first(case: tuple[dict[str, Any], date]) -> None:
    data, as_of = case
    _, policy, result = planned(data, as_of)
    for item in result.applications:
        app = item.application
        cal = get_calendar(app.country, app.subdivision, policy.year_end_slowdown)
        for step in item.steps:
            assert step.due <= step.due_by, (app.id, step)
            if step.action == "send_thank_you":
                continue  # §4.1: the interview's day and the next calendar day
            if step.action in ("prepare_interview", "decide_offer"):
                # §4.0, §7.1: due by the interview's or the deadline's own day; due
                # today where the business day before it has passed.
                assert cal.is_business_day(step.due) or step.due == as_of, (app.id, step)
                continue
            assert cal.is_business_day(step.due), (app.id, step)
            assert cal.is_business_day(step.due_by), (app.id, step)


@PROPERTY
@given(journals())
@example(RETRIED_EMAIL)
@example(RETRIED_FIRST)
def test_one_follow_up_email_a_week(case: tuple[dict[str, Any], date]) -> None:
    """§6: no follow-up email is due within `email_min_gap_days` after the previous one."""
    data, as_of = case
    result = planned(data, as_of)[2]
    # The gap as the journal says it (else the spec's 7), not as the code's Policy reads it.
    gap = data.get("policy", {}).get("email_min_gap_days", 7)
    for item in result.applications:
        app = item.application
        sent = [
            e.day
            for e in app.events
            if e.type == "sent"
            and e.day <= as_of
            and e.channel == "email"
            and (e.purpose or "other") not in NOT_LIMITED_PURPOSES
            and not is_insider(app, e.to)
        ]
        previous = max(sent, default=None)
        for step in item.steps:
            if step.action not in LIMITED or step.channel != "email" or is_insider(app, step.to):
                continue
            if previous is not None:
                assert not 0 <= (step.due - previous).days < gap, (
                    app.id,
                    previous,
                    step,
                    item.steps,
                )
            previous = step.due


def calls_ruled_out(app: Application, policy: Policy, as_of: date) -> bool:
    """§6, read from the journal: no calls, or email first, as known on `as_of`."""
    postings = {text: (no_calls, email_only) for text, no_calls, email_only in POSTINGS}
    no_calls, email_first = postings.get(app.posting_text or "", (False, False))
    if app.industry and app.industry.strip().lower() in policy.email_first_industries:
        email_first = True
    for event in app.events:
        if event.day > as_of:
            continue
        if event.type == "heard" and event.kind == "do_not_call":
            no_calls = True
        elif event.type == "directions":
            no_calls = no_calls or event.no_calls or event.channel == "letter"
            # The latest channel direction wins: "phone" lifts an email-first default
            # (tests/planner/test_rules.py relies on it); "email" sets it.
            if event.channel in ("email", "phone"):
                email_first = event.channel == "email"
    return no_calls or email_first


@PROPERTY
@given(journals())
def test_no_phone_steps_where_calls_are_ruled_out(case: tuple[dict[str, Any], date]) -> None:
    data, as_of = case
    _, policy, result = planned(data, as_of)
    for item in result.applications:
        if calls_ruled_out(item.application, policy, as_of):
            assert [s for s in item.steps if s.channel == "phone"] == [], item.application.id


@PROPERTY
@given(journals())
def test_closed_applications_only_owe_a_gracious_reply(case: tuple[dict[str, Any], date]) -> None:
    data, as_of = case
    _, _, result = planned(data, as_of)
    for item in result.applications:
        if item.stage == "closed":
            assert {s.action for s in item.steps} <= {"reply_graciously"}, item.application.id


@PROPERTY
@given(journals())
def test_the_agenda_is_every_due_step_earliest_first(case: tuple[dict[str, Any], date]) -> None:
    data, as_of = case
    _, _, result = planned(data, as_of)
    due = Counter(
        (item.application.id, s)
        for item in result.applications
        for s in item.steps
        if s.due <= as_of
    )
    assert Counter((item.application.id, s) for item, s in result.agenda) == due
    dues = [s.due for _, s in result.agenda]
    assert dues == sorted(dues)


def local_day(at: str, zone: str) -> date:
    """The application-local date of an `at` value (journal-format.md)."""
    moment = datetime.fromisoformat(at.replace("Z", "+00:00"))
    return (moment.astimezone(ZoneInfo(zone)) if moment.tzinfo else moment).date()


LADDER = {
    "confirm_receipt",
    "check_in",
    "ask_insider",
    "escalate",
    "call",
    "send_letter",
    "move_on",
}


def logged(step: Any) -> dict[str, Any]:
    """The journal event for doing `step` on its due day, late in the day, unanswered."""
    at = f"{step.due.isoformat()}T23:59:59"
    if step.channel == "phone":
        purpose = "confirm_receipt" if step.action == "confirm_receipt" else "other"
        return {
            "type": "called",
            "at": at,
            "to": step.to,
            "outcome": "voicemail",
            "purpose": purpose,
        }
    purpose = "letter" if step.channel == "letter" else step.action
    return {"type": "sent", "at": at, "channel": step.channel, "to": step.to, "purpose": purpose}


@PROPERTY
@given(journals())
@example(PROMISED_CALL)
@example(RETRIED_FIRST)
def test_the_projected_ladder_is_what_happens_when_nobody_answers(
    case: tuple[dict[str, Any], date],
) -> None:
    """journal-format.md: steps after steps[0] are "the projected ladder if nobody answers".

    So doing steps[0] on its due day, and hearing nothing, must leave the rest of the
    ladder as projected (compared on action, channel, to, due, due_by, window).
    """
    data, as_of = case
    journal = parse_journal(data)
    for raw, app in zip(data["applications"], journal.applications, strict=True):
        # One application on its own (no competing offers), and only what is known on as_of.
        kept = [e for e in raw["events"] if local_day(e["at"], app.timezone) <= as_of]
        alone = {**data, "applications": [{**raw, "events": kept}]}
        before = [s for s in planned(alone, as_of)[2].applications[0].steps if s.action in LADDER]
        if len(before) < 2 or before[0].action == "move_on" or before[0].due < as_of:
            continue
        alone["applications"][0]["events"] = [*kept, logged(before[0])]
        after = [
            s for s in planned(alone, before[0].due)[2].applications[0].steps if s.action in LADDER
        ]

        def key(s: Any) -> tuple[Any, ...]:
            return (s.action, s.channel, s.to, s.due, s.due_by, s.window)

        assert [key(s) for s in after] == [key(s) for s in before[1:]], (app.id, before[0])


# The documented output --------------------------------------------------------------------


UNCHANNELLED = ("move_on", "prepare_interview", "decide_offer")


def check_step(step: dict[str, Any], contact_ids: set[str], *, drafted: bool) -> None:
    assert set(step) == STEP_KEYS
    assert step["action"] in ACTIONS
    assert step["channel"] in CHANNELS
    assert step["to"] is None or step["to"] in contact_ids, step
    assert ISO_DATE.fullmatch(step["due"]) and ISO_DATE.fullmatch(step["due_by"])
    assert isinstance(step["reason"], str) and step["reason"]
    assert isinstance(step["sources"], list) and set(step["sources"]) <= SLUGS, step["sources"]
    assert (step["channel"] is None) == (step["action"] in UNCHANNELLED)
    if step["channel"] == "phone":
        assert isinstance(step["window"], str) and WINDOW.fullmatch(step["window"]), step
        assert isinstance(step["leave_message"], bool)
    else:
        assert step["window"] is None and step["leave_message"] is None, step
    draft = step["draft"]
    if not drafted or step["action"] in ("move_on", "decide_offer"):
        assert draft is None, step
        return
    assert isinstance(draft, dict) and set(draft) == {"subject", "body"}, step
    assert isinstance(draft["body"], str) and draft["body"].strip()
    if step["channel"] == "phone":
        assert draft["subject"] is None  # a call sheet
        return
    # §9: subject lines under 70 characters; bodies under 150 words except the thank-you.
    assert isinstance(draft["subject"], str) and 0 < len(draft["subject"]) < 70, draft["subject"]
    if step["action"] != "send_thank_you":
        assert len(draft["body"].split()) < 150, draft["body"]


@PROPERTY
@given(journals())
def test_the_json_plan_has_the_documented_shape(case: tuple[dict[str, Any], date]) -> None:
    data, as_of = case
    journal, _, result = planned(data, as_of)
    out = json.loads(json.dumps(plan_to_dict(result, drafts=True)))
    assert set(out) == {"format", "as_of", "applications", "agenda", "nudges"}
    assert (out["format"], out["as_of"]) == ("followup-plan/1", as_of.isoformat())
    ids = {app.id: {c.id for c in app.contacts} for app in journal.applications}
    assert [a["id"] for a in out["applications"]] == list(ids)
    for entry in out["applications"]:
        assert set(entry) == {"id", "stage", "steps"}
        assert entry["stage"] in STAGES
        for n, step in enumerate(entry["steps"]):
            check_step(step, ids[entry["id"]], drafted=n == 0 or step["due"] <= out["as_of"])
    for step in out["agenda"]:
        assert step["application"] in ids
        check_step(
            {k: v for k, v in step.items() if k != "application"},
            ids[step["application"]],
            drafted=True,
        )
        assert step["due"] <= out["as_of"]
    for nudge in out["nudges"]:
        assert set(nudge) == {"kind", "reason"}
        assert nudge["kind"] in ("keep_searching", "weekly_goal") and isinstance(
            nudge["reason"], str
        )


# Broken journals: errors, never a traceback -------------------------------------------------


@MUTATION
@given(mutated_journals())
@example(
    (
        journal_data(
            application(
                contacts=[MANAGER], events=[{"type": "sent", "at": "2026-03-02", "to": ["hana"]}]
            )
        ),
        "wrap ('applications', 0, 'events', 0, 'to')",
    )
)
def test_a_broken_journal_gives_errors_not_a_traceback(case: tuple[Any, str]) -> None:
    data, what = case
    try:
        parse_journal(data)
    except JournalError as error:
        assert error.problems, what
        assert all(isinstance(p, str) and p.strip() for p in error.problems), (what, error.problems)
    except Exception as error:
        raise AssertionError(f"{what}: {type(error).__name__}: {error}") from error


# What the properties found, as plain examples ---------------------------------------------


@pytest.mark.parametrize(
    "event",
    [
        {"type": "sent", "at": "2026-03-02", "to": []},
        {"type": "expectation", "at": "2026-03-02", "by": "2026-03-06", "from": {}},
        {"type": "interview", "at": "2026-03-02", "with": [{}]},
    ],
)
def test_an_unhashable_contact_id_is_an_error(event: dict[str, Any]) -> None:
    with pytest.raises(JournalError):
        parse_journal(journal_data(application(contacts=[MANAGER], events=[event])))


@pytest.mark.parametrize("at", ["0001-01-01T00:00+05:00", "9999-12-31T23:00-05:00"])
def test_an_offset_past_the_calendars_edge_is_an_error(at: str) -> None:
    # Found while writing these properties: `astimezone` at the calendar's ends raised
    # OverflowError (fixed while these tests were written: dates are now 1970-2199).
    data = journal_data(
        application(contacts=[MANAGER], timezone="UTC", events=[{"type": "applied", "at": at}])
    )
    with pytest.raises(JournalError):
        parse_journal(data)


def test_a_null_interviewer_is_an_error_not_an_empty_contact_id() -> None:
    # `with: [null]` used to be read as the contact id "" and the thank-you step went
    # `to: ""` (fixed while these tests were written): now the parser says so.
    data = journal_data(
        application(
            contacts=[MANAGER], events=[{"type": "interview", "at": "2026-03-02", "with": [None]}]
        )
    )
    with pytest.raises(JournalError, match=r"acme: events\[0\]\.with: \[None\] is not a list"):
        parse_journal(data)


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        ({"email_min_gap_days": 10**7}, r"email_min_gap_days: 10000000 is not a whole number"),
        ({"thank_you_days": 366}, r"thank_you_days: 366 is not a whole number from 0 to 365"),
        ({"window_corporate": [10**7, 10**7]}, r"window_corporate: \[10000000, 10000000\] is not"),
        ({"status_update_days": -1}, r"status_update_days: -1 is not a whole number"),
    ],
)
def test_a_policy_number_past_a_year_is_an_error(policy: dict[str, Any], message: str) -> None:
    with pytest.raises(JournalError, match=rf"policy\.{message}"):
        parse_journal(journal_data(application(contacts=[MANAGER]), policy=policy))


CHECKED_IN = [
    {"type": "interview", "at": "2026-03-02T10:00", "with": ["hana"]},
    {"type": "sent", "at": "2026-03-03", "to": "hana", "purpose": "check_in"},
]
OFFER_ELSEWHERE = application(
    "beta",
    contacts=[MANAGER],
    events=[
        {"type": "interview", "at": "2026-03-02T10:00", "with": ["hana"]},
        {"type": "heard", "at": "2026-03-03", "kind": "offer", "from": "hana"},
    ],
)


@pytest.mark.parametrize(
    ("policy", "apps", "as_of", "action", "due"),
    [
        # 2 Mar 2026 + 365 days = Tue 2 Mar 2027.
        ({"window_corporate": [365, 365]}, [INTERVIEWED], "2026-03-04", "check_in", "2027-03-02"),
        ({"thank_you_days": 365}, [INTERVIEWED[:1]], "2027-03-02", "send_thank_you", "2026-03-02"),
        # Email-first: the call rung is an email, held a year after Tue 3 Mar: Wed 3 Mar 2027.
        ({"email_min_gap_days": 365}, [CHECKED_IN], "2026-03-04", "check_in", "2027-03-03"),
        # The offer of Tue 3 Mar still stands a year later (Wed 3 Mar 2027).
        (
            {"status_update_days": 365},
            [INTERVIEWED, None],
            "2027-03-03",
            "status_update",
            "2026-03-03",
        ),
    ],
)
def test_a_policy_at_its_largest_is_planned(
    policy: dict[str, Any], apps: list[Any], as_of: str, action: str, due: str
) -> None:
    built = [
        OFFER_ELSEWHERE
        if events is None
        else application(contacts=[MANAGER], industry="online media", events=events)
        for events in apps
    ]
    journal = parse_journal(journal_data(*built, policy=policy))
    steps = plan(journal, d(as_of)).applications[0].steps
    assert [s.due for s in steps if s.action == action][:1] == [d(due)], steps


@pytest.mark.parametrize("at", ["0001-01-01", "1969-12-31", "2200-01-01", "9999-12-30"])
def test_a_date_outside_1970_to_2199_is_an_error(at: str) -> None:
    # Planning near year 1 or 9999 raised OverflowError; the parser now rejects dates
    # outside 1970-2199 (fixed while these tests were written).
    data = journal_data(
        application(contacts=[MANAGER], events=[{"type": "interview", "at": at, "with": ["hana"]}])
    )
    with pytest.raises(JournalError, match=rf"acme: events\[0\]\.at: '{at}' is not between"):
        parse_journal(data)


@pytest.mark.parametrize(
    ("at", "due", "due_by"),
    [
        # Thu 1 Jan 1970 + [7, 10]: Thu 8 to Sun 11 Jan, so Thu 8 to Fri 9.
        ("1970-01-01", "1970-01-08", "1970-01-09"),
        # Tue 31 Dec 2199 + [7, 10]: Tue 7 to Fri 10 Jan 2200 (no holiday in between).
        ("2199-12-31", "2200-01-07", "2200-01-10"),
    ],
)
def test_a_journal_at_the_ends_of_the_years_is_planned(at: str, due: str, due_by: str) -> None:
    data = journal_data(
        application(contacts=[MANAGER], events=[{"type": "interview", "at": at, "with": ["hana"]}])
    )
    steps = plan(parse_journal(data), d(at)).applications[0].steps
    assert [(s.due, s.due_by) for s in steps if s.action == "check_in"][:1] == [(d(due), d(due_by))]

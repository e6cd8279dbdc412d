"""Every number of the policy at its edges: each window's first and last day, with the
anchor on each day of the week, so a number one day off always changes some date.

Dates worked by hand. Calendar: US federal holidays (none from 2 March to 17 April
2026), weekends, year-end slowdown. March 2026 starts on a Sunday: the anchors run
from Mon 2 to Sun 8 March; business days are 2-6, 9-13, 16-20, 23-27, 30-31 March,
1-3 and 6-10 April. Calendar windows (spec §1): due = next_bd(anchor + first),
due_by = max(due, prev_bd(anchor + last)).
"""

from __future__ import annotations

from datetime import date

import pytest

from followup.planner.calendar import BusinessCalendar
from followup.planner.model import Step

from .builders import INSIDER, MANAGER, RECRUITER, application, d, plan_of, steps_of

# The anchors, Monday to Sunday.
WEEK = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07"]
WEEK += ["2026-03-08"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def the(action: str, steps: list[Step]) -> tuple[date, date]:
    """(due, due_by) of the first step with this action (a projected ladder may
    hold a second, e.g. the call rung after a promised call)."""
    found = [(s.due, s.due_by) for s in steps if s.action == action]
    assert found, steps
    return found[0]


def march(*days: int) -> list[date]:
    return [date(2026, 3, n) if n > 0 else date(2026, 4, -n) for n in days]


def by_weekday(dues: list[date], due_bys: list[date]) -> list[tuple[str, date, date]]:
    """One row per anchor weekday: (anchor, due, due_by)."""
    return list(zip(WEEK, dues, due_bys, strict=True))


def interviewed(at: str) -> dict[str, object]:
    return {"type": "interview", "at": f"{at}T10:00", "with": ["hana"]}


def voicemail(at: str, to: str) -> dict[str, object]:
    return {"type": "called", "at": at, "to": to, "outcome": "voicemail"}


def emailed(at: str, to: str, purpose: str = "check_in") -> dict[str, object]:
    return {"type": "sent", "at": at, "channel": "email", "to": to, "purpose": purpose}


# §4.2 rule 3: the first follow-up window after an interview, by employer kind.
# Negative numbers are April days.
KIND_WINDOWS = {
    # [5, 7]: anchor Mon 2 -> 7 Sat..9 Mon: (9, 9); Sat 7 -> 12..14 Sat: (12, 13).
    "small_business": (march(9, 9, 9, 10, 11, 12, 13), march(9, 10, 11, 12, 13, 13, 13)),
    "startup": (march(9, 9, 9, 10, 11, 12, 13), march(9, 10, 11, 12, 13, 13, 13)),
    "unknown": (march(9, 9, 9, 10, 11, 12, 13), march(9, 10, 11, 12, 13, 13, 13)),
    # [7, 10]: Wed 4 -> 11..14 Sat: (11, 13); Sat 7 -> 14 Sat..17: (16, 17).
    "corporate": (march(9, 10, 11, 12, 13, 16, 16), march(12, 13, 13, 13, 16, 17, 18)),
    "nonprofit": (march(9, 10, 11, 12, 13, 16, 16), march(12, 13, 13, 13, 16, 17, 18)),
    # [3, 5]: Tue 3 -> 6..8 Sun: (6, 6); Thu 5 -> 8 Sun..10: (9, 10).
    "staffing_agency": (march(5, 6, 9, 9, 9, 10, 11), march(6, 6, 9, 10, 11, 12, 13)),
    # [21, 28]: Sat 7 -> 28 Sat..4 Apr Sat: (30, 3 Apr).
    "government": (march(23, 24, 25, 26, 27, 30, 30), march(30, 31, -1, -2, -3, -3, -3)),
}


@pytest.mark.parametrize(
    ("kind", "anchor", "due", "due_by"),
    [(kind, *row) for kind, (dues, bys) in KIND_WINDOWS.items() for row in by_weekday(dues, bys)],
)
def test_the_first_check_in_window_after_an_interview(
    kind: str, anchor: str, due: date, due_by: date
) -> None:
    app = application(employer_kind=kind, contacts=[MANAGER], events=[interviewed(anchor)])
    assert the("check_in", steps_of(app, as_of=d(anchor))) == (due, due_by)


# §3: confirm receipt, [7, 14] after applying, government [14, 28].
RECEIPT_WINDOWS = {
    "corporate": (march(9, 10, 11, 12, 13, 16, 16), march(16, 17, 18, 19, 20, 20, 20)),
    "government": (march(16, 17, 18, 19, 20, 23, 23), march(30, 31, -1, -2, -3, -3, -3)),
}


@pytest.mark.parametrize(
    ("kind", "anchor", "due", "due_by"),
    [(k, *row) for k, (dues, bys) in RECEIPT_WINDOWS.items() for row in by_weekday(dues, bys)],
)
def test_the_confirm_receipt_window_after_applying(
    kind: str, anchor: str, due: date, due_by: date
) -> None:
    events = [{"type": "applied", "at": anchor}]
    app = application(employer_kind=kind, contacts=[RECRUITER], events=events)
    assert the("confirm_receipt", steps_of(app, as_of=d(anchor))) == (due, due_by)


# add_bd(X, n) for X from Mon 2 to Sun 8 March (a weekend counts from Monday 9).
ADD_BD = {
    1: march(3, 4, 5, 6, 9, 9, 9),
    2: march(4, 5, 6, 9, 10, 10, 10),
    3: march(5, 6, 9, 10, 11, 11, 11),
    5: march(9, 10, 11, 12, 13, 13, 13),
    10: march(16, 17, 18, 19, 20, 20, 20),
    20: march(30, 31, -1, -2, -3, -3, -3),
}
DUE_BY = {  # add_bd(due, 2) for each due above: a rung's due_by (spec §1)
    3: march(9, 10, 11, 12, 13, 13, 13),
    5: march(11, 12, 13, 16, 17, 17, 17),
    10: march(18, 19, 20, 23, 24, 24, 24),
    20: [date(2026, 4, n) for n in (1, 2, 3, 6, 7, 7, 7)],
}


def _ask_insider(x: str) -> dict[str, object]:
    # The check-in went to the recruiter (by a call): next, ask the insider.
    events = [interviewed("2026-02-23"), voicemail(x, "rita")]
    return application(contacts=[RECRUITER, INSIDER, MANAGER], events=events)


def _escalate(x: str) -> dict[str, object]:
    events = [interviewed("2026-02-23"), voicemail(x, "rita")]
    return application(contacts=[RECRUITER, MANAGER], events=events)


def _call(x: str) -> dict[str, object]:
    return application(contacts=[MANAGER], events=[interviewed("2026-02-23"), emailed(x, "hana")])


def _move_on(x: str, kind: str = "corporate") -> dict[str, object]:
    events = [interviewed("2026-02-16"), emailed("2026-02-24", "hana"), voicemail(x, "hana")]
    return application(employer_kind=kind, contacts=[MANAGER], events=events)


def _do_not_contact(x: str) -> dict[str, object]:
    heard = {"type": "heard", "at": x, "kind": "do_not_contact", "from": "hana"}
    return application(contacts=[MANAGER], events=[interviewed("2026-02-23"), heard])


RUNGS = {  # §4.3 (and §5's do_not_contact): action, business days, the application
    "ask_insider": ("ask_insider", 3, _ask_insider),
    "escalate": ("escalate", 5, _escalate),
    "call": ("call", 3, _call),
    "move_on": ("move_on", 10, _move_on),
    "move_on_government": ("move_on", 20, lambda x: _move_on(x, "government")),
    "do_not_contact": ("move_on", 20, _do_not_contact),
}


@pytest.mark.parametrize(
    ("rung", "day", "weekday"),
    [(rung, day, i) for rung in RUNGS for i, day in enumerate(DAYS)],
)
def test_each_rung_is_its_number_of_business_days_after_the_last_attempt(
    rung: str, day: str, weekday: int
) -> None:
    action, n, build = RUNGS[rung]
    x = WEEK[weekday]
    expected = (ADD_BD[n][weekday], DUE_BY[n][weekday])
    assert the(action, steps_of(build(x), as_of=d(x))) == expected, day


@pytest.mark.parametrize(("day", "weekday"), [(day, i) for i, day in enumerate(DAYS)])
def test_a_decision_date_means_checking_in_two_to_three_business_days_after(
    day: str, weekday: int
) -> None:
    by = WEEK[weekday]
    events = [
        interviewed("2026-02-23"),
        {"type": "expectation", "at": "2026-02-23T11:00", "by": by},
    ]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d(by))
    assert the("check_in", steps) == (ADD_BD[2][weekday], ADD_BD[3][weekday]), day


@pytest.mark.parametrize(("day", "weekday"), [(day, i) for i, day in enumerate(DAYS)])
def test_a_missed_promised_call_is_returned_the_next_business_day(day: str, weekday: int) -> None:
    by = WEEK[weekday]
    promise = {"type": "expectation", "at": "2026-02-23T11:00", "by": by, "via": "phone"}
    steps = steps_of(
        application(contacts=[MANAGER], events=[interviewed("2026-02-23"), promise]), as_of=d(by)
    )
    due = ADD_BD[1][weekday]
    assert the("call", steps) == (due, ADD_BD[3][weekday]), day  # due_by: add_bd(due, 2)


# §3: before an interview, the check-in is 7 calendar days after the last attempt
# (next_bd), moving on 14; due_by two business days after due.
PRE_INTERVIEW = {
    "check_in": (march(9, 10, 11, 12, 13, 16, 16), march(11, 12, 13, 16, 17, 18, 18)),
    "move_on": (march(16, 17, 18, 19, 20, 23, 23), march(18, 19, 20, 23, 24, 25, 25)),
}


def _before_interview(action: str, x: str) -> dict[str, object]:
    events: list[dict[str, object]] = [{"type": "applied", "at": "2026-02-10"}]
    if action == "move_on":
        events.append(voicemail("2026-02-20", "rita"))
    events.append(voicemail(x, "rita"))
    return application(contacts=[RECRUITER], events=events)


@pytest.mark.parametrize(
    ("action", "anchor", "due", "due_by"),
    [(a, *row) for a, (dues, bys) in PRE_INTERVIEW.items() for row in by_weekday(dues, bys)],
)
def test_before_an_interview_check_in_after_a_week_and_move_on_after_two(
    action: str, anchor: str, due: date, due_by: date
) -> None:
    steps = steps_of(_before_interview(action, anchor), as_of=d(anchor))
    assert the(action, steps) == (due, due_by)


# §6: one follow-up email a week (email_min_gap_days = 7).
# Email-first, the call rung is a check-in email 3 business days after the last one,
# held to next_bd(last + 7): Tue 3 -> Fri 6, held to Tue 10 (6 days would give Mon 9).
HELD = (march(9, 10, 11, 12, 13, 16, 16), march(11, 12, 13, 16, 17, 18, 18))


@pytest.mark.parametrize(("anchor", "due", "due_by"), by_weekday(*HELD))
def test_a_follow_up_email_is_held_to_a_week_after_the_last(
    anchor: str, due: date, due_by: date
) -> None:
    events = [interviewed("2026-02-23"), emailed(anchor, "hana")]
    app = application(industry="Digital Media", contacts=[MANAGER], events=events)
    held = next(s for s in steps_of(app, as_of=d(anchor)) if s.action == "check_in")
    assert (held.due, held.due_by) == (due, due_by)
    assert "one follow-up email a week at most" in held.reason
    assert "forbes" in held.sources


@pytest.mark.parametrize(("anchor", "due", "due_by"), by_weekday(*PRE_INTERVIEW["check_in"]))
def test_an_email_exactly_a_week_after_the_last_is_not_held(
    anchor: str, due: date, due_by: date
) -> None:
    # Before an interview the check-in is next_bd(last + 7): exactly the earliest day.
    events = [{"type": "applied", "at": "2026-02-10"}, emailed(anchor, "rita", "confirm_receipt")]
    steps = steps_of(application(contacts=[RECRUITER], events=events), as_of=d(anchor))
    check_in = next(s for s in steps if s.action == "check_in")
    assert (check_in.due, check_in.due_by) == (due, due_by)
    assert "Held until" not in check_in.reason
    assert check_in.sources == ()


def test_an_email_to_the_insider_does_not_count_whatever_its_purpose() -> None:
    # Check-in to Rita Mon 2 Mar, then a plain email to Ines (the insider) Thu 5 Mar,
    # which climbs the insider rung. Escalation 1 business day later (Fri 6) is held to
    # a week after Rita's email, Mon 9; counting Ines's email would hold it to Thu 12.
    events = [
        interviewed("2026-02-23"),
        emailed("2026-03-02", "rita"),
        emailed("2026-03-05", "ines", "other"),
    ]
    app = application(contacts=[RECRUITER, INSIDER, MANAGER], events=events)
    steps = steps_of(app, as_of=d("2026-03-05"), policy={"escalate_delay": 1})
    assert the("escalate", steps) == (d("2026-03-09"), d("2026-03-11"))


# §8 and §7: counts and lifetimes.


def _open_applications(count: int) -> list[dict[str, object]]:
    events = [{"type": "applied", "at": "2026-02-02"}]
    return [application(f"app{i}", events=events) for i in range(count)]


@pytest.mark.parametrize(("open_count", "nudged"), [(4, True), (5, False), (6, False)])
def test_keep_searching_below_five_open_applications(open_count: int, nudged: bool) -> None:
    plan = plan_of(*_open_applications(open_count), as_of=d("2026-03-04"))
    assert ("keep_searching" in [n.kind for n in plan.nudges]) is nudged


@pytest.mark.parametrize(
    ("as_of", "standing"),
    [("2026-03-02", True), ("2026-03-16", True), ("2026-03-17", False)],
)
def test_an_offer_without_a_deadline_stands_fourteen_days(as_of: str, standing: bool) -> None:
    # Offer on Mon 2 Mar: it stands through Mon 16 Mar (2 + 14), gone on the 17th.
    waiting = application(contacts=[MANAGER], events=[interviewed("2026-02-23")])
    offer = {"type": "heard", "at": "2026-03-02", "kind": "offer", "from": "hana"}
    events = [interviewed("2026-02-24"), offer]
    other = application("beta", company="Beta", contacts=[MANAGER], events=events)
    steps = plan_of(waiting, other, as_of=d(as_of)).applications[0].steps
    assert ("status_update" in [s.action for s in steps]) is standing


# §1: the year-end slowdown closes 1 January even where it is no public holiday.
# India's calendar has no New Year holiday; 1 January 2027 is a Friday.


def test_the_slowdown_closes_1_january_without_a_new_year_holiday() -> None:
    india = BusinessCalendar("IN")
    assert india.holiday_name(date(2027, 1, 1)) is None
    assert not india.is_business_day(date(2027, 1, 1))
    assert india.next_bd(date(2026, 12, 24)) == date(2027, 1, 4)
    assert india.is_business_day(date(2026, 12, 23))
    open_all_year = BusinessCalendar("IN", year_end_slowdown=False)
    assert open_all_year.is_business_day(date(2027, 1, 1))
    assert open_all_year.is_business_day(date(2026, 12, 24))
    assert not open_all_year.is_business_day(date(2026, 12, 25))  # Christmas


@pytest.mark.parametrize(
    ("slowdown", "due", "due_by"),
    [(True, "2027-01-04", "2027-01-04"), (False, "2026-12-28", "2026-12-29")],
)
def test_a_plan_in_india_skips_the_slowdown_and_1_january(
    slowdown: bool, due: str, due_by: str
) -> None:
    # Staffing agency [3, 5] after Thu 24 Dec: Sun 27 to Tue 29 Dec. With the slowdown
    # the first business day is Mon 4 Jan (Fri 1 Jan closed, no holiday); without, Mon 28.
    app = application(
        employer_kind="staffing_agency",
        country="IN",
        contacts=[MANAGER],
        events=[interviewed("2026-12-24")],
    )
    steps = steps_of(app, as_of=d("2026-12-24"), policy={"year_end_slowdown": slowdown})
    assert the("check_in", steps) == (d(due), d(due_by))


def test_a_held_email_says_so_and_cites_the_rule() -> None:
    # Check-in to Rita Mon 9 Mar; escalation 2 business days on (Wed 11) is held to a
    # week after, Mon 16 Mar, due by Wed 18; the weekly limit's source joins quast.
    events = [interviewed("2026-03-02"), emailed("2026-03-09", "rita")]
    app = application(contacts=[RECRUITER, MANAGER], events=events)
    steps = steps_of(app, as_of=d("2026-03-10"), policy={"escalate_delay": 2})
    held = next(s for s in steps if s.action == "escalate")
    assert (held.due, held.due_by, held.sources) == (
        d("2026-03-16"),
        d("2026-03-18"),
        ("quast", "forbes"),
    )
    assert held.reason.endswith(" Held until Mon 16 Mar: one follow-up email a week at most.")


def test_a_check_in_to_the_insider_is_never_held() -> None:
    # Rita got a check-in Mon 2 Mar; they replied Tue 3 Mar (the ladder restarts) and the
    # next check-in went to Ines, the insider, the same day. The one after goes to Ines
    # too, 2 days later (Thu 5 Mar): no week's wait, whatever was sent to Rita.
    events = [
        {"type": "applied", "at": "2026-02-20"},
        emailed("2026-03-02", "rita"),
        {"type": "heard", "at": "2026-03-03T09:00", "kind": "reply", "from": "rita"},
        emailed("2026-03-03T15:00", "ines"),
    ]
    app = application(contacts=[RECRUITER, INSIDER], events=events)
    steps = steps_of(app, as_of=d("2026-03-03"), policy={"pre_interview_check_in_days": 2})
    check_in = next(s for s in steps if s.action == "check_in")
    assert (check_in.to, check_in.due) == ("ines", d("2026-03-05"))

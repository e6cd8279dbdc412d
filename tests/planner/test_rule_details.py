"""Details of the rules that the mutation run (docs/testing.md) found untested.

Dates worked by hand on the US calendar; March 2026 starts on a Sunday.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from followup.planner import JournalError, parse_journal
from followup.planner.calendar import BusinessCalendar
from followup.planner.journal import load_journal, today_in

from .builders import (
    INTERVIEWER,
    MANAGER,
    RECRUITER,
    application,
    d,
    journal_data,
    plan_of,
    steps_of,
)

OMAR = {"id": "omar", "name": "Omar Haddad", "role": "interviewer"}


def interview(at: str, *who: str, **extra: Any) -> dict[str, Any]:
    return {"type": "interview", "at": at, "with": list(who), **extra}


def test_the_check_in_goes_to_the_latest_interviews_interviewer() -> None:
    # No recruiter, HR or hiring manager: §4.2 sends the check-in to the interviewer,
    # the one of the latest interview (Omar), not the first interviewer listed (Ivan).
    events = [interview("2026-02-23T10:00", "ivan"), interview("2026-03-02T10:00", "omar")]
    steps = steps_of(
        application(contacts=[INTERVIEWER, OMAR], events=events), as_of=d("2026-03-02")
    )
    check_in = next(s for s in steps if s.action == "check_in")
    assert (check_in.to, check_in.due) == ("omar", d("2026-03-09"))


def test_without_a_named_interviewer_the_check_in_goes_to_the_first_listed() -> None:
    steps = steps_of(
        application(contacts=[INTERVIEWER, OMAR], events=[interview("2026-03-02T10:00")]),
        as_of=d("2026-03-02"),
    )
    assert next(s for s in steps if s.action == "check_in").to == "ivan"


def test_waiting_for_them_says_since_when_and_why() -> None:
    heard = {"type": "heard", "at": "2026-03-04", "kind": "do_not_contact", "from": "hana"}
    events = [interview("2026-03-02T10:00", "hana"), heard]
    (step,) = [
        s
        for s in steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-04"))
        if s.action == "move_on"
    ]
    assert step.reason.startswith("On Wed 4 Mar they said they would contact you if interested.")
    assert (step.channel, step.to, step.sources) == (None, None, ("crowe",))


# §6: directions. Interview Mon 2 Mar, check-in emailed Mon 9 Mar: the call rung is
# due add_bd(9 Mar, 3) = Thu 12 Mar, as a call or a letter; as an email, a week after
# the last one, Mon 16 Mar.
CALL_RUNG = [interview("2026-03-02T10:00", "hana")]
CALL_RUNG += [{"type": "sent", "at": "2026-03-09", "channel": "email", "to": "hana"}]


def call_rung(*directions: dict[str, Any]) -> tuple[str, str | None, str]:
    events = [*CALL_RUNG[:1], *directions, *CALL_RUNG[1:]]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-09"))
    step = next(s for s in steps if s.action != "send_thank_you")
    return step.action, step.channel, step.due.isoformat()


def direction(at: str, **said: Any) -> dict[str, Any]:
    return {"type": "directions", "at": at, **said}


@pytest.mark.parametrize(
    ("said", "rung"),
    [
        ({}, ("call", "phone", "2026-03-12")),
        ({"no_calls": True}, ("send_letter", "letter", "2026-03-12")),
        ({"channel": "letter"}, ("send_letter", "letter", "2026-03-12")),
        ({"channel": "phone"}, ("call", "phone", "2026-03-12")),
        ({"channel": "email"}, ("check_in", "email", "2026-03-16")),
    ],
)
def test_directions_decide_what_the_call_rung_becomes(
    said: dict[str, Any], rung: tuple[str, str, str]
) -> None:
    assert call_rung(direction("2026-03-03", **said)) == rung


def test_later_directions_do_not_lift_a_ban_on_calls() -> None:
    # They asked not to be called; a later note that says "phone" changes the channel
    # they prefer, not the ban.
    banned = {"type": "heard", "at": "2026-03-03", "kind": "do_not_call", "from": "hana"}
    letter = ("send_letter", "letter", "2026-03-12")
    assert call_rung(banned, direction("2026-03-04", channel="phone")) == letter
    assert call_rung(direction("2026-03-03", no_calls=True), direction("2026-03-04")) == letter


@pytest.mark.parametrize("number", [1, 2, 7])
def test_an_interview_round_is_a_whole_number_from_one(number: int) -> None:
    data = journal_data(
        application(contacts=[MANAGER], events=[interview("2026-03-02", round=number)])
    )
    assert parse_journal(data).applications[0].events[0].round == number


@pytest.mark.parametrize("number", [0, -1, True, 1.5, "2", None])
def test_anything_else_is_not_a_round(number: Any) -> None:
    data = journal_data(
        application(contacts=[MANAGER], events=[interview("2026-03-02", round=number)])
    )
    with pytest.raises(
        JournalError, match=rf"events\[0\]\.round: {number!r} is not a round number"
    ):
        parse_journal(data)


def applied_at(at: Any) -> dict[str, Any]:
    return journal_data(application(contacts=[MANAGER], events=[{"type": "applied", "at": at}]))


@pytest.mark.parametrize(
    ("at", "local"),
    [
        ("2026-03-02", "2026-03-02T00:00"),
        ("2026-03-02T10:00", "2026-03-02T10:00"),
        ("2026-03-02T10:00:30", "2026-03-02T10:00:30"),
        # The profile's zone is America/Denver (UTC-7 in March, before the 8th).
        ("2026-03-06T17:15:00Z", "2026-03-06T10:15"),
        ("2026-03-07T05:00:00+00:00", "2026-03-06T22:00"),  # the evening before, in Denver
        ("2026-03-07T09:00+09:00", "2026-03-06T17:00"),
        ("1970-01-01", "1970-01-01T00:00"),  # the first and last days we accept
        ("2199-12-31T23:59", "2199-12-31T23:59"),
    ],
)
def test_a_moment_is_read_as_the_applications_local_time(at: str, local: str) -> None:
    event = parse_journal(applied_at(at)).applications[0].events[0]
    assert event.at.isoformat(timespec="minutes" if len(local) == 16 else "seconds") == local
    assert event.day.isoformat() == local[:10]


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ("2026-3-2", "is not a date or date-time"),
        (20260302, "is not a date or date-time"),
        ("2026-03-02 10:00", "is not a date or date-time"),
        ("2026-02-30", "is not a date"),
        ("2026-03-02T25:00", "is not a date"),
        ("1969-12-31T23:59", "is not between 1970 and 2199"),
        ("2200-01-01", "is not between 1970 and 2199"),
    ],
)
def test_anything_else_is_not_a_moment(at: Any, message: str) -> None:
    with pytest.raises(JournalError, match=rf"acme: events\[0\]\.at: {at!r} {message}"):
        parse_journal(applied_at(at))


def test_a_call_ban_outlasts_a_later_reply() -> None:
    banned = {"type": "heard", "at": "2026-03-03", "kind": "do_not_call", "from": "hana"}
    reply = {"type": "heard", "at": "2026-03-04", "kind": "reply", "from": "hana"}
    emailed = {"type": "sent", "at": "2026-03-12", "channel": "email", "to": "hana"}
    events = [interview("2026-03-02T10:00", "hana"), banned, reply, emailed]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-12"))
    # The reply restarted the ladder; its call rung, add_bd(12 Mar, 3), is still a letter.
    assert [(s.action, s.due) for s in steps][:1] == [("send_letter", d("2026-03-17"))]


@pytest.mark.parametrize(
    ("first", "stage", "first_step"),
    [
        # Only an inbound reply: the ladder starts from it, §4.2 rule 3 [7, 10] after Wed 4.
        (
            {"type": "heard", "at": "2026-03-04", "kind": "reply", "from": "hana"},
            "applied",
            "2026-03-11",
        ),
        # Only a promised date: check in add_bd(Fri 6 Mar, 2) = Tue 10 Mar.
        ({"type": "expectation", "at": "2026-03-04", "by": "2026-03-06"}, "applied", "2026-03-10"),
    ],
)
def test_a_journal_may_start_with_what_they_said(
    first: dict[str, Any], stage: str, first_step: str
) -> None:
    plan = plan_of(application(contacts=[MANAGER], events=[first]), as_of=d("2026-03-04"))
    item = plan.applications[0]
    assert (item.stage, item.steps[0].action, item.steps[0].due) == (
        stage,
        "check_in",
        d(first_step),
    )


def test_a_journal_that_starts_with_a_reply_sent_confirms_receipt_later() -> None:
    # A sent reply is no follow-up attempt, but it is the first contact: the ladder of an
    # application starts from it, with confirm receipt [7, 14] after Wed 4 Mar.
    replied = {
        "type": "sent",
        "at": "2026-03-04",
        "channel": "email",
        "to": "hana",
        "purpose": "reply",
    }
    steps = steps_of(application(contacts=[MANAGER], events=[replied]), as_of=d("2026-03-04"))
    assert (steps[0].action, steps[0].due, steps[0].due_by) == (
        "confirm_receipt",
        d("2026-03-11"),
        d("2026-03-18"),
    )


def test_a_date_they_give_later_does_not_restart_the_ladder() -> None:
    # Applied Mon 2 Mar, receipt confirmed (voicemail) Mon 9 Mar; on Tue 10 Mar they
    # expect to decide by Fri 13 Mar. The check-in stays next_bd(9 Mar + 7) = Mon 16 Mar.
    events = [
        {"type": "applied", "at": "2026-03-02"},
        {"type": "called", "at": "2026-03-09", "to": "hana", "outcome": "voicemail"},
        {"type": "expectation", "at": "2026-03-10", "by": "2026-03-13"},
    ]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-10"))
    assert (steps[0].action, steps[0].due) == ("check_in", d("2026-03-16"))


def test_the_first_attempts_recipient_decides_whether_to_escalate() -> None:
    # The check-in went to the hiring manager, not the recruiter: no escalation rung,
    # the call comes next, add_bd(Mon 9 Mar, 3) = Thu 12 Mar.
    events = [
        interview("2026-03-02T10:00", "hana"),
        {"type": "sent", "at": "2026-03-09", "to": "hana"},
    ]
    steps = steps_of(
        application(contacts=[RECRUITER, MANAGER], events=events), as_of=d("2026-03-09")
    )
    ladder = [(s.action, s.due) for s in steps if s.action != "send_thank_you"]
    assert ladder[0] == ("call", d("2026-03-12"))
    assert "escalate" not in [action for action, _ in ladder]


def test_a_one_day_window_is_a_window() -> None:
    cal = BusinessCalendar("US")
    assert cal.window(d("2026-03-02"), 5, 5) == (d("2026-03-09"), d("2026-03-09"))  # Sat 7 -> Mon 9
    assert cal.window(d("2026-03-02"), 3, 3) == (d("2026-03-05"), d("2026-03-05"))
    with pytest.raises(ValueError, match=r"window \[6, 5\] ends before it starts"):
        cal.window(d("2026-03-02"), 6, 5)


@pytest.mark.parametrize(
    ("country", "day", "name"),
    [
        ("DE", "2026-10-03", "German Unity Day"),  # German by default, English on offer
        ("FR", "2026-07-14", "National Day"),
        ("JP", "2026-02-11", "Foundation Day"),
    ],
)
def test_holiday_names_are_english_where_the_package_has_english(
    country: str, day: str, name: str
) -> None:
    assert BusinessCalendar(country).holiday_name(d(day)) == name


@pytest.mark.parametrize(
    ("zone", "now", "today"),
    [
        ("Asia/Tokyo", datetime(2026, 3, 1, 15, 0, tzinfo=UTC), "2026-03-02"),
        ("America/Denver", datetime(2026, 3, 2, 6, 59, tzinfo=UTC), "2026-03-01"),
        # A clock reading without a zone is taken as UTC, whatever the zone asked for.
        ("Asia/Tokyo", datetime(2026, 3, 1, 23, 0), "2026-03-01"),
    ],
)
def test_today_in_a_zone(zone: str, now: datetime, today: str) -> None:
    assert today_in(zone, now) == d(today)


def test_a_missing_journal_file_says_which_and_why(tmp_path: Path) -> None:
    missing = tmp_path / "journal.json"
    with pytest.raises(JournalError) as caught:
        load_journal(missing)
    assert caught.value.problems == (f"{missing}: No such file or directory",)


def test_a_journal_error_lists_one_problem_a_line() -> None:
    assert str(JournalError(["acme: company: is required", "beta: role: is required"])) == (
        "acme: company: is required\nbeta: role: is required"
    )


def test_a_journal_that_starts_with_a_call_confirms_receipt_later() -> None:
    # A status update by phone is no follow-up attempt, but it is the first contact: as
    # for a sent reply, confirm receipt [7, 14] after Wed 4 Mar.
    called = {
        "type": "called",
        "at": "2026-03-04",
        "to": "hana",
        "outcome": "spoke",
        "purpose": "status_update",
    }
    steps = steps_of(application(contacts=[MANAGER], events=[called]), as_of=d("2026-03-04"))
    assert (steps[0].action, steps[0].due, steps[0].due_by) == (
        "confirm_receipt",
        d("2026-03-11"),
        d("2026-03-18"),
    )


def test_an_interview_booked_behind_another_future_event_still_counts() -> None:
    # As of Thu 5 Mar, a note dated Tue 10 Mar and the interview on Thu 12 Mar are both
    # ahead: the interview is still a scheduled one, so the stage is interviewing.
    events = [
        {"type": "applied", "at": "2026-03-02"},
        {"type": "sent", "at": "2026-03-10", "to": "hana", "purpose": "check_in"},
        interview("2026-03-12T10:00", "hana"),
    ]
    plan = plan_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-05"))
    assert plan.applications[0].stage == "interviewing"


def test_a_status_update_for_an_offer_without_a_deadline_says_no_date() -> None:
    interviewed = [{"type": "applied", "at": "2026-03-02"}, interview("2026-03-04T10:00", "hana")]
    offer = {"type": "heard", "at": "2026-03-10", "kind": "offer", "from": "hana"}
    beta = application("beta", company="Beta LLC", contacts=[MANAGER], events=[*interviewed, offer])
    acme = application("acme", contacts=[MANAGER], events=interviewed)
    steps = plan_of(acme, beta, as_of=d("2026-03-10")).applications[0].steps
    (update,) = [s for s in steps if s.action == "status_update"]
    assert update.reason.startswith(
        "You have an offer from Beta LLC. Let them know where things stand"
    )


def test_a_check_in_already_three_days_after_a_status_update_keeps_its_window() -> None:
    # Interview Mon 2 Mar; they expect to decide by Wed 4 Mar: check in add_bd(4 Mar, 2)
    # = Fri 6 Mar, by add_bd(4 Mar, 3) = Mon 9 Mar (§4.2 rule 2). A status update given
    # Tue 3 Mar holds the first follow-up until add_bd(3 Mar, 3) = Fri 6 Mar (§7): no
    # later than its own day, so it is not moved and its window stays as rule 2 gives it.
    events = [
        interview("2026-03-02T10:00", "hana"),
        {"type": "expectation", "at": "2026-03-02", "by": "2026-03-04"},
        {"type": "sent", "at": "2026-03-03", "to": "hana", "purpose": "status_update"},
    ]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-03"))
    check_in = next(s for s in steps if s.action == "check_in")
    assert (check_in.to, check_in.due, check_in.due_by) == (
        "hana",
        d("2026-03-06"),
        d("2026-03-09"),
    )


def test_a_check_in_a_day_short_of_three_after_a_status_update_moves() -> None:
    # The same with the status update on Wed 4 Mar: add_bd(4 Mar, 3) = Mon 9 Mar, later
    # than Fri 6 Mar, so the check-in moves to Mon 9 Mar, by two business days after
    # it, Wed 11 Mar (§7).
    events = [
        interview("2026-03-02T10:00", "hana"),
        {"type": "expectation", "at": "2026-03-02", "by": "2026-03-04"},
        {"type": "sent", "at": "2026-03-04", "to": "hana", "purpose": "status_update"},
    ]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-04"))
    check_in = next(s for s in steps if s.action == "check_in")
    assert (check_in.due, check_in.due_by) == (d("2026-03-09"), d("2026-03-11"))


def ladder_of(events: list[dict[str, Any]], as_of: str, **facts: Any) -> list[tuple[Any, ...]]:
    """(action, channel, due, projected) of each step but the thank-you notes."""
    app = application(contacts=[MANAGER], events=events, **facts)
    steps = steps_of(app, as_of=d(as_of))
    return [
        (s.action, s.channel, s.due.isoformat(), s.projected)
        for s in steps
        if s.action != "send_thank_you"
    ]


def test_a_promised_call_is_the_next_step_and_the_rest_is_projected() -> None:
    # Interview Mon 2 Mar; Hana promised to call by Wed 4 Mar: call her add_bd(4 Mar, 1)
    # = Thu 5 Mar (§4.2 rule 1), the next step. Projected after it: the call rung
    # add_bd(5 Mar, 3) = Tue 10 Mar, then move on add_bd(10 Mar, 10) = Tue 24 Mar.
    promised = {"type": "expectation", "at": "2026-03-02", "by": "2026-03-04", "via": "phone"}
    events = [interview("2026-03-02T10:00", "hana"), {**promised, "from": "hana"}]
    assert ladder_of(events, "2026-03-02") == [
        ("call", "phone", "2026-03-05", False),
        ("call", "phone", "2026-03-10", True),
        ("move_on", None, "2026-03-24", True),
    ]


@pytest.mark.parametrize(
    ("said", "call_rung"),
    [
        # Email-first: the call rung is a check-in email, add_bd(Mon 9, 3) = Thu 12 Mar
        # held a week after the first check-in, to Mon 16 Mar; move on add_bd(16, 10).
        ({"channel": "email"}, [("check_in", "email", "2026-03-16", True)]),
        # Calls ruled out: a letter on Thu 12 Mar (no weekly limit); move on add_bd(12, 10).
        ({"no_calls": True}, [("send_letter", "letter", "2026-03-12", True)]),
    ],
)
def test_a_call_rung_turned_written_is_still_projected(
    said: dict[str, Any], call_rung: list[tuple[Any, ...]]
) -> None:
    # Interview Mon 2 Mar at a corporation: check in [7, 10] days after, Mon 9 Mar
    # (the next step); the rungs after it are projected, whatever they became.
    events = [interview("2026-03-02T10:00", "hana"), direction("2026-03-02", **said)]
    move_on = "2026-03-30" if "channel" in said else "2026-03-26"
    assert ladder_of(events, "2026-03-02") == [
        ("check_in", "email", "2026-03-09", False),
        *call_rung,
        ("move_on", None, move_on, True),
    ]


def status_updates(acme_events: list[dict[str, Any]], offer_at: str, as_of: str) -> list[Any]:
    """The status updates acme owes for beta's offer (no deadline)."""
    offer = {"type": "heard", "at": offer_at, "kind": "offer", "from": "hana"}
    beta_events = [{"type": "applied", "at": "2026-02-16"}, interview("2026-02-23T10:00"), offer]
    beta = application("beta", company="Beta LLC", contacts=[MANAGER], events=beta_events)
    acme = application("acme", contacts=[MANAGER], events=acme_events)
    steps = plan_of(acme, beta, as_of=d(as_of)).applications[0].steps
    return [(s.channel, s.to, s.due, s.due_by) for s in steps if s.action == "status_update"]


def test_an_interview_on_the_offers_day_is_told_of_the_offer() -> None:
    # §7: an interview *on or before* the offer's date. Interview Tue 10 Mar at 09:00,
    # the offer that afternoon: a call to Hana due Tue 10 Mar, by add_bd(10 Mar, 1).
    acme = [{"type": "applied", "at": "2026-03-02"}, interview("2026-03-10T09:00", "hana")]
    assert status_updates(acme, "2026-03-10T14:00", "2026-03-10") == [
        ("phone", "hana", d("2026-03-10"), d("2026-03-11"))
    ]


def test_a_call_unanswered_on_the_offers_day_moves_the_status_update() -> None:
    # Offer Tue 10 Mar at 09:00; the status-update call to Hana at 15:00 went unanswered:
    # try again the next business day, Wed 11 Mar, by add_bd(11 Mar, 2) = Fri 13 Mar (§6).
    acme = [
        {"type": "applied", "at": "2026-03-02"},
        interview("2026-03-04T10:00", "hana"),
        {"type": "called", "at": "2026-03-10T15:00", "to": "hana", "outcome": "no_answer"},
    ]
    assert status_updates(acme, "2026-03-10T09:00", "2026-03-10") == [
        ("phone", "hana", d("2026-03-11"), d("2026-03-13"))
    ]


def test_being_told_not_to_call_before_anything_else_plans_nothing() -> None:
    # A journal whose only event is "please don't call us": no anchor yet (§3 and §4
    # start from an application, an interview or something they said), so no step.
    heard = {"type": "heard", "at": "2026-03-02", "kind": "do_not_call", "from": "hana"}
    plan = plan_of(application(contacts=[MANAGER], events=[heard]), as_of=d("2026-03-02"))
    assert plan.applications[0].steps == ()


def test_a_second_series_of_unanswered_calls_moves_the_next_call() -> None:
    # Hana promised to call by Wed 4 Mar: call her Thu 5 Mar (§4.2 rule 1). Unanswered
    # Thu 5, Fri 6 and Mon 9 Mar: the third try is the rung's attempt (§6). The call
    # rung is then add_bd(Mon 9, 3) = Thu 12 Mar; unanswered that day too, it moves to
    # Fri 13 Mar, by add_bd(13 Mar, 2) = Tue 17 Mar; move on add_bd(13 Mar, 10) = Fri 27.
    promised = {"type": "expectation", "at": "2026-03-02", "by": "2026-03-04", "via": "phone"}
    events = [interview("2026-03-02T10:00", "hana"), {**promised, "from": "hana"}]
    for day in ("2026-03-05", "2026-03-06", "2026-03-09", "2026-03-12"):
        events.append(
            {"type": "called", "at": f"{day}T10:00", "to": "hana", "outcome": "no_answer"}
        )
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-12"))
    call, move_on = (s for s in steps if s.action != "send_thank_you")
    assert (call.action, call.due, call.due_by) == ("call", d("2026-03-13"), d("2026-03-17"))
    assert "Your call on Thu 12 Mar went unanswered (1 of 3 tries)" in call.reason
    assert (move_on.action, move_on.due) == ("move_on", d("2026-03-27"))


def first_check_in(events: list[dict[str, Any]], as_of: str) -> tuple[Any, ...]:
    app = application(contacts=[MANAGER], events=events, employer_kind="staffing_agency")
    steps = steps_of(app, as_of=d(as_of))
    step = next(s for s in steps if s.action == "check_in")
    return step.to, step.due, step.due_by


def test_a_status_update_given_on_the_interviews_day_holds_the_first_check_in() -> None:
    # Interview Fri 6 Mar at a staffing agency: check in [3, 5] days after, Mon 9 to
    # Wed 11 Mar. A status update given that same day holds it until add_bd(6 Mar, 3) =
    # Wed 11 Mar, by two business days after, Fri 13 Mar (§7).
    events = [
        interview("2026-03-06T10:00", "hana"),
        {"type": "sent", "at": "2026-03-06", "to": "hana", "purpose": "status_update"},
    ]
    assert first_check_in(events, "2026-03-06") == ("hana", d("2026-03-11"), d("2026-03-13"))


def test_a_status_update_before_their_reply_does_not_hold_the_new_ladder() -> None:
    # A status update given Thu 12 Mar, then Hana's reply on Fri 13 Mar starts the ladder
    # again (§5): check in [3, 5] days after the reply, Mon 16 to Wed 18 Mar. The status
    # update came before that anchor (add_bd(12 Mar, 3) = Tue 17 would hold it a day).
    events = [
        interview("2026-03-02T10:00", "hana"),
        {"type": "sent", "at": "2026-03-12", "to": "hana", "purpose": "status_update"},
        {"type": "heard", "at": "2026-03-13", "kind": "reply", "from": "hana"},
    ]
    assert first_check_in(events, "2026-03-13") == ("hana", d("2026-03-16"), d("2026-03-18"))

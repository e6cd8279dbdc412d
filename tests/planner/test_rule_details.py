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

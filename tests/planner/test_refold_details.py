"""Details of the rules that the mutation run after the fold's rewrite found untested.

Dates worked by hand on the US calendar (no holiday in March 2026); March 2026 starts
on a Sunday, so Mon 2, Mon 9, Mon 16, Mon 23 and Mon 30 March.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from followup.planner.model import Step

from .builders import MANAGER, RECRUITER, application, brief, d, plan_of, steps_of
from .test_rules import applied, heard, interview, sent


def _flags(steps: list[Step]) -> list[tuple[str, str | None, date, bool]]:
    return [(s.action, s.channel, s.due, s.projected) for s in steps]


# The next step is pending, the ones after it projected (the calendar feed and the
# week's view leave projected steps out, so a next step marked projected would vanish).


def test_a_phone_confirm_receipt_is_the_next_step_and_the_rest_projected() -> None:
    # Applied Mon 2 Mar: confirm receipt next_bd(9 Mar) = Mon 9; check in 7 days after
    # it, Mon 16; move on 14 days after that, Mon 30.
    steps = steps_of(
        application(contacts=[RECRUITER], events=[applied("2026-03-02")]), as_of=d("2026-03-02")
    )
    assert _flags(steps) == [
        ("confirm_receipt", "phone", d("2026-03-09"), False),
        ("check_in", "email", d("2026-03-16"), True),
        ("move_on", None, d("2026-03-30"), True),
    ]


def test_an_email_confirm_receipt_is_the_next_step_too() -> None:
    # An email-first industry (§6): the same days by email; the check-in, Mon 16, is
    # exactly a week after the confirm-receipt email, so it is not held.
    app = application(contacts=[RECRUITER], industry="new media", events=[applied("2026-03-02")])
    assert _flags(steps_of(app, as_of=d("2026-03-02"))) == [
        ("confirm_receipt", "email", d("2026-03-09"), False),
        ("check_in", "email", d("2026-03-16"), True),
        ("move_on", None, d("2026-03-30"), True),
    ]


def test_a_check_in_after_a_decision_date_is_the_next_step() -> None:
    # §4.2 rule 2: decision by Fri 6 Mar, check in add_bd(6, 2) = Tue 10 Mar.
    events = [
        interview("2026-03-02T10:00", "hana"),
        {"type": "expectation", "at": "2026-03-02T11:00", "by": "2026-03-06"},
    ]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-03"))
    check_in = next(s for s in steps if s.action == "check_in")
    assert (check_in.due, check_in.projected) == (d("2026-03-10"), False)


# §7: status updates --------------------------------------------------------------------


def _offer(day: str, *more: dict[str, Any]) -> dict[str, Any]:
    events = [applied("2026-02-16"), heard(f"{day}T15:00", "offer"), *more]
    return application("gamma", company="Gamma Media", events=events)


def test_a_status_update_is_a_pending_step_by_phone_or_email() -> None:
    # Offer Tue 10 Mar; Acme interviewed Mon 2 Mar: due Tue 10, by add_bd(10, 1) = Wed 11.
    for industry, channel in ((None, "phone"), ("new media", "email")):
        acme = application(
            contacts=[MANAGER], industry=industry, events=[interview("2026-03-02T10:00", "hana")]
        )
        steps = plan_of(acme, _offer("2026-03-10"), as_of=d("2026-03-10")).applications[0].steps
        (update,) = [s for s in steps if s.action == "status_update"]
        assert (update.channel, update.due, update.due_by, update.projected) == (
            channel,
            d("2026-03-10"),
            d("2026-03-11"),
            False,
        )


def test_only_an_interview_held_by_the_offers_day_asks_for_a_status_update() -> None:
    # Acme's interview is booked for Fri 20 Mar, after the offer (Tue 10 Mar, today):
    # no status update (§7), only the preparation, due prev_bd(19 Mar) = Thu 19, by Fri 20.
    acme = application(
        contacts=[MANAGER], events=[applied("2026-03-02"), interview("2026-03-20T10:00", "hana")]
    )
    steps = plan_of(acme, _offer("2026-03-10"), as_of=d("2026-03-10")).applications[0].steps
    assert brief(list(steps)) == [
        ("prepare_interview", None, "hana", d("2026-03-19"), d("2026-03-20"))
    ]


def _status_updates_given(*given: dict[str, Any]) -> list[Step]:
    # Interview Mon 2 Mar, offer elsewhere Tue 10 Mar, status updates given on Tue 10 and
    # Thu 12 Mar. The later one times the first follow-up (§7): the rules' check-in (no
    # date given, corporate [7, 10]: Mon 9 Mar) moves to add_bd(12 Mar, 3) = Tue 17, by
    # at least two business days later, Thu 19.
    acme = application(contacts=[MANAGER], events=[interview("2026-03-02T10:00", "hana"), *given])
    return list(plan_of(acme, _offer("2026-03-10"), as_of=d("2026-03-12")).applications[0].steps)


def test_the_latest_of_two_status_update_emails_times_the_check_in() -> None:
    steps = _status_updates_given(
        sent("2026-03-10", "hana", "status_update"), sent("2026-03-12", "hana", "status_update")
    )
    assert brief(steps[:1]) == [("check_in", "email", "hana", d("2026-03-17"), d("2026-03-19"))]


def test_the_latest_of_two_status_update_calls_times_the_check_in() -> None:
    def call(at: str) -> dict[str, Any]:
        return {
            "type": "called",
            "at": at,
            "to": "hana",
            "outcome": "spoke",
            "purpose": "status_update",
        }

    steps = _status_updates_given(call("2026-03-10"), call("2026-03-12"))
    assert brief(steps[:1]) == [("check_in", "email", "hana", d("2026-03-17"), d("2026-03-19"))]


# §7.1: withdrawing -----------------------------------------------------------------------


def test_a_withdrawal_sent_after_the_acceptance_ends_it_whatever_came_before() -> None:
    # Gamma's offer accepted Wed 11 Mar. Acme had a withdrawal sent Thu 5 Mar, before
    # the acceptance, and another Thu 12 Mar, after it: that one ends it (§7.1).
    accepted = {"type": "closed", "at": "2026-03-11T09:00", "reason": "accepted"}
    events = [
        interview("2026-03-02T10:00", "hana"),
        sent("2026-03-05", "hana", "withdraw"),
        sent("2026-03-12", "hana", "withdraw"),
    ]
    acme = application(contacts=[MANAGER], events=events)
    result = plan_of(acme, _offer("2026-03-10", accepted), as_of=d("2026-03-12"))
    assert result.applications[0].steps == ()

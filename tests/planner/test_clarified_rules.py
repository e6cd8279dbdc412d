"""The rules clarified on 2026-12-01 (follow-up-rules.md §2 to §7.1), one test each,
dates worked by hand.

March 2026: the 1st is a Sunday, so Mondays are the 2nd, 9th, 16th, 23rd and 30th;
1 April is a Wednesday. US federal holidays: none in March.
"""

from __future__ import annotations

from .builders import (
    INTERVIEWER,
    MANAGER,
    RECRUITER,
    application,
    brief,
    d,
    plan_of,
    steps_of,
)
from .test_rules import applied, called, heard, interview, sent, thanked

CAST = [RECRUITER, MANAGER]


def expected(at: str, by: str, via: str = "any", sender: str | None = None) -> dict[str, object]:
    event: dict[str, object] = {"type": "expectation", "at": at, "by": by, "via": via}
    if sender:
        event["from"] = sender
    return event


# §2: order within a day; only what has happened counts -----------------------------


def test_a_date_alone_comes_after_that_days_timed_events() -> None:
    # "We'll call by Fri 13 Mar", written down with the interview's date alone: it
    # follows the 10:00 interview, so it stands: call Hana add_bd(13 Mar, 1) = Mon 16.
    events = [
        interview("2026-03-06T10:00", "hana"),
        expected("2026-03-06", "2026-03-13", "phone", "hana"),
    ]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-07"))
    assert brief(steps[:2]) == [
        ("send_thank_you", "email", "hana", d("2026-03-06"), d("2026-03-07")),
        ("call", "phone", "hana", d("2026-03-16"), d("2026-03-18")),
    ]
    assert steps[1].window == "08:30-10:00"


def test_a_thank_you_with_a_date_alone_on_the_interview_day_counts() -> None:
    events = [interview("2026-03-06T10:00", "hana"), thanked("2026-03-06", "hana")]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-07"))
    assert [s.action for s in steps if s.action == "send_thank_you"] == []


def test_an_event_after_as_of_is_not_planned_from() -> None:
    # A check-in dated Fri 20 Mar has not happened on Tue 10 Mar: confirm receipt is
    # still the next step, [7, 14] days after Mon 2 Mar: Mon 9 to Mon 16 Mar.
    events = [applied("2026-03-02"), sent("2026-03-20", "rita", "check_in")]
    steps = steps_of(application(contacts=CAST, events=events), as_of=d("2026-03-10"))
    assert brief(steps[:1]) == [
        ("confirm_receipt", "phone", "rita", d("2026-03-09"), d("2026-03-16"))
    ]


# §3: who gets the check-in ----------------------------------------------------------


def test_the_check_in_goes_to_whoever_got_the_previous_attempt() -> None:
    # Receipt confirmed by email to Hana on Mon 9 Mar (the plan had Rita): check in with
    # Hana next_bd(16 Mar) = Mon 16 (by Wed 18); move on 14 days later, Mon 30 Mar (by Wed 1 Apr).
    events = [applied("2026-03-02"), sent("2026-03-09T10:00", "hana", "confirm_receipt")]
    steps = steps_of(application(contacts=CAST, events=events), as_of=d("2026-03-10"))
    assert brief(steps) == [
        ("check_in", "email", "hana", d("2026-03-16"), d("2026-03-18")),
        ("move_on", None, None, d("2026-03-30"), d("2026-04-01")),
    ]


# §4.0: scheduled interviews -----------------------------------------------------------


def test_preparing_is_due_today_when_the_business_day_before_has_passed() -> None:
    # Interview Mon 9 Mar: prev_bd(Sun 8 Mar) = Fri 6 Mar has passed on Sat 7 Mar.
    events = [applied("2026-03-02"), interview("2026-03-09T14:00")]
    steps = steps_of(application(contacts=CAST, events=events), as_of=d("2026-03-07"))
    assert brief(steps) == [("prepare_interview", None, None, d("2026-03-07"), d("2026-03-09"))]


def test_earlier_thank_yous_stand_while_the_next_interview_is_ahead() -> None:
    events = [interview("2026-03-02T10:00", "ivan"), interview("2026-03-09T14:00", "hana", "ivan")]
    app = application(contacts=[*CAST, INTERVIEWER], events=events)
    assert brief(steps_of(app, as_of=d("2026-03-03"))) == [
        ("send_thank_you", "email", "ivan", d("2026-03-02"), d("2026-03-03")),
        ("prepare_interview", None, "hana", d("2026-03-06"), d("2026-03-09")),
    ]
    # From its day on it is an ordinary interview: thank both on Mon 9 Mar, no preparing.
    on_the_day = steps_of(app, as_of=d("2026-03-09"))
    assert ("send_thank_you", "hana", d("2026-03-09")) in [
        (s.action, s.to, s.due) for s in on_the_day
    ]
    assert "prepare_interview" not in [s.action for s in on_the_day]


# §4.3: rung conditions are judged on what happened --------------------------------------


def test_escalation_needs_the_first_check_in_to_have_gone_to_recruiter_or_hr() -> None:
    # The first check-in went to nobody in particular (Thu 12 Mar): no escalation. The
    # call comes add_bd(12 Mar, 3) = Tue 17 (by Thu 19), to Hana; move on add_bd(17, 10) = Tue 31.
    events = [
        interview("2026-03-02T10:00", "ivan"),
        thanked("2026-03-02T18:00"),
        sent("2026-03-12", None),
    ]
    steps = steps_of(
        application(contacts=[*CAST, INTERVIEWER], events=events), as_of=d("2026-03-13")
    )
    assert brief(steps) == [
        ("call", "phone", "hana", d("2026-03-17"), d("2026-03-19")),
        ("move_on", None, None, d("2026-03-31"), d("2026-04-02")),
    ]


# §5: what comes back --------------------------------------------------------------------


def test_do_not_call_keeps_the_date_they_gave() -> None:
    # Decision by Fri 13 Mar: check in add_bd(13, 2) = Tue 17 (by Wed 18), to Rita; escalate
    # add_bd(17, 5) = Tue 24; the call becomes a letter add_bd(24, 3) = Fri 27.
    events = [
        interview("2026-03-02T10:00", "hana"),
        thanked("2026-03-02T18:00", "hana"),
        expected("2026-03-02T11:00", "2026-03-13"),
        heard("2026-03-04", "do_not_call", "hana"),
    ]
    steps = steps_of(application(contacts=CAST, events=events), as_of=d("2026-03-05"))
    assert brief(steps[:3]) == [
        ("check_in", "email", "rita", d("2026-03-17"), d("2026-03-18")),
        ("escalate", "email", "hana", d("2026-03-24"), d("2026-03-26")),
        ("send_letter", "letter", "hana", d("2026-03-27"), d("2026-03-31")),
    ]


def test_a_call_does_not_answer_a_request_for_information() -> None:
    base = [
        interview("2026-03-02T10:00", "hana"),
        thanked("2026-03-02T18:00", "hana"),
        heard("2026-03-10T09:00", "request_info", "hana"),
        called("2026-03-11T10:00", "hana", "spoke"),
    ]
    steps = steps_of(application(contacts=[MANAGER], events=base), as_of=d("2026-03-12"))
    assert brief(steps[:1]) == [("reply", "email", "hana", d("2026-03-10"), d("2026-03-11"))]
    written = [*base, sent("2026-03-12T09:00", "hana", "other")]
    steps = steps_of(application(contacts=[MANAGER], events=written), as_of=d("2026-03-12"))
    assert "reply" not in [s.action for s in steps]


def test_a_gracious_reply_is_owed_for_seven_days() -> None:
    app = application(
        contacts=[MANAGER], events=[applied("2026-02-20"), heard("2026-03-02", "rejection", "hana")]
    )
    assert [s.action for s in steps_of(app, as_of=d("2026-03-09"))] == ["reply_graciously"]
    assert steps_of(app, as_of=d("2026-03-10")) == []


# §6: unanswered calls -----------------------------------------------------------------


def test_an_unanswered_call_leaves_a_pending_check_in_email_alone() -> None:
    events = [interview("2026-03-02T10:00", "hana"), thanked("2026-03-02T18:00", "hana")]
    without = steps_of(application(contacts=CAST, events=events), as_of=d("2026-03-10"))
    with_call = steps_of(
        application(
            contacts=CAST, events=[*events, called("2026-03-10T10:00", "rita", "no_answer")]
        ),
        as_of=d("2026-03-10"),
    )
    assert with_call == without
    assert brief(with_call[:1]) == [("check_in", "email", "rita", d("2026-03-09"), d("2026-03-12"))]


def test_an_unanswered_call_never_moves_a_promised_call_earlier() -> None:
    # Promised by Fri 13 Mar: call Mon 16. Tried on Wed 11 and nobody answered: still Mon 16.
    events = [
        interview("2026-03-02T10:00", "hana"),
        thanked("2026-03-02T18:00", "hana"),
        expected("2026-03-02T11:00", "2026-03-13", "phone", "hana"),
        called("2026-03-11T10:00", "hana", "no_answer"),
    ]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-11"))
    assert brief(steps[:1]) == [("call", "phone", "hana", d("2026-03-16"), d("2026-03-18"))]


def test_the_third_unanswered_call_counts_and_the_ladder_goes_on_to_move_on() -> None:
    # Check-in to Hana Wed 11 Mar; call add_bd(11, 3) = Mon 16. Unanswered Mon 16 and
    # Tue 17: try again add_bd(17, 1) = Wed 18 (by Fri 20). Unanswered a third time on
    # Wed 18: that was the call; move on add_bd(18, 10) = Wed 1 Apr (by Fri 3 Apr).
    events = [
        interview("2026-03-02T10:00", "ivan"),
        thanked("2026-03-02T18:00"),
        sent("2026-03-11T09:00", "hana"),
        called("2026-03-16T10:00", "hana", "no_answer"),
        called("2026-03-17T10:00", "hana", "no_answer"),
    ]
    app = application(contacts=[MANAGER, INTERVIEWER], events=events)
    assert brief(steps_of(app, as_of=d("2026-03-17"))) == [
        ("call", "phone", "hana", d("2026-03-18"), d("2026-03-20")),
        ("move_on", None, None, d("2026-04-01"), d("2026-04-03")),
    ]
    third = application(
        contacts=[MANAGER, INTERVIEWER],
        events=[*events, called("2026-03-18T10:00", "hana", "no_answer")],
    )
    assert brief(steps_of(third, as_of=d("2026-03-18"))) == [
        ("move_on", None, None, d("2026-04-01"), d("2026-04-03"))
    ]


# §7: competing offers -------------------------------------------------------------------


def _interviewed(app_id: str, company: str, day: str) -> dict[str, object]:
    events = [interview(f"{day}T10:00", "hana"), thanked(f"{day}T18:00", "hana")]
    return application(app_id, company=company, contacts=[MANAGER], events=events)


def _offered(day: str, deadline: str | None = None, *more: dict[str, object]) -> dict[str, object]:
    extra = {"deadline": deadline} if deadline else {}
    events = [applied("2026-02-16"), heard(f"{day}T15:00", "offer", None, **extra), *more]
    return application("gamma", company="Gamma Media", events=events)


def test_only_applications_interviewed_by_the_offers_date_owe_a_status_update() -> None:
    # Offer Tue 10 Mar. Acme interviewed Mon 2 Mar: update due Tue 10, by add_bd(10, 1) =
    # Wed 11. Beta interviewed Wed 11 Mar, after the offer: owes nothing.
    result = plan_of(
        _interviewed("acme", "Acme Corp", "2026-03-02"),
        _interviewed("beta", "Beta Co", "2026-03-11"),
        _offered("2026-03-10"),
        as_of=d("2026-03-12"),
    )
    acme, beta = result.applications[0].steps, result.applications[1].steps
    assert brief([s for s in acme if s.action == "status_update"]) == [
        ("status_update", "phone", "hana", d("2026-03-10"), d("2026-03-11"))
    ]
    assert "status_update" not in [s.action for s in beta]


def test_an_offer_stops_standing_when_declined_or_after_fourteen_days() -> None:
    acme = _interviewed("acme", "Acme Corp", "2026-03-02")
    declined = _offered(
        "2026-03-10", None, {"type": "closed", "at": "2026-03-11", "reason": "withdrawn"}
    )
    actions = [
        s.action for s in plan_of(acme, declined, as_of=d("2026-03-12")).applications[0].steps
    ]
    assert "status_update" not in actions
    # Without a deadline it stands to Tue 24 Mar (10 Mar + 14 days), not on Wed 25.
    standing = plan_of(acme, _offered("2026-03-10"), as_of=d("2026-03-24")).applications[0].steps
    lapsed = plan_of(acme, _offered("2026-03-10"), as_of=d("2026-03-25")).applications[0].steps
    assert "status_update" in [s.action for s in standing]
    assert "status_update" not in [s.action for s in lapsed]


def test_the_first_follow_up_waits_three_business_days_after_a_pending_update() -> None:
    # Acme's check-in window after Mon 2 Mar is Mon 9 to Thu 12 Mar. The update is due Tue
    # 10 Mar: the check-in moves to add_bd(10, 3) = Fri 13 (by add_bd(13, 2) = Tue 17).
    result = plan_of(
        _interviewed("acme", "Acme Corp", "2026-03-02"),
        _offered("2026-03-10"),
        as_of=d("2026-03-10"),
    )
    assert brief(list(result.applications[0].steps[:2])) == [
        ("status_update", "phone", "hana", d("2026-03-10"), d("2026-03-11")),
        ("check_in", "email", "hana", d("2026-03-13"), d("2026-03-17")),
    ]


# §7.1: the offer itself, and the end of the search ------------------------------------------


def test_an_offer_without_a_deadline_is_decided_within_a_week() -> None:
    # add_bd(Tue 10 Mar, 5) = Tue 17 Mar, by add_bd(17, 2) = Thu 19.
    steps = plan_of(_offered("2026-03-10"), as_of=d("2026-03-11")).applications[0].steps
    assert brief(list(steps)) == [("decide_offer", None, None, d("2026-03-17"), d("2026-03-19"))]
    assert "No other application is open" in steps[0].reason


def test_an_offer_past_its_deadline_is_decided_today() -> None:
    steps = (
        plan_of(_offered("2026-03-10", "2026-03-13"), as_of=d("2026-03-16")).applications[0].steps
    )
    assert brief(list(steps)) == [("decide_offer", None, None, d("2026-03-16"), d("2026-03-16"))]
    assert "Fri 13 Mar" in steps[0].reason


def test_after_accepting_every_other_employer_gets_a_withdrawal_and_nothing_else() -> None:
    # Accepted Thu 12 Mar: withdraw next_bd(12) = Thu 12, by add_bd(12, 2) = Mon 16. Acme
    # (interviewed) hears from you via the hiring manager; Beta (recruiter, interviewer)
    # via the recruiter; Delta (applied, nobody known) gets nothing.
    accepted = _offered(
        "2026-03-10", None, {"type": "closed", "at": "2026-03-12T16:00", "reason": "accepted"}
    )
    beta = application(
        "beta", company="Beta Co", contacts=[INTERVIEWER, RECRUITER], events=[applied("2026-03-02")]
    )
    delta = application("delta", company="Delta Co", events=[applied("2026-03-11")])
    result = plan_of(
        _interviewed("acme", "Acme Corp", "2026-03-02"),
        beta,
        accepted,
        delta,
        as_of=d("2026-03-12"),
    )
    acme_steps, beta_steps, gamma_steps, delta_steps = (list(a.steps) for a in result.applications)
    assert brief(acme_steps) == [("withdraw", "email", "hana", d("2026-03-12"), d("2026-03-16"))]
    assert brief(beta_steps) == [("withdraw", "email", "rita", d("2026-03-12"), d("2026-03-16"))]
    assert gamma_steps == delta_steps == []
    assert result.nudges == ()
    told = dict(_interviewed("acme", "Acme Corp", "2026-03-02"))
    told["events"] = [*told["events"], sent("2026-03-13T09:00", "hana", "withdraw")]
    assert plan_of(told, accepted, as_of=d("2026-03-13")).applications[0].steps == ()


# Reasons read naturally ------------------------------------------------------------------


def test_a_promised_call_from_nobody_named_reads_naturally() -> None:
    events = [
        interview("2026-03-02T10:00"),
        thanked("2026-03-02T18:00"),
        expected("2026-03-02T11:00", "2026-03-13", "phone"),
    ]
    steps = steps_of(application(events=events), as_of=d("2026-03-16"))
    assert steps[0].reason.startswith("They said they would call by Fri 13 Mar")
    assert "them said" not in " ".join(s.reason for s in steps).lower()

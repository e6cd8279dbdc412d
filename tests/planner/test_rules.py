"""One test (at least) per rule of the spec (follow-up-rules.md), with dates worked by hand.

Calendar used: US federal holidays, weekends, year-end slowdown. In March 2026 the
1st is a Sunday, so Mondays are the 2nd, 9th, 16th, 23rd and 30th.
"""

from __future__ import annotations

import pytest

from .builders import (
    ASSISTANT,
    HR,
    INSIDER,
    INTERVIEWER,
    MANAGER,
    RECRUITER,
    application,
    brief,
    d,
    plan_of,
    steps_of,
)


def applied(at: str) -> dict[str, str]:
    return {"type": "applied", "at": at, "channel": "online"}


def interview(at: str, *who: str, final: bool = False) -> dict[str, object]:
    return {"type": "interview", "at": at, "with": list(who), "final": final}


def thanked(at: str, to: str | None = None) -> dict[str, object]:
    return {"type": "sent", "at": at, "channel": "email", "to": to, "purpose": "thank_you"}


def sent(at: str, to: str | None, purpose: str = "check_in") -> dict[str, object]:
    return {"type": "sent", "at": at, "channel": "email", "to": to, "purpose": purpose}


def called(at: str, to: str, outcome: str) -> dict[str, object]:
    return {"type": "called", "at": at, "to": to, "outcome": outcome}


def heard(at: str, kind: str, sender: str | None = None, **extra: object) -> dict[str, object]:
    return {"type": "heard", "at": at, "from": sender, "kind": kind, **extra}


# §3: after an application, before any interview ------------------------------------


def test_confirm_receipt_by_phone_to_recruiter_one_to_two_weeks_after_applying() -> None:
    app = application(contacts=[MANAGER, RECRUITER], events=[applied("2026-03-02")])
    steps = steps_of(app, as_of=d("2026-03-04"))
    assert brief(steps[:1]) == [
        ("confirm_receipt", "phone", "rita", d("2026-03-09"), d("2026-03-16"))
    ]
    assert steps[0].window == "09:30-11:30"
    assert steps[0].leave_message is True
    assert steps[0].sources == ("nm-dws", "crowe")


def test_confirm_receipt_for_government_waits_two_to_four_weeks() -> None:
    app = application(employer_kind="government", contacts=[HR], events=[applied("2026-03-02")])
    assert brief(steps_of(app, as_of=d("2026-03-04"))[:1]) == [
        ("confirm_receipt", "phone", "hal", d("2026-03-16"), d("2026-03-30"))
    ]


def test_confirm_receipt_goes_to_hiring_manager_else_nobody() -> None:
    with_manager = application(contacts=[MANAGER], events=[applied("2026-03-02")])
    nobody = application(events=[applied("2026-03-02")])
    assert steps_of(with_manager, as_of=d("2026-03-04"))[0].to == "hana"
    assert steps_of(nobody, as_of=d("2026-03-04"))[0].to is None


def test_confirm_receipt_by_email_when_calls_are_ruled_out() -> None:
    app = application(
        contacts=[HR],
        posting_text="Apply online. Please do not call.",
        events=[applied("2026-03-02")],
    )
    step = steps_of(app, as_of=d("2026-03-04"))[0]
    assert (step.action, step.channel, step.window, step.leave_message) == (
        "confirm_receipt",
        "email",
        None,
        None,
    )


def test_before_interview_the_ladder_is_check_in_then_move_on() -> None:
    events = [applied("2026-03-02"), called("2026-03-09T10:00", "hal", "voicemail")]
    steps = steps_of(application(contacts=[HR], events=events), as_of=d("2026-03-10"))
    assert brief(steps) == [
        ("check_in", "email", "hal", d("2026-03-16"), d("2026-03-18")),
        ("move_on", None, None, d("2026-03-30"), d("2026-04-01")),
    ]
    assert steps[1].projected


def test_before_interview_move_on_fourteen_days_after_the_check_in() -> None:
    events = [
        applied("2026-03-02"),
        called("2026-03-09", "hal", "voicemail"),
        sent("2026-03-16", "hal"),
    ]
    assert brief(steps_of(application(contacts=[HR], events=events), as_of=d("2026-03-17"))) == [
        ("move_on", None, None, d("2026-03-30"), d("2026-04-01"))
    ]


def test_a_saved_application_has_no_steps() -> None:
    result = plan_of(application(), as_of=d("2026-03-04"))
    assert result.applications[0].stage == "saved"
    assert result.applications[0].steps == ()


# §4.1: thank-you notes ----------------------------------------------------------


def test_one_thank_you_per_interviewer_due_that_day_by_the_next() -> None:
    app = application(
        contacts=[MANAGER, INTERVIEWER], events=[interview("2026-03-10T10:00", "hana", "ivan")]
    )
    steps = steps_of(app, as_of=d("2026-03-10"))
    assert brief(steps[:2]) == [
        ("send_thank_you", "email", "hana", d("2026-03-10"), d("2026-03-11")),
        ("send_thank_you", "email", "ivan", d("2026-03-10"), d("2026-03-11")),
    ]


def test_thank_you_due_by_is_the_next_calendar_day_even_a_saturday() -> None:
    app = application(contacts=[MANAGER], events=[interview("2026-03-06T15:00", "hana")])
    assert brief(steps_of(app, as_of=d("2026-03-06"))[:1]) == [
        ("send_thank_you", "email", "hana", d("2026-03-06"), d("2026-03-07"))
    ]


def test_a_sent_thank_you_satisfies_only_its_interviewer() -> None:
    events = [interview("2026-03-10T10:00", "hana", "ivan"), thanked("2026-03-10T18:00", "hana")]
    steps = steps_of(
        application(contacts=[MANAGER, INTERVIEWER], events=events), as_of=d("2026-03-11")
    )
    assert [(s.action, s.to) for s in steps if s.action == "send_thank_you"] == [
        ("send_thank_you", "ivan")
    ]


def test_thank_you_without_interviewers_goes_to_nobody_and_any_note_satisfies_it() -> None:
    owed = application(events=[interview("2026-03-10T10:00")])
    assert [(s.action, s.to) for s in steps_of(owed, as_of=d("2026-03-10"))][:1] == [
        ("send_thank_you", None)
    ]
    done = application(
        contacts=[MANAGER], events=[interview("2026-03-10T10:00"), thanked("2026-03-10", "hana")]
    )
    assert all(s.action != "send_thank_you" for s in steps_of(done, as_of=d("2026-03-10")))


def test_thank_you_stays_overdue_for_seven_days_then_drops() -> None:
    app = application(contacts=[MANAGER], events=[interview("2026-03-10T10:00", "hana")])
    assert steps_of(app, as_of=d("2026-03-17"))[0].action == "send_thank_you"
    assert all(s.action != "send_thank_you" for s in steps_of(app, as_of=d("2026-03-18")))


def test_thank_you_before_the_interview_does_not_count() -> None:
    events = [thanked("2026-03-03", "hana"), interview("2026-03-10T10:00", "hana")]
    assert (
        steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-10"))[0].action
        == "send_thank_you"
    )


# §4.2: the first follow-up --------------------------------------------------------


def test_promised_call_missed_means_calling_first_thing_next_business_day() -> None:
    events = [
        interview("2026-03-02T10:00", "hana"),
        thanked("2026-03-02", "hana"),
        {
            "type": "expectation",
            "at": "2026-03-02T11:00",
            "by": "2026-03-06",
            "via": "phone",
            "from": "hana",
        },
    ]
    steps = steps_of(
        application(employer_kind="small_business", contacts=[MANAGER], events=events),
        as_of=d("2026-03-09"),
    )
    assert brief(steps[:1]) == [("call", "phone", "hana", d("2026-03-09"), d("2026-03-11"))]
    assert (steps[0].window, steps[0].leave_message, steps[0].sources) == (
        "08:30-10:00",
        True,
        ("forbes",),
    )


def test_promised_call_becomes_a_check_in_email_when_calls_are_ruled_out() -> None:
    events = [
        {"type": "directions", "at": "2026-02-20", "no_calls": True},
        interview("2026-03-02T10:00", "hana"),
        thanked("2026-03-02", "hana"),
        {
            "type": "expectation",
            "at": "2026-03-02T11:00",
            "by": "2026-03-06",
            "via": "phone",
            "from": "hana",
        },
    ]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-09"))
    assert brief(steps[:1]) == [("check_in", "email", "hana", d("2026-03-10"), d("2026-03-11"))]


def test_decision_date_means_checking_in_two_to_three_business_days_after() -> None:
    events = [
        interview("2026-03-02T10:00", "hana"),
        thanked("2026-03-02", "hana"),
        {
            "type": "expectation",
            "at": "2026-03-02T11:00",
            "by": "2026-03-06",
            "via": "email",
            "from": "hana",
        },
    ]
    steps = steps_of(
        application(contacts=[MANAGER, RECRUITER], events=events), as_of=d("2026-03-04")
    )
    assert brief(steps[:1]) == [("check_in", "email", "rita", d("2026-03-10"), d("2026-03-11"))]
    assert steps[0].sources == ("quast",)


@pytest.mark.parametrize(
    ("kind", "due", "due_by"),
    [
        (
            "small_business",
            "2026-03-09",
            "2026-03-09",
        ),  # 7 Mar is a Saturday: the window shrinks to Monday
        ("startup", "2026-03-09", "2026-03-09"),
        ("unknown", "2026-03-09", "2026-03-09"),
        ("corporate", "2026-03-09", "2026-03-12"),
        ("nonprofit", "2026-03-09", "2026-03-12"),
        ("staffing_agency", "2026-03-05", "2026-03-06"),
        ("government", "2026-03-23", "2026-03-30"),
    ],
)
def test_no_date_given_waits_the_employer_kinds_window(kind: str, due: str, due_by: str) -> None:
    events = [interview("2026-03-02T10:00", "hana"), thanked("2026-03-02", "hana")]
    steps = steps_of(
        application(employer_kind=kind, contacts=[MANAGER], events=events), as_of=d("2026-03-03")
    )
    assert brief(steps[:1]) == [("check_in", "email", "hana", d(due), d(due_by))]


@pytest.mark.parametrize(
    ("contacts", "expected"),
    [
        ([INTERVIEWER, MANAGER, HR], "hal"),
        ([INTERVIEWER, MANAGER], "hana"),
        ([INTERVIEWER], "ivan"),
    ],
)
def test_first_check_in_goes_to_recruiter_or_hr_then_manager_then_interviewer(
    contacts: list[dict[str, str]], expected: str
) -> None:
    events = [interview("2026-03-02T10:00", "ivan"), thanked("2026-03-02")]
    assert (
        steps_of(application(contacts=contacts, events=events), as_of=d("2026-03-03"))[0].to
        == expected
    )


# §4.3: the ladder when nobody answers ---------------------------------------------

FULL_CAST = [RECRUITER, INSIDER, MANAGER]
INTERVIEWED = [interview("2026-03-02T10:00", "hana"), thanked("2026-03-02T17:00", "hana")]


def test_the_whole_ladder_projected_from_the_interview() -> None:
    steps = steps_of(application(contacts=FULL_CAST, events=INTERVIEWED), as_of=d("2026-03-03"))
    assert brief(steps) == [
        ("check_in", "email", "rita", d("2026-03-09"), d("2026-03-12")),
        ("ask_insider", "email", "ines", d("2026-03-12"), d("2026-03-16")),
        ("escalate", "email", "hana", d("2026-03-19"), d("2026-03-23")),
        ("call", "phone", "hana", d("2026-03-24"), d("2026-03-26")),
        ("move_on", None, None, d("2026-04-07"), d("2026-04-09")),
    ]
    assert [s.projected for s in steps] == [False, True, True, True, True]


def test_each_attempt_completes_the_next_rung_timed_from_the_attempt() -> None:
    events = [*INTERVIEWED, sent("2026-03-10", "rita")]
    steps = steps_of(application(contacts=FULL_CAST, events=events), as_of=d("2026-03-11"))
    assert brief(steps[:1]) == [("ask_insider", "email", "ines", d("2026-03-13"), d("2026-03-17"))]
    events.append(sent("2026-03-13", "ines", "ask_insider"))
    steps = steps_of(application(contacts=FULL_CAST, events=events), as_of=d("2026-03-16"))
    assert brief(steps[:1]) == [("escalate", "email", "hana", d("2026-03-20"), d("2026-03-24"))]


def test_any_channel_counts_as_an_attempt() -> None:
    events = [*INTERVIEWED, called("2026-03-10T10:00", "rita", "assistant")]
    assert (
        steps_of(application(contacts=FULL_CAST, events=events), as_of=d("2026-03-11"))[0].action
        == "ask_insider"
    )


def test_rungs_without_their_people_are_skipped() -> None:
    # No insider, and the first check-in goes to the hiring manager: no escalation.
    steps = steps_of(application(contacts=[MANAGER], events=INTERVIEWED), as_of=d("2026-03-03"))
    assert [s.action for s in steps] == ["check_in", "call", "move_on"]
    assert brief(steps[1:2]) == [("call", "phone", "hana", d("2026-03-12"), d("2026-03-16"))]


def test_call_goes_to_the_interviewer_without_a_hiring_manager() -> None:
    events = [interview("2026-03-02T10:00", "ivan"), thanked("2026-03-02")]
    steps = steps_of(application(contacts=[INTERVIEWER], events=events), as_of=d("2026-03-03"))
    assert [(s.action, s.to) for s in steps] == [
        ("check_in", "ivan"),
        ("call", "ivan"),
        ("move_on", None),
    ]


def test_government_move_on_waits_twenty_business_days() -> None:
    events = [
        *INTERVIEWED,
        sent("2026-03-30", "hana"),
        called("2026-04-06T10:00", "hana", "voicemail"),
    ]
    steps = steps_of(
        application(employer_kind="government", contacts=[MANAGER], events=events),
        as_of=d("2026-04-07"),
    )
    # 20 business days after Mon 6 Apr 2026 (Memorial Day is later): Mon 4 May.
    assert brief(steps) == [("move_on", None, None, d("2026-05-04"), d("2026-05-06"))]


def test_move_on_is_the_last_rung_and_stays() -> None:
    events = [
        *INTERVIEWED,
        sent("2026-03-09", "hana"),
        called("2026-03-12T10:00", "hana", "voicemail"),
    ]
    for as_of in ("2026-03-13", "2026-04-30"):
        steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d(as_of))
        assert brief(steps) == [("move_on", None, None, d("2026-03-26"), d("2026-03-30"))]


def test_projection_starts_from_today_when_the_next_step_is_overdue() -> None:
    steps = steps_of(application(contacts=[MANAGER], events=INTERVIEWED), as_of=d("2026-03-20"))
    assert brief(steps[:2]) == [
        ("check_in", "email", "hana", d("2026-03-09"), d("2026-03-12")),
        ("call", "phone", "hana", d("2026-03-25"), d("2026-03-27")),
    ]


# §5: what comes back ------------------------------------------------------------


def test_a_reply_without_a_date_restarts_the_ladder_from_it() -> None:
    events = [*INTERVIEWED, sent("2026-03-09", "hana"), heard("2026-03-12T09:00", "reply", "hana")]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-12"))
    # Corporate [7, 10] days after Thu 12 Mar: Thu 19 to Sun 22, so by Fri 20.
    assert brief(steps[:1]) == [("check_in", "email", "hana", d("2026-03-19"), d("2026-03-20"))]


def test_a_new_date_means_checking_in_after_it() -> None:
    events = [*INTERVIEWED, heard("2026-03-12", "new_date", "hana", by="2026-03-20")]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-12"))
    assert brief(steps[:1]) == [("check_in", "email", "hana", d("2026-03-24"), d("2026-03-25"))]


def test_a_new_date_by_phone_means_a_call_after_it() -> None:
    events = [*INTERVIEWED, heard("2026-03-12", "new_date", "hana", by="2026-03-20", via="phone")]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-12"))
    assert brief(steps[:1]) == [("call", "phone", "hana", d("2026-03-23"), d("2026-03-25"))]


def test_a_request_for_information_is_answered_within_a_business_day() -> None:
    events = [*INTERVIEWED, heard("2026-03-13T16:00", "request_info", "rita")]
    steps = steps_of(application(contacts=FULL_CAST, events=events), as_of=d("2026-03-13"))
    assert brief(steps[:1]) == [("reply", "email", "rita", d("2026-03-13"), d("2026-03-16"))]
    events.append(sent("2026-03-16", "rita", "other"))
    assert all(
        s.action != "reply"
        for s in steps_of(application(contacts=FULL_CAST, events=events), as_of=d("2026-03-16"))
    )


def test_an_interview_invite_waits_for_the_interview() -> None:
    events = [applied("2026-03-02"), heard("2026-03-05", "interview_invite", "rita")]
    assert steps_of(application(contacts=[RECRUITER], events=events), as_of=d("2026-03-20")) == []


def test_a_booked_interview_in_the_future_holds_follow_ups_and_asks_to_prepare() -> None:
    # §4.0: Wed 25 Mar: prepare on prev_bd(Tue 24 Mar) = Tue 24, by the interview's day.
    events = [applied("2026-03-02"), interview("2026-03-25T10:00", "hana")]
    result = plan_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-20"))
    assert result.applications[0].stage == "interviewing"
    assert brief(list(result.applications[0].steps)) == [
        ("prepare_interview", None, "hana", d("2026-03-24"), d("2026-03-25"))
    ]
    assert "Wed 25 Mar, 10:00 with Hana Kim" in result.applications[0].steps[0].reason


def test_a_rejection_closes_it_with_a_gracious_reply_owed() -> None:
    events = [*INTERVIEWED, heard("2026-03-13T16:00", "rejection", "hana")]
    result = plan_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-14"))
    item = result.applications[0]
    assert item.stage == "closed"
    assert brief(list(item.steps)) == [
        ("reply_graciously", "email", "hana", d("2026-03-13"), d("2026-03-17"))
    ]
    assert item.steps[0].sources == ("nm-dws", "crowe")


@pytest.mark.parametrize("purpose", ["reply_graciously", "reply"])
def test_the_gracious_reply_is_satisfied_by_a_reply(purpose: str) -> None:
    events = [
        *INTERVIEWED,
        heard("2026-03-13", "rejection", "hana"),
        sent("2026-03-16", "hana", purpose),
    ]
    assert steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-16")) == []


def test_do_not_call_rules_out_calls_from_then_on() -> None:
    events = [*INTERVIEWED, heard("2026-03-04", "do_not_call", "hana")]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-05"))
    assert [s.channel for s in steps] == ["email", "letter", None]
    assert steps[1].action == "send_letter"


def test_do_not_contact_leaves_only_moving_on_after_twenty_business_days() -> None:
    events = [*INTERVIEWED, heard("2026-03-04", "do_not_contact", "hana")]
    # 20 business days after Wed 4 Mar: Wed 1 Apr.
    assert brief(
        steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-05"))
    ) == [("move_on", None, None, d("2026-04-01"), d("2026-04-03"))]


def test_an_offer_needs_no_follow_up_only_a_decision() -> None:
    # §7.1: deadline Fri 20 Mar: decide by prev_bd(Thu 19 Mar) = Thu 19, at the latest Fri 20.
    events = [*INTERVIEWED, heard("2026-03-10", "offer", "hana", deadline="2026-03-20")]
    item = plan_of(
        application(contacts=[MANAGER], events=events), as_of=d("2026-03-11")
    ).applications[0]
    assert item.stage == "offer"
    assert brief(list(item.steps)) == [
        ("decide_offer", None, None, d("2026-03-19"), d("2026-03-20"))
    ]
    assert "by Fri 20 Mar" in item.steps[0].reason


def test_a_spoken_call_counts_as_an_answer() -> None:
    events = [*INTERVIEWED, sent("2026-03-09", "hana"), called("2026-03-12T10:00", "hana", "spoke")]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-12"))
    assert brief(steps[:1]) == [("check_in", "email", "hana", d("2026-03-19"), d("2026-03-20"))]


# §6: channel etiquette ------------------------------------------------------------


def test_no_calls_turns_the_call_into_a_letter_on_the_same_day() -> None:
    app = application(
        contacts=[MANAGER], posting_text="No phone calls, please.", events=INTERVIEWED
    )
    steps = steps_of(app, as_of=d("2026-03-03"))
    assert brief(steps[1:2]) == [
        ("send_letter", "letter", "hana", d("2026-03-12"), d("2026-03-16"))
    ]
    assert "phone-call" in steps[1].sources


@pytest.mark.parametrize(
    "preference", [{"industry": "Online Media"}, {"posting_text": "Contact us by email only."}]
)
def test_email_first_industry_turns_the_call_into_a_check_in_email(
    preference: dict[str, str],
) -> None:
    app = application(contacts=[MANAGER], events=INTERVIEWED, **preference)
    steps = steps_of(app, as_of=d("2026-03-03"))
    # The call rung (3 business days after 9 Mar) is an email: held a week after the first.
    assert brief(steps[1:2]) == [("check_in", "email", "hana", d("2026-03-16"), d("2026-03-18"))]


def test_email_directions_mean_email_first_and_phone_directions_undo_the_industry() -> None:
    email = application(
        contacts=[MANAGER],
        events=[{"type": "directions", "at": "2026-03-01", "channel": "email"}, *INTERVIEWED],
    )
    phone = application(
        contacts=[MANAGER],
        industry="online media",
        events=[{"type": "directions", "at": "2026-03-01", "channel": "phone"}, *INTERVIEWED],
    )
    assert "phone" not in [s.channel for s in steps_of(email, as_of=d("2026-03-03"))]
    assert "phone" in [s.channel for s in steps_of(phone, as_of=d("2026-03-03"))]


def test_one_follow_up_email_a_week_holds_a_rung() -> None:
    events = [*INTERVIEWED, sent("2026-03-09", "rita")]
    steps = steps_of(
        application(contacts=[RECRUITER, MANAGER], events=events),
        as_of=d("2026-03-10"),
        policy={"escalate_delay": 2},
    )
    # The escalation would be due Wed 11 Mar; a week after the 9th is Mon 16 Mar.
    assert brief(steps[:1]) == [("escalate", "email", "hana", d("2026-03-16"), d("2026-03-18"))]
    assert "one follow-up email a week" in steps[0].reason


def test_insider_emails_neither_obey_nor_count_toward_the_weekly_limit() -> None:
    events = [*INTERVIEWED, sent("2026-03-09", "rita"), sent("2026-03-12", "ines", "ask_insider")]
    steps = steps_of(
        application(contacts=FULL_CAST, events=events),
        as_of=d("2026-03-12"),
        policy={"escalate_delay": 1},
    )
    # Escalation 1 business day after the insider ask (Fri 13) is held to Mon 16 by the
    # recruiter email of the 9th, not by the insider email of the 12th (which would be the 19th).
    assert brief(steps[:1]) == [("escalate", "email", "hana", d("2026-03-16"), d("2026-03-18"))]
    quick_insider = steps_of(
        application(contacts=FULL_CAST, events=[*INTERVIEWED, sent("2026-03-09", "rita")]),
        as_of=d("2026-03-10"),
    )
    assert brief(quick_insider[:1]) == [
        ("ask_insider", "email", "ines", d("2026-03-12"), d("2026-03-16"))
    ]


def test_after_a_voicemail_later_calls_leave_no_message() -> None:
    events = [
        *INTERVIEWED,
        called("2026-03-09T10:00", "hana", "voicemail"),
        heard("2026-03-10", "update", "hana"),
    ]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-10"))
    call = next(s for s in steps if s.action == "call")
    assert call.leave_message is False


def test_unanswered_calls_are_retried_next_day_and_the_third_counts() -> None:
    base = [*INTERVIEWED, sent("2026-03-09", "hana")]
    one = [*base, called("2026-03-12T10:00", "hana", "no_answer")]
    steps = steps_of(application(contacts=[MANAGER], events=one), as_of=d("2026-03-12"))
    assert brief(steps[:1]) == [("call", "phone", "hana", d("2026-03-13"), d("2026-03-17"))]
    assert steps[0].leave_message is True
    three = [
        *one,
        called("2026-03-13T10:00", "hana", "no_answer"),
        called("2026-03-16T10:00", "hana", "no_answer"),
    ]
    steps = steps_of(application(contacts=[MANAGER], events=three), as_of=d("2026-03-16"))
    assert brief(steps) == [("move_on", None, None, d("2026-03-30"), d("2026-04-01"))]


def test_an_assistant_contact_is_there_for_the_call_sheet() -> None:
    app = application(contacts=[MANAGER, ASSISTANT], events=INTERVIEWED)
    assert [s.action for s in steps_of(app, as_of=d("2026-03-03"))] == [
        "check_in",
        "call",
        "move_on",
    ]


# §7: a competing offer --------------------------------------------------------------


def test_an_offer_prompts_a_status_update_to_other_interviewing_applications() -> None:
    offer = application(
        "beta",
        company="Beta LLC",
        contacts=[MANAGER],
        events=[*INTERVIEWED, heard("2026-03-10T15:00", "offer", "hana", deadline="2026-03-13")],
    )
    other = application("acme", contacts=[RECRUITER, MANAGER], events=[*INTERVIEWED])
    applied_only = application("gamma", events=[applied("2026-03-02")])
    result = plan_of(other, offer, applied_only, as_of=d("2026-03-10"))
    steps = list(result.applications[0].steps)
    # The status update comes first; the check-in (due 9 Mar) is then timed from it:
    # 3 business days after Tue 10 Mar. The escalation follows 5 business days later.
    assert brief(steps) == [
        ("status_update", "phone", "hana", d("2026-03-10"), d("2026-03-11")),
        ("check_in", "email", "rita", d("2026-03-13"), d("2026-03-17")),
        ("escalate", "email", "hana", d("2026-03-20"), d("2026-03-24")),
        ("call", "phone", "hana", d("2026-03-25"), d("2026-03-27")),
        ("move_on", None, None, d("2026-04-08"), d("2026-04-10")),
    ]
    assert "Beta LLC" in steps[0].reason
    assert all(s.action != "status_update" for s in result.applications[2].steps)


def test_status_update_is_due_by_the_day_before_a_close_deadline() -> None:
    offer = application(
        "beta",
        company="Beta LLC",
        contacts=[MANAGER],
        events=[*INTERVIEWED, heard("2026-03-13", "offer", deadline="2026-03-16")],
    )
    other = application(
        "acme", contacts=[MANAGER], posting_text="Please do not call.", events=[*INTERVIEWED]
    )
    step = next(
        s
        for s in plan_of(other, offer, as_of=d("2026-03-13")).applications[0].steps
        if s.action == "status_update"
    )
    # Offer Fri 13: due Fri 13, by min(Mon 16, prev_bd(Mon 16)) = Mon 16; by email (no calls).
    assert brief([step]) == [("status_update", "email", "hana", d("2026-03-13"), d("2026-03-16"))]


def test_a_status_update_sent_after_the_offer_is_done() -> None:
    offer = application(
        "beta",
        company="Beta LLC",
        contacts=[MANAGER],
        events=[*INTERVIEWED, heard("2026-03-10", "offer")],
    )
    other = application(
        "acme",
        contacts=[MANAGER],
        events=[*INTERVIEWED, sent("2026-03-10", "hana", "status_update")],
    )
    assert all(
        s.action != "status_update"
        for s in plan_of(other, offer, as_of=d("2026-03-11")).applications[0].steps
    )


# §8: nudges -------------------------------------------------------------------------


def test_keep_searching_when_a_final_interview_happened_or_few_are_open() -> None:
    few = plan_of(application(events=[applied("2026-03-02")]), as_of=d("2026-03-03"))
    assert [n.kind for n in few.nudges] == ["keep_searching", "weekly_goal"]
    many = [application(f"app{i}", events=[applied("2026-03-02")]) for i in range(6)]
    assert [n.kind for n in plan_of(*many, as_of=d("2026-03-03")).nudges] == []
    final = [
        *many[:5],
        application(
            "last", contacts=[MANAGER], events=[interview("2026-03-02T10:00", "hana", final=True)]
        ),
    ]
    assert [n.kind for n in plan_of(*final, as_of=d("2026-03-03")).nudges] == ["keep_searching"]


def test_weekly_goal_counts_applications_sent_in_the_last_seven_days() -> None:
    old = [application(f"old{i}", events=[applied("2026-02-20")]) for i in range(5)]
    recent = [application(f"new{i}", events=[applied(f"2026-03-0{i + 4}")]) for i in range(5)]
    assert "weekly_goal" in [n.kind for n in plan_of(*old, as_of=d("2026-03-10")).nudges]
    assert "weekly_goal" not in [
        n.kind for n in plan_of(*old, *recent, as_of=d("2026-03-10")).nudges
    ]
    # Applied on 4 March falls out of the 7 days ending 11 March.
    assert "weekly_goal" in [n.kind for n in plan_of(*old, *recent, as_of=d("2026-03-11")).nudges]


# §1, §2: calendar and journal ---------------------------------------------------------


def test_the_year_end_slowdown_pushes_follow_ups_into_january() -> None:
    events = [interview("2026-12-18T10:00", "hana"), thanked("2026-12-18", "hana")]
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-12-21"))
    # Corporate window [7, 10] after Fri 18 Dec: 25 Dec is in the slowdown, 1 Jan a holiday.
    assert brief(steps[:1]) == [("check_in", "email", "hana", d("2027-01-04"), d("2027-01-04"))]
    without = steps_of(
        application(contacts=[MANAGER], events=events),
        as_of=d("2026-12-21"),
        policy={"year_end_slowdown": False},
    )
    # Without it: 25 Dec (Christmas) is still a holiday, so Mon 28 Dec; by prev_bd(28 Dec).
    assert brief(without[:1]) == [("check_in", "email", "hana", d("2026-12-28"), d("2026-12-28"))]


def test_a_public_holiday_is_not_a_business_day() -> None:
    events = [
        interview("2026-02-09T10:00", "hana"),
        thanked("2026-02-09", "hana"),
        {
            "type": "expectation",
            "at": "2026-02-09T11:00",
            "by": "2026-02-13",
            "via": "phone",
            "from": "hana",
        },
    ]
    # Friday 13 Feb's promised call is chased on Tue 17 Feb: Mon 16 is Presidents' Day.
    assert steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-02-17"))[
        0
    ].due == d("2026-02-17")


def test_a_subdivision_holiday_counts_for_that_application() -> None:
    events = [
        interview("2026-03-09T10:00", "hana"),
        thanked("2026-03-09", "hana"),
        {"type": "expectation", "at": "2026-03-09T11:00", "by": "2026-04-16", "via": "email"},
    ]
    plain = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-10"))[0]
    boston = steps_of(
        application(contacts=[MANAGER], subdivision="MA", events=events), as_of=d("2026-03-10")
    )[0]
    assert plain.due == d("2026-04-20")  # two business days after Thu 16 Apr
    assert boston.due == d("2026-04-21")  # Mon 20 Apr 2026 is Patriots' Day in Massachusetts


def test_offsets_are_converted_to_the_applications_local_date_across_dst() -> None:
    # Denver switches to daylight time on Sun 8 Mar 2026. 06:30 UTC on 9 Mar is 00:30 MDT
    # (the 9th); the same clock a day earlier is 23:30 MST on the 7th.
    after = application(
        contacts=[MANAGER],
        events=[{"type": "interview", "at": "2026-03-09T06:30:00Z", "with": ["hana"]}],
    )
    before = application(
        contacts=[MANAGER],
        events=[{"type": "interview", "at": "2026-03-08T06:30:00+00:00", "with": ["hana"]}],
    )
    assert steps_of(after, as_of=d("2026-03-09"))[0].due == d("2026-03-09")
    assert steps_of(before, as_of=d("2026-03-09"))[0].due == d("2026-03-07")


def test_events_are_taken_in_time_order_whatever_the_file_order() -> None:
    events = [*INTERVIEWED, sent("2026-03-10", "rita"), heard("2026-03-12", "reply", "rita")]
    in_order = steps_of(application(contacts=FULL_CAST, events=events), as_of=d("2026-03-13"))
    shuffled = steps_of(application(contacts=FULL_CAST, events=events[::-1]), as_of=d("2026-03-13"))
    assert in_order == shuffled


def test_events_after_as_of_are_not_known_yet() -> None:
    events = [*INTERVIEWED, sent("2026-03-10", "rita")]
    assert (
        steps_of(application(contacts=FULL_CAST, events=events), as_of=d("2026-03-09"))[0].action
        == "check_in"
    )


def test_policy_overrides_change_the_plan() -> None:
    steps = steps_of(
        application(contacts=[MANAGER], events=INTERVIEWED),
        as_of=d("2026-03-03"),
        policy={"window_corporate": [3, 4]},
    )
    assert brief(steps[:1]) == [("check_in", "email", "hana", d("2026-03-05"), d("2026-03-06"))]


def test_a_closed_application_has_no_steps() -> None:
    events = [*INTERVIEWED, {"type": "closed", "at": "2026-03-05", "reason": "withdrawn"}]
    item = plan_of(
        application(contacts=[MANAGER], events=events), as_of=d("2026-03-06")
    ).applications[0]
    assert (item.stage, item.steps) == ("closed", ())


def test_the_agenda_holds_every_due_step_earliest_first() -> None:
    late = application("late", contacts=[MANAGER], events=INTERVIEWED)
    fresh = application("fresh", contacts=[MANAGER], events=[interview("2026-03-20T10:00", "hana")])
    result = plan_of(late, fresh, as_of=d("2026-03-20"))
    assert [(item.application.id, s.action, s.due) for item, s in result.agenda] == [
        ("late", "check_in", d("2026-03-09")),
        ("fresh", "send_thank_you", d("2026-03-20")),
    ]


def test_an_unanswered_status_update_call_keeps_the_update_owed_and_the_ladder_intact() -> None:
    offer = application(
        "beta",
        company="Beta LLC",
        contacts=[MANAGER],
        events=[*INTERVIEWED, heard("2026-03-10", "offer")],
    )
    tried = {
        "type": "called",
        "at": "2026-03-10T10:00",
        "to": "hana",
        "outcome": "no_answer",
        "purpose": "status_update",
    }
    other = application("acme", contacts=[MANAGER], events=[*INTERVIEWED, tried])
    steps = plan_of(other, offer, as_of=d("2026-03-10")).applications[0].steps
    assert [s.action for s in steps] == ["status_update", "check_in", "call", "move_on"]


def test_an_accepted_offer_prompts_no_status_updates() -> None:
    accepted = {"type": "closed", "at": "2026-03-11", "reason": "accepted"}
    offer = application(
        "beta",
        company="Beta LLC",
        contacts=[MANAGER],
        events=[*INTERVIEWED, heard("2026-03-10", "offer"), accepted],
    )
    other = application("acme", contacts=[MANAGER], events=[*INTERVIEWED])
    assert all(
        s.action != "status_update"
        for s in plan_of(other, offer, as_of=d("2026-03-11")).applications[0].steps
    )

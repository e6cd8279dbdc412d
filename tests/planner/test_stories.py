"""End-to-end stories: a job search told as a journal, planned again as each day comes.

Each story logs what the user did and heard, then checks the plan at several `as_of`
dates. Every expected date was worked out by hand from spec/follow-up-rules.md on a
US calendar: weekends, US federal holidays (holidays package, observed days) and the
year-end slowdown (24 Dec to 1 Jan). Federal holidays used below: Mon 19 Jan 2026
(MLK Day), Mon 25 May (Memorial Day), Fri 3 Jul (Independence Day observed), Mon
7 Sep (Labor Day), Mon 12 Oct (Columbus Day).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from followup.planner.model import Step
from followup.planner.plan import Plan

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
)

# Journal events, in the words of the journal format ------------------------------------


def applied(at: str) -> dict[str, Any]:
    return {"type": "applied", "at": at, "channel": "online"}


def interview(at: str, *who: str, final: bool = False) -> dict[str, Any]:
    return {"type": "interview", "at": at, "with": list(who), "final": final}


def expectation(at: str, by: str, via: str, sender: str) -> dict[str, Any]:
    return {"type": "expectation", "at": at, "by": by, "via": via, "from": sender}


def sent(at: str, to: str, purpose: str, channel: str = "email") -> dict[str, Any]:
    return {"type": "sent", "at": at, "channel": channel, "to": to, "purpose": purpose}


def called(at: str, to: str, outcome: str, purpose: str = "other") -> dict[str, Any]:
    return {"type": "called", "at": at, "to": to, "outcome": outcome, "purpose": purpose}


def heard(at: str, kind: str, sender: str, **extra: Any) -> dict[str, Any]:
    return {"type": "heard", "at": at, "from": sender, "channel": "email", "kind": kind, **extra}


def closed(at: str, reason: str, notified: bool) -> dict[str, Any]:
    return {"type": "closed", "at": at, "reason": reason, "notified": notified}


def steps(result: Plan, app_id: str = "acme") -> list[Step]:
    return next(list(item.steps) for item in result.applications if item.application.id == app_id)


def agenda(result: Plan) -> list[tuple[str, str, str | None, date]]:
    return [(item.application.id, s.action, s.to, s.due) for item, s in result.agenda]


# (a) The promised Friday call ----------------------------------------------------------


def test_a_promised_friday_call_that_never_comes() -> None:
    """Dana's interview with the owner of a small shop goes well; Hana says she will ring
    by Friday. Friday passes in silence, so first thing Monday Dana calls her, leaves one
    message, tries again without leaving another, and finally gets her on the line."""
    facts: dict[str, Any] = {"employer_kind": "small_business", "contacts": [MANAGER, ASSISTANT]}
    events = [
        interview("2026-04-14T10:00", "hana"),  # Tue 14 Apr
        expectation("2026-04-14T11:00", "2026-04-17", "phone", "hana"),  # "I'll call you by Friday"
        sent("2026-04-14T18:00", "hana", "thank_you"),
    ]

    result = plan_of(application(events=events, **facts), as_of=d("2026-04-14"))
    # Rule 1 (§4.2): call her add_bd(Fri 17 Apr, 1) = Mon 20 Apr, 08:30-10:00, due_by
    # add_bd(20 Apr, 2) = Wed 22 Apr. Then the ladder: no insider; no escalation (the
    # first contact is the hiring manager herself); the call rung add_bd(20 Apr, 3) =
    # Thu 23 Apr; move on add_bd(23 Apr, 10): 24, 27, 28, 29, 30 Apr, 1, 4, 5, 6, 7 May.
    assert brief(steps(result)) == [
        ("call", "phone", "hana", d("2026-04-20"), d("2026-04-22")),
        ("call", "phone", "hana", d("2026-04-23"), d("2026-04-27")),
        ("move_on", None, None, d("2026-05-07"), d("2026-05-11")),
    ]
    first = steps(result)[0]
    assert (first.window, first.leave_message, first.sources) == ("08:30-10:00", True, ("forbes",))
    assert agenda(result) == []

    # Friday itself: she may still call. Nothing to do yet.
    assert agenda(plan_of(application(events=events, **facts), as_of=d("2026-04-17"))) == []

    # Monday morning: the call is on today's agenda.
    monday = plan_of(application(events=events, **facts), as_of=d("2026-04-20"))
    assert agenda(monday) == [("acme", "call", "hana", d("2026-04-20"))]
    assert monday.agenda[0][1].window == "08:30-10:00"

    # She doesn't pick up; Dana leaves one voicemail. The next call is the ladder's call
    # rung, add_bd(Mon 20 Apr, 3) = Thu 23 Apr, in the usual window and with no message.
    events.append(called("2026-04-20T08:40", "hana", "voicemail"))
    later = steps(plan_of(application(events=events, **facts), as_of=d("2026-04-21")))
    assert brief(later) == [
        ("call", "phone", "hana", d("2026-04-23"), d("2026-04-27")),
        ("move_on", None, None, d("2026-05-07"), d("2026-05-11")),
    ]
    assert (later[0].window, later[0].leave_message) == ("09:30-11:30", False)

    # Thursday she answers, and promises a decision by Fri 1 May: check in by email
    # add_bd(1 May, 2) = Tue 5 May, by add_bd(1 May, 3) = Wed 6 May.
    events += [
        called("2026-04-23T09:45", "hana", "spoke"),
        heard("2026-04-23T09:50", "new_date", "hana", by="2026-05-01", via="email"),
    ]
    answered = steps(plan_of(application(events=events, **facts), as_of=d("2026-04-23")))
    assert brief(answered[:1]) == [("check_in", "email", "hana", d("2026-05-05"), d("2026-05-06"))]


# (b) The long holiday silence --------------------------------------------------------------


def in_slowdown(day: date) -> bool:
    return (day.month, day.day) >= (12, 24) or (day.month, day.day) == (1, 1)


def test_a_long_holiday_silence() -> None:
    """An interview a week before Christmas ends with "you'll hear from us within a week".
    The week runs straight into the holidays, when offices empty out; the planner keeps
    quiet until the new year and puts every follow-up on January business days."""
    facts: dict[str, Any] = {"employer_kind": "corporate", "contacts": [MANAGER]}
    events = [
        interview("2025-12-17T10:00", "hana"),  # Wed 17 Dec 2025
        expectation("2025-12-17T11:00", "2025-12-24", "phone", "hana"),  # a week: Wed 24 Dec
        sent("2025-12-17T17:00", "hana", "thank_you"),
    ]

    # add_bd(Wed 24 Dec, 1): 25 Dec (Christmas) to 1 Jan (New Year) are the slowdown, the
    # 27th and 28th a weekend, so Fri 2 Jan 2026; due_by add_bd(2 Jan, 2) = Tue 6 Jan.
    # Call rung add_bd(2 Jan, 3) = Wed 7 Jan (by Fri 9). Move on add_bd(7 Jan, 10): 8, 9,
    # 12-16, then 20, 21, 22 Jan (Mon 19 is MLK Day): Thu 22 Jan, by Mon 26 Jan.
    expected = [
        ("call", "phone", "hana", d("2026-01-02"), d("2026-01-06")),
        ("call", "phone", "hana", d("2026-01-07"), d("2026-01-09")),
        ("move_on", None, None, d("2026-01-22"), d("2026-01-26")),
    ]
    for as_of in ("2025-12-18", "2025-12-24", "2025-12-29", "2026-01-01"):
        result = plan_of(application(events=events, **facts), as_of=d(as_of))
        assert brief(steps(result)) == expected, as_of
        assert agenda(result) == [], as_of
        assert not any(in_slowdown(s.due) or in_slowdown(s.due_by) for s in steps(result))

    # First business day of the year: the call is due, first thing.
    result = plan_of(application(events=events, **facts), as_of=d("2026-01-02"))
    assert agenda(result) == [("acme", "call", "hana", d("2026-01-02"))]
    assert result.agenda[0][1].window == "08:30-10:00"

    # A voicemail on 2 Jan; the next call is Wed 7 Jan without a message.
    events.append(called("2026-01-02T08:45", "hana", "voicemail"))
    result = plan_of(application(events=events, **facts), as_of=d("2026-01-05"))
    assert brief(steps(result)) == expected[1:]
    assert steps(result)[0].leave_message is False

    # Without the slowdown only the public holidays stand in the way: Thu 25 Dec is
    # Christmas, so the call is Fri 26 Dec 2025.
    no_slowdown = plan_of(
        application(events=events[:3], **facts),
        as_of=d("2025-12-18"),
        policy={"year_end_slowdown": False},
    )
    assert steps(no_slowdown)[0].due == d("2025-12-26")


# (c) Up the ladder, then moving on --------------------------------------------------------


def test_the_ladder_from_recruiter_to_moving_on() -> None:
    """After a good interview at a large company nobody gets back to Dana. She writes to
    the recruiter, asks a friend who works there, writes to the hiring manager, calls
    her, and in the end lets it go; the employer never told her anything."""
    facts: dict[str, Any] = {
        "employer_kind": "corporate",
        "contacts": [RECRUITER, INSIDER, MANAGER],
    }
    events = [interview("2026-05-05T10:00", "hana"), sent("2026-05-05T18:00", "hana", "thank_you")]

    # No date given, corporate [7, 10] days after Tue 5 May: Tue 12 to Fri 15 May, to the
    # recruiter first. Then, each from the rung before: insider add_bd(12 May, 3) = Fri
    # 15 May (by Tue 19); escalation add_bd(15 May, 5) = Fri 22 May (a week after the
    # 12th's email, so not held; by Wed 27: Mon 25 is Memorial Day); call add_bd(22 May,
    # 3) = Thu 28 May (by Mon 1 Jun); move on add_bd(28 May, 10) = Thu 11 Jun (by Mon 15).
    result = plan_of(application(events=events, **facts), as_of=d("2026-05-06"))
    assert brief(steps(result)) == [
        ("check_in", "email", "rita", d("2026-05-12"), d("2026-05-15")),
        ("ask_insider", "email", "ines", d("2026-05-15"), d("2026-05-19")),
        ("escalate", "email", "hana", d("2026-05-22"), d("2026-05-27")),
        ("call", "phone", "hana", d("2026-05-28"), d("2026-06-01")),
        ("move_on", None, None, d("2026-06-11"), d("2026-06-15")),
    ]

    # Wed 13 May: the check-in is a day late.
    result = plan_of(application(events=events, **facts), as_of=d("2026-05-13"))
    assert agenda(result) == [("acme", "check_in", "rita", d("2026-05-12"))]

    # She writes to Rita that day. Ask Ines add_bd(Wed 13 May, 3) = Mon 18 May (by Wed 20);
    # then the escalation add_bd(18 May, 5) = Tue 26 May (Memorial Day skipped).
    events.append(sent("2026-05-13T09:00", "rita", "check_in"))
    result = plan_of(application(events=events, **facts), as_of=d("2026-05-14"))
    assert brief(steps(result)[:2]) == [
        ("ask_insider", "email", "ines", d("2026-05-18"), d("2026-05-20")),
        ("escalate", "email", "hana", d("2026-05-26"), d("2026-05-28")),
    ]

    # She asks Ines on Mon 18 May: write to Hana add_bd(18 May, 5) = Tue 26 May, by Thu 28.
    events.append(sent("2026-05-18T12:00", "ines", "ask_insider"))
    result = plan_of(application(events=events, **facts), as_of=d("2026-05-19"))
    assert brief(steps(result)[:1]) == [
        ("escalate", "email", "hana", d("2026-05-26"), d("2026-05-28"))
    ]

    # She writes to Hana on Tue 26 May: call her add_bd(26 May, 3) = Fri 29 May (by Tue
    # 2 Jun); move on add_bd(29 May, 10) = Fri 12 Jun.
    events.append(sent("2026-05-26T09:00", "hana", "escalate"))
    result = plan_of(application(events=events, **facts), as_of=d("2026-05-27"))
    call = steps(result)[0]
    assert brief(steps(result)) == [
        ("call", "phone", "hana", d("2026-05-29"), d("2026-06-02")),
        ("move_on", None, None, d("2026-06-12"), d("2026-06-16")),
    ]
    assert (call.window, call.leave_message) == ("09:30-11:30", True)

    # She calls on Fri 29 May and leaves a message: all that's left is moving on, Fri
    # 12 Jun (by add_bd(12 Jun, 2) = Tue 16 Jun).
    events.append(called("2026-05-29T10:00", "hana", "voicemail"))
    result = plan_of(application(events=events, **facts), as_of=d("2026-06-01"))
    assert brief(steps(result)) == [("move_on", None, None, d("2026-06-12"), d("2026-06-16"))]
    assert agenda(plan_of(application(events=events, **facts), as_of=d("2026-06-12"))) == [
        ("acme", "move_on", None, d("2026-06-12"))
    ]

    # She closes it that day, noting they never told her.
    events.append(closed("2026-06-12T17:00", "moved_on", notified=False))
    result = plan_of(application(events=events, **facts), as_of=d("2026-06-15"))
    assert (result.applications[0].stage, steps(result), agenda(result)) == ("closed", [], [])


# (d) "Please don't call" ------------------------------------------------------------------


def test_the_posting_says_please_do_not_call() -> None:
    """A small company's posting ends by asking applicants not to phone. Dana respects
    that all the way: she confirms receipt by email, and when the ladder reaches the
    point where she would call, she sends a letter instead."""
    facts: dict[str, Any] = {
        "employer_kind": "small_business",
        "contacts": [HR, MANAGER],
        "posting_text": "Analyst for a small team. Apply with a resume and two references. Please do not call.",
    }
    events = [applied("2026-06-01")]  # Mon 1 Jun

    # Confirm receipt [7, 14] days after: Mon 8 to Mon 15 Jun, by email, to HR. Check in 7
    # calendar days after it: Mon 15 Jun (a week after the 8th, so not held; by Wed 17).
    # Move on 14 days after that: Mon 29 Jun (by Wed 1 Jul).
    result = plan_of(application(events=events, **facts), as_of=d("2026-06-02"))
    assert brief(steps(result)) == [
        ("confirm_receipt", "email", "hal", d("2026-06-08"), d("2026-06-15")),
        ("check_in", "email", "hal", d("2026-06-15"), d("2026-06-17")),
        ("move_on", None, None, d("2026-06-29"), d("2026-07-01")),
    ]

    # She confirms by email on the 8th, is invited on the 10th; interview booked for Tue
    # 16 Jun: no follow-ups while it is ahead, only preparing for it on the business day
    # before, Mon 15 Jun (by the interview's day).
    events += [
        sent("2026-06-08T10:00", "hal", "confirm_receipt"),
        heard("2026-06-10T15:00", "interview_invite", "hal"),
        interview("2026-06-16T14:00", "hana"),
    ]
    result = plan_of(application(events=events, **facts), as_of=d("2026-06-12"))
    assert result.applications[0].stage == "interviewing"
    assert brief(steps(result)) == [
        ("prepare_interview", None, "hana", d("2026-06-15"), d("2026-06-16"))
    ]

    # After the interview (thanked the same evening): small business [5, 7] days after
    # Tue 16 Jun is Sun 21 to Tue 23, so Mon 22 to Tue 23, to HR. Escalation add_bd(22 Jun,
    # 5) = Mon 29 Jun (by Wed 1 Jul). The call rung is a letter on add_bd(29 Jun, 3) =
    # Thu 2 Jul, by add_bd(2 Jul, 2) = Tue 7 Jul (Fri 3 Jul is Independence Day
    # observed). Move on add_bd(2 Jul, 10) = Fri 17 Jul (by Tue 21).
    events.append(sent("2026-06-16T18:00", "hana", "thank_you"))
    for as_of in ("2026-06-17", "2026-06-22"):
        result = plan_of(application(events=events, **facts), as_of=d(as_of))
        assert brief(steps(result)) == [
            ("check_in", "email", "hal", d("2026-06-22"), d("2026-06-23")),
            ("escalate", "email", "hana", d("2026-06-29"), d("2026-07-01")),
            ("send_letter", "letter", "hana", d("2026-07-02"), d("2026-07-07")),
            ("move_on", None, None, d("2026-07-17"), d("2026-07-21")),
        ], as_of
        assert all(s.channel != "phone" and s.window is None for s in steps(result))

    # Walk to the letter: check-in and escalation sent on their due days.
    events += [
        sent("2026-06-22T09:00", "hal", "check_in"),
        sent("2026-06-29T09:00", "hana", "escalate"),
    ]
    result = plan_of(application(events=events, **facts), as_of=d("2026-07-02"))
    letter = steps(result)[0]
    assert brief([letter]) == [("send_letter", "letter", "hana", d("2026-07-02"), d("2026-07-07"))]
    assert "phone-call" in letter.sources
    assert all(s.channel != "phone" for s in steps(result))


# (e) A competing offer --------------------------------------------------------------------


def test_a_competing_offer_with_a_deadline() -> None:
    """Dana is waiting on two employers when a third makes an offer on the Friday before
    Labor Day and wants an answer by Monday. Before anything else she tells the other two
    where things stand, without pressure; the ladder resumes after that."""
    acme = application(
        "acme",
        company="Acme Corp",
        employer_kind="corporate",
        contacts=[RECRUITER, MANAGER],
        events=[
            interview("2026-08-24T10:00", "hana"),  # Mon 24 Aug
            expectation("2026-08-24T11:00", "2026-09-04", "email", "hana"),  # decision by Fri 4 Sep
            sent("2026-08-24T18:00", "hana", "thank_you"),
        ],
    )
    beta_events = [
        interview("2026-08-26T10:00", "hana"),  # Wed 26 Aug
        sent("2026-08-26T18:00", "hana", "thank_you"),
        sent("2026-09-02T09:00", "hana", "check_in"),  # Wed 2 Sep
    ]
    beta_facts: dict[str, Any] = {
        "company": "Beta Studio",
        "employer_kind": "small_business",
        "contacts": [MANAGER],
        "posting_text": "Please do not call.",
    }
    gamma_events = [
        interview("2026-08-17T10:00", "hana"),
        sent("2026-08-17T18:00", "hana", "thank_you"),
    ]
    gamma = {"company": "Gamma Media", "employer_kind": "corporate", "contacts": [MANAGER]}
    delta = application("delta", company="Delta Co", events=[applied("2026-08-31")])
    offer = heard(
        "2026-09-04T14:00", "offer", "hana", deadline="2026-09-07"
    )  # Fri 4 Sep, answer by Mon 7

    def journal(
        as_of: str,
        offered: bool = True,
        at_acme: tuple[dict[str, Any], ...] = (),
        at_beta: tuple[dict[str, Any], ...] = (),
    ) -> Plan:
        a = dict(acme, events=[*acme["events"], *at_acme])
        beta = application("beta", events=[*beta_events, *at_beta], **beta_facts)
        g = application("gamma", events=gamma_events + ([offer] if offered else []), **gamma)
        return plan_of(a, beta, g, delta, as_of=d(as_of))

    # Thursday, before the offer. Acme: decision date Fri 4 Sep, check in add_bd(4 Sep, 2)
    # = Wed 9 Sep (Mon 7 is Labor Day), by Thu 10, to the recruiter. Beta: checked in on
    # Wed 2 Sep, and calls are ruled out: a letter add_bd(2 Sep, 3) = Tue 8 Sep, by Thu 10.
    before = journal("2026-09-03", offered=False)
    assert brief(steps(before, "acme")[:1]) == [
        ("check_in", "email", "rita", d("2026-09-09"), d("2026-09-10"))
    ]
    assert brief(steps(before, "beta")[:1]) == [
        ("send_letter", "letter", "hana", d("2026-09-08"), d("2026-09-10"))
    ]
    assert not any(s.action == "status_update" for item in before.applications for s in item.steps)

    # Friday, the offer arrives. Status updates are due next_bd(Fri 4 Sep) = Fri 4 Sep, by
    # the earlier of add_bd(4 Sep, 1) = Tue 8 Sep and the deadline, Mon 7 Sep (Labor Day,
    # not a business day, so the business day before it): Fri 4 Sep. To the hiring manager;
    # by phone at Acme, by email at Beta (no calls).
    friday = journal("2026-09-04")
    # Gamma's own offer is to be decided on prev_bd(Sun 6 Sep) = Fri 4 Sep, by Mon 7 Sep.
    assert brief(steps(friday, "gamma")) == [
        ("decide_offer", None, None, d("2026-09-04"), d("2026-09-07"))
    ]
    assert "Acme Corp, Beta Studio, Delta Co" in steps(friday, "gamma")[0].reason
    assert [item.stage for item in friday.applications] == [
        "interviewing",
        "interviewing",
        "offer",
        "applied",
    ]
    acme_steps, beta_steps = steps(friday, "acme"), steps(friday, "beta")
    assert brief(acme_steps[:1]) == [
        ("status_update", "phone", "hana", d("2026-09-04"), d("2026-09-04"))
    ]
    assert brief(beta_steps[:1]) == [
        ("status_update", "email", "hana", d("2026-09-04"), d("2026-09-04"))
    ]
    assert "Gamma Media" in acme_steps[0].reason
    assert acme_steps[0].window == "09:30-11:30"
    # The ladder's next rung comes after the update and is timed from it. Beta's letter:
    # add_bd(Fri 4 Sep, 3) = Thu 10 Sep (by Mon 14); move on add_bd(10 Sep, 10) = Thu 24 Sep.
    assert brief(beta_steps[1:]) == [
        ("send_letter", "letter", "hana", d("2026-09-10"), d("2026-09-14")),
        ("move_on", None, None, d("2026-09-24"), d("2026-09-28")),
    ]
    # Acme's check-in keeps its own date (Wed 9 Sep) or later; never before the update.
    assert acme_steps[1].action == "check_in" and acme_steps[1].due >= d("2026-09-09")
    # Delta has had no interview: nothing to tell it.
    assert all(s.action != "status_update" for s in steps(friday, "delta"))
    assert [(app, action) for app, action, _, _ in agenda(friday) if action == "status_update"] == [
        ("acme", "status_update"),
        ("beta", "status_update"),
    ]

    # She calls Hana at Acme and emails Hana at Beta that afternoon: no more updates,
    # though the offer is still open. Beta's letter stays timed from the update.
    told_acme = (called("2026-09-04T15:00", "hana", "spoke", purpose="status_update"),)
    told_beta = (sent("2026-09-04T15:30", "hana", "status_update"),)
    told = journal("2026-09-04", True, told_acme, told_beta)
    assert not any(s.action == "status_update" for item in told.applications for s in item.steps)
    assert brief(steps(told, "beta")[:1]) == [
        ("send_letter", "letter", "hana", d("2026-09-10"), d("2026-09-14"))
    ]
    assert steps(told, "acme")[0].action == "check_in"
    assert steps(told, "acme")[0].due >= d("2026-09-09")

    # Had she said nothing, the update would be moot once the deadline has passed.
    untold = journal("2026-09-08")
    assert not any(s.action == "status_update" for item in untold.applications for s in item.steps)


# (f) A rejection, answered with grace -------------------------------------------------------


def test_a_rejection_answered_graciously() -> None:
    """A nonprofit's recruiter writes on a Friday afternoon that they chose someone else.
    Dana replies warmly, thanking them and asking to be kept in mind; after that there is
    nothing left to do for this application."""
    facts: dict[str, Any] = {
        "employer_kind": "nonprofit",
        "contacts": [RECRUITER, MANAGER, INTERVIEWER],
    }
    events = [
        interview("2026-10-05T10:00", "hana", "ivan"),  # Mon 5 Oct
        sent("2026-10-05T18:00", "hana", "thank_you"),
        sent("2026-10-05T18:05", "ivan", "thank_you"),
        heard("2026-10-09T16:30", "rejection", "rita"),  # Fri 9 Oct
    ]

    # due next_bd(Fri 9 Oct) = Fri 9 Oct; by add_bd(9 Oct, 2): Mon 12 Oct is Columbus Day,
    # so Tue 13 (1) and Wed 14 (2).
    for as_of in ("2026-10-09", "2026-10-13"):
        result = plan_of(application(events=events, **facts), as_of=d(as_of))
        assert result.applications[0].stage == "closed"
        assert brief(steps(result)) == [
            ("reply_graciously", "email", "rita", d("2026-10-09"), d("2026-10-14"))
        ]
        assert steps(result)[0].sources == ("nm-dws", "crowe")
        assert agenda(result) == [("acme", "reply_graciously", "rita", d("2026-10-09"))]

    events.append(sent("2026-10-13T09:00", "rita", "reply_graciously"))
    for as_of in ("2026-10-13", "2026-10-14", "2026-11-30"):
        result = plan_of(application(events=events, **facts), as_of=d(as_of))
        assert (result.applications[0].stage, steps(result), agenda(result)) == (
            "closed",
            [],
            [],
        ), as_of

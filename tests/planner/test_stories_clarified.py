"""End-to-end stories for the rules clarified on 2026-12-01: a job seeker's week told
event by event, the plan checked at each turn. Dates worked by hand (March 2026: Mondays
are the 2nd, 9th, 16th, 23rd and 30th; no US federal holiday).
"""

from __future__ import annotations

from typing import Any

from followup.planner import parse_journal, plan
from followup.planner.drafts import draft_for

from .builders import (
    INTERVIEWER,
    MANAGER,
    RECRUITER,
    application,
    brief,
    d,
    journal_data,
    plan_of,
    steps_of,
)
from .test_rules import applied, called, heard, interview, sent, thanked

CAST = [RECRUITER, MANAGER, INTERVIEWER]


def expected(at: str, by: str, via: str, sender: str) -> dict[str, object]:
    return {"type": "expectation", "at": at, "by": by, "via": via, "from": sender}


def test_the_friday_call_logged_without_a_time() -> None:
    """Tue 3 Mar, 10:00: Hana says she'll call by Friday. Dana writes it down that
    evening with the date alone, and her thank-you note the same way. Both count: the
    date-only entries come after the 10:00 interview."""
    events: list[dict[str, Any]] = [
        interview("2026-03-03T10:00", "hana"),
        expected("2026-03-03", "2026-03-06", "phone", "hana"),
        thanked("2026-03-03", "hana"),
    ]
    # No thank-you owed; the promised call is chased first thing add_bd(Fri 6, 1) = Mon 9.
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-04"))
    assert brief(steps[:1]) == [("call", "phone", "hana", d("2026-03-09"), d("2026-03-11"))]
    assert steps[0].window == "08:30-10:00"
    # Mon 9, 08:45: nobody picks up. Try again add_bd(9, 1) = Tue 10 (by Thu 12).
    events.append(called("2026-03-09T08:45", "hana", "no_answer"))
    steps = steps_of(application(contacts=[MANAGER], events=events), as_of=d("2026-03-09"))
    assert brief(steps[:1]) == [("call", "phone", "hana", d("2026-03-10"), d("2026-03-12"))]
    assert "1 of 3 tries" in steps[0].reason


def test_a_scheduled_panel_interview() -> None:
    """Invited on Thu 5 Mar, Dana books a panel with Hana and Ivan for Thu 12 Mar, 14:00."""
    events: list[dict[str, Any]] = [
        applied("2026-03-02"),
        heard("2026-03-05T11:00", "interview_invite", "rita"),
        {**interview("2026-03-12T14:00", "hana", "ivan"), "kind": "onsite"},
    ]
    facts = {"contacts": CAST, "notes": "Ask about the dashboard migration."}
    result = plan_of(application(events=events, **facts), as_of=d("2026-03-06"))
    item = result.applications[0]
    # Interviewing, no ladder: prepare on prev_bd(Wed 11 Mar) = Wed 11, by Thu 12.
    assert item.stage == "interviewing"
    assert brief(list(item.steps)) == [
        ("prepare_interview", None, "hana", d("2026-03-11"), d("2026-03-12"))
    ]
    assert "Thu 12 Mar, 14:00 with Hana Kim and Ivan Petrov" in item.steps[0].reason
    sheet = draft_for(item.steps[0], item.application, result.profile, item.context)
    assert sheet is not None and sheet.subject == "Interview preparation – Data Analyst, Acme Corp"
    assert "Thursday 12 March, 14:00 (on site)" in sheet.body
    assert "Hana Kim (hiring manager); Ivan Petrov (interviewer)" in sheet.body
    assert "Ask about the dashboard migration." in sheet.body
    assert "May I follow up by phone?" in sheet.body
    # On the day: a note to each of them, due Thu 12 by Fri 13; the check-in after a
    # corporate interview, [7, 10] days: Thu 19 to prev_bd(Sun 22) = Fri 20, to Rita.
    steps = steps_of(application(events=events, **facts), as_of=d("2026-03-12"))
    assert brief(steps[:3]) == [
        ("send_thank_you", "email", "hana", d("2026-03-12"), d("2026-03-13")),
        ("send_thank_you", "email", "ivan", d("2026-03-12"), d("2026-03-13")),
        ("check_in", "email", "rita", d("2026-03-19"), d("2026-03-20")),
    ]


def _search(*gamma_more: dict[str, Any]) -> dict[str, Any]:
    acme = application(
        "acme",
        contacts=[MANAGER],
        events=[interview("2026-03-02T10:00", "hana"), thanked("2026-03-02T18:00", "hana")],
    )
    beta = application(
        "beta",
        company="Beta Co",
        contacts=[RECRUITER],
        events=[interview("2026-03-04T10:00", "rita"), thanked("2026-03-04T18:00", "rita")],
    )
    offer = heard("2026-03-10T09:30", "offer", None, deadline="2026-03-16")
    gamma = application(
        "gamma", company="Gamma Media", events=[applied("2026-02-16"), offer, *gamma_more]
    )
    return journal_data(acme, beta, gamma)


def test_an_offer_accepted_before_the_others_were_told() -> None:
    # Tue 10 Mar: Gamma's offer, answer by Mon 16. Tell Acme and Beta: due Tue 10, by the
    # earlier of add_bd(10, 1) = Wed 11 and prev_bd(Mon 16) = Fri 13. Decide Gamma's by
    # prev_bd(Sun 15) = Fri 13, at the latest Mon 16.
    tuesday = plan(parse_journal(_search()), d("2026-03-10"))
    acme, beta, gamma = (list(a.steps) for a in tuesday.applications)
    assert brief(acme[:1]) == [("status_update", "phone", "hana", d("2026-03-10"), d("2026-03-11"))]
    assert brief(beta[:1]) == [("status_update", "phone", "rita", d("2026-03-10"), d("2026-03-11"))]
    assert brief(gamma) == [("decide_offer", None, None, d("2026-03-13"), d("2026-03-16"))]
    assert "Still open: Acme Corp, Beta Co." in gamma[0].reason
    # Wed 11, 09:00: Dana accepts before calling anyone. Now each other employer gets
    # one step, a warm withdrawal: due Wed 11, by add_bd(11, 2) = Fri 13. No nudges.
    accepted = {"type": "closed", "at": "2026-03-11T09:00", "reason": "accepted"}
    wednesday = plan(parse_journal(_search(accepted)), d("2026-03-11"))
    acme, beta, gamma = (list(a.steps) for a in wednesday.applications)
    assert brief(acme) == [("withdraw", "email", "hana", d("2026-03-11"), d("2026-03-13"))]
    assert brief(beta) == [("withdraw", "email", "rita", d("2026-03-11"), d("2026-03-13"))]
    assert gamma == [] and wednesday.nudges == ()
    item = wednesday.applications[0]
    letter = draft_for(acme[0], item.application, wednesday.profile, item.context)
    assert letter is not None and "accepted another offer" in letter.body
    assert "Thank you" in letter.body and "stay in touch" in letter.body


def test_a_saved_posting_is_not_withdrawn_from() -> None:
    """§7.1 withdraws from every other *open* application. A posting only saved (never
    applied to, stage `saved`) is in no process: it gets no step, contact or not."""
    accepted = {"type": "closed", "at": "2026-03-11T09:00", "reason": "accepted"}
    data = _search(accepted)
    data["applications"].append(application("delta", company="Delta", contacts=[RECRUITER]))
    wednesday = plan(parse_journal(data), d("2026-03-11"))
    stages = {a.application.id: (a.stage, len(a.steps)) for a in wednesday.applications}
    assert stages["delta"] == ("saved", 0)
    assert stages["acme"] == ("interviewing", 1)  # the withdrawal, as above


def test_an_unanswered_call_while_a_check_in_email_is_pending() -> None:
    events: list[dict[str, Any]] = [
        interview("2026-03-02T10:00", "hana"),
        thanked("2026-03-02T18:00", "hana"),
    ]
    app = application(contacts=[RECRUITER, MANAGER], events=events)
    # Check in with Rita [7, 10] days after Mon 2: Mon 9 to Thu 12; escalate add_bd(9, 5) = Mon 16.
    before = steps_of(app, as_of=d("2026-03-09"))
    assert brief(before[:2]) == [
        ("check_in", "email", "rita", d("2026-03-09"), d("2026-03-12")),
        ("escalate", "email", "hana", d("2026-03-16"), d("2026-03-18")),
    ]
    # Mon 9: she rings Rita first; nobody answers, no message left: nothing changes.
    events.append(called("2026-03-09T10:00", "rita", "no_answer"))
    assert (
        steps_of(application(contacts=[RECRUITER, MANAGER], events=events), as_of=d("2026-03-09"))
        == before
    )
    # Tue 10: the email goes out; escalation add_bd(10, 5) = Tue 17.
    events.append(sent("2026-03-10T09:00", "rita"))
    steps = steps_of(
        application(contacts=[RECRUITER, MANAGER], events=events), as_of=d("2026-03-10")
    )
    assert brief(steps[:1]) == [("escalate", "email", "hana", d("2026-03-17"), d("2026-03-19"))]


def test_please_dont_call_after_a_decision_date() -> None:
    """Hana promised a call by Fri 13 Mar; on Wed 4 HR asks Dana not to phone. The date
    stays; the promised-call chase becomes a check-in email add_bd(13, 2) = Tue 17 (by
    Wed 18), to the recruiter."""
    events = [
        interview("2026-03-02T10:00", "hana"),
        thanked("2026-03-02T18:00", "hana"),
        expected("2026-03-02T11:00", "2026-03-13", "phone", "hana"),
    ]
    before = steps_of(
        application(contacts=[RECRUITER, MANAGER], events=events), as_of=d("2026-03-05")
    )
    assert brief(before[:1]) == [("call", "phone", "hana", d("2026-03-16"), d("2026-03-18"))]
    events.append(heard("2026-03-04T15:00", "do_not_call", "rita"))
    steps = steps_of(
        application(contacts=[RECRUITER, MANAGER], events=events), as_of=d("2026-03-05")
    )
    assert brief(steps[:1]) == [("check_in", "email", "rita", d("2026-03-17"), d("2026-03-18"))]
    assert "phone" not in [s.channel for s in steps]


def test_last_months_rejection_owes_nothing_today() -> None:
    """A spreadsheet import: one rejection from 10 Feb, one from Fri 27 Feb."""
    old = application("old", events=[applied("2026-01-20"), heard("2026-02-10", "rejection")])
    recent = application(
        "recent",
        contacts=[RECRUITER],
        events=[applied("2026-02-02"), heard("2026-02-27", "rejection", "rita")],
    )
    monday = plan_of(old, recent, as_of=d("2026-03-02"))
    assert monday.applications[0].steps == ()
    # Fri 27 Feb: due Fri 27, by add_bd(27 Feb, 2) = Tue 3 Mar; owed until Fri 6 Mar.
    assert brief(list(monday.applications[1].steps)) == [
        ("reply_graciously", "email", "rita", d("2026-02-27"), d("2026-03-03"))
    ]
    assert plan_of(old, recent, as_of=d("2026-03-06")).applications[1].steps != ()
    assert plan_of(old, recent, as_of=d("2026-03-07")).applications[1].steps == ()

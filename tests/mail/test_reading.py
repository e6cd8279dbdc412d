"""The pure reading of a message: the phrase lists (positives and near misses),
dates, draft subjects and matching. No database, no server."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from followup.mail.message import Message, new_text, parse_message
from followup.mail.reading import (
    ApplicationFacts,
    ContactFacts,
    base_domain,
    decision_date,
    heard_kind,
    match,
    sent_purpose,
)

from . import messages

WHEN = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # a Tuesday


def said(text: str, subject: str = "Your application") -> Message:
    return Message("<m@x>", "a@b.example", "", (), subject, WHEN, "", (), text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("We have decided to move forward with other candidates.", "rejection"),
        ("We regret to inform you that the role has been filled.", "rejection"),
        ("Unfortunately you were not selected for the next round.", "rejection"),
        ("We won't be moving forward with your application.", "rejection"),
        ("We are pleased to offer you the position of Analyst.", "offer"),
        ("Please find your offer letter attached.", "offer"),
        ("We would like to invite you to a video interview next week.", "interview_invite"),
        (
            "Could we schedule a phone interview? Send me your availability for Thursday.",
            "interview_invite",
        ),
        ("Please do not call the office; we will write to you.", "do_not_call"),
        ("We expect to decide by Friday 11 December.", "new_date"),
        ("We will get back to you on December 14.", "new_date"),
        ("Could you send us two references?", "request_info"),
        ("Please share your salary expectations.", "request_info"),
        ("Thanks for your note, the team is still reviewing.", "reply"),
        # Near misses: the words, but not the meaning.
        ("Thank you for the interview yesterday, it was lovely to meet you.", "reply"),
        ("Unfortunately the interviewer is ill; the team is reviewing anyway.", "reply"),
        ("We will let you know soon.", "reply"),
        ("We moved forward with the project launch.", "reply"),
    ],
)
def test_phrase_lists(text: str, kind: str) -> None:
    assert heard_kind(said(text), WHEN.date())[0] == kind


@pytest.mark.parametrize(
    ("text", "by"),
    [
        ("We expect to decide by Friday 11 December.", date(2026, 12, 11)),
        ("We'll be in touch by January 8th.", date(2027, 1, 8)),  # the next 8 January
        ("A decision should come before 2026-12-18.", date(2026, 12, 18)),
        ("We will let you know by Friday.", date(2026, 12, 4)),  # the Friday after Tuesday 1st
        ("We will let you know by next Monday.", date(2026, 12, 7)),  # the coming Monday
        ("We will let you know by 30 November.", date(2027, 11, 30)),  # passed this year
    ],
)
def test_decision_dates(text: str, by: date) -> None:
    assert decision_date(text, WHEN.date()) == by


def test_a_date_without_a_decision_is_not_one() -> None:
    assert decision_date("The office is closed on 24 December.", WHEN.date()) is None


@pytest.mark.parametrize(
    ("subject", "purpose"),
    [
        ("Checking in – Data Analyst, Acme Corp", "check_in"),
        ("Thank you for the interview – Acme Corp", "thank_you"),
        ("Thank you – Acme Corp", "reply_graciously"),
        ("Following up – Data Analyst, Acme Corp", "escalate"),
        ("Fwd: An update on my search – Acme Corp", "status_update"),
        ("Thank you so much!", "other"),
        ("Lunch on Friday?", "other"),
    ],
)
def test_sent_purpose_from_our_draft_subjects(subject: str, purpose: str) -> None:
    assert sent_purpose(subject) == purpose


def test_quoted_replies_and_forwards_are_cut_off() -> None:
    text = "Thanks!\n\nOn Mon, 30 Nov 2026 Jane wrote:\n> we regret to inform"
    assert new_text(text) == "Thanks!"
    assert new_text("Have a look\n---------- Forwarded message ---------\nFrom: x") == "Have a look"


def test_html_only_non_ascii_and_encoded_subject() -> None:
    parsed = parse_message(messages.rejection_from_globex())
    assert parsed.sender_name == "José Müller – Globex Talent"
    assert parsed.subject == "Ihre Bewerbung – your application at Globex"
    assert "decided to move forward with other candidates" in parsed.text


def test_calendar_invitation_keeps_time_and_zone() -> None:
    invitation = parse_message(messages.interview_from_initech()).invitation
    assert invitation is not None
    assert (invitation.start.isoformat(), invitation.zone) == (
        "2026-12-08T10:00:00-05:00",
        "America/New_York",
    )


def test_base_domain() -> None:
    assert base_domain("careers.globex.example") == "globex.example"
    assert base_domain("mail.acme.co.uk") == "acme.co.uk"


ACME = ApplicationFacts(
    "acme",
    "Acme Corp",
    "UTC",
    "https://jobs.acme.example/1",
    (ContactFacts("pat", "Pat", "pat@acme.example"),),
)
ACME_2 = ApplicationFacts("acme-2", "Acme Corp", "UTC", "https://jobs.acme.example/2")
BOARD = ApplicationFacts("board", "Initrode", "UTC", "https://boards.greenhouse.io/initrode/1")


def inbound(sender: str, text: str = "", refs: tuple[str, ...] = ()) -> Message:
    return Message("<m@x>", sender, "", (), "Hello", WHEN, "", refs, text)


def test_matching_goes_from_the_strongest_evidence() -> None:
    found = match(inbound("pat@acme.example"), (ACME, ACME_2), {}, sent=False)
    assert found is not None and (found.application, found.confidence, found.contact) == (
        "acme",
        "high",
        "pat",
    )
    thread = match(
        inbound("x@elsewhere.example", refs=("<s@me>",)), (ACME,), {"<s@me>": "acme"}, sent=False
    )
    assert thread is not None and (thread.application, thread.confidence) == ("acme", "high")
    domain = match(inbound("hr@acme.example"), (ACME,), {}, sent=False)
    assert domain is not None and (domain.application, domain.confidence) == ("acme", "medium")
    named = match(
        inbound("noreply@greenhouse.io", "Your application at Initrode"),
        (ACME, BOARD),
        {},
        sent=False,
    )
    assert named is not None and (named.application, named.confidence) == ("board", "low")


def test_no_guess_between_two_applications_or_from_a_shared_domain() -> None:
    assert match(inbound("hr@acme.example"), (ACME, ACME_2), {}, sent=False) is None
    assert (
        match(inbound("noreply@greenhouse.io", "Thanks for applying"), (BOARD,), {}, sent=False)
        is None
    )

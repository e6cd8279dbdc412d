"""Realistic messages for the mailbox tests, built with the standard library:
plain and HTML bodies, quoted replies, a forwarded thread, non-ASCII names,
encoded subjects and a calendar invitation."""

from __future__ import annotations

from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from zoneinfo import ZoneInfo

NY = ZoneInfo("America/New_York")
ME = "jane@example.org"


def message(
    sender: tuple[str, str],
    to: str,
    subject: str,
    text: str,
    when: datetime,
    mid: str,
    html: str | None = None,
    reply_to: str | None = None,
) -> EmailMessage:
    mail = EmailMessage()
    name, address = sender
    user, _, domain = address.partition("@")
    mail["From"] = Address(name, user, domain)
    mail["To"] = to
    mail["Subject"] = subject
    mail["Date"] = format_datetime(when)
    mail["Message-ID"] = mid
    if reply_to:
        mail["In-Reply-To"] = reply_to
        mail["References"] = reply_to
    mail.set_content(text)
    if html:
        mail.add_alternative(html, subtype="html")
    return mail


def invitation(start: str, zone: str, summary: str) -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Initech//Calendar//EN\r\nMETHOD:REQUEST\r\n"
        "BEGIN:VEVENT\r\nUID:interview-42@initech.example\r\nDTSTAMP:20261130T150000Z\r\n"
        f"DTSTART;TZID={zone}:{start}\r\nDURATION:PT45M\r\nSUMMARY:{summary}\r\n"
        "ORGANIZER:mailto:sam@initech.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def sent_check_in() -> bytes:
    """Jane's check-in to Pat, written from our draft (its subject)."""
    return message(
        ("Jane Doe", ME),
        "Pat Lee <pat@acme.example>",
        "Checking in – Data Analyst, Acme Corp",
        "Hello Pat,\n\nI wanted to check in on the Data Analyst role.\n\nBest regards,\nJane",
        datetime(2026, 11, 30, 9, 15, tzinfo=NY),
        "<check-in-1@example.org>",
    ).as_bytes()


def reply_from_pat() -> bytes:
    """Pat answers the check-in, quoting it (a plain reply, no date, no decision)."""
    return message(
        ("Pat Lee", "pat@acme.example"),
        ME,
        "Re: Checking in – Data Analyst, Acme Corp",
        "Hi Jane,\n\nThanks for the note, the team is still reviewing.\n\nPat\n\n"
        "On Mon, Nov 30, 2026 at 9:15 AM Jane Doe <jane@example.org> wrote:\n"
        "> Hello Pat,\n> I wanted to check in. We regret to inform nobody.\n",
        datetime(2026, 11, 30, 16, 40, tzinfo=NY),
        "<reply-1@acme.example>",
        reply_to="<check-in-1@example.org>",
    ).as_bytes()


def rejection_from_globex() -> bytes:
    """HTML only in effect, a non-ASCII name and an encoded subject; matched by the
    sender's domain against the posting's."""
    return message(
        ("José Müller – Globex Talent", "talent@globex.example"),
        ME,
        "Ihre Bewerbung – your application at Globex",
        "Dear Jane,\n\nThank you for your interest. After careful review we have decided to "
        "move forward with other candidates.\n\nKind regards,\nJosé",
        datetime(2026, 11, 27, 11, 5, tzinfo=ZoneInfo("Europe/Berlin")),
        "<rej-9@globex.example>",
        html="<html><body><p>Dear Jane,</p><p>Thank you for your interest. After careful review we "
        "have <b>decided to move forward with other candidates</b>.</p><p>Kind regards,<br>José</p>"
        "</body></html>",
    ).as_bytes()


def interview_from_initech() -> bytes:
    mail = message(
        ("Sam Ortiz", "sam@initech.example"),
        ME,
        "Interview invitation: Support Engineer",
        "Hi Jane,\n\nWe'd like to invite you to a video interview. The invitation is attached.\n\nSam",
        datetime(2026, 11, 30, 10, 0, tzinfo=NY),
        "<invite-3@initech.example>",
    )
    mail.add_attachment(
        invitation("20261208T100000", "America/New_York", "Video interview – Support Engineer"),
        maintype="text",
        subtype="calendar",
        filename="invite.ics",
        params={"method": "REQUEST"},
    )
    return mail.as_bytes()


def forwarded_newsletter() -> bytes:
    """Nothing to do with any application: forwarded by a friend from a free mailbox."""
    return message(
        ("Chris", "chris@gmail.com"),
        ME,
        "Fwd: Weekly jobs digest",
        "Thought you'd like this.\n\n---------- Forwarded message ---------\n"
        "From: Digest <news@jobs.example>\nTen new roles this week at Acme Corp and others.\n",
        datetime(2026, 11, 29, 8, 0, tzinfo=NY),
        "<fwd-5@gmail.com>",
    ).as_bytes()

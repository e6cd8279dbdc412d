"""Sync against a real IMAP server, then one confirmation per message: the journal
gets the right events and the plan follows (run on SQLite and on PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.contrib.auth.models import User

from followup.mail import services as mail
from followup.mail.imap import Server
from followup.mail.models import Folder, Mailbox, MailMessage
from followup.tracker import services as tracker
from followup.tracker.errors import ServiceError
from followup.tracker.models import Application

from . import messages
from .dovecot import Dovecot

AS_OF = date(2026, 12, 1)
JOURNAL = {
    "format": "followup/1",
    "profile": {"name": "Jane Doe", "email": "jane@example.org", "timezone": "America/New_York"},
    "applications": [
        {
            "id": "acme-analyst",
            "company": "Acme Corp",
            "role": "Data Analyst",
            "timezone": "America/New_York",
            "contacts": [
                {
                    "id": "pat",
                    "name": "Pat Lee",
                    "role": "hiring_manager",
                    "email": "pat@acme.example",
                }
            ],
            "events": [
                {"type": "applied", "at": "2026-11-02"},
                {"type": "interview", "at": "2026-11-16T10:00", "with": ["pat"]},
                {"type": "sent", "at": "2026-11-16T18:00", "to": "pat", "purpose": "thank_you"},
            ],
        },
        {
            "id": "globex-dev",
            "company": "Globex",
            "timezone": "Europe/Berlin",
            "country": "DE",
            "posting_url": "https://careers.globex.example/jobs/7",
            "events": [{"type": "applied", "at": "2026-11-03"}],
        },
        {
            "id": "initech-support",
            "company": "Initech",
            "timezone": "America/New_York",
            "contacts": [
                {
                    "id": "sam",
                    "name": "Sam Ortiz",
                    "role": "recruiter",
                    "email": "sam@initech.example",
                }
            ],
            "events": [{"type": "applied", "at": "2026-11-10"}],
        },
    ],
}


@pytest.fixture
def jane(db: None) -> User:
    user = User.objects.create_user("jane", "jane@example.org", "correct horse battery")
    tracker.import_journal(user, JOURNAL, as_of=AS_OF)
    return user


@pytest.fixture
def filled(dovecot: Dovecot, mailbox_user: str) -> str:
    dovecot.deliver(mailbox_user, messages.sent_check_in(), folder="Sent", seen=True)
    dovecot.deliver(mailbox_user, messages.reply_from_pat())
    dovecot.deliver(mailbox_user, messages.rejection_from_globex(), seen=True)
    dovecot.deliver(mailbox_user, messages.interview_from_initech())
    dovecot.deliver(mailbox_user, messages.forwarded_newsletter())
    return mailbox_user


def proposed(user: User) -> dict[str, tuple[str, str, dict[str, object]]]:
    return {
        m.subject: (m.application.slug if m.application else "", m.confidence, m.event)
        for m in mail.proposals(user)
    }


EXPECTED = {
    "Checking in – Data Analyst, Acme Corp": (
        "acme-analyst",
        "high",
        {
            "type": "sent",
            "at": "2026-11-30T09:15",
            "channel": "email",
            "purpose": "check_in",
            "to": "pat",
        },
    ),
    "Re: Checking in – Data Analyst, Acme Corp": (
        "acme-analyst",
        "high",
        # The quoted check-in below the reply ("We regret to inform...") is not read.
        {
            "type": "heard",
            "at": "2026-11-30T16:40",
            "channel": "email",
            "kind": "reply",
            "from": "pat",
        },
    ),
    "Ihre Bewerbung – your application at Globex": (
        "globex-dev",
        "medium",  # by the domain of the posting: careers.globex.example
        {"type": "heard", "at": "2026-11-27T11:05", "channel": "email", "kind": "rejection"},
    ),
    "Interview invitation: Support Engineer": (
        "initech-support",
        "high",
        {
            "type": "interview",
            "at": "2026-12-08T10:00",
            "with": ["sam"],
            "kind": "video",
            "notes": "From the calendar invitation: Video interview – Support Engineer, "
            "2026-12-08 10:00 America/New_York",
        },
    ),
}


def test_one_confirmation_each_makes_the_right_journal_events(
    jane: User, filled: str, server: Server, dovecot: Dovecot
) -> None:
    mail.connect(jane, server)
    before = dovecot.flags(filled)
    result = mail.sync(jane, as_of=AS_OF)
    assert (result.read, result.proposed, result.error) == (5, 4, "")
    assert dovecot.flags(filled) == before  # read-only: no flag changed
    assert proposed(jane) == EXPECTED
    globex = Application.objects.get(user=jane, slug="globex-dev")
    assert (globex.stage, globex.next_action) == ("applied", "confirm_receipt")

    for message in mail.proposals(jane):
        mail.confirm(jane, message.pk, as_of=AS_OF)

    journal = {a["id"]: a["events"] for a in tracker.journal_data(jane)["applications"]}
    assert journal["acme-analyst"][-2:] == [
        EXPECTED["Checking in – Data Analyst, Acme Corp"][2],
        EXPECTED["Re: Checking in – Data Analyst, Acme Corp"][2],
    ]
    assert journal["globex-dev"][-1] == EXPECTED["Ihre Bewerbung – your application at Globex"][2]
    assert journal["initech-support"][-1] == EXPECTED["Interview invitation: Support Engineer"][2]
    # The rejection owes a gracious reply, and closes the application (rules §5).
    globex.refresh_from_db()
    assert (globex.stage, globex.next_action) == ("closed", "reply_graciously")
    assert mail.proposals(jane) == []


def test_two_syncs_propose_the_same_and_read_only_what_is_new(
    jane: User, filled: str, server: Server, dovecot: Dovecot
) -> None:
    mail.connect(jane, server)
    mail.sync(jane, as_of=AS_OF)
    first = proposed(jane)
    again = mail.sync(jane, as_of=AS_OF)
    assert (again.read, again.proposed) == (0, 0)
    assert proposed(jane) == first
    dovecot.deliver(
        filled,
        messages.message(
            ("Pat Lee", "pat@acme.example"),
            "jane@example.org",
            "Next steps",
            "Hi Jane, we expect to decide by Friday 11 December. Pat",
            messages.datetime(2026, 12, 1, 9, 0, tzinfo=messages.NY),
            "<date-2@acme.example>",
        ).as_bytes(),
    )
    later = mail.sync(jane, as_of=AS_OF)
    assert (later.read, later.proposed) == (1, 1)
    assert proposed(jane)["Next steps"][2] == {
        "type": "heard",
        "at": "2026-12-01T09:00",
        "channel": "email",
        "kind": "new_date",
        "by": "2026-12-11",
        "from": "pat",
    }
    assert Folder.objects.get(mailbox__user=jane, name="INBOX").last_uid == 5


def test_ignored_messages_are_not_proposed_again(jane: User, filled: str, server: Server) -> None:
    mail.connect(jane, server)
    mail.sync(jane, as_of=AS_OF)
    rejection = next(m for m in mail.proposals(jane) if m.label == "a rejection")
    mail.ignore(jane, rejection.pk)
    Folder.objects.filter(mailbox__user=jane).update(last_uid=0)  # as if the server reset UIDs
    assert mail.sync(jane, as_of=AS_OF).proposed == 0
    assert len(mail.proposals(jane)) == 3


def test_auto_confirm_records_only_high_confidence(jane: User, filled: str, server: Server) -> None:
    mail.connect(jane, server, auto_confirm=True)
    result = mail.sync(jane, as_of=AS_OF)
    assert result.confirmed == 3
    assert [m.label for m in mail.proposals(jane)] == ["a rejection"]


def test_a_change_moves_the_event_to_another_application(
    jane: User, filled: str, server: Server
) -> None:
    mail.connect(jane, server)
    mail.sync(jane, as_of=AS_OF)
    reply = next(m for m in mail.proposals(jane) if m.label == "a reply")
    mail.confirm(jane, reply.pk, {"application": "initech-support", "kind": "request_info"}, AS_OF)
    events = tracker.journal_data(jane)["applications"][2]["events"]
    assert events[-1] == {
        "type": "heard",
        "at": "2026-11-30T16:40",
        "channel": "email",
        "kind": "request_info",
    }


def test_sync_errors_are_kept_and_nothing_is_lost(jane: User, filled: str, server: Server) -> None:
    mail.connect(jane, server)
    mail.sync(jane, as_of=AS_OF)
    box = Mailbox.objects.get(user=jane)
    box.password_encrypted = mail.vault.encrypt("wrong")
    box.save()
    result = mail.sync(jane, as_of=AS_OF)
    assert "refused the user name or password" in result.error
    box.refresh_from_db()
    assert box.last_error == result.error
    assert len(mail.proposals(jane)) == 4


def test_connect_refuses_a_wrong_password_and_keeps_nothing(jane: User, server: Server) -> None:
    with pytest.raises(ServiceError, match="refused"):
        mail.connect(jane, replace(server, password="wrong"))
    with pytest.raises(ServiceError, match="port: 0 is not a port"):
        mail.connect(jane, replace(server, port=0))
    assert not Mailbox.objects.filter(user=jane).exists()


def test_disconnecting_deletes_what_was_kept(jane: User, filled: str, server: Server) -> None:
    mail.connect(jane, server)
    mail.sync(jane, as_of=AS_OF)
    stored = Mailbox.objects.get(user=jane).password_encrypted
    assert server.password not in stored
    assert mail.disconnect(jane)
    assert not MailMessage.objects.exists() and not Folder.objects.exists()

"""The review inbox and the mailbox settings, through Django's test client: the
owner, another user (404 for the owner's proposals) and an anonymous visitor."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from followup.mail import services as mail
from followup.mail.imap import Server
from followup.mail.models import Mailbox, MailMessage
from followup.tracker import services as tracker

from . import messages
from .dovecot import PASSWORD, Dovecot
from .test_sync import AS_OF, JOURNAL

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tracker, "today_for", lambda user, now=None: AS_OF)


@pytest.fixture
def jane(db: None) -> User:
    user = User.objects.create_user("jane", "jane@example.org", "correct horse battery")
    tracker.import_journal(user, JOURNAL, as_of=AS_OF)
    return user


@pytest.fixture
def synced(jane: User, dovecot: Dovecot, mailbox_user: str, server: Server) -> User:
    dovecot.deliver(mailbox_user, messages.reply_from_pat())
    dovecot.deliver(mailbox_user, messages.rejection_from_globex())
    mail.connect(jane, server)
    mail.sync(jane, as_of=AS_OF)
    return jane


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def proposal(user: User, label: str) -> MailMessage:
    return next(m for m in mail.proposals(user) if m.label == label)


def test_anonymous_visitors_are_sent_to_log_in(db: None) -> None:
    for name in ("mail_inbox", "mail_settings"):
        response = Client().get(reverse(name))
        assert response.status_code == 302 and "/accounts/login" in response["Location"]


def test_the_inbox_shows_each_proposal_with_its_evidence(synced: User) -> None:
    page = client_for(synced).get(reverse("mail_inbox")).content.decode()
    assert "Re: Checking in – Data Analyst, Acme Corp" in page
    assert "Pat Lee &lt;pat@acme.example&gt;" in page
    assert "Thanks for the note, the team is still reviewing." in page  # the excerpt
    assert "pat@acme.example is Pat Lee&#x27;s address" in page
    assert "sent from globex.example, the domain of its contacts or posting" in page


def test_confirm_in_one_click_records_the_event(synced: User) -> None:
    reply = proposal(synced, "a reply")
    response = client_for(synced).post(reverse("mail_confirm", args=[reply.pk]), **HTMX)
    assert response.status_code == 200
    assert "Recorded in Acme Corp&#x27;s journal" in response.content.decode()
    events = tracker.journal_data(synced)["applications"][0]["events"]
    assert events[-1] == {
        "type": "heard",
        "at": "2026-11-30T16:40",
        "channel": "email",
        "kind": "reply",
        "from": "pat",
    }


def test_change_then_confirm(synced: User) -> None:
    rejection = proposal(synced, "a rejection")
    url = reverse("mail_confirm", args=[rejection.pk])
    bad = client_for(synced).post(
        url, {"change": "1", "application": "globex-dev", "at": "soon"}, **HTMX
    )
    assert bad.status_code == 422
    assert "Enter a valid date/time." in bad.content.decode()
    assert MailMessage.objects.get(pk=rejection.pk).status == "proposed"
    good = client_for(synced).post(
        url,
        {
            "change": "1",
            "application": "initech-support",
            "kind": "reply",
            "at": "2026-11-28T09:30",
        },
    )
    assert good.status_code == 302
    events = tracker.journal_data(synced)["applications"][2]["events"]
    assert events[-1] == {
        "type": "heard",
        "at": "2026-11-28T09:30",
        "channel": "email",
        "kind": "reply",
    }


def test_ignore_is_remembered(synced: User) -> None:
    rejection = proposal(synced, "a rejection")
    client_for(synced).post(reverse("mail_ignore", args=[rejection.pk]), **HTMX)
    assert MailMessage.objects.get(pk=rejection.pk).status == "ignored"
    assert "a rejection" not in [m.label for m in mail.proposals(synced)]


def test_another_user_cannot_touch_the_proposals(synced: User) -> None:
    other = User.objects.create_user("other", "other@example.org", "another horse battery")
    reply = proposal(synced, "a reply")
    for name in ("mail_confirm", "mail_ignore"):
        assert client_for(other).post(reverse(name, args=[reply.pk])).status_code == 404
    assert MailMessage.objects.get(pk=reply.pk).status == "proposed"


def test_connect_from_the_settings_page(jane: User, dovecot: Dovecot, mailbox_user: str) -> None:
    client = client_for(jane)
    form = {
        "host": "127.0.0.1",
        "port": dovecot.port,
        "security": "plain",
        "username": mailbox_user,
    }
    invalid = client.post(reverse("mail_settings"), {**form, "port": 0, "password": PASSWORD})
    assert invalid.status_code == 422
    refused = client.post(reverse("mail_settings"), {**form, "password": "wrong"})
    assert refused.status_code == 422
    assert "refused the user name or password" in refused.content.decode()
    assert not Mailbox.objects.exists()
    assert client.post(reverse("mail_settings"), {**form, "password": PASSWORD}).status_code == 302
    page = client.get(reverse("mail_settings")).content.decode()
    assert f"Reading <strong>{mailbox_user}</strong>" in page and PASSWORD not in page


def test_a_failed_sync_is_shown_plainly(synced: User) -> None:
    Mailbox.objects.filter(user=synced).update(password_encrypted=mail.vault.encrypt("wrong"))
    client = client_for(synced)
    client.post(reverse("mail_sync"))
    page = client.get(reverse("mail_inbox")).content.decode()
    assert "The last sync failed:" in page and "refused the user name or password" in page
    assert "Re: Checking in" in page  # what was read before is all still there


def test_disconnect_deletes_everything_kept(synced: User) -> None:
    client_for(synced).post(reverse("mail_disconnect"))
    assert not Mailbox.objects.exists() and not MailMessage.objects.exists()


def test_automatic_confirmation_is_a_setting(synced: User) -> None:
    client = client_for(synced)
    client.post(reverse("mail_auto_confirm"), {"auto_confirm": "on"})
    assert Mailbox.objects.get(user=synced).auto_confirm
    client.post(reverse("mail_auto_confirm"), {})
    assert not Mailbox.objects.get(user=synced).auto_confirm

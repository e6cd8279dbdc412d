"""The morning digest: `followup remind` against a real SMTP server on loopback
(aiosmtpd), its idempotency record, the unsubscribe link and the settings page."""

from __future__ import annotations

import email
import email.policy
import logging
import re
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlparse

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from followup.cli import main
from followup.digest import services as digest
from followup.digest.models import DigestDelivery, DigestSubscription, UnsubscribeToken
from followup.planner.demo import demo_data
from followup.planner.plan import render_draft
from followup.tracker import services
from followup.tracker.presenters import planner_profile

from .conftest import AS_OF

OWNER_ADDRESS = "jordan.baca@example.net"  # the demo journal's profile email
SECOND_ADDRESS = "second@example.org"


# A real SMTP server ------------------------------------------------------------------


@dataclass
class Inbox:
    """What the loopback SMTP server accepted: (envelope recipients, message)."""

    received: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        with self.lock:
            self.received.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [message for rcpt, message in self.received if address in rcpt]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def inbox(settings: Settings) -> Iterator[Inbox]:
    """An SMTP server on a free loopback port, and Django's SMTP backend pointed at it."""
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 10
    settings.DEFAULT_FROM_EMAIL = "followup@digest.test"
    settings.SITE_URL = "https://followup.test"
    try:
        yield handler
    finally:
        controller.stop()


@pytest.fixture
def subscribed(owner: User) -> User:
    digest.update_subscription(owner, True, "")
    return owner


@pytest.fixture
def second(db: None) -> User:
    """A second subscriber with the demo journal, after the owner in id order."""
    user = User.objects.create_user("second", SECOND_ADDRESS, "third horse battery")
    data = demo_data(AS_OF)
    data["profile"] = {"name": "Sam Second", "timezone": "America/Denver"}
    services.import_journal(user, data, as_of=AS_OF)
    digest.update_subscription(user, True, "")
    return user


def due_count(user: User) -> tuple[int, int]:
    """(overdue, today) as the Today page counts them."""
    page = services.today(user, AS_OF)
    return len(page.overdue), len(page.today)


def parts(message: EmailMessage) -> tuple[str, str]:
    text = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert text is not None and html is not None
    return text.get_content(), html.get_content()


def unsubscribe_path(message: EmailMessage) -> str:
    text, _ = parts(message)
    found = re.search(r"https://followup\.test(/digest/unsubscribe/[^/\s]+/)", text)
    assert found, "no unsubscribe link in the text part"
    return found.group(1)


# Sending -----------------------------------------------------------------------------


HAND_ADDRESS = "pat.lee@example.org"


@pytest.fixture
def hand_worked(db: None) -> User:
    """A subscriber whose digest on Wed 18 Nov 2026 is worked out by hand (US calendar).

    Acme: applied Mon 2 Nov, confirm receipt [7, 14] days on: due Mon 9 Nov, by Mon 16,
    so overdue. Beta: interviewed this morning, the thank-you note is due today.
    Gamma: applied Mon 16 Nov, its receipt check is not due before Mon 23 Nov.
    """
    user = User.objects.create_user("pat", HAND_ADDRESS, "fourth horse battery")
    recruiter = {"id": "rita", "name": "Rita Gomez", "role": "recruiter"}
    manager = {"id": "hana", "name": "Hana Kim", "role": "hiring_manager"}
    apps = [
        ("acme", "Acme Corp", [recruiter], {"type": "applied", "at": "2026-11-02"}),
        (
            "beta",
            "Beta Books",
            [manager],
            {"type": "interview", "at": "2026-11-18T09:00", "with": ["hana"]},
        ),
        ("gamma", "Gamma Grains", [], {"type": "applied", "at": "2026-11-16"}),
    ]
    data = {
        "format": "followup/1",
        "profile": {
            "name": "Pat Lee",
            "email": HAND_ADDRESS,
            "country": "US",
            "timezone": "America/Denver",
        },
        "applications": [
            {
                "id": i,
                "company": c,
                "role": "Analyst",
                "employer_kind": "corporate",
                "contacts": p,
                "events": [e],
            }
            for i, c, p, e in apps
        ],
    }
    services.import_journal(user, data, as_of=AS_OF)
    digest.update_subscription(user, True, "")
    return user


def test_the_digest_holds_the_hand_worked_steps(inbox: Inbox, hand_worked: User) -> None:
    assert main(["remind"]) == 0
    (message,) = inbox.to(HAND_ADDRESS)
    assert message["Subject"] == "2 follow-ups to do today (1 overdue)"
    text, html = parts(message)
    overdue, due_today = text.split("OVERDUE", 1)[1].split("TODAY", 1)
    assert "Acme Corp" in overdue and "Rita Gomez" in overdue
    assert "Beta Books" in due_today and "Hana Kim" in due_today
    assert "Gamma Grains" not in text and "Gamma Grains" not in html


def test_an_opted_in_user_gets_one_digest_with_text_html_and_unsubscribe(
    inbox: Inbox, subscribed: User, capsys: pytest.CaptureFixture[str]
) -> None:
    overdue, today = due_count(subscribed)
    assert overdue + today > 0, "the demo journal must have something due on AS_OF"

    assert main(["remind"]) == 0

    assert [rcpt for rcpt, _ in inbox.received] == [[OWNER_ADDRESS]]
    message = inbox.received[0][1]
    assert message["From"] == "followup@digest.test"
    assert message["Subject"] == (
        f"{overdue + today} follow-up{'s' if overdue + today != 1 else ''} to do today"
        + (f" ({overdue} overdue)" if overdue else "")
    )
    assert message["Auto-Submitted"] == "auto-generated"
    text, html = parts(message)
    path = unsubscribe_path(message)
    assert f"https://followup.test{path}" in html
    assert message["List-Unsubscribe"].strip() == f"<https://followup.test{path}>"
    assert "https://followup.test/" in text and 'href="https://followup.test/"' in html
    page = services.today(subscribed, AS_OF)
    for item, step in page.overdue + page.today:
        assert item.application.company in text
        assert step.reason in text
    assert ("OVERDUE" in text) == bool(overdue)
    # No drafts: not one line of any due step's draft is in the email.
    profile = planner_profile(services.profile_of(subscribed))
    drafted = [
        render_draft(item, step, profile)
        for item, step in page.overdue + page.today + page.this_week
    ]
    lines = {
        line.strip()
        for draft in drafted
        if draft
        for line in draft["body"].splitlines()
        if len(line.strip()) > 25
    }
    assert lines, "the demo's due steps must have drafts to leave out"
    for line in lines:
        assert line not in text and line not in html
    delivery = DigestDelivery.objects.get(user=subscribed)
    assert (delivery.day, delivery.status) == (AS_OF, DigestDelivery.SENT)
    assert delivery.sent_at is not None
    # The token is stored hashed only.
    stored = UnsubscribeToken.objects.get(subscription__user=subscribed)
    token = path.split("/")[-2]
    assert stored.token_hash == digest.token_hash(token) != token
    assert "Sent 1 digest(s)" in capsys.readouterr().out


def test_nobody_who_has_not_opted_in_gets_anything(inbox: Inbox, owner: User, other: User) -> None:
    DigestSubscription.objects.create(user=other, opted_in=False, email="other@example.org")
    assert main(["remind"]) == 0
    assert inbox.received == []
    assert not DigestDelivery.objects.exists()


def test_a_user_with_nothing_due_gets_nothing(inbox: Inbox, subscribed: User) -> None:
    services.applications_of(subscribed).delete()
    assert main(["remind"]) == 0
    assert inbox.received == []
    assert not DigestDelivery.objects.exists()


def test_running_twice_sends_once(inbox: Inbox, subscribed: User, second: User) -> None:
    assert main(["remind"]) == 0
    assert main(["remind"]) == 0
    # The next scheduled run, long after the claims went stale: sent is sent.
    DigestDelivery.objects.update(claimed_at=timezone.now() - timedelta(hours=1))
    assert main(["remind"]) == 0
    assert len(inbox.to(OWNER_ADDRESS)) == 1
    assert len(inbox.to(SECOND_ADDRESS)) == 1
    assert len(inbox.received) == 2


def test_a_run_that_fails_midway_is_completed_by_the_next(
    inbox: Inbox,
    subscribed: User,
    second: User,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    real_send = digest.send

    def failing_for_second(message: Any) -> None:
        if SECOND_ADDRESS in message.to:
            raise ConnectionResetError("connection lost")
        real_send(message)

    monkeypatch.setattr(digest, "send", failing_for_second)
    assert main(["remind"]) == 1
    assert f"not sent to user(s) {second.pk}" in capsys.readouterr().err
    assert len(inbox.to(OWNER_ADDRESS)) == 1 and inbox.to(SECOND_ADDRESS) == []
    assert not DigestDelivery.objects.filter(user=second).exists()  # free for the next run

    monkeypatch.setattr(digest, "send", real_send)
    assert main(["remind"]) == 0
    assert len(inbox.to(OWNER_ADDRESS)) == 1  # not sent again
    assert len(inbox.to(SECOND_ADDRESS)) == 1
    assert set(DigestDelivery.objects.values_list("status", flat=True)) == {"sent"}


def test_an_unreachable_smtp_server_fails_and_records_nothing(
    subscribed: User, settings: Settings
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 5
    assert main(["remind"]) == 1
    assert not DigestDelivery.objects.exists()


def test_a_stale_claim_is_taken_over_and_a_fresh_one_left_alone(
    inbox: Inbox, subscribed: User, second: User, capsys: pytest.CaptureFixture[str]
) -> None:
    now = timezone.now()
    DigestDelivery.objects.create(
        user=subscribed, day=AS_OF, run="dead", claimed_at=now - timedelta(minutes=11)
    )
    DigestDelivery.objects.create(
        user=second, day=AS_OF, run="alive", claimed_at=now - timedelta(minutes=1)
    )
    assert main(["remind"]) == 0
    assert len(inbox.to(OWNER_ADDRESS)) == 1
    assert inbox.to(SECOND_ADDRESS) == []  # a live run is sending it
    assert DigestDelivery.objects.get(user=subscribed).status == "sent"
    assert DigestDelivery.objects.get(user=second).run == "alive"
    assert "1 held by another run" in capsys.readouterr().out


def test_a_crash_after_smtp_accepted_resends_with_the_same_message_id(
    inbox: Inbox, subscribed: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The documented at-least-once window: killed between the server's OK and our
    commit, the claim goes stale and the digest goes again, recognisably the same."""

    def killed(user: Any, day: date) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(digest, "mark_sent", killed)
        assert main(["remind"]) == 130
    assert DigestDelivery.objects.get(user=subscribed).status == "claimed"
    assert main(["remind"]) == 0  # the claim is fresh: left alone
    assert len(inbox.received) == 1
    DigestDelivery.objects.update(claimed_at=timezone.now() - timedelta(minutes=30))
    assert main(["remind"]) == 0
    first, again = (message for _, message in inbox.received)
    assert first["Message-ID"] == again["Message-ID"] == digest.message_id(subscribed.pk, AS_OF)
    assert main(["remind"]) == 0
    assert len(inbox.received) == 2


def test_dry_run_sends_and_records_nothing(
    inbox: Inbox, subscribed: User, capsys: pytest.CaptureFixture[str]
) -> None:
    overdue, today = due_count(subscribed)
    assert main(["remind", "--dry-run"]) == 0
    assert inbox.received == []
    assert not DigestDelivery.objects.exists()
    assert f"user {subscribed.pk}: would get {overdue + today} steps" in capsys.readouterr().out


def test_unsubscribing_by_the_link_stops_the_next_days_digest(
    inbox: Inbox, subscribed: User, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["remind"]) == 0
    path = unsubscribe_path(inbox.received[0][1])
    tomorrow = (AS_OF + timedelta(days=1)).isoformat()
    assert main(["remind", "--as-of", tomorrow, "--dry-run"]) == 0
    assert "Dry run: 1 digest(s)" in capsys.readouterr().out  # still subscribed

    client = Client(enforce_csrf_checks=True)  # no session, no CSRF token: the link is enough
    page = client.get(path)
    assert page.status_code == 200 and page["Referrer-Policy"] == "no-referrer"
    assert b"Stop the morning digest" in page.content
    assert DigestSubscription.objects.get(user=subscribed).opted_in  # a GET changes nothing
    done = client.post(path)
    assert done.status_code == 200 and b"no more morning emails" in done.content
    assert not DigestSubscription.objects.get(user=subscribed).opted_in

    assert main(["remind", "--as-of", tomorrow]) == 0
    assert len(inbox.received) == 1


def test_one_click_unsubscribe_from_a_mail_program(inbox: Inbox, subscribed: User) -> None:
    assert main(["remind"]) == 0
    path = unsubscribe_path(inbox.received[0][1])
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert not DigestSubscription.objects.get(user=subscribed).opted_in


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_invalid_unsubscribe_token_is_404(
    anon_client: Client, subscribed: User, method: str
) -> None:
    digest.issue_token(digest.subscription_of(subscribed))
    url = reverse("digest_unsubscribe", args=["not-a-real-token"])
    assert getattr(anon_client, method)(url).status_code == 404
    assert DigestSubscription.objects.get(user=subscribed).opted_in


def test_logs_name_no_person(
    inbox: Inbox,
    subscribed: User,
    second: User,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.WARNING, logger="mail.log")  # the test SMTP server: not ours
    real_send = digest.send

    def refused(message: Any) -> None:
        if SECOND_ADDRESS in message.to:
            import smtplib

            raise smtplib.SMTPRecipientsRefused({SECOND_ADDRESS: (550, b"no such user")})
        real_send(message)

    DigestDelivery.objects.create(
        user=subscribed, day=AS_OF, run="dead", claimed_at=timezone.now() - timedelta(hours=1)
    )
    monkeypatch.setattr(digest, "send", refused)
    assert main(["remind"]) == 1
    monkeypatch.setattr(digest, "send", real_send)
    assert main(["remind"]) == 0
    logged = "\n".join(
        f"{record.name} {record.getMessage()}"
        for record in caplog.records
        if not record.name.startswith("mail.log")
    )
    assert f"user {subscribed.pk}" in logged and f"user {second.pk}" in logged
    assert "SMTPRecipientsRefused" in logged
    out = capsys.readouterr()
    companies = [a.company for a in services.applications_of(subscribed)]
    for secret in (OWNER_ADDRESS, SECOND_ADDRESS, "Jordan Baca", "Sam Second", *companies):
        assert secret not in logged
        assert secret not in out.out and secret not in out.err
    assert "@" not in logged


# The settings page ------------------------------------------------------------------

SETTINGS_URL = "/digest/settings/"


def test_settings_url_is_named() -> None:
    assert reverse("digest_settings") == SETTINGS_URL


def test_owner_sees_and_turns_on_the_digest(owner_client: Client, owner: User) -> None:
    page = owner_client.get(SETTINGS_URL)
    assert page.status_code == 200
    assert b"It is off" in page.content and OWNER_ADDRESS.encode() in page.content

    response = owner_client.post(SETTINGS_URL, {"opted_in": "on", "email": ""})
    assert response.status_code == 302 and response["Location"] == SETTINGS_URL
    subscription = DigestSubscription.objects.get(user=owner)
    assert subscription.opted_in and subscription.email == ""
    assert b"It is on" in owner_client.get(SETTINGS_URL).content

    response = owner_client.post(SETTINGS_URL, {"opted_in": "on", "email": "me@work.example"})
    assert response.status_code == 302
    assert digest.address_of(DigestSubscription.objects.get(user=owner)) == "me@work.example"

    assert owner_client.post(SETTINGS_URL, {"email": ""}).status_code == 302
    assert not DigestSubscription.objects.get(user=owner).opted_in


def test_an_invalid_address_is_422_and_changes_nothing(owner_client: Client, owner: User) -> None:
    digest.update_subscription(owner, True, "kept@example.org")
    response = owner_client.post(SETTINGS_URL, {"opted_in": "", "email": "not an address"})
    assert response.status_code == 422
    assert b"valid email address" in response.content
    subscription = DigestSubscription.objects.get(user=owner)
    assert subscription.opted_in and subscription.email == "kept@example.org"


def test_opting_in_without_any_address_is_422(db: None) -> None:
    user = User.objects.create_user("nomail", "", "fourth horse battery")
    client = Client()
    client.force_login(user)
    response = client.post(SETTINGS_URL, {"opted_in": "on", "email": ""})
    assert response.status_code == 422
    assert b"enter an address" in response.content
    assert not DigestSubscription.objects.filter(user=user, opted_in=True).exists()


def test_another_user_sees_only_their_own_settings(
    other_client: Client, owner: User, other: User
) -> None:
    digest.update_subscription(owner, True, "owner-digest@example.org")
    page = other_client.get(SETTINGS_URL)
    assert page.status_code == 200
    assert b"other@example.org" in page.content
    assert b"owner-digest@example.org" not in page.content and OWNER_ADDRESS.encode() not in (
        page.content
    )
    assert other_client.post(SETTINGS_URL, {"email": ""}).status_code == 302
    assert DigestSubscription.objects.get(user=owner).opted_in  # the owner's is untouched


def test_anonymous_is_sent_to_login(anon_client: Client, owner: User) -> None:
    for response in (
        anon_client.get(SETTINGS_URL),
        anon_client.post(SETTINGS_URL, {"opted_in": "on"}),
    ):
        assert response.status_code == 302
        assert urlparse(response["Location"]).path == reverse("login")
    assert not DigestSubscription.objects.exists()

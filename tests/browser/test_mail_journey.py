"""The mailbox in Chromium (a real Dovecot): the review inbox (sync, then confirm,
change and ignore with the keyboard and the mouse, as a person would), and the
mailbox's settings (connect, automatic confirmation, disconnect)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from followup.mail import services as mail
from followup.mail.models import Mailbox, MailMessage
from followup.tracker import services
from tests.mail import conftest as mail_fixtures
from tests.mail import messages
from tests.mail.dovecot import PASSWORD, Dovecot
from tests.mail.test_sync import AS_OF, JOURNAL

from .conftest import log_in

# The mailbox fixtures (a Dovecot for the run, a mailbox per test), used here too.
dovecot_server = mail_fixtures.dovecot_server
dovecot = mail_fixtures.dovecot
mailbox_user = mail_fixtures.mailbox_user
server = mail_fixtures.server


@pytest.fixture(autouse=True)
def as_of(monkeypatch: pytest.MonkeyPatch) -> date:
    """Today is the mail tests' day (1 December): the messages, of late November, have
    happened (the journal refuses events after today)."""
    monkeypatch.setattr(services, "today_for", lambda user, now=None: AS_OF)
    return AS_OF


@pytest.mark.submits("mail_sync", "mail_confirm", "mail_ignore")
def test_review_the_mail_confirm_change_and_ignore(
    page: Page,
    live_server: Any,
    user: User,
    results_dir: Path,
    dovecot: Dovecot,
    mailbox_user: str,
    server: Any,
) -> None:
    services.import_journal(user, JOURNAL)
    dovecot.deliver(mailbox_user, messages.reply_from_pat())
    dovecot.deliver(mailbox_user, messages.rejection_from_globex())
    dovecot.deliver(mailbox_user, messages.interview_from_initech())
    mail.connect(user, server)
    log_in(page, live_server, user)
    page.goto(f"{live_server.url}/settings/")
    page.get_by_role("link", name="mail to review").click()
    page.get_by_role("button", name="Sync now").click()
    expect(page.get_by_role("status")).to_contain_text("Read 3 new messages; 3 to review.")
    page.screenshot(path=str(results_dir / "mail-inbox.png"), full_page=True)

    # Confirm the interview with the keyboard: focus the button, press Enter.
    invite = page.locator("article", has_text="Interview invitation: Support Engineer")
    invite.get_by_role("button", name="Confirm", exact=True).focus()
    page.keyboard.press("Enter")
    done = page.get_by_role("status").filter(has_text="Recorded in Initech's journal")
    expect(done).to_be_focused()

    # Change the rejection into a plain reply, with a wrong date first.
    rejection = page.locator("article", has_text="your application at Globex")
    rejection.get_by_text("Change before confirming").click()
    rejection.get_by_label("What it is").select_option("reply")
    rejection.get_by_role("button", name="Confirm with these changes").click()
    expect(
        page.get_by_role("status").filter(has_text="Recorded in Globex's journal")
    ).to_be_visible()

    reply = page.locator("article", has_text="Re: Checking in")
    reply.get_by_role("button", name="Ignore").click()
    expect(page.get_by_role("status").filter(has_text="won't be proposed again")).to_be_visible()

    page.reload()
    expect(page.get_by_text("Nothing to review.")).to_be_visible()
    assert sorted(MailMessage.objects.values_list("status", flat=True)) == [
        "confirmed",
        "confirmed",
        "ignored",
    ]
    events = {a["id"]: a["events"][-1] for a in services.journal_data(user)["applications"]}
    assert events["initech-support"]["at"] == "2026-12-08T10:00"
    assert events["globex-dev"] == {
        "type": "heard",
        "at": "2026-11-27T11:05",
        "channel": "email",
        "kind": "reply",
    }
    page.goto(f"{live_server.url}/applications/initech-support/")
    expect(page.get_by_text("From the calendar invitation", exact=False).first).to_be_visible()


@pytest.mark.submits("mail_settings", "mail_auto_confirm", "mail_disconnect")
def test_connect_the_mailbox_set_automatic_confirmation_and_disconnect(
    page: Page, live_server: Any, user: User, dovecot: Dovecot, mailbox_user: str
) -> None:
    log_in(page, live_server, user)
    page.goto(f"{live_server.url}/mail/")
    page.get_by_role("link", name="Connect your mailbox").click()
    page.get_by_label("Host").fill("127.0.0.1")
    page.get_by_label("Port").fill(str(dovecot.port))
    page.get_by_label("Security").select_option("plain")
    page.get_by_label("User name").fill(mailbox_user)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Check and connect").click()
    expect(page.get_by_text("refused the user name or password")).to_be_visible()  # 422
    assert not Mailbox.objects.exists()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Check and connect").click()
    connected = page.get_by_role("region", name="Connected")
    expect(connected).to_contain_text(f"Reading {mailbox_user} at 127.0.0.1")

    connected.get_by_label("Record high-confidence matches without asking").check()
    connected.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Automatic confirmation is on.")
    assert Mailbox.objects.get(user=user).auto_confirm

    page.get_by_role("button", name="Disconnect and delete what was kept").click()
    expect(page.get_by_role("status")).to_contain_text("Mailbox disconnected")
    expect(page.get_by_role("heading", name="Connect a mailbox")).to_be_visible()
    assert not Mailbox.objects.exists()

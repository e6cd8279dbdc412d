"""`followup mail connect|sync|status|disconnect` and `followup replan` syncing,
run through `followup.cli.main` against Dovecot and the test database."""

from __future__ import annotations

import io
import json

import pytest

from followup.accounts.services import local_user
from followup.cli import main
from followup.mail.models import Mailbox, MailMessage
from followup.tracker import services as tracker

from . import messages
from .dovecot import PASSWORD, Dovecot
from .test_sync import AS_OF, JOURNAL

pytestmark = pytest.mark.django_db


def connect(monkeypatch: pytest.MonkeyPatch, dovecot: Dovecot, user: str, password: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    return main(
        [
            "mail",
            "connect",
            "--host",
            "127.0.0.1",
            "--port",
            str(dovecot.port),
            "--security",
            "plain",
            "--username",
            user,
            "--password-stdin",
        ]
    )


def test_connect_sync_status_disconnect(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    dovecot: Dovecot,
    mailbox_user: str,
) -> None:
    tracker.import_journal(local_user(), JOURNAL, as_of=AS_OF)
    dovecot.deliver(mailbox_user, messages.reply_from_pat())
    dovecot.deliver(mailbox_user, messages.forwarded_newsletter())
    assert connect(monkeypatch, dovecot, mailbox_user, PASSWORD) == 0
    assert main(["mail", "sync", "--as-of", "2026-12-01"]) == 0
    assert "Read 2 new messages; 1 proposed." in capsys.readouterr().out
    assert main(["mail", "status", "--format", "json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert (status["waiting"], status["last_error"], status["folders"]) == (
        1,
        "",
        {"INBOX": 2, "Sent": 0},
    )
    assert PASSWORD not in json.dumps(status)
    assert main(["mail", "disconnect"]) == 0
    assert not Mailbox.objects.exists() and not MailMessage.objects.exists()


def test_a_wrong_password_is_refused_and_nothing_saved(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    dovecot: Dovecot,
    mailbox_user: str,
) -> None:
    assert connect(monkeypatch, dovecot, mailbox_user, "not-it") == 2
    assert "refused the user name or password" in capsys.readouterr().err
    assert not Mailbox.objects.exists()


def test_replan_syncs_connected_mailboxes(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    dovecot: Dovecot,
    mailbox_user: str,
) -> None:
    tracker.import_journal(local_user(), JOURNAL, as_of=AS_OF)
    assert connect(monkeypatch, dovecot, mailbox_user, PASSWORD) == 0
    dovecot.deliver(mailbox_user, messages.rejection_from_globex())
    assert main(["replan", "--as-of", "2026-12-01"]) == 0
    assert [m.label for m in MailMessage.objects.filter(status="proposed")] == ["a rejection"]

"""The IMAP adapter against a real server: read-only, incremental, Sent by its flag."""

from __future__ import annotations

from dataclasses import replace

import pytest

from followup.mail.imap import MailError, Reader, Server
from followup.mail.message import parse_message

from . import messages
from .dovecot import Dovecot


def test_folders_are_the_inbox_and_the_one_flagged_sent(server: Server) -> None:
    with Reader(server) as mail:
        assert mail.folders() == [("INBOX", "inbox"), ("Sent", "sent")]


def test_reading_changes_no_flag(dovecot: Dovecot, mailbox_user: str, server: Server) -> None:
    dovecot.deliver(mailbox_user, messages.reply_from_pat())  # unread
    dovecot.deliver(mailbox_user, messages.rejection_from_globex(), seen=True)
    dovecot.deliver(mailbox_user, messages.sent_check_in(), folder="Sent", seen=True)
    before = dovecot.flags(mailbox_user)
    with Reader(server) as mail:
        for name, _ in mail.folders():
            mail.examine(name)
            assert len(list(mail.fetch(mail.new_uids(0)))) == (2 if name == "INBOX" else 1)
    assert dovecot.flags(mailbox_user) == before
    assert any(name.endswith(":2,") for name in before)  # the unread one is still unread


def test_only_messages_after_the_last_uid_are_fetched(
    dovecot: Dovecot, mailbox_user: str, server: Server
) -> None:
    dovecot.deliver(mailbox_user, messages.reply_from_pat())
    with Reader(server) as mail:
        validity = mail.examine("INBOX")
        first = mail.new_uids(0)
        assert len(first) == 1
        assert mail.new_uids(first[-1]) == []  # "N:*" answers the last one: filtered out
    dovecot.deliver(mailbox_user, messages.interview_from_initech())
    with Reader(server) as mail:
        assert mail.examine("INBOX") == validity
        [(uid, raw)] = list(mail.fetch(mail.new_uids(first[-1])))
    assert uid > first[-1]
    assert parse_message(raw).message_id == "<invite-3@initech.example>"


def test_a_wrong_password_is_said_plainly(server: Server) -> None:
    with (
        pytest.raises(MailError, match="refused the user name or password"),
        Reader(replace(server, password="wrong")),
    ):
        pass


def test_an_unreachable_server_is_said_plainly(server: Server) -> None:
    from .dovecot import free_port

    with (
        pytest.raises(MailError, match="can't be reached"),
        Reader(replace(server, port=free_port()), timeout=3),
    ):
        pass

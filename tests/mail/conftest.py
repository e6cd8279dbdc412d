"""Mailbox fixtures: one Dovecot for the whole run, a fresh mailbox user per test."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest

from followup.mail.imap import Server

from .dovecot import MISSING, PASSWORD, Dovecot

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def dovecot_server() -> Iterator[Dovecot]:
    if MISSING:  # a visible reason; FOLLOWUP_REQUIRE_ALL=1 (CI) makes it a failure
        pytest.skip(MISSING)
    server = Dovecot()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def dovecot(dovecot_server: Dovecot) -> Dovecot:
    return dovecot_server


@pytest.fixture
def mailbox_user(dovecot: Dovecot) -> str:
    name = f"jane{next(_numbers)}@example.org"
    dovecot.add_user(name)
    return name


@pytest.fixture
def server(dovecot: Dovecot, mailbox_user: str) -> Server:
    return Server("127.0.0.1", dovecot.port, "plain", mailbox_user, PASSWORD)

"""Web test fixtures: three people for every view test.

- `owner`: a user with the demo journal (their own data);
- `other`: another user with their own application, who must never see the owner's;
- anonymous: a client that is not logged in.

Every view test checks all three (healthchecks' habit): the owner gets the page,
the other user gets 404 for the owner's objects, the anonymous client is sent
to the login page.
"""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client

from followup.planner.demo import demo_data
from followup.tracker import services

AS_OF = date(2026, 11, 18)  # a Wednesday: the demo's story, moved to this week


@pytest.fixture
def owner(db: None) -> User:
    user = User.objects.create_user("owner", "owner@example.org", "correct horse battery")
    services.import_journal(user, demo_data(AS_OF), as_of=AS_OF)
    return user


@pytest.fixture
def other(db: None) -> User:
    user = User.objects.create_user("other", "other@example.org", "another horse battery")
    services.add_application(
        user,
        {
            "id": "others-job",
            "company": "Other Co",
            "events": [{"type": "applied", "at": "2026-11-02"}],
        },
        as_of=AS_OF,
    )
    return user


@pytest.fixture
def owner_client(owner: User) -> Client:
    client = Client()
    client.force_login(owner)
    return client


@pytest.fixture
def other_client(other: User) -> Client:
    client = Client()
    client.force_login(other)
    return client


@pytest.fixture
def anon_client(db: None) -> Client:
    return Client()


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> date:
    """Pin the users' 'today' so pages are the same on any day the tests run."""
    monkeypatch.setattr(services, "today_for", lambda user, now=None: AS_OF)
    return AS_OF


def draft_links(page: str) -> list[str]:
    """The addresses of the drafts and call sheets a Today page offers (each card's
    plain link, the same address its disclosure fetches with htmx)."""
    found = re.findall(r'<div class="draft-body"><p><a href="([^"]+)"', page)
    return [html.unescape(link) for link in found]


def opened_drafts(client: Client, path: str = "/") -> str:
    """Every draft and call sheet of a Today page, fetched as opening each does."""
    page = client.get(path).content.decode()
    return "\n".join(
        client.get(link, HTTP_HX_REQUEST="true").content.decode() for link in draft_links(page)
    )

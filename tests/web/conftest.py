"""Web test fixtures: three people for every view test.

- `owner`: a user with the demo journal (their own data);
- `other`: another user with their own application, who must never see the owner's;
- anonymous: a client that is not logged in.

Every view test checks all three (healthchecks' habit): the owner gets the page,
the other user gets 404 for the owner's objects, the anonymous client is sent
to the login page.
"""

from __future__ import annotations

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

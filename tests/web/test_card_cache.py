"""Today's rendered step cards, kept under a digest of what they show (issue 9)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from followup.tracker import card_cache, services
from followup.tracker.models import Event

from .conftest import AS_OF

pytestmark = pytest.mark.django_db


def token_of(page: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def without_tokens(page: str) -> str:
    """The page with each CSRF token (masked anew for every use) and the script nonce
    (new for every request) as one word."""
    return re.sub(r'\b[A-Za-z0-9]{64}\b|nonce="[^"]+"', "TOKEN", page)


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the cards rendered (not taken from the cache), in order."""
    seen: list[str] = []
    real = card_cache._render

    def counted(group: str, card: Any) -> str:
        seen.append(card.key)
        return real(group, card)

    monkeypatch.setattr(card_cache, "_render", counted)
    card_cache.caches["cards"].clear()
    return seen


def test_a_card_is_rendered_once_until_what_it_shows_changes(
    owner: User, owner_client: Client, renders: list[str]
) -> None:
    first = owner_client.get("/").content.decode()
    assert len(renders) == 14  # the demo's 14 steps this week
    again = owner_client.get("/").content.decode()
    assert len(renders) == 14  # all from the cache
    assert without_tokens(again) == without_tokens(first)
    # A voicemail for Gloria: her next call says not to leave another;
    # the cards are numbered in page order, so the ones after hers change too.
    services.record_done(
        owner, "rio-grande-print-ops", "call", "gloria", outcome="voicemail", as_of=AS_OF
    )
    renders.clear()
    after = owner_client.get("/").content.decode()
    assert renders and len(renders) < 14
    no_message = "Don't leave another voicemail this time."
    assert after.count(no_message) == first.count(no_message) + 1


def test_a_cached_card_carries_each_requests_own_csrf_token(owner: User) -> None:
    first = Client(HTTP_HOST="testserver")
    first.force_login(owner)
    first.get("/")  # fills the cache in one session
    second = Client(HTTP_HOST="testserver", enforce_csrf_checks=True)
    second.force_login(owner)  # another session: another CSRF secret
    page = second.get("/").content.decode()
    assert card_cache.TOKEN not in page
    answer = second.post(
        "/applications/rio-grande-print-ops/done/",
        {
            "csrfmiddlewaretoken": token_of(page),
            "action": "call",
            "to": "gloria",
            "outcome": "spoke",
        },
    )
    assert answer.status_code == 302
    assert Event.objects.filter(application__slug="rio-grande-print-ops", type="called").exists()

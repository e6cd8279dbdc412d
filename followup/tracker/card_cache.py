"""Today's step cards, rendered once and kept (issue 9): rendering 30-odd cards, each
with its forms, was the largest part of the page's time once the drafts were loaded
on demand.

A card's HTML is kept under a digest of everything it shows (the card as the
presenters made it and its group), so a change to the application, the profile or
the policy that changes what the card says gives another key: nothing needs to be
invalidated, and a stale card can't be served. Each worker keeps its own cards in
memory (Django's local-memory cache, `CACHES["cards"]`): a card costs a few
kilobytes, and a database cache would spend on its query what it saves. The one
value that differs between requests, the CSRF token, is put in after reading.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, NamedTuple

from django.core.cache import caches
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from . import presenters

TEMPLATE = "tracker/partials/step_card.html"
# Change it with the card's template or its constant parts (outcomes, kinds of news).
VERSION = "1"
TOKEN = "csrf-token-of-the-request"  # what the cached HTML holds in its place


class RenderedGroup(NamedTuple):
    """A group of Today as the steps template shows it: its cards as HTML."""

    name: str
    title: str
    cards: list[SafeString]


def _key(user_id: Any, group: str, card: presenters.StepCard) -> str:
    text = repr((VERSION, group, card))
    return f"card:{user_id}:{hashlib.blake2b(text.encode(), digest_size=16).hexdigest()}"


def _render(group: str, card: presenters.StepCard) -> str:
    context = {
        "card": card,
        "group": {"name": group},
        "outcomes": presenters.CALL_OUTCOMES,
        "heard_kinds": presenters.HEARD_KINDS,
        "csrf_token": TOKEN,
    }
    return render_to_string(TEMPLATE, context)


def rendered_groups(
    request: HttpRequest, groups: Sequence[presenters.Group]
) -> list[RenderedGroup]:
    """`groups` with each card rendered, from the cache where it is already."""
    cache, user_id = caches["cards"], getattr(request.user, "pk", None)
    keys = {(g.name, c.key): _key(user_id, g.name, c) for g in groups for c in g.cards}
    found: dict[str, str] = cache.get_many(list(keys.values()))
    missing = {}
    for group in groups:
        for card in group.cards:
            key = keys[group.name, card.key]
            if key not in found:
                found[key] = missing[key] = _render(group.name, card)
    if missing:
        cache.set_many(missing)
    token = get_token(request)
    return [
        RenderedGroup(
            g.name,
            g.title,
            [mark_safe(found[keys[g.name, c.key]].replace(TOKEN, token)) for c in g.cards],
        )
        for g in groups
    ]

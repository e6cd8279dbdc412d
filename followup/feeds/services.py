"""Calendar feed tokens: create (shown once), revoke, and look up.

The raw token exists only in the answer to `regenerate` and in the user's calendar
app; the database holds its hash, so a leaked database copy opens no feed.
"""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from .models import FeedToken

TOKEN_BYTES = 32  # 256 random bits
PREFIX_LENGTH = 6
MAX_TOKEN_LENGTH = 100  # longer strings can't be ours: don't even hash them


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@transaction.atomic
def regenerate(user: AbstractBaseUser) -> str:
    """A new feed token for `user`, replacing (and so revoking) any old one.
    Returns the raw token: the only time it is known."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    FeedToken.objects.update_or_create(
        user=user,
        defaults={
            "token_hash": digest(token),
            "prefix": token[:PREFIX_LENGTH],
            "created": timezone.now(),
        },
    )
    return token


def revoke(user: AbstractBaseUser) -> bool:
    """Turn the user's feed off; whether there was one."""
    deleted, _ = FeedToken.objects.filter(user=user).delete()
    return bool(deleted)


def feed_of(user: AbstractBaseUser) -> FeedToken | None:
    """The user's live feed token (hash and prefix), or None."""
    return FeedToken.objects.filter(user=user).first()


def user_for_token(token: str) -> AbstractBaseUser | None:
    """The active user whose live feed token this is, or None."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    found = (
        FeedToken.objects.select_related("user")
        .filter(token_hash=digest(token), user__is_active=True)
        .first()
    )
    return found.user if found else None

"""The secret address of each user's calendar feed.

The token in the address is the only credential a calendar app can send, so it is
stored the way a password would be if it were random: as its SHA-256 hash (256
random bits need no salt or slow hash). Only a short prefix is kept in clear, to
tell the user which address is live.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class FeedToken(models.Model):
    """The live feed token of one user (at most one: regenerating replaces it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token"
    )
    token_hash = models.CharField(max_length=64, unique=True)  # SHA-256, hex
    prefix = models.CharField(max_length=8)  # the token's first characters, for display
    created = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"calendar feed {self.prefix}… of user {self.user_id}"

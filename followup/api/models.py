"""API tokens: many per user, each named, revocable, and stored only as a hash.

A token is 256 random bits, so its SHA-256 is as good as a password hash would be
(no salt or slow hash needed) and lets a request find its token with one indexed
lookup. Only a short prefix stays in clear, so the user can tell tokens apart.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)  # SHA-256, hex
    prefix = models.CharField(max_length=12)  # "fu_" and the next few characters
    created = models.DateTimeField(default=timezone.now)
    last_used = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"API token {self.prefix}… ({self.name}) of user {self.user_id}"

"""What signing in needs to remember: one-time login links and sign-ups per address.

Both live in the database (not a cache) so that every gunicorn worker, and the
CLI that issues links, sees the same rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class LoginToken(models.Model):
    """A one-time login link. Only the SHA-256 of the token is kept: whoever reads
    the database (or a backup of it) can't use a link that is still valid."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_tokens"
    )
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(default=timezone.now)
    used = models.BooleanField(default=False)
    used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"login link of user {self.user_id} ({'used' if self.used else 'unused'})"


class SignupAttempt(models.Model):
    """An account created from an address, counted to limit sign-ups per hour.

    Failed logins are counted by django-axes (its own tables)."""

    address = models.CharField(max_length=45)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = (models.Index(fields=["address", "at"], name="signups_by_address"),)

    def __str__(self) -> str:
        return f"sign-up from {self.address} at {self.at:%Y-%m-%d %H:%M:%S}"

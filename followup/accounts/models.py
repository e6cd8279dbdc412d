"""What signing in needs to remember: one-time login links and failed logins.

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


class LoginAttempt(models.Model):
    """A password login in progress or failed, counted to throttle guessing.

    A row is written before the password is checked (so concurrent guesses all
    count) and removed when the password was right; rows older than the window
    are swept away by later attempts.
    """

    username = models.CharField(max_length=150)
    address = models.CharField(max_length=45)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = (
            models.Index(fields=["username", "at"], name="attempts_by_username"),
            models.Index(fields=["address", "at"], name="attempts_by_address"),
            models.Index(fields=["at"], name="attempts_by_time"),
        )

    def __str__(self) -> str:
        return f"login attempt for {self.username!r} from {self.address} at {self.at:%Y-%m-%d %H:%M:%S}"

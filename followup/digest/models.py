"""The morning digest: who wants it, where to, and which day's digest went out.

`DigestDelivery` is the idempotency record of `followup remind`: one row per user
and day, claimed before the message is sent and marked sent right after.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class DigestSubscription(models.Model):
    """A user's choice about the morning digest (no row: not subscribed)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_subscription"
    )
    opted_in = models.BooleanField(default=False)
    # Empty: the profile's email, else the account's.
    email = models.EmailField(blank=True, default="")
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"digest of user {self.user_id}: {'on' if self.opted_in else 'off'}"


class UnsubscribeToken(models.Model):
    """The SHA-256 of one unsubscribe link's secret; the secret itself is only ever in
    the email. Each message gets its own link (a stored hash can't be put back into
    the next day's email), and every link sent keeps working."""

    subscription = models.ForeignKey(
        DigestSubscription, on_delete=models.CASCADE, related_name="tokens"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"unsubscribe link of user {self.subscription.user_id}"


class DigestDelivery(models.Model):
    """One user's digest for one day: claimed by a run of `followup remind`, then sent."""

    CLAIMED = "claimed"
    SENT = "sent"
    STATUSES = ((CLAIMED, "Claimed"), (SENT, "Sent"))

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_deliveries"
    )
    day = models.DateField()
    status = models.CharField(max_length=10, choices=STATUSES, default=CLAIMED)
    run = models.CharField(max_length=32)  # the run holding the claim
    claimed_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="one_digest_per_user_and_day")
        ]

    def __str__(self) -> str:
        return f"digest of user {self.user_id} for {self.day}: {self.status}"

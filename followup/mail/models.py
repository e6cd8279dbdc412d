"""The mailbox connection, where each folder's reading stopped, and what it found.

Privacy: a message that matches no application leaves only a hash of its
Message-ID (so it is never read twice); a matched one keeps its headers and a
short excerpt, never its whole body. Deleting the `Mailbox` deletes all of it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..tracker.models import Application, Event


class Mailbox(models.Model):
    """One user's IMAP connection; the password encrypted (see `vault.py`)."""

    SECURITY = (("tls", "TLS"), ("starttls", "STARTTLS"), ("plain", "none (loopback only)"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mailbox"
    )
    host = models.CharField(max_length=255)
    port = models.PositiveIntegerField(default=993)
    security = models.CharField(max_length=10, choices=SECURITY, default="tls")
    username = models.CharField(max_length=255)
    password_encrypted = models.TextField()
    auto_confirm = models.BooleanField(default=False)
    created = models.DateTimeField(default=timezone.now)
    last_sync = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")  # of the last sync; "" when it went well
    last_found = models.IntegerField(default=0)  # messages proposed by the last sync

    def __str__(self) -> str:
        return f"{self.username} at {self.host}"


class Folder(models.Model):
    """Where reading one folder stopped: its UIDVALIDITY and the last UID read."""

    mailbox = models.ForeignKey(Mailbox, on_delete=models.CASCADE, related_name="folders")
    name = models.CharField(max_length=255)
    role = models.CharField(max_length=10)  # "inbox" or "sent"
    uidvalidity = models.BigIntegerField(default=0)
    last_uid = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mailbox", "name"], name="one_folder_per_name")
        ]


class MailMessage(models.Model):
    """A message read from the mailbox, and what became of its proposal."""

    PROPOSED, CONFIRMED, IGNORED, UNMATCHED = "proposed", "confirmed", "ignored", "unmatched"
    mailbox = models.ForeignKey(Mailbox, on_delete=models.CASCADE, related_name="messages")
    message_key = models.CharField(max_length=64)  # SHA-256 of the Message-ID
    status = models.CharField(max_length=10, default=PROPOSED)
    sent = models.BooleanField(default=False)  # the user wrote it (from the Sent folder)
    # Kept only for matched messages ("" otherwise):
    message_id = models.TextField(blank=True, default="")
    sender = models.TextField(blank=True, default="")
    sender_name = models.TextField(blank=True, default="")
    recipients = models.TextField(blank=True, default="")
    subject = models.TextField(blank=True, default="")
    date = models.DateTimeField(null=True, blank=True)
    excerpt = models.TextField(blank=True, default="")
    application = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    event = models.JSONField(default=dict, blank=True)  # the proposed journal event
    label = models.TextField(blank=True, default="")
    confidence = models.CharField(max_length=10, blank=True, default="")
    evidence = models.TextField(blank=True, default="")
    recorded = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["mailbox", "message_key"], name="one_message_per_id")
        ]
        indexes = [models.Index(fields=["mailbox", "status"], name="mail_by_status")]
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.label or self.status}: {self.subject}"

"""The journal, stored: one row per profile, application, contact and event.

The tables hold the journal losslessly (export, import, export gives the same
file): text fields are NULL where the journal has no such key, and each event keeps
its `at` exactly as written plus its other fields as JSON. The plan itself is never
stored, except each application's next step date (`next_due`), kept indexed so that
"what is due" is a range scan rather than a replanning of everything.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Profile(models.Model):
    """The job seeker's details and policy overrides (one per user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followup_profile"
    )
    name = models.TextField(null=True, blank=True)
    email = models.TextField(null=True, blank=True)
    phone = models.TextField(null=True, blank=True)
    country = models.TextField(null=True, blank=True)
    subdivision = models.TextField(null=True, blank=True)
    timezone = models.TextField(null=True, blank=True)
    policy = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return self.name or f"profile of user {self.user_id}"


class Application(models.Model):
    """One job application. `slug` is the journal's application id."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    slug = models.CharField(max_length=80)
    position = models.IntegerField(default=0)  # order in the journal file
    company = models.TextField()
    role = models.TextField(null=True, blank=True)
    employer_kind = models.TextField(null=True, blank=True)
    industry = models.TextField(null=True, blank=True)
    country = models.TextField(null=True, blank=True)
    subdivision = models.TextField(null=True, blank=True)
    timezone = models.TextField(null=True, blank=True)
    posting_url = models.TextField(null=True, blank=True)
    posting_text = models.TextField(null=True, blank=True)
    notes = models.TextField(null=True, blank=True)
    first_six_months = models.TextField(null=True, blank=True)
    # The journal's optional `salary` object, as written (min, max, currency, period).
    salary = models.JSONField(null=True, blank=True)
    # Part of the sample journal `followup serve` shows on a first run: removable in
    # one go, never mixed up with the user's own applications.
    sample = models.BooleanField(default=False)
    # Derived from the plan, recomputed with every change and by `followup replan`.
    stage = models.CharField(max_length=20, default="saved")
    next_due = models.DateField(null=True, blank=True)
    next_action = models.CharField(max_length=30, blank=True, default="")
    planned_as_of = models.DateField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "slug"], name="one_slug_per_user")]
        indexes = [
            models.Index(fields=["user", "next_due"], name="due_by_user"),
            models.Index(fields=["user", "stage"], name="stage_by_user"),
        ]
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return f"{self.company} ({self.slug})"


class Contact(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="contacts")
    slug = models.CharField(max_length=80)
    position = models.IntegerField(default=0)
    name = models.TextField(null=True, blank=True)
    role = models.TextField(null=True, blank=True)
    email = models.TextField(null=True, blank=True)
    phone = models.TextField(null=True, blank=True)
    best_time = models.TextField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "slug"], name="one_contact_slug_per_application"
            )
        ]
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name or self.slug


class Event(models.Model):
    """A journal event: its type, its `at` as written, and its other fields."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    position = models.IntegerField(default=0)  # order in the journal file (ties on `at`)
    type = models.CharField(max_length=20)
    at = models.CharField(max_length=40)
    local_at = models.CharField(max_length=26, default="")  # `at` as local ISO time, for sorting
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["local_at", "position", "id"]
        indexes = [
            models.Index(fields=["application", "local_at"], name="event_time"),
            # "Is an offer accepted?" asks of every application its `closed` events only.
            models.Index(fields=["application", "type"], name="event_type"),
        ]

    def __str__(self) -> str:
        return f"{self.type} at {self.at}"


class DeletedApplication(models.Model):
    """A deleted application, kept whole (in the journal format) for 30 days so that
    "Undo" can bring it back; older ones are emptied from the trash."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deleted_applications"
    )
    slug = models.CharField(max_length=80)
    position = models.IntegerField(default=0)
    sample = models.BooleanField(default=False)
    journal = models.JSONField()  # the application as `application_data` writes it
    deleted = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-deleted", "-id"]

    def __str__(self) -> str:
        return f"{self.slug} (deleted {self.deleted:%Y-%m-%d})"


class SampleDataOffer(models.Model):
    """Set once, when `followup serve` first added the sample journal: never again,
    even after the sample data or the account is removed."""

    added = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"sample data added {self.added:%Y-%m-%d}"

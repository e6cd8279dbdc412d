"""The work-search log's one setting: how many employer contacts a week the claim needs.

Kept here rather than in the profile's policy overrides: those are the planner's
numbers, validated against its list of names, and this one is not the planner's.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

DEFAULT_WEEKLY_MINIMUM = 3
MAX_WEEKLY_MINIMUM = 50


class WorkLogSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="worklog_settings"
    )
    # 0 means the claim sets no minimum: the log is then printed without a warning.
    weekly_minimum = models.PositiveSmallIntegerField(
        default=DEFAULT_WEEKLY_MINIMUM,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_WEEKLY_MINIMUM)],
    )

    def __str__(self) -> str:
        return f"work-search minimum of user {self.user_id}: {self.weekly_minimum}"

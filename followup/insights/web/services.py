"""The user's insights: their stored journal through the pure core, as of a date."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractBaseUser

from ...tracker.lean import lean_journal
from .. import Insights, insights


def insights_for(user: AbstractBaseUser, as_of: date) -> Insights:
    """Every figure of the user's whole journal, from events up to `as_of` (read lean:
    the CLI reads the whole validated journal, and the tests check both agree)."""
    return insights(lean_journal(user), as_of)

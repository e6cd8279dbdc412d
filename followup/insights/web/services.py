"""The user's insights: their stored journal through the pure core, as of a date."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractBaseUser

from ...planner.journal import parse_journal
from ...tracker import services
from .. import Insights, insights


def insights_for(user: AbstractBaseUser, as_of: date) -> Insights:
    """Every figure of the user's whole journal, from events up to `as_of`."""
    return insights(parse_journal(services.journal_data(user)), as_of)

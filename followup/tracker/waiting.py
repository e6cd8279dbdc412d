"""Waiting advice for the application page: how long employers like this one took.

The advice compares this application with every other one of the same kind of
employer, so it reads many applications on each page view: it reads them lean (see
`lean`), only the events a first answer, an interview or a closing is made of.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from ..insights.advice import advice_sentence, waiting_advice
from .lean import lean_journal
from .models import Application

TYPES = ("applied", "interview", "heard", "called", "closed")


def _same_kind(user: AbstractBaseUser, app: Application) -> QuerySet[Application]:
    """The user's applications with this one's kind of employer (unset reads as unknown)."""
    kind = app.employer_kind or "unknown"
    apps = Application.objects.filter(user=user)
    if kind == "unknown":
        return apps.filter(Q(employer_kind__isnull=True) | Q(employer_kind__in=("", "unknown")))
    return apps.filter(employer_kind=kind)


def waiting_words(user: AbstractBaseUser, app: Application, as_of: date) -> str | None:
    """How long employers like this one took to answer you, while this one waits;
    None once it has its answer or is closed. Beside the plan: the plan is unchanged."""
    journal = lean_journal(user, _same_kind(user, app), TYPES)
    advice = waiting_advice(journal, app.slug, as_of)
    return None if advice is None else advice_sentence(advice)

"""Waiting advice for the application page, read lean from the database.

The advice compares this application with every other one of the same kind of
employer, so it reads many applications on each page view. Parsing and validating
their whole journals (what the insights page does) cost seconds for a log of
thousands; the advice needs only when each was sent, answered, interviewed or
closed, so it reads those events' type, local time and a few fields, and hands them
to the insights core as they are (they were validated when they were written).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from ..insights.advice import advice_for, advice_sentence
from ..insights.stories import read_story
from ..planner.calendar import get_calendar
from ..planner.model import Application as Planned
from ..planner.model import Event as Moment
from .models import Application, Event

# What a first answer, an interview or a closing is made of (follow-ups are not needed).
TYPES = ("applied", "interview", "heard", "called", "closed")


def _same_kind(user: AbstractBaseUser, app: Application) -> QuerySet[Application]:
    """The user's applications with this one's kind of employer (unset reads as unknown)."""
    kind = app.employer_kind or "unknown"
    apps = Application.objects.filter(user=user)
    if kind == "unknown":
        return apps.filter(Q(employer_kind__isnull=True) | Q(employer_kind__in=("", "unknown")))
    return apps.filter(employer_kind=kind)


def _moment(kind: str, local_at: str, data: dict[str, Any]) -> Moment | None:
    if kind == "called" and data.get("outcome") != "spoke":
        return None  # only a call in which you spoke is an answer
    at = datetime.fromisoformat(local_at)
    return Moment(
        kind,
        at,
        at.date(),
        0,
        kind=data.get("kind"),
        outcome=data.get("outcome"),
        reason=data.get("reason"),
    )


def _histories(user: AbstractBaseUser, app: Application) -> dict[int, list[Moment]]:
    rows = (
        Event.objects.filter(application__in=_same_kind(user, app), type__in=TYPES)
        .order_by("application_id", "local_at", "position", "id")
        .values_list("application_id", "type", "local_at", "data")
    )
    found: dict[int, list[Moment]] = {}
    for pk, kind, local_at, data in rows.iterator(chunk_size=2000):
        moment = _moment(kind, local_at, data)
        if moment is not None:
            found.setdefault(pk, []).append(moment)
    return found


def waiting_words(user: AbstractBaseUser, app: Application, as_of: date) -> str | None:
    """How long employers like this one took to answer you, while this one waits;
    None once it has its answer or is closed. Beside the plan: the plan is unchanged."""
    kind = app.employer_kind or "unknown"
    calendar = get_calendar("US")  # follow-ups are not read here, so no business days
    stories = [
        read_story(Planned(str(pk), "", employer_kind=kind, events=tuple(moments)), as_of, calendar)
        for pk, moments in _histories(user, app).items()
    ]
    advice = advice_for(stories, str(app.pk))
    return None if advice is None else advice_sentence(advice)

"""A journal for reading figures, built straight from the rows: few fields, no checks.

`journal_data` + `parse_journal` rebuild and re-validate every field of every event
(right for export and planning, seconds for a log of thousands). The insights and
the waiting advice need only each event's type, local time and a handful of fields,
all validated when they were written, so they read just those columns and build the
planner's types directly. Contacts, notes and postings are left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from ..planner.model import Application as Planned
from ..planner.model import Event as Moment
from ..planner.model import Journal
from ..planner.model import Profile as Person
from .journal_store import applications_of, profile_of
from .models import Application, Event

# Events are built from a row template, as the journal parser does: a NamedTuple of 20
# fields built with keywords costs several times more than one built from a list.
_TEMPLATE = list(Moment("", datetime.min, datetime.min.date(), 0))
_FIELDS = tuple(
    (key, Moment._fields.index(key))
    for key in ("channel", "purpose", "outcome", "kind", "reason", "notified")
)


def _moment(kind: str, at: datetime, day: date, data: dict[str, Any]) -> Moment:
    row = _TEMPLATE.copy()
    row[0], row[1], row[2] = kind, at, day
    for key, index in _FIELDS:
        if key in data:
            row[index] = data[key]
    return Moment._make(row)


def _events(apps: QuerySet[Application], types: Iterable[str] | None) -> dict[int, list[Moment]]:
    rows = Event.objects.filter(application__in=apps)
    if types is not None:
        rows = rows.filter(type__in=tuple(types))
    # `data` comes as its JSON text and is decoded in one call for all rows: decoding
    # it row by row (Django's JSONField does) was most of the time for a large log.
    ordered = rows.order_by("application_id", "local_at", "position", "id").annotate(
        text=Cast("data", TextField())
    )
    listed = list(ordered.values_list("application_id", "type", "local_at", "text"))
    datas = json.loads("[" + ",".join(row[3] for row in listed) + "]")
    times: dict[str, tuple[datetime, date]] = {}  # a log repeats its dates: parse each once
    found: dict[int, list[Moment]] = {}
    for (pk, kind, local_at, _), data in zip(listed, datas, strict=True):
        when = times.get(local_at)
        if when is None:
            at = datetime.fromisoformat(local_at)
            when = times[local_at] = (at, at.date())
        found.setdefault(pk, []).append(_moment(kind, *when, data))
    return found


def lean_journal(
    user: AbstractBaseUser,
    apps: QuerySet[Application] | None = None,
    types: Iterable[str] | None = None,
) -> Journal:
    """The user's applications (or `apps`) with their events (or those of `types`),
    time zones and places defaulted from the profile as the journal parser does."""
    profile = profile_of(user)
    person = Person(country=(profile.country or "US").upper(), subdivision=profile.subdivision)
    chosen = applications_of(user) if apps is None else apps
    events = _events(chosen, types)
    rows = chosen.order_by("position", "id").values_list(
        "pk", "slug", "company", "employer_kind", "industry", "country", "subdivision"
    )
    planned = []
    for pk, slug, company, kind, industry, country, subdivision in rows:
        place = (country or person.country).upper()
        subdivision = subdivision or (person.subdivision if place == person.country else None)
        planned.append(
            Planned(
                slug,
                company,
                employer_kind=kind or "unknown",
                industry=industry,
                country=place,
                subdivision=subdivision or None,
                events=tuple(events.get(pk, ())),
            )
        )
    return Journal(person, dict(profile.policy or {}), tuple(planned))

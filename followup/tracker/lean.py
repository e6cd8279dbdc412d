"""A journal for reading figures, built straight from the rows: few fields, no checks.

`journal_data` + `parse_journal` rebuild and re-validate every field of every event
(right for export and planning, seconds for a log of thousands). The insights and
the waiting advice need only each event's type, local time and a handful of fields,
all validated when they were written, so they read just those columns and build the
planner's types directly. Contacts, notes and postings are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from ..planner.model import Application as Planned
from ..planner.model import Event as Moment
from ..planner.model import Journal
from ..planner.model import Profile as Person
from .journal_store import applications_of, profile_of
from .models import Application, Event


def _moment(kind: str, local_at: str, data: dict[str, Any]) -> Moment:
    at = datetime.fromisoformat(local_at)
    get = data.get
    return Moment(
        kind,
        at,
        at.date(),
        0,
        channel=get("channel"),
        purpose=get("purpose"),
        outcome=get("outcome"),
        kind=get("kind"),
        reason=get("reason"),
        notified=get("notified"),
    )


def _events(apps: QuerySet[Application], types: Iterable[str] | None) -> dict[int, list[Moment]]:
    rows = Event.objects.filter(application__in=apps)
    if types is not None:
        rows = rows.filter(type__in=tuple(types))
    found: dict[int, list[Moment]] = {}
    ordered = rows.order_by("application_id", "local_at", "position", "id")
    for pk, kind, local_at, data in ordered.values_list(
        "application_id", "type", "local_at", "data"
    ).iterator(chunk_size=5000):
        found.setdefault(pk, []).append(_moment(kind, local_at, data))
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

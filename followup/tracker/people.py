"""The people of each application: add, edit and remove contacts, name a new person
while logging an interview, and the Contacts page across applications.

Built on `services` and `corrections` (imported one way), with their rules: each
change checks the application's whole resulting journal in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from ..planner.journal import CONTACT_KEYS
from . import services
from .corrections import journal_of, replace_journal
from .errors import NotFound
from .models import Application, Contact, Event

# The event keys that name a contact, and how a removed one is recalled in the notes.
NAMING_KEYS = {"to": "To", "from": "From", "with": "With"}


def _new_id(contacts: list[dict[str, Any]], text: str) -> str:
    """A short id from a name ("Lee Park" -> "lee-park"), unique in the application."""
    base = slugify(text)[:40].strip("-") or "contact"
    taken = {c["id"] for c in contacts}
    found, n = base, 2
    while found in taken:
        found, n = f"{base}-{n}", n + 1
    return found


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    """The contact's journal keys; blank text means the key is left out."""
    return {
        key: value.strip() if isinstance(value, str) else value
        for key, value in fields.items()
        if key in CONTACT_KEYS[1:] and value not in (None, "") and str(value).strip()
    }


@transaction.atomic
def add_contact(
    user: AbstractBaseUser, slug: str, fields: dict[str, Any], as_of: date | None = None
) -> str:
    """Add a person to an application; returns their new contact id."""
    app = services.get_application(user, slug)
    data = journal_of(user, app)
    contacts = data.get("contacts", [])
    person = _clean(fields)
    person_id = _new_id(contacts, person.get("name") or person.get("role") or "contact")
    data["contacts"] = [*contacts, {"id": person_id, **person}]
    replace_journal(user, app, data, as_of)
    return person_id


def _find(data: dict[str, Any], slug: str, contact_id: str) -> int:
    for n, person in enumerate(data.get("contacts", [])):
        if person["id"] == contact_id:
            return n
    raise NotFound(f"{slug}: no contact {contact_id!r}")


@transaction.atomic
def edit_contact(
    user: AbstractBaseUser,
    slug: str,
    contact_id: str,
    fields: dict[str, Any],
    as_of: date | None = None,
) -> None:
    """Replace a contact's details (the id stays, so events still name them)."""
    app = services.get_application(user, slug)
    data = journal_of(user, app)
    n = _find(data, slug, contact_id)
    data["contacts"][n] = {"id": contact_id, **_clean(fields)}
    replace_journal(user, app, data, as_of)


def _recall(event: dict[str, Any], contact_id: str, name: str) -> dict[str, Any]:
    """The event without `contact_id`, its notes saying who it was."""
    said = []
    for key, label in NAMING_KEYS.items():
        value = event.get(key)
        if value == contact_id or (isinstance(value, list) and contact_id in value):
            said.append(f"{label} {name} (no longer a contact).")
            rest = [v for v in value if v != contact_id] if isinstance(value, list) else []
            event = {k: v for k, v in event.items() if k != key}
            if rest:
                event[key] = rest
    if said:
        event["notes"] = "\n".join([*filter(None, [event.get("notes")]), *said])
    return event


@transaction.atomic
def remove_contact(
    user: AbstractBaseUser, slug: str, contact_id: str, as_of: date | None = None
) -> int:
    """Remove a contact. Events that named them keep the history readable: the name
    moves into the event's notes ("With Lee Park (no longer a contact)."). Returns how
    many events were changed so."""
    app = services.get_application(user, slug)
    data = journal_of(user, app)
    person = data["contacts"].pop(_find(data, slug, contact_id))
    name = person.get("name") or contact_id
    before = [dict(e) for e in data["events"]]
    data["events"] = [_recall(e, contact_id, name) for e in data["events"]]
    if not data["contacts"]:
        del data["contacts"]
    replace_journal(user, app, data, as_of)
    return sum(1 for old, new in zip(before, data["events"], strict=True) if old != new)


@transaction.atomic
def record_with_new_person(
    user: AbstractBaseUser,
    slug: str,
    event: dict[str, Any],
    person: dict[str, Any],
    as_of: date | None = None,
) -> Event:
    """Log an interview with someone who is not a contact yet: they become one."""
    person_id = add_contact(user, slug, person, as_of)
    event = {**event, "with": [*event.get("with", []), person_id]}
    return services.record_event(user, slug, event, as_of)


# The Contacts page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactRow:
    contact: Contact
    application: Application
    last_contact: date | None  # the latest event that names them


def _last_contact(contact: Contact, events: list[Event]) -> date | None:
    days = [
        date.fromisoformat(e.local_at[:10])
        for e in events
        if contact.slug in (e.data.get("to"), e.data.get("from"))
        or contact.slug in (e.data.get("with") or [])
    ]
    return max(days, default=None)


def contacts_overview(user: AbstractBaseUser, search: str = "") -> list[ContactRow]:
    """Everyone across the user's applications, by name; `search` matches name, role,
    email, phone or company."""
    people = Contact.objects.filter(application__user=user).select_related("application")
    for word in search.split():
        people = people.filter(
            Q(name__icontains=word)
            | Q(role__icontains=word)
            | Q(email__icontains=word)
            | Q(phone__icontains=word)
            | Q(application__company__icontains=word)
        )
    people = people.order_by("name", "slug", "application__company")
    events: dict[int, list[Event]] = {}
    for event in Event.objects.filter(application__in={p.application_id for p in people}):
        events.setdefault(event.application_id, []).append(event)
    return [
        ContactRow(p, p.application, _last_contact(p, events.get(p.application_id, [])))
        for p in people
    ]

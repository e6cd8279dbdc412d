"""The journal as stored: read out in the journal format (followup/1), written back
from it, and whole journal files imported (one application at a time, or in bulk).

`services` re-exports the public names here and wraps the import with its clock
(`services.import_journal`); the views, CLI and API import them from there. This
module never imports `services`: the dependency goes one way.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Prefetch, QuerySet

from ..planner.journal import (
    APPLICATION_TEXT,
    CONTACT_KEYS,
    EVENT_FIELDS,
    FORMAT,
    PROFILE_KEYS,
    SALARY_KEYS,
    JournalError,
)
from ..planner.plan import plan
from . import limits
from .errors import Conflict, ServiceError
from .models import Application, Contact, Event, Profile

# Reading ------------------------------------------------------------------------


def profile_of(user: AbstractBaseUser) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def applications_of(user: AbstractBaseUser) -> QuerySet[Application]:
    return Application.objects.filter(user=user)


def _with_journal(apps: QuerySet[Application]) -> QuerySet[Application]:
    return apps.prefetch_related(
        Prefetch("contacts", queryset=Contact.objects.order_by("position", "id")),
        Prefetch("events", queryset=Event.objects.order_by("local_at", "position", "id")),
    )


def profile_data(profile: Profile) -> dict[str, Any]:
    return {key: getattr(profile, key) for key in PROFILE_KEYS if getattr(profile, key) is not None}


def application_data(app: Application) -> dict[str, Any]:
    """One application in the journal format; keys absent in the journal stay absent."""
    data: dict[str, Any] = {"id": app.slug}
    data.update(
        {key: getattr(app, key) for key in APPLICATION_TEXT if getattr(app, key) is not None}
    )
    if app.salary is not None:
        data["salary"] = _salary_data(app.salary)
    contacts = [_contact_data(c) for c in app.contacts.all()]
    if contacts:
        data["contacts"] = contacts
    data["events"] = [event_data(e) for e in sorted(app.events.all(), key=_in_day_order)]
    return data


def _in_day_order(event: Event) -> tuple[str, bool]:
    """§2: within a day, an event with a date alone comes after the timed ones (the
    rows arrive by local time, then file order: a stable sort keeps the rest)."""
    return event.local_at[:10], len(event.at) <= len("YYYY-MM-DD")


def _salary_data(salary: dict[str, Any]) -> dict[str, Any]:
    # In the documented order: JSON columns don't keep key order on PostgreSQL.
    return {key: salary[key] for key in SALARY_KEYS if key in salary}


def _contact_data(contact: Contact) -> dict[str, Any]:
    data = {"id": contact.slug}
    data.update(
        {
            key: getattr(contact, key)
            for key in CONTACT_KEYS[1:]
            if getattr(contact, key) is not None
        }
    )
    return data


def event_data(event: Event) -> dict[str, Any]:
    """An event in the journal format, its fields in the documented order (JSON
    columns don't keep key order on PostgreSQL, so export must not rely on it)."""
    order = EVENT_FIELDS.get(event.type, {})
    known = {key: event.data[key] for key in order if key in event.data}
    rest = {key: value for key, value in sorted(event.data.items()) if key not in order}
    return {"type": event.type, "at": event.at, **known, **rest}


def journal_data(
    user: AbstractBaseUser, apps: QuerySet[Application] | None = None
) -> dict[str, Any]:
    """The user's journal (or the given applications of it) in format followup/1."""
    profile = profile_of(user)
    data: dict[str, Any] = {"format": FORMAT, "profile": profile_data(profile)}
    if profile.policy:
        data["policy"] = dict(sorted(profile.policy.items()))
    chosen = applications_of(user) if apps is None else apps
    data["applications"] = [
        application_data(a) for a in _with_journal(chosen.order_by("position", "id"))
    ]
    return data


EXPORT_BATCH = 200  # applications read (with their contacts and events) per query


def journal_chunks(user: AbstractBaseUser) -> Iterator[str]:
    """The user's journal as `json.dumps(journal_data(user), indent=2)` writes it, plus a
    newline, in pieces: one batch of applications in memory at a time, so an export
    starts at once and a large journal does not hold a worker's memory."""
    head = journal_data(user, applications_of(user).none())
    del head["applications"]
    text = json.dumps(head, indent=2, ensure_ascii=False)
    ids = list(applications_of(user).order_by("position", "id").values_list("id", flat=True))
    if not ids:
        yield text[:-2] + ',\n  "applications": []\n}\n'
        return
    yield text[:-2] + ',\n  "applications": ['
    for n in range(0, len(ids), EXPORT_BATCH):
        batch = _with_journal(Application.objects.filter(id__in=ids[n : n + EXPORT_BATCH]))
        apps = sorted(batch, key=lambda a: ids.index(a.id, n))
        yield "," * (n > 0) + ",".join(_indented(application_data(a)) for a in apps)
    yield "\n  ]\n}\n"


def _indented(app: dict[str, Any]) -> str:
    return "\n    " + json.dumps(app, indent=2, ensure_ascii=False).replace("\n", "\n    ")


# Writing ---------------------------------------------------------------------------


def _validate(profile: Profile, policy: dict[str, Any], apps: list[dict[str, Any]]) -> Any:
    """Parse a would-be journal; problems become a ServiceError, nothing is written."""
    data = {
        "format": FORMAT,
        "profile": profile_data(profile),
        "policy": policy,
        "applications": apps,
    }
    return _parsed(data)


def _parsed(data: dict[str, Any]) -> Any:
    """The parsed journal, or a ServiceError carrying every problem: msgspec's fast path,
    and the planner's validator only where it refuses something, to word each problem.
    (Imported here: the everyday commands, which import this module, never need it.)"""
    from ..journal_decoding import convert_journal

    try:
        return convert_journal(data)
    except JournalError as error:
        raise ServiceError(*error.problems) from None


def _save_application(
    user: AbstractBaseUser, data: dict[str, Any], parsed: Any, position: int
) -> Application:
    fields = {key: data.get(key) for key in (*APPLICATION_TEXT, "salary")}
    app = Application.objects.create(user=user, slug=data["id"], position=position, **fields)
    Contact.objects.bulk_create(
        Contact(
            application=app, slug=c["id"], position=n, **{k: c.get(k) for k in CONTACT_KEYS[1:]}
        )
        for n, c in enumerate(data.get("contacts") or [])
    )
    _save_events(app, data["events"], parsed)
    return app


def _save_events(app: Application, raw: list[dict[str, Any]], parsed: Any) -> None:
    local = {e.position: e.at.isoformat() for e in parsed.events}
    Event.objects.bulk_create(
        Event(
            application=app,
            position=n,
            type=e["type"],
            at=e["at"],
            local_at=local[n],
            data={k: v for k, v in e.items() if k not in ("type", "at")},
        )
        for n, e in enumerate(raw)
    )


def _set_profile(profile: Profile, data: dict[str, Any]) -> None:
    for key in PROFILE_KEYS:
        setattr(profile, key, data.get(key))


# Import ---------------------------------------------------------------------------------
# One validation, one plan and bulk INSERTs: a 10,000-application journal (or CSV
# import) takes seconds, where saving and replanning one application at a time took
# minutes.
BULK_BATCH = 500  # slugs per DELETE ... IN (...)


@transaction.atomic
def store_journal(
    user: AbstractBaseUser, data: Any, replace: bool, today: Callable[[AbstractBaseUser], date]
) -> list[str]:
    """Import a journal file's data: all or nothing. Returns the imported ids.

    An application id that already exists is an error, unless `replace`, which
    replaces those applications whole. The file's profile and policy, when
    present, replace the stored ones; when absent, the stored ones stay, and the
    applications are checked against them (the ones they will be planned with).
    """
    if not isinstance(data, dict):
        raise ServiceError("journal: is not a JSON object")
    limits.check_input(data)
    if isinstance(data.get("applications"), list):
        limits.check_event_counts(data["applications"])

    profile = profile_of(user)
    data = {"profile": profile_data(profile), "policy": profile.policy, **data}
    parsed = _parsed(data)
    incoming = data["applications"]
    ids = [a["id"] for a in incoming]
    existing = sorted(set(applications_of(user).values_list("slug", flat=True)) & set(ids))
    limits.check_application_count(user, len(ids) - len(existing))
    if existing and not replace:
        raise Conflict(
            *(
                f"{slug}: an application with this id already exists (import with replace to overwrite it)"
                for slug in existing
            )
        )
    _set_profile(profile, data.get("profile") or {})
    profile.policy = data.get("policy") or {}
    profile.save()
    for n in range(0, len(existing), BULK_BATCH):
        applications_of(user).filter(slug__in=existing[n : n + BULK_BATCH]).delete()
    # Asked only now: the file's profile may have just changed the time zone.
    as_of = today(user)
    _bulk_save(user, incoming, parsed, _bulk_plans(user, data, parsed, as_of), as_of)
    return ids


def _bulk_plans(
    user: AbstractBaseUser, data: dict[str, Any], parsed: Any, as_of: date
) -> dict[str, tuple[str, date | None, str]]:
    """Stage, next due date and next action of each incoming application, planned as
    `refresh` plans them: with the user's other applications that hold an offer."""
    from ..planner.model import Journal

    offers = journal_data(user, applications_of(user).filter(stage="offer"))["applications"]
    others = _parsed({**data, "applications": offers}).applications
    journal = Journal(parsed.profile, parsed.policy_overrides, parsed.applications + others)
    result: dict[str, tuple[str, date | None, str]] = {}
    for item in plan(journal, as_of).applications:
        first = item.steps[0] if item.steps else None
        result[item.application.id] = (
            item.stage,
            first.due if first else None,
            first.action if first else "",
        )
    return result


def _bulk_save(
    user: AbstractBaseUser,
    incoming: list[dict[str, Any]],
    parsed: Any,
    plans: dict[str, tuple[str, date | None, str]],
    as_of: date,
) -> None:
    from django.utils import timezone

    last = applications_of(user).order_by("-position").values_list("position", flat=True).first()
    now = timezone.now()
    app_columns = ["user", "slug", "position", *APPLICATION_TEXT, "salary", "sample"]
    app_columns += ["stage", "next_due", "next_action", "planned_as_of", "created", "updated"]
    _insert(
        Application,
        app_columns,
        (
            (
                user.pk,
                raw["id"],
                (last or 0) + 1 + n,
                *(raw.get(key) for key in APPLICATION_TEXT),
                raw.get("salary"),
                False,  # an import is the user's own data (corrections marks the sample)
                *plans[raw["id"]],
                as_of,
                now,
                now,
            )
            for n, raw in enumerate(incoming)
        ),
    )
    pks = dict(applications_of(user).values_list("slug", "pk"))
    _insert(
        Contact,
        ["application", "slug", "position", *CONTACT_KEYS[1:]],
        (
            (pks[raw["id"]], c["id"], n, *(c.get(k) for k in CONTACT_KEYS[1:]))
            for raw in incoming
            for n, c in enumerate(raw.get("contacts") or [])
        ),
    )
    _insert(
        Event,
        ["application", "position", "type", "at", "local_at", "data"],
        (
            row
            for raw, item in zip(incoming, parsed.applications, strict=True)
            for row in _event_rows(pks[raw["id"]], raw["events"], item)
        ),
    )


def _event_rows(pk: int, raw: list[dict[str, Any]], parsed: Any) -> Iterable[tuple[Any, ...]]:
    local = {e.position: e.at.isoformat() for e in parsed.events}
    for n, e in enumerate(raw):
        data = {k: v for k, v in e.items() if k not in ("type", "at")}
        yield (pk, n, e["type"], e["at"], local[n], data)


def _insert(model: Any, columns: list[str], rows: Iterable[tuple[Any, ...]]) -> None:
    """INSERT rows with one prepared statement. `bulk_create` compiles every value
    through the ORM (about 10 µs each): most of a 10,000-row import's time."""
    from django.db import connection

    fields = [model._meta.get_field(name) for name in columns]
    prepare = [
        n
        for n, f in enumerate(fields)
        if f.get_internal_type() in ("DateField", "DateTimeField", "JSONField")
    ]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)})"
        f" VALUES ({', '.join(['%s'] * len(fields))})"
    )
    values = []
    for row in rows:
        value = list(row)
        for n in prepare:
            value[n] = fields[n].get_db_prep_save(value[n], connection)
        values.append(value)
    if values:
        with connection.cursor() as cursor:
            cursor.executemany(sql, values)

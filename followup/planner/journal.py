"""Read a journal (format followup/1) into typed, immutable objects, or say what's wrong.

Every problem is collected, not just the first, and each names where it is:
``acme-analyst: events[3].at: '2026-13-45' is not a date``. The parser is also on the
hot path of ``followup plan FILE``, so it walks each event's own keys once, through
a table of small field readers, rather than asking about every possible field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, NamedTuple, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .model import (
    CONTACT_ROLES,
    EMPLOYER_KINDS,
    SALARY_PERIODS,
    Application,
    Contact,
    Event,
    Journal,
    Profile,
    Salary,
)
from .policy import policy_from
from .speed import collector_paused

FORMAT = "followup/1"
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")
FIRST_YEAR, LAST_YEAR = 1970, 2199
DATE_TIME = re.compile(r"\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?)?")

# What a `sent` was for and what a `heard` said: as types for the fast decoder, as
# tuples for the validator.
Purpose = Literal[
    "thank_you",
    "confirm_receipt",
    "check_in",
    "ask_insider",
    "escalate",
    "status_update",
    "reply",
    "reply_graciously",
    "letter",
    "withdraw",
    "other",
]
PURPOSES: tuple[str, ...] = get_args(Purpose)
HeardKind = Literal[
    "reply",
    "update",
    "new_date",
    "request_info",
    "interview_invite",
    "rejection",
    "offer",
    "do_not_call",
    "do_not_contact",
]
HEARD_KINDS: tuple[str, ...] = get_args(HeardKind)


class JournalError(ValueError):
    """A journal that can't be planned: every problem found, each saying where."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(problems))


class _Bad(ValueError):
    """One field's problem, raised by a field reader and located by its caller."""


# Field readers: take the raw value (and the contact ids in scope), return the
# typed value or raise _Bad with a message that reads after "field: ".
Reader = Callable[[Any, frozenset[str]], Any]


# Not mutated: called while the module is imported, before mutation testing switches
# a mutant on, so its mutants would never run (docs/testing.md). The readers it
# builds are tested through every enumerated field.
# pragma: no mutate start
def _one_of(*allowed: str) -> Reader:
    def read(value: Any, _ids: frozenset[str]) -> str:
        if value not in allowed:
            raise _Bad(f"{value!r} is not one of {', '.join(allowed)}")
        return str(value)

    read.accepted = frozenset(allowed)  # type: ignore[attr-defined]
    return read


# pragma: no mutate end


def _text(value: Any, _ids: frozenset[str]) -> str | None:
    if value is not None and not isinstance(value, str):
        raise _Bad(f"{value!r} is not text")
    return value


def _flag(value: Any, _ids: frozenset[str]) -> bool:
    if not isinstance(value, bool):
        raise _Bad(f"{value!r} is not true or false")
    return value


def _round(value: Any, _ids: frozenset[str]) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _Bad(f"{value!r} is not a round number (1, 2, 3 …)")
    return value


def _day(value: Any, _ids: frozenset[str]) -> date:
    if isinstance(value, str) and len(value) == 10:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            pass
        else:  # out here, the range's own message (_Bad is a ValueError) is not swallowed
            return _in_range(day, value)
    raise _Bad(f"{value!r} is not a date (YYYY-MM-DD)")


def _in_range(day: date, text: str) -> date:
    # Far-off years are typing mistakes, and holiday calendars don't reach them.
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise _Bad(f"{text!r} is not between {FIRST_YEAR} and {LAST_YEAR}")
    return day


def _contact(value: Any, ids: frozenset[str]) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Bad(f"{value!r} is not a contact id (text)")
    if value not in ids:
        raise _Bad(f"{value!r} is not a contact of this application")
    return value


def _contacts(value: Any, ids: frozenset[str]) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Bad(f"{value!r} is not a list of contact ids")
    if len(set(value)) < len(value):
        raise _Bad(f"{value!r} names someone twice")
    return tuple(_contact(v, ids) or "" for v in value)


_SENT_PURPOSE = _one_of(*PURPOSES)
_NOTES: dict[str, tuple[str, Reader]] = {"notes": ("notes", _text)}

# For each event type: journal key -> (Event field, reader). Keys not listed are errors.
_READERS: dict[str, dict[str, tuple[str, Reader]]] = {
    "applied": {"channel": ("channel", _one_of("online", "email", "in_person", "referral"))},
    "interview": {
        "with": ("interviewers", _contacts),
        "round": ("round", _round),
        "kind": ("kind", _one_of("phone", "video", "onsite")),
        "final": ("final", _flag),
    },
    "expectation": {
        "by": ("by", _day),
        "via": ("via", _one_of("phone", "email", "any")),
        "from": ("sender", _contact),
    },
    "sent": {
        "channel": ("channel", _one_of("email", "letter", "message")),
        "to": ("to", _contact),
        "purpose": ("purpose", _SENT_PURPOSE),
    },
    "called": {
        "to": ("to", _contact),
        "outcome": ("outcome", _one_of("spoke", "voicemail", "no_answer", "assistant")),
        "purpose": ("purpose", _SENT_PURPOSE),
    },
    "heard": {
        "from": ("sender", _contact),
        "channel": ("channel", _one_of("email", "phone", "letter", "message", "in_person")),
        "kind": ("kind", _one_of(*HEARD_KINDS)),
        "by": ("by", _day),
        "deadline": ("deadline", _day),
        "via": ("via", _one_of("phone", "email", "any")),
    },
    "directions": {
        "no_calls": ("no_calls", _flag),
        "channel": ("channel", _one_of("email", "phone", "letter", "any")),
    },
    "closed": {
        "reason": ("reason", _one_of("accepted", "withdrawn", "moved_on", "rejected")),
        "notified": ("notified", _flag),
    },
}
for _table in _READERS.values():
    _table.update(_NOTES)


class _Field(NamedTuple):
    """How to read one journal key: where it goes in an Event row, and how to check it."""

    position: int
    read: Reader
    # Strings that pass as they are, checked without calling `read`: enum members,
    # or (contact fields) the application's contact ids, or (text fields) any.
    accepted: frozenset[str]
    contact: bool
    text: bool


_ROW_TEMPLATE = list(Event("", datetime.min, date.min, 0))
_TIMED = Event._fields.index("timed")
_DATE_ONLY = len("YYYY-MM-DD")
EVENT_FIELDS: dict[str, dict[str, _Field]] = {
    kind: {
        key: _Field(
            Event._fields.index(name),
            read,
            getattr(read, "accepted", frozenset()),
            read is _contact,
            read is _text,
        )
        for key, (name, read) in table.items()
    }
    for kind, table in _READERS.items()
}

# Fields an event type cannot do without, and the defaults of optional ones.
REQUIRED: dict[str, tuple[str, ...]] = {
    "expectation": ("by",),
    "called": ("outcome",),
    "heard": ("kind",),
    "closed": ("reason",),
}
DEFAULTS: dict[str, dict[str, Any]] = {
    "sent": {"channel": "email", "purpose": "other"},
    "called": {"purpose": "other"},
    "expectation": {"via": "any"},
}


class _Collector:
    """Gathers problems with their location, so parsing can go on after the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")


# Journals repeat the same dates: each (text, zone) is read once per process.
# ZoneInfo objects are cached by name, so they make a stable key. Bounded.
_AT_SEEN: dict[tuple[str, ZoneInfo], datetime] = {}


def _read_at(value: Any, zone: ZoneInfo) -> datetime:
    """`_parse_at`, remembered."""
    if not isinstance(value, str):
        return _parse_at(value, zone)
    at = _AT_SEEN.get((value, zone))
    if at is None:
        at = _parse_at(value, zone)
        if len(_AT_SEEN) < 100_000:
            _AT_SEEN[value, zone] = at
    return at


def _parse_at(value: Any, zone: ZoneInfo) -> datetime:
    """A date, a local date-time, or one with an offset, as a naive local date-time."""
    if not isinstance(value, str) or not DATE_TIME.fullmatch(value):
        raise _Bad(f"{value!r} is not a date or date-time (YYYY-MM-DD[THH:MM[:SS]][+HH:MM])")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise _Bad(f"{value!r} is not a date") from None
    _in_range(moment.date(), value)
    if moment.tzinfo is not None:
        # Rules work on the application's local dates: a late-evening email sent from
        # another zone belongs to the employer's local day.
        moment = moment.astimezone(zone).replace(tzinfo=None)
    return moment


def _parse_event(
    raw: Any, index: int, ids: frozenset[str], zone: ZoneInfo, out: _Collector, where: str
) -> Event | None:
    if not isinstance(raw, dict):
        out.add(f"{where}events[{index}]", "is not an object")
        return None
    kind = raw.get("type")
    if not isinstance(kind, str) or kind not in EVENT_FIELDS:
        message = f"{kind!r} is not an event type ({', '.join(EVENT_FIELDS)})"
        out.add(_spot((where, index), "type"), message)
        return None
    before = len(out.problems)
    row = _event_row(raw, kind, ids, (where, index), out)
    try:
        at = _read_at(raw.get("at"), zone)
    except _Bad as bad:
        out.add(_spot((where, index), "at"), str(bad) if "at" in raw else "is required")
        return None
    if len(out.problems) > before:
        return None
    row[0], row[1], row[2], row[3] = kind, at, at.date(), index
    row[_TIMED] = len(raw["at"]) > _DATE_ONLY
    return Event._make(row)


def _spot(place: tuple[str, int], key: str) -> str:
    """Where a problem is: "acme: events[3].at" (built only when there is one)."""
    where, index = place
    return f"{where}events[{index}].{key}"


def _event_row(
    raw: dict[str, Any], kind: str, ids: frozenset[str], place: tuple[str, int], out: _Collector
) -> list[Any]:
    """The event's fields in Event order. Hot: enum values are checked inline, and the
    event's place ("acme: events[3]") is spelled out only when there is a problem."""
    table = EVENT_FIELDS[kind]
    row = list(_ROW_TEMPLATE)
    for key, value in DEFAULTS.get(kind, {}).items():
        row[table[key].position] = value
    for key, value in raw.items():
        spec = table.get(key)
        if spec is None:
            if key != "type" and key != "at":
                out.add(_spot(place, key), f"is not a field of a '{kind}' event")
        elif type(value) is str and (
            spec.text or value in spec.accepted or (spec.contact and value in ids)
        ):
            row[spec.position] = value
        else:
            try:
                row[spec.position] = spec.read(value, ids)
            except _Bad as bad:
                out.add(_spot(place, key), str(bad))
    for key in REQUIRED.get(kind, ()):
        if key not in raw:
            out.add(_spot(place, key), f"is required for a '{kind}' event")
    if kind == "heard" and raw.get("kind") == "new_date" and "by" not in raw:
        out.add(_spot(place, "by"), "is required when kind is 'new_date'")
    return row


def _zone(name: Any, where: str, out: _Collector) -> ZoneInfo:
    try:
        if isinstance(name, str) and name:
            return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        pass
    out.add(where, f"{name!r} is not a time zone name (e.g. 'America/Denver')")
    return ZoneInfo("UTC")


def _text_fields(
    raw: Mapping[str, Any], names: tuple[str, ...], where: str, out: _Collector
) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in names:
        value = raw.get(name)
        if value is not None and not isinstance(value, str):
            out.add(f"{where}{name}", f"{value!r} is not text")
        elif value is not None:
            found[name] = value
    return found


def _unknown_keys(
    raw: Mapping[str, Any], known: tuple[str, ...], where: str, out: _Collector
) -> None:
    for key in raw:
        if key not in known:
            out.add(f"{where}{key}", "is not a field we know")


PROFILE_KEYS = ("name", "email", "phone", "country", "subdivision", "timezone")
CONTACT_KEYS = ("id", "name", "role", "email", "phone", "best_time")
APPLICATION_TEXT = (
    "company",
    "role",
    "employer_kind",
    "industry",
    "country",
    "subdivision",
    "timezone",
    "posting_url",
    "posting_text",
    "notes",
    "first_six_months",
)
APPLICATION_KEYS = ("id", *APPLICATION_TEXT, "salary", "contacts", "events")
SALARY_KEYS = ("min", "max", "currency", "period")
CURRENCY = re.compile(r"[A-Z]{3}")


def _amount(raw: Mapping[str, Any], key: str, where: str, out: _Collector) -> float | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
        out.add(f"{where}{key}", f"{value!r} is not an amount (a number, 0 or more)")
        return None
    return float(value)


def _parse_salary(raw: Any, where: str, out: _Collector) -> Salary | None:
    """The optional `salary` object: an amount or a range, its currency and period."""
    if raw is None:
        return None
    where = f"{where}salary"
    if not isinstance(raw, dict):
        out.add(where, "is not an object (min, max, currency, period)")
        return None
    before = len(out.problems)
    _unknown_keys(raw, SALARY_KEYS, f"{where}.", out)
    low, high = _amount(raw, "min", f"{where}.", out), _amount(raw, "max", f"{where}.", out)
    if low is None and high is None and len(out.problems) == before:
        out.add(where, "needs min, max or both")
    if low is not None and high is not None and low > high:
        out.add(f"{where}.max", f"{raw['max']!r} is less than min {raw['min']!r}")
    currency, period = raw.get("currency"), raw.get("period")
    period = "year" if period is None else period  # null is the default, as for text fields
    if currency is not None and not (isinstance(currency, str) and CURRENCY.fullmatch(currency)):
        out.add(f"{where}.currency", f"{currency!r} is not a currency code (e.g. 'USD')")
    if period not in SALARY_PERIODS:
        out.add(f"{where}.period", f"{period!r} is not one of {', '.join(SALARY_PERIODS)}")
    if len(out.problems) > before:
        return None
    return Salary(low, high, currency, period)


def _parse_profile(raw: Any, out: _Collector) -> Profile:
    if raw is None:
        return Profile()
    if not isinstance(raw, dict):
        out.add("profile", "is not an object")
        return Profile()
    _unknown_keys(raw, PROFILE_KEYS, "profile.", out)
    found = _text_fields(raw, PROFILE_KEYS, "profile.", out)
    if "timezone" in found:
        _zone(found["timezone"], "profile.timezone", out)
    if "country" in found:
        found["country"] = found["country"].upper()
    return Profile(**found)


def _parse_contact(raw: Any, where: str, out: _Collector) -> Contact | None:
    if not isinstance(raw, dict):
        out.add(where, "is not an object")
        return None
    _unknown_keys(raw, CONTACT_KEYS, f"{where}.", out)
    found = _text_fields(raw, CONTACT_KEYS, f"{where}.", out)
    if not isinstance(raw.get("id"), str) or not raw["id"]:
        out.add(f"{where}.id", "is required (a short name for this person, e.g. 'pat')")
        return None
    if found.get("role", "other") not in CONTACT_ROLES:
        out.add(f"{where}.role", f"{found['role']!r} is not one of {', '.join(CONTACT_ROLES)}")
        return None
    return Contact(**found)


def _parse_contacts(raw: Any, where: str, out: _Collector) -> tuple[Contact, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        out.add(f"{where}contacts", "is not a list")
        return ()
    contacts: list[Contact] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        person = _parse_contact(item, f"{where}contacts[{i}]", out)
        if person is not None and person.id in seen:
            out.add(f"{where}contacts[{i}].id", f"{person.id!r} is used by another contact")
        elif person is not None:
            seen.add(person.id)
            contacts.append(person)
    return tuple(contacts)


def _parse_application(raw: Any, i: int, profile: Profile, out: _Collector) -> Application | None:
    if not isinstance(raw, dict):
        out.add(f"applications[{i}]", "is not an object")
        return None
    app_id = raw.get("id")
    if not isinstance(app_id, str) or not ID_PATTERN.fullmatch(app_id):
        out.add(f"applications[{i}].id", f"{app_id!r} is not an id (letters, digits, . _ -)")
        return None
    where = f"{app_id}: "
    before = len(out.problems)
    _unknown_keys(raw, APPLICATION_KEYS, where, out)
    found = _text_fields(raw, APPLICATION_TEXT, where, out)
    if not found.get("company", "").strip():
        out.add(f"{where}company", "is required")
    if found.get("employer_kind", "unknown") not in EMPLOYER_KINDS:
        out.add(
            f"{where}employer_kind",
            f"{found['employer_kind']!r} is not one of {', '.join(EMPLOYER_KINDS)}",
        )
    found["country"] = found.get("country", profile.country).upper()
    found.setdefault(
        "subdivision", profile.subdivision if found["country"] == profile.country else None
    )
    found.setdefault("timezone", profile.timezone)
    zone = _zone(found["timezone"], f"{where}timezone", out)
    found["salary"] = _parse_salary(raw.get("salary"), where, out)
    contacts = _parse_contacts(raw.get("contacts"), where, out)
    events = _parse_events(raw.get("events"), contacts, zone, where, out)
    if len(out.problems) > before:
        return None
    return Application(id=app_id, contacts=contacts, events=events, **found)


def _parse_events(
    raw: Any, contacts: tuple[Contact, ...], zone: ZoneInfo, where: str, out: _Collector
) -> tuple[Event, ...]:
    if not isinstance(raw, list):
        out.add(f"{where}events", "is required (a list, may be empty)")
        return ()
    ids = frozenset(c.id for c in contacts)
    parsed = (_parse_event(item, n, ids, zone, out, where) for n, item in enumerate(raw))
    events = [e for e in parsed if e is not None]
    events.sort(key=in_day_order)  # stable: equal times keep the file's order
    return tuple(events)


def in_day_order(event: Event) -> tuple[date, bool, datetime]:
    """§2: by day; within a day timed events by their time, then those with a date alone
    (usually written down afterwards: the thank-you note, the "we'll call Friday")."""
    return event.day, not event.timed, event.at


def parse_journal(data: Any) -> Journal:
    """Validate decoded JSON and return the Journal, or raise JournalError with every problem."""
    with collector_paused():
        return _parse_journal(data)


def _parse_journal(data: Any) -> Journal:
    out = _Collector()
    if not isinstance(data, dict):
        raise JournalError(["journal: is not a JSON object"])
    if data.get("format") != FORMAT:
        out.add("format", f"{data.get('format')!r} is not {FORMAT!r}")
    _unknown_keys(data, ("format", "profile", "policy", "applications"), "", out)
    profile = _parse_profile(data.get("profile"), out)
    overrides = _parse_policy(data.get("policy"), out)
    applications = _parse_applications(data.get("applications"), profile, out)
    _check_calendars(profile, applications, out)
    if out.problems:
        raise JournalError(out.problems)
    return Journal(profile=profile, policy_overrides=overrides, applications=applications)


def _parse_policy(raw: Any, out: _Collector) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        out.add("policy", "is not an object")
        return {}
    for name, message in policy_from(raw)[1]:
        out.add(f"policy.{name}", message)
    return dict(raw)


def _parse_applications(raw: Any, profile: Profile, out: _Collector) -> tuple[Application, ...]:
    if not isinstance(raw, list):
        out.add("applications", "is required (a list, may be empty)")
        return ()
    apps: list[Application] = []
    seen: set[str] = set()
    for i, item in enumerate(raw):
        app = _parse_application(item, i, profile, out)
        if app is not None and app.id in seen:
            out.add(f"applications[{i}].id", f"{app.id!r} is used by another application")
        elif app is not None:
            seen.add(app.id)
            apps.append(app)
    return tuple(apps)


def _check_calendars(profile: Profile, apps: tuple[Application, ...], out: _Collector) -> None:
    """Every (country, subdivision) must have a holiday calendar: checked once per pair."""
    from .calendar import CalendarError, get_calendar

    pairs = {(profile.country, profile.subdivision): "profile.country"}
    for app in apps:
        pairs.setdefault((app.country, app.subdivision), f"{app.id}: country/subdivision")
    for (country, subdivision), where in pairs.items():
        try:
            if len(country) != 2:
                raise CalendarError(
                    f"country {country!r} is not a two-letter country code (e.g. 'US')"
                )
            get_calendar(country, subdivision)
        except CalendarError as error:
            out.add(where, str(error))


def loads_journal(text: str | bytes) -> Journal:
    """Parse journal JSON text; JSON syntax errors are reported with line and column."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise JournalError([f"line {error.lineno}, column {error.colno}: {error.msg}"]) from None
    return parse_journal(data)


def load_journal(path: str | Path) -> Journal:
    """Read and parse a journal file."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise JournalError([f"{path}: {error.strerror or error}"]) from None
    try:
        return loads_journal(raw)
    except JournalError as error:
        raise JournalError([f"{path}: {p}" for p in error.problems]) from None


def today_in(zone_name: str, now: datetime) -> date:
    """The local date in `zone_name` at the aware instant `now` (callers read the clock)."""
    return (
        now.astimezone(ZoneInfo(zone_name)).date() if now.tzinfo else now.replace(tzinfo=UTC).date()
    )

"""Journal files decoded by msgspec: the fast path, with the planner's validator as judge.

msgspec checks the shape while it decodes (typed Structs, events tagged on `type`,
enumerations as Literals, unknown keys refused), in C, with no dictionary per event.
What a type cannot say (dates and their years, contacts named in an event, ids,
time zones, holiday calendars, the policy) is checked here with the validator's own
field readers. Anything the fast path does not accept, whatever the reason, goes to
`followup.planner.journal.loads_journal`, which decides and words every problem with
its place: both paths accept the same journals and build the same objects
(`tests/test_journal_decoding.py`).

This lives outside `followup.planner`, which depends on the standard library and
`holidays` only.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import date, datetime
from itertools import islice
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo

import msgspec
from msgspec import UNSET, Meta, Struct, UnsetType, field

from .planner.journal import (
    CURRENCY,
    ID_PATTERN,
    HeardKind,
    Purpose,
    _check_calendars,
    _Collector,
    _contact,
    _contacts,
    _day,
    _read_at,
    _zone,
    loads_journal,
    parse_journal,
)
from .planner.model import (
    Application,
    Contact,
    ContactRole,
    EmployerKind,
    Event,
    Journal,
    Profile,
    Salary,
)
from .planner.policy import policy_from
from .planner.speed import collector_paused

Via = Literal["phone", "email", "any"]
Round = Annotated[int, Meta(ge=1)]


class _Shape(Struct, forbid_unknown_fields=True, gc=False):
    """A journal object: unknown keys are refused, as the validator refuses them."""


# Events. A key the journal may leave out but not set to null is `... | UnsetType`
# (null is refused by the type); one where null means "not given" is `... | None`.


class _Applied(_Shape, tag="applied", tag_field="type"):
    at: str
    channel: Literal["online", "email", "in_person", "referral"] | UnsetType = UNSET
    notes: str | None = None


class _Interview(_Shape, tag="interview", tag_field="type"):
    at: str
    interviewers: list[str] | UnsetType = field(default=UNSET, name="with")
    round: Round | UnsetType = UNSET
    kind: Literal["phone", "video", "onsite"] | UnsetType = UNSET
    final: bool = False
    notes: str | None = None


class _Expectation(_Shape, tag="expectation", tag_field="type"):
    at: str
    by: str
    via: Via = "any"
    sender: str | None = field(default=None, name="from")
    notes: str | None = None


class _Sent(_Shape, tag="sent", tag_field="type"):
    at: str
    channel: Literal["email", "letter", "message"] = "email"
    to: str | None = None
    purpose: Purpose = "other"
    notes: str | None = None


class _Called(_Shape, tag="called", tag_field="type"):
    at: str
    outcome: Literal["spoke", "voicemail", "no_answer", "assistant"]
    to: str | None = None
    purpose: Purpose = "other"
    notes: str | None = None


class _Heard(_Shape, tag="heard", tag_field="type"):
    at: str
    kind: HeardKind
    sender: str | None = field(default=None, name="from")
    channel: Literal["email", "phone", "letter", "message", "in_person"] | UnsetType = UNSET
    by: str | UnsetType = UNSET
    deadline: str | UnsetType = UNSET
    via: Via | UnsetType = UNSET
    notes: str | None = None


class _Directions(_Shape, tag="directions", tag_field="type"):
    at: str
    no_calls: bool = False
    channel: Literal["email", "phone", "letter", "any"] | UnsetType = UNSET
    notes: str | None = None


class _Closed(_Shape, tag="closed", tag_field="type"):
    at: str
    reason: Literal["accepted", "withdrawn", "moved_on", "rejected"]
    notified: bool | UnsetType = UNSET
    notes: str | None = None


_Event = _Applied | _Interview | _Expectation | _Sent | _Called | _Heard | _Directions | _Closed


class _Contact(_Shape):
    id: str
    name: str | None = None
    role: ContactRole | None = None
    email: str | None = None
    phone: str | None = None
    best_time: str | None = None


class _Salary(_Shape):
    min: float | None = None
    max: float | None = None
    currency: str | None = None
    period: Literal["year", "month", "week", "day", "hour"] | None = None


class _Application(_Shape):
    id: str
    events: list[_Event]
    company: str | None = None
    role: str | None = None
    employer_kind: EmployerKind | None = None
    industry: str | None = None
    country: str | None = None
    subdivision: str | None = None
    timezone: str | None = None
    posting_url: str | None = None
    posting_text: str | None = None
    notes: str | None = None
    first_six_months: str | None = None
    salary: _Salary | None = None
    contacts: list[_Contact] | None = None


class _Profile(_Shape):
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    country: str | None = None
    subdivision: str | None = None
    timezone: str | None = None


class _Journal(_Shape):
    format: Literal["followup/1"]
    applications: list[_Application]
    profile: _Profile | None = None
    policy: dict[str, Any] | None = None


_DECODER = msgspec.json.Decoder(_Journal)


class _Unusual(ValueError):
    """Something the validator would refuse (or must word): it takes over."""


def decode_journal(raw: bytes) -> Journal:
    """The journal in `raw` (JSON), or JournalError with every problem and its place."""
    try:
        with collector_paused():
            return _fast(raw)
    except (msgspec.MsgspecError, ValueError, ArithmeticError):
        # _Bad and _Unusual are ValueErrors: the validator reads the journal again and
        # reports each problem where it is (it also reads what msgspec refuses to
        # decode and the standard library accepts: a byte-order mark, NaN).
        return loads_journal(raw)


def convert_journal(data: Any) -> Journal:
    """The journal in `data`, JSON already decoded (dicts, lists, text, numbers), as
    `parse_journal` reads it: msgspec checks and converts it (the fast path); anything
    it refuses goes to `parse_journal`, which raises JournalError with every problem
    and its place."""
    try:
        with collector_paused():
            return _converted(data)
    except (msgspec.MsgspecError, ValueError, ArithmeticError):
        return parse_journal(data)


def _fast(raw: bytes) -> Journal:
    return _journal(_DECODER.decode(raw))


def _converted(data: Any) -> Journal:
    return _journal(msgspec.convert(data, _Journal))


def _journal(decoded: _Journal) -> Journal:
    profile = _profile(decoded.profile)
    overrides: dict[str, Any] = {}
    if decoded.policy is not None:
        if policy_from(decoded.policy)[1]:
            raise _Unusual("policy")
        overrides = decoded.policy
    apps = tuple(_application(item, profile) for item in decoded.applications)
    if len({app.id for app in apps}) < len(apps):
        raise _Unusual("an application id used twice")
    problems = _Collector()
    _check_calendars(profile, apps, problems)
    if problems.problems:
        raise _Unusual("calendar")
    return Journal(profile=profile, policy_overrides=overrides, applications=apps)


def _profile(raw: _Profile | None) -> Profile:
    if raw is None:
        return Profile()
    if raw.timezone is not None:
        _valid_zone(raw.timezone)
    return Profile(
        name=raw.name,
        email=raw.email,
        phone=raw.phone,
        country="US" if raw.country is None else raw.country.upper(),
        subdivision=raw.subdivision,
        timezone="UTC" if raw.timezone is None else raw.timezone,
    )


def _valid_zone(name: str) -> ZoneInfo:
    problems = _Collector()
    zone = _zone(name, "", problems)
    if problems.problems:
        raise _Unusual("time zone")
    return zone


def _application(raw: _Application, profile: Profile) -> Application:
    if not ID_PATTERN.fullmatch(raw.id) or raw.company is None or not raw.company.strip():
        raise _Unusual("id or company")
    country = (profile.country if raw.country is None else raw.country).upper()
    subdivision = raw.subdivision
    if subdivision is None:
        subdivision = profile.subdivision if country == profile.country else None
    timezone = profile.timezone if raw.timezone is None else raw.timezone
    zone = _valid_zone(timezone)
    contacts = _contacts_of(raw.contacts)
    ids = frozenset(person.id for person in contacts)
    events = _events(raw.events, ids, zone)
    return Application(
        id=raw.id,
        company=raw.company,
        role=raw.role,
        employer_kind="unknown" if raw.employer_kind is None else raw.employer_kind,
        industry=raw.industry,
        country=country,
        subdivision=subdivision,
        timezone=timezone,
        posting_url=raw.posting_url,
        posting_text=raw.posting_text,
        notes=raw.notes,
        first_six_months=raw.first_six_months,
        salary=_salary(raw.salary),
        contacts=contacts,
        events=events,
    )


def _contacts_of(raw: list[_Contact] | None) -> tuple[Contact, ...]:
    if raw is None:
        return ()
    people = tuple(
        _new(Contact, (c.id, c.name, c.role or "other", c.email, c.phone, c.best_time)) for c in raw
    )
    ids = {person.id for person in people}
    if "" in ids or len(ids) < len(people):
        raise _Unusual("a contact id empty or used twice")
    return people


def _salary(raw: _Salary | None) -> Salary | None:
    if raw is None:
        return None
    low, high, currency = raw.min, raw.max, raw.currency
    if low is None and high is None:
        raise _Unusual("salary without an amount")
    # `not x >= 0` also refuses NaN, as the validator does.
    if (low is not None and not low >= 0) or (high is not None and not high >= 0):
        raise _Unusual("salary below zero")
    if low is not None and high is not None and low > high:
        raise _Unusual("salary range upside down")
    if currency is not None and not CURRENCY.fullmatch(currency):
        raise _Unusual("currency")
    return Salary(low, high, currency, "year" if raw.period is None else raw.period)


_NONE: frozenset[str] = frozenset()
_new = tuple.__new__  # an Event from all its fields at once (keywords cost twice as much)

# fmt: off
# Each builder gives every field of Event, in its order:
#   type, at, day, position, channel, to, sender, purpose, outcome, kind, by, via,
#   deadline, interviewers, final, no_calls, reason, notified, notes, round, timed
# The readers (_contact, _contacts, _day) raise _Bad, a ValueError, where the validator
# would refuse the value.


def _applied(e: _Applied, at: datetime, day: date, n: int, timed: bool, ids: frozenset[str]) -> Event:
    channel = None if e.channel is UNSET else e.channel
    return _new(Event, ("applied", at, day, n, channel, None, None, None, None, None, None,
                        None, None, (), False, False, None, None, e.notes, None, timed))


def _interview(e: _Interview, at: datetime, day: date, n: int, timed: bool, ids: frozenset[str]) -> Event:
    kind = None if e.kind is UNSET else e.kind
    interviewers: tuple[str, ...] = ()
    if e.interviewers is not UNSET:
        people = e.interviewers
        if ids.issuperset(people) and len(set(people)) == len(people):
            interviewers = tuple(people)  # the reader's checks, in C
        else:
            interviewers = _contacts(people, ids)  # which refuses them
    number = None if e.round is UNSET else e.round
    return _new(Event, ("interview", at, day, n, None, None, None, None, None, kind, None,
                        None, None, interviewers, e.final, False, None, None, e.notes, number,
                        timed))


def _expectation(e: _Expectation, at: datetime, day: date, n: int, timed: bool, ids: frozenset[str]) -> Event:
    sender, by = _contact(e.sender, ids), _day(e.by, _NONE)
    return _new(Event, ("expectation", at, day, n, None, None, sender, None, None, None, by,
                        e.via, None, (), False, False, None, None, e.notes, None, timed))


def _sent(e: _Sent, at: datetime, day: date, n: int, timed: bool, ids: frozenset[str]) -> Event:
    to = e.to  # text or None (msgspec checked); the reader only where it would refuse
    if to is not None and to not in ids:
        _contact(to, ids)
    return _new(Event, ("sent", at, day, n, e.channel, to, None, e.purpose, None, None, None,
                        None, None, (), False, False, None, None, e.notes, None, timed))


def _called(e: _Called, at: datetime, day: date, n: int, timed: bool, ids: frozenset[str]) -> Event:
    to = e.to  # text or None (msgspec checked); the reader only where it would refuse
    if to is not None and to not in ids:
        _contact(to, ids)
    return _new(Event, ("called", at, day, n, None, to, None, e.purpose, e.outcome, None,
                        None, None, None, (), False, False, None, None, e.notes, None, timed))


def _heard(e: _Heard, at: datetime, day: date, n: int, timed: bool, ids: frozenset[str]) -> Event:
    channel = None if e.channel is UNSET else e.channel
    sender = e.sender
    if sender is not None and sender not in ids:
        _contact(sender, ids)
    by = None if e.by is UNSET else _day(e.by, _NONE)
    if e.kind == "new_date" and by is None:
        raise _Unusual("a new date without its date")
    via = None if e.via is UNSET else e.via
    deadline = None if e.deadline is UNSET else _day(e.deadline, _NONE)
    return _new(Event, ("heard", at, day, n, channel, None, sender, None, None, e.kind, by,
                        via, deadline, (), False, False, None, None, e.notes, None, timed))


def _directions(e: _Directions, at: datetime, day: date, n: int, timed: bool, ids: frozenset[str]) -> Event:
    channel = None if e.channel is UNSET else e.channel
    return _new(Event, ("directions", at, day, n, channel, None, None, None, None, None,
                        None, None, None, (), False, e.no_calls, None, None, e.notes, None, timed))


def _closed(e: _Closed, at: datetime, day: date, n: int, timed: bool, ids: frozenset[str]) -> Event:
    notified = None if e.notified is UNSET else e.notified
    return _new(Event, ("closed", at, day, n, None, None, None, None, None, None, None, None,
                        None, (), False, False, e.reason, notified, e.notes, None, timed))


# fmt: on

_BUILDERS: dict[type, Callable[..., Event]] = {
    _Applied: _applied,
    _Interview: _interview,
    _Expectation: _expectation,
    _Sent: _sent,
    _Called: _called,
    _Heard: _heard,
    _Directions: _directions,
    _Closed: _closed,
}


# Per time zone, each moment's text read once: (local time, day, timed, sort key).
_Moment = tuple[datetime, date, bool, tuple[date, bool, datetime]]
_MOMENTS: dict[ZoneInfo, dict[str, _Moment]] = {}


def _moment(text: str, zone: ZoneInfo, seen: dict[str, _Moment]) -> _Moment:
    at = _read_at(text, zone)
    day, timed = at.date(), len(text) > 10  # a date alone has 10 characters
    moment = (at, day, timed, (day, not timed, at))  # the sort key is in_day_order's
    if len(seen) < 100_000:
        seen[text] = moment
    return moment


def _events(raw: list[_Event], ids: frozenset[str], zone: ZoneInfo) -> tuple[Event, ...]:
    """The events in day order (§2), stable: equal times keep the file's order."""
    seen = _MOMENTS.get(zone)
    if seen is None:
        seen = _MOMENTS[zone] = {}
    events: list[Event] = []
    keys: list[tuple[date, bool, datetime]] = []
    for n, item in enumerate(raw):
        text = item.at
        at, day, timed, key = seen.get(text) or _moment(text, zone, seen)
        events.append(_BUILDERS[type(item)](item, at, day, n, timed, ids))
        keys.append(key)
    # Journals are mostly written in order: sorted only when they are not (the test
    # and the sort compare the keys in C).
    if all(map(operator.le, keys, islice(keys, 1, None))):
        return tuple(events)
    return tuple(events[i] for i in sorted(range(len(events)), key=keys.__getitem__))


__all__ = ["convert_journal", "decode_journal"]

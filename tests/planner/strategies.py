"""Hypothesis strategies: valid journals (format followup/1) as decoded JSON, and mutations.

`journals()` draws a journal the parser must accept, and an `as_of` date in the same
range. Dates run from 1 Nov 2025 to 28 Feb 2027, with extra weight on the two year
ends; each application's events cluster after a base date of its own so that ladders
get climbed, but any event may land anywhere in the range.

`POSTINGS` pairs each posting text with what a careful reader takes from it, so the
properties can say "calls are ruled out" without asking the code under test.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from functools import cache
from typing import Any

from hypothesis import strategies as st

from followup.planner.model import CONTACT_ROLES, EMPLOYER_KINDS

START = date(2025, 11, 1)
END = date(2027, 2, 28)

# (text, asks for no calls, asks for email only)
POSTINGS: tuple[tuple[str, bool, bool], ...] = (
    ("We are hiring an analyst to join our reporting team. Apply online.", False, False),
    ("Join our newsroom as a data editor. Please do not call.", True, False),
    ("Please do not call. We review every application and answer within two weeks.", True, False),
    ("Inside sales: you will make 60 outbound calls a day. Apply online.", False, False),
    ("Small friendly office. Send your resume and cover letter; Please do not call.", True, False),
)
INDUSTRIES = (None, "online media", "Online Media", " digital media ", "healthcare", "logistics")
PLACES = (
    # (country, subdivision, timezone)
    ("US", None, "America/New_York"),
    ("US", "NM", "America/Denver"),
    ("US", "MA", "America/New_York"),
    ("GB", None, "Europe/London"),
    ("CA", None, "America/Toronto"),
)
CONTACT_IDS = ("pat", "rita", "hana", "ivan", "ines", "abe", "sam")
NAMES = ("Pat Lee", "Rita Gomez", "Hana Kim", "Ivan Petrov", "Ines Duarte", "Abe Shaw", None)
OFFSETS = ("Z", "+00:00", "-05:00", "+02:00", "-07:00", "+05:30")
EVENT_TYPES = (
    # weighted by repetition: closing events are rarer than the everyday ones
    "applied",
    "applied",
    "interview",
    "interview",
    "interview",
    "expectation",
    "expectation",
    "sent",
    "sent",
    "sent",
    "sent",
    "called",
    "called",
    "called",
    "heard",
    "heard",
    "heard",
    "directions",
    "closed",
)
PURPOSES = (
    "thank_you",
    "confirm_receipt",
    "check_in",
    "ask_insider",
    "escalate",
    "status_update",
    "reply",
    "reply_graciously",
    "letter",
    "other",
)
HEARD_KINDS = (
    "reply",
    "update",
    "new_date",
    "request_info",
    "interview_invite",
    "rejection",
    "offer",
    "do_not_call",
    "do_not_contact",
)
NOTES = (
    None,
    "",
    "talked about the Q3 dashboard migration; they need SQL and Tableau",
    "We discussed the on-call rota. Team of six! Ask about the budget?",
    "x " * 200,
)


def _clip(day: date) -> date:
    return min(max(day, START), END)


@st.composite
def days(draw: st.DrawFn, near: date | None = None) -> date:
    """A date in range: near a base date, around a year end, or anywhere."""
    how = draw(st.sampled_from(("near", "near", "near", "year_end", "anywhere")))
    if how == "near" and near is not None:
        return _clip(near + timedelta(days=draw(st.integers(-5, 90))))
    if how == "year_end":
        return draw(st.sampled_from((date(2025, 12, 10), date(2026, 12, 10)))) + timedelta(
            days=draw(st.integers(0, 35))
        )
    return draw(st.dates(START, END))


FORMS = ("date", "date", "minutes", "minutes", "seconds", "offset")
_FORM = st.sampled_from(FORMS)
_CLOCK = st.integers(0, 86399)
_OFFSET = st.sampled_from(OFFSETS)
_MASK = st.integers(0, 255)  # which optional fields an event has: one draw, not one per field


@st.composite
def moments(draw: st.DrawFn, near: date | None = None) -> str:
    """An `at` value: a date, a local date-time (with or without seconds), or with an offset."""
    day = draw(days(near)).isoformat()
    form = draw(_FORM)
    if form == "date":
        return day
    seconds = draw(_CLOCK)
    clock = f"{day}T{seconds // 3600:02d}:{seconds // 60 % 60:02d}"
    if form == "minutes":
        return clock
    clock += f":{seconds % 60:02d}"
    return clock if form == "seconds" else clock + draw(_OFFSET)


def _one_of(*values: Any) -> st.SearchStrategy[Any]:
    return _sampled(values)


@cache
def _sampled(values: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    return st.sampled_from(values)


_EVENT_TYPE = st.sampled_from(EVENT_TYPES)
_APPLIED = _one_of("online", "email", "in_person", "referral")
_ROUND = st.integers(1, 4)
_INTERVIEW_KIND = _one_of("phone", "video", "onsite")
_BOOL = st.booleans()
_NOTES = st.sampled_from(NOTES)
_VIA = _one_of("phone", "email", "any")
_SENT_CHANNEL = _one_of("email", "email", "letter", "message")
_PURPOSE = st.sampled_from(PURPOSES)
_OUTCOME = _one_of("spoke", "voicemail", "no_answer", "no_answer", "assistant")
_HEARD = st.sampled_from(HEARD_KINDS)
_HEARD_CHANNEL = _one_of("email", "phone", "letter", "message", "in_person")
_DIRECTION = _one_of("email", "phone", "letter", "any")
_REASON = _one_of("accepted", "withdrawn", "moved_on", "rejected")


@st.composite
def events(draw: st.DrawFn, ids: tuple[str, ...], near: date) -> dict[str, Any]:
    """One valid event of any type, referring only to the contacts in `ids`."""
    kind = draw(_EVENT_TYPE)
    event: dict[str, Any] = {"type": kind, "at": draw(moments(near))}
    mask = draw(_MASK)

    def maybe(bit: int, key: str, values: st.SearchStrategy[Any]) -> None:
        if mask >> bit & 1:
            event[key] = draw(values)

    someone = _sampled((None, *ids))
    if kind == "applied":
        maybe(0, "channel", _APPLIED)
    elif kind == "interview":
        if mask & 0b11000000:
            event["with"] = draw(st.lists(_sampled(ids), unique=True, max_size=3)) if ids else []
        maybe(1, "round", _ROUND)
        maybe(2, "kind", _INTERVIEW_KIND)
        maybe(3, "final", _BOOL)
        maybe(4, "notes", _NOTES)
    elif kind == "expectation":
        event["by"] = draw(days(near)).isoformat()
        maybe(0, "via", _VIA)
        maybe(1, "from", someone)
    elif kind == "sent":
        maybe(0, "channel", _SENT_CHANNEL)
        maybe(1, "to", someone)
        maybe(2, "purpose", _PURPOSE)
    elif kind == "called":
        event["outcome"] = draw(_OUTCOME)
        maybe(0, "to", someone)
        maybe(1, "purpose", _PURPOSE)
        maybe(2, "notes", _NOTES)
    elif kind == "heard":
        heard = draw(_HEARD)
        event["kind"] = heard
        maybe(0, "from", someone)
        maybe(1, "channel", _HEARD_CHANNEL)
        if heard == "new_date" or mask & 0b11100000 == 0b11100000:
            event["by"] = draw(days(near)).isoformat()
        if heard == "offer" and mask >> 2 & 1:
            event["deadline"] = draw(days(near)).isoformat()
        maybe(3, "via", _VIA)
    elif kind == "directions":
        maybe(0, "no_calls", _BOOL)
        maybe(1, "channel", _DIRECTION)
    else:  # closed
        event["reason"] = draw(_REASON)
        maybe(0, "notified", _BOOL)
        maybe(1, "notes", _NOTES)
    return event


def _maybe(
    draw: st.DrawFn, found: dict[str, Any], key: str, values: st.SearchStrategy[Any]
) -> None:
    if draw(_BOOL):
        found[key] = draw(values)


@st.composite
def contacts(draw: st.DrawFn) -> list[dict[str, Any]]:
    """0 to 5 contacts with distinct ids and any roles (insiders and assistants included)."""
    ids = draw(st.lists(st.sampled_from(CONTACT_IDS), unique=True, max_size=5))
    people = []
    for person_id in ids:
        person: dict[str, Any] = {"id": person_id, "role": draw(st.sampled_from(CONTACT_ROLES))}
        _maybe(draw, person, "name", st.sampled_from(NAMES))
        _maybe(draw, person, "email", st.just(f"{person_id}@employer.example"))
        _maybe(draw, person, "phone", st.just("+1 505 555 0100"))
        _maybe(draw, person, "best_time", st.sampled_from(("mornings", "after 2pm")))
        people.append(person)
    return people


@st.composite
def applications(draw: st.DrawFn, app_id: str) -> dict[str, Any]:
    app: dict[str, Any] = {
        "id": app_id,
        "company": draw(
            st.sampled_from(
                ("Acme Corp", "Beta LLC", "Gamma Media", "City of Santa Fe", "Δelta GmbH")
            )
        ),
        "employer_kind": draw(st.sampled_from(EMPLOYER_KINDS)),
    }
    _maybe(
        draw,
        app,
        "role",
        st.sampled_from(("Data Analyst", "Senior Platform Engineer, Payments Infrastructure")),
    )
    industry = draw(st.sampled_from(INDUSTRIES))
    if industry is not None:
        app["industry"] = industry
    if draw(st.booleans()):
        app["posting_text"] = draw(st.sampled_from(POSTINGS))[0]
    if draw(st.integers(0, 3)) == 0:
        country, subdivision, zone = draw(st.sampled_from(PLACES))
        app["country"] = country
        if subdivision is not None:
            app["subdivision"] = subdivision
        app["timezone"] = zone
    _maybe(draw, app, "first_six_months", st.just("Ship the migration and train the team on it."))
    people = draw(contacts())
    if people or draw(st.booleans()):
        app["contacts"] = people
    ids = tuple(p["id"] for p in people)
    base = draw(st.dates(START, END))
    app["events"] = draw(st.lists(events(ids, base), max_size=15))
    return app


@st.composite
def policies(draw: st.DrawFn) -> dict[str, Any]:
    """Overrides of a few policy parameters (often none)."""
    policy: dict[str, Any] = {}
    _maybe(draw, policy, "email_min_gap_days", st.integers(0, 14))
    _maybe(draw, policy, "year_end_slowdown", st.booleans())
    if draw(st.booleans()):
        first = draw(st.integers(0, 20))
        name = draw(
            st.sampled_from(
                (
                    "window_corporate",
                    "window_unknown",
                    "window_small_business",
                    "confirm_receipt_window",
                )
            )
        )
        policy[name] = [first, first + draw(st.integers(0, 10))]
    if draw(st.integers(0, 3)) == 0:
        policy[draw(st.sampled_from(("call_delay", "ask_insider_delay", "escalate_delay")))] = draw(
            st.integers(0, 6)
        )
    if draw(st.integers(0, 4)) == 0:
        policy["no_answer_tries"] = draw(st.integers(1, 4))
    if draw(st.integers(0, 4)) == 0:
        policy["email_first_industries"] = draw(
            st.sampled_from((["healthcare"], [], ["Online Media", "logistics"]))
        )
    return policy


@st.composite
def journals(draw: st.DrawFn) -> tuple[dict[str, Any], date]:
    """A valid journal as decoded JSON, and an `as_of` date in the same range."""
    country, subdivision, zone = draw(st.sampled_from(PLACES))
    profile: dict[str, Any] = {
        "name": "Dana Reyes",
        "email": "dana@example.org",
        "country": country,
        "timezone": zone,
    }
    if subdivision is not None:
        profile["subdivision"] = subdivision
    count = draw(st.integers(1, 6))
    data: dict[str, Any] = {
        "format": "followup/1",
        "profile": profile,
        "applications": [draw(applications(f"app-{n}")) for n in range(count)],
    }
    if draw(st.integers(0, 2)) == 0:
        data["policy"] = draw(policies())
    known = [e["at"][:10] for a in data["applications"] for e in a["events"]]
    if known and draw(st.integers(0, 3)):
        as_of = _clip(
            date.fromisoformat(draw(st.sampled_from(known)))
            + timedelta(days=draw(st.integers(0, 40)))
        )
    else:
        as_of = draw(days(None))
    return data, as_of


# Mutations --------------------------------------------------------------------------

WRONG_VALUES: tuple[Any, ...] = (
    None,
    True,
    False,
    0,
    -1,
    7,
    1.5,
    10**12,
    "",
    " ",
    "bogus",
    "nobody",
    "2026-02-30",
    "2026-13-01",
    "26-01-05",
    "2026-01-05T25:00",
    "2026-01-05T10:00+25:00",
    "2026-01-05 10:00",
    "0001-01-01T00:00+05:00",
    "9999-12-31T23:00-05:00",
    "ＵＳ",
    [],
    [1, 2],
    ["pat", "nobody"],
    {},
    {"x": 1},
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _at(root: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        root = root[step]
    return root


@st.composite
def mutated_journals(draw: st.DrawFn) -> tuple[Any, str]:
    """A valid journal with one thing broken, and a description of what was done."""
    data, _ = draw(journals())
    data = copy.deepcopy(data)
    path = draw(st.sampled_from(_paths(data)))
    how = draw(st.sampled_from(("delete", "replace", "replace", "replace", "add_key", "wrap")))
    if how == "wrap" or not path:
        wrapped = [_at(data, path)]
        if not path:
            return (
                wrapped if how == "wrap" else draw(st.sampled_from(WRONG_VALUES))
            ), f"{how} the root"
        _at(data, path[:-1])[path[-1]] = wrapped
        return data, f"wrap {path}"
    parent, key = _at(data, path[:-1]), path[-1]
    if how == "delete":
        del parent[key]
    elif how == "replace":
        parent[key] = draw(st.sampled_from(WRONG_VALUES))
    else:
        target = _at(data, path) if isinstance(_at(data, path), dict) else parent
        if not isinstance(target, dict):
            target = data
        target[draw(st.sampled_from(("surprise", "At", "type ", "contacts_")))] = draw(
            st.sampled_from(WRONG_VALUES)
        )
    return data, f"{how} {path}"

"""The work-search log: one row per employer contact in an ISO week, from the journal.

Unemployment offices ask for the job seeker's own contacts with employers, so a row
is an event the job seeker made happen:

- `applied` (an application submitted, whatever the channel);
- `interview` (one row per interview, naming everyone met);
- `sent` (every message: a thank-you note, a check-in or a reply is a contact with
  the employer too, and offices count them);
- `called` (every call, answered or not: an attempt is a contact made).

What the employer did (`heard`), the job seeker's notes (`expectation`,
`directions`) and `closed` are not contacts; a rejection or an offer that came
after a contact and by the end of the week becomes that row's result.

Dates are the event's local date (the application's time zone, as the planner
reads them); weeks are ISO weeks, Monday to Sunday.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from ..planner.journal import FIRST_YEAR, LAST_YEAR
from ..tracker import services
from ..tracker.models import Application, Contact, Event
from .models import DEFAULT_WEEKLY_MINIMUM, MAX_WEEKLY_MINIMUM, WorkLogSettings

CONTACT_TYPES = ("applied", "interview", "sent", "called")
WEEK_PATTERN = re.compile(r"(\d{4})-W(\d{2})")
COLUMNS = (
    "Date",
    "Employer",
    "Address, phone or email",
    "Person contacted",
    "Method",
    "Position",
    "Result",
)

APPLIED_METHOD = {
    "online": "online application",
    "email": "email",
    "in_person": "in person",
    "referral": "application through a referral",
}
SENT_METHOD = {"email": "email", "letter": "letter", "message": "online message"}
INTERVIEW_METHOD = {
    "phone": "interview (phone)",
    "video": "interview (video)",
    "onsite": "interview (on site)",
}
CALL_RESULT = {
    "spoke": "spoke with them",
    "voicemail": "left a voicemail",
    "no_answer": "no answer",
    "assistant": "left word with an assistant",
}
# The employer's answers that settle an application, as a row's result.
DECISIONS = {
    ("heard", "rejection"): "rejected",
    ("heard", "offer"): "offer received",
    ("closed", "rejected"): "rejected",
    ("closed", "accepted"): "offer accepted",
}
# Employer messages that answer an application or a message without settling it.
REPLIES = {
    "interview_invite": "invited to interview",
    "reply": "they replied",
    "update": "they replied",
    "new_date": "they replied",
    "request_info": "they asked for more information",
}


class InvalidWeek(services.ServiceError):
    """A week that is not an ISO week: a 422 on the page, exit 2 in the CLI."""


class WeekOutOfRange(InvalidWeek):
    """A real ISO week outside the journal's years: no such page (404), exit 2 in the CLI.

    Without this bound, a week near year 9999 overflows the date arithmetic."""


@dataclass(frozen=True)
class WorkRow:
    """One employer contact, in the log's columns."""

    day: date
    employer: str
    reach: str  # the contact's phone or email, else the posting's address
    person: str
    method: str
    position: str
    result: str

    def cells(self) -> list[str]:
        return [
            self.day.isoformat(),
            self.employer,
            self.reach,
            self.person,
            self.method,
            self.position,
            self.result,
        ]


@dataclass(frozen=True)
class WorkLog:
    """A week of the log: who it is for, the week, its rows and the claim's minimum."""

    name: str
    week: str  # "2026-W47"
    start: date  # the Monday
    rows: tuple[WorkRow, ...]
    minimum: int

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def short(self) -> bool:
        return len(self.rows) < self.minimum

    @property
    def count_text(self) -> str:
        """'2 contacts (minimum 3)'."""
        count = f"{len(self.rows)} contact{'' if len(self.rows) == 1 else 's'}"
        return f"{count} (minimum {self.minimum})" if self.minimum else count

    @property
    def warning(self) -> str:
        """'You have 2 of the 3 contacts your claim needs this week', or '' when enough."""
        if not self.short:
            return ""
        noun = "contact" if self.minimum == 1 else "contacts"
        return f"You have {len(self.rows)} of the {self.minimum} {noun} your claim needs this week"

    @property
    def period(self) -> str:
        """'Monday 16 November to Sunday 22 November 2026'."""
        return f"Monday {self.start:%-d %B} to Sunday {self.end:%-d %B %Y}"


# Weeks ------------------------------------------------------------------------------


def parse_week(text: str) -> date:
    """The Monday of ISO week `text` ("2026-W47")."""
    match = WEEK_PATTERN.fullmatch(text.strip())
    try:
        if match is None:
            raise ValueError(text)
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise InvalidWeek(f"{text!r} is not an ISO week like 2026-W47") from None
    if not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
        raise WeekOutOfRange(f"{text!r} is not between {FIRST_YEAR} and {LAST_YEAR}")
    return monday


def week_of(day: date) -> str:
    """The ISO week containing `day`, as "2026-W47"."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


# The weekly minimum -------------------------------------------------------------------


def weekly_minimum(user: AbstractBaseUser) -> int:
    found = WorkLogSettings.objects.filter(user=user).values_list("weekly_minimum", flat=True)
    return next(iter(found), DEFAULT_WEEKLY_MINIMUM)


def set_weekly_minimum(user: AbstractBaseUser, value: Any) -> int:
    """Store the claim's weekly minimum (a whole number from 0 to 50)."""
    try:
        number = int(str(value).strip())
    except ValueError:
        raise services.ServiceError(
            f"weekly_minimum: {value!r} is not a whole number of contacts"
        ) from None
    if not 0 <= number <= MAX_WEEKLY_MINIMUM:
        raise services.ServiceError(
            f"weekly_minimum: {number} is not between 0 and {MAX_WEEKLY_MINIMUM}"
        )
    WorkLogSettings.objects.update_or_create(user=user, defaults={"weekly_minimum": number})
    return number


# The rows ---------------------------------------------------------------------------


def week_rows(user: AbstractBaseUser, week: str, upto: date | None = None) -> WorkLog:
    """The user's work-search log for ISO week `week`: their contacts, oldest first,
    only those made by `upto` (the user's today unless given): an interview booked for
    Friday is no contact yet on Tuesday, and a claim must not say it is (rules §2, §4.0)."""
    start = parse_week(week)
    upto = upto or services.today_for(user)
    end = min(start + timedelta(days=7), upto + timedelta(days=1))
    first, after = start.isoformat(), end.isoformat()
    events = list(
        Event.objects.filter(
            application__user=user,
            type__in=CONTACT_TYPES,
            local_at__gte=first,
            local_at__lt=after,
        )
        .select_related("application")
        .order_by("local_at", "application__position", "position", "id")
    )
    app_ids = {e.application_id for e in events}
    contacts = _contacts(app_ids)
    answers = _answers(app_ids, after)
    rows = tuple(
        contact_row(
            e.application,
            e,
            contacts.get(e.application_id, {}),
            answers.get(e.application_id, []),
        )
        for e in events
    )
    return WorkLog(_name(user), week_of(start), start, rows, weekly_minimum(user))


def _contacts(app_ids: set[int]) -> dict[int, dict[str, Contact]]:
    found: dict[int, dict[str, Contact]] = defaultdict(dict)
    for contact in Contact.objects.filter(application_id__in=app_ids):
        found[contact.application_id][contact.slug] = contact
    return found


def _answers(app_ids: set[int], before: str) -> dict[int, list[Event]]:
    """The employers' answers (heard, closed) up to the end of the week, in order."""
    found: dict[int, list[Event]] = defaultdict(list)
    for event in Event.objects.filter(
        application_id__in=app_ids, type__in=("heard", "closed"), local_at__lt=before
    ).order_by("local_at", "position", "id"):
        found[event.application_id].append(event)
    return found


def _name(user: AbstractBaseUser) -> str:
    profile = services.profile_of(user)
    full = getattr(user, "get_full_name", lambda: "")()
    return profile.name or full or user.get_username()


def contact_row(
    app: Application, event: Event, contacts: dict[str, Contact], answers: list[Event]
) -> WorkRow:
    """One event as a log row; `answers` are the application's later heard/closed events."""
    people = [contacts[slug] for slug in _people(event) if slug in contacts]
    method = _method(event)
    return WorkRow(
        day=date.fromisoformat(event.local_at[:10]),
        employer=app.company,
        reach=_reach(people, method, app),
        person=", ".join(p.name or p.slug for p in people),
        method=method,
        position=app.role or "",
        result=_result(event, [a for a in answers if _after(a, event)]),
    )


def _people(event: Event) -> list[str]:
    if event.type == "interview":
        return list(event.data.get("with") or [])
    to = event.data.get("to")
    return [to] if to else []


def _method(event: Event) -> str:
    channel = event.data.get("channel")
    if event.type == "applied":
        return APPLIED_METHOD.get(channel or "", "application")
    if event.type == "interview":
        return INTERVIEW_METHOD.get(event.data.get("kind") or "", "interview")
    if event.type == "called":
        return "phone"
    return SENT_METHOD.get(channel or "email", "email")  # a message with no channel is an email


def _reach(people: list[Contact], method: str, app: Application) -> str:
    """How the employer was reached: the phone for a call, else the email (either as a
    fallback), else the posting's address."""
    for person in people:
        choices = (
            (person.phone, person.email) if method == "phone" else (person.email, person.phone)
        )
        for value in choices:
            if value:
                return value
    return app.posting_url or ""


def _after(answer: Event, event: Event) -> bool:
    return (answer.local_at, answer.position) > (event.local_at, event.position)


def _result(event: Event, later: list[Event]) -> str:
    """The row's result in plain words: a later decision wins, then a later reply to an
    application or a message, then what the contact itself achieved."""
    decisions = [
        DECISIONS[key]
        for a in later
        if (key := (a.type, a.data.get("kind") or a.data.get("reason"))) in DECISIONS
    ]
    if decisions:
        return decisions[-1]
    replies = [REPLIES[k] for a in later if (k := a.data.get("kind")) in REPLIES]
    if replies and event.type in ("applied", "sent"):
        return replies[0]
    if event.type == "applied":
        return "application submitted"
    if event.type == "interview":
        return "interviewed"
    if event.type == "called":
        return CALL_RESULT.get(event.data.get("outcome") or "", "called")
    purpose = event.data.get("purpose")
    if purpose == "thank_you":
        return "thank-you note sent"
    if purpose in ("reply", "reply_graciously"):
        return "replied to them"
    if purpose == "withdraw":
        return "withdrew the application"
    return "waiting for a reply"

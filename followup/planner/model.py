"""The planner's typed, immutable vocabulary: what a journal holds and what a plan says.

Everything here is a value: built once by the journal parser (or the rules), never
changed afterwards. Hot objects (events, steps) are NamedTuples because they are
created by the hundred thousand in a planning run and a NamedTuple is several times
cheaper to build than a frozen dataclass.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, NamedTuple, get_args, overload

# The enumerations as types (the fast journal decoder checks fields against them) and
# as tuples of their values (the validator's tables, the JSON schema's tests).
EmployerKind = Literal[
    "corporate",
    "small_business",
    "startup",
    "nonprofit",
    "government",
    "staffing_agency",
    "unknown",
]
EMPLOYER_KINDS: tuple[str, ...] = get_args(EmployerKind)
ContactRole = Literal[
    "recruiter",
    "hr",
    "hiring_manager",
    "interviewer",
    "assistant",
    "insider",
    "other",
]
CONTACT_ROLES: tuple[str, ...] = get_args(ContactRole)
STAGES = ("saved", "applied", "interviewing", "offer", "closed")
ACTIONS = (
    "prepare_interview",
    "send_thank_you",
    "confirm_receipt",
    "check_in",
    "ask_insider",
    "escalate",
    "call",
    "send_letter",
    "status_update",
    "reply",
    "reply_graciously",
    "move_on",
    "decide_offer",
    "withdraw",
)
# Each action in the job seeker's words, for lists and buttons.
ACTION_LABELS = {
    "prepare_interview": "Prepare for your interview",
    "send_thank_you": "Send a thank-you note",
    "confirm_receipt": "Confirm they received your application",
    "check_in": "Check in",
    "ask_insider": "Ask your contact inside",
    "escalate": "Write to the hiring manager",
    "call": "Call",
    "send_letter": "Send a letter",
    "status_update": "Tell them where things stand",
    "reply": "Reply",
    "reply_graciously": "Reply graciously",
    "move_on": "Move on",
    "decide_offer": "Decide on the offer",
    "withdraw": "Withdraw warmly",
}


def action_label(action: str) -> str:
    """The action in words; one this version doesn't know is shown loudly, never raw."""
    return ACTION_LABELS.get(action) or f"Unknown step “{action}” (update followup)"


PHONE = "phone"
EMAIL = "email"
LETTER = "letter"


class Contact(NamedTuple):
    """A person at (or close to) the employer."""

    id: str
    name: str | None = None
    role: str = "other"
    email: str | None = None
    phone: str | None = None
    best_time: str | None = None


class Event(NamedTuple):
    """One journal event. Fields that an event type does not use stay None.

    `at` is a naive local date-time in the application's time zone (a date alone is
    midnight, and `timed` False); `day` is its date, the unit every rule works in.
    `position` is the event's position in the journal file, for error messages and
    stable order.
    """

    type: str
    at: datetime
    day: date
    position: int
    channel: str | None = None
    to: str | None = None
    sender: str | None = None  # the journal's `from`
    purpose: str | None = None
    outcome: str | None = None
    kind: str | None = None
    by: date | None = None
    via: str | None = None
    deadline: date | None = None
    interviewers: tuple[str, ...] = ()  # the journal's `with`
    final: bool = False
    no_calls: bool = False
    reason: str | None = None
    notified: bool | None = None
    notes: str | None = None
    round: int | None = None
    timed: bool = True  # False where the journal gives a date alone (§2: it sorts last that day)


@dataclass(frozen=True, slots=True)
class Profile:
    """The job seeker: whose name signs the drafts, whose calendar is the default."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    country: str = "US"
    subdivision: str | None = None
    timezone: str = "UTC"


SALARY_PERIODS = ("year", "month", "week", "day", "hour")


@dataclass(frozen=True, slots=True)
class Salary:
    """The pay the posting names or the offer gives: a range, either end optional."""

    min: float | None = None
    max: float | None = None
    currency: str | None = None  # ISO 4217, e.g. "USD"
    period: str = "year"


@dataclass(frozen=True, slots=True)
class Application:
    """One job application: its facts, its people and its events in time order."""

    id: str
    company: str
    role: str | None = None
    employer_kind: str = "unknown"
    industry: str | None = None
    country: str = "US"
    subdivision: str | None = None
    timezone: str = "UTC"
    posting_url: str | None = None
    posting_text: str | None = None
    notes: str | None = None
    first_six_months: str | None = None
    salary: Salary | None = None
    contacts: tuple[Contact, ...] = ()
    events: tuple[Event, ...] = ()
    # The contacts by id and the first contact of each role, built on the first
    # question: planning asks who someone is a dozen times per application.
    _people: _People | None = field(default=None, init=False, repr=False, compare=False)

    def contact(self, contact_id: str | None) -> Contact | None:
        """The contact with this id, or None."""
        return (self._people or self._index()).by_id.get(contact_id)

    def first_with_role(self, *roles: str) -> Contact | None:
        """The first contact holding one of `roles`, tried in the order given."""
        by_role = (self._people or self._index()).by_role
        for role in roles:
            person = by_role.get(role)
            if person is not None:
                return person
        return None

    def by_role(self) -> Mapping[str, Contact]:
        """The first contact of each role, by role."""
        return (self._people or self._index()).by_role

    def people(self) -> Mapping[str | None, Contact]:
        """The contacts by id (None maps to no one)."""
        return (self._people or self._index()).by_id

    def insiders(self) -> frozenset[str | None]:
        """The ids of the contacts who are insiders (§6: an insider is no employer)."""
        return (self._people or self._index()).insiders

    def _index(self) -> _People:
        by_id: dict[str | None, Contact] = {}
        by_role: dict[str, Contact] = {}
        insiders: list[str | None] = []
        for person in self.contacts:
            # The first of a (refused) repeated id is the one an id names.
            first = by_id.setdefault(person.id, person)
            by_role.setdefault(person.role, person)
            if person.role == "insider" and first is person:
                insiders.append(person.id)
        people = _People(by_id, by_role, frozenset(insiders) if insiders else _NO_IDS)
        object.__setattr__(self, "_people", people)  # a cache: the value stays the same
        return people


_NO_IDS: frozenset[str | None] = frozenset()


class _People(NamedTuple):
    by_id: dict[str | None, Contact]
    by_role: dict[str, Contact]
    insiders: frozenset[str | None]


@dataclass(frozen=True, slots=True)
class Journal:
    """A parsed, validated journal: the only input of the planner."""

    profile: Profile
    policy_overrides: Mapping[str, Any] = field(default_factory=dict)
    applications: tuple[Application, ...] = ()


class Step(NamedTuple):
    """One thing to do: what, how, to whom, when, and why."""

    action: str
    channel: str | None
    to: str | None
    due: date
    due_by: date
    reason: str
    sources: tuple[str, ...]
    window: str | None = None
    leave_message: bool | None = None
    projected: bool = False


class Draft(NamedTuple):
    """The words for a step: an email or letter, or a call sheet (subject None)."""

    subject: str | None
    body: str


class DraftContext(NamedTuple):
    """What the drafts need to know beyond the step, the application and the profile."""

    last_interview: Event | None = None  # the latest interview on or before as_of
    expected_by: date | None = None  # the decision/contact date they gave, if any
    inbound: Event | None = None  # the message a reply or gracious reply answers
    offer_deadline: date | None = None  # a competing offer's deadline (status_update)
    offer_company: str | None = None  # who made the competing offer
    voicemail_left: bool = False  # a voicemail was already left with this contact
    scheduled: Event | None = None  # the next scheduled interview (prepare_interview)
    offer: Event | None = None  # this application's own offer (decide_offer)
    still_open: Sequence[str] = ()  # the companies of the other open applications
    accepted_company: str | None = None  # whose offer was accepted (withdraw)


class AllBut(Sequence[str]):
    """A list of names with one left out, without copying the rest.

    Each application holding an offer lists the other open applications; copying
    thousands of names per offer made planning quadratic in time and memory.
    """

    __slots__ = ("_left_out", "_names")

    def __init__(self, names: tuple[str, ...], left_out: int | None) -> None:
        self._names = names
        self._left_out = left_out  # an index into names, or None to keep them all

    def __len__(self) -> int:
        return len(self._names) - (self._left_out is not None)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...

    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        if isinstance(index, slice):
            if self._left_out is None:
                return self._names[index]
            return tuple(self[i] for i in range(len(self))[index])
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("index out of range")
        skip = self._left_out
        return self._names[index + (skip is not None and index >= skip)]

    def __iter__(self) -> Iterator[str]:
        skip = self._left_out
        for i, name in enumerate(self._names):
            if i != skip:
                yield name

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"AllBut({tuple(self)!r})"

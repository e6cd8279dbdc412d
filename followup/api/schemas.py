"""The API's request and response shapes.

Request schemas are exact: every value they admit is one the journal parser and the
database accept, and every value they refuse is refused before any service runs
(422). What no schema can say (an event naming a contact the application doesn't
have, two contacts with one id, a subdivision of another country, an id already
taken) is a conflict with the rest of the journal: 409, naming the field. So the
published schema is a promise that schemathesis can hold us to.

Where the journal format is looser than a database or a sane plan allows, the API is
a little stricter, and says so in the schema: no NUL characters (PostgreSQL refuses
them), years 1970 to 2199 (as the parser), at most 6 digits of fractional seconds,
ids of at most 80 characters, policy numbers of at most 365.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any, Literal
from zoneinfo import available_timezones

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, Field, Strict, StrictBool, field_validator

from ..planner.calendar import _country_codes
from ..planner.journal import FORMAT, HEARD_KINDS, PURPOSES
from ..planner.model import CONTACT_ROLES, EMPLOYER_KINDS
from ..planner.policy import STANDARD, Policy

# Patterns read the same by Python (schemathesis), Rust (pydantic) and ECMA (clients).
NO_NUL = r"^[^\u0000]*$"
# Python's str.strip() whitespace, so "not blank" here is "not blank" to the parser.
_SPACE = (
    r"\t\n\u000b\u000c\r\u001c-\u001f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
)
NOT_BLANK = rf"^[^\u0000]*[^\u0000{_SPACE}][^\u0000]*$"
ID = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$"
_YEAR = r"(19[7-9][0-9]|20[0-9]{2}|21[0-9]{2})"
_LEAP_YEAR = (
    r"(19(7[26]|8[048]|9[26])|20([02468][048]|[13579][26])|21(0[48]|[2468][048]|[13579][26]))"
)
_MONTH_DAY = (
    r"((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])"
    r"|(0[469]|11)-(0[1-9]|[12][0-9]|30)"
    r"|02-(0[1-9]|1[0-9]|2[0-8]))"
)
_DATE = rf"({_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
_TIME = r"T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])?"
DATE = rf"^{_DATE}$"
AT = rf"^{_DATE}({_TIME})?$"

Text = Annotated[str, Field(pattern=NO_NUL)]
Day = Annotated[
    str, Field(pattern=DATE, description="A date, YYYY-MM-DD, in the years 1970 to 2199.")
]
At = Annotated[
    str,
    Field(
        pattern=AT,
        description=(
            "A date (YYYY-MM-DD), a local date-time in the application's time zone"
            " (YYYY-MM-DDTHH:MM[:SS[.ffffff]]), or one with a UTC offset or Z."
        ),
    ),
]
ContactId = Annotated[str, Field(min_length=1, max_length=80, pattern=NO_NUL)]
ApplicationId = Annotated[
    str,
    Field(
        pattern=ID,
        description="A letter or digit, then up to 79 letters, digits, dots, underscores or hyphens.",
    ),
]


def _whole(value: Any) -> Any:
    # JSON Schema counts 3.0 as an integer; the journal wants 3. Text stays an error.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Round = Annotated[int, Strict(), Field(ge=1, le=100), BeforeValidator(_whole)]
Days = Annotated[int, Strict(), Field(ge=0, le=365), BeforeValidator(_whole)]


def _choices(name: str, values: tuple[str, ...] | list[str]) -> Any:
    """A str Enum of `values`: one named, reusable component in the OpenAPI schema."""
    return Enum(name, {value: value for value in values}, type=str)  # type: ignore[misc]


TimeZone = _choices("TimeZone", sorted(available_timezones()))
Country = _choices("Country", sorted(c for c in _country_codes() if len(c) == 2))
EmployerKind = _choices("EmployerKind", EMPLOYER_KINDS)
ContactRole = _choices("ContactRole", CONTACT_ROLES)
Purpose = _choices("Purpose", PURPOSES)


def _drop_defaults(schema: dict[str, Any], _model: Any) -> None:
    """An optional field is one that may be left out; `null` is only allowed where the
    journal allows it, so a `"default": null` in the schema would be a lie."""
    for prop in schema.get("properties", {}).values():
        prop.pop("default", None)


class Strict(Schema):
    """Request bodies: unknown keys are errors, as in the journal."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_drop_defaults)


# Events --------------------------------------------------------------------------


class _Event(Strict):
    at: At
    notes: Text | None = None


class AppliedEvent(_Event):
    type: Literal["applied"]
    channel: Literal["online", "email", "in_person", "referral"] = None  # type: ignore[assignment]


class InterviewEvent(_Event):
    type: Literal["interview"]
    with_: list[ContactId] = Field(
        None,  # type: ignore[arg-type]
        alias="with",
        json_schema_extra={"uniqueItems": True},
        description="The ids of the contacts met, each once.",
    )
    round: Round = None  # type: ignore[assignment]
    kind: Literal["phone", "video", "onsite"] = None  # type: ignore[assignment]
    final: StrictBool = None  # type: ignore[assignment]

    @field_validator("with_")
    @classmethod
    def _each_once(cls, value: list[str]) -> list[str]:
        if len(set(value)) < len(value):
            raise ValueError("names someone twice")
        return value


class ExpectationEvent(_Event):
    type: Literal["expectation"]
    by: Day
    via: Literal["phone", "email", "any"] = None  # type: ignore[assignment]
    from_: ContactId | None = Field(None, alias="from")


class SentEvent(_Event):
    type: Literal["sent"]
    channel: Literal["email", "letter", "message"] = None  # type: ignore[assignment]
    to: ContactId | None = None
    purpose: Purpose = None  # type: ignore[valid-type]


class CalledEvent(_Event):
    type: Literal["called"]
    outcome: Literal["spoke", "voicemail", "no_answer", "assistant"]
    to: ContactId | None = None
    purpose: Purpose = None  # type: ignore[valid-type]


class _Heard(_Event):
    type: Literal["heard"]
    from_: ContactId | None = Field(None, alias="from")
    channel: Literal["email", "phone", "letter", "message", "in_person"] = None  # type: ignore[assignment]
    deadline: Day = None  # type: ignore[assignment]
    via: Literal["phone", "email", "any"] = None  # type: ignore[assignment]


class HeardNewDateEvent(_Heard):
    """They moved the date: `by` is the new one."""

    kind: Literal["new_date"]
    by: Day


class HeardEvent(_Heard):
    kind: Literal[tuple(k for k in HEARD_KINDS if k != "new_date")]  # type: ignore[misc]
    by: Day = None  # type: ignore[assignment]


class DirectionsEvent(_Event):
    type: Literal["directions"]
    no_calls: StrictBool = None  # type: ignore[assignment]
    channel: Literal["email", "phone", "letter", "any"] = None  # type: ignore[assignment]


class ClosedEvent(_Event):
    type: Literal["closed"]
    reason: Literal["accepted", "withdrawn", "moved_on", "rejected"]
    notified: StrictBool = None  # type: ignore[assignment]


EventIn = Annotated[
    AppliedEvent
    | InterviewEvent
    | ExpectationEvent
    | SentEvent
    | CalledEvent
    | Annotated[HeardNewDateEvent | HeardEvent, Field(discriminator="kind")]
    | DirectionsEvent
    | ClosedEvent,
    Field(discriminator="type"),
]


# Contacts and applications --------------------------------------------------------


class ContactIn(Strict):
    id: ContactId
    name: Text | None = None
    role: ContactRole | None = None  # type: ignore[valid-type]
    email: Text | None = None
    phone: Text | None = None
    best_time: Text | None = None


class SalaryIn(Strict):
    """The journal's `salary`: an amount or a range (min, max or both)."""

    min: Annotated[float, Field(ge=0, strict=True)] | None = None  # strict: false is no amount
    max: Annotated[float, Field(ge=0, strict=True)] | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    period: Literal["year", "month", "week", "day", "hour"] | None = None


class SalaryOut(Schema):
    min: float | None = None
    max: float | None = None
    currency: str | None = None
    period: str | None = None


class ApplicationFacts(Strict):
    """The application's facts; in a PATCH, `null` removes one (except the company)."""

    company: Annotated[str, Field(pattern=NOT_BLANK)] = None  # type: ignore[assignment]
    role: Text | None = None
    employer_kind: EmployerKind | None = None  # type: ignore[valid-type]
    industry: Text | None = None
    country: Country | None = None  # type: ignore[valid-type]
    subdivision: Text | None = None
    timezone: TimeZone | None = None  # type: ignore[valid-type]
    posting_url: Text | None = None
    posting_text: Text | None = None
    notes: Text | None = None
    first_six_months: Text | None = None
    salary: SalaryIn | None = None


class ApplicationIn(ApplicationFacts):
    """One application in the journal format."""

    id: ApplicationId
    company: Annotated[str, Field(pattern=NOT_BLANK)]
    contacts: list[ContactIn] | None = None
    events: list[EventIn]


# The whole journal -----------------------------------------------------------------


class ProfileIn(Strict):
    name: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    country: Country | None = None  # type: ignore[valid-type]
    subdivision: Text | None = None
    timezone: TimeZone | None = None  # type: ignore[valid-type]


TimeWindow = Annotated[
    str,
    Field(
        pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$",
        description="HH:MM-HH:MM, the start before the end.",
    ),
]


def _policy_field(name: str) -> Any:
    default = getattr(STANDARD, name)
    if isinstance(default, bool):
        return StrictBool
    if isinstance(default, int):
        return Days
    if isinstance(default, str):
        return TimeWindow
    if name == "email_first_industries":
        return list[Text]
    return Annotated[list[Days], Field(min_length=2, max_length=2)]


def _policy_schema() -> type[Strict]:
    """Every policy setting, optional, typed by its default (built from the Policy)."""
    from dataclasses import fields

    from pydantic import create_model

    return create_model(  # type: ignore[call-overload, no-any-return]
        "PolicyIn",
        __base__=Strict,
        **{f.name: (_policy_field(f.name), None) for f in fields(Policy)},
    )


PolicyIn = _policy_schema()


class JournalIn(Strict):
    format: Literal["followup/1"] = Field(description=f"Always {FORMAT!r}.")
    profile: ProfileIn | None = None
    policy: PolicyIn | None = None  # type: ignore[valid-type]
    applications: list[ApplicationIn]


# Responses ------------------------------------------------------------------------


class ErrorItem(Schema):
    loc: list[str | int] = Field(description="Where: 'body', 'query' or 'path', then the field.")
    msg: str


class ErrorOut(Schema):
    detail: list[ErrorItem]


class ApplicationSummary(Schema):
    id: str
    company: str
    role: str | None
    stage: str
    next_due: str | None = Field(description="The date of the next step, if any.")
    next_action: str | None


class ContactOut(Schema):
    id: str
    name: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    best_time: str | None = None


class EventOut(Schema):
    """A journal event: `type`, `at` and the fields of its type (see EventIn)."""

    type: str
    at: str
    channel: str | None = None
    with_: list[str] | None = Field(None, alias="with")
    round: int | None = None
    kind: str | None = None
    final: bool | None = None
    by: str | None = None
    via: str | None = None
    from_: str | None = Field(None, alias="from")
    to: str | None = None
    purpose: str | None = None
    outcome: str | None = None
    deadline: str | None = None
    no_calls: bool | None = None
    reason: str | None = None
    notified: bool | None = None
    notes: str | None = None


class EventWithId(EventOut):
    id: int = Field(description="Use it to delete the event.")


class ApplicationOut(Schema):
    id: str
    company: str
    role: str | None = None
    employer_kind: str | None = None
    industry: str | None = None
    country: str | None = None
    subdivision: str | None = None
    timezone: str | None = None
    posting_url: str | None = None
    posting_text: str | None = None
    notes: str | None = None
    first_six_months: str | None = None
    salary: SalaryOut | None = None
    contacts: list[ContactOut] = Field(default_factory=list)
    events: list[EventOut]


class JournalOut(Schema):
    format: str
    profile: dict[str, str]
    policy: dict[str, Any] = Field(default_factory=dict)
    applications: list[ApplicationOut]


class ImportOut(Schema):
    imported: list[str] = Field(description="The ids of the imported applications.")


class DraftOut(Schema):
    subject: str | None
    body: str


class StepOut(Schema):
    action: str
    channel: str | None
    to: str | None
    due: str
    due_by: str
    window: str | None
    leave_message: bool | None
    reason: str
    sources: list[str]
    draft: DraftOut | None


class AgendaStep(StepOut):
    application: str


class ApplicationPlanOut(Schema):
    id: str
    stage: str
    steps: list[StepOut]


class NudgeOut(Schema):
    kind: str
    reason: str


class PlanOut(Schema):
    format: str = Field(description="Always 'followup-plan/1'.")
    as_of: str
    applications: list[ApplicationPlanOut]
    agenda: list[AgendaStep]
    nudges: list[NudgeOut]

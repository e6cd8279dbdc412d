"""Forms of the Today and application pages: they check the shape of the input and
turn it into journal events; the services check the journal as a whole."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from typing import Any, ClassVar

from django import forms

from ..planner.journal import PURPOSES, REQUIRED
from ..planner.model import ACTIONS, CONTACT_ROLES
from .presenters import CALL_OUTCOMES, ROLES
from .presenters import HEARD_KINDS as HEARD_LABELS

Choices = list[tuple[str, str]]
NONE: Choices = [("", "—")]
YES_NO: Choices = [("", "Not sure"), ("yes", "Yes"), ("no", "No")]


def today() -> date:
    """The day relative dates count from (the server's: a widget has no user)."""
    return date.today()


class SpokenDateInput(forms.DateInput):
    """A date typed as people say it ("yesterday", "fri", "4 Dec", "2026-12-01"),
    turned into YYYY-MM-DD before the field reads it. The form's `date` is when
    something happened (a weekday name is the last one); every other date is one
    someone named ahead (the next one). Text we can't read reaches the field as
    typed, and the field says it is not a date."""

    input_type = "text"

    def __init__(self, past: bool | None = None) -> None:
        """`past`: a weekday name is the last one (None: only for a field named `date`)."""
        super().__init__(
            attrs={"placeholder": "e.g. yesterday, fri, 2026-12-01", "autocomplete": "off"},
            format="%Y-%m-%d",
        )
        self.past = past

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        from ..dates import DateError, read_day

        typed = super().value_from_datadict(data, files, name)
        if not isinstance(typed, str) or not typed.strip():
            return typed
        past = name == "date" if self.past is None else self.past
        try:
            return read_day(typed, today(), past=past).isoformat()
        except DateError:
            return typed


class SpokenDateTimeInput(forms.DateTimeInput):
    """A date with an optional time, as people say it ("yesterday 14:30", "mon 9am",
    "2026-12-01 09:00"), for a moment that has happened; turned into the ISO form the
    field reads. Text we can't read reaches the field as typed (its error)."""

    input_type = "text"

    def __init__(self) -> None:
        super().__init__(
            attrs={"placeholder": "e.g. yesterday 14:30, mon 9am, 2026-12-01 09:00"},
            format="%Y-%m-%d %H:%M",
        )

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        from ..dates import DateError, read_at

        typed = super().value_from_datadict(data, files, name)
        if not isinstance(typed, str) or not typed.strip():
            return typed
        try:
            return read_at(typed, today(), past=True)
        except DateError:
            return typed


def _date_input() -> forms.DateInput:
    return SpokenDateInput()


def _time_input() -> forms.TimeInput:
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _choices(*pairs: tuple[str, str]) -> Choices:
    return list(pairs)


def in_form_words(problems: Sequence[str], form: forms.Form) -> list[str]:
    """A service's problems about the event's time ("at: … is after today") named by
    the form's field the person typed it in ("Date: …")."""
    label = form["date"].label if "date" in form.fields else "Date"
    return [f"{label}: {p.removeprefix('at: ')}" if p.startswith("at: ") else p for p in problems]


def form_problems(form: forms.Form) -> list[str]:
    """Each invalid field's errors as one line that starts with the field's label."""
    return [
        f"{form[name].label if name in form.fields else 'Form'}: {' '.join(errors)}"
        for name, errors in form.errors.items()
    ]


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class ContactsMixin:
    """Forms that name people get the application's contacts as (id, name) pairs."""

    contact_fields: ClassVar[tuple[str, ...]] = ()

    def set_contacts(self, contacts: Sequence[tuple[str, str]]) -> None:
        fields: dict[str, forms.Field] = self.fields  # type: ignore[attr-defined]
        for name in self.contact_fields:
            field = fields[name]
            if isinstance(field, forms.MultipleChoiceField):
                field.choices = list(contacts)
            else:
                field.choices = NONE + list(contacts)  # type: ignore[attr-defined]


class StepDoneForm(forms.Form):
    """'I did it': which pending step (action, to) and how it went."""

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    to = forms.CharField(required=False, max_length=80)
    outcome = forms.ChoiceField(
        required=False, choices=NONE + list(CALL_OUTCOMES), label="How did the call go?"
    )
    notified = forms.ChoiceField(
        required=False, choices=YES_NO, label="Did they ever let you know?"
    )
    notes = forms.CharField(required=False, max_length=4000, label="Note")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == "move_on" and data.get("notified") not in ("yes", "no"):
            self.add_error("notified", "Choose yes or no.")
        return data

    def done(self) -> dict[str, Any]:
        """Keyword arguments for services.record_done."""
        data = self.cleaned_data
        return {
            "action": data["action"],
            "to": data["to"] or None,
            "outcome": data["outcome"] or None,
            "notified": _yes_no(data["notified"]),
            "notes": data["notes"].strip() or None,
        }


class HeardForm(ContactsMixin, forms.Form):
    """'They got back to me': a `heard` event."""

    contact_fields = ("sender",)
    kind = forms.ChoiceField(choices=list(HEARD_LABELS), label="What did they say?")
    sender = forms.ChoiceField(required=False, choices=NONE, label="Who")
    channel = forms.ChoiceField(
        required=False,
        choices=NONE
        + _choices(
            ("email", "Email"),
            ("phone", "Phone"),
            ("letter", "Letter"),
            ("message", "Message"),
            ("in_person", "In person"),
        ),
        label="How",
    )
    by = forms.DateField(widget=_date_input(), required=False, label="New date (for a new date)")
    deadline = forms.DateField(widget=_date_input(), required=False, label="Offer deadline")
    notes = forms.CharField(required=False, max_length=4000, label="Note")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == "new_date" and not data.get("by"):
            self.add_error("by", "Give the new date they named.")
        return data

    def event(self, at: str) -> dict[str, Any]:
        data = self.cleaned_data
        event: dict[str, Any] = {"type": "heard", "at": at, "kind": data["kind"]}
        for key, field in (("from", "sender"), ("channel", "channel"), ("notes", "notes")):
            if data[field]:
                event[key] = data[field].strip() if field == "notes" else data[field]
        if data["by"] and data["kind"] == "new_date":
            event["by"] = data["by"].isoformat()
        if data["deadline"] and data["kind"] == "offer":
            event["deadline"] = data["deadline"].isoformat()
        return event


EVENT_TYPES = _choices(
    ("interview", "Interview"),
    ("sent", "You sent a message"),
    ("called", "You called"),
    ("heard", "You heard from them"),
    ("expectation", "They said when you'd hear"),
    ("applied", "You applied"),
    ("directions", "They said how to reach them"),
    ("closed", "Closed"),
)
PURPOSE_LABELS = {
    "thank_you": "Thank-you note",
    "confirm_receipt": "Confirming your application arrived",
    "check_in": "Check-in",
    "ask_insider": "Asking someone inside",
    "escalate": "Note to the hiring manager",
    "status_update": "Update on your search",
    "reply": "Reply",
    "reply_graciously": "Gracious reply",
    "letter": "Letter",
    "withdraw": "Withdrawing your application",
    "other": "Something else",
}
VIA = _choices(("phone", "By phone"), ("email", "By email"), ("any", "Any way"))


class LogEventForm(ContactsMixin, forms.Form):
    """Any journal event. Each type's own fields are named `<type>_<key>`; only the
    chosen type's fields are read."""

    contact_fields = ("interview_with", "expectation_from", "sent_to", "called_to", "heard_from")

    type = forms.ChoiceField(choices=EVENT_TYPES, label="What happened")
    date = forms.DateField(widget=_date_input(), label="Date")
    time = forms.TimeField(widget=_time_input(), required=False, label="Time (optional)")

    applied_channel = forms.ChoiceField(
        required=False,
        choices=NONE
        + _choices(
            ("online", "Online"),
            ("email", "By email"),
            ("in_person", "In person"),
            ("referral", "Through a referral"),
        ),
        label="How you applied",
    )
    interview_with = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple, label="With"
    )
    interview_round = forms.IntegerField(required=False, min_value=1, max_value=99, label="Round")
    interview_kind = forms.ChoiceField(
        required=False,
        choices=NONE + _choices(("phone", "Phone"), ("video", "Video"), ("onsite", "On site")),
        label="Kind",
    )
    interview_final = forms.BooleanField(required=False, label="This was the final interview")
    interview_new_name = forms.CharField(
        required=False, max_length=200, label="Someone not in your contacts yet (name)"
    )
    interview_new_role = forms.ChoiceField(
        required=False,
        choices=NONE + [(r, ROLES[r]) for r in CONTACT_ROLES],
        label="Their role",
    )
    expectation_by = forms.DateField(widget=_date_input(), required=False, label="You'll hear by")
    expectation_via = forms.ChoiceField(required=False, choices=NONE + VIA, label="How")
    expectation_from = forms.ChoiceField(required=False, choices=NONE, label="Who said so")
    sent_channel = forms.ChoiceField(
        required=False,
        choices=_choices(("email", "Email"), ("letter", "Letter"), ("message", "Message")),
        label="How",
    )
    sent_to = forms.ChoiceField(required=False, choices=NONE, label="To")
    sent_purpose = forms.ChoiceField(
        required=False, choices=[(p, PURPOSE_LABELS[p]) for p in PURPOSES], label="What"
    )
    called_to = forms.ChoiceField(required=False, choices=NONE, label="Whom")
    called_outcome = forms.ChoiceField(
        required=False, choices=NONE + list(CALL_OUTCOMES), label="How it went"
    )
    called_purpose = forms.ChoiceField(
        required=False, choices=NONE + [(p, PURPOSE_LABELS[p]) for p in PURPOSES], label="Why"
    )
    heard_from = forms.ChoiceField(required=False, choices=NONE, label="From")
    heard_kind = forms.ChoiceField(
        required=False, choices=NONE + list(HEARD_LABELS), label="What they said"
    )
    heard_channel = forms.ChoiceField(
        required=False,
        choices=NONE
        + _choices(
            ("email", "Email"),
            ("phone", "Phone"),
            ("letter", "Letter"),
            ("message", "Message"),
            ("in_person", "In person"),
        ),
        label="How",
    )
    heard_by = forms.DateField(widget=_date_input(), required=False, label="New date")
    heard_deadline = forms.DateField(widget=_date_input(), required=False, label="Offer deadline")
    directions_no_calls = forms.BooleanField(required=False, label="They asked not to be phoned")
    directions_channel = forms.ChoiceField(
        required=False,
        choices=NONE
        + _choices(("email", "Email"), ("phone", "Phone"), ("letter", "Letter"), ("any", "Any")),
        label="Preferred way to reach them",
    )
    closed_reason = forms.ChoiceField(
        required=False,
        choices=NONE
        + _choices(
            ("accepted", "You accepted an offer"),
            ("withdrawn", "You withdrew"),
            ("moved_on", "You moved on"),
            ("rejected", "They said no"),
        ),
        label="Why",
    )
    closed_notified = forms.ChoiceField(
        required=False, choices=YES_NO, label="Did they let you know?"
    )
    notes = forms.CharField(
        required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}), label="Notes"
    )

    # Which inputs belong to each type (all but `notes`, shared by every type).
    FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "applied": ("channel",),
        "interview": ("with", "round", "kind", "final"),
        "expectation": ("by", "via", "from"),
        "sent": ("channel", "to", "purpose"),
        "called": ("to", "outcome", "purpose"),
        "heard": ("from", "kind", "channel", "by", "deadline"),
        "directions": ("no_calls", "channel"),
        "closed": ("reason", "notified"),
    }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("type")
        # Without JS every type's fields are posted; only the chosen type's count.
        for name in [
            n
            for n in self.errors
            if n.split("_")[0] in self.FIELDS and not n.startswith(f"{kind}_")
        ]:
            del self.errors[name]
        for key in REQUIRED.get(kind or "", ()):
            if f"{kind}_{key}" not in self.errors and data.get(f"{kind}_{key}") in (None, ""):
                self.add_error(f"{kind}_{key}", "This is needed for this kind of event.")
        if kind == "heard" and data.get("heard_kind") == "new_date" and not data.get("heard_by"):
            self.add_error("heard_by", "Give the new date they named.")
        return data

    # Inputs shown with a type that are not keys of its event (a new person).
    MORE: ClassVar[dict[str, tuple[str, ...]]] = {"interview": ("new_name", "new_role")}

    def sections(self) -> list[tuple[str, str, list[forms.BoundField]]]:
        """(type, label, bound fields) for each type, to lay out one fieldset each."""
        return [
            (
                kind,
                label,
                [self[f"{kind}_{key}"] for key in (*self.FIELDS[kind], *self.MORE.get(kind, ()))],
            )
            for kind, label in EVENT_TYPES
        ]

    def new_person(self) -> dict[str, Any] | None:
        """The interviewer to add as a contact, when the form names one."""
        data = self.cleaned_data
        name = (data.get("interview_new_name") or "").strip()
        if data["type"] != "interview" or not name:
            return None
        return {"name": name, "role": data.get("interview_new_role") or "interviewer"}

    def event(self) -> dict[str, Any]:
        """The journal event the form describes."""
        data = self.cleaned_data
        kind = data["type"]
        event: dict[str, Any] = {"type": kind, "at": _at(data["date"], data["time"])}
        for key in self.FIELDS[kind]:
            value = _journal_value(data[f"{kind}_{key}"], key)
            if value is not None:
                event[key] = value
        if data["notes"].strip():
            event["notes"] = data["notes"].strip()
        return event


def _at(day: date, moment: time | None) -> str:
    return day.isoformat() if moment is None else f"{day.isoformat()}T{moment:%H:%M}"


def _journal_value(value: Any, key: str) -> Any:
    """A cleaned form value as the journal writes it; None where the journal leaves the key out."""
    if isinstance(value, bool):
        return True if value else None  # an unticked box says nothing
    if isinstance(value, date):
        return value.isoformat()
    if key == "notified":
        return _yes_no(value)
    if value in ("", None, []):
        return None
    return list(value) if isinstance(value, list) else value


class DebriefForm(ContactsMixin, forms.Form):
    """Spec §9's closing questions, asked at the end of an interview."""

    contact_fields = ("sender",)
    sender = forms.ChoiceField(required=False, choices=NONE, label="Who answered")
    date = forms.DateField(
        widget=_date_input(), required=False, label="Date of the conversation (leave empty for now)"
    )
    time = forms.TimeField(widget=_time_input(), required=False, label="Time (optional)")
    stage = forms.CharField(required=False, max_length=1000, label="Where are you in the process?")
    next_steps = forms.CharField(
        required=False, max_length=1000, label="What are the next steps, and when?"
    )
    decide_by = forms.DateField(widget=_date_input(), required=False, label="When will you decide?")
    hear_by = forms.DateField(
        widget=_date_input(), required=False, label="When should I expect to hear from you?"
    )
    hear_via = forms.ChoiceField(required=False, choices=NONE + VIA, label="How will I hear?")
    candidates = forms.CharField(
        required=False, max_length=200, label="How many candidates are you considering?"
    )
    compare = forms.CharField(
        required=False, max_length=1000, label="How do I compare with your ideal candidate?"
    )
    concerns = forms.CharField(required=False, max_length=1000, label="Any concerns about my fit?")
    may_call = forms.ChoiceField(
        required=False,
        choices=_choices(
            ("", "Didn't ask"),
            ("yes", "Yes, a call is fine"),
            ("no", "No, please don't phone"),
            ("email", "Email is better"),
        ),
        label="May I follow up by phone?",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("time") and not data.get("date"):
            self.add_error("date", "Give the date too, or leave the time empty.")
        return data

    def answers(self) -> dict[str, Any]:
        """The answers as services.record_debrief takes them."""
        data = self.cleaned_data
        answers: dict[str, Any] = {
            key: data[key]
            for key in (
                "stage",
                "next_steps",
                "candidates",
                "compare",
                "concerns",
                "hear_via",
                "may_call",
            )
        }
        answers.update(
            {
                "from": data["sender"] or None,
                "decide_by": data["decide_by"],
                "hear_by": data["hear_by"],
            }
        )
        if data["date"]:
            answers["at"] = _at(data["date"], data["time"])
        return answers

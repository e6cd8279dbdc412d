"""Forms that correct what is stored: an application's facts (salary included), a
contact, an event's time, outcome and notes. Shapes only: the services check the
journal as a whole."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from django import forms

from ..planner.journal import APPLICATION_TEXT
from ..planner.model import CONTACT_ROLES, EMPLOYER_KINDS, SALARY_PERIODS
from .forms import SpokenDateInput
from .presenters import CALL_OUTCOMES, ROLES
from .presenters import EMPLOYER_KINDS as EMPLOYER_LABELS

NONE = [("", "—")]
PERIOD_LABELS = {
    "year": "a year",
    "month": "a month",
    "week": "a week",
    "day": "a day",
    "hour": "an hour",
}


def _text(required: bool = False, label: str | None = None, **attrs: Any) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": attrs.pop("rows")}) if "rows" in attrs else None
    return forms.CharField(required=required, label=label, max_length=20_000, widget=widget)


class SalaryForm(forms.Form):
    """The salary inputs (an amount or a range, its currency and period), shared by
    the quick add and the edit form."""

    salary_min = forms.DecimalField(
        required=False, min_value=0, label="Salary from", decimal_places=2
    )
    salary_max = forms.DecimalField(
        required=False, min_value=0, label="Salary up to", decimal_places=2
    )
    salary_currency = forms.RegexField(
        regex=r"^[A-Za-z]{3}$",
        required=False,
        label="Currency",
        help_text="e.g. USD",
        error_messages={"invalid": "Use a three-letter currency code, e.g. USD."},
    )
    salary_period = forms.ChoiceField(
        choices=[(p, PERIOD_LABELS[p]) for p in SALARY_PERIODS],
        label="Paid per",
        initial="year",
        required=False,  # the journal's default: a year
    )

    def check_salary(self, data: dict[str, Any]) -> None:
        low, high = data.get("salary_min"), data.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_max", "This is less than the amount it starts from.")
        if data.get("salary_currency") and low is None and high is None:
            self.add_error("salary_min", "Give an amount for the currency.")

    def salary(self) -> dict[str, Any] | None:
        """The journal's `salary` object, or None when no amount is given."""
        data = self.cleaned_data
        amounts = {
            key: int(value) if value == int(value) else float(value)
            for key in ("min", "max")
            if (value := data[f"salary_{key}"]) is not None
        }
        if not amounts:
            return None
        salary: dict[str, Any] = dict(amounts)
        if data["salary_currency"]:
            salary["currency"] = data["salary_currency"].upper()
        salary["period"] = data["salary_period"] or "year"
        return salary


class ApplicationForm(SalaryForm):
    """Every fact of an application; an empty field removes the fact."""

    company = forms.CharField(
        max_length=200, error_messages={"required": "Enter the company's name."}
    )
    role = forms.CharField(max_length=200, required=False, label="Role or job title")
    employer_kind = forms.ChoiceField(
        choices=[(k, EMPLOYER_LABELS.get(k, k)) for k in EMPLOYER_KINDS], label="Kind of employer"
    )
    industry = forms.CharField(max_length=200, required=False)
    country = forms.RegexField(
        regex=r"^[A-Za-z]{2}$",
        required=False,
        label="Country code",
        help_text="Two letters, e.g. US: its holidays are skipped. Empty: yours.",
        error_messages={"invalid": "Use a two-letter country code, e.g. US."},
    )
    subdivision = forms.CharField(
        max_length=10, required=False, label="State or province code", help_text="e.g. NM"
    )
    timezone = forms.CharField(
        max_length=60,
        required=False,
        label="Time zone",
        help_text="e.g. America/Denver. Empty: yours.",
    )
    posting_url = forms.URLField(required=False, label="Link to the posting", assume_scheme="https")
    posting_text = _text(label="Text of the posting", rows=8)
    notes = _text(label="Notes", rows=4)
    first_six_months = _text(label="Your first six months (for thank-you notes)", rows=3)

    @classmethod
    def initial_from(cls, data: dict[str, Any]) -> dict[str, Any]:
        """The form's values from the application's journal entry."""
        initial = {key: data.get(key) or "" for key in APPLICATION_TEXT}
        initial["employer_kind"] = data.get("employer_kind") or "unknown"
        salary = data.get("salary") or {}
        for key in ("min", "max", "currency", "period"):
            initial[f"salary_{key}"] = salary.get(key, "year" if key == "period" else "")
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.check_salary(data)
        return data

    def facts(self) -> dict[str, Any]:
        """Facts for services.update_application: None removes one."""
        data = self.cleaned_data
        facts: dict[str, Any] = {key: (data[key] or "").strip() or None for key in APPLICATION_TEXT}
        facts["employer_kind"] = (
            None if data["employer_kind"] == "unknown" else data["employer_kind"]
        )
        if facts["country"]:
            facts["country"] = facts["country"].upper()
        facts["salary"] = self.salary()
        return facts


class ContactForm(forms.Form):
    """One person: only a name or a role is needed."""

    name = forms.CharField(max_length=200, required=False)
    role = forms.ChoiceField(
        choices=[(r, ROLES.get(r, r)) for r in CONTACT_ROLES], initial="recruiter"
    )
    email = forms.EmailField(required=False)
    phone = forms.CharField(max_length=60, required=False)
    best_time = forms.CharField(
        max_length=200, required=False, label="Best time to reach them", help_text="e.g. mornings"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("name") or "").strip() and not self.errors:
            self.add_error("name", "Give their name (or at least how you'd recognise them).")
        return data

    def person(self) -> dict[str, Any]:
        return {
            key: self.cleaned_data[key] for key in ("name", "role", "email", "phone", "best_time")
        }


class EventEditForm(forms.Form):
    """An event's date and time, outcome (calls only) and notes."""

    date = forms.DateField(widget=SpokenDateInput(past=True))
    time = forms.TimeField(
        required=False,
        label="Time (optional)",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    outcome = forms.ChoiceField(
        required=False, choices=NONE + list(CALL_OUTCOMES), label="How the call went"
    )
    notes = forms.CharField(
        required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, event_type: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event_type = event_type
        if event_type != "called":
            del self.fields["outcome"]

    def clean_outcome(self) -> str:
        value: str = self.cleaned_data.get("outcome") or ""
        if self.event_type == "called" and not value:
            raise forms.ValidationError("Choose how the call went.")
        return value

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        day: date = data["date"]
        moment: time | None = data["time"]
        changes: dict[str, Any] = {
            "at": day.isoformat() if moment is None else f"{day.isoformat()}T{moment:%H:%M}",
            "notes": data["notes"].strip() or None,
        }
        if self.event_type == "called":
            changes["outcome"] = data["outcome"]
        return changes

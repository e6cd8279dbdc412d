"""The Applications board (columns by stage, search) and the quick add form."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ...planner.directions import PostingDirections, read_posting
from ...planner.model import CONTACT_ROLES, action_label
from .. import corrections, services
from ..edit_forms import SalaryForm
from ..forms import SpokenDateInput
from ..models import Application
from ..presenters import EMPLOYER_KINDS, STAGES
from .common import as_of, render_page, user_of

# The select lists "not known" first: it is the default.
EMPLOYER_KIND_CHOICES = [
    ("unknown", EMPLOYER_KINDS["unknown"]),
    *((kind, label) for kind, label in EMPLOYER_KINDS.items() if kind != "unknown"),
]
CONTACT_ROLE_LABELS = {
    "recruiter": "Recruiter",
    "hr": "HR",
    "hiring_manager": "Hiring manager",
    "interviewer": "Interviewer",
    "assistant": "Assistant",
    "insider": "Someone I know there",
    "other": "Other",
}
APPLIED_CHANNELS = (
    ("", "—"),
    ("online", "Online form"),
    ("email", "By email"),
    ("in_person", "In person"),
    ("referral", "Through a referral"),
)
assert set(CONTACT_ROLE_LABELS) == set(CONTACT_ROLES)


# The board ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    app: Application
    action: str  # the next step in plain words, or ""
    overdue: bool
    due_today: bool


@dataclass(frozen=True)
class Column:
    stage: str
    label: str
    cards: list[Card]
    total: int  # cards may hold fewer: see CLOSED_SHOWN

    @property
    def hidden(self) -> int:
        return self.total - len(self.cards)


# Closed applications pile up over a long search: the board shows the latest ones
# (a link shows all; a search always does), so it stays quick to read and to load.
CLOSED_SHOWN = 50


def _columns(by_stage: dict[str, list[Application]], today: date, all_closed: bool) -> list[Column]:
    def card(app: Application) -> Card:
        due = app.next_due
        action = action_label(app.next_action) if app.next_action else ""
        return Card(app, action, due is not None and due < today, due == today)

    def shown(stage: str, apps: list[Application]) -> list[Application]:
        if stage != "closed" or all_closed:
            return apps
        return sorted(apps, key=lambda app: app.updated, reverse=True)[:CLOSED_SHOWN]

    return [
        Column(
            stage,
            STAGES.get(stage, stage.title()),
            [card(a) for a in shown(stage, apps)],
            len(apps),
        )
        for stage, apps in by_stage.items()
    ]


@login_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    user, today = user_of(request), as_of(request)
    search = request.GET.get("q", "").strip()
    services.refresh_stale(user, today)  # the stored next steps must be of today
    all_closed = bool(search) or request.GET.get("closed") == "all"
    columns = _columns(services.board(user, search), today, all_closed)
    context = {"columns": columns, "q": search, "total": sum(c.total for c in columns)}
    context["sample_count"] = corrections.sample_count(user_of(request))
    # Going back in history asks for the whole page again, with the htmx header.
    restoring = getattr(getattr(request, "htmx", None), "history_restore_request", False)
    partial = None if restoring else "tracker/partials/board.html"
    return render_page(request, "tracker/board.html", context, partial=partial)


# Quick add ---------------------------------------------------------------------------


class AddForm(SalaryForm):
    """The quick add: an application, how it was sent, and one person to follow up with."""

    company = forms.CharField(
        max_length=200, error_messages={"required": "Enter the company's name."}
    )
    role = forms.CharField(max_length=200, required=False, label="Role or job title")
    employer_kind = forms.ChoiceField(
        choices=EMPLOYER_KIND_CHOICES,
        initial="unknown",
        label="Kind of employer",
        help_text="It sets how long to wait before the first follow-up.",
    )
    industry = forms.CharField(max_length=200, required=False)
    posting_url = forms.URLField(required=False, label="Link to the posting", assume_scheme="https")
    posting_text = forms.CharField(
        required=False,
        label="Text of the posting",
        help_text="Paste it here: we read it for how they want to be followed up with.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    applied_on = forms.DateField(
        required=False,
        label="Date applied",
        help_text="Leave empty if you have not applied yet.",
        widget=SpokenDateInput(past=True),
    )
    applied_channel = forms.ChoiceField(
        choices=APPLIED_CHANNELS, required=False, label="How you applied"
    )
    contact_name = forms.CharField(max_length=200, required=False, label="Name")
    contact_role = forms.ChoiceField(
        choices=list(CONTACT_ROLE_LABELS.items()), initial="recruiter", label="Their role"
    )
    contact_email = forms.EmailField(required=False, label="Email")
    contact_phone = forms.CharField(max_length=60, required=False, label="Phone")
    notes = forms.CharField(
        required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.check_salary(data)
        return data

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # As the posting is typed or pasted, show what it asks (see directions_preview).
        self.fields["posting_text"].widget.attrs.update(
            {
                "hx-post": reverse("directions_preview"),
                "hx-trigger": "input changed delay:400ms",
                "hx-target": "#directions",
                "hx-swap": "outerHTML",
                "aria-controls": "directions",
            }
        )

    def journal_entry(self) -> dict[str, Any]:
        """The new application in the journal format (empty fields left out)."""
        data = self.cleaned_data
        entry: dict[str, Any] = {
            key: data[key].strip()
            for key in ("company", "role", "industry", "posting_url", "posting_text", "notes")
            if data.get(key, "").strip()
        }
        if salary := self.salary():
            entry["salary"] = salary
        if data["employer_kind"] != "unknown":
            entry["employer_kind"] = data["employer_kind"]
        contact = {
            key: data[f"contact_{key}"].strip()
            for key in ("name", "email", "phone")
            if data.get(f"contact_{key}", "").strip()
        }
        if contact:
            person_id = slugify(contact.get("name", ""))[:40] or data["contact_role"]
            entry["contacts"] = [{"id": person_id, "role": data["contact_role"], **contact}]
        entry["events"] = []
        if data.get("applied_on"):
            applied: dict[str, Any] = {"type": "applied", "at": data["applied_on"].isoformat()}
            if data.get("applied_channel"):
                applied["channel"] = data["applied_channel"]
            entry["events"].append(applied)
        return entry


# What the "Add to followup" bookmarklet sends (see static/tracker/bookmarklet.js).
CAPTURED = ("company", "role", "posting_url", "posting_text", "salary_min", "salary_max")
CAPTURED_CHOICES = {"salary_period": ("year", "month", "week", "day", "hour")}


def captured_posting(query: Any) -> dict[str, str]:
    """The quick-add form's first values from a captured posting; the form checks
    them when it is sent, as if typed (nothing here is trusted or stored)."""
    found = {key: query[key][:20_000] for key in CAPTURED if query.get(key)}
    currency = query.get("salary_currency", "")
    if re.fullmatch(r"[A-Za-z]{3}", currency):
        found["salary_currency"] = currency.upper()
    for key, allowed in CAPTURED_CHOICES.items():
        if query.get(key) in allowed:
            found[key] = query[key]
    if query.get("location"):
        found["notes"] = f"Location: {query['location'][:200]}"
    return found


# Where the journal's problems belong on the form ("contacts[0].email" → contact_email).
PROBLEM_FIELDS = {
    "contacts[0].name": "contact_name",
    "contacts[0].role": "contact_role",
    "contacts[0].email": "contact_email",
    "contacts[0].phone": "contact_phone",
    "events[0].at": "applied_on",
    "at": "applied_on",  # "after today": the one event of the form is when you applied
    "events[0].channel": "applied_channel",
}


def _place_problem(form: AddForm, problem: str, slug: str) -> None:
    """Show a service problem ("slug: field: message") next to its field."""
    where, _, message = problem.removeprefix(f"{slug}: ").partition(": ")
    field = PROBLEM_FIELDS.get(where, where)
    if message and field in form.fields:
        form.add_error(field, message)
    else:
        form.add_error(None, problem)


@login_required
@require_http_methods(["GET", "POST"])
def add_application(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if request.method == "GET":
        captured = captured_posting(request.GET)
        initial = captured or {"applied_on": as_of(request)}  # a captured posting: not applied yet
        return _add_page(request, AddForm(initial=initial))
    form = AddForm(request.POST)
    if not form.is_valid():
        return _add_page(request, form, status=422)
    entry = form.journal_entry()
    entry["id"] = services.unique_slug(user, entry["company"])
    if entry["id"] == "new":  # "/applications/new/" is this form, not the application
        entry["id"] = services.unique_slug(user, "new-application")
    try:
        app = services.add_application(user, entry, as_of=as_of(request))
    except services.ServiceError as error:
        for problem in error.problems:
            _place_problem(form, problem, entry["id"])
        return _add_page(request, form, status=422)
    return redirect("application", app.slug)


def _add_page(request: HttpRequest, form: AddForm, status: int = 200) -> HttpResponse:
    text = form["posting_text"].value() or ""
    context = {"form": form, "directions": read_posting(text), "posting_given": bool(text.strip())}
    return render_page(request, "tracker/add.html", context, status=status)


@login_required
@require_POST
def directions_preview(request: HttpRequest) -> HttpResponse:
    """The follow-up directions found in posting text, as the user types it (htmx)."""
    text = request.POST.get("posting_text", "")
    directions: PostingDirections = read_posting(text)
    context = {"directions": directions, "posting_given": bool(text.strip())}
    return render_page(request, "tracker/partials/add_directions.html", context)


urls = [
    path("applications/", board, name="board"),
    path("applications/new/", add_application, name="add_application"),
    path("applications/new/directions/", directions_preview, name="directions_preview"),
]

"""Correcting an application: edit its facts, reopen it, delete it (with Undo), its
contacts, an event; the Contacts page; removing the sample data. Thin over
`corrections` and `people`; invalid forms answer 422 with the form as typed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ...planner.model import ACTION_LABELS
from .. import corrections, people, services
from ..edit_forms import ApplicationForm, ContactForm, EventEditForm
from ..forms import form_problems
from ..models import Application
from ..presenters import ROLES, describe_event, named
from .common import application_or_404, as_of, render_page, user_of

CONFIRM = "tracker/confirm.html"


def _place(form: forms.Form, problems: tuple[str, ...] | list[str], slug: str) -> None:
    """Service problems ("slug: salary.max: ...") next to their field, else on top."""
    for problem in problems:
        where, _, message = problem.removeprefix(f"{slug}: ").partition(": ")
        where = where.split("].")[-1]  # "contacts[2].email" -> "email"
        field = where.replace(".", "_")  # "salary.max" -> "salary_max"
        if message and field in form.fields:
            form.add_error(field, message)
        else:
            form.add_error(None, problem)


def _form_page(
    request: HttpRequest, template: str, status: int = 200, **context: Any
) -> HttpResponse:
    return render_page(request, template, context, status=status)


# The application ----------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def edit_application(request: HttpRequest, slug: str) -> HttpResponse:
    app = application_or_404(request, slug)
    if request.method == "GET":
        form = ApplicationForm(
            initial=ApplicationForm.initial_from(corrections.journal_of(user_of(request), app))
        )
        return _form_page(request, "tracker/edit.html", app=app, form=form)
    form = ApplicationForm(request.POST)
    if form.is_valid():
        try:
            services.update_application(user_of(request), slug, form.facts(), as_of=as_of(request))
        except services.ServiceError as error:
            _place(form, error.problems, slug)
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("application", slug=slug)
    return _form_page(request, "tracker/edit.html", 422, app=app, form=form)


@login_required
@require_POST
def reopen_application(request: HttpRequest, slug: str) -> HttpResponse:
    application_or_404(request, slug)
    try:
        corrections.reopen(user_of(request), slug, as_of=as_of(request))
    except services.ServiceError as error:
        messages.error(request, " ".join(error.problems))
    else:
        messages.success(request, "Reopened: its follow-ups are planned again.")
    return redirect("application", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def delete_application(request: HttpRequest, slug: str) -> HttpResponse:
    app = application_or_404(request, slug)
    if request.method == "GET":
        return _confirm_page(
            request,
            f"Delete {app.company}?",
            "Its events and contacts go with it. You can undo this for 30 days.",
            reverse("delete_application", args=[slug]),
            f"Delete {app.company}",
            reverse("application", args=[slug]),
        )
    kept = corrections.delete_application(user_of(request), slug)
    request.session["undo_delete"] = kept.pk
    messages.success(request, f"Deleted {app.company}.", extra_tags="undo")
    return redirect("board")


@login_required
@require_POST
def undo_delete(request: HttpRequest, trash_id: int) -> HttpResponse:
    try:
        app = corrections.undo_delete(user_of(request), trash_id, as_of=as_of(request))
    except services.NotFound as error:
        raise Http404(" ".join(error.problems)) from None
    except services.ServiceError as error:
        messages.error(request, " ".join(error.problems))
        return redirect("board")
    request.session.pop("undo_delete", None)
    messages.success(request, f"{app.company} is back.")
    return redirect("application", slug=app.slug)


def _confirm_page(
    request: HttpRequest, title: str, text: str, action: str, button: str, back: str
) -> HttpResponse:
    context = {"title": title, "text": text, "action": action, "button": button, "back": back}
    return render_page(request, CONFIRM, context)


# Contacts ----------------------------------------------------------------------------------


def _contact(app: Application, contact_id: str) -> Any:
    found = app.contacts.filter(slug=contact_id).first()
    if found is None:
        raise Http404("No such contact")
    return found


def _contact_page(
    request: HttpRequest,
    app: Application,
    form: ContactForm,
    contact: Any = None,
    status: int = 200,
) -> HttpResponse:
    return _form_page(
        request, "tracker/contact_form.html", status, app=app, form=form, contact=contact
    )


@login_required
@require_http_methods(["GET", "POST"])
def add_contact(request: HttpRequest, slug: str) -> HttpResponse:
    app = application_or_404(request, slug)
    if request.method == "GET":
        return _contact_page(request, app, ContactForm())
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            people.add_contact(user_of(request), slug, form.person(), as_of=as_of(request))
        except services.ServiceError as error:
            _place(form, error.problems, slug)
        else:
            messages.success(request, f"Added {form.cleaned_data['name']} to the contacts.")
            return redirect("application", slug=slug)
    return _contact_page(request, app, form, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def edit_contact(request: HttpRequest, slug: str, contact_id: str) -> HttpResponse:
    app = application_or_404(request, slug)
    contact = _contact(app, contact_id)
    if request.method == "GET":
        initial = {
            key: getattr(contact, key) or "" for key in ("name", "email", "phone", "best_time")
        }
        form = ContactForm(initial={**initial, "role": contact.role or "other"})
        return _contact_page(request, app, form, contact)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            people.edit_contact(
                user_of(request), slug, contact_id, form.person(), as_of=as_of(request)
            )
        except services.ServiceError as error:
            _place(form, error.problems, slug)
        else:
            messages.success(request, f"Saved {form.cleaned_data['name']}'s details.")
            return redirect("application", slug=slug)
    return _contact_page(request, app, form, contact, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def remove_contact(request: HttpRequest, slug: str, contact_id: str) -> HttpResponse:
    app = application_or_404(request, slug)
    contact = _contact(app, contact_id)
    who = contact.name or contact.slug
    if request.method == "GET":
        return _confirm_page(
            request,
            f"Remove {who} from {app.company}?",
            "Events that name them keep their name in the notes, so the history still reads right.",
            reverse("remove_contact", args=[slug, contact_id]),
            f"Remove {who}",
            reverse("application", args=[slug]),
        )
    changed = people.remove_contact(user_of(request), slug, contact_id, as_of=as_of(request))
    said = (
        f" {changed} event{'s' if changed != 1 else ''} keep their name in the notes."
        if changed
        else ""
    )
    messages.success(request, f"Removed {who}.{said}")
    return redirect("application", slug=slug)


@login_required
@require_GET
def contacts_page(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:200]
    rows = [
        {
            "contact": row.contact,
            "application": row.application,
            "last_contact": row.last_contact,
            "role": ROLES.get(row.contact.role or "other", row.contact.role),
            "next_step": ACTION_LABELS.get(
                row.application.next_action, row.application.next_action
            ),
        }
        for row in people.contacts_overview(user_of(request), search)
    ]
    return render_page(request, "tracker/contacts.html", {"rows": rows, "search": search})


# Events ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def edit_event(request: HttpRequest, slug: str, event_id: int) -> HttpResponse:
    app = application_or_404(request, slug)
    event = app.events.filter(pk=event_id).first()
    if event is None:
        raise Http404("No such event")
    what = describe_event(event.type, event.data, named(app))
    if request.method == "GET":
        day, _, moment = event.local_at.partition("T")
        initial = {"date": day, "time": moment[:5] if "T" in event.at else "", **event.data}
        form = EventEditForm(initial=initial, event_type=event.type)
        return _form_page(request, "tracker/event_edit.html", app=app, form=form, what=what)
    form = EventEditForm(request.POST, event_type=event.type)
    if form.is_valid():
        try:
            corrections.edit_event(
                user_of(request), slug, event_id, form.changes(), as_of=as_of(request)
            )
        except services.ServiceError as error:
            form.add_error(None, "; ".join(error.problems))
        else:
            messages.success(request, "The event is changed; the plan is worked out again.")
            return redirect("application", slug=slug)
    problems = form_problems(form)
    return _form_page(
        request, "tracker/event_edit.html", 422, app=app, form=form, what=what, problems=problems
    )


# The sample data ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def remove_sample_data(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if request.method == "GET":
        count = corrections.sample_count(user)
        return _confirm_page(
            request,
            "Remove the sample data?",
            f"This deletes the {count} sample applications and everything logged on them. "
            "Applications you added yourself stay as they are.",
            reverse("remove_sample_data"),
            "Remove the sample data",
            reverse("today"),
        )
    count = corrections.remove_sample_data(user, as_of=as_of(request))
    messages.success(request, f"Removed {count} sample applications. What's left is yours.")
    return redirect("today")


urls = [
    path("applications/<str:slug>/edit/", edit_application, name="edit_application"),
    path("applications/<str:slug>/reopen/", reopen_application, name="reopen_application"),
    path("applications/<str:slug>/delete/", delete_application, name="delete_application"),
    path("applications/trash/<int:trash_id>/undo/", undo_delete, name="undo_delete"),
    path("applications/<str:slug>/contacts/new/", add_contact, name="add_contact"),
    path(
        "applications/<str:slug>/contacts/<str:contact_id>/edit/", edit_contact, name="edit_contact"
    ),
    path(
        "applications/<str:slug>/contacts/<str:contact_id>/remove/",
        remove_contact,
        name="remove_contact",
    ),
    path("applications/<str:slug>/events/<int:event_id>/edit/", edit_event, name="edit_event"),
    path("contacts/", contacts_page, name="contacts"),
    path("sample-data/remove/", remove_sample_data, name="remove_sample_data"),
]

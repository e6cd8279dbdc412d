"""The review inbox (confirm, change, ignore: one click each) and the mailbox's
Settings page (connect, automatic confirmation, disconnect). Thin over services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ..tracker import services as tracker
from ..tracker.views.common import as_of, render_page, user_of
from . import services
from .forms import ChangeForm, ConnectForm
from .models import MailMessage

INBOX = "mail/inbox.html"
PROPOSAL = "mail/partials/proposal.html"


def _applications(request: HttpRequest) -> list[tuple[str, str]]:
    apps = tracker.applications_of(user_of(request)).values_list("slug", "company", "role")
    return [(slug, f"{company} – {role}" if role else company) for slug, company, role in apps]


def _item(
    request: HttpRequest, found: MailMessage, form: ChangeForm | None = None
) -> dict[str, Any]:
    initial = {"application": found.application.slug if found.application else ""}
    blank = ChangeForm(initial=initial, applications=_applications(request), auto_id=_ids(found))
    return {"message": found, "form": form or blank}


def _ids(found: MailMessage) -> str:
    return f"m{found.pk}-%s"  # one page lists many proposals: each form's ids its own


@never_cache
@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    items = [_item(request, found) for found in services.proposals(user)]
    return render_page(request, INBOX, {"mailbox": services.mailbox_of(user), "items": items})


def _proposal(request: HttpRequest, pk: int) -> MailMessage:
    try:
        return services.proposal_of(user_of(request), pk)
    except services.NotFound:
        raise Http404("No such proposal") from None


def _done(request: HttpRequest, text: str, found: MailMessage | None = None) -> HttpResponse:
    """htmx: the proposal's place says what happened; a plain post: back to the inbox."""
    if getattr(request, "htmx", False):
        return render_page(request, "mail/partials/done.html", {"text": text, "message": found})
    messages.success(request, text)
    return redirect("mail_inbox")


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    found = _proposal(request, pk)
    changes = None
    if request.POST.get("change"):
        form = ChangeForm(request.POST, applications=_applications(request), auto_id=_ids(found))
        if not form.is_valid():
            return _invalid(request, found, form)
        changes = form.changes()
    try:
        event = services.confirm(user_of(request), pk, changes, as_of(request))
    except services.ServiceError as error:
        form = ChangeForm(request.POST, applications=_applications(request), auto_id=_ids(found))
        form.is_valid()
        for problem in error.problems:
            form.add_error(None, problem)
        return _invalid(request, found, form)
    company = event.application.company
    return _done(request, f"Recorded in {company}'s journal: {found.label} ({event.at}).", found)


def _invalid(request: HttpRequest, found: MailMessage, form: ChangeForm) -> HttpResponse:
    """422: htmx gets the proposal with its errors; a plain post the whole inbox."""
    item = _item(request, found, form)
    if getattr(request, "htmx", False):
        return render_page(request, PROPOSAL, item, status=422)
    context = {"mailbox": services.mailbox_of(user_of(request)), "items": [item]}
    return render_page(request, INBOX, context, status=422)


@login_required
@require_POST
def ignore(request: HttpRequest, pk: int) -> HttpResponse:
    found = _proposal(request, pk)
    services.ignore(user_of(request), pk)
    return _done(
        request, f"Ignored: {found.subject or 'the message'}. It won't be proposed again.", found
    )


@login_required
@require_POST
def sync_now(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if services.mailbox_of(user) is None:
        return redirect("mail_settings")
    result = services.sync(user, as_of=as_of(request))
    if result.error:
        messages.error(request, f"The sync failed: {result.error}. Nothing already read was lost.")
    else:
        messages.success(request, f"Read {result.read} new messages; {result.proposed} to review.")
    return redirect("mail_inbox")


@never_cache
@login_required
def mail_settings(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    mailbox = services.mailbox_of(user)
    if request.method != "POST":
        return _settings_page(request, ConnectForm(initial=_initial(mailbox)))
    form = ConnectForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, form, 422)
    try:
        services.connect(user, form.server(), form.cleaned_data["auto_confirm"])
    except services.ServiceError as error:
        for problem in error.problems:
            form.add_error(_field_of(problem), problem)
        return _settings_page(request, form, 422)
    messages.success(request, "Mailbox connected. Sync it to see what it holds.")
    return redirect("mail_settings")


def _field_of(problem: str) -> str | None:
    field = problem.partition(":")[0]
    return field if field in ConnectForm.base_fields else None


def _initial(mailbox: Any) -> dict[str, Any]:
    if mailbox is None:
        return {}
    keys = ("host", "port", "security", "username", "auto_confirm")
    return {key: getattr(mailbox, key) for key in keys}


def _settings_page(request: HttpRequest, form: ConnectForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "mailbox": services.mailbox_of(user_of(request))}
    return render_page(request, "mail/settings.html", context, status=status)


@login_required
@require_POST
def auto_confirm(request: HttpRequest) -> HttpResponse:
    on = request.POST.get("auto_confirm") == "on"
    try:
        services.set_auto_confirm(user_of(request), on)
    except services.NotFound:
        raise Http404("No mailbox connected") from None
    messages.success(request, f"Automatic confirmation is {'on' if on else 'off'}.")
    return redirect("mail_settings")


@login_required
@require_POST
def disconnect(request: HttpRequest) -> HttpResponse:
    if services.disconnect(user_of(request)):
        messages.success(
            request, "Mailbox disconnected: its password and everything kept from it are deleted."
        )
    return redirect("mail_settings")

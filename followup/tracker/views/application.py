"""The application page: facts, contacts, the ladder, the timeline, logging events
and the interview debrief."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from .. import people, presenters, services
from ..forms import DebriefForm, LogEventForm, form_problems, in_form_words
from ..models import Application
from ..waiting import waiting_words
from .common import application_or_404, as_of, render_page, user_of

PAGE = "tracker/application.html"
REGION = "tracker/partials/timeline_region.html"
# The debrief shares field names (date, time) with the log form: its ids must differ.
DEBRIEF_IDS = "debrief_%s"


def _contacts(app: Application) -> list[tuple[str, str]]:
    return [(c.slug, c.name or c.slug) for c in app.contacts.all()]


def page_context(
    request: HttpRequest,
    app: Application,
    log_form: LogEventForm | None = None,
    debrief_form: DebriefForm | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """The page's context; the forms are fresh unless given (to show their errors)."""
    user, day = user_of(request), as_of(request)
    result = services.plan_for(user, day, services.applications_of(user).filter(pk=app.pk))
    item = next(p for p in result.applications if p.application.id == app.slug)
    contacts = _contacts(app)
    if log_form is None:
        log_form = LogEventForm(initial={"date": day})
        log_form.set_contacts(contacts)
    if debrief_form is None:
        debrief_form = DebriefForm(auto_id=DEBRIEF_IDS)
        debrief_form.set_contacts(contacts)
    planned = item.application
    return {
        "app": app,
        "planned": planned,
        "stage": presenters.STAGES.get(item.stage, item.stage),
        "facts": presenters.facts(planned, app),
        "directions": presenters.directions(planned),
        "contacts": presenters.contact_cards(planned),
        "ladder": presenters.ladder(item),
        "timeline": presenters.timeline(app.events.all(), planned, day),
        "waiting": waiting_words(user, app, day),
        "log_form": log_form,
        "debrief_form": debrief_form,
        # The closing questions are answered at an interview: offered from its day on.
        "debrief_open": any(
            e.type == "interview" and e.local_at[:10] <= day.isoformat() for e in app.events.all()
        ),
        **extra,
    }


@login_required
@require_GET
def application_page(request: HttpRequest, slug: str) -> HttpResponse:
    app = application_or_404(request, slug)
    return render_page(request, PAGE, page_context(request, app), partial=REGION)


def _answer(request: HttpRequest, app: Application, done: str) -> HttpResponse:
    """After a successful POST: htmx gets the fresh region, a plain post a redirect."""
    if getattr(request, "htmx", False):
        return render_page(request, PAGE, page_context(request, app, done=done), partial=REGION)
    messages.success(request, done)
    return redirect("application", slug=app.slug)


def _invalid(
    request: HttpRequest, app: Application, problems: Sequence[str], **forms: Any
) -> HttpResponse:
    """The page (or region) again, with the problems and the forms as typed: 422."""
    return render_page(
        request,
        PAGE,
        page_context(request, app, problems=problems, **forms),
        partial=REGION,
        status=422,
    )


@login_required
@require_POST
def log_event(request: HttpRequest, slug: str) -> HttpResponse:
    """Add any journal event; the services check it against the whole journal."""
    app = application_or_404(request, slug)
    form = LogEventForm(request.POST)
    form.set_contacts(_contacts(app))
    if not form.is_valid():
        return _invalid(request, app, form_problems(form), log_form=form, problems_in="log")
    day, event = as_of(request), form.event()
    event["at"] = services.said_at(app, event["at"], day)
    try:
        saved = _record(request, slug, form, event)
    except services.NotFound:
        raise Http404("No such application") from None
    except services.ServiceError as error:
        problems = in_form_words(error.problems, form)
        return _invalid(request, app, problems, log_form=form, problems_in="log")
    app = application_or_404(request, slug)  # a new person re-stores the application
    said = presenters.describe_event(saved.type, saved.data, presenters.named(app))
    if saved.type == "interview" and saved.local_at[:10] > day.isoformat():
        # §4.0: a future interview is scheduled, not done: the plan prepares for it.
        return _answer(
            request, app, f"Scheduled: {said}. Your plan has you prepare the day before."
        )
    return _answer(request, app, f"Logged: {said}.")


def _record(request: HttpRequest, slug: str, form: LogEventForm, event: dict[str, Any]) -> Any:
    """The event; an interviewer who is not a contact yet becomes one, in one go."""
    person, day = form.new_person(), as_of(request)
    if person is None:
        return services.record_event(user_of(request), slug, event, as_of=day)
    return people.record_with_new_person(user_of(request), slug, event, person, day)


@login_required
@require_POST
def debrief(request: HttpRequest, slug: str) -> HttpResponse:
    """The closing questions' answers, recorded as `expectation` and `directions` events."""
    app = application_or_404(request, slug)
    form = DebriefForm(request.POST, auto_id=DEBRIEF_IDS)
    form.set_contacts(_contacts(app))
    if not form.is_valid():
        return _invalid(request, app, form_problems(form), debrief_form=form, problems_in="debrief")
    try:
        events = services.record_debrief(
            user_of(request), slug, form.answers(), as_of=as_of(request)
        )
    except services.NotFound:
        raise Http404("No such application") from None
    except services.ServiceError as error:
        problems = in_form_words(error.problems, form)
        return _invalid(request, app, problems, debrief_form=form, problems_in="debrief")
    count = len(events)
    return _answer(
        request,
        app,
        f"Debrief recorded: {count} event{'s' if count != 1 else ''} added to the journal.",
    )


@login_required
@require_POST
def delete_event(request: HttpRequest, slug: str, event_id: int) -> HttpResponse:
    app = application_or_404(request, slug)
    try:
        services.delete_event(user_of(request), slug, event_id, as_of=as_of(request))
    except services.NotFound:
        raise Http404("No such event") from None
    return _answer(request, app, "Event deleted.")


@login_required
@require_POST
def decide_offer(request: HttpRequest, slug: str) -> HttpResponse:
    """Accept or decline the application's offer (spec §7.1)."""
    app = application_or_404(request, slug)
    decision = request.POST.get("decision", "")
    try:
        services.decide_offer(user_of(request), slug, decision, as_of=as_of(request))
    except services.ServiceError as error:
        return _invalid(request, app, error.problems, problems_in="offer")
    app.refresh_from_db()
    if decision == "accept":
        return _answer(request, app, "Offer accepted. Congratulations! Today lists who to thank.")
    return _answer(request, app, "Offer declined. The search goes on.")


urls = [
    path("applications/<str:slug>/", application_page, name="application"),
    path("applications/<str:slug>/events/", log_event, name="log_event"),
    path(
        "applications/<str:slug>/events/<int:event_id>/delete/", delete_event, name="delete_event"
    ),
    path("applications/<str:slug>/debrief/", debrief, name="debrief"),
    path("applications/<str:slug>/offer/", decide_offer, name="decide_offer"),
]

"""The Today page: what to do now, and one click to record that it was done."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from .. import card_cache, corrections, presenters, services
from ..forms import HeardForm, StepDoneForm, form_problems
from .common import application_or_404, as_of, render_page, user_of

PAGE = "tracker/today.html"
STEPS = "tracker/partials/steps.html"
DRAFT_PAGE = "tracker/draft.html"
DRAFT = "tracker/partials/draft.html"
# The element ids of a card on Today ("s12"), reused by its draft: anything else, one id.
CARD_KEY = re.compile(r"s\d{1,5}")


def _filters(request: HttpRequest) -> tuple[str, str]:
    """?when=overdue|today|week and ?how=email|phone|letter; anything else: no filter."""
    when, how = request.GET.get("when", ""), request.GET.get("how", "")
    return (
        when if when in presenters.WHEN_FILTERS else "",
        how if how in presenters.HOW_FILTERS else "",
    )


def today_context(request: HttpRequest) -> dict[str, Any]:
    """Everything the page (or its steps partial) shows, from a constant number of queries."""
    user = user_of(request)
    page = services.today(user, as_of(request), request.GET.get("page", 1))
    profile = presenters.planner_profile(services.profile_of(user))
    chosen = _filters(request)
    return {
        "page": page,
        "groups": card_cache.rendered_groups(
            request, presenters.filter_groups(presenters.today_groups(page, profile), *chosen)
        ),
        "filters": chosen,
        "when_filters": presenters.WHEN_FILTERS,
        "how_filters": presenters.HOW_FILTERS,
        "nudges": presenters.nudge_notes(page.nudges),
        "outcomes": presenters.CALL_OUTCOMES,
        "heard_kinds": presenters.HEARD_KINDS,
        "sample_count": corrections.sample_count(user),
    }


@login_required
@require_GET
def today_page(request: HttpRequest) -> HttpResponse:
    return render_page(request, PAGE, today_context(request), partial=STEPS)


def _answer(
    request: HttpRequest, done: str | None = None, problems: Sequence[str] = ()
) -> HttpResponse:
    """After a POST: htmx gets the re-rendered steps; a plain form post is redirected
    back to the page (success) or gets the page with the problems (422)."""
    if problems or getattr(request, "htmx", False):
        context = {**today_context(request), "problems": problems, "done": done}
        return render_page(request, PAGE, context, partial=STEPS, status=422 if problems else 200)
    if done:
        messages.success(request, done)
    return redirect("today")


@login_required
@require_POST
def step_done(request: HttpRequest, slug: str) -> HttpResponse:
    """Record that a pending step was done, with its outcome."""
    app = application_or_404(request, slug)
    form = StepDoneForm(request.POST)
    if not form.is_valid():
        return _answer(request, problems=form_problems(form))
    day = as_of(request)
    try:
        event = services.record_done(
            user_of(request), slug, as_of=day, at=services.at_on(app, day), **form.done()
        )
    except services.NotFound:
        raise Http404("No such application") from None
    except services.ServiceError as error:
        return _answer(request, problems=error.problems)
    return _answer(
        request, done=f"Recorded for {app.company}: {_recorded(event.type, event.data)}."
    )


def _recorded(kind: str, data: dict[str, Any]) -> str:
    if kind == "closed":
        return "closed; you've moved on"
    if kind == "called":
        return "call, " + dict(presenters.CALL_OUTCOMES).get(data.get("outcome", ""), "").lower()
    return "sent"


@login_required
@require_POST
def heard_back(request: HttpRequest, slug: str) -> HttpResponse:
    """Record that the employer got in touch (a `heard` event)."""
    app = application_or_404(request, slug)
    form = HeardForm(request.POST)
    form.set_contacts([(c.slug, c.name or c.slug) for c in app.contacts.all()])
    if not form.is_valid():
        return _answer(request, problems=form_problems(form))
    day = as_of(request)
    try:
        services.record_event(
            user_of(request), slug, form.event(services.at_on(app, day)), as_of=day
        )
    except services.NotFound:
        raise Http404("No such application") from None
    except services.ServiceError as error:
        return _answer(request, problems=error.problems)
    kind = dict(presenters.HEARD_KINDS)[form.cleaned_data["kind"]]
    return _answer(request, done=f"Recorded for {app.company}: {kind[0].lower()}{kind[1:]}.")


@login_required
@require_GET
def step_draft(request: HttpRequest, slug: str) -> HttpResponse:
    """The words of one pending step (?action=...&to=...): the part of its Today card
    fetched when opened (htmx), or a page of its own (a plain link, no script)."""
    app = application_or_404(request, slug)
    user, key = user_of(request), request.GET.get("key", "")
    action, to = request.GET.get("action") or None, request.GET.get("to") or None
    # A step done since the page was shown has no words left to show: said in place of
    # them (200, so that htmx puts it where the words would have been).
    try:
        item, step = services.pending_step(user, slug, as_of(request), action, to)
    except services.ServiceError as error:
        return render_page(request, DRAFT_PAGE, {"app": app, "problems": error.problems}, DRAFT)
    profile = presenters.planner_profile(services.profile_of(user))
    card = presenters.step_card(key if CARD_KEY.fullmatch(key) else "d", item, step, profile)
    if not card.has_draft:
        problems = [f"{card.what}: there is nothing to write for this step."]
        return render_page(request, DRAFT_PAGE, {"app": app, "problems": problems}, DRAFT)
    return render_page(request, DRAFT_PAGE, {"app": app, "card": card}, partial=DRAFT)


urls = [
    path("", today_page, name="today"),
    path("applications/<str:slug>/draft/", step_draft, name="step_draft"),
    path("applications/<str:slug>/done/", step_done, name="step_done"),
    path("applications/<str:slug>/heard/", heard_back, name="heard_back"),
]

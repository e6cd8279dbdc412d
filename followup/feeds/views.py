"""The calendar feed (no login: the secret address is the credential) and its
Settings section (login required): turn the feed on, get a new address, turn it off."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from ..tracker import services as tracker
from ..tracker.views.common import secret_in_body, user_of
from . import services
from .ical import build_calendar


def _private(response: HttpResponse) -> HttpResponse:
    # The address holds the secret: never send it on as a Referer from any answer.
    response["Referrer-Policy"] = "no-referrer"
    return response


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    user = services.user_for_token(token)
    if user is None:
        return _private(HttpResponseNotFound("No such feed.", content_type="text/plain"))
    body = build_calendar(user, tracker.today_for(user), request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    response["Content-Disposition"] = 'inline; filename="followup.ics"'
    return _private(response)


def feed_address(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("calendar_feed", args=[token]))


@never_cache
@login_required
def feed_settings(request: HttpRequest) -> HttpResponse:
    return _page(request, None)


@never_cache
@login_required
@require_POST
def regenerate_feed(request: HttpRequest) -> HttpResponse:
    """Answer with the page itself (no redirect): the new address is shown only here."""
    token = services.regenerate(user_of(request))
    return _page(request, feed_address(request, token))


@login_required
@require_POST
def revoke_feed(request: HttpRequest) -> HttpResponse:
    if services.revoke(user_of(request)):
        messages.success(request, "Your calendar feed is off. Its address no longer works.")
    return redirect("feed_settings")


def _page(request: HttpRequest, new_address: str | None) -> HttpResponse:
    feed = services.feed_of(user_of(request))
    webcal = "webcal://" + new_address.split("://", 1)[1] if new_address else None
    context = {"feed": feed, "new_address": new_address, "webcal": webcal}
    return secret_in_body(render(request, "feeds/settings.html", context))

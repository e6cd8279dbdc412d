"""The digest's pages: its settings (opt in or out, the address), and the
unsubscribe link from the emails, which works without logging in."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ..tracker import services as tracker
from ..tracker.views.common import user_of
from . import services

SETTINGS = "digest/settings.html"
UNSUBSCRIBE = "digest/unsubscribe.html"


class DigestForm(forms.Form):
    opted_in = forms.BooleanField(required=False, label="Send me the morning digest")
    email = forms.EmailField(
        required=False,
        label="Send it to",
        help_text="Leave empty to use the address in your profile.",
    )


def _settings_page(
    request: HttpRequest, form: DigestForm | None = None, status: int = 200
) -> HttpResponse:
    subscription = services.subscription_of(user_of(request))
    if form is None:
        form = DigestForm(initial={"opted_in": subscription.opted_in, "email": subscription.email})
    context: dict[str, Any] = {
        "form": form,
        "subscription": subscription,
        "address": services.address_of(subscription),
    }
    return render(request, SETTINGS, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def digest_settings(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _settings_page(request)
    form = DigestForm(request.POST)
    if form.is_valid():
        try:
            subscription = services.update_subscription(
                user_of(request), form.cleaned_data["opted_in"], form.cleaned_data["email"]
            )
        except tracker.ServiceError as error:
            for problem in error.problems:
                where, _, text = problem.partition(": ")
                form.add_error(where if where in form.fields else None, text or problem)
        else:
            messages.success(
                request,
                "The morning digest is on." if subscription.opted_in else "The digest is off.",
            )
            return redirect("digest_settings")
    return _settings_page(request, form, status=422)


@csrf_exempt  # the secret in the URL is the credential; mail programs POST here (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (link checkers and previews must not unsubscribe anyone);
    POST, from our button or a mail program's one-click, unsubscribes."""
    try:
        subscription = services.subscription_for_token(token)
        if request.method == "POST":
            subscription = services.unsubscribe(token)
    except tracker.NotFound:
        raise Http404("No such unsubscribe link") from None
    done = request.method == "POST"
    response = render(request, UNSUBSCRIBE, {"done": done, "opted_in": subscription.opted_in})
    response["Referrer-Policy"] = "no-referrer"  # the token is in this page's URL
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("settings/", digest_settings, name="digest_settings"),
    path("unsubscribe/<str:token>/", unsubscribe, name="digest_unsubscribe"),
]

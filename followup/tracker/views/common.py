"""What every view shares: rendering full pages or htmx partials, and errors."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from .. import services


def render_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    partial: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """The full page, or, for an htmx request, only `partial` (a template fragment).

    Invalid forms are answered with 422 so htmx (and tests) can tell them apart.
    """
    chosen = partial if partial and getattr(request, "htmx", False) else template
    return render(request, chosen, context, status=status)


def user_of(request: HttpRequest) -> AbstractBaseUser:
    user = request.user
    assert isinstance(user, AbstractBaseUser)  # views are behind login_required
    return user


def as_of(request: HttpRequest) -> date:
    return services.today_for(user_of(request))


def application_or_404(request: HttpRequest, slug: str) -> Any:
    """The user's application, or 404: another user's looks exactly like a missing one."""
    try:
        return services.get_application(user_of(request), slug)
    except services.NotFound:
        raise Http404("No such application") from None


def secret_in_body(response: HttpResponse) -> HttpResponse:
    """A Settings page that shows a secret in its body and posts forms.

    `no-referrer` would make the browser send `Origin: null` with the page's own
    POSTs, which Django's CSRF check rightly refuses. `same-origin` sends the real
    origin (and the Referer) to this server only: a link to another site carries no
    Referer at all. The page's own address holds no secret anyway (the secret is in
    its body), so nothing leaks, and the CSRF check stays whole.
    """
    response["Referrer-Policy"] = "same-origin"
    return response

"""Settings → API tokens: list, create (the raw token is shown once) and revoke."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ..tracker import services as tracker
from ..tracker.views.common import secret_in_body, user_of
from . import services


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=services.MAX_NAME,
        label="Name",
        help_text="What the token is for, so you know which one to revoke (e.g. “my backup script”).",
    )


def _page(
    request: HttpRequest,
    form: TokenForm | None = None,
    raw: str | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "tokens": services.tokens_of(user_of(request)),
        "form": form or TokenForm(),
        "raw_token": raw,
    }
    response = render(request, "api/tokens.html", context, status=status)
    # The page may hold a raw token in its body (never in its address): never cache it.
    # No `no-referrer` here: see tracker.views.common.secret_in_body (the CSRF check needs Origin).
    return secret_in_body(response)


@never_cache
@login_required
@require_GET
def tokens_page(request: HttpRequest) -> HttpResponse:
    return _page(request)


@never_cache
@login_required
@require_POST
def create(request: HttpRequest) -> HttpResponse:
    """Answer with the page itself (no redirect): the raw token is shown only here."""
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=422)
    try:
        _, raw = services.create_token(user_of(request), form.cleaned_data["name"])
    except tracker.ServiceError as error:
        form.add_error("name", error.problems[0].partition(": ")[2])
        return _page(request, form, status=422)
    return _page(request, raw=raw)


@login_required
@require_POST
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    try:
        token = services.revoke_token(user_of(request), token_id)
    except tracker.NotFound:
        raise Http404("No such token") from None
    messages.success(request, f"The token “{token.name}” is revoked: it no longer works.")
    return redirect("api_tokens")

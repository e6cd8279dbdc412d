"""Sign-in pages: the one-time login link, password login (throttled), sign-up."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import services
from .models import LoginAttempt

BACKEND = "django.contrib.auth.backends.ModelBackend"


@never_cache
@require_GET
def token_login(request: HttpRequest, token: str) -> HttpResponse:
    """Exchange a one-time login link for a session, then go to Today."""
    try:
        user = services.redeem_login_token(token)
    except services.LinkRefused as refused:
        return render(request, "accounts/link_refused.html", {"reason": str(refused)}, status=403)
    login(request, user, backend=BACKEND)  # a new session key: nothing carries over
    return redirect(settings.LOGIN_REDIRECT_URL)


class ThrottledLoginView(LoginView):
    """Django's login, with the password never checked once a username or an
    address has used up its failed attempts for the window."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    attempt: LoginAttempt | None = None

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        username = str(request.POST.get("username", ""))
        self.attempt = services.begin_attempt(
            username, request.META.get("REMOTE_ADDR") or "unknown"
        )
        if self.attempt is None:
            return render(
                request,
                "accounts/throttled.html",
                {"minutes": minutes(settings.LOGIN_WINDOW_SECONDS)},
                status=429,
            )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        if self.attempt is not None:
            services.attempt_succeeded(self.attempt)
        return super().form_valid(form)

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=422)


def minutes(seconds: int) -> int:
    return max(1, -(-seconds // 60))


class SignupForm(UserCreationForm):
    email = forms.EmailField(help_text="The address of this account.")

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")


@never_cache
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    """Create an account (hosted mode only; a local install has its one user)."""
    if not settings.HOSTED:
        raise Http404("Sign-up is only open on a hosted followup")
    form = SignupForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            login(request, form.save(), backend=BACKEND)
            return redirect(settings.LOGIN_REDIRECT_URL)
        return render(request, "accounts/signup.html", {"form": form}, status=422)
    return render(request, "accounts/signup.html", {"form": form})

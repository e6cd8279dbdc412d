"""Sign-in pages: the one-time login link, password login (throttled), sign-up (limited)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm, UserCreationForm
from django.contrib.auth.models import User
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import services
from .throttle import password_confirms

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


class PasswordLoginView(LoginView):
    """Django's login; django-axes (settings, throttle.py) refuses to check the
    password once the account from this address, or the address, failed too often."""

    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=422)


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
        address = services.client_address(request)
        if not services.may_sign_up(address):
            context = {"per_hour": settings.SIGNUPS_PER_HOUR}
            return render(request, "accounts/signup_limited.html", context, status=429)
        if form.is_valid():
            services.count_sign_up(address)
            login(request, form.save(), backend=BACKEND)
            return redirect(settings.LOGIN_REDIRECT_URL)
        return render(request, "accounts/signup.html", {"form": form}, status=422)
    return render(request, "accounts/signup.html", {"form": form})


def hosted_only(view: Any) -> Any:
    """Password pages exist on a hosted followup; the local user signs in by link."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not settings.HOSTED:
            raise Http404("Passwords are for a hosted followup")
        response: HttpResponseBase = view(request, *args, **kwargs)
        return response

    return wrapped


class ThrottledPasswordChangeForm(PasswordChangeForm):
    """Django's form, its old password checked as a login is (see `password_confirms`)."""

    request: HttpRequest | None = None

    def clean_old_password(self) -> str:
        old: str = self.cleaned_data["old_password"]
        if self.request is None or not password_confirms(self.request, self.user, old):
            raise forms.ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = ThrottledPasswordChangeForm

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        form.request = self.request
        return form

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=422)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset by email, sent with the digest's SMTP settings (FOLLOWUP_SMTP_*)."""

    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=422)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"

    def form_invalid(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=422)

"""Settings: the profile and holiday calendar, the policy numbers, export and import of
the journal, and deleting the account."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote
from zoneinfo import available_timezones

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from ...accounts.throttle import password_confirms
from ...planner.policy import PARAMETERS, STANDARD, Policy, policy_from
from .. import limits, services
from ..presenters import SOURCE_TITLES
from .common import as_of, render_page, user_of


@cache
def time_zones() -> list[str]:
    return sorted(available_timezones())


# The profile ------------------------------------------------------------------------


class ProfileForm(forms.Form):
    name = forms.CharField(max_length=200, required=False)
    email = forms.EmailField(required=False)
    phone = forms.CharField(max_length=60, required=False)
    country = forms.CharField(
        max_length=2,
        required=False,
        help_text="Two letters, like US, GB or DE.",
    )
    subdivision = forms.CharField(
        max_length=10,
        required=False,
        label="State or province",
        help_text="Its code, like NM or CA for a US state; leave empty for the national holidays only.",
    )
    timezone = forms.ChoiceField(required=False, label="Time zone")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field = self.fields["timezone"]
        assert isinstance(choice_field, forms.ChoiceField)
        choice_field.choices = [("", "Not set (UTC)"), *((z, z) for z in time_zones())]

    def clean_country(self) -> str:
        return str(self.cleaned_data["country"]).strip().upper()


def _profile_form(user: Any) -> ProfileForm:
    profile = services.profile_of(user)
    return ProfileForm(initial=services.profile_data(profile))


def _place_problems(form: forms.Form, problems: tuple[str, ...], prefix: str) -> None:
    """Show each service problem ("profile.country: message") next to its field."""
    for problem in problems:
        where, _, message = problem.partition(": ")
        name = where.removeprefix(prefix)
        if name == "country" and message.startswith("subdivision"):
            name = "subdivision"  # the planner checks the pair under "country"
        if where.startswith(prefix) and name in form.fields and message:
            form.add_error(name, message)
        else:
            form.add_error(None, problem)


# The policy -------------------------------------------------------------------------


@dataclass(frozen=True)
class PolicyRow:
    """One policy number as the form shows it."""

    name: str
    meaning: str
    sources: tuple[str, ...]  # titles; empty: our default
    kind: str  # bool, int, window, time, list
    default: str  # the default, in words
    values: tuple[str, ...]  # what the inputs hold (two for a window)
    overridden: bool
    error: str = ""


def _kind(default: Any) -> str:
    if isinstance(default, bool):
        return "bool"
    if isinstance(default, int):
        return "int"
    if isinstance(default, str):
        return "time"
    return "list" if all(isinstance(v, str) for v in default) else "window"


def _in_words(kind: str, value: Any) -> str:
    if kind == "bool":
        return "on" if value else "off"
    if kind == "window":
        return f"{value[0]} to {value[1]} days"
    if kind == "list":
        return ", ".join(value)
    return str(value)


def _inputs(kind: str, value: Any) -> tuple[str, ...]:
    """A stored or default value as the text of its inputs."""
    if kind == "bool":
        return ("on",) if value else ()
    if kind == "window":
        return (str(value[0]), str(value[1]))
    if kind == "list":
        return (", ".join(value),)
    return (str(value),)


def _posted_inputs(kind: str, name: str, post: QueryDict) -> tuple[str, ...]:
    if kind == "bool":
        return ("on",) if name in post else ()
    if kind == "window":
        return (post.get(f"{name}_first", ""), post.get(f"{name}_last", ""))
    return (post.get(name, ""),)


def policy_rows(
    overrides: dict[str, Any], post: QueryDict | None = None, errors: dict[str, str] | None = None
) -> list[PolicyRow]:
    """Every policy number: stored (or, after a failed save, posted) values and errors."""
    rows = []
    for spec in fields(Policy):
        default = getattr(STANDARD, spec.name)
        kind = _kind(default)
        parameter = PARAMETERS[spec.name]
        if post is not None:
            values = _posted_inputs(kind, spec.name, post)
        else:
            values = _inputs(kind, overrides.get(spec.name, default))
        rows.append(
            PolicyRow(
                name=spec.name,
                meaning=parameter.meaning,
                sources=tuple(SOURCE_TITLES.get(s, s) for s in parameter.sources),
                kind=kind,
                default=_in_words(kind, default),
                values=values,
                overridden=spec.name in overrides,
                error=(errors or {}).get(spec.name, ""),
            )
        )
    return rows


def _read_value(kind: str, values: tuple[str, ...]) -> Any:
    """The journal value of a row's inputs; None for an empty number or time (the
    default). An empty industry list means no email-first industries at all."""
    if kind == "bool":
        return bool(values)
    texts = [v.strip() for v in values]
    if kind == "list":
        return [item.strip() for item in texts[0].split(",") if item.strip()]
    if not any(texts):
        return None
    if kind == "time":
        return texts[0]
    numbers = [_whole_number(t) for t in texts]
    return numbers if kind == "window" else numbers[0]


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a whole number") from None


def read_policy(post: QueryDict) -> tuple[dict[str, Any], dict[str, str]]:
    """The overrides the form asks for (values that differ from the default) and the
    problems by setting name. The row named by `reset` goes back to its default."""
    overrides: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for spec in fields(Policy):
        default = getattr(STANDARD, spec.name)
        kind = _kind(default)
        if post.get("reset") == spec.name:
            continue
        try:
            value = _read_value(kind, _posted_inputs(kind, spec.name, post))
        except ValueError as error:
            errors[spec.name] = str(error)
            continue
        if value is not None and value != _journal_value(default):
            overrides[spec.name] = value
    # The planner's own checks (ranges, shapes), for every row at once.
    for name, message in policy_from(overrides)[1]:
        errors.setdefault(name, message)
    return overrides, errors


def _journal_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


# The page ---------------------------------------------------------------------------


@functools.cache
def _bookmarklet_source() -> str:
    from django.contrib.staticfiles import finders

    path = finders.find("tracker/bookmarklet.js")
    assert isinstance(path, str), "tracker/bookmarklet.js is missing"
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return "\n".join(line.strip() for line in lines if not line.lstrip().startswith("//"))


def bookmarklet(add_url: str) -> str:
    """The "Add to followup" bookmarklet: static/tracker/bookmarklet.js as a
    javascript: link that opens this server's quick-add form."""
    source = _bookmarklet_source().replace("FOLLOWUP_ADD", add_url)
    return "javascript:" + quote(source, safe="")


def _page(request: HttpRequest, status: int = 200, **parts: Any) -> HttpResponse:
    """The settings page; `parts` replace a section's defaults (a form with errors)."""
    user = user_of(request)
    profile = services.profile_of(user)
    context: dict[str, Any] = {
        "profile_form": _profile_form(user),
        "policy_rows": policy_rows(profile.policy),
        "policy_errors": {},
        "import_problems": (),
        "import_conflict": (),
        "delete_error": "",
        "username": user.get_username(),
        "has_password": user.has_usable_password(),
        "overrides": len(profile.policy),
        "bookmarklet": bookmarklet(request.build_absolute_uri(reverse("add_application"))),
    }
    context.update(parts)
    return render_page(request, "tracker/settings.html", context, status=status)


@login_required
@require_GET
def settings_page(request: HttpRequest) -> HttpResponse:
    return _page(request)


@login_required
@require_POST
def profile(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST)
    if form.is_valid():
        try:
            services.update_profile(user_of(request), form.cleaned_data, as_of=as_of(request))
        except services.ServiceError as error:
            _place_problems(form, error.problems, "profile.")
        else:
            messages.success(request, "Your profile is saved.")
            return redirect(f"{reverse('settings')}#profile")
    return _page(request, 422, profile_form=form)


@login_required
@require_POST
def policy(request: HttpRequest) -> HttpResponse:
    overrides, errors = read_policy(request.POST)
    if not errors:
        try:
            services.update_profile(user_of(request), {}, policy=overrides, as_of=as_of(request))
        except services.ServiceError as error:
            errors = _errors_by_setting(error.problems)
        else:
            reset = request.POST.get("reset")
            done = (
                f"{reset} is back to its default."
                if reset in PARAMETERS
                else "Your settings are saved."
            )
            messages.success(request, done)
            return redirect(f"{reverse('settings')}#policy")
    rows = policy_rows(overrides, request.POST, errors)
    return _page(request, 422, policy_rows=rows, policy_errors=errors)


def _errors_by_setting(problems: tuple[str, ...]) -> dict[str, str]:
    """'policy.name: message' problems by setting name (others under '')."""
    errors: dict[str, str] = {}
    for problem in problems:
        where, _, message = problem.partition(": ")
        name = where.removeprefix("policy.")
        errors[name if name in PARAMETERS else ""] = message if name in PARAMETERS else problem
    return errors


# Export, import, deleting the account --------------------------------------------


@login_required
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """The user's whole journal as a file to download, streamed (see journal_chunks)."""
    chunks = services.journal_chunks(user_of(request))
    response = StreamingHttpResponse(chunks, content_type="application/json; charset=utf-8")
    name = f"followup-journal-{as_of(request).isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _read_upload(request: HttpRequest) -> Any:
    """The uploaded file's JSON; ValueError says what is wrong with it."""
    upload = request.FILES.get("journal")
    if upload is None:
        raise ValueError("Choose a journal file to import.")
    if problem := limits.import_too_large(upload.size or 0):
        raise ValueError(f"{upload.name}: {problem}.")
    try:
        return limits.load_json(upload.read().decode("utf-8"))
    except limits.TooDeep as error:
        raise ValueError(f"{upload.name}: {error}.") from None
    except UnicodeDecodeError:
        raise ValueError(f"{upload.name}: the file is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise ValueError(f"{upload.name}: not valid JSON at {where}: {error.msg}.") from None


@login_required
@require_POST
def import_journal(request: HttpRequest) -> HttpResponse:
    try:
        data = _read_upload(request)
    except ValueError as error:
        return _page(request, 422, import_problems=(str(error),))
    replace = bool(request.POST.get("replace"))
    try:
        imported = services.import_journal(
            user_of(request), data, replace=replace, as_of=as_of(request)
        )
    except services.Conflict as error:
        return _page(request, 409, import_conflict=error.problems)
    except services.ServiceError as error:
        return _page(request, 422, import_problems=error.problems)
    count = len(imported)
    messages.success(request, f"Imported {count} application{'s' if count != 1 else ''}.")
    return redirect(f"{reverse('settings')}#data")


def _delete_refusal(request: HttpRequest, user: Any, confirm: str) -> str:
    """Why `confirm` does not confirm deleting the account ("" when it does). An
    account with a password needs it (a session left open is not enough); the local
    user, who signs in by link and has none, types their username."""
    if user.has_usable_password():
        if not password_confirms(request, user, confirm):
            return "That is not your password: your account was not deleted."
        return ""
    if confirm.strip() != user.get_username():
        return f"That is not your username. Type {user.get_username()} to delete your account."
    return ""


@login_required
@require_POST
def delete_account(request: HttpRequest) -> HttpResponse:
    user = user_of(request)
    if error := _delete_refusal(request, user, str(request.POST.get("confirm", ""))):
        return _page(request, 422, delete_error=error)
    services.delete_account(user)
    logout(request)
    return redirect("login")


urls = [
    path("settings/", settings_page, name="settings"),
    path("settings/profile/", profile, name="profile"),
    path("settings/policy/", policy, name="policy"),
    path("settings/export.json", export, name="export"),
    path("settings/import/", import_journal, name="import"),
    path("settings/delete/", delete_account, name="delete_account"),
]

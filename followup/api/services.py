"""API tokens: create, revoke, and find the user a token belongs to; and the few
reads the API needs beyond followup.tracker.services."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from django.utils import timezone

from ..planner.journal import FORMAT, JournalError, parse_journal
from ..tracker import services as tracker
from ..tracker.models import Application, Event
from .models import ApiToken

TOKEN_PREFIX = "fu_"
PREFIX_LENGTH = len(TOKEN_PREFIX) + 6
MAX_NAME = 100
# Writing last_used on every request would turn every read into a write.
LAST_USED_PRECISION = timedelta(minutes=1)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def tokens_of(user: AbstractBaseUser) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)


def create_token(user: AbstractBaseUser, name: str) -> tuple[ApiToken, str]:
    """A new token named `name`; the raw token is returned once and never stored."""
    name = name.strip()
    if not name:
        raise tracker.ServiceError("name: is required (what the token is for)")
    if len(name) > MAX_NAME:
        raise tracker.ServiceError(f"name: is longer than {MAX_NAME} characters")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, token_hash=hash_token(raw), prefix=raw[:PREFIX_LENGTH]
    )
    return token, raw


def revoke_token(user: AbstractBaseUser, token_id: int) -> ApiToken:
    """Revoke one of the user's tokens; another user's is as missing as a wrong id."""
    try:
        token = tokens_of(user).get(pk=token_id)
    except ApiToken.DoesNotExist:
        raise tracker.NotFound(f"token {token_id}: no such token") from None
    if not token.revoked:
        token.revoked = True
        token.save(update_fields=["revoked"])
    return token


def user_for_token(raw: str) -> AbstractBaseUser | None:
    """The active user a live token belongs to, or None."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.filter(token_hash=hash_token(raw), revoked=False)
        .select_related("user")
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used is None or now - token.last_used >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user


# Reads for the API --------------------------------------------------------------------


def application_list(user: AbstractBaseUser) -> QuerySet[Application]:
    """The user's applications with their stored next step, brought up to today."""
    tracker.refresh_stale(user, tracker.today_for(user))
    return tracker.applications_of(user).only(*tracker.BOARD_FIELDS).order_by("position", "id")


def application_journal(user: AbstractBaseUser, slug: str) -> dict[str, Any]:
    """One application in the journal format (NotFound for another user's)."""
    tracker.get_application(user, slug)
    apps = tracker.applications_of(user).filter(slug=slug)
    data: dict[str, Any] = tracker.journal_data(user, apps)["applications"][0]
    return data


def events_of(user: AbstractBaseUser, slug: str) -> list[dict[str, Any]]:
    """The application's events in journal order, each with its `id`."""
    app = tracker.get_application(user, slug)
    rows = Event.objects.filter(application=app).order_by("local_at", "position", "id")
    return [event_with_id(row) for row in rows]


def event_with_id(row: Event) -> dict[str, Any]:
    return {"id": row.pk, **tracker.event_data(row)}


def check_import(user: AbstractBaseUser, data: dict[str, Any]) -> None:
    """ServiceError if the journal after the import would not plan.

    An import replaces the profile but only checks its own applications, so a new
    home country could leave a stored application that names only a state in no
    country at all. Only the profile's country and subdivision can do that (every
    other part of the journal-to-be is checked by the import itself), so the whole
    journal is parsed only when they change.
    """
    if "profile" not in data:
        return
    new = data["profile"] or {}
    old = tracker.profile_data(tracker.profile_of(user))
    if all(new.get(key) == old.get(key) for key in ("country", "subdivision")):
        return
    current = tracker.journal_data(user)
    incoming = {app["id"] for app in data["applications"]}
    merged = {
        "format": FORMAT,
        "profile": new,
        "policy": (data["policy"] or {}) if "policy" in data else current.get("policy", {}),
        "applications": [
            *(app for app in current["applications"] if app["id"] not in incoming),
            *data["applications"],
        ],
    }
    try:
        parse_journal(merged)
    except JournalError as error:
        raise tracker.ServiceError(*error.problems) from None

"""Signing in: the local user, one-time login links, and login throttling.

Shared by the views and the CLI (`followup serve` issues the links).
"""

from __future__ import annotations

import getpass
import hashlib
import re
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from .models import LoginAttempt, LoginToken

AGAIN = "Run `followup serve` again for a new one."


class LinkRefused(Exception):
    """A login link that can't be exchanged for a session; the message says why."""


# The local user --------------------------------------------------------------------


def local_username() -> str:
    """The OS user's name, made into a valid Django username."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name in this environment
        name = ""
    return re.sub(r"[^\w.@+-]", "_", name)[:150] or "me"


def local_user() -> User:
    """The one user of local mode, created (without a password) on first use."""
    user, _ = User.objects.get_or_create(
        username=local_username(), defaults={"password": make_password(None)}
    )
    return user


# One-time login links --------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link_lifetime() -> timedelta:
    return timedelta(hours=settings.LOGIN_LINK_HOURS)


def issue_login_link(user: User, base_url: str | None = None) -> str:
    """A new one-time login link for `user` (256 random bits; only their hash is stored)."""
    LoginToken.objects.filter(created__lt=timezone.now() - link_lifetime()).delete()
    token = secrets.token_urlsafe(32)
    LoginToken.objects.create(user=user, digest=_digest(token))
    return (base_url or settings.SITE_URL).rstrip("/") + reverse("token_login", args=[token])


def redeem_login_token(token: str, now: datetime | None = None) -> User:
    """The user of an unused, unexpired link, which is marked used; else LinkRefused.

    The conditional UPDATE is what makes a link single-use: of two requests racing
    with the same link, only one changes the row, and only that one logs in.
    """
    now = now or timezone.now()
    row = LoginToken.objects.filter(digest=_digest(token)).select_related("user").first()
    if row is None or not row.user.is_active:
        raise LinkRefused(f"This login link is not valid. {AGAIN}")
    if row.used:
        raise LinkRefused(f"This login link was already used. {AGAIN}")
    if row.created < now - link_lifetime():
        hours = settings.LOGIN_LINK_HOURS
        raise LinkRefused(f"This login link has expired (a link lasts {hours} hours). {AGAIN}")
    won = LoginToken.objects.filter(pk=row.pk, used=False).update(used=True, used_at=now)
    if not won:
        raise LinkRefused(f"This login link was already used. {AGAIN}")
    return row.user


# Login throttling ------------------------------------------------------------------


def throttle_key(username: str) -> str:
    """Usernames are counted case-blind: 'Pat' and 'pat' share one budget."""
    return username.strip().lower()[:150]


def begin_attempt(username: str, address: str, now: datetime | None = None) -> LoginAttempt | None:
    """Count a password login before checking it; None when over the limit.

    Counting first (and forgetting only the right passwords) means parallel
    guesses from several workers can't slip past the count. A refused attempt is
    not a failed one: it is forgotten, and the window runs out as it should.
    """
    now = now or timezone.now()
    since = now - timedelta(seconds=settings.LOGIN_WINDOW_SECONDS)
    LoginAttempt.objects.filter(at__lt=since).delete()
    attempt = LoginAttempt.objects.create(
        username=throttle_key(username), address=address[:45], at=now
    )
    recent = LoginAttempt.objects.filter(at__gte=since)
    limit = settings.LOGIN_ATTEMPTS
    if (
        recent.filter(username=attempt.username).count() > limit
        or recent.filter(address=attempt.address).count() > limit
    ):
        attempt.delete()
        return None
    return attempt


def attempt_succeeded(attempt: LoginAttempt) -> None:
    attempt.delete()

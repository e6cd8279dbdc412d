"""Signing in: the local user, one-time login links, and the sign-up limit.

Shared by the views and the CLI (`followup serve` issues the links).
"""

from __future__ import annotations

import getpass
import hashlib
import re
import secrets
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.utils import timezone

from .models import LoginToken, SignupAttempt

if TYPE_CHECKING:
    from django.http import HttpRequest

# django.urls and axes are imported where used: the command line's everyday commands
# need only `local_user`, and importing those costs them start-up time.

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
    from django.urls import reverse

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


# Sign-up limit ---------------------------------------------------------------------


def client_address(request: HttpRequest) -> str:
    """The client's address as the login throttle sees it (trusted proxies only)."""
    from axes.helpers import get_client_ip_address

    return (get_client_ip_address(request) or "unknown")[:45]


def may_sign_up(address: str, now: datetime | None = None) -> bool:
    """Whether `address` has created fewer than SIGNUPS_PER_HOUR accounts in the last hour."""
    now = now or timezone.now()
    since = now - timedelta(hours=1)
    SignupAttempt.objects.filter(at__lt=since).delete()
    recent = SignupAttempt.objects.filter(address=address, at__gte=since).count()
    return recent < settings.SIGNUPS_PER_HOUR


def count_sign_up(address: str) -> None:
    SignupAttempt.objects.create(address=address)

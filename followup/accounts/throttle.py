"""Login throttling with django-axes: who is asking (the address, through a set
number of trusted proxies, by django-ipware) and for which account.

Two limits share axes' failure counter, so that nobody is refused because of
someone else's failures:

- an account from one address: LOGIN_ATTEMPTS failures lock that account *from that
  address* only; the same password from an address that has not been failing still
  works (a lockout of the account itself would let anyone lock anyone out);
- one address, whatever the accounts: LOGIN_ADDRESS_ATTEMPTS failures lock it (higher,
  as an office or a library shares one address).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def lockout_parameters(request: HttpRequest, credentials: Any = None) -> list[str | list[str]]:
    """axes counts each entry separately: the account with the address, then the address."""
    return [["username", "ip_address"], "ip_address"]


def normalized_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The name the counter is kept under: NFKC and case-folded, as Django's login
    form compares them, so a full-width or capitalised look-alike shares its budget."""
    raw = (credentials or {}).get("username")
    if raw is None:
        raw = request.POST.get("username", "")
    return unicodedata.normalize("NFKC", str(raw)).strip().casefold()[:150]


class AccountAndAddressHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """axes' database handler with a separate, higher limit for an address alone."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        per_account, per_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        # axes compares one number with LOGIN_ATTEMPTS: the address's count is scaled
        # so that it reaches that limit exactly at LOGIN_ADDRESS_ATTEMPTS.
        scaled = per_address * settings.LOGIN_ATTEMPTS // settings.LOGIN_ADDRESS_ATTEMPTS
        return int(max(per_account, scaled))


def too_many_attempts(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any = None
) -> HttpResponse:
    """The page shown instead of checking the password (429)."""
    minutes = max(1, -(-settings.LOGIN_WINDOW_SECONDS // 60))
    return render(request, "accounts/throttled.html", {"minutes": minutes}, status=429)


def password_confirms(request: HttpRequest, user: Any, password: str) -> bool:
    """Whether `password` is the signed-in user's, checked as a login is: a wrong one
    counts among axes' failures, and past the limit axes' middleware answers with the
    "too many attempts" page whatever the view says. A session left open must not
    become a way to guess the password that changing it or deleting the account asks for.
    """
    from django.contrib.auth import authenticate

    found = authenticate(request, username=user.get_username(), password=password)
    return found is not None and found.pk == user.pk

"""Signing in: one-time login links, password login and its throttling, sign-up,
and the always-on protections (CSRF, DEBUG off, ALLOWED_HOSTS)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings as SettingsWrapper

from followup.accounts import services
from followup.accounts.models import LoginToken
from followup.web.settings import env_bool, env_int, env_list

PASSWORD = "correct horse battery"  # the owner's, from conftest


def link_path(user: User) -> str:
    return urlparse(services.issue_login_link(user)).path


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


# One-time login links ---------------------------------------------------------------


def test_a_login_link_signs_in_once(owner: User) -> None:
    path = link_path(owner)
    first = Client()
    response = first.get(path)
    assert response.status_code == 302
    assert response["Location"] == reverse("today")
    assert first.session["_auth_user_id"] == str(owner.pk)
    assert first.get(reverse("today")).status_code == 200

    second = Client()
    again = second.get(path)
    assert again.status_code == 403
    assert b"already used" in again.content
    assert b"followup serve" in again.content
    assert not logged_in(second)


def test_unknown_and_expired_links_are_refused(owner: User) -> None:
    client = Client()
    unknown = client.get(reverse("token_login", args=["not-a-real-token"]))
    assert unknown.status_code == 403
    assert b"not valid" in unknown.content

    path = link_path(owner)
    LoginToken.objects.update(created=timezone.now() - timedelta(hours=24, minutes=1))
    expired = client.get(path)
    assert expired.status_code == 403
    assert b"expired" in expired.content
    assert not logged_in(client)
    assert not LoginToken.objects.filter(used=True).exists()


def test_a_link_of_a_disabled_user_is_refused(owner: User) -> None:
    path = link_path(owner)
    User.objects.filter(pk=owner.pk).update(is_active=False)
    client = Client()
    assert client.get(path).status_code == 403
    assert not logged_in(client)


def test_only_a_hash_of_the_token_is_stored(owner: User) -> None:
    path = link_path(owner)
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert len(token) >= 43  # 32 random bytes, base64: 256 bits
    row = LoginToken.objects.get()
    assert row.digest == hashlib.sha256(token.encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_logintoken")
        stored = cursor.fetchall()
    assert stored
    assert not any(token in str(value) for record in stored for value in record)


def test_two_racing_uses_of_a_link_log_in_only_once(
    owner: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both requests read the row while it is unused; only one may win the update."""
    token = link_path(owner).rstrip("/").rsplit("/", 1)[1]
    stale = LoginToken.objects.select_related("user").get()
    assert services.redeem_login_token(token) == owner  # the first request
    monkeypatch.setattr(QuerySet, "first", lambda self: stale)  # the second saw the old row
    with pytest.raises(services.LinkRefused, match="already used"):
        services.redeem_login_token(token)


def test_each_link_is_new(owner: User) -> None:
    assert link_path(owner) != link_path(owner)
    assert LoginToken.objects.count() == 2


def test_the_local_user_is_named_after_the_os_user(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services.getpass, "getuser", lambda: "Jane Doe")
    user = services.local_user()
    assert user.username == "Jane_Doe"
    assert not user.has_usable_password()
    assert services.local_user() == user
    assert User.objects.count() == 1


# Password login and throttling ------------------------------------------------------


def test_password_login_works_and_the_page_explains_links_in_local_mode(owner: User) -> None:
    client = Client()
    page = client.get(reverse("login"))
    assert page.status_code == 200
    assert b"followup serve" in page.content
    assert reverse("signup").encode() not in page.content
    response = client.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("today")
    assert logged_in(client)


def test_a_wrong_password_is_an_invalid_form(owner: User) -> None:
    client = Client()
    response = client.post(reverse("login"), {"username": "owner", "password": "wrong"})
    assert response.status_code == 422
    assert not logged_in(client)


def sign_in(username: str, password: str, address: str, **headers: str) -> int:
    """The status of a password login from `address` (the connection's address)."""
    return (
        Client()
        .post(
            reverse("login"),
            {"username": username, "password": password},
            REMOTE_ADDR=address,
            **headers,
        )
        .status_code
    )


def test_failures_lock_the_account_from_that_address_only(
    owner: User, other: User, settings: SettingsWrapper, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.LOGIN_ATTEMPTS = settings.AXES_FAILURE_LIMIT = 3
    checks: list[str] = []
    from django.contrib.auth.backends import ModelBackend

    real = ModelBackend.authenticate
    monkeypatch.setattr(
        ModelBackend,
        "authenticate",
        lambda self, request, **kw: checks.append(kw["username"]) or real(self, request, **kw),
    )
    # The failure that reaches the limit already answers "too many".
    assert [sign_in("owner", f"wrong {n}", "81.2.69.1") for n in range(3)] == [422, 422, 429]
    # From the failing address, even the right password is refused: the page says
    # so and the password is not checked.
    refused = Client().post(
        reverse("login"), {"username": "owner", "password": PASSWORD}, REMOTE_ADDR="81.2.69.1"
    )
    assert refused.status_code == 429
    assert b"Too many" in refused.content
    assert not logged_in(Client())
    assert checks == ["owner"] * 3
    # The owner, from an address that has not been failing, signs in.
    assert sign_in("owner", PASSWORD, "81.2.69.9") == 302
    # Another account from the failing address too (that address failed 3 times, not 30).
    assert sign_in("other", "another horse battery", "81.2.69.1") == 302


def test_look_alike_usernames_share_the_counter(owner: User, settings: SettingsWrapper) -> None:
    """Django's login form reads 'ｏｗｎｅｒ' (full-width) as 'owner': so does the counter."""
    settings.LOGIN_ATTEMPTS = settings.AXES_FAILURE_LIMIT = 3
    names = ("owner", "OWNER", "ｏｗｎｅｒ")
    assert [sign_in(name, "wrong", "81.2.69.1") for name in names] == [422, 422, 429]
    assert sign_in("ｏｗｎｅｒ", PASSWORD, "81.2.69.1") == 429
    assert sign_in("owner", PASSWORD, "81.2.69.1") == 429


def test_an_address_failing_on_many_accounts_is_locked(
    owner: User, settings: SettingsWrapper
) -> None:
    settings.LOGIN_ATTEMPTS = settings.AXES_FAILURE_LIMIT = 2
    settings.LOGIN_ADDRESS_ATTEMPTS = 4
    for name in ("alice", "bob", "carol"):
        assert sign_in(name, "x", "81.2.69.5") == 422
    assert sign_in("owner", PASSWORD, "81.2.69.5") == 302  # 3 of the address's 4
    assert sign_in("dave", "x", "81.2.69.5") == 429  # the 4th
    assert sign_in("owner", PASSWORD, "81.2.69.5") == 429
    assert sign_in("owner", PASSWORD, "81.2.69.6") == 302


def test_behind_the_proxy_each_client_has_its_own_count(
    owner: User, settings: SettingsWrapper
) -> None:
    """The finding: behind a TLS proxy every request came from the proxy's address, so
    five wrong passwords from anyone refused everyone's right one."""
    settings.LOGIN_ATTEMPTS = settings.AXES_FAILURE_LIMIT = 2
    settings.LOGIN_ADDRESS_ATTEMPTS = 2
    settings.AXES_IPWARE_PROXY_COUNT = 0  # FOLLOWUP_TRUSTED_PROXIES=1
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    proxy = "10.0.0.1"
    assert sign_in("owner", "wrong", proxy, HTTP_X_FORWARDED_FOR="81.2.69.7") == 422
    assert sign_in("owner", "wrong", proxy, HTTP_X_FORWARDED_FOR="81.2.69.7") == 429
    assert sign_in("owner", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="81.2.69.7") == 429
    assert sign_in("owner", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="81.2.69.8") == 302
    # A client can't pose as another by writing its own X-Forwarded-For: the proxy
    # appends the real address, and that last entry is the one counted.
    spoofed = "81.2.69.99, 81.2.69.7"
    assert sign_in("owner", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=spoofed) == 429


def test_without_trusted_proxies_the_header_is_ignored(
    owner: User, settings: SettingsWrapper
) -> None:
    settings.LOGIN_ATTEMPTS = settings.AXES_FAILURE_LIMIT = 2
    for n in range(2):
        sign_in("owner", "wrong", "81.2.69.3", HTTP_X_FORWARDED_FOR=f"81.2.70.{n}")
    assert sign_in("owner", PASSWORD, "81.2.69.3", HTTP_X_FORWARDED_FOR="81.2.70.9") == 429


def test_failures_count_for_the_window_only(owner: User, settings: SettingsWrapper) -> None:
    settings.LOGIN_ATTEMPTS = settings.AXES_FAILURE_LIMIT = 2
    assert [sign_in("owner", "wrong", "81.2.69.4") for _ in range(2)] == [422, 429]
    assert sign_in("owner", PASSWORD, "81.2.69.4") == 429
    earlier = timezone.now() - timedelta(seconds=settings.LOGIN_WINDOW_SECONDS + 1)
    AccessAttempt.objects.update(attempt_time=earlier)
    assert sign_in("owner", PASSWORD, "81.2.69.4") == 302


def test_login_form_needs_a_csrf_token(owner: User) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "owner", "password": PASSWORD})
    assert response.status_code == 403
    assert not logged_in(client)


def test_logout_is_a_post(owner_client: Client) -> None:
    assert owner_client.get(reverse("logout")).status_code == 405
    assert logged_in(owner_client)
    response = owner_client.post(reverse("logout"))
    assert response.status_code == 302
    assert not logged_in(owner_client)


# Sign-up (hosted mode) --------------------------------------------------------------


def test_signup_is_not_found_in_local_mode(db: None, settings: SettingsWrapper) -> None:
    settings.HOSTED = False
    client = Client()
    assert client.get(reverse("signup")).status_code == 404
    signup = {
        "username": "newbie",
        "email": "n@example.org",
        "password1": "a long new passphrase",
        "password2": "a long new passphrase",
    }
    assert client.post(reverse("signup"), signup).status_code == 404
    assert not User.objects.filter(username="newbie").exists()


def test_signup_in_hosted_mode(db: None, settings: SettingsWrapper) -> None:
    settings.HOSTED = True
    client = Client()
    page = client.get(reverse("signup"))
    assert page.status_code == 200
    assert b"password2" in page.content
    assert reverse("signup").encode() in client.get(reverse("login")).content
    passphrase = "a long new passphrase"
    response = client.post(
        reverse("signup"),
        {
            "username": "newbie",
            "email": "n@example.org",
            "password1": passphrase,
            "password2": passphrase,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("today")
    user = User.objects.get(username="newbie")
    assert user.email == "n@example.org"
    assert user.password.startswith("argon2")
    assert user.check_password(passphrase)
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"password1": "a long new passphrase", "password2": "another passphrase!"}, b"password2"),
        ({"password1": "password", "password2": "password"}, b"too short"),
        ({"password1": "1234567890", "password2": "1234567890"}, b"too common"),
        ({"email": "not an email"}, b"valid email"),
        ({"username": "owner"}, b"already exists"),
    ],
)
def test_signup_rejects_bad_input(
    owner: User, settings: SettingsWrapper, fields: dict[str, str], named: bytes
) -> None:
    settings.HOSTED = True
    form = {
        "username": "newbie",
        "email": "n@example.org",
        "password1": "a long new passphrase",
        "password2": "a long new passphrase",
    }
    response = Client().post(reverse("signup"), {**form, **fields})
    assert response.status_code == 422
    assert named in response.content
    assert User.objects.count() == 1


# Always on ------------------------------------------------------------------------------


def test_unknown_hosts_are_refused(db: None) -> None:
    assert Client().get(reverse("login"), HTTP_HOST="evil.example").status_code == 400
    assert Client().get(reverse("login"), HTTP_HOST="127.0.0.1:8765").status_code == 200


def test_env_helpers(monkeypatch: pytest.MonkeyPatch) -> None:
    for value, expected in (
        ("1", True),
        ("yes", True),
        ("TRUE", True),
        ("on", True),
        ("0", False),
        ("no", False),
        ("", False),
    ):
        monkeypatch.setenv("FOLLOWUP_TEST_FLAG", value)
        assert env_bool("FOLLOWUP_TEST_FLAG") is expected
    monkeypatch.delenv("FOLLOWUP_TEST_FLAG")
    assert env_bool("FOLLOWUP_TEST_FLAG", True) is True
    monkeypatch.setenv("FOLLOWUP_TEST_NUMBER", " 7 ")
    assert env_int("FOLLOWUP_TEST_NUMBER", 1) == 7
    monkeypatch.setenv("FOLLOWUP_TEST_LIST", "a.example, b.example,")
    assert env_list("FOLLOWUP_TEST_LIST", []) == ["a.example", "b.example"]


def settings_in_subprocess(tmp_path: Path, names: list[str], **env: str) -> list[str]:
    """Settings as a fresh process reads them from its environment."""
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_") and k != "DATABASE_URL"
    }
    clean.update(
        FOLLOWUP_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="followup.web.settings", **env
    )
    code = "import django; django.setup(); from django.conf import settings; " + "; ".join(
        f"print(settings.{name})" for name in names
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.split("\n")[: len(names)]


SECURITY = [
    "DEBUG",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "HOSTED",
]


def test_local_settings_by_default(tmp_path: Path) -> None:
    assert settings_in_subprocess(tmp_path, SECURITY) == [
        "False",
        "False",
        "False",
        "True",
        "False",
    ]


def test_hosted_mode_has_secure_cookies(tmp_path: Path) -> None:
    names = [*SECURITY, "SECURE_PROXY_SSL_HEADER"]
    values = settings_in_subprocess(tmp_path, names, FOLLOWUP_HOSTED="1")
    assert values == [
        "False",
        "True",
        "True",
        "True",
        "True",
        "('HTTP_X_FORWARDED_PROTO', 'https')",
    ]

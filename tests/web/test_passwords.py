"""Hosted accounts: the sign-up limit, changing a password, and resetting it by email."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings as SettingsWrapper

from followup.accounts.models import SignupAttempt

PASSWORD = "correct horse battery"  # the owner's, from conftest
NEW = "a brand new passphrase"


@pytest.fixture
def hosted(settings: SettingsWrapper) -> SettingsWrapper:
    settings.HOSTED = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return settings


def sign_up(name: str, address: str) -> int:
    form = {"username": name, "email": f"{name}@example.org", "password1": NEW, "password2": NEW}
    return Client().post(reverse("signup"), form, REMOTE_ADDR=address).status_code


def test_sign_ups_are_limited_per_address_and_hour(db: None, hosted: SettingsWrapper) -> None:
    hosted.SIGNUPS_PER_HOUR = 2
    assert sign_up("ann", "81.2.69.1") == 302
    assert sign_up("ben", "81.2.69.1") == 302
    refused = Client().post(reverse("signup"), {"username": "cat"}, REMOTE_ADDR="81.2.69.1")
    assert refused.status_code == 429
    assert "opened 2 accounts in the last hour" in refused.content.decode()
    assert not User.objects.filter(username="cat").exists()
    assert sign_up("dan", "81.2.69.2") == 302  # another address
    SignupAttempt.objects.update(at="2000-01-01T00:00:00Z")  # an hour later
    assert sign_up("cat", "81.2.69.1") == 302


def test_a_refused_form_is_not_counted(db: None, hosted: SettingsWrapper) -> None:
    hosted.SIGNUPS_PER_HOUR = 1
    bad = {"username": "ann", "email": "nope", "password1": NEW, "password2": NEW}
    assert Client().post(reverse("signup"), bad, REMOTE_ADDR="81.2.69.1").status_code == 422
    assert sign_up("ann", "81.2.69.1") == 302


def test_change_the_password(owner: User, owner_client: Client, hosted: SettingsWrapper) -> None:
    assert "change the password" in owner_client.get(reverse("settings")).content.decode()
    url = reverse("password_change")
    wrong = {"old_password": "not it", "new_password1": NEW, "new_password2": NEW}
    assert owner_client.post(url, wrong).status_code == 422
    right = {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    response = owner_client.post(url, right)
    assert response["Location"] == reverse("password_change_done")
    owner.refresh_from_db()
    assert owner.check_password(NEW)
    assert owner_client.get(reverse("today")).status_code == 200  # still signed in


def test_guessing_the_old_password_is_throttled_as_a_login_is(
    owner: User, owner_client: Client, hosted: SettingsWrapper
) -> None:
    hosted.LOGIN_ATTEMPTS = hosted.AXES_FAILURE_LIMIT = 2
    url = reverse("password_change")
    guesses = [
        owner_client.post(
            url, {"old_password": f"guess {n}", "new_password1": NEW, "new_password2": NEW}
        ).status_code
        for n in range(2)
    ]
    assert guesses == [422, 429]
    right = {"old_password": PASSWORD, "new_password1": NEW, "new_password2": NEW}
    assert owner_client.post(url, right).status_code == 429
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD) and not owner.check_password(NEW)


def test_reset_the_password_by_email(owner: User, hosted: SettingsWrapper) -> None:
    client = Client()
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()
    sent = client.post(reverse("password_reset"), {"email": "owner@example.org"})
    assert sent["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["owner@example.org"]
    link = re.search(r"https?://\S+", mail.outbox[0].body)
    assert link is not None
    form = client.get(link[0], follow=True)
    assert "Choose a new password" in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert done["Location"] == reverse("password_reset_complete")
    owner.refresh_from_db()
    assert owner.check_password(NEW)
    again = client.get(link[0], follow=True)
    assert "does not work any more" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_email(
    owner: User, hosted: SettingsWrapper
) -> None:
    sent = Client().post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert sent["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


@pytest.mark.parametrize("name", ["password_change", "password_reset"])
def test_password_pages_are_hosted_only(owner_client: Client, name: str) -> None:
    assert owner_client.get(reverse(name)).status_code == 404

"""Settings, imports, the work log and accounts in Chromium: every one of their forms
submitted once, as a person would."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from followup.digest import services as digest


def said(page: Page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text).first).to_be_visible()


@pytest.mark.submits("profile", "policy", "import", "digest_settings", "worklog_minimum")
def test_settings_profile_rules_import_digest_and_minimum(
    signed_in: Page, live_server: Any, tmp_path: Path
) -> None:
    page = signed_in
    page.goto(f"{live_server.url}/settings/")
    page.get_by_label("Name", exact=True).fill("Pat Quintana")
    page.get_by_role("button", name="Save the profile").click()
    said(page, "Your profile is saved.")
    page.get_by_role("button", name="Save the rules").first.click()
    said(page, "Your settings are saved.")

    journal = tmp_path / "more.json"
    one = {
        "id": "juniper",
        "company": "Juniper Grid",
        "events": [{"type": "applied", "at": "2026-11-16"}],
    }
    journal.write_text(
        json.dumps({"format": "followup/1", "applications": [one]}), encoding="utf-8"
    )
    page.get_by_label("Journal file").set_input_files(str(journal))
    page.get_by_role("button", name="Import", exact=True).click()
    said(page, "Imported 1 application.")

    page.goto(f"{live_server.url}/digest/settings/")
    page.get_by_label("Send me the morning digest").check()
    page.get_by_label("Send it to").fill("pat@example.org")
    page.get_by_role("button", name="Save").click()
    said(page, "The morning digest is on.")

    page.goto(f"{live_server.url}/worklog/")
    page.get_by_label("Contacts your claim needs each week").fill("3")
    page.get_by_role("button", name="Save the minimum").click()
    expect(page.get_by_label("Contacts your claim needs each week")).to_have_value("3")


@pytest.mark.submits("csv_import")
def test_import_another_trackers_csv(signed_in: Page, live_server: Any, tmp_path: Path) -> None:
    page = signed_in
    export = tmp_path / "huntr.csv"
    export.write_text(
        "Company,Title,List,Date Applied,Salary\nKestrel Bay,Analyst,Applied,2026-11-10,$70k\n"
    )
    page.goto(f"{live_server.url}/imports/")
    page.locator("#id_file").set_input_files(str(export))
    page.get_by_role("button", name="Show what will be imported").click()
    page.get_by_role("button", name="Import 1 application").click()
    said(page, "Imported 1 application.")


@pytest.mark.submits("logout", "signup", "login", "delete_account")
def test_sign_up_out_in_and_delete_the_account(
    page: Page, live_server: Any, settings: Settings, transactional_db: None
) -> None:
    settings.HOSTED = True
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Email").fill("robin@example.org")
    page.get_by_label("Password", exact=True).fill("a long and fine passphrase")
    page.get_by_label("Password confirmation").fill("a long and fine passphrase")
    page.get_by_role("button", name="Create the account").click()
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    page.get_by_label("Username").fill("robin")
    page.get_by_label("Password").fill("a long and fine passphrase")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()

    page.goto(f"{live_server.url}/settings/")
    # An account with a password (hosted) confirms with it; a username would not do.
    page.get_by_label("Type your password to confirm").fill("a long and fine passphrase")
    page.get_by_role("button", name="Delete my account and all my data").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    assert not User.objects.filter(username="robin").exists()


@pytest.mark.submits("password_change")
def test_change_the_password_from_settings(
    page: Page, live_server: Any, settings: Settings, transactional_db: None
) -> None:
    settings.HOSTED = True
    User.objects.create_user("robin", "robin@example.org", "a long and fine passphrase")
    page.goto(f"{live_server.url}/accounts/login/")
    sign_in(page, "robin", "a long and fine passphrase")
    page.goto(f"{live_server.url}/settings/")
    page.get_by_role("link", name="Password").click()
    page.get_by_label("Old password").fill("not the password")
    page.get_by_label("New password", exact=True).fill("another fine long passphrase")
    page.get_by_label("New password confirmation").fill("another fine long passphrase")
    page.get_by_role("button", name="Change the password").click()
    expect(page.get_by_text("Your old password was entered incorrectly")).to_be_visible()
    page.get_by_label("Old password").fill("a long and fine passphrase")
    page.get_by_label("New password", exact=True).fill("another fine long passphrase")
    page.get_by_label("New password confirmation").fill("another fine long passphrase")
    page.get_by_role("button", name="Change the password").click()
    expect(page.get_by_role("heading", name="Password changed")).to_be_visible()
    assert User.objects.get(username="robin").check_password("another fine long passphrase")


@pytest.mark.submits("password_reset", "password_reset_confirm", "login")
def test_reset_a_forgotten_password_by_email(
    page: Page,
    live_server: Any,
    settings: Settings,
    transactional_db: None,
    mailoutbox: list[Any],
) -> None:
    settings.HOSTED = True
    User.objects.create_user("robin", "robin@example.org", "a long and fine passphrase")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Choose a new one").click()
    page.get_by_label("Email").fill("robin@example.org")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["robin@example.org"]
    link = re.search(r"https?://\S+", mailoutbox[0].body)
    assert link is not None
    page.goto(link[0])
    page.get_by_label("New password", exact=True).fill("another fine long passphrase")
    page.get_by_label("New password confirmation").fill("another fine long passphrase")
    page.get_by_role("button", name="Set the password").click()
    expect(page.get_by_role("heading", name="Password set")).to_be_visible()
    page.get_by_role("link", name="Sign in").click()
    sign_in(page, "robin", "another fine long passphrase")


def sign_in(page: Page, username: str, password: str) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()


@pytest.mark.submits("digest_unsubscribe")
def test_unsubscribe_from_the_digest_by_its_link(page: Page, live_server: Any, user: User) -> None:
    subscription = digest.update_subscription(user, True, "pat@example.org")
    token = digest.issue_token(subscription)
    page.goto(f"{live_server.url}/digest/unsubscribe/{token}/")
    page.get_by_role("button", name="Stop the morning digest").click()
    said(page, "Done: no more morning emails.")
    assert not digest.subscription_of(user).opted_in

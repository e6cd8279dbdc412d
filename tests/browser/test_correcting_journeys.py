"""Correcting data in Chromium: edit, close and reopen, delete and Undo, contacts, an
interview with someone new, editing and deleting an event, the Contacts page, what
they said on Today, and removing the sample data."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from followup.tracker import corrections, forms, services
from followup.tracker.models import Event

from .conftest import log_in

ZIA = "zia-solar-coordinator"


def said(page: Page, text: str) -> None:
    expect(page.get_by_role("status").filter(has_text=text).first).to_be_visible()


@pytest.mark.submits(
    "edit_application", "log_event", "reopen_application", "delete_application", "undo_delete"
)
def test_edit_close_reopen_delete_and_undo(signed_in: Page, live_server: Any) -> None:
    page = signed_in
    page.goto(f"{live_server.url}/applications/{ZIA}/")
    page.get_by_role("link", name="Edit Zia Community Solar").click()
    page.get_by_label("Role or job title").fill("Program Lead")
    page.get_by_label("Salary from").fill("52000")
    page.get_by_label("Salary up to").fill("58000")
    page.get_by_label("Currency").fill("usd")
    page.get_by_role("button", name="Save the changes").click()
    said(page, "Your changes are saved.")
    expect(page.get_by_text("USD 52,000–58,000 a year")).to_be_visible()

    log = page.locator("form.log-form")
    log.get_by_label("What happened").select_option(label="Closed")
    log.locator("select[name=closed_reason]").select_option(label="You withdrew")
    log.get_by_role("button", name="Log it").click()
    said(page, "Logged")
    page.reload()
    page.get_by_role("button", name="Reopen Zia Community Solar").click()
    said(page, "Reopened: its follow-ups are planned again.")

    page.get_by_role("link", name="Delete Zia Community Solar").click()
    expect(page.get_by_role("heading", name="Delete Zia Community Solar?")).to_be_visible()
    page.get_by_role("button", name="Delete Zia Community Solar").click()
    said(page, "Deleted Zia Community Solar.")
    expect(page.get_by_role("link", name="Zia Community Solar")).to_have_count(0)
    page.get_by_role("button", name="Undo").click()
    said(page, "Zia Community Solar is back.")
    expect(
        page.get_by_role("heading", name=re.compile("^Zia Community Solar"), level=1)
    ).to_be_visible()


@pytest.mark.submits(
    "add_contact", "edit_contact", "log_event", "edit_event", "remove_contact", "delete_event"
)
def test_people_and_events(signed_in: Page, live_server: Any) -> None:
    page = signed_in
    page.goto(f"{live_server.url}/applications/{ZIA}/")
    page.get_by_role("link", name="Add a contact to Zia Community Solar").click()
    page.get_by_label("Name").fill("Lee Park")
    page.get_by_label("Email").fill("lee@zia.example.org")
    page.get_by_role("button", name="Add the contact").click()
    said(page, "Added Lee Park to the contacts.")
    page.get_by_role("link", name="Edit Lee Park").click()
    page.get_by_label("Phone").fill("505-555-0101")
    page.get_by_role("button", name="Save Lee Park").click()
    said(page, "Saved Lee Park's details.")
    expect(page.get_by_role("link", name="505-555-0101")).to_be_visible()

    log = page.locator("form.log-form")
    log.get_by_label("What happened").select_option(label="Interview")
    log.get_by_label("Someone not in your contacts yet (name)").fill("Ana Ruiz")
    log.get_by_label("Their role").select_option(label="Hiring manager")
    log.get_by_role("button", name="Log it").click()
    said(page, "Logged: Interview with Ana Ruiz")
    page.reload()
    expect(page.get_by_role("link", name="Edit Ana Ruiz")).to_be_visible()

    page.get_by_role("link", name=re.compile(r"^Edit: .*Interview with Ana Ruiz")).click()
    page.get_by_label("Notes").fill("Panel of two; asked about budgets.")
    page.get_by_role("button", name="Save the event").click()
    said(page, "The event is changed")
    expect(page.get_by_text("Panel of two; asked about budgets.")).to_be_visible()

    page.get_by_role("link", name="Remove Lee Park from Zia Community Solar").click()
    page.get_by_role("button", name="Remove Lee Park").click()
    said(page, "Removed Lee Park.")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=re.compile(r"^Delete: .*Interview with Ana Ruiz")).click()
    expect(
        page.get_by_role("button", name=re.compile(r"^Delete: .*Interview with Ana Ruiz"))
    ).to_have_count(0)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Contacts").click()
    page.get_by_label(re.compile("^Search by name")).fill("ana ruiz")
    page.get_by_role("button", name="Search").click()
    row = page.get_by_role("row").filter(has_text="Ana Ruiz")
    expect(row).to_contain_text("Zia Community Solar")
    expect(row).to_contain_text("Hiring manager")


@pytest.mark.submits("heard_back")
def test_record_what_they_said_from_today(signed_in: Page) -> None:
    page = signed_in
    card = page.get_by_role("article").filter(has_text="Call Gloria Sandoval").first
    card.get_by_text("Heard back from them?").click()
    card.get_by_label("What did they say?").select_option(label="They replied")
    card.get_by_role("button", name="Record what they said").click()
    said(page, "Rio Grande Sign Works")


@pytest.mark.submits("heard_back")
def test_a_new_date_typed_as_people_say_it(
    signed_in: Page, as_of: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The heard-back box takes words ("+3d"), not only a date picker's value."""
    monkeypatch.setattr(forms, "today", lambda: as_of)  # the live server runs in this process
    page = signed_in
    card = page.get_by_role("article").filter(has_text="Call Gloria Sandoval").first
    card.get_by_text("Heard back from them?").click()
    card.get_by_label("What did they say?").select_option(label="They gave a new date")
    card.get_by_label("New date (if they named one)").fill("+3d")
    card.get_by_role("button", name="Record what they said").click()
    said(page, "Rio Grande Sign Works")
    heard = Event.objects.get(
        application__slug="rio-grande-print-ops", type="heard", data__kind="new_date"
    )
    assert heard.data["by"] == "2026-11-21"  # Wednesday 18 November, three days on


@pytest.mark.submits("remove_sample_data")
def test_remove_the_sample_data(page: Page, live_server: Any, user: User, as_of: date) -> None:
    corrections.add_sample_data(user, as_of)
    services.add_application(user, {"id": "mine", "company": "My Own Co", "events": []}, as_of)
    log_in(page, live_server, user)
    banner = page.get_by_role("complementary").filter(has_text="This is sample data")
    expect(banner).to_contain_text("12 of these applications are examples")
    banner.get_by_role("link", name="Remove the sample data").click()
    page.get_by_role("button", name="Remove the sample data").click()
    said(page, "Removed 12 sample applications.")
    expect(page.get_by_text("This is sample data")).to_have_count(0)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Applications").click()
    expect(page.get_by_role("link", name="My Own Co")).to_be_visible()
    expect(
        page.get_by_role("status").filter(has_text=re.compile(r"^\s*1 application\."))
    ).to_be_visible()

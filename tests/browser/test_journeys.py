"""The main journeys of issue 3 (§7), in Chromium against the live server.

Each starts from a user who has the demo journal (moved next to their real today,
which is also the day the live server plans for) and signs in the way `followup
serve` lets them: by opening a one-time login link.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Locator, Page, expect

from followup.accounts.services import issue_login_link
from followup.planner import parse_journal
from followup.planner.demo import demo_data

from .conftest import log_in


def main_nav(page: Page, name: str) -> Locator:
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name, exact=True)


def group(page: Page, title: str) -> Locator:
    """A group of steps on Today ("Overdue", "Today", "This week"), by its heading."""
    return page.locator("section.group").filter(
        has=page.get_by_role("heading", name=re.compile(f"^{title}\\b"))
    )


def step(page: Page, what: str) -> Locator:
    """One step card on Today, by what it says to do ("Call Gloria Sandoval")."""
    return page.get_by_role("article").filter(
        has=page.get_by_role("heading", name=what, exact=True)
    )


def board_summary(page: Page) -> Locator:
    """The board's count line ("12 applications.")."""
    return page.get_by_role("status").filter(has_text=re.compile(r"\d+ applications?\."))


def next_steps(page: Page) -> Locator:
    """The application page's ladder ("What comes next")."""
    return page.locator("section").filter(
        has=page.get_by_role("heading", name="What comes next", exact=True)
    )


def test_first_run_via_the_login_link_shows_the_demo_agenda(
    page: Page, live_server: Any, demo_user: User, results_dir: Path
) -> None:
    log_in(page, live_server, demo_user)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()
    overdue = group(page, "Overdue")
    expect(overdue).to_be_visible()
    expect(overdue.get_by_role("link", name="Saguaro Health Partners").first).to_be_visible()
    expect(step(page, "Call Gloria Sandoval")).to_contain_text("Rio Grande Sign Works")
    page.screenshot(path=str(results_dir / "today.png"), full_page=True)


def test_a_login_link_works_once(
    page: Page, browser: Browser, live_server: Any, demo_user: User
) -> None:
    link = issue_login_link(demo_user, base_url=live_server.url)
    page.goto(link)
    expect(page.get_by_role("heading", name="Today", level=1)).to_be_visible()

    stranger = browser.new_context().new_page()  # another browser: no session cookie
    answer = stranger.goto(link)
    assert answer is not None
    assert answer.status == 403
    expect(stranger.get_by_text("already used")).to_be_visible()
    stranger.goto(f"{live_server.url}/")
    expect(stranger).to_have_url(re.compile(r"/accounts/login/"))
    stranger.context.close()


@pytest.mark.submits("add_application")
def test_add_an_application_and_see_it_on_the_board(
    signed_in: Page, live_server: Any, as_of: date
) -> None:
    page = signed_in
    main_nav(page, "Applications").click()
    expect(page.get_by_role("heading", name="Applications", level=1)).to_be_visible()
    expect(board_summary(page)).to_have_text("12 applications.")
    expect(page.get_by_role("link", name="Juniper Grid Analytics")).to_have_count(0)

    page.get_by_role("link", name="Add an application").click()
    page.get_by_label("Company").fill("Juniper Grid Analytics")
    page.get_by_label("Role or job title").fill("Energy Data Analyst")
    # The posting is read as it is typed: its follow-up directions show before saving.
    page.get_by_label("Text of the posting").fill(
        "Energy data analyst. Please email only, no phone calls."
    )
    directions = page.locator("#directions")
    expect(directions).to_contain_text("They ask not to be called.")
    expect(directions).to_contain_text("They want email only.")
    expect(page.get_by_label("Date applied")).to_have_value(as_of.isoformat())
    page.get_by_label("Name").fill("Ada Vigil")
    page.get_by_label("Email").fill("ada@juniper.example.org")
    page.get_by_role("button", name="Add the application").click()

    expect(page.get_by_role("heading", name="Juniper Grid Analytics", level=1)).to_be_visible()
    main_nav(page, "Applications").click()
    expect(board_summary(page)).to_have_text("13 applications.")
    applied = page.locator("section.column").filter(
        has=page.get_by_role("heading", name=re.compile(r"^Applied\b"))
    )
    card = applied.get_by_role("listitem").filter(
        has=page.get_by_role("link", name="Juniper Grid Analytics")
    )
    expect(card).to_contain_text("Energy Data Analyst")


@pytest.mark.submits("log_event", "debrief")
def test_log_an_interview_and_its_debrief_then_thank_you_steps_appear(
    signed_in: Page, live_server: Any, as_of: date
) -> None:
    page = signed_in
    page.goto(f"{live_server.url}/applications/petroglyph-freight-scm/")
    ladder = next_steps(page)
    expect(ladder.get_by_text("Send a thank-you note", exact=False)).to_have_count(0)

    log = page.locator("form.log-form")
    log.get_by_label("What happened").select_option(label="Interview")
    log.get_by_label("Wen Zhao").check()
    log.get_by_label("Keisha Moore").check()
    log.get_by_label(re.compile(r"^Round\b")).fill("2")
    log.get_by_label(re.compile(r"^Kind\b")).select_option(label="Video")
    log.get_by_role("button", name="Log it").click()
    expect(
        page.get_by_role("status").filter(
            has_text="Logged: Interview with Wen Zhao and Keisha Moore"
        )
    ).to_be_visible()

    page.get_by_text("Answer the closing questions").click()
    debrief = page.locator("section.debrief form")
    debrief.get_by_label("Who answered").select_option(label="Wen Zhao")
    hear_by = as_of + timedelta(days=10)
    debrief.get_by_label("When should I expect to hear from you?").fill(hear_by.isoformat())
    debrief.get_by_label("How many candidates are you considering?").fill("three")
    debrief.get_by_label("May I follow up by phone?").select_option(label="No, please don't phone")
    debrief.get_by_role("button", name="Record the answers").click()

    timeline = page.locator("#app-journal")
    expect(timeline.get_by_text(re.compile(r"Wen Zhao said you'd hear .*by"))).to_be_visible()
    expect(timeline.get_by_text("Contact directions: no phone calls")).to_be_visible()
    ladder = next_steps(page)
    expect(ladder.get_by_text("Send a thank-you note to Wen Zhao")).to_be_visible()
    expect(ladder.get_by_text("Send a thank-you note to Keisha Moore")).to_be_visible()

    # And they are on today's agenda, due now.
    main_nav(page, "Today").click()
    expect(step(page, "Send a thank-you note to Wen Zhao")).to_contain_text(
        "Petroglyph Freight Systems"
    )
    expect(step(page, "Send a thank-you note to Keisha Moore")).to_be_visible()


@pytest.mark.submits("step_done")
def test_a_voicemail_turns_the_next_call_into_one_without_a_message(
    signed_in: Page, live_server: Any
) -> None:
    page = signed_in
    no_message = "Don't leave another voicemail this time."
    call = group(page, "Today").get_by_role("article").filter(has_text="Call Gloria Sandoval")
    expect(call).to_contain_text("Rio Grande Sign Works")
    expect(call).not_to_contain_text(no_message)

    call.get_by_role("button", name="Left a voicemail").click()
    expect(
        page.get_by_role("status").filter(
            has_text="Recorded for Rio Grande Sign Works: call, left a voicemail."
        )
    ).to_be_visible()
    # The plan updated in place: the call moved to later this week, without a message.
    expect(group(page, "Today").get_by_text("Call Gloria Sandoval")).to_have_count(0)
    again = group(page, "This week").get_by_role("article").filter(has_text="Call Gloria Sandoval")
    expect(again).to_contain_text(no_message)

    page.get_by_role("link", name="Rio Grande Sign Works").first.click()
    first = next_steps(page).get_by_role("listitem").first
    expect(first).to_contain_text("Call Gloria Sandoval")
    expect(first).to_contain_text("no voicemail")
    expect(
        page.locator("#app-journal").get_by_text("Called Gloria Sandoval: left a voicemail")
    ).to_be_visible()


def test_export_downloads_a_valid_journal(
    signed_in: Page, live_server: Any, as_of: date, tmp_path: Path
) -> None:
    page = signed_in
    main_nav(page, "Settings").click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download your journal (JSON)").click()
    saved = tmp_path / "journal.json"
    info.value.save_as(saved)

    journal = parse_journal(json.loads(saved.read_text(encoding="utf-8")))
    demo_ids = [app["id"] for app in demo_data(as_of)["applications"]]
    assert sorted(app.id for app in journal.applications) == sorted(demo_ids)

"""A journey in Chromium: booking an interview for later this week (rules §4.0)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from playwright.sync_api import Page, expect

from .test_journeys import group, main_nav, next_steps, step

PREPARE = "Interview on Thu 19 Nov, 14:00: prepare"


def test_book_an_interview_and_prepare_for_it(
    signed_in: Page, live_server: Any, as_of: date
) -> None:
    page = signed_in
    page.goto(f"{live_server.url}/applications/rio-abajo-water-data/")
    expect(page.get_by_role("heading", name="Interview debrief")).to_have_count(0)

    log = page.locator("form.log-form")
    log.get_by_label("What happened").select_option(label="Interview")
    log.locator("#id_date").fill((as_of + timedelta(days=1)).isoformat())  # Thu 19 Nov
    log.locator("#id_time").fill("14:00")
    log.get_by_label("Carmen Lucero").check()
    log.get_by_role("button", name="Log it").click()
    expect(
        page.get_by_role("status").filter(has_text=re.compile(r"^Scheduled: Interview with Carmen"))
    ).to_be_visible()
    expect(next_steps(page).get_by_text(PREPARE)).to_be_visible()
    # Not yet: the closing questions are answered at the interview.
    expect(page.get_by_role("heading", name="Interview debrief")).to_have_count(0)

    main_nav(page, "Today").click()
    card = step(page, PREPARE)
    expect(card).to_be_visible()
    # Prepared for on the business day before: today, Wed 18 Nov.
    expect(group(page, "Today").get_by_role("heading", name=PREPARE)).to_be_visible()
    # The sheet is fetched when its disclosure is opened (htmx), copy button and all.
    card.get_by_text("Preparation sheet", exact=True).click()
    expect(card.get_by_role("button", name="Copy message")).to_be_visible()
    expect(card.get_by_role("textbox", name="Your notes for the interview")).to_contain_text(
        "With: Carmen Lucero (HR)"
    )
    expect(card.get_by_role("textbox", name="Your notes for the interview")).to_contain_text(
        "May I follow up by phone?"
    )
    expect(card.get_by_role("button", name="Done — sent")).to_have_count(0)

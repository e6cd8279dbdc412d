"""Layout and access in Chromium: dark mode, a 390 px phone, Today's groups (counts,
folding, filters), unique ids, tap targets and button names that say what and to whom."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from .conftest import axe_problems

PAGES = ("/", "/applications/", "/applications/mesa-grid-analyst/", "/contacts/", "/settings/")


def test_dark_mode_passes_axe_on_the_main_pages(signed_in: Page, live_server: Any) -> None:
    page = signed_in
    page.emulate_media(color_scheme="dark")
    problems = []
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        problems += axe_problems(page)
    assert not problems, "\n".join(problems)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(15, 17, 21)"  # the dark page colour


def test_a_phone_gets_one_row_of_navigation_and_what_comes_next_first(
    signed_in: Page, live_server: Any
) -> None:
    page = signed_in
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/applications/mesa-grid-analyst/")
    middles = page.evaluate(
        "[...document.querySelectorAll('nav[aria-label=Main] li > a, nav[aria-label=Main] li button')]"
        ".map(e => { const r = e.getBoundingClientRect(); return (r.top + r.bottom) / 2 })"
    )
    # Today, Applications, Contacts, Insights, Settings and Log out: one row
    assert len(middles) == 6 and max(middles) - min(middles) < 4, middles
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    ladder = page.get_by_role("heading", name="What comes next", exact=True).bounding_box()
    facts = page.get_by_role("heading", name="About the job", exact=True).bounding_box()
    assert ladder and facts and ladder["y"] < facts["y"]
    assert not axe_problems(page)


def test_today_counts_folds_and_filters(signed_in: Page, live_server: Any) -> None:
    page = signed_in
    overdue = page.locator("section.group-overdue")
    cards = overdue.get_by_role("article")
    count = cards.count()
    expect(overdue.get_by_role("heading", level=2)).to_have_text(
        re.compile(rf"^Overdue {count} steps?$")
    )
    page.get_by_text("Fold Overdue", exact=True).click()
    expect(cards.first).to_be_hidden()
    page.get_by_text("Unfold Overdue", exact=True).click()
    expect(cards.first).to_be_visible()

    filters = page.get_by_role("navigation", name="Filter the steps")
    filters.get_by_role("link", name="Overdue").click()
    expect(page.locator("section.group")).to_have_count(1)
    expect(page.locator("section.group-overdue")).to_be_visible()
    filters.get_by_role("link", name="Phone").click()
    expect(page).to_have_url(re.compile(r"how=phone"))
    channels = page.locator("section.group .channel").all_inner_texts()
    assert channels and set(channels) == {"Phone"}
    filters.get_by_role("link", name="All steps").click()
    expect(page.locator("section.group")).not_to_have_count(1)


def test_ids_are_unique_and_buttons_say_what_and_to_whom(signed_in: Page, live_server: Any) -> None:
    page = signed_in
    names = page.get_by_role("button", name=re.compile("^Done — sent")).evaluate_all(
        "buttons => buttons.map(b => b.getAttribute('aria-label'))"
    )
    assert len(names) > 1 and len(set(names)) == len(names), names
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        ids = page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
        assert len(ids) == len(set(ids)), (path, sorted({i for i in ids if ids.count(i) > 1}))

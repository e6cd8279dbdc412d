"""Deciding an offer in Chromium: accept it on its page (htmx), or decline it from
Today's card (a plain form); either way the stage and the plan follow."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

OFFER = "turquoise-trail-analyst"  # the demo's application with an offer


@pytest.mark.submits("decide_offer")
def test_accept_the_offer_from_its_page(signed_in: Page, live_server: Any) -> None:
    page = signed_in
    page.goto(f"{live_server.url}/applications/{OFFER}/")
    offer = page.get_by_role("region", name="Your offer")
    expect(offer).to_be_visible()
    offer.get_by_role("button", name="Accept the offer").click()
    expect(page.get_by_role("status")).to_contain_text("Offer accepted.")
    expect(page.get_by_role("region", name="Your offer")).to_have_count(0)
    page.reload()
    expect(page.locator(".badge.stage")).to_have_text("Closed")


@pytest.mark.submits("decide_offer")
def test_decline_the_offer_from_todays_card(signed_in: Page, live_server: Any) -> None:
    page = signed_in  # on Today
    card = page.locator("form", has=page.get_by_role("button", name="Decline it"))
    expect(card).to_have_count(1)
    card.get_by_role("button", name="Decline it").click()
    expect(page).to_have_url(f"{live_server.url}/applications/{OFFER}/")
    expect(page.get_by_role("status").filter(has_text="Offer declined.")).to_be_visible()
    expect(page.get_by_role("region", name="Your offer")).to_have_count(0)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("button", name="Decline it")).to_have_count(0)

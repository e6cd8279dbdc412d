"""Accepting an offer in Chromium: the button, the htmx answer, the closed stage."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect


def test_accept_the_offer_from_its_page(signed_in: Page, live_server: Any) -> None:
    page = signed_in
    page.goto(f"{live_server.url}/applications/turquoise-trail-analyst/")
    offer = page.get_by_role("region", name="Your offer")
    expect(offer).to_be_visible()
    offer.get_by_role("button", name="Accept the offer").click()
    expect(page.get_by_role("status")).to_contain_text("Offer accepted.")
    expect(page.get_by_role("region", name="Your offer")).to_have_count(0)
    page.reload()
    expect(page.locator(".badge.stage")).to_have_text("Closed")

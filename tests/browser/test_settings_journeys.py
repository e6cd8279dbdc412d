"""Settings forms that show a secret once (calendar feed, API tokens), in Chromium.

A real browser sends `Origin` with every POST; a page with `Referrer-Policy:
no-referrer` makes it `Origin: null`, which the CSRF check refuses (403). The
test client sends no Origin, so only a browser can catch that.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect


@pytest.mark.submits("regenerate_feed", "revoke_feed")
def test_turn_on_the_calendar_feed_then_off(signed_in: Page, live_server: Any) -> None:
    page = signed_in
    page.goto(f"{live_server.url}/feeds/settings/")
    page.get_by_role("button", name="Turn on the calendar feed").click()
    address = page.get_by_label("Calendar feed address")
    expect(address).to_have_value(re.compile(r"/feeds/[^/]+\.ics$"))
    first = address.input_value()
    page.get_by_role("button", name="Get a new address").click()
    expect(address).to_have_value(re.compile(r"/feeds/[^/]+\.ics$"))
    assert address.input_value() != first
    page.get_by_role("button", name="Turn the feed off").click()
    expect(page.get_by_text("Your calendar feed is off.")).to_be_visible()


@pytest.mark.submits("api_token_create", "api_token_revoke")
def test_create_an_api_token_then_revoke_it(signed_in: Page, live_server: Any) -> None:
    page = signed_in
    page.goto(f"{live_server.url}/api/tokens/")
    page.get_by_label("Name").fill("my backup script")
    page.get_by_role("button", name="Create the token").click()
    expect(page.locator("#raw-token")).to_be_visible()
    page.get_by_role("button", name="Revoke my backup script").click()
    expect(page.get_by_role("button", name="Revoke my backup script")).to_have_count(0)

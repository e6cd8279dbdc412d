"""The insights page in Chromium: from the nav to a chart and its numbers, at desktop and
phone width, in the light and the dark colour scheme."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
# The chart panel's background in each scheme (insights.css).
PAPER = {"light": "rgb(255, 255, 255)", "dark": "rgb(22, 27, 34)"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_insights_from_the_nav_to_a_chart_and_its_numbers(
    signed_in: Page, results_dir: Path, size: str, scheme: str
) -> None:
    page = signed_in
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.set_viewport_size(SIZES[size])
    page.emulate_media(color_scheme=scheme)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Insights").click()
    expect(page.get_by_role("heading", name="What your search says", level=1)).to_be_visible()
    # The demo counted by hand (tests/web/test_insights.py): 11 sent, 8 answered (73 %).
    expect(page.get_by_text("You sent 11 applications; 8 heard back (73 %).")).to_be_visible()

    funnel = page.get_by_role("img", name="From application to offer")
    expect(funnel).to_be_visible()
    numbers = page.locator("#chart-funnel details")
    expect(numbers.get_by_role("table")).to_be_hidden()
    numbers.locator("summary").click()
    row = numbers.get_by_role("row", name="Heard back")
    expect(row).to_be_visible()
    expect(row.get_by_role("cell").first).to_have_text("8")

    expect(page.get_by_role("img", name="Waiting for an answer after applying")).to_be_visible()
    expect(page.get_by_role("img", name="Your weekly pace")).to_be_visible()

    figure = page.locator("#chart-funnel")
    assert figure.evaluate("e => getComputedStyle(e).backgroundColor") == PAPER[scheme]
    bar = page.locator("#chart-funnel rect.bar").first
    assert bar.evaluate("e => getComputedStyle(e).fill") != figure.evaluate(
        "e => getComputedStyle(e).backgroundColor"
    )
    # Nothing sticks out sideways on a phone: the charts scale to the column.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    chart_width = funnel.bounding_box()["width"]
    assert chart_width <= SIZES[size]["width"]
    assert not errors, errors
    page.screenshot(path=str(results_dir / f"insights-{size}-{scheme}.png"), full_page=True)
    page.locator("#chart-from-applied").screenshot(
        path=str(results_dir / f"insights-{size}-{scheme}-waiting.png")
    )


def test_the_application_page_says_whether_the_wait_is_normal(signed_in: Page) -> None:
    page = signed_in
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Applications").click()
    page.get_by_role("link", name="Rio Abajo Water Authority").first.click()
    advice = page.locator("section").filter(
        has=page.get_by_role("heading", name="Is this wait normal?")
    )
    # The demo has one other government employer at most: far from 10 answers.
    expect(advice).to_contain_text("Too few government employers have answered you")
    advice.get_by_role("link", name="More on how employers answer you").click()
    expect(page.get_by_role("heading", name="What your search says", level=1)).to_be_visible()

"""The "Add to followup" bookmarklet on local job postings (served by Playwright, no
network): with schema.org JobPosting JSON-LD, without it, and with broken JSON-LD."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, Route, expect

from followup.tracker import services

POSTING = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "Organization", "name": "Not this one"},
        {
            "@type": "JobPosting",
            "title": "Energy Data Analyst",
            "description": "<p>Model demand.</p><p>Please email only, no phone calls.</p>",
            "hiringOrganization": {"@type": "Organization", "name": "Juniper Grid Analytics"},
            "jobLocation": {
                "@type": "Place",
                "address": {
                    "addressLocality": "Santa Fe",
                    "addressRegion": "NM",
                    "addressCountry": "US",
                },
            },
            "baseSalary": {
                "@type": "MonetaryAmount",
                "currency": "USD",
                "value": {
                    "@type": "QuantitativeValue",
                    "minValue": 68000,
                    "maxValue": 76000,
                    "unitText": "YEAR",
                },
            },
        },
    ],
}


def posting_page(title: str, head: str = "", body: str = "<p>Apply by email.</p>") -> str:
    return (
        f"<!doctype html><html><head><title>{title}</title>{head}</head><body>{body}</body></html>"
    )


def ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


PAGES = {
    "/with-jsonld": posting_page("Energy Data Analyst | Juniper", ld(json.dumps(POSTING))),
    "/plain": posting_page(
        "Field Technician — Mesa Solar", body="<p id=pick>Call Dana after Friday.</p>"
    ),
    "/broken": posting_page(
        "Planner — Rio Works", ld('{"@type": "JobPosting", "title": ') + ld("[1, 2")
    ),
}


def serve_postings(page: Page) -> None:
    def answer(route: Route) -> None:
        path = "/" + route.request.url.split("/", 3)[3]
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=PAGES[path])

    page.route("https://jobs.example.org/**", answer)


def capture(page: Page, live_server: Any, path: str, select: str | None = None) -> Page:
    """Run the Settings bookmarklet on a posting page; the quick-add form it opens."""
    page.goto(f"{live_server.url}/settings/")
    href = page.get_by_role("link", name="Add to followup").get_attribute("href")
    assert href and href.startswith("javascript:")
    serve_postings(page)
    page.goto(f"https://jobs.example.org{path}")
    if select:
        page.locator(select).select_text()
    with page.context.expect_page() as opened:
        page.evaluate(unquote(href.removeprefix("javascript:")))
    form = opened.value
    form.wait_for_load_state()
    expect(form.get_by_role("heading", name="Add an application")).to_be_visible()
    return form


@pytest.mark.submits("add_application")
def test_a_posting_with_json_ld_fills_the_form(
    signed_in: Page, live_server: Any, demo_user: User
) -> None:
    form = capture(signed_in, live_server, "/with-jsonld")
    expect(form.get_by_label("Company")).to_have_value("Juniper Grid Analytics")
    expect(form.get_by_label("Role or job title")).to_have_value("Energy Data Analyst")
    expect(form.get_by_label("Link to the posting")).to_have_value(
        "https://jobs.example.org/with-jsonld"
    )
    expect(form.get_by_label("Text of the posting")).to_have_value(
        "Model demand.\nPlease email only, no phone calls."
    )
    expect(form.get_by_label("Salary from")).to_have_value("68000")
    expect(form.get_by_label("Salary up to")).to_have_value("76000")
    expect(form.get_by_label("Currency")).to_have_value("USD")
    expect(form.get_by_label("Notes")).to_have_value("Location: Santa Fe, NM, US")
    expect(form.get_by_label("Date applied")).to_have_value("")
    form.get_by_role("button", name="Add the application").click()
    expect(form.get_by_role("heading", name="Juniper Grid Analytics", level=1)).to_be_visible()
    saved = services.journal_data(demo_user)["applications"][-1]
    assert saved["salary"] == {"min": 68000, "max": 76000, "currency": "USD", "period": "year"}


def test_a_plain_page_gives_its_title_address_and_selection(
    signed_in: Page, live_server: Any
) -> None:
    form = capture(signed_in, live_server, "/plain", select="#pick")
    expect(form.get_by_label("Role or job title")).to_have_value("Field Technician — Mesa Solar")
    expect(form.get_by_label("Link to the posting")).to_have_value("https://jobs.example.org/plain")
    expect(form.get_by_label("Text of the posting")).to_have_value("Call Dana after Friday.")
    expect(form.get_by_label("Company")).to_have_value("")


def test_broken_json_ld_is_ignored(signed_in: Page, live_server: Any) -> None:
    errors: list[str] = []
    signed_in.on("pageerror", lambda error: errors.append(str(error)))
    form = capture(signed_in, live_server, "/broken")
    expect(form.get_by_label("Role or job title")).to_have_value("Planner — Rio Works")
    expect(form.get_by_label("Company")).to_have_value("")
    assert errors == []

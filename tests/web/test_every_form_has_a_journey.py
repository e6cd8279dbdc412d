"""Every POST form of the app is submitted by a browser journey.

This test renders every page (in the states that show their forms), collects the
POST forms, and fails when a form's address has no journey in tests/browser that
declares it (`@pytest.mark.submits(...)`). The journeys in turn check that they
really posted each form they declare (tests/browser/conftest.py). It also fails
when the app has a page this test doesn't render, so a new page can't slip by.
"""

from __future__ import annotations

import importlib
import pkgutil
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from pytest_django.fixtures import Settings

import tests.browser
from followup.api import services as api_tokens
from followup.digest import services as digest
from followup.mail.models import Mailbox, MailMessage
from followup.tracker import services

ZIA = "zia-solar-coordinator"
# Addresses that are not pages with forms: files, feeds, one-time links, htmx parts.
NOT_PAGES = {
    "export",  # the journal download
    "calendar_feed",
    "token_login",
    "worklog_download",
    "directions_preview",  # the add form's live preview (htmx), not a form of its own
    "api_docs_asset",
}


class Forms(HTMLParser):
    """The actions of the POST forms in a page ("" means the page's own address)."""

    def __init__(self) -> None:
        super().__init__()
        self.actions: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form" and (found.get("method") or "get").lower() == "post":
            self.actions.append(found.get("action") or "")


def declared_journeys() -> dict[str, list[str]]:
    """url name -> the browser journeys that declare they submit it."""
    found: dict[str, list[str]] = {}
    for module in pkgutil.iter_modules(tests.browser.__path__):
        if not module.name.startswith("test_"):
            continue
        loaded = importlib.import_module(f"tests.browser.{module.name}")
        for name, test in vars(loaded).items():
            for mark in getattr(test, "pytestmark", []):
                if mark.name == "submits":
                    for form in mark.args:
                        found.setdefault(form, []).append(name)
    return found


def page_names() -> set[str]:
    """Every named address of the app outside the REST API."""

    def walk(patterns: list[Any]) -> Any:
        for item in patterns:
            if isinstance(item, URLResolver):
                if item.namespace is None:  # the API is namespaced (django-ninja)
                    yield from walk(item.url_patterns)
            elif isinstance(item, URLPattern) and item.name:
                yield item.name

    return set(walk(get_resolver().url_patterns))


def name_of(path: str) -> str:
    return resolve(urlsplit(path).path).url_name or "?"


def visit(client: Client, url: str, seen: dict[str, set[str]], **post: Any) -> None:
    """GET (or POST, for pages only a POST shows) `url`; record the page and its forms."""
    answer = client.post(url, post) if post else client.get(url)
    assert answer.status_code in (200, 422), (url, answer.status_code)
    parser = Forms()
    parser.feed(answer.content.decode())
    seen.setdefault("pages", set()).add(name_of(url))
    for action in parser.actions:
        seen.setdefault("forms", set()).add(name_of(action or url))


@pytest.fixture
def everything(owner: User, owner_client: Client, settings: Settings) -> dict[str, set[str]]:
    """Every page, as the owner and as a visitor, in the states that show each form."""
    seen: dict[str, set[str]] = {}
    call = services.record_event(
        owner, ZIA, {"type": "called", "at": "2026-11-17", "outcome": "spoke"}
    )
    services.record_event(
        owner,
        "caprock-renewables-energy",
        {"type": "closed", "at": "2026-11-17", "reason": "withdrawn"},
    )
    services.applications_of(owner).filter(slug="mesa-grid-analyst").update(sample=True)
    api_tokens.create_token(owner, "backup")
    # A connected mailbox (never read here) with one proposal: the inbox's forms.
    mailbox = Mailbox.objects.create(
        user=owner, host="imap.example.org", username="owner@example.org", password_encrypted="-"
    )
    MailMessage.objects.create(
        mailbox=mailbox,
        message_key="0" * 64,
        subject="Re: Data Analyst",
        sender="pat@example.org",
        application=services.get_application(owner, "mesa-grid-analyst"),
        event={"type": "heard", "at": "2026-11-17T09:30", "channel": "email", "kind": "reply"},
        label="a reply",
        confidence="high",
        evidence="a reply in a thread already matched",
    )
    for url in (
        "/",
        "/applications/",
        "/applications/new/",
        f"/applications/{ZIA}/",
        f"/applications/{ZIA}/draft/",  # a step's words on a page of their own (no script)
        "/applications/caprock-renewables-energy/",
        f"/applications/{ZIA}/edit/",
        f"/applications/{ZIA}/delete/",
        f"/applications/{ZIA}/contacts/new/",
        f"/applications/{ZIA}/contacts/helen/edit/",
        f"/applications/{ZIA}/contacts/helen/remove/",
        f"/applications/{ZIA}/events/{call.pk}/edit/",
        "/contacts/",
        "/sample-data/remove/",
        "/settings/",
        "/feeds/settings/",
        "/digest/settings/",
        "/api/tokens/",
        "/imports/",
        "/worklog/",
        "/insights/",
        "/mail/",
        "/mail/settings/",
    ):
        visit(owner_client, url, seen)
    visit(owner_client, "/feeds/settings/regenerate/", seen, go="1")  # the feed on: its off form
    csv = b"Company,Status\nKestrel Bay,Applied\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    visit(owner_client, "/imports/", seen, action="preview", file=SimpleUploadedFile("a.csv", csv))
    owner_client.post(f"/applications/{ZIA}/delete/")
    visit(owner_client, "/applications/", seen)  # the Undo form
    settings.HOSTED = True  # the password pages are a hosted followup's
    for url in ("/accounts/password/", "/accounts/password/changed/"):
        visit(owner_client, url, seen)
    visitor = Client()
    for url in (
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/sent/",
        "/accounts/password/reset/done/",
    ):
        visit(visitor, url, seen)
    uid = urlsafe_base64_encode(force_bytes(owner.pk))
    emailed = visitor.get(
        f"/accounts/password/reset/{uid}/{default_token_generator.make_token(owner)}/"
    )
    visit(visitor, emailed["Location"], seen)  # the link's new-password form
    token = digest.issue_token(digest.update_subscription(owner, True, "o@example.org"))
    visit(visitor, f"/digest/unsubscribe/{token}/", seen)
    return seen


def test_every_post_form_has_a_browser_journey(everything: dict[str, set[str]]) -> None:
    journeys = declared_journeys()
    missing = sorted(everything["forms"] - set(journeys))
    assert not missing, f"POST forms no browser journey submits: {missing}"
    # And the journeys declare only forms that exist (a typo would check nothing).
    assert set(journeys) <= everything["forms"], sorted(set(journeys) - everything["forms"])


def test_every_page_is_rendered_here(everything: dict[str, set[str]]) -> None:
    covered = everything["pages"] | everything["forms"] | NOT_PAGES
    assert not sorted(page_names() - covered), "pages this test doesn't render"

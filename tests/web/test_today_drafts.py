"""Today's drafts and call sheets, loaded when their disclosure is opened (issue 9):
the page lists each step with a link to its words; the words come from the step's
draft address, as a fragment for htmx or as a page of their own without scripts."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from followup.tracker import services

from .conftest import AS_OF, draft_links

pytestmark = pytest.mark.django_db

CALL = "/applications/rio-grande-print-ops/draft/?action=call&to=gloria&key=s3"


def test_today_lists_the_drafts_without_their_words(owner_client: Client) -> None:
    page = owner_client.get("/").content.decode()
    assert "readonly" not in page  # the forms' note fields only, no draft's text
    assert "What to say" not in page and "Ask for" not in page
    # The demo's 13 steps this week, each with words, in the page's order.
    links = draft_links(page)
    assert len(links) == 13
    assert links[2] == CALL
    disclosure = re.search(r'<details class="draft"[^>]*>', page)
    assert disclosure is not None
    assert 'hx-trigger="toggle once"' in disclosure.group(0)
    assert 'hx-target="find .draft-body"' in disclosure.group(0)
    assert (
        'hx-get="/applications/front-range-ledger-audience/draft/'
        '?action=status_update&amp;to=naomi&amp;key=s1"'
    ) in disclosure.group(0)


def test_opening_a_call_sheet_gets_only_its_words(owner_client: Client) -> None:
    response = owner_client.get(CALL, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert '<textarea id="s3-body" readonly rows="12">Ask for\n  Gloria Sandoval' in body
    assert 'data-copy="s3-body"' in body
    assert "08:30-10:00 America/Denver time" in body


def test_an_email_draft_has_its_subject_and_mail_link(owner_client: Client) -> None:
    link = "/applications/front-range-ledger-audience/draft/?action=status_update&to=naomi&key=s1"
    body = owner_client.get(link, HTTP_HX_REQUEST="true").content.decode()
    assert '<input id="s1-subject" type="text" readonly' in body
    assert 'href="mailto:naomi@frontrangeledger.example.org?subject=' in body


def test_without_scripts_the_link_opens_a_page_of_its_own(owner_client: Client) -> None:
    body = owner_client.get(CALL).content.decode()
    assert body.lstrip().lower().startswith("<!doctype html>")
    assert "<h1>Call Gloria Sandoval</h1>" in body
    assert '<a href="/applications/rio-grande-print-ops/">Rio Grande Sign Works</a>' in body
    assert '<textarea id="s3-body"' in body


def test_a_made_up_key_gives_plain_ids(owner_client: Client) -> None:
    link = CALL.replace("key=s3", "key=%22%3E%3Cscript%3E")
    body = owner_client.get(link, HTTP_HX_REQUEST="true").content.decode()
    assert '<textarea id="d-body"' in body
    assert "<script>" not in body


def test_a_step_no_longer_pending_says_so_and_what_is(owner: User, owner_client: Client) -> None:
    services.record_done(
        owner, "rio-grande-print-ops", "call", "gloria", outcome="spoke", as_of=AS_OF
    )
    body = owner_client.get(CALL, HTTP_HX_REQUEST="true").content.decode()
    assert 'role="alert"' in body
    assert "rio-grande-print-ops has no pending step" in body
    assert "<textarea" not in body


def test_an_unknown_step_names_the_pending_ones(owner_client: Client) -> None:
    link = "/applications/rio-grande-print-ops/draft/?action=nonsense"
    body = owner_client.get(link, HTTP_HX_REQUEST="true").content.decode()
    assert (
        "rio-grande-print-ops has no pending step &quot;nonsense&quot;; "
        "its pending steps: call to gloria"
    ) in body


def test_another_users_application_is_404(other_client: Client) -> None:
    assert other_client.get(CALL).status_code == 404


# Today reads the accepted offers once, for its plan and its nudges (issue 9) ----------


def test_once_an_offer_is_accepted_today_has_no_nudges_and_says_to_withdraw(
    owner: User, owner_client: Client
) -> None:
    before = owner_client.get("/").content.decode()
    assert "Keep searching" in before and "Weekly goal" in before
    services.decide_offer(owner, "turquoise-trail-analyst", "accept", as_of=AS_OF)
    after = owner_client.get("/").content.decode()
    assert "Keep searching" not in after and "Weekly goal" not in after
    # Every other open application: let them know you have accepted elsewhere.
    assert "Withdraw" in after

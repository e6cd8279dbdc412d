"""Accepting or declining an offer from its application page (spec §7.1)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from followup.tracker.models import Application, Event

OFFER = "turquoise-trail-analyst"  # the demo's application with an offer
MESA = "mesa-grid-analyst"  # interviewing: no offer to decide

pytestmark = pytest.mark.database


def decide(client: Client, slug: str, decision: str, **headers: str) -> object:
    return client.post(reverse("decide_offer", args=[slug]), {"decision": decision}, **headers)


def test_the_offer_page_offers_accept_and_decline(owner: User, owner_client: Client) -> None:
    body = owner_client.get(reverse("application", args=[OFFER])).content.decode()
    assert 'name="decision" value="accept"' in body
    assert 'name="decision" value="decline"' in body
    other = owner_client.get(reverse("application", args=[MESA])).content.decode()
    assert 'name="decision"' not in other  # only an application with an offer


@pytest.mark.parametrize(("decision", "reason"), [("accept", "accepted"), ("decline", "withdrawn")])
def test_deciding_closes_the_application(
    owner: User, owner_client: Client, decision: str, reason: str
) -> None:
    response = decide(owner_client, OFFER, decision)
    assert response.status_code == 302
    last = Event.objects.filter(application__slug=OFFER).order_by("-pk").first()
    assert last is not None
    assert (last.type, last.data) == ("closed", {"reason": reason})
    assert Application.objects.get(slug=OFFER).stage == "closed"


def test_by_htmx_the_region_comes_back_with_the_news(owner: User, owner_client: Client) -> None:
    response = decide(owner_client, OFFER, "accept", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Offer accepted." in response.content.decode()


@pytest.mark.parametrize(("slug", "decision"), [(MESA, "accept"), (OFFER, "shrug")])
def test_no_offer_or_no_decision_is_422_and_changes_nothing(
    owner: User, owner_client: Client, slug: str, decision: str
) -> None:
    before = Event.objects.count()
    response = decide(owner_client, slug, decision)
    assert response.status_code == 422
    body = response.content.decode()
    assert "no offer to accept" in body or "Say accept or decline" in body
    assert Event.objects.count() == before


def test_another_users_offer_is_404(owner: User, other_client: Client) -> None:
    before = Event.objects.count()
    assert decide(other_client, OFFER, "accept").status_code == 404
    assert Event.objects.count() == before


def test_an_offer_planned_alone_still_names_the_other_open_applications(owner: User) -> None:
    """§7.1: decide_offer's reason names the applications still open. The application
    page and the CLI's "Next:" line plan one application (with the offers); its reason
    must say what the whole plan says, not "No other application is open"."""
    from followup.tracker import services

    as_of = services.today_for(owner)
    whole = services.plan_for(owner, as_of)
    alone = services.plan_for(owner, as_of, services.applications_of(owner).filter(slug=OFFER))

    def reason(plan: object) -> str:
        item = next(p for p in plan.applications if p.application.id == OFFER)  # type: ignore[attr-defined]
        return str(item.steps[0].reason)

    assert "Still open: Mesa Grid Energy" in reason(whole)
    assert reason(alone) == reason(whole)

"""Every step has words wherever it is shown (Today, the digest, the calendar feed and
the CLI all go through `what_to_do` or `action_label`), the end-of-search steps of
§7.1 included; a step this version doesn't know is shown loudly, never raw."""

from __future__ import annotations

from datetime import date

import pytest

from followup.cli.render import describe
from followup.planner.model import ACTIONS, Application, Contact, DraftContext, Step, action_label
from followup.planner.plan import ApplicationPlan
from followup.tracker.presenters import what_to_do

PAT = Contact("pat", "Pat Lee", "hiring_manager", "pat@acme.example")
END_OF_SEARCH = ("decide_offer", "withdraw")  # spec §7.1


def item_with(action: str, to: str | None) -> tuple[ApplicationPlan, Step]:
    app = Application("acme", "Acme", contacts=(PAT,))
    day = date(2026, 12, 3)
    step = Step(action, "email" if to else None, to, day, day, "Because.", ())
    return ApplicationPlan(app, "offer", (step,), DraftContext()), step


@pytest.mark.parametrize("action", sorted({*ACTIONS, *END_OF_SEARCH}))
def test_every_action_has_words(action: str) -> None:
    item, step = item_with(action, "pat")
    assert not action_label(action).startswith("Unknown")
    said = what_to_do(item, step)
    assert "Unknown" not in said
    assert action not in said  # the words, not the name


def test_the_end_of_a_search_in_words() -> None:
    assert what_to_do(*item_with("decide_offer", None)) == "Decide on the offer: accept or decline"
    assert (
        what_to_do(*item_with("withdraw", "pat"))
        == "Withdraw warmly: tell Pat Lee you have accepted another offer"
    )
    assert describe(*item_with("decide_offer", None)) == "Decide on the offer"


def test_an_unknown_action_cannot_be_missed() -> None:
    item, step = item_with("frobnicate", "pat")
    assert what_to_do(item, step) == "Unknown step “frobnicate” (update followup)"
    assert describe(item, step).startswith("Unknown step “frobnicate” (update followup) — Pat Lee")


def test_a_decide_offer_card_on_today_offers_accept_and_decline(db: None) -> None:
    from django.template.loader import render_to_string

    from followup.planner.model import Profile
    from followup.tracker.presenters import step_card

    item, step = item_with("decide_offer", None)
    card = step_card("s1", item, step, Profile())
    html = render_to_string(
        "tracker/partials/step_card.html",
        {"card": card, "group": {"name": "today"}, "outcomes": [], "heard_kinds": []},
    )
    assert 'action="/applications/acme/offer/"' in html
    assert 'name="decision" value="accept"' in html
    assert 'name="decision" value="decline"' in html
    assert "Done — sent" not in html  # a decision, not a message


def test_done_on_an_offer_says_accept_or_decline() -> None:
    from followup.tracker import services

    _, step = item_with("decide_offer", None)
    with pytest.raises(services.ServiceError, match="an offer is accepted or declined"):
        services.done_event(step, "2026-12-03T09:00")
    _, withdraw = item_with("withdraw", "pat")
    assert services.done_event(withdraw, "2026-12-03T09:00") == {
        "type": "sent",
        "at": "2026-12-03T09:00",
        "channel": "email",
        "to": "pat",
        "purpose": "withdraw",
    }

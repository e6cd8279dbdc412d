"""Scheduled interviews (§4.0) and "now" (§2) in the web app and the morning digest.

The demo as of Wed 18 Nov 2026: Rio Abajo Water (government, HR contact Carmen) has
only an application. An interview booked for Fri 20 Nov at 10:00 is prepared for on
prev_bd(Thu 19 Nov) = Thu 19 Nov.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from followup.digest.services import build_digest
from followup.tracker import services
from followup.tracker.models import Event

from .conftest import AS_OF, opened_drafts
from .test_application_page import events_of, log_url, page_url, text_of

pytestmark = pytest.mark.django_db

RIO = "rio-abajo-water-data"
BOOKED = {
    "type": "interview",
    "date": "2026-11-20",
    "time": "10:00",
    "interview_with": ["carmen"],
    "interview_kind": "video",
}
PREPARE = "Interview on Fri 20 Nov, 10:00: prepare"


def book(client: Client, **extra: Any) -> Any:
    return client.post(log_url(RIO), {**BOOKED, **extra}, HTTP_HX_REQUEST="true")


def test_the_log_form_takes_a_future_interview_and_says_it_is_scheduled(
    owner_client: Client,
) -> None:
    response = book(owner_client)
    assert response.status_code == 200
    assert "Scheduled: " in text_of(response)
    assert events_of(RIO)[-1] == (
        "interview",
        {"with": ["carmen"], "kind": "video"},
    )
    page = text_of(owner_client.get(page_url(RIO)))
    assert PREPARE in page
    assert "Preparation sheet" not in page  # the sheet is on Today, with the step


def test_today_and_the_digest_show_the_interview_to_prepare(
    owner: User, owner_client: Client
) -> None:
    book(owner_client)
    today = text_of(owner_client.get("/"))
    assert PREPARE in today
    assert "Preparation sheet" in today
    assert "Ask at the end" in opened_drafts(owner_client)
    # Preparing is not a message: no "Done — sent" for it, and no event to record.
    with pytest.raises(services.ServiceError, match="prepare_interview"):
        services.record_done(owner, RIO, "prepare_interview", as_of=AS_OF)
    # The morning digest of Thu 19 Nov, the day to prepare, lists it.
    assert PREPARE not in [step.what for step in build_digest(owner, AS_OF).today]
    digest = build_digest(owner, date(2026, 11, 19))
    assert PREPARE in [step.what for step in digest.today]


def test_the_debrief_is_offered_from_the_interviews_day_on(owner_client: Client) -> None:
    book(owner_client)
    assert "Interview debrief" not in text_of(owner_client.get(page_url(RIO)))
    assert "Interview debrief" in text_of(owner_client.get(page_url("mesa-grid-analyst")))


def test_something_logged_for_today_without_a_time_gets_the_current_time(
    owner_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "now_at", lambda app, now=None: "2026-11-18T09:41")
    data = {"type": "sent", "date": "2026-11-18", "sent_to": "carmen", "sent_purpose": "other"}
    assert owner_client.post(log_url(RIO), data).status_code == 302
    assert Event.objects.filter(application__slug=RIO).latest("id").at == "2026-11-18T09:41"
    # Another day without a time stays a date alone.
    earlier = {**data, "date": "2026-11-17"}
    assert owner_client.post(log_url(RIO), earlier).status_code == 302
    assert Event.objects.filter(application__slug=RIO).latest("id").at == "2026-11-17"

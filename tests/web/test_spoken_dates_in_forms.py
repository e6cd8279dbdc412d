"""Web forms read dates as people say them, like the command line."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from followup.tracker import forms
from followup.tracker.forms import LogEventForm
from followup.tracker.models import Event

WED = date(2026, 11, 18)


@pytest.fixture(autouse=True)
def wednesday(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forms, "today", lambda: WED)


def form(**data: str) -> LogEventForm:
    bound = LogEventForm(data)
    bound.set_contacts([("kim", "Kim Nguyen")])
    return bound


@pytest.mark.parametrize(
    ("typed", "day"),
    [("yesterday", date(2026, 11, 17)), ("mon", date(2026, 11, 16)), ("4 Nov", date(2026, 11, 4))],
)
def test_when_it_happened(typed: str, day: date) -> None:
    bound = form(type="applied", date=typed)
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["date"] == day


def test_a_date_named_ahead_is_the_next_such_day() -> None:
    bound = form(type="expectation", date="today", expectation_by="fri")
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["expectation_by"] == date(2026, 11, 20)


def test_unreadable_text_is_an_error_on_its_field() -> None:
    bound = form(type="applied", date="someday")
    assert not bound.is_valid()
    assert "date" in bound.errors


def test_the_field_is_text_with_a_hint() -> None:
    html = str(form()["date"])
    assert 'type="text"' in html
    assert 'placeholder="e.g. yesterday, fri, 2026-12-01"' in html


@pytest.mark.database
def test_logging_yesterday_on_the_page(owner: User, owner_client: Client) -> None:
    response = owner_client.post(
        reverse("log_event", args=["mesa-grid-analyst"]),
        {"type": "sent", "date": "yesterday", "sent_to": "kim", "sent_purpose": "check_in"},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    last = Event.objects.filter(application__slug="mesa-grid-analyst").order_by("-pk").first()
    assert last is not None
    assert (last.type, last.at) == ("sent", "2026-11-17")


@pytest.mark.database
def test_what_must_have_happened_cannot_be_dated_tomorrow(
    owner: User, owner_client: Client
) -> None:
    before = Event.objects.count()
    response = owner_client.post(
        reverse("log_event", args=["mesa-grid-analyst"]), {"type": "sent", "date": "tomorrow"}
    )
    assert response.status_code == 422
    assert (
        "at: 2026-11-19 is after today (2026-11-18): record the sent event once it has happened"
        in response.content.decode()
    )
    assert Event.objects.count() == before


@pytest.mark.database
def test_an_application_cannot_be_added_as_applied_tomorrow(owner: User) -> None:
    from followup.tracker import services
    from followup.tracker.models import Application

    before = Application.objects.count()
    with pytest.raises(services.ServiceError, match="record the applied event once"):
        services.add_application(
            owner, {"company": "Futura", "events": [{"type": "applied", "at": "2026-11-19"}]}
        )
    assert Application.objects.count() == before

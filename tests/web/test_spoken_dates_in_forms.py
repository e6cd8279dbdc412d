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
        "Date: 2026-11-19 is after today (2026-11-18): record the sent event once it has happened"
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


# Every form that reads a date or a time takes the same words --------------------------

ADD_DEFAULTS = {"employer_kind": "unknown", "contact_role": "recruiter"}


@pytest.mark.database
def test_the_add_form_takes_yesterday_and_refuses_tomorrow_on_its_field(
    owner: User, owner_client: Client
) -> None:
    from followup.tracker.models import Application

    page = owner_client.get(reverse("add_application")).content.decode()
    assert 'name="applied_on"' in page
    assert 'type="date"' not in page
    response = owner_client.post(
        reverse("add_application"), {"company": "Nimbus Labs", "applied_on": "mon", **ADD_DEFAULTS}
    )
    assert response.status_code == 302
    applied = Event.objects.get(application__slug="nimbus-labs", type="applied")
    assert applied.at == "2026-11-16"  # the Monday before Wednesday the 18th
    before = Application.objects.count()
    response = owner_client.post(
        reverse("add_application"),
        {"company": "Cirrus Works", "applied_on": "tomorrow", **ADD_DEFAULTS},
    )
    assert response.status_code == 422
    page = response.content.decode()
    field = page[page.index('id="id_applied_on"') - 2000 : page.index('id="id_applied_on"') + 2000]
    assert "2026-11-19 is after today (2026-11-18)" in field
    assert Application.objects.count() == before


@pytest.mark.database
def test_the_heard_back_box_is_text_and_takes_a_weekday(owner: User, owner_client: Client) -> None:
    page = owner_client.get(reverse("today")).content.decode()
    assert 'type="date"' not in page
    assert 'name="by" placeholder="e.g. fri, +3d, 2026-12-01"' in page
    response = owner_client.post(
        "/applications/rio-grande-print-ops/heard/",
        {"kind": "new_date", "sender": "gloria", "channel": "phone", "by": "fri"},
    )
    assert response.status_code == 302
    heard = Event.objects.get(
        application__slug="rio-grande-print-ops", type="heard", data__kind="new_date"
    )
    assert heard.data["by"] == "2026-11-20"  # the coming Friday


@pytest.mark.database
def test_editing_an_event_takes_yesterday(owner: User, owner_client: Client) -> None:
    event = Event.objects.filter(application__slug="mesa-grid-analyst", type="applied").get()
    url = reverse("edit_event", args=["mesa-grid-analyst", event.pk])
    assert 'type="date"' not in owner_client.get(url).content.decode()
    response = owner_client.post(url, {"date": "6 days ago", "notes": ""})
    assert response.status_code == 302, response.content.decode()[-1500:]
    event.refresh_from_db()
    assert event.at == "2026-11-12"


def test_the_mail_form_reads_a_day_and_a_time_as_said() -> None:
    from followup.mail.forms import ChangeForm

    bound = ChangeForm(
        {"application": "acme", "at": "yesterday 14:30"}, applications=[("acme", "Acme")]
    )
    assert bound.is_valid(), bound.errors
    assert bound.cleaned_data["at"].strftime("%Y-%m-%d %H:%M") == "2026-11-17 14:30"
    assert 'type="datetime-local"' not in str(bound["at"])
    bound = ChangeForm({"application": "acme", "at": "someday"}, applications=[("acme", "Acme")])
    assert not bound.is_valid()
    assert "at" in bound.errors

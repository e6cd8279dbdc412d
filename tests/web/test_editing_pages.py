"""The pages that correct data: edit an application, reopen, delete and Undo,
contacts, an interview with a new person, editing an event, the Contacts page, and
removing the sample data. Each checks the owner, another user and anonymous."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from followup.tracker import corrections, services
from followup.tracker.models import Event

from .conftest import AS_OF

pytestmark = pytest.mark.django_db

ZIA = "zia-solar-coordinator"


def journal(user: User, slug: str = ZIA) -> dict[str, Any]:
    return corrections.journal_of(user, services.get_application(user, slug))


def text(response: Any) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def edit_post(user: User, **changes: str) -> dict[str, str]:
    """The edit form as a browser posts it, with the stored values and `changes`."""
    data = journal(user)
    posted = {key: data.get(key) or "" for key in ("company", "role", "industry", "notes")}
    posted |= {"employer_kind": data.get("employer_kind", "unknown"), "salary_period": "year"}
    posted |= {
        "posting_text": data.get("posting_text", ""),
        "posting_url": data.get("posting_url", ""),
    }
    return {**posted, **changes}


# Every page and action is the owner's only ------------------------------------------------

OWNED = [
    ("get", f"/applications/{ZIA}/edit/"),
    ("post", f"/applications/{ZIA}/edit/"),
    ("post", f"/applications/{ZIA}/reopen/"),
    ("get", f"/applications/{ZIA}/delete/"),
    ("post", f"/applications/{ZIA}/delete/"),
    ("get", f"/applications/{ZIA}/contacts/new/"),
    ("post", f"/applications/{ZIA}/contacts/new/"),
    ("get", f"/applications/{ZIA}/contacts/helen/edit/"),
    ("post", f"/applications/{ZIA}/contacts/helen/remove/"),
]


@pytest.mark.parametrize(("method", "url"), OWNED)
def test_another_user_gets_404_and_anonymous_the_login(
    owner: User, other_client: Client, anon_client: Client, method: str, url: str
) -> None:
    before = services.journal_data(owner)
    assert getattr(other_client, method)(url, {"company": "Hacked"}).status_code == 404
    answer = getattr(anon_client, method)(url, {"company": "Hacked"})
    assert answer.status_code == 302 and answer["Location"].startswith("/accounts/login/")
    assert services.journal_data(owner) == before


def test_edit_every_fact_and_the_salary(owner: User, owner_client: Client) -> None:
    page = owner_client.get(f"/applications/{ZIA}/edit/")
    assert page.status_code == 200 and 'value="Zia Community Solar"' in page.content.decode()
    answer = owner_client.post(
        f"/applications/{ZIA}/edit/",
        edit_post(
            owner,
            company="Zia Solar Co-op",
            role="Program Coordinator",
            employer_kind="nonprofit",
            industry="Energy",
            country="us",
            subdivision="NM",
            timezone="America/Denver",
            posting_url="https://jobs.example.org/zia",
            posting_text="Coordinate community solar.",
            notes="Met them at a fair",
            first_six_months="Sign up 200 households.",
            salary_min="52000",
            salary_max="58000.50",
            salary_currency="usd",
            salary_period="year",
        ),
    )
    assert answer.status_code == 302 and answer["Location"] == f"/applications/{ZIA}/"
    data = journal(owner)
    assert {k: v for k, v in data.items() if k not in ("contacts", "events")} == {
        "id": ZIA,
        "company": "Zia Solar Co-op",
        "role": "Program Coordinator",
        "employer_kind": "nonprofit",
        "industry": "Energy",
        "country": "US",
        "subdivision": "NM",
        "timezone": "America/Denver",
        "posting_url": "https://jobs.example.org/zia",
        "posting_text": "Coordinate community solar.",
        "notes": "Met them at a fair",
        "first_six_months": "Sign up 200 households.",
        "salary": {"min": 52000, "max": 58000.5, "currency": "USD", "period": "year"},
    }
    shown = text(owner_client.get(f"/applications/{ZIA}/"))
    assert "Salary USD 52,000–58,000.50 a year" in shown
    assert "The posting's text" in shown and "Coordinate community solar." in shown


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"company": " "}, "Enter the company's name."),
        ({"salary_min": "9", "salary_max": "5"}, "This is less than the amount it starts from."),
        ({"salary_currency": "dollars", "salary_min": "5"}, "Use a three-letter currency code"),
        ({"timezone": "Mars/Olympus"}, "'Mars/Olympus' is not a time zone name"),
        ({"country": "USA"}, "Use a two-letter country code"),
    ],
)
def test_an_invalid_edit_is_422_and_changes_nothing(
    owner: User, owner_client: Client, changes: dict[str, str], message: str
) -> None:
    before = journal(owner)
    answer = owner_client.post(f"/applications/{ZIA}/edit/", edit_post(owner, **changes))
    assert answer.status_code == 422
    assert message in answer.content.decode().replace("&#x27;", "'")
    assert journal(owner) == before


def test_close_then_reopen(owner: User, owner_client: Client) -> None:
    owner_client.post(
        f"/applications/{ZIA}/events/",
        {"type": "closed", "date": "2026-11-17", "closed_reason": "withdrawn"},
    )
    page = owner_client.get(f"/applications/{ZIA}/")
    assert "Reopen Zia Community Solar" in page.content.decode()
    answer = owner_client.post(f"/applications/{ZIA}/reopen/", follow=True)
    assert "Reopened: its follow-ups are planned again." in text(answer)
    assert services.get_application(owner, ZIA).stage != "closed"
    assert "Reopen Zia" not in answer.content.decode()


def test_delete_asks_first_then_offers_undo(owner: User, owner_client: Client) -> None:
    confirm = owner_client.get(f"/applications/{ZIA}/delete/")
    assert "Delete Zia Community Solar?" in text(confirm)
    assert services.applications_of(owner).filter(slug=ZIA).exists()
    board = owner_client.post(f"/applications/{ZIA}/delete/", follow=True)
    assert "Deleted Zia Community Solar." in text(board)
    undo = re.search(r'action="(/applications/trash/\d+/undo/)"', board.content.decode())
    assert undo and not services.applications_of(owner).filter(slug=ZIA).exists()
    back = owner_client.post(undo.group(1), follow=True)
    assert "Zia Community Solar is back." in text(back)
    assert services.get_application(owner, ZIA)
    assert owner_client.post(undo.group(1)).status_code == 404


def test_add_edit_and_remove_a_contact(owner: User, owner_client: Client) -> None:
    url = f"/applications/{ZIA}/contacts/new/"
    bad = owner_client.post(url, {"name": "", "role": "recruiter"})
    assert bad.status_code == 422 and "Give their name" in bad.content.decode()
    owner_client.post(url, {"name": "Lee Park", "role": "recruiter", "email": "lee@zia.example"})
    assert journal(owner)["contacts"][-1] == {
        "id": "lee-park",
        "name": "Lee Park",
        "role": "recruiter",
        "email": "lee@zia.example",
    }
    page = owner_client.get(f"/applications/{ZIA}/").content.decode()
    assert 'aria-label="Remove Lee Park from Zia Community Solar"' in page
    owner_client.post(
        f"/applications/{ZIA}/contacts/lee-park/edit/",
        {"name": "Lee Park", "role": "hr", "phone": "505-555-0101"},
    )
    assert journal(owner)["contacts"][-1] == {
        "id": "lee-park",
        "name": "Lee Park",
        "role": "hr",
        "phone": "505-555-0101",
    }
    confirm = owner_client.get(f"/applications/{ZIA}/contacts/helen/remove/")
    assert "keep their name in the notes" in text(confirm)
    done = owner_client.post(f"/applications/{ZIA}/contacts/helen/remove/", follow=True)
    assert re.search(r"Removed Helen \w+\. \d+ events keep their name in the notes\.", text(done))
    assert [c["id"] for c in journal(owner)["contacts"]] == ["lee-park"]
    assert owner_client.get(f"/applications/{ZIA}/contacts/helen/edit/").status_code == 404


def test_an_interview_with_someone_new_adds_them(owner: User, owner_client: Client) -> None:
    answer = owner_client.post(
        f"/applications/{ZIA}/events/",
        {
            "type": "interview",
            "date": "2026-11-17",
            "time": "10:00",
            "interview_new_name": "Ana Ruiz",
            "interview_new_role": "hiring_manager",
        },
    )
    assert answer.status_code == 302
    data = journal(owner)
    assert data["contacts"][-1] == {"id": "ana-ruiz", "name": "Ana Ruiz", "role": "hiring_manager"}
    assert {"type": "interview", "at": "2026-11-17T10:00", "with": ["ana-ruiz"]} in data["events"]


def test_edit_an_event(owner: User, owner_client: Client) -> None:
    call = services.record_event(
        owner, ZIA, {"type": "called", "at": "2026-11-17T09:00", "outcome": "no_answer"}, AS_OF
    )
    url = f"/applications/{ZIA}/events/{call.pk}/edit/"
    form = owner_client.get(url).content.decode()
    assert 'value="2026-11-17"' in form and 'value="09:00"' in form
    bad = owner_client.post(url, {"date": "2026-11-17", "outcome": ""})
    assert bad.status_code == 422 and "Choose how the call went." in bad.content.decode()
    owner_client.post(
        url, {"date": "2026-11-18", "time": "14:15", "outcome": "spoke", "notes": "Good"}
    )
    assert Event.objects.get(pk=call.pk).data == {"outcome": "spoke", "notes": "Good"}
    assert Event.objects.get(pk=call.pk).at == "2026-11-18T14:15"
    assert owner_client.get(f"/applications/{ZIA}/events/{call.pk + 999}/edit/").status_code == 404


def test_the_contacts_page_lists_and_searches(
    owner: User, owner_client: Client, other: User
) -> None:
    page = text(owner_client.get("/contacts/?q=gloria"))
    assert "1 contact matching “gloria”." in page and "Rio Grande Sign Works" in page
    everyone = text(owner_client.get("/contacts/"))
    assert "Other Co" not in everyone
    count = sum(len(a.get("contacts", [])) for a in services.journal_data(owner)["applications"])
    assert f"{count} contacts." in everyone


def test_remove_the_sample_data_keeps_your_own(owner_client: Client, owner: User) -> None:
    services.applications_of(owner).exclude(slug=ZIA).update(sample=True)
    today = owner_client.get("/").content.decode()
    assert "sample data" in today and "/sample-data/remove/" in today
    confirm = text(owner_client.get("/sample-data/remove/"))
    assert "deletes the 11 sample applications" in confirm
    done = owner_client.post("/sample-data/remove/", follow=True)
    assert "Removed 11 sample applications." in text(done)
    assert list(services.applications_of(owner).values_list("slug", flat=True)) == [ZIA]
    assert "/sample-data/remove/" not in owner_client.get("/").content.decode()


def test_friendly_404_and_500_pages(owner_client: Client) -> None:
    from django.template.loader import render_to_string

    missing = owner_client.get("/applications/nope/")
    assert missing.status_code == 404
    assert (
        "There is nothing here" in text(missing) and 'aria-label="Main"' in missing.content.decode()
    )
    assert "Something went wrong on our side" in render_to_string("500.html")


def test_a_captured_posting_prefills_the_quick_add_form(owner_client: Client) -> None:
    query = "company=Juniper&role=Analyst&salary_min=68000&salary_currency=usd"
    query += "&salary_period=decade&location=Santa+Fe&posting_url=https://j.example/1&evil=1"
    page = owner_client.get(f"/applications/new/?{query}").content.decode()
    for value in ('value="Juniper"', 'value="Analyst"', 'value="68000"', 'value="USD"'):
        assert value in page
    assert "Location: Santa Fe</textarea>" in page
    applied = re.search(r'<input type="text" name="applied_on"[^>]*>', page)
    assert applied and "value=" not in applied.group()  # a captured posting: not applied yet
    assert '<option value="year" selected>' in page  # an unknown period is not taken


def test_the_quick_add_saves_a_salary(owner: User, owner_client: Client) -> None:
    answer = owner_client.post(
        "/applications/new/",
        {
            "company": "Juniper",
            "employer_kind": "unknown",
            "contact_role": "recruiter",
            "salary_min": "30",
            "salary_period": "hour",
        },
    )
    assert answer.status_code == 302
    assert journal(owner, "juniper")["salary"] == {"min": 30, "period": "hour"}
    bad = owner_client.post(
        "/applications/new/",
        {
            "company": "Kite",
            "employer_kind": "unknown",
            "contact_role": "recruiter",
            "salary_min": "9",
            "salary_max": "5",
            "salary_period": "year",
        },
    )
    assert (
        bad.status_code == 422
        and not services.applications_of(owner).filter(company="Kite").exists()
    )


def test_settings_offers_the_bookmarklet(owner_client: Client) -> None:
    from urllib.parse import unquote

    page = owner_client.get("/settings/").content.decode()
    href = re.search(r'href="(javascript:[^"]+)"[^>]*>Add to followup<', page)
    assert href is not None
    source = unquote(href.group(1))
    assert "http://testserver/applications/new/" in source and "FOLLOWUP_ADD" not in source
    assert "application/ld+json" in source

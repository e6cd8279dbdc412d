"""The Applications board, its search, and the quick add form (with the directions preview)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from followup.planner.journal import parse_journal
from followup.tracker import services
from followup.tracker.models import Application, Event

from .conftest import AS_OF

MY_URLS = [
    ("get", "board"),
    ("get", "add_application"),
    ("post", "add_application"),
    ("post", "directions_preview"),
]


def cards(html: str) -> int:
    return html.count('<li class="card')


# Access --------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "name"), MY_URLS)
def test_anonymous_is_sent_to_login(anon_client: Client, method: str, name: str) -> None:
    url = reverse(name)
    response = getattr(anon_client, method)(url, {"company": "Sneaky", "posting_text": "no calls"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not Application.objects.filter(company="Sneaky").exists()


def test_owner_sees_every_application_by_stage_with_counts(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.get(reverse("board"))
    assert response.status_code == 200
    html = response.content.decode()
    stored = list(services.applications_of(owner))
    assert cards(html) == len(stored)
    for app in stored:
        assert reverse("application", args=[app.slug]) in html
    # Columns in stage order, each with its count.
    positions = [html.index(f'id="column-{stage}"') for stage in services.STAGE_ORDER]
    assert positions == sorted(positions)
    for stage in services.STAGE_ORDER:
        count = sum(1 for app in stored if app.stage == stage)
        assert f'id="column-{stage}"' in html
        assert (
            f'<span class="count" aria-label="{count} application'
            in html.split(f'id="column-{stage}"')[1][:200]
        )


def test_other_user_sees_only_their_own(owner: User, other_client: Client) -> None:
    html = other_client.get(reverse("board")).content.decode()
    assert "Other Co" in html
    assert cards(html) == 1
    for app in services.applications_of(owner):
        assert app.company not in html
        assert reverse("application", args=[app.slug]) not in html


def test_card_says_the_next_step_in_words_and_marks_it_overdue(
    owner: User, owner_client: Client
) -> None:
    # Applied seven weeks ago and never followed up: confirming receipt is overdue.
    services.add_application(
        owner,
        {
            "id": "late-co",
            "company": "Late Co",
            "events": [{"type": "applied", "at": "2026-10-01"}],
        },
        as_of=AS_OF,
    )
    app = services.get_application(owner, "late-co")
    assert app.next_due is not None
    assert app.next_due < AS_OF
    html = owner_client.get(reverse("board")).content.decode()
    card = html[html.index('href="/applications/late-co/"') :].split("</li>")[0]
    assert "Confirm they received your application" in card
    assert f'datetime="{app.next_due.isoformat()}"' in card
    assert "overdue" in card


def test_search_filters_the_board_and_htmx_gets_only_the_board(
    owner: User, owner_client: Client
) -> None:
    html = owner_client.get(reverse("board"), {"q": "mesa"}).content.decode()
    assert cards(html) == 1
    assert "Mesa Grid Energy" in html
    assert "<html" in html
    assert 'name="q" value="mesa"' in html
    partial = owner_client.get(reverse("board"), {"q": "analyst"}, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert partial.status_code == 200
    assert "<html" not in body
    assert body.strip().startswith('<div id="board">')
    expected = services.applications_of(owner).filter(role__icontains="analyst").count()
    assert expected > 1
    assert cards(body) >= expected
    assert "Rio Grande Sign Works" not in body  # "Operations Coordinator"


def test_history_restore_gets_the_whole_page(owner_client: Client) -> None:
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    html = owner_client.get(reverse("board"), {"q": "mesa"}, headers=headers).content.decode()
    assert "<html" in html


def journal_of(count: int) -> dict[str, Any]:
    apps = []
    for n in range(count):
        events: list[dict[str, Any]] = [
            {"type": "applied", "at": f"2026-{10 + n % 2}-{1 + n % 28:02d}"}
        ]
        if n % 3 == 0:
            events.append({"type": "interview", "at": "2026-11-10T10:00", "with": ["pat"]})
        if n % 7 == 0:
            events.append({"type": "closed", "at": "2026-11-12", "reason": "withdrawn"})
        apps.append(
            {
                "id": f"job-{n}",
                "company": f"Company {n}",
                "role": "Analyst",
                "contacts": [{"id": "pat", "name": "Pat", "role": "hiring_manager"}],
                "events": events,
            }
        )
    return {"format": "followup/1", "applications": apps}


def board_queries(count: int, shown: int) -> int:
    user = User.objects.create_user(f"user{count}", password="x" * 12)
    services.import_journal(user, journal_of(count), as_of=AS_OF)
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("board"))
    assert response.status_code == 200
    assert cards(response.content.decode()) == shown
    return len(queries)


@pytest.mark.django_db
def test_board_queries_do_not_grow_with_applications() -> None:
    # 60: 6 saved, 28 applied (20 shown), 17 interviewing, 9 closed.
    few, many = board_queries(5, shown=5), board_queries(60, shown=6 + 20 + 17 + 9)
    assert few == many
    assert many <= 10  # session, user, stale check, the counts, each stage, the sample


# Quick add -----------------------------------------------------------------------------


def test_add_form_defaults_the_date_to_today(owner_client: Client) -> None:
    response = owner_client.get(reverse("add_application"))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'value="{AS_OF.isoformat()}"' in html
    assert f'hx-post="{reverse("directions_preview")}"' in html
    assert "Large company" in html  # employer kinds in words


def test_add_creates_the_application_with_an_applied_event(
    owner: User, owner_client: Client
) -> None:
    form = {
        "company": "Sandia Peak Labs",
        "role": "Data Engineer",
        "employer_kind": "startup",
        "industry": "energy",
        "posting_url": "https://example.com/jobs/9",
        "posting_text": "Please, no phone calls.",
        "applied_on": "2026-11-16",
        "applied_channel": "online",
        "contact_name": "Ana Ruiz",
        "contact_role": "recruiter",
        "contact_email": "ana@example.com",
        "contact_phone": "",
    }
    response = owner_client.post(reverse("add_application"), form)
    assert response.status_code == 302
    app = services.get_application(owner, "sandia-peak-labs")
    assert response["Location"] == reverse("application", args=[app.slug])
    data = services.application_data(app)
    assert data["employer_kind"] == "startup"
    assert data["posting_text"] == "Please, no phone calls."
    assert data["contacts"] == [
        {"id": "ana-ruiz", "name": "Ana Ruiz", "role": "recruiter", "email": "ana@example.com"}
    ]
    assert data["events"] == [{"type": "applied", "at": "2026-11-16", "channel": "online"}]
    assert app.stage == "applied"
    assert app.next_due is not None


def test_add_without_a_date_saves_it_without_events(other: User, other_client: Client) -> None:
    response = other_client.post(
        reverse("add_application"),
        {"company": "Maybe Inc", "employer_kind": "unknown", "contact_role": "recruiter"},
    )
    assert response.status_code == 302
    app = services.get_application(other, "maybe-inc")
    assert app.stage == "saved"
    assert not Event.objects.filter(application=app).exists()
    assert "employer_kind" not in services.application_data(app)


def test_add_goes_into_the_adding_users_account(
    owner: User, other: User, other_client: Client
) -> None:
    other_client.post(
        reverse("add_application"),
        {"company": "Mesa Grid Energy", "employer_kind": "unknown", "contact_role": "recruiter"},
    )
    assert services.applications_of(other).filter(company="Mesa Grid Energy").count() == 1
    assert services.applications_of(owner).filter(company="Mesa Grid Energy").count() == 1


def test_add_without_company_is_422_and_creates_nothing(owner: User, owner_client: Client) -> None:
    before = Application.objects.count()
    response = owner_client.post(
        reverse("add_application"),
        {
            "company": "  ",
            "role": "Analyst",
            "employer_kind": "unknown",
            "contact_role": "recruiter",
            "applied_on": "2026-11-16",
        },
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_company_error"' in html
    assert "Enter the company" in html
    assert 'value="Analyst"' in html  # what was typed is kept
    assert Application.objects.count() == before


def test_add_with_bad_fields_names_them(owner_client: Client) -> None:
    before = Application.objects.count()
    form = {
        "company": "Acme",
        "employer_kind": "pirate",
        "contact_role": "recruiter",
        "applied_on": "2026-13-45",
        "contact_email": "nope",
    }
    response = owner_client.post(reverse("add_application"), form)
    assert response.status_code == 422
    html = response.content.decode()
    for field in ("employer_kind", "applied_on", "contact_email"):
        assert f'id="id_{field}_error"' in html
    assert Application.objects.count() == before


def test_a_company_called_new_does_not_hide_behind_the_add_form(
    owner: User, owner_client: Client
) -> None:
    response = owner_client.post(
        reverse("add_application"),
        {"company": "New", "employer_kind": "unknown", "contact_role": "recruiter"},
    )
    assert response.status_code == 302
    assert response["Location"] != reverse("add_application")
    assert services.applications_of(owner).filter(company="New").exclude(slug="new").exists()


def test_preview_says_calls_are_ruled_out_and_quotes_the_posting(owner_client: Client) -> None:
    text = "Data analyst wanted. Send your resume to jobs@acme.example. Please, no phone calls."
    response = owner_client.post(
        reverse("directions_preview"), {"posting_text": text}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "They ask not to be called" in html
    assert "<q>no phone calls</q>" in html
    assert "<html" not in html


def test_preview_of_email_only_and_of_nothing(owner_client: Client) -> None:
    url = reverse("directions_preview")
    email_only = owner_client.post(
        url, {"posting_text": "Questions? Email inquiries only."}
    ).content.decode()
    assert "They want email only" in email_only
    assert "They ask not to be called" not in email_only
    nothing = owner_client.post(
        url, {"posting_text": "You will make outbound calls to customers."}
    ).content.decode()
    assert "No follow-up directions found" in nothing
    assert "They ask not to be called" not in nothing
    empty = owner_client.post(url, {"posting_text": ""}).content.decode()
    assert "Paste the posting" in empty


def test_add_page_after_an_error_still_shows_the_directions(owner_client: Client) -> None:
    response = owner_client.post(
        reverse("add_application"),
        {
            "company": "",
            "posting_text": "Please do not call us.",
            "employer_kind": "unknown",
            "contact_role": "recruiter",
        },
    )
    assert response.status_code == 422
    assert "They ask not to be called" in response.content.decode()


@pytest.mark.parametrize(
    ("company", "expected"),
    [
        ("Café Lumière", "cafe-lumiere"),
        ("Ñandú & Söhne GmbH", "nandu-sohne-gmbh"),
        ("__Under_Score__", "under-score"),
        ("東京", "application"),
    ],
)
def test_quick_add_makes_an_ascii_id_that_exports_and_imports_again(
    other: User, company: str, expected: str
) -> None:
    # The id must pass the journal's id pattern, or the user's export would not load.
    app = services.add_application(other, {"company": company}, as_of=AS_OF)
    assert app.slug == expected
    again = services.add_application(other, {"company": company}, as_of=AS_OF)
    assert again.slug == f"{expected}-2"
    exported = services.journal_data(other)
    assert {a["id"] for a in exported["applications"]} >= {expected, f"{expected}-2"}
    parse_journal(exported)


def test_a_long_closed_column_shows_the_latest_and_links_to_all(other: User) -> None:
    closing = {"type": "closed", "at": "2026-11-02", "reason": "moved_on"}
    data = {
        "format": "followup/1",
        "applications": [
            {"id": f"old-{n}", "company": f"Old {n:03}", "events": [closing]} for n in range(60)
        ],
    }
    services.import_journal(other, data, as_of=AS_OF)
    Application.objects.filter(slug="old-7").update(updated=timezone.now() + timedelta(days=1))
    client = Client()
    client.force_login(other)
    html = client.get(reverse("board")).content.decode()
    closed = html.split('id="column-closed"')[1].split("</section>")[0]
    assert 'aria-label="60 applications">60</span>' in closed
    assert cards(closed) == 20
    assert "Old 007" in closed.split('<li class="card')[1]  # the latest first
    assert "The 20 most recent are shown." in closed
    assert 'href="/applications/?closed=all"' in closed
    everything = client.get(reverse("board"), {"closed": "all"}).content.decode()
    assert cards(everything.split('id="column-closed"')[1].split("</section>")[0]) == 60
    found = client.get(reverse("board"), {"q": "Old"}).content.decode()
    assert cards(found) == 60  # a search shows every match


def test_a_long_open_column_shows_the_soonest_steps_and_links_to_all(other: User) -> None:
    # 30 applications sent a day apart from 1 October: the first sent is due first.
    data = {
        "format": "followup/1",
        "applications": [
            {
                "id": f"sent-{n}",
                "company": f"Sent {n:02}",
                "events": [{"type": "applied", "at": f"2026-10-{1 + n:02d}"}],
            }
            for n in range(30)
        ],
    }
    services.import_journal(other, data, as_of=AS_OF)
    client = Client()
    client.force_login(other)
    html = client.get(reverse("board")).content.decode()
    applied = html.split('id="column-applied"')[1].split("</section>")[0]
    assert 'aria-label="31 applications">31</span>' in applied  # with the fixture's own
    assert cards(applied) == 20
    assert "Sent 00" in applied.split('<li class="card')[1]
    assert "Sent 19" in applied and "Sent 20" not in applied
    assert "The 20 with the soonest steps are shown." in applied
    assert 'href="/applications/?applied=all"' in applied
    everything = client.get(reverse("board"), {"applied": "all"}).content.decode()
    assert cards(everything.split('id="column-applied"')[1].split("</section>")[0]) == 31


def test_a_card_with_nothing_to_do_names_no_step(owner: User, owner_client: Client) -> None:
    """An application with no pending step (saved, nothing logged) shows no step line,
    never the placeholder for a step this version doesn't know."""
    services.add_application(owner, {"id": "quiet", "company": "Quiet Co"}, as_of=AS_OF)
    page = owner_client.get(reverse("board")).content.decode()
    assert "Quiet Co" in page
    assert "Unknown step" not in page

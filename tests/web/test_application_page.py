"""The application page: facts, contacts, ladder, timeline, logging events, the debrief."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from followup.tracker import services
from followup.tracker.models import Event

from .conftest import AS_OF

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/?next="
MESA = "mesa-grid-analyst"


def page_url(slug: str = MESA) -> str:
    return f"/applications/{slug}/"


def log_url(slug: str = MESA) -> str:
    return f"/applications/{slug}/events/"


def debrief_url(slug: str = MESA) -> str:
    return f"/applications/{slug}/debrief/"


def delete_url(event_id: int, slug: str = MESA) -> str:
    return f"/applications/{slug}/events/{event_id}/delete/"


def text_of(response: Any) -> str:
    body = re.sub(
        r"<(script|textarea|select)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S
    )
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


def events_of(slug: str = MESA) -> list[tuple[str, dict[str, Any]]]:
    return [(e.type, e.data) for e in Event.objects.filter(application__slug=slug).order_by("id")]


def first_event_id(slug: str = MESA) -> int:
    return (
        Event.objects.filter(application__slug=slug).order_by("id").values_list("id", flat=True)[0]
    )


# Access: every URL, three people ---------------------------------------------------------------

POSTS = [
    (log_url(), {"type": "interview", "date": "2026-11-18", "interview_with": ["kim"]}),
    (debrief_url(), {"hear_by": "2026-11-25", "may_call": "no"}),
]


def test_anonymous_is_sent_to_login(owner: User, anon_client: Client) -> None:
    response = anon_client.get(page_url())
    assert response.status_code == 302
    assert response["Location"] == LOGIN + page_url()


@pytest.mark.parametrize(("url", "data"), POSTS)
def test_anonymous_post_changes_nothing(
    owner: User, anon_client: Client, url: str, data: dict[str, Any]
) -> None:
    before = events_of()
    response = anon_client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == LOGIN + url
    assert events_of() == before


def test_anonymous_delete_changes_nothing(owner: User, anon_client: Client) -> None:
    before = events_of()
    url = delete_url(first_event_id())
    response = anon_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == LOGIN + url
    assert events_of() == before


def test_other_user_gets_404(owner: User, other_client: Client) -> None:
    assert other_client.get(page_url()).status_code == 404


@pytest.mark.parametrize(("url", "data"), POSTS)
def test_other_user_post_is_404_and_changes_nothing(
    owner: User, other_client: Client, url: str, data: dict[str, Any]
) -> None:
    before = events_of()
    assert other_client.post(url, data).status_code == 404
    assert events_of() == before
    assert events_of("others-job") == [("applied", {})]


def test_other_user_cannot_delete_owners_event(
    owner: User, other: User, other_client: Client
) -> None:
    before = events_of()
    event_id = first_event_id()
    assert other_client.post(delete_url(event_id)).status_code == 404
    # Not even through their own application's URL.
    assert other_client.post(delete_url(event_id, "others-job")).status_code == 404
    assert events_of() == before


def test_missing_application_is_404(owner_client: Client) -> None:
    assert owner_client.get(page_url("no-such-job")).status_code == 404


# The page --------------------------------------------------------------------------------------


def test_page_shows_facts_contacts_ladder_and_timeline(owner_client: Client) -> None:
    response = owner_client.get(page_url())
    assert response.status_code == 200
    page = text_of(response)
    assert "Mesa Grid Energy" in page
    assert "Senior Data Analyst" in page
    assert "Large company" in page
    assert "electric utility" in page
    assert "America/Denver time" in page
    assert "https://careers.example.com/mesa-grid/4471" in page
    # Contact hygiene: what is still to find out.
    assert "Tomás Herrera Interviewer" in page
    assert "Still to find out: phone number, best time to call." in page
    assert "Best time to call: afternoons" in page
    # The ladder: the next step, then the rest.
    ladder = page.split("What comes next", 1)[1].split("Log what happened", 1)[0]
    assert ladder.index("Next Send a thank-you note to Tomás Herrera") < ladder.index(
        "If nobody answers Check in with Kim Nguyen"
    )
    assert "Move on: stop following up" in ladder
    # The timeline, newest first, in plain words.
    timeline = page.split("Timeline", 1)[1]
    final = "Tue 17 Nov, 13:30 — Interview with Renata Okafor and Tomás Herrera (round 2, on site, final)"
    assert final in timeline
    assert timeline.index(
        "Tue 17 Nov, 19:05 — Sent a thank-you note to Renata Okafor"
    ) < timeline.index(final)
    assert timeline.index(final) < timeline.index("Applied online")
    assert "Restoration-time reports reach field crews two days late." in timeline  # notes shown


def test_posting_directions_are_detected(owner_client: Client) -> None:
    page = text_of(owner_client.get(page_url("rio-abajo-water-data")))
    assert "It asks not to be phoned" in page
    assert "no phone calls" in page.lower()
    assert "No follow-up directions found" in text_of(owner_client.get(page_url()))


def test_delete_buttons_post_and_confirm(owner_client: Client) -> None:
    body = owner_client.get(page_url()).content.decode()
    event_id = first_event_id()
    form = re.search(
        rf'<form class="delete" method="post" action="{delete_url(event_id)}"[^>]*>', body
    )
    assert form is not None
    assert "hx-confirm=" in form.group(0)
    assert 'aria-live="polite"' in body


# Logging events ----------------------------------------------------------------------------------


def test_log_an_interview(owner: User, owner_client: Client) -> None:
    response = owner_client.post(
        log_url(),
        {
            "type": "interview",
            "date": "2026-11-18",
            "time": "09:00",
            "interview_with": ["kim", "renata"],
            "interview_round": "3",
            "interview_kind": "video",
            "notes": " Met the director. ",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == page_url()
    event = Event.objects.filter(application__slug=MESA).latest("id")
    assert (event.type, event.at) == ("interview", "2026-11-18T09:00")
    assert event.data == {
        "with": ["kim", "renata"],
        "round": 3,
        "kind": "video",
        "notes": "Met the director.",
    }
    # The plan follows: a thank-you note to each interviewer.
    item, _ = services.pending_step(owner, MESA, AS_OF)
    assert {("send_thank_you", "kim"), ("send_thank_you", "renata")} <= {
        (s.action, s.to) for s in item.steps
    }


def test_log_by_htmx_gets_the_region(owner_client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    # Logged for today without a time: it gets the current time (§2).
    monkeypatch.setattr(services, "now_at", lambda app, now=None: "2026-11-18T09:41")
    response = owner_client.post(
        log_url(),
        {"type": "called", "date": "2026-11-18", "called_to": "kim", "called_outcome": "spoke"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="app-journal"')
    assert "Logged: Called Kim Nguyen: spoke with them." in text_of(response)
    assert "Wed 18 Nov, 09:41 — Called Kim Nguyen: spoke with them" in text_of(response)


def test_fields_of_other_types_are_ignored(owner_client: Client) -> None:
    response = owner_client.post(
        log_url(),
        {
            "type": "sent",
            "date": "2026-11-18",
            "sent_channel": "email",
            "sent_to": "kim",
            "sent_purpose": "check_in",
            "interview_round": "not a number",
        },
    )
    assert response.status_code == 302
    assert events_of()[-1] == ("sent", {"channel": "email", "to": "kim", "purpose": "check_in"})


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            {"type": "expectation", "date": "2026-11-18"},
            "You'll hear by: This is needed for this kind of event.",
        ),
        (
            {"type": "expectation", "date": "2026-11-18", "expectation_by": "soon"},
            "You'll hear by: Enter a valid date.",
        ),
        ({"type": "interview", "date": "18/11/2026"}, "Date: Enter a valid date."),
        (
            {"type": "called", "date": "2026-11-18", "called_to": "kim"},
            "How it went: This is needed for this kind of event.",
        ),
        (
            {"type": "sent", "date": "2026-11-18", "sent_to": "nobody"},
            "To: Select a valid choice. nobody is not one of the available choices.",
        ),
        ({"type": "party", "date": "2026-11-18"}, "What happened: Select a valid choice."),
    ],
)
def test_invalid_log_is_422_naming_the_field(
    owner_client: Client, data: dict[str, str], error: str
) -> None:
    before = events_of()
    response = owner_client.post(log_url(), data)
    assert response.status_code == 422
    assert error in text_of(response)
    assert "That wasn't logged" in text_of(response)
    assert events_of() == before


def test_invalid_log_by_htmx_is_422_with_the_region(owner_client: Client) -> None:
    before = events_of()
    response = owner_client.post(
        log_url(), {"type": "expectation", "date": "2026-11-18"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert "<html" not in response.content.decode()
    assert "You'll hear by: This is needed for this kind of event." in text_of(response)
    assert events_of() == before


def test_service_problems_are_shown_with_422(owner: User, owner_client: Client) -> None:
    # The form can't know the journal's years; the planner's parser can.
    before = events_of()
    response = owner_client.post(log_url(), {"type": "interview", "date": "2300-01-01"})
    assert response.status_code == 422
    assert "events[6].at" in text_of(response)
    assert events_of() == before


def test_delete_an_event(owner: User, owner_client: Client) -> None:
    thank_you = Event.objects.get(
        application__slug=MESA, type="sent", data__to="renata", data__purpose="thank_you"
    )
    response = owner_client.post(delete_url(thank_you.pk))
    assert response.status_code == 302
    assert not Event.objects.filter(pk=thank_you.pk).exists()
    item, _ = services.pending_step(owner, MESA, AS_OF)
    assert ("send_thank_you", "renata") in {(s.action, s.to) for s in item.steps}  # owed again


def test_delete_by_htmx_gets_the_region(owner_client: Client) -> None:
    event_id = first_event_id()
    response = owner_client.post(delete_url(event_id), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.content.decode()
    assert "Event deleted." in text_of(response)


def test_delete_missing_event_is_404(owner_client: Client) -> None:
    assert owner_client.post(delete_url(999_999)).status_code == 404


# The debrief ------------------------------------------------------------------------------------------


def test_debrief_records_expectation_and_directions(owner: User, owner_client: Client) -> None:
    before = len(events_of())
    response = owner_client.post(
        debrief_url(),
        {
            "sender": "renata",
            "date": "2026-11-17",
            "time": "14:45",
            "stage": "Final round done",
            "next_steps": "Reference checks next week",
            "decide_by": "2026-11-24",
            "hear_by": "2026-11-25",
            "hear_via": "email",
            "candidates": "Three finalists",
            "compare": "Strong on SQL",
            "concerns": "None raised",
            "may_call": "no",
        },
    )
    assert response.status_code == 302
    added = events_of()[before:]
    assert [kind for kind, _ in added] == ["expectation", "directions"]
    expectation, directions = added[0][1], added[1][1]
    assert {k: expectation[k] for k in ("by", "via", "from")} == {
        "by": "2026-11-25",
        "via": "email",
        "from": "renata",
    }
    for said in (
        "Final round done",
        "Reference checks next week",
        "2026-11-24",
        "Three finalists",
        "Strong on SQL",
        "None raised",
    ):
        assert said in expectation["notes"]
    assert directions == {"no_calls": True}
    assert (
        Event.objects.filter(application__slug=MESA, type="expectation").get().at
        == "2026-11-17T14:45"
    )
    # The plan follows what they said: no calls, a check-in after the date they gave.
    item, _ = services.pending_step(owner, MESA, AS_OF)
    assert all(step.channel != "phone" for step in item.steps)
    check_in = next(step for step in item.steps if step.action == "check_in")
    assert check_in.due > AS_OF.replace(day=25)


def test_debrief_prefers_email(owner_client: Client) -> None:
    before = len(events_of())
    response = owner_client.post(
        debrief_url(),
        {"may_call": "email", "concerns": "Wants more Python"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert events_of()[before:] == [
        ("directions", {"channel": "email", "notes": "Concerns about my fit: Wants more Python"})
    ]
    assert "Debrief recorded: 1 event added to the journal." in text_of(response)


def test_debrief_date_only_gives_an_expectation(owner_client: Client) -> None:
    before = len(events_of())
    assert (
        owner_client.post(debrief_url(), {"decide_by": "2026-11-30", "sender": "kim"}).status_code
        == 302
    )
    [(kind, data)] = events_of()[before:]
    assert kind == "expectation"
    assert data == {"by": "2026-11-30", "from": "kim"}


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            {"hear_by": "whenever they like", "may_call": "no"},
            "When should I expect to hear from you?: Enter a valid date.",
        ),
        ({"decide_by": "2026-02-30"}, "When will you decide?: Enter a valid date."),
        ({"hear_by": "2026-11-25", "time": "10:00"}, "Give the date too, or leave the time empty."),
        (
            {"may_call": "maybe", "hear_by": "2026-11-25"},
            "May I follow up by phone?: Select a valid choice.",
        ),
        ({}, "nothing to record"),
    ],
)
def test_invalid_debrief_is_422_and_records_nothing(
    owner_client: Client, data: dict[str, str], error: str
) -> None:
    before = events_of()
    response = owner_client.post(debrief_url(), data)
    assert response.status_code == 422
    assert error in text_of(response)
    assert "The debrief wasn't recorded" in text_of(response)
    assert events_of() == before


# The debrief's service functions ------------------------------------------------------------------------


def test_debrief_events_mapping() -> None:
    events = services.debrief_events(
        {
            "at": "2026-11-17T15:00",
            "from": "kim",
            "hear_by": "2026-11-25",
            "hear_via": "phone",
            "may_call": "yes",
            "candidates": "4",
        }
    )
    assert events == [
        {
            "type": "expectation",
            "at": "2026-11-17T15:00",
            "by": "2026-11-25",
            "via": "phone",
            "from": "kim",
            "notes": "Candidates: 4\nThey're fine with a follow-up call",
        }
    ]
    notes_only = services.debrief_events({"at": "2026-11-17", "stage": "Early days"})
    assert notes_only == [
        {
            "type": "directions",
            "at": "2026-11-17",
            "channel": "any",
            "notes": "Where they are in the process: Early days",
        }
    ]
    with pytest.raises(services.ServiceError, match="nothing to record"):
        services.debrief_events({"at": "2026-11-17", "stage": "  "})
    with pytest.raises(services.ServiceError, match="may_call"):
        services.debrief_events({"at": "2026-11-17", "may_call": "never"})


def test_record_debrief_is_all_or_nothing(owner: User, monkeypatch: pytest.MonkeyPatch) -> None:
    before = events_of()
    good = {"type": "expectation", "at": "2026-11-18T10:00", "by": "2026-11-25"}
    bad = {"type": "directions", "at": "2026-11-18T10:00", "no_calls": "sometimes"}
    monkeypatch.setattr(services, "debrief_events", lambda answers: [good, bad])
    with pytest.raises(services.ServiceError, match="no_calls"):
        services.record_debrief(owner, MESA, {}, as_of=AS_OF)
    assert events_of() == before


def test_record_debrief_unknown_contact_names_the_field(owner: User) -> None:
    before = events_of()
    with pytest.raises(services.ServiceError, match=r"from: 'nobody' is not a contact"):
        services.record_debrief(
            owner, MESA, {"from": "nobody", "hear_by": "2026-11-25", "may_call": "no"}, as_of=AS_OF
        )
    assert events_of() == before

"""The Today page: what is due, the drafts and call sheets, and recording steps as done."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from followup.planner.plan import render_draft
from followup.tracker import services
from followup.tracker.models import Application, Event
from followup.tracker.presenters import planner_profile

from .conftest import AS_OF, opened_drafts

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/?next="


def done_url(slug: str) -> str:
    return f"/applications/{slug}/done/"


def heard_url(slug: str) -> str:
    return f"/applications/{slug}/heard/"


def event_count(slug: str) -> int:
    return Event.objects.filter(application__slug=slug).count()


def text_of(response: Any) -> str:
    """The page's visible words, tags and extra spaces removed."""
    body = re.sub(r"<(script|textarea)[^>]*>.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", body)))


# Access ---------------------------------------------------------------------------


def test_anonymous_is_sent_to_login(anon_client: Client) -> None:
    response = anon_client.get("/")
    assert response.status_code == 302
    assert response["Location"] == LOGIN + "/"


@pytest.mark.parametrize(
    "url", [done_url("rio-grande-print-ops"), heard_url("rio-grande-print-ops")]
)
def test_anonymous_post_is_sent_to_login_and_changes_nothing(
    owner: User, anon_client: Client, url: str
) -> None:
    before = event_count("rio-grande-print-ops")
    response = anon_client.post(
        url, {"action": "call", "to": "gloria", "outcome": "voicemail", "kind": "reply"}
    )
    assert response.status_code == 302
    assert response["Location"] == LOGIN + url
    assert event_count("rio-grande-print-ops") == before


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (
            done_url("rio-grande-print-ops"),
            {"action": "call", "to": "gloria", "outcome": "voicemail"},
        ),
        (heard_url("rio-grande-print-ops"), {"kind": "reply", "sender": "gloria"}),
    ],
)
def test_other_user_gets_404_for_owners_application(
    owner: User, other_client: Client, url: str, data: dict[str, str]
) -> None:
    before = event_count("rio-grande-print-ops")
    response = other_client.post(url, data)
    assert response.status_code == 404
    assert event_count("rio-grande-print-ops") == before
    assert not Event.objects.filter(
        application__user__username="other", type__in=("called", "heard")
    ).exists()


def test_other_user_sees_only_their_own_steps(owner: User, other_client: Client) -> None:
    response = other_client.get("/")
    assert response.status_code == 200
    page = text_of(response)
    assert "Other Co" in page
    assert "Mesa Grid Energy" not in page
    assert "Rio Grande Sign Works" not in page


def test_get_only(owner_client: Client) -> None:
    assert owner_client.post("/").status_code == 405
    assert owner_client.get(done_url("rio-grande-print-ops")).status_code == 405


# What the page shows ----------------------------------------------------------------------


def test_today_shows_overdue_today_and_this_week(owner_client: Client) -> None:
    response = owner_client.get("/")
    assert response.status_code == 200
    page = text_of(response)
    # From the groups on (the filter links above them name the same words).
    groups = page.split("Filter the steps", 1)[-1].split("Letter", 1)[1]
    overdue, rest = groups.split("Overdue", 1)[1].split("Today", 1)
    # The demo's status updates owed since Thu 12 Nov are overdue on Wed 18 Nov.
    assert "Tell Naomi Whitehorse where things stand" in overdue
    assert "Front Range Ledger" in overdue
    assert "Saguaro Health Partners" in overdue
    assert "Call Gloria Sandoval" in rest
    assert "Send a thank-you note to Tomás Herrera" in rest
    assert "This week" in rest
    assert page.index("Keep searching") < page.index("Overdue")  # nudges at the top
    assert "Weekly goal" in page
    assert "When They Don't Call To Offer You The Job" in page  # sources by title, not slug
    assert 'href="/applications/mesa-grid-analyst/"' in response.content.decode()


def test_mailto_link_carries_the_encoded_draft(owner: User, owner_client: Client) -> None:
    _, step = services.pending_step(owner, "front-range-ledger-audience", AS_OF, "status_update")
    item, _ = services.pending_step(owner, "front-range-ledger-audience", AS_OF)
    draft = render_draft(item, step, planner_profile(services.profile_of(owner)))
    assert draft is not None
    assert draft["subject"]
    links = re.findall(r'href="(mailto:naomi@[^"]+)"', opened_drafts(owner_client))
    assert len(links) == 2  # the overdue status update and this week's check-in
    link = html.unescape(next(link for link in links if "subject=An%20update" in link))
    parts = urlsplit(link)
    assert parts.path == "naomi@frontrangeledger.example.org"
    assert " " not in link
    assert "\n" not in link
    assert "+" not in parts.query
    fields = dict(pair.split("=", 1) for pair in parts.query.split("&"))
    assert unquote(fields["subject"]) == draft["subject"]
    assert unquote(fields["body"]) == draft["body"].replace("\n", "\r\n")


def test_call_window_is_in_the_employers_time_zone(owner_client: Client) -> None:
    page = text_of(owner_client.get("/"))
    # Saguaro Health is in Arizona; the user is in Denver.
    assert "Call between 09:30 and 11:30, America/Phoenix time" in page
    assert "Call between 08:30 and 10:00, America/Denver time" in page
    assert "What to say" not in page  # the call sheet, loaded when opened
    assert "What to say" in opened_drafts(owner_client)


def test_empty_state_still_shows_nudges(db: None) -> None:
    user = User.objects.create_user("new", "new@example.org", "a long enough password")
    client = Client()
    client.force_login(user)
    page = text_of(client.get("/"))
    assert "Nothing to do today" in page
    assert "Keep searching" in page
    assert "Weekly goal" in page


# Recording steps -----------------------------------------------------------------------------


def test_voicemail_records_a_call_and_the_next_call_leaves_no_message(
    owner: User, owner_client: Client
) -> None:
    _, step = services.pending_step(owner, "rio-grande-print-ops", AS_OF)
    assert (step.action, step.to, step.leave_message) == ("call", "gloria", True)
    response = owner_client.post(
        done_url("rio-grande-print-ops"), {"action": "call", "to": "gloria", "outcome": "voicemail"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    called = Event.objects.get(application__slug="rio-grande-print-ops", type="called")
    assert called.data["outcome"] == "voicemail"
    assert called.data["to"] == "gloria"
    assert called.at.startswith(AS_OF.isoformat())  # recorded on the user's today
    _, step = services.pending_step(owner, "rio-grande-print-ops", AS_OF)
    assert step.action == "call"
    assert step.leave_message is False
    assert "Recorded for Rio Grande Sign Works" in text_of(owner_client.get("/"))  # the PRG message


def test_sent_records_a_thank_you(owner: User, owner_client: Client) -> None:
    response = owner_client.post(
        done_url("mesa-grid-analyst"), {"action": "send_thank_you", "to": "tomas"}
    )
    assert response.status_code == 302
    sent = Event.objects.filter(application__slug="mesa-grid-analyst", type="sent").latest("id")
    assert sent.data == {"channel": "email", "to": "tomas", "purpose": "thank_you"}
    assert "Send a thank-you note to Tomás Herrera" not in text_of(owner_client.get("/"))


def test_htmx_gets_the_steps_partial(owner: User, owner_client: Client) -> None:
    response = owner_client.post(
        done_url("rio-grande-print-ops"),
        {"action": "call", "to": "gloria", "outcome": "no_answer"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="today-steps"')
    assert "Recorded for Rio Grande Sign Works: call, no answer." in text_of(response)
    assert (
        Event.objects.get(application__slug="rio-grande-print-ops", type="called").data["outcome"]
        == "no_answer"
    )


def test_done_buttons_use_htmx_with_a_plain_form_fallback(owner_client: Client) -> None:
    body = owner_client.get("/").content.decode()
    form = re.search(
        r'<form class="done" method="post" action="/applications/rio-grande-print-ops/done/"[^>]*>',
        body,
    )
    assert form is not None
    assert 'hx-post="/applications/rio-grande-print-ops/done/"' in form.group(0)
    assert 'hx-target="#today-steps"' in form.group(0)
    assert 'hx-swap="outerHTML"' in form.group(0)
    for label in (
        "Spoke with them",
        "Left a voicemail",
        "No answer",
        "Spoke to an assistant",
        "Done — sent",
    ):
        assert label in body
    assert 'aria-live="polite"' in body


def test_phone_step_without_outcome_is_422_and_records_nothing(
    owner: User, owner_client: Client
) -> None:
    before = event_count("rio-grande-print-ops")
    response = owner_client.post(
        done_url("rio-grande-print-ops"), {"action": "call", "to": "gloria"}
    )
    assert response.status_code == 422
    assert "outcome" in text_of(response)
    assert "how did the call go?" in text_of(response)
    assert event_count("rio-grande-print-ops") == before


def test_unknown_action_is_422_naming_the_field(owner: User, owner_client: Client) -> None:
    before = event_count("rio-grande-print-ops")
    response = owner_client.post(
        done_url("rio-grande-print-ops"), {"action": "dance"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert "Action: Select a valid choice." in text_of(response)
    assert event_count("rio-grande-print-ops") == before


def test_missing_application_is_404(owner_client: Client) -> None:
    assert owner_client.post(done_url("no-such-job"), {"action": "call"}).status_code == 404


@pytest.fixture
def stale(owner: User) -> str:
    """An application whose only pending step is to move on."""
    services.add_application(
        owner,
        {
            "id": "quiet-co",
            "company": "Quiet Co",
            "contacts": [
                {"id": "pat", "name": "Pat Lee", "role": "recruiter", "email": "pat@quiet.example"}
            ],
            "events": [
                {"type": "applied", "at": "2026-09-01"},
                {"type": "sent", "at": "2026-09-10", "to": "pat", "purpose": "confirm_receipt"},
                {"type": "sent", "at": "2026-09-17", "to": "pat", "purpose": "check_in"},
            ],
        },
        as_of=AS_OF,
    )
    return "quiet-co"


def test_move_on_asks_and_closes_the_application(
    owner: User, owner_client: Client, stale: str
) -> None:
    _, step = services.pending_step(owner, stale, AS_OF)
    assert step.action == "move_on"
    page = owner_client.get("/").content.decode()
    assert "Did they ever let you know?" in page
    assert "Close this application" in page
    response = owner_client.post(
        done_url(stale), {"action": "move_on", "notified": "no", "notes": "Never heard a word."}
    )
    assert response.status_code == 302
    closed = Event.objects.get(application__slug=stale, type="closed")
    assert closed.data == {"reason": "moved_on", "notified": False, "notes": "Never heard a word."}
    assert Application.objects.get(user=owner, slug=stale).stage == "closed"


def test_move_on_needs_an_answer(owner: User, owner_client: Client, stale: str) -> None:
    response = owner_client.post(done_url(stale), {"action": "move_on"})
    assert response.status_code == 422
    assert "Did they ever let you know?: Choose yes or no." in text_of(response)
    assert not Event.objects.filter(application__slug=stale, type="closed").exists()


def test_heard_back_records_a_new_date(owner: User, owner_client: Client) -> None:
    response = owner_client.post(
        heard_url("rio-grande-print-ops"),
        {"kind": "new_date", "sender": "gloria", "channel": "phone", "by": "2026-11-27"},
    )
    assert response.status_code == 302
    heard = Event.objects.get(
        application__slug="rio-grande-print-ops", type="heard", data__kind="new_date"
    )
    assert heard.data == {
        "kind": "new_date",
        "from": "gloria",
        "channel": "phone",
        "by": "2026-11-27",
    }
    _, step = services.pending_step(owner, "rio-grande-print-ops", AS_OF)
    assert step.due > AS_OF  # the promised call is no longer due: they named a new date


def test_heard_new_date_without_date_is_422(owner: User, owner_client: Client) -> None:
    before = event_count("rio-grande-print-ops")
    response = owner_client.post(
        heard_url("rio-grande-print-ops"), {"kind": "new_date"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 422
    assert "New date (for a new date): Give the new date they named." in text_of(response)
    assert event_count("rio-grande-print-ops") == before


# Query count ------------------------------------------------------------------------------------


def _due_applications(user: User, count: int) -> None:
    """`count` applications with steps due: calls to confirm receipt, and thank-you notes."""
    for n in range(count):
        events: list[dict[str, Any]] = [{"type": "applied", "at": "2026-11-02"}]
        if n % 2:
            events.append({"type": "interview", "at": "2026-11-17T10:00", "with": ["pat"]})
        services.add_application(
            user,
            {
                "id": f"job-{n}",
                "company": f"Company {n}",
                "role": "Analyst",
                "contacts": [
                    {
                        "id": "pat",
                        "name": f"Pat {n}",
                        "role": "recruiter",
                        "email": f"pat{n}@example.org",
                        "phone": "+1 505 555 0100",
                    }
                ],
                "events": events,
            },
            as_of=AS_OF,
        )


def _queries_for_today(user: User) -> tuple[int, str]:
    client = Client()
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return len(queries), text_of(response)


def test_today_query_count_is_constant_in_the_number_of_applications(
    db: None, settings: Any
) -> None:
    settings.TODAY_PAGE_SIZE = 100
    few = User.objects.create_user("few", "few@example.org", "a long enough password")
    many = User.objects.create_user("many", "many@example.org", "a long enough password")
    _due_applications(few, 5)
    _due_applications(many, 50)
    few_queries, few_page = _queries_for_today(few)
    many_queries, many_page = _queries_for_today(many)
    assert "Company 4" in few_page
    assert "Company 49" in many_page
    assert many_page.count("to check your application arrived") == 25
    assert many_page.count("Send a thank-you note to Pat") == 25
    assert few_queries == many_queries
    # 15, one to count the pages, one to look for an accepted offer (no nudges then, §7.1),
    # one to count the sample applications (the banner)
    assert many_queries <= 18
    print(f"Today: {few_queries} queries for 5 applications, {many_queries} for 50")


def test_today_is_paged_soonest_first(db: None, settings: Any) -> None:
    """The finding: 11,000 due applications made one Today page take 21 s and 56 MB."""
    settings.TODAY_PAGE_SIZE = 20
    many = User.objects.create_user("many", "many@example.org", "a long enough password")
    _due_applications(many, 50)
    client = Client()
    client.force_login(many)
    pages = [text_of(client.get("/", {"page": n})) for n in (1, 2, 3)]
    shown = [{n for n in range(50) if f"Company {n} " in page} for page in pages]
    assert [len(s) for s in shown] == [20, 20, 10]
    assert set().union(*shown) == set(range(50))
    assert "Page 1 of 3: the 50 applications with a step this week" in pages[0]
    assert "Later steps" in pages[0] and "Sooner steps" not in pages[0]
    assert "Sooner steps" in pages[2] and "Later steps" not in pages[2]
    assert text_of(client.get("/", {"page": "x"})) == pages[0]  # not a number: the first
    assert text_of(client.get("/", {"page": "99"})) == pages[2]  # past the end: the last


def test_today_page_date_is_the_users_today(owner_client: Client, frozen_today: date) -> None:
    assert "Wednesday 18 November 2026" in text_of(owner_client.get("/"))


def _offer_and_interviewing(user: User, offer_at: str, deadline: str | None) -> None:
    offer: dict[str, Any] = {"type": "heard", "at": offer_at, "kind": "offer"}
    if deadline:
        offer["deadline"] = deadline
    pat = [{"id": "pat", "name": "Pat Lee", "role": "hiring_manager", "email": "p@example.org"}]
    interviewed = [
        {"type": "applied", "at": "2026-10-01"},
        {"type": "interview", "at": "2026-10-20T10:00", "with": ["pat"]},
    ]
    services.add_application(
        user,
        {"id": "offer-co", "company": "Offer Co", "contacts": pat, "events": [*interviewed, offer]},
        as_of=AS_OF,
    )
    services.add_application(
        user,
        {"id": "busy-co", "company": "Busy Co", "contacts": pat, "events": interviewed},
        as_of=AS_OF,
    )


def _status_updates(user: User) -> list[str]:
    page = services.today(user, AS_OF)
    pairs = page.overdue + page.today + page.this_week
    return [step.reason for item, step in pairs if step.action == "status_update"]


@pytest.mark.parametrize(
    ("offer_at", "deadline", "live"),
    [
        ("2026-11-16", None, True),  # two days ago: within status_update_days (14)
        ("2026-10-30", None, False),  # 19 days ago, no deadline: no longer live
        ("2026-10-30", "2026-12-01", True),  # old, but open until December
        ("2026-11-16", "2026-11-17", False),  # recent, but its deadline passed yesterday
    ],
)
def test_a_live_offer_elsewhere_prompts_a_status_update_on_today(
    db: None, offer_at: str, deadline: str | None, live: bool
) -> None:
    """Today plans only offers that may still be live (not every offer ever received)."""
    user = User.objects.create_user("seeker", "s@example.org", "a long enough password")
    _offer_and_interviewing(user, offer_at, deadline)
    updates = _status_updates(user)
    if live:
        assert len(updates) == 1
        assert updates[0].startswith("You have an offer from Offer Co")
    else:
        assert updates == []
    planned = set(services.live_offers(user, AS_OF).values_list("application__slug", flat=True))
    assert planned == ({"offer-co"} if (offer_at, deadline) != ("2026-10-30", None) else set())


def test_today_filters_by_group_and_channel_and_ignores_unknown_values(
    owner_client: Client,
) -> None:
    every = text_of(owner_client.get("/"))
    assert "Overdue" in every and "This week" in every
    week = text_of(owner_client.get("/?when=week"))
    assert "Fold This week" in week and "Fold Overdue" not in week and "Fold Today" not in week
    letters = owner_client.get("/?how=letter").content.decode()
    assert 'class="channel">Email<' not in letters and 'class="channel">Phone<' not in letters
    assert text_of(owner_client.get("/?when=soon&how=fax")) == every

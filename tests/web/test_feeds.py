"""The calendar feed: its content read back by two independent iCalendar parsers
(icalendar and vobject), its secret address (hashed, revocable, regenerable), its
Settings page, and `followup ics`."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from followup.cli import main
from followup.feeds import services as feeds
from followup.feeds.ical import build_calendar, call_window
from followup.feeds.models import FeedToken
from followup.planner.demo import demo_data
from followup.planner.model import Step
from followup.tracker import services
from followup.tracker.models import Event

from .conftest import AS_OF

BASE = "http://testserver"
# The demo as of AS_OF: 14 pending (not projected) steps (the offer to decide and the
# interview to prepare among them), 3 expected dates on open applications, 13
# interviews (one of them booked for Fri 20 Nov).
DEMO_EVENTS = 14 + 3 + 13


# Helpers ---------------------------------------------------------------------------------


def parse_both(data: bytes) -> tuple[icalendar.Calendar, Any]:
    return icalendar.Calendar.from_ical(data), vobject.readOne(data.decode("utf-8"))


def by_uid_icalendar(cal: icalendar.Calendar) -> dict[str, Any]:
    return {str(e["uid"]): e for e in cal.walk("VEVENT")}


def by_uid_vobject(cal: Any) -> dict[str, Any]:
    return {e.uid.value: e for e in cal.vevent_list}


def uid_of(user: User, kind: str, rest: str) -> str:
    return f"u{user.pk}-{kind}-{rest}@followup"


def expected_count(user: User, as_of: date) -> int:
    result = services.plan_for(user, as_of)
    steps = sum(1 for item in result.applications for s in item.steps if not s.projected)
    expected = sum(
        1
        for item in result.applications
        if item.context.expected_by is not None and item.stage != "closed"
    )
    interviews = Event.objects.filter(application__user=user, type="interview").count()
    return steps + expected + interviews


def vobject_zone(value: datetime) -> str:
    """The TZID of a time vobject read: its zone is built from the feed's own
    VTIMEZONE (dateutil's tzical), not looked up by name."""
    assert type(value.tzinfo).__module__.startswith("dateutil"), value.tzinfo
    tzid: str = vobject.icalendar.TimezoneComponent.pickTzid(value.tzinfo)
    return tzid


def utc(value: datetime) -> datetime:
    assert value.tzinfo is not None, value
    return value.astimezone(UTC)


@pytest.fixture
def feed(owner: User) -> bytes:
    return build_calendar(owner, AS_OF, BASE)


def demo_user(name: str, as_of: date) -> User:
    user = User.objects.create_user(name, f"{name}@example.org", "a long enough password")
    services.import_journal(user, demo_data(as_of), as_of=as_of)
    return user


# Content -------------------------------------------------------------------------------------


def test_feed_parses_with_both_parsers_one_event_per_thing(owner: User, feed: bytes) -> None:
    ical, vcal = parse_both(feed)
    assert len(ical.walk("VEVENT")) == DEMO_EVENTS == expected_count(owner, AS_OF)
    assert len(vcal.vevent_list) == DEMO_EVENTS
    assert str(ical["version"]) == "2.0"
    assert str(ical["calscale"]) == "GREGORIAN"
    assert str(ical["method"]) == "PUBLISH"
    assert str(ical["x-wr-calname"]) == "followup"
    assert vcal.prodid.value == "-//followup//calendar feed//EN"
    stamps = {e.dtstamp.value for e in vcal.vevent_list}
    assert stamps == {datetime(2026, 11, 18, tzinfo=UTC)}  # as_of at midnight UTC
    summaries = [e.summary.value for e in vcal.vevent_list]
    assert "Expected word from Saguaro Health Partners" in summaries
    assert "Interview: Mesa Grid Energy – Senior Data Analyst" in summaries
    # Projected rungs (here Mesa Grid's escalation on 3 Dec) stay out of the calendar.
    assert uid_of(owner, "step", "mesa-grid-analyst-escalate-renata") not in by_uid_vobject(vcal)


def test_lines_are_folded_and_text_escaped(feed: bytes) -> None:
    lines = feed.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    assert b"\n" not in feed.replace(b"\r\n", b"")  # every line ends CRLF
    # "Call Dana Whitfield, …" style text: commas and semicolons are escaped.
    unfolded = feed.replace(b"\r\n ", b"")
    assert b"DESCRIPTION:" in unfolded and b"\\," in unfolded and b"\\;" in unfolded


def test_call_is_timed_in_the_employers_zone(owner: User, feed: bytes) -> None:
    """Saguaro's status update call: 09:30-11:30 in Phoenix (UTC-7 all year)."""
    ical, vcal = parse_both(feed)
    uid = uid_of(owner, "step", "saguaro-health-bi-status_update-dana")
    assert b"DTSTART;TZID=America/Phoenix:20261112T093000" in feed
    ours, theirs = by_uid_icalendar(ical)[uid], by_uid_vobject(vcal)[uid]
    assert ours["dtstart"].params["TZID"] == "America/Phoenix"
    assert vobject_zone(theirs.dtstart.value) == "America/Phoenix"
    for start, end in (
        (ours.decoded("dtstart"), ours.decoded("dtend")),
        (theirs.dtstart.value, theirs.dtend.value),
    ):
        assert utc(start) == datetime(2026, 11, 12, 16, 30, tzinfo=UTC)
        assert utc(end) == datetime(2026, 11, 12, 18, 30, tzinfo=UTC)
    # A VTIMEZONE for each zone used, and only those.
    assert {str(z["tzid"]) for z in ical.walk("VTIMEZONE")} == {"America/Denver", "America/Phoenix"}


def test_other_steps_are_all_day_on_their_due_date(owner: User, feed: bytes) -> None:
    ical, vcal = parse_both(feed)
    uid = uid_of(owner, "step", "saguaro-health-bi-ask_insider-luis")
    assert by_uid_icalendar(ical)[uid]["dtstart"].params["VALUE"] == "DATE"
    for start in (
        by_uid_icalendar(ical)[uid].decoded("dtstart"),
        by_uid_vobject(vcal)[uid].dtstart.value,
    ):
        assert type(start) is date and start == date(2026, 11, 18)
    expected = by_uid_vobject(vcal)[uid_of(owner, "expected", "rio-grande-print-ops")]
    assert expected.dtstart.value == date(2026, 11, 13)
    assert expected.summary.value == "Expected word from Rio Grande Sign Works"


def test_interview_is_timed_for_an_hour_in_the_employers_zone(owner: User, feed: bytes) -> None:
    """Mesa Grid's second interview: 17 Nov 13:30 in Denver (MST, UTC-7)."""
    ical, vcal = parse_both(feed)
    uid = uid_of(owner, "interview", "mesa-grid-analyst-2")
    ours, theirs = by_uid_icalendar(ical)[uid], by_uid_vobject(vcal)[uid]
    for start, end in (
        (ours.decoded("dtstart"), ours.decoded("dtend")),
        (theirs.dtstart.value, theirs.dtend.value),
    ):
        assert utc(start) == datetime(2026, 11, 17, 20, 30, tzinfo=UTC)
        assert utc(end) == datetime(2026, 11, 17, 21, 30, tzinfo=UTC)


def test_interview_given_as_a_date_is_all_day(owner: User) -> None:
    services.record_event(
        owner, "caprock-renewables-energy", {"type": "interview", "at": "2026-11-25"}, AS_OF
    )
    vcal = vobject.readOne(build_calendar(owner, AS_OF, BASE).decode())
    event = by_uid_vobject(vcal)[uid_of(owner, "interview", "caprock-renewables-energy-1")]
    assert type(event.dtstart.value) is date and event.dtstart.value == date(2026, 11, 25)
    assert event.summary.value.startswith("Interview: Caprock Renewables – ")


DENVER, PHOENIX = "America/Denver", "America/Phoenix"


@pytest.mark.parametrize(
    ("as_of", "uid_rest", "zone", "local", "in_utc"),
    [
        # Before the US switch to summer time (Sunday 8 March 2026): MST, UTC-7.
        (
            date(2026, 3, 4),
            "rio-grande-print-ops-call-gloria",
            DENVER,
            datetime(2026, 3, 2, 8, 30),
            datetime(2026, 3, 2, 15, 30, tzinfo=UTC),
        ),
        # After it: MDT, UTC-6.
        (
            date(2026, 3, 11),
            "rio-grande-print-ops-call-gloria",
            DENVER,
            datetime(2026, 3, 9, 8, 30),
            datetime(2026, 3, 9, 14, 30, tzinfo=UTC),
        ),
        (
            date(2026, 3, 11),
            # The phone confirm-receipt, tried again after an unanswered call (§6).
            "desert-bloom-evaluation-confirm_receipt-yolanda",
            DENVER,
            datetime(2026, 3, 11, 9, 30),
            datetime(2026, 3, 11, 15, 30, tzinfo=UTC),
        ),
        # Phoenix keeps UTC-7 all year.
        (
            date(2026, 3, 11),
            "saguaro-health-bi-status_update-dana",
            PHOENIX,
            datetime(2026, 3, 4, 9, 30),
            datetime(2026, 3, 4, 16, 30, tzinfo=UTC),
        ),
    ],
)
def test_call_times_follow_daylight_saving_time(
    db: None, as_of: date, uid_rest: str, zone: str, local: datetime, in_utc: datetime
) -> None:
    user = demo_user("dst", as_of)
    ical, vcal = parse_both(build_calendar(user, as_of, BASE))
    uid = uid_of(user, "step", uid_rest)
    ours, theirs = by_uid_icalendar(ical)[uid], by_uid_vobject(vcal)[uid]
    assert ours["dtstart"].params["TZID"] == zone
    assert ours.decoded("dtstart").replace(tzinfo=None) == local
    assert utc(ours.decoded("dtstart")) == in_utc
    # vobject builds the zone from the feed's own VTIMEZONE rules, not from its name.
    assert vobject_zone(theirs.dtstart.value) == zone
    assert theirs.dtstart.value.replace(tzinfo=None) == local
    assert utc(theirs.dtstart.value) == in_utc


@pytest.mark.parametrize("window", [None, "9:30", "09:30-", "11:30-09:30", "25:00-26:00"])
def test_a_call_without_a_usable_window_is_all_day(window: str | None) -> None:
    step = Step("call", "phone", "dana", date(2026, 11, 12), date(2026, 11, 13), "Why", (), window)
    assert call_window(step, PHOENIX) is None
    assert call_window(step._replace(window="09:30-11:30"), "Not/AZone") is None
    start, end = call_window(step._replace(window="09:30-11:30"), PHOENIX) or (None, None)
    assert start == datetime(2026, 11, 12, 9, 30, tzinfo=ZoneInfo(PHOENIX))
    assert end == datetime(2026, 11, 12, 11, 30, tzinfo=ZoneInfo(PHOENIX))


def test_uids_are_unique_and_stable(owner: User, feed: bytes) -> None:
    ical = icalendar.Calendar.from_ical(feed)
    uids = [str(e["uid"]) for e in ical.walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    assert build_calendar(owner, AS_OF, BASE) == feed  # same journal and day: same bytes
    # Editing an application rewrites its rows; its events keep their UIDs.
    services.update_application(owner, "mesa-grid-analyst", {"notes": "Edited."}, as_of=AS_OF)
    again = icalendar.Calendar.from_ical(build_calendar(owner, AS_OF, BASE))
    assert sorted(str(e["uid"]) for e in again.walk("VEVENT")) == sorted(uids)
    # A day later the same pending steps keep their UIDs too.
    tomorrow = icalendar.Calendar.from_ical(build_calendar(owner, date(2026, 11, 19), BASE))
    mesa_check_in = uid_of(owner, "step", "mesa-grid-analyst-check_in-kim")
    assert mesa_check_in in {str(e["uid"]) for e in tomorrow.walk("VEVENT")}


def test_description_has_reason_sources_draft_and_link(owner: User, feed: bytes) -> None:
    _, vcal = parse_both(feed)
    link = f"{BASE}/applications/saguaro-health-bi/"
    plan = services.plan_for(owner, AS_OF)
    item = next(i for i in plan.applications if i.application.id == "saguaro-health-bi")
    call = by_uid_vobject(vcal)[uid_of(owner, "step", "saguaro-health-bi-status_update-dana")]
    text = call.description.value
    assert item.steps[0].reason in text
    assert "When They Don't Call To Offer You The Job" in text  # source by title
    assert "Call sheet" in text and "Ask for\n  Dana Whitfield" in text
    assert text.endswith(f"Open the application: {link}")
    assert call.url.value == link
    assert (
        call.summary.value
        == "Call Dana Whitfield to tell them where things stand – Saguaro Health Partners"
    )
    email = by_uid_vobject(vcal)[uid_of(owner, "step", "saguaro-health-bi-ask_insider-luis")]
    assert "Subject: A small favour" in email.description.value
    assert "Hello Luis," in email.description.value


# The feed's address ------------------------------------------------------------------------


def feed_path(token: str) -> str:
    return reverse("calendar_feed", args=[token])


def test_token_is_random_and_stored_hashed(owner: User) -> None:
    token = feeds.regenerate(owner)
    assert len(token) >= 43  # 32 random bytes, base64url
    row = FeedToken.objects.get(user=owner)
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in (row.token_hash, row.prefix) and token.startswith(row.prefix)
    assert feeds.user_for_token(token) == owner
    assert feeds.user_for_token(token[:-1]) is None
    assert feeds.regenerate(owner) != token


def test_feed_view_serves_the_calendar_without_login(owner: User, anon_client: Client) -> None:
    token = feeds.regenerate(owner)
    response = anon_client.get(feed_path(token))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cache-Control"] == "private, max-age=300"
    cal = vobject.readOne(response.content.decode())
    assert len(cal.vevent_list) == DEMO_EVENTS
    assert "http://testserver/applications/mesa-grid-analyst/" in {
        e.url.value for e in cal.vevent_list
    }


def test_feed_view_is_read_only(owner: User, anon_client: Client) -> None:
    token = feeds.regenerate(owner)
    assert anon_client.post(feed_path(token)).status_code == 405
    assert anon_client.head(feed_path(token)).status_code == 200


def test_unknown_revoked_and_replaced_tokens_are_404(owner: User, anon_client: Client) -> None:
    assert anon_client.get(feed_path("not-a-token")).status_code == 404
    old = feeds.regenerate(owner)
    new = feeds.regenerate(owner)
    missing = anon_client.get(feed_path(old))
    assert missing.status_code == 404
    assert missing["Referrer-Policy"] == "no-referrer"
    assert anon_client.get(feed_path(new)).status_code == 200
    assert feeds.revoke(owner) is True
    assert anon_client.get(feed_path(new)).status_code == 404
    assert feeds.revoke(owner) is False


def test_a_token_shows_only_its_users_data(owner: User, other: User, anon_client: Client) -> None:
    feeds.regenerate(owner)
    token = feeds.regenerate(other)
    cal = vobject.readOne(anon_client.get(feed_path(token)).content.decode())
    summaries = [e.summary.value for e in cal.vevent_list]
    assert summaries and all("Other Co" in s for s in summaries)
    assert all(e.uid.value.startswith(f"u{other.pk}-") for e in cal.vevent_list)


# The Settings page ----------------------------------------------------------------------------


def test_feed_settings_needs_login(anon_client: Client) -> None:
    for response in (
        anon_client.get(reverse("feed_settings")),
        anon_client.post(reverse("regenerate_feed")),
        anon_client.post(reverse("revoke_feed")),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert not FeedToken.objects.exists()


def test_feed_settings_page(owner_client: Client, owner: User) -> None:
    response = owner_client.get(reverse("feed_settings"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Calendar feed" in page and "is <strong>off</strong>" in page
    assert "Turn on the calendar feed" in page and "Turn the feed off" not in page


def address_on(response: Any) -> str:
    assert response.status_code == 200
    url: str = response.context["new_address"]
    assert url.startswith("http://testserver/feeds/") and url.endswith(".ics")
    assert url in response.content.decode()
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]
    return url


def test_regenerate_shows_the_address_once_and_kills_the_old_one(
    owner_client: Client, anon_client: Client
) -> None:
    first = address_on(owner_client.post(reverse("regenerate_feed")))
    assert anon_client.get(first).status_code == 200
    later = owner_client.get(reverse("feed_settings")).content.decode()
    assert first not in later and "is <strong>on</strong>" in later  # shown only once
    second = address_on(owner_client.post(reverse("regenerate_feed")))
    assert second != first
    assert anon_client.get(first).status_code == 404
    assert anon_client.get(second).status_code == 200


def test_revoke_from_settings(owner_client: Client, anon_client: Client, owner: User) -> None:
    url = address_on(owner_client.post(reverse("regenerate_feed")))
    response = owner_client.post(reverse("revoke_feed"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("feed_settings")
    assert "Your calendar feed is off" in response.content.decode()
    assert anon_client.get(url).status_code == 404
    assert not FeedToken.objects.filter(user=owner).exists()


def test_settings_actions_need_post(owner_client: Client) -> None:
    assert owner_client.get(reverse("regenerate_feed")).status_code == 405
    assert owner_client.get(reverse("revoke_feed")).status_code == 405
    assert not FeedToken.objects.exists()


def test_another_users_settings_show_nothing_of_the_owners(
    owner_client: Client, other_client: Client, owner: User
) -> None:
    address_on(owner_client.post(reverse("regenerate_feed")))
    prefix = FeedToken.objects.get(user=owner).prefix
    page = other_client.get(reverse("feed_settings")).content.decode()
    assert "is <strong>off</strong>" in page and prefix not in page


# followup ics -----------------------------------------------------------------------------


def test_cli_writes_a_parseable_file(owner: User, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "followup.ics"
    argv = ["ics", "-o", str(path), "--user", "owner", "--as-of", "2026-11-18"]
    assert main([*argv, "--base-url", "https://followup.example"]) == 0
    data = path.read_bytes()
    ical, vcal = parse_both(data)
    assert len(ical.walk("VEVENT")) == len(vcal.vevent_list) == DEMO_EVENTS
    assert "https://followup.example/applications/mesa-grid-analyst/" in {
        e.url.value for e in vcal.vevent_list
    }
    assert data == build_calendar(owner, AS_OF, "https://followup.example")
    assert capsys.readouterr().out == ""  # the file, not standard output, got the feed


def test_cli_writes_to_standard_output(owner: User, capsysbinary: Any) -> None:
    assert main(["ics", "--user", "owner", "--as-of", "2026-11-18"]) == 0
    out = capsysbinary.readouterr().out
    assert out.startswith(b"BEGIN:VCALENDAR\r\n")
    assert len(vobject.readOne(out.decode()).vevent_list) == DEMO_EVENTS


def test_cli_unknown_user_is_an_error(owner: User, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "followup.ics"
    assert main(["ics", "-o", str(path), "--user", "nobody"]) == 2
    assert "--user nobody: no such user" in capsys.readouterr().err
    assert not path.exists()

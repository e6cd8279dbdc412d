"""The user's "today" (`services.today_for`): their local date, in their time zone.

Every other web, CLI and browser test pins today to a fixed date; here the real
function runs: with `now` given around midnight and the daylight-saving changes, and
with the real clock behind the web page's, the API's and the CLI's default date.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client

from followup.accounts.services import local_user
from followup.api import services as api_services
from followup.cli import main
from followup.tracker import services
from followup.tracker.models import Profile

pytestmark = pytest.mark.django_db

MONTHS = ("January", "February", "March", "April", "May", "June", "July")
MONTHS += ("August", "September", "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def person(zone: str | None, name: str = "dana") -> User:
    user = User.objects.create_user(name, f"{name}@example.org", "correct horse battery")
    Profile.objects.update_or_create(user=user, defaults={"timezone": zone})
    return user


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "now", "today"),
    [
        # Denver in winter is UTC-7: 06:59 UTC is 23:59 the day before.
        ("America/Denver", "2026-11-18T06:59", "2026-11-17"),
        ("America/Denver", "2026-11-18T07:00", "2026-11-18"),
        # Tokyo is UTC+9 all year: its day starts at 15:00 UTC the day before.
        ("Asia/Tokyo", "2026-11-17T14:59", "2026-11-17"),
        ("Asia/Tokyo", "2026-11-17T15:00", "2026-11-18"),
        # The ends of the clock: Kiritimati is UTC+14, Pago Pago UTC-11.
        ("Pacific/Kiritimati", "2026-11-17T10:00", "2026-11-18"),
        ("Pacific/Pago_Pago", "2026-11-18T10:59", "2026-11-17"),
        # Kolkata is UTC+5:30: half an hour matters.
        ("Asia/Kolkata", "2026-11-17T18:29", "2026-11-17"),
        ("Asia/Kolkata", "2026-11-17T18:30", "2026-11-18"),
        # No time zone in the profile: UTC.
        (None, "2026-11-17T23:59", "2026-11-17"),
        ("", "2026-11-18T00:00", "2026-11-18"),
    ],
)
def test_today_is_the_date_where_the_user_lives(zone: str | None, now: str, today: str) -> None:
    assert services.today_for(person(zone), utc(now)) == date.fromisoformat(today)


@pytest.mark.parametrize(
    ("zone", "now", "today"),
    [
        # Denver springs forward on Sun 8 Mar 2026 (UTC-7 -> UTC-6): midnight of Mon 9 Mar
        # is 06:00 UTC, where a fixed winter offset would still say Sun 8 Mar.
        ("America/Denver", "2026-03-08T06:59", "2026-03-07"),
        ("America/Denver", "2026-03-09T05:59", "2026-03-08"),
        ("America/Denver", "2026-03-09T06:00", "2026-03-09"),
        # ...and falls back on Sun 1 Nov 2026 (UTC-6 -> UTC-7): midnight of Mon 2 Nov is
        # 07:00 UTC, where a fixed summer offset would already say Mon 2 Nov.
        ("America/Denver", "2026-11-02T06:30", "2026-11-01"),
        ("America/Denver", "2026-11-02T07:00", "2026-11-02"),
        # London: British Summer Time from Sun 29 Mar to Sun 25 Oct 2026.
        ("Europe/London", "2026-03-29T23:30", "2026-03-30"),
        ("Europe/London", "2026-10-25T23:30", "2026-10-25"),
        # Sydney's summer runs the other way (UTC+11 until Sun 5 Apr 2026, then UTC+10).
        ("Australia/Sydney", "2026-04-04T13:30", "2026-04-05"),
        ("Australia/Sydney", "2026-04-05T13:30", "2026-04-05"),
        ("Australia/Sydney", "2026-04-05T14:00", "2026-04-06"),
    ],
)
def test_today_follows_daylight_saving_changes(zone: str, now: str, today: str) -> None:
    assert services.today_for(person(zone), utc(now)) == date.fromisoformat(today)


# The defaults, on the real clock. A run that straddles the user's midnight may see
# either day, so each check accepts the dates before and after the request.


def long_date(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_the_today_page_shows_the_users_today(zone: str) -> None:
    # The two zones are 25 hours apart: on any real day they show different dates.
    user = person(zone)
    client = Client()
    client.force_login(user)
    before = services.today_for(user)
    page = client.get("/").content.decode()
    after = services.today_for(user)
    assert long_date(before) in page or long_date(after) in page


def test_the_api_plans_as_of_the_users_today() -> None:
    user = person("Pacific/Kiritimati")
    _, token = api_services.create_token(user, "tests")
    before = services.today_for(user)
    answer = Client().get("/api/plan", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    after = services.today_for(user)
    assert answer["as_of"] in (before.isoformat(), after.isoformat())


def test_the_cli_today_is_the_local_users_today(capsys: pytest.CaptureFixture[str]) -> None:
    user = local_user()
    Profile.objects.update_or_create(user=user, defaults={"timezone": "Pacific/Pago_Pago"})
    before = services.today_for(user)
    assert main(["today", "--format", "json"]) == 0
    after = services.today_for(user)
    printed = json.loads(capsys.readouterr().out)
    assert printed["as_of"] in (before.isoformat(), after.isoformat())

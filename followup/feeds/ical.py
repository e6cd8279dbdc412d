"""The user's plan as an iCalendar feed (RFC 5545), for calendar apps to subscribe to.

One event per pending step (projected rungs left out: they move with every reply),
per expected word from an employer, and per interview. Calls are timed at their
window in the employer's time zone, with a VTIMEZONE for each zone used; the other
steps are all-day events on their due date.

The output depends only on the journal and `as_of` (DTSTAMP is `as_of` at midnight
UTC), and every UID is built from what identifies the thing, not from its date:
a calendar app refreshing the feed updates its events instead of adding copies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import AbstractBaseUser
from django.urls import reverse
from icalendar import Calendar, Component
from icalendar import Event as CalendarEvent

from ..planner.model import Profile, Step
from ..planner.plan import ApplicationPlan, render_draft
from ..tracker import services
from ..tracker.models import Event
from ..tracker.presenters import day, sources, what_to_do

PRODID = "-//followup//calendar feed//EN"
UTC = ZoneInfo("UTC")
INTERVIEW_LENGTH = timedelta(hours=1)
Link = Callable[[str], str]  # application id -> its page's full address


def build_calendar(user: AbstractBaseUser, as_of: date, base_url: str) -> bytes:
    """The feed of `user` as of `as_of`; links point at `base_url` (scheme and host)."""
    result = services.plan_for(user, as_of)
    stamp = datetime.combine(as_of, time(0), UTC)
    link = _linker(base_url)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", "followup")
    events = [
        *_step_events(user, result.applications, result.profile, link),
        *_expectation_events(user, result.applications, link),
        *_interview_events(user, result.applications, link),
    ]
    _make_uids_unique(events)
    for event in events:
        event.add("dtstamp", stamp)
        cal.add_component(event)
    first, last = _date_range(events, as_of)
    # Only the years the feed spans: a zone's full history would be most of the file.
    cal.add_missing_timezones(first_date=first, last_date=last)
    for zone in cal.walk("VTIMEZONE"):
        repeat_first_onsets(zone)
    _zones_first_in_order(cal)
    return bytes(cal.to_ical())


def repeat_first_onsets(zone: Component) -> None:
    """List each observance's first onset (its DTSTART) among its RDATEs too.

    RFC 5545 counts DTSTART as the first onset, but ical.js (Thunderbird, many web
    calendars) and libical read only the RDATEs of an observance that has them: without
    the repeat, the first summer of the feed would read an hour off there.
    """
    for observance in zone.subcomponents:
        if "RDATE" in observance:
            observance.add("rdate", observance.decoded("dtstart"))


def _zones_first_in_order(cal: Calendar) -> None:
    """VTIMEZONEs sorted by TZID, ahead of the events: icalendar adds them from a set,
    whose order changes from one process to the next, and the file must not."""
    zones = sorted(
        (c for c in cal.subcomponents if c.name == "VTIMEZONE"), key=lambda c: str(c["TZID"])
    )
    cal.subcomponents[:] = [*zones, *(c for c in cal.subcomponents if c.name != "VTIMEZONE")]


# Steps ---------------------------------------------------------------------------------


def _step_events(
    user: AbstractBaseUser, items: tuple[ApplicationPlan, ...], profile: Profile, link: Link
) -> Iterator[CalendarEvent]:
    for item in items:
        for step in item.steps:
            if not step.projected:
                yield _step_event(user, item, step, profile, link)


def _step_event(
    user: AbstractBaseUser, item: ApplicationPlan, step: Step, profile: Profile, link: Link
) -> CalendarEvent:
    app = item.application
    url = link(app.id)
    event = CalendarEvent()
    event.add("uid", f"u{user.pk}-step-{app.id}-{step.action}-{step.to or 'none'}@followup")
    event.add("summary", f"{what_to_do(item, step)} – {app.company}")
    window = call_window(step, app.timezone) if step.channel == "phone" else None
    if window:
        event.add("dtstart", window[0])
        event.add("dtend", window[1])
    else:
        _all_day(event, step.due)
    event.add("description", _step_description(item, step, profile, url))
    event.add("url", url)
    return event


def call_window(step: Step, zone: str) -> tuple[datetime, datetime] | None:
    """The call's window ("HH:MM-HH:MM") on its due date, in the employer's zone."""
    if not step.window:
        return None
    try:
        start, end = (time.fromisoformat(part.strip()) for part in step.window.split("-"))
        tz = ZoneInfo(zone)
    except (ValueError, KeyError):  # a malformed window or zone: fall back to all day
        return None
    if end <= start:  # DTEND must come after DTSTART
        return None
    return datetime.combine(step.due, start, tz), datetime.combine(step.due, end, tz)


def _step_description(item: ApplicationPlan, step: Step, profile: Profile, url: str) -> str:
    lines = [step.reason, ""]
    if step.due_by != step.due:
        lines.append(f"Due {day(step.due)}, at the latest {day(step.due_by)}.")
    if step.window:
        lines.append(
            f"Call between {step.window.replace('-', ' and ')} ({item.application.timezone} time)."
        )
    titles = sources(step)
    if titles:
        lines.append("Why this advice: " + "; ".join(titles) + ".")
    draft = render_draft(item, step, profile)
    if draft:
        lines += ["", "Call sheet" if draft["subject"] is None else "Draft", ""]
        if draft["subject"]:
            lines.append(f"Subject: {draft['subject']}")
            lines.append("")
        lines.append(draft["body"])
    lines += ["", f"Open the application: {url}"]
    return "\n".join(_squeeze(lines))


def _squeeze(lines: list[str]) -> Iterator[str]:
    """The lines without a blank one at the start or twice in a row."""
    previous = ""
    for line in lines:
        if line or previous:
            yield line
        previous = line


# Expected word and interviews ------------------------------------------------------------


def _expectation_events(
    user: AbstractBaseUser, items: tuple[ApplicationPlan, ...], link: Link
) -> Iterator[CalendarEvent]:
    for item in items:
        by = item.context.expected_by
        if by is None or item.stage == "closed":
            continue
        app = item.application
        url = link(app.id)
        event = CalendarEvent()
        event.add("uid", f"u{user.pk}-expected-{app.id}@followup")
        event.add("summary", f"Expected word from {app.company}")
        _all_day(event, by)
        event.add(
            "description",
            f"{app.company} said you would hear from them by this date. "
            f"If nothing comes, your plan already has the follow-up.\n\n"
            f"Open the application: {url}",
        )
        event.add("url", url)
        yield event


def _interview_events(
    user: AbstractBaseUser, items: tuple[ApplicationPlan, ...], link: Link
) -> Iterator[CalendarEvent]:
    planned = {item.application.id: item.application for item in items}
    rows = (
        Event.objects.filter(application__user=user, type="interview")
        .select_related("application")
        .order_by("application__position", "application_id", "local_at", "position", "id")
    )
    count: Counter[str] = Counter()
    for row in rows:
        app = planned.get(row.application.slug)
        if app is None:
            continue
        count[app.id] += 1
        url = link(app.id)
        event = CalendarEvent()
        # The interview's rank in its application, not its database id: editing an
        # application rewrites its rows, and the calendar should still see one event.
        event.add("uid", f"u{user.pk}-interview-{app.id}-{count[app.id]}@followup")
        event.add("summary", f"Interview: {app.company} – {app.role or 'interview'}")
        start = datetime.fromisoformat(row.local_at) if row.local_at else None
        if start is None or len(row.at) <= len("YYYY-MM-DD"):
            _all_day(event, date.fromisoformat(row.at[:10]))
        else:
            start = start.replace(tzinfo=ZoneInfo(app.timezone))
            event.add("dtstart", start)
            event.add("dtend", start + INTERVIEW_LENGTH)
        notes = str(row.data.get("notes") or "").strip()
        event.add("description", (notes + "\n\n" if notes else "") + f"Open the application: {url}")
        event.add("url", url)
        yield event


# Helpers -----------------------------------------------------------------------------------


def _linker(base_url: str) -> Link:
    base = base_url.rstrip("/")
    return lambda slug: base + reverse("application", args=[slug])


def _all_day(event: CalendarEvent, day: date) -> None:
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: don't show busy


def _make_uids_unique(events: list[CalendarEvent]) -> None:
    """Two pending steps with the same action and person (rare) get -2, -3…"""
    seen: Counter[str] = Counter()
    for event in events:
        uid = str(event["uid"])
        seen[uid] += 1
        if seen[uid] > 1:
            local, _, domain = uid.partition("@")
            event["uid"] = f"{local}-{seen[uid]}@{domain}"


def _date_range(events: list[CalendarEvent], as_of: date) -> tuple[date, date]:
    days = [as_of]
    for event in events:
        start = event.decoded("dtstart")
        days.append(start.date() if isinstance(start, datetime) else start)
    return date(min(days).year, 1, 1), date(max(days).year + 1, 12, 31)

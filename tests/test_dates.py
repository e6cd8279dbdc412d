"""Dates as people say them (followup.dates): expected days counted on a calendar.

Today is Wednesday 18 November 2026 throughout."""

from __future__ import annotations

from datetime import date

import pytest

from followup.dates import DateError, long_day, read_at, read_week, short_day

WED = date(2026, 11, 18)


@pytest.mark.parametrize(
    ("text", "coming", "past"),
    [
        ("today", "2026-11-18", "2026-11-18"),
        ("Yesterday", "2026-11-17", "2026-11-17"),
        ("tomorrow", "2026-11-19", "2026-11-19"),
        # A weekday name: the next one for what is to come, the last one for what happened.
        ("fri", "2026-11-20", "2026-11-13"),
        ("Friday", "2026-11-20", "2026-11-13"),
        ("mon", "2026-11-23", "2026-11-16"),
        ("wed", "2026-11-25", "2026-11-11"),  # today's own name: a week away either way
        ("next fri", "2026-11-20", "2026-11-20"),
        ("last fri", "2026-11-13", "2026-11-13"),
        ("+3d", "2026-11-21", "2026-11-21"),
        ("-2d", "2026-11-16", "2026-11-16"),
        ("+1w", "2026-11-25", "2026-11-25"),
        ("in 2 weeks", "2026-12-02", "2026-12-02"),
        ("3 days ago", "2026-11-15", "2026-11-15"),
        ("2026-12-01", "2026-12-01", "2026-12-01"),
        ("4 Dec", "2026-12-04", "2026-12-04"),
        ("Dec 4 2026", "2026-12-04", "2026-12-04"),
        ("2026-12-01 09:00", "2026-12-01T09:00", "2026-12-01T09:00"),
        ("2026-12-01T09:00", "2026-12-01T09:00", "2026-12-01T09:00"),
        ("tomorrow 9:30", "2026-11-19T09:30", "2026-11-19T09:30"),
        ("fri 2pm", "2026-11-20T14:00", "2026-11-13T14:00"),
        ("yesterday at 16:45", "2026-11-17T16:45", "2026-11-17T16:45"),
    ],
)
def test_spoken_dates(text: str, coming: str, past: str) -> None:
    assert read_at(text, WED) == coming
    assert read_at(text, WED, past=True) == past


@pytest.mark.parametrize("text", ["", "blah", "2026-13-01", "fry", "soon"])
def test_unreadable_dates_say_what_would_do(text: str) -> None:
    with pytest.raises(DateError, match=r"say e\.g\. today, yesterday, fri"):
        read_at(text, WED)


@pytest.mark.parametrize("text", ["10/03/2026", "3.4.2026", "10/03"])
def test_numeric_dates_that_could_be_either_way_are_refused(text: str) -> None:
    with pytest.raises(DateError, match=r"is ambiguous \(day or month first\?\)"):
        read_at(text, WED)


@pytest.mark.parametrize(
    ("text", "monday"),
    [
        ("this", date(2026, 11, 16)),
        ("last", date(2026, 11, 9)),
        ("next", date(2026, 11, 23)),
        ("47", date(2026, 11, 16)),
        ("2026-W48", date(2026, 11, 23)),
        ("W1", date(2025, 12, 29)),  # ISO week 1 of 2026 starts in December 2025
        ("yesterday", date(2026, 11, 16)),
        ("2026-11-29", date(2026, 11, 23)),
    ],
)
def test_weeks(text: str, monday: date) -> None:
    assert read_week(text, WED) == monday


@pytest.mark.parametrize("text", ["2026-W60", "lastish"])
def test_unreadable_weeks(text: str) -> None:
    with pytest.raises(DateError):
        read_week(text, WED)


def test_one_date_style() -> None:
    assert short_day(date(2026, 12, 4)) == "Fri 4 Dec"
    assert short_day(date(2026, 11, 2)) == "Mon 2 Nov"
    assert long_day(date(2026, 12, 1)) == "Tuesday 1 December 2026"

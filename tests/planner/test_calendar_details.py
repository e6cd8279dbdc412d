"""Calendar details the mutation run (docs/testing.md) found unchecked."""

from __future__ import annotations

import pytest

from followup.planner.calendar import BusinessCalendar, _pinned_language

from .builders import d


@pytest.mark.parametrize(
    ("default", "supported", "pinned"),
    [
        ("en_GB", {"en_GB", "en_US"}, "en_GB"),  # the country's own English comes first
        ("de", {"de", "en_US", "uk"}, "en_US"),
        # No American English: the first English on offer, by name (en_AU before en_GB).
        ("th", {"th", "en_GB", "en_AU"}, "en_AU"),
        ("ka", {"ka", "uk"}, "ka"),  # no English at all: the country's own language
        (None, set(), None),
    ],
)
def test_holiday_names_are_pinned_to_english_when_there_is_some(
    default: str | None, supported: set[str], pinned: str | None
) -> None:
    assert _pinned_language(default, supported) == pinned


def test_the_day_after_the_loaded_years_is_looked_up_too() -> None:
    cal = BusinessCalendar("US")
    assert cal.holiday_name(d("2026-12-25")) == "Christmas Day"  # loads 2026
    assert cal.holiday_name(d("2027-01-01")) == "New Year's Day"  # the first day past it

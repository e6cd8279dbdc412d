"""Calendar details the mutation run (docs/testing.md) found unchecked."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from followup.planner.calendar import BusinessCalendar, _checked_language, _pinned_language

from .builders import d


@pytest.mark.parametrize(
    ("default", "supported", "pinned"),
    [
        ("en_GB", {"en_GB", "en_US"}, "en_GB"),  # the country's own English comes first
        ("de", {"de", "en_GB", "en_US"}, "en_US"),  # American before British, by choice
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


@pytest.mark.parametrize(
    ("country", "language"),
    [("GB", "en_GB"), ("AU", "en_AU"), ("DE", "en_US"), ("US", "en_US")],
)
def test_a_country_keeps_its_own_english(country: str, language: str) -> None:
    # British holidays keep their British names; Germany's come in the English on offer.
    assert _checked_language(country, None) == language


def test_the_last_business_day_before_a_year_not_yet_loaded() -> None:
    cal = BusinessCalendar("US")
    assert cal.is_business_day(d("2026-06-01"))  # loads 2026 only
    # Friday 1 January 2027 is the first day past it; the slowdown closes 24-31 December,
    # so the last business day before it is Wednesday 23 December.
    assert cal.prev_bd(d("2027-01-01")) == d("2026-12-23")


def test_past_the_first_and_last_years_is_the_error_of_date_arithmetic() -> None:
    cal = BusinessCalendar("US")
    # 1 January of year 1 is closed by the slowdown, and there is no year before it.
    with pytest.raises(OverflowError, match=r"^date value out of range$"):
        cal.prev_bd(date(1, 1, 1))
    # A calendar of its own: after year 1, reaching 9999 would load every year between.
    with pytest.raises(OverflowError, match=r"^date value out of range$"):
        BusinessCalendar("US").add_bd(date(9999, 12, 20), 30)


@pytest.mark.parametrize(
    "ask",
    [
        lambda cal: cal.next_bd(d("2027-01-01")),
        lambda cal: cal.add_bd(d("2027-01-01"), 1),
    ],
    ids=["next_bd", "add_bd"],
)
def test_the_first_business_day_of_a_year_not_yet_loaded(ask: Any) -> None:
    cal = BusinessCalendar("US")
    assert cal.is_business_day(d("2026-06-01"))  # loads 2026 only
    # Friday 1 January 2027 is closed (the slowdown), then the weekend: Monday the 4th.
    assert ask(cal) == d("2027-01-04")

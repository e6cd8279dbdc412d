"""Business-day calendar (spec §1).

Expected dates are worked out by hand from the 2026-2028 calendars: 1 January 2026
is a Thursday, 1 January 2027 a Friday, 1 January 2028 a Saturday.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta

import holidays
import pytest

from followup.planner.calendar import BusinessCalendar, CalendarError, get_calendar

D = date  # short constructor for the many literal dates below


@pytest.fixture
def us() -> BusinessCalendar:
    # A fresh object per test, so each test also exercises lazy loading from scratch.
    return BusinessCalendar("US")


@pytest.fixture
def us_no_slowdown() -> BusinessCalendar:
    return BusinessCalendar("US", year_end_slowdown=False)


# -- what is a business day ---------------------------------------------------------


def test_weekends_are_not_business_days(us: BusinessCalendar) -> None:
    assert us.is_business_day(D(2026, 3, 13))  # Friday
    assert not us.is_business_day(D(2026, 3, 14))  # Saturday
    assert not us.is_business_day(D(2026, 3, 15))  # Sunday
    assert us.is_business_day(D(2026, 3, 16))  # Monday


def test_us_federal_holidays(us: BusinessCalendar) -> None:
    assert not us.is_business_day(D(2026, 1, 19))  # MLK day, third Monday of January
    assert us.holiday_name(D(2026, 1, 19)) == "Martin Luther King Jr. Day"
    assert not us.is_business_day(D(2026, 11, 26))  # Thanksgiving, fourth Thursday
    assert us.is_business_day(D(2026, 1, 20))


def test_observed_holiday_counts_and_weekend_holiday_has_a_name(us: BusinessCalendar) -> None:
    # 4 July 2026 is a Saturday, so Independence Day is observed on Friday 3 July.
    assert not us.is_business_day(D(2026, 7, 3))
    assert us.holiday_name(D(2026, 7, 3)) == "Independence Day (observed)"
    assert us.holiday_name(D(2026, 7, 4)) == "Independence Day"
    assert us.is_business_day(D(2026, 7, 2))
    assert us.next_bd(D(2026, 7, 3)) == D(2026, 7, 6)
    assert us.prev_bd(D(2026, 7, 5)) == D(2026, 7, 2)


def test_holiday_name_is_none_on_ordinary_days_and_in_the_slowdown(us: BusinessCalendar) -> None:
    assert us.holiday_name(D(2026, 3, 11)) is None
    assert us.holiday_name(D(2026, 12, 25)) == "Christmas Day"
    # 28 December is closed by the slowdown, which is not a public holiday.
    assert not us.is_business_day(D(2026, 12, 28))
    assert us.holiday_name(D(2026, 12, 28)) is None


def test_state_holiday_only_in_its_subdivision() -> None:
    # Patriots' Day, third Monday of April, is a Massachusetts holiday, not a federal one.
    assert not BusinessCalendar("US", "MA").is_business_day(D(2026, 4, 20))
    assert BusinessCalendar("US", "MA").next_bd(D(2026, 4, 20)) == D(2026, 4, 21)
    assert BusinessCalendar("US").is_business_day(D(2026, 4, 20))


def test_german_land_holiday_only_in_its_land() -> None:
    # Epiphany (Tuesday 6 January 2026) is a holiday in Bavaria, not nationwide.
    by = BusinessCalendar("DE", "BY")
    assert not by.is_business_day(D(2026, 1, 6))
    assert by.holiday_name(D(2026, 1, 6)) == "Epiphany"
    assert BusinessCalendar("DE").is_business_day(D(2026, 1, 6))
    assert BusinessCalendar("DE").holiday_name(D(2026, 1, 6)) is None


def test_great_britain_and_canada() -> None:
    gb = BusinessCalendar("GB")
    assert not gb.is_business_day(D(2026, 5, 4))  # Early May bank holiday, first Monday
    assert gb.holiday_name(D(2026, 5, 4)) == "May Day"
    assert gb.add_bd(D(2026, 5, 1), 1) == D(2026, 5, 5)  # Fri -> (weekend, holiday) -> Tue
    assert BusinessCalendar("US").is_business_day(D(2026, 5, 4))

    ca = BusinessCalendar("CA")
    assert not ca.is_business_day(D(2026, 7, 1))  # Canada Day, a Wednesday
    assert ca.next_bd(D(2026, 7, 1)) == D(2026, 7, 2)


def test_scotland_closes_2_january_where_england_does_not() -> None:
    assert not BusinessCalendar("GB", "SCT").is_business_day(D(2026, 1, 2))
    assert BusinessCalendar("GB", "ENG").is_business_day(D(2026, 1, 2))


def test_holiday_names_do_not_follow_the_process_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    # Left to itself the holidays package would pick German names from LANGUAGE=de.
    monkeypatch.setenv("LANGUAGE", "de")
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    assert BusinessCalendar("DE", "BY").holiday_name(D(2026, 1, 6)) == "Epiphany"


# -- the year-end slowdown ------------------------------------------------------------


def test_slowdown_closes_24_december_to_1_january(us: BusinessCalendar) -> None:
    assert us.is_business_day(D(2026, 12, 23))  # Wednesday
    for day in range(24, 32):
        assert not us.is_business_day(D(2026, 12, day))
    assert not us.is_business_day(D(2027, 1, 1))
    # 2 January 2026 is a Friday, and a business day again.
    assert us.is_business_day(D(2026, 1, 2))
    assert us.is_business_day(D(2027, 1, 4))  # Monday after the weekend of 2-3 January


def test_without_slowdown_only_holidays_and_weekends_close(
    us_no_slowdown: BusinessCalendar,
) -> None:
    cal = us_no_slowdown
    assert not cal.year_end_slowdown
    assert cal.is_business_day(D(2026, 12, 24))  # Thursday, not a federal holiday
    assert not cal.is_business_day(D(2026, 12, 25))  # Christmas
    assert cal.is_business_day(D(2026, 12, 28))
    assert cal.is_business_day(D(2026, 12, 31))
    assert not cal.is_business_day(D(2027, 1, 1))  # New Year's Day


def test_observed_new_year_falls_in_the_previous_year(us_no_slowdown: BusinessCalendar) -> None:
    # 1 January 2028 is a Saturday: it is observed on Friday 31 December 2027. Start
    # in 2028 so the calendar has to load 2027 on the way back.
    cal = us_no_slowdown
    assert cal.prev_bd(D(2028, 1, 1)) == D(2027, 12, 30)
    assert cal.holiday_name(D(2027, 12, 31)) == "New Year's Day (observed)"
    assert cal.add_bd(D(2027, 12, 29), 2) == D(2028, 1, 3)


# -- next_bd, prev_bd, add_bd -------------------------------------------------------------


def test_next_and_prev_are_identity_on_business_days(us: BusinessCalendar) -> None:
    assert us.next_bd(D(2026, 3, 11)) == D(2026, 3, 11)
    assert us.prev_bd(D(2026, 3, 11)) == D(2026, 3, 11)


def test_next_and_prev_skip_weekends(us: BusinessCalendar) -> None:
    assert us.next_bd(D(2026, 3, 14)) == D(2026, 3, 16)
    assert us.prev_bd(D(2026, 3, 15)) == D(2026, 3, 13)


def test_next_and_prev_cross_the_slowdown_and_the_year(us: BusinessCalendar) -> None:
    assert us.next_bd(D(2026, 12, 24)) == D(2027, 1, 4)
    # Starting in January makes the calendar load the previous year.
    assert us.prev_bd(D(2027, 1, 1)) == D(2026, 12, 23)
    assert BusinessCalendar("US").prev_bd(D(2026, 1, 1)) == D(2025, 12, 23)


def test_add_bd_counts_only_business_days_after_d(us: BusinessCalendar) -> None:
    assert us.add_bd(D(2026, 3, 11), 1) == D(2026, 3, 12)
    assert us.add_bd(D(2026, 3, 11), 5) == D(2026, 3, 18)  # Thu Fri | Mon Tue Wed
    assert us.add_bd(D(2026, 3, 13), 1) == D(2026, 3, 16)  # Friday -> Monday
    assert us.add_bd(D(2026, 3, 14), 1) == D(2026, 3, 16)  # from a Saturday
    assert us.add_bd(D(2026, 1, 16), 1) == D(2026, 1, 20)  # over MLK Monday
    assert us.add_bd(D(2026, 7, 2), 1) == D(2026, 7, 6)  # over the observed 4 July


def test_add_bd_across_the_slowdown_and_the_year(us: BusinessCalendar) -> None:
    # 23 Dec (Wed) is the 1st; 24 Dec-1 Jan are closed; 2-3 Jan 2027 are a weekend.
    assert us.add_bd(D(2026, 12, 22), 2) == D(2027, 1, 4)
    assert us.add_bd(D(2026, 12, 22), 3) == D(2027, 1, 5)


def test_add_bd_across_christmas_without_slowdown(us_no_slowdown: BusinessCalendar) -> None:
    cal = us_no_slowdown
    assert cal.add_bd(D(2026, 12, 22), 2) == D(2026, 12, 24)
    # 24 Dec (1), Christmas Friday, weekend, 28 Dec (2), 29 Dec (3).
    assert cal.add_bd(D(2026, 12, 23), 3) == D(2026, 12, 29)


def test_add_bd_zero_is_next_bd(us: BusinessCalendar) -> None:
    assert us.add_bd(D(2026, 3, 11), 0) == D(2026, 3, 11)
    assert us.add_bd(D(2026, 3, 14), 0) == D(2026, 3, 16)


def test_add_bd_negative_raises(us: BusinessCalendar) -> None:
    with pytest.raises(ValueError, match="-1"):
        us.add_bd(D(2026, 3, 11), -1)


def test_add_bd_far_ahead_loads_many_years(us: BusinessCalendar) -> None:
    # Five full weeks of business days from a quiet March: plain weekday arithmetic.
    assert us.add_bd(D(2026, 3, 2), 25) == D(2026, 4, 6)
    far = us.add_bd(D(2026, 3, 2), 5000)
    assert D(2045, 1, 1) < far < D(2047, 1, 1)  # ~250 business days a year
    assert us.is_business_day(far)


# -- windows ------------------------------------------------------------------------------


def test_window_on_business_days(us: BusinessCalendar) -> None:
    # Monday 2 March + [7, 10] = Monday 9 March .. Thursday 12 March.
    assert us.window(D(2026, 3, 2), 7, 10) == (D(2026, 3, 9), D(2026, 3, 12))


def test_window_edges_move_to_business_days(us: BusinessCalendar) -> None:
    # Friday 6 March + [1, 4] = Saturday 7 .. Tuesday 10: due moves to Monday 9.
    assert us.window(D(2026, 3, 6), 1, 4) == (D(2026, 3, 9), D(2026, 3, 10))
    # Wednesday 11 March + [2, 5] = Friday 13 .. Monday 16.
    assert us.window(D(2026, 3, 11), 2, 5) == (D(2026, 3, 13), D(2026, 3, 16))
    # ... + [1, 4] = Thursday 12 .. Sunday 15: due_by moves back to Friday 13.
    assert us.window(D(2026, 3, 11), 1, 4) == (D(2026, 3, 12), D(2026, 3, 13))


def test_window_without_business_days_collapses_onto_due(us: BusinessCalendar) -> None:
    # Wednesday 11 March + [3, 4] = the weekend: prev_bd(end) is Friday 13, before
    # due (Monday 16), so due_by = due.
    assert us.window(D(2026, 3, 11), 3, 4) == (D(2026, 3, 16), D(2026, 3, 16))
    # Wednesday 1 July + [2, 3] = observed holiday + Saturday.
    assert us.window(D(2026, 7, 1), 2, 3) == (D(2026, 7, 6), D(2026, 7, 6))
    # Sunday 20 December + [5, 7] = 25-27 December, inside the slowdown.
    assert us.window(D(2026, 12, 20), 5, 7) == (D(2027, 1, 4), D(2027, 1, 4))


def test_window_rejects_reversed_bounds(us: BusinessCalendar) -> None:
    with pytest.raises(ValueError, match=r"\[5, 3\]"):
        us.window(D(2026, 3, 11), 5, 3)


# -- construction, errors, sharing -----------------------------------------------------


def test_attributes_are_normalised_and_read_only() -> None:
    cal = BusinessCalendar("gb", "ENG", year_end_slowdown=False)
    assert (cal.country, cal.subdivision, cal.year_end_slowdown) == ("GB", "ENG", False)
    assert BusinessCalendar("US", "").subdivision is None
    with pytest.raises(AttributeError):
        cal.country = "US"  # type: ignore[misc]


@pytest.mark.parametrize("country", ["XX", "xx", "", "NYSE", "PUBLIC"])
def test_unknown_country_raises_calendar_error(country: str) -> None:
    with pytest.raises(CalendarError, match=f"country '{country}' has no holiday calendar"):
        BusinessCalendar(country)


def test_unknown_subdivision_raises_calendar_error() -> None:
    with pytest.raises(CalendarError, match="subdivision 'ZZ' is not a subdivision of US"):
        BusinessCalendar("US", "ZZ")
    with pytest.raises(CalendarError, match="subdivision 'ca' is not a subdivision of US"):
        BusinessCalendar("us", "ca")  # subdivision codes are case-sensitive in the package


def test_calendar_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="XX"):
        get_calendar("XX")


def test_get_calendar_shares_one_object_per_key() -> None:
    cal = get_calendar("US")
    assert get_calendar("US") is cal
    assert get_calendar("us", None, True) is cal
    assert get_calendar("US", subdivision="", year_end_slowdown=True) is cal
    assert get_calendar("US", year_end_slowdown=False) is not cal
    assert get_calendar("US", "CA") is not cal
    assert get_calendar("US", "CA") is get_calendar("us", "CA")


# -- against a naive day-by-day reference ------------------------------------------------

Table = dict[date, str]


def _reference(country: str, subdivision: str | None, slowdown: bool) -> Callable[[date], bool]:
    """is_business_day straight from the spec's wording, one date at a time."""
    table: Table = dict(
        holidays.country_holidays(country, subdiv=subdivision, years=range(2020, 2036))
    )

    def is_bd(d: date) -> bool:
        in_slowdown = (d.month == 12 and d.day >= 24) or (d.month == 1 and d.day == 1)
        return d.weekday() < 5 and d not in table and not (slowdown and in_slowdown)

    return is_bd


def _naive_next(is_bd: Callable[[date], bool], d: date) -> date:
    while not is_bd(d):
        d += timedelta(days=1)
    return d


def _naive_prev(is_bd: Callable[[date], bool], d: date) -> date:
    while not is_bd(d):
        d -= timedelta(days=1)
    return d


def _naive_add(is_bd: Callable[[date], bool], d: date, n: int) -> date:
    if n == 0:
        return _naive_next(is_bd, d)
    while n:
        d += timedelta(days=1)
        n -= is_bd(d)
    return d


CALENDARS = [
    ("US", None, True),
    ("US", "CA", False),
    ("DE", "BY", True),
    ("GB", "SCT", False),
    ("CA", None, True),
]


@pytest.mark.parametrize(("country", "subdivision", "slowdown"), CALENDARS)
def test_matches_naive_reference_on_random_dates(
    country: str, subdivision: str | None, slowdown: bool
) -> None:
    rng = random.Random(f"{country}-{subdivision}-{slowdown}")
    is_bd = _reference(country, subdivision, slowdown)
    # A fresh calendar sees the years in random order, so loading extends the range
    # both ways and sometimes jumps over unloaded years.
    cal = BusinessCalendar(country, subdivision, slowdown)
    start, span = D(2024, 1, 1).toordinal(), (D(2030, 12, 31) - D(2024, 1, 1)).days
    for _ in range(300):
        d = date.fromordinal(start + rng.randrange(span + 1))
        n = rng.choice([0, 1, 2, 3, 5, 10, 20, rng.randrange(300)])
        assert cal.is_business_day(d) == is_bd(d), d
        assert cal.next_bd(d) == _naive_next(is_bd, d), d
        assert cal.prev_bd(d) == _naive_prev(is_bd, d), d
        assert cal.add_bd(d, n) == _naive_add(is_bd, d, n), (d, n)


def test_every_day_of_seven_years_matches_reference() -> None:
    is_bd = _reference("US", None, True)
    cal = BusinessCalendar("US")
    d = D(2024, 1, 1)
    while d <= D(2030, 12, 31):
        assert cal.is_business_day(d) == is_bd(d), d
        d += timedelta(days=1)

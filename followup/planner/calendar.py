"""Business days: weekends, public holidays and the year-end slowdown (spec §1).

A business day is Monday to Friday, not a public holiday of the country (and
subdivision) as the `holidays` package defines it, observed days included, and,
when the slowdown is on, not between 24 December and 1 January inclusive.

The planner asks these questions millions of times per benchmark run, so nothing
here walks the calendar day by day. The first time a year is touched we compute,
once, for every day: whether it is a business day, and its rank (how many business
days fall on or before it, which is what `bisect_right` over the sorted business
days would answer); plus the business days themselves, in order, as dates. Every
query is then a bounds check and one or two tuple indexings. Loaded years always
form one contiguous range, so a rank never skips a year we have not looked at.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from datetime import MAXYEAR, MINYEAR, date
from functools import cache
from itertools import accumulate

from . import holiday_tables

# A year has 260-262 weekdays; dividing a shortfall by this never overshoots by much.
_BUSINESS_DAYS_PER_YEAR = 250


class CalendarError(ValueError):
    """An unknown country or subdivision; the message names the bad value."""


def _year_start(year: int) -> int:
    return date(year, 1, 1).toordinal()


def _year_end(year: int) -> int:
    return date(year, 12, 31).toordinal()


class _Span:
    """The loaded years, as one immutable snapshot.

    Extending the range builds a new snapshot and swaps it in with one assignment,
    so a reader (possibly on another thread) always sees a consistent table.
    """

    __slots__ = ("count", "days", "first_year", "flags", "hi", "last_year", "lo", "rank")

    def __init__(self, first_year: int, last_year: int, flags: bytes) -> None:
        self.first_year = first_year
        self.last_year = last_year
        self.lo = _year_start(first_year)  # ordinal of the first loaded day
        self.hi = self.lo + len(flags)  # ordinal one past the last loaded day
        self.flags = flags  # flags[o - lo] == 1 when ordinal o is a business day
        # rank[o - lo]: business days on or before o, so days[rank[o - lo]] is the
        # first business day after o and days[rank[o - lo] - 1] the last one up to o.
        self.rank = tuple(accumulate(flags))
        lo = self.lo
        self.days = tuple(date.fromordinal(lo + i) for i, flag in enumerate(flags) if flag)
        self.count = len(self.days)


# Nothing loaded yet: lo == hi, so every lookup falls through to loading.
_EMPTY = _Span(MINYEAR, MINYEAR - 1, b"")


@cache
def _country_codes() -> frozenset[str]:
    # The registry lists codes without importing every country module (which
    # `holidays.list_supported_countries()` does, at a cost of ~100 ms). Checking it
    # first also keeps out names `country_holidays` would otherwise accept or choke
    # on: financial markets ("NYSE") and module constants ("PUBLIC").
    from holidays.registry import EntityLoader

    return frozenset(EntityLoader.get_country_codes())


def _pinned_language(default: str | None, supported: Collection[str]) -> str | None:
    """English names where the package has them, else the country's own language.

    Left unset, the package picks the language from the process locale (LANGUAGE,
    LC_ALL, ...), so the same plan would name holidays differently on two machines.
    """
    if default is not None and default.startswith("en"):
        return default
    if "en_US" in supported:
        return "en_US"
    english = sorted(lang for lang in supported if lang.startswith("en"))
    return english[0] if english else default


def _checked_language(country: str, subdivision: str | None) -> str | None:
    """The language of the holiday names, once the package has accepted the calendar."""
    import holidays  # here: importing a country's holidays imports every country's

    code = country.upper()
    if code not in _country_codes():
        raise CalendarError(f"country {country!r} has no holiday calendar")
    try:
        probe = holidays.country_holidays(code, subdiv=subdivision, years=(), expand=False)
    except (NotImplementedError, ValueError) as exc:
        raise CalendarError(f"subdivision {subdivision!r} is not a subdivision of {code}") from exc
    return _pinned_language(probe.default_language, probe.supported_languages)


class BusinessCalendar:
    """Business-day arithmetic for one holiday calendar (country, subdivision, slowdown)."""

    __slots__ = (
        "_country",
        "_language",
        "_lock",
        "_names",
        "_slowdown",
        "_span",
        "_stored",
        "_subdivision",
    )

    def __init__(
        self, country: str, subdivision: str | None = None, year_end_slowdown: bool = True
    ) -> None:
        code = country.upper()
        subdivision = subdivision or None  # the package reads "" as "no subdivision" too
        # A stored table was written only for a country and subdivision the package
        # accepted: the (costly) check is made once, when the table is first computed.
        stored = holiday_tables.read(code, subdivision)
        if stored is None:
            stored = {"language": _checked_language(country, subdivision), "ranges": {}}
        self._country = code
        self._subdivision = subdivision
        self._slowdown = year_end_slowdown
        self._language: str | None = stored["language"]
        self._stored = stored
        self._lock = threading.Lock()
        self._names: dict[int, str] = {}  # ordinal -> holiday name, for the loaded years
        self._span = _EMPTY

    @property
    def country(self) -> str:
        return self._country

    @property
    def subdivision(self) -> str | None:
        return self._subdivision

    @property
    def year_end_slowdown(self) -> bool:
        return self._slowdown

    def __repr__(self) -> str:
        return (
            f"BusinessCalendar({self._country!r}, {self._subdivision!r}, "
            f"year_end_slowdown={self._slowdown!r})"
        )

    # -- queries (hot: a bounds check and a couple of tuple indexings each) ------

    def is_business_day(self, d: date) -> bool:
        o = d.toordinal()
        span = self._span
        if not span.lo <= o < span.hi:
            span = self._cover(d.year, d.year)
        return span.flags[o - span.lo] == 1

    def next_bd(self, d: date) -> date:
        """d if it is a business day, else the next business day."""
        o = d.toordinal()
        span = self._span
        if not span.lo <= o < span.hi:
            span = self._cover(d.year, d.year)
        i = o - span.lo
        if span.flags[i]:
            return d
        j = span.rank[i]
        if j < span.count:
            return span.days[j]
        return self._nth_after(o, 1)

    def prev_bd(self, d: date) -> date:
        """d if it is a business day, else the previous business day."""
        o = d.toordinal()
        span = self._span
        if not span.lo <= o < span.hi:
            span = self._cover(d.year, d.year)
        i = o - span.lo
        if span.flags[i]:
            return d
        j = span.rank[i] - 1
        while j < 0:  # no business day loaded before d: load the year before
            if span.first_year == MINYEAR:
                raise OverflowError("date value out of range")
            span = self._cover(span.first_year - 1, span.last_year)
            j = span.rank[o - span.lo] - 1
        return span.days[j]

    def add_bd(self, d: date, n: int) -> date:
        """The n-th business day after d (d itself not counted); n == 0 gives next_bd(d)."""
        if n <= 0:
            if n == 0:
                return self.next_bd(d)
            raise ValueError(f"add_bd needs n >= 0, got {n}")
        o = d.toordinal()
        span = self._span
        if not span.lo <= o < span.hi:
            span = self._cover(d.year, d.year)
        j = span.rank[o - span.lo] + n - 1
        if j < span.count:
            return span.days[j]
        return self._nth_after(o, n)

    def window(self, anchor: date, first: int, last: int) -> tuple[date, date]:
        """The calendar window [first, last] days after anchor, as (due, due_by).

        due_by never precedes due: a window that holds no business day (say Saturday
        to Sunday) collapses onto the next business day.
        """
        if first > last:
            raise ValueError(f"window [{first}, {last}] ends before it starts")
        start = anchor.toordinal()
        due = self.next_bd(date.fromordinal(start + first))
        end = self.prev_bd(date.fromordinal(start + last))
        return due, max(due, end)

    def holiday_name(self, d: date) -> str | None:
        """The public holiday on d (weekend or not), else None; the slowdown is no holiday."""
        o = d.toordinal()
        span = self._span
        if not span.lo <= o < span.hi:
            self._cover(d.year, d.year)
        return self._names.get(o)

    # -- loading (cold: once per year per calendar) ------------------------------

    def _nth_after(self, o: int, n: int) -> date:
        """The n-th business day after ordinal o (n >= 1), beyond the loaded years."""
        span = self._span
        while True:
            j = span.rank[o - span.lo] + n - 1
            if j < span.count:
                return span.days[j]
            if span.last_year == MAXYEAR:
                raise OverflowError("date value out of range")
            # Load roughly as many years as the shortfall needs, in one go: extending
            # one year per round would rebuild the whole table each time.
            short_years = (j - span.count) // _BUSINESS_DAYS_PER_YEAR + 1
            span = self._cover(span.first_year, min(MAXYEAR, span.last_year + short_years))

    def _cover(self, first: int, last: int) -> _Span:
        """Extend the loaded range to include years [first, last]; returns the new snapshot."""
        with self._lock:
            old = self._span
            if old.lo == old.hi:  # nothing loaded yet
                new = _Span(first, last, self._build(first, last))
            else:
                lo, hi = min(first, old.first_year), max(last, old.last_year)
                if lo == old.first_year and hi == old.last_year:
                    return old  # another thread got here first
                head = self._build(lo, old.first_year - 1)
                tail = self._build(old.last_year + 1, hi)
                new = _Span(lo, hi, head + old.flags + tail)
            self._span = new
            return new

    def _build(self, first: int, last: int) -> bytes:
        """Business-day flags, one per day of years [first, last] (empty when first > last)."""
        if first > last:
            return b""
        closed = self._load_holidays(first, last)
        if self._slowdown:
            for year in range(first, last + 1):
                closed.add(_year_start(year))  # 1 January
                closed.update(range(date(year, 12, 24).toordinal(), _year_end(year) + 1))
        lo, hi = _year_start(first), _year_end(last) + 1
        # Ordinal 1 (1 January of year 1) is a Monday, so (o - 1) % 7 is the weekday.
        return bytes((o - 1) % 7 < 5 and o not in closed for o in range(lo, hi))

    def _load_holidays(self, first: int, last: int) -> set[int]:
        """Record the names of the public holidays in [first, last]; returns their ordinals."""
        days = holiday_tables.holidays_in(self._stored, first, last)
        if days is None:
            days = self._computed_holidays(first, last)
            self._stored["ranges"][f"{first}-{last}"] = sorted(days.items())
            holiday_tables.write(self._country, self._subdivision, self._stored)
        self._names.update(days)
        return set(days)

    def _computed_holidays(self, first: int, last: int) -> dict[int, str]:
        """The public holidays in [first, last], ordinal -> name, from the package."""
        import holidays

        # `years=` given explicitly, and the object thrown away: a long-lived holidays
        # object would populate (and keep) every year any lookup happens to touch.
        table = holidays.country_holidays(
            self._country,
            subdiv=self._subdivision,
            years=range(first, last + 1),
            language=self._language,
        )
        lo, hi = _year_start(first), _year_end(last)
        days: dict[int, str] = {}
        for day, name in table.items():
            # The package files each holiday under the year it falls in; keep to the
            # requested range anyway, so a day's status never depends on load order.
            o = day.toordinal()
            if lo <= o <= hi:
                days[o] = name
        return days


@cache
def get_calendar(
    country: str, subdivision: str | None = None, year_end_slowdown: bool = True
) -> BusinessCalendar:
    """The shared calendar for a key: one object per (country, subdivision, slowdown).

    Every spelling of a key ("us" or "US", subdivision omitted, None or "", keyword
    or positional) reaches the same object: this cache is keyed on the call as
    written, so it only remembers the spelling; `_shared_calendar` holds the objects.
    """
    return _shared_calendar(country.upper(), subdivision or None, bool(year_end_slowdown))


@cache
def _shared_calendar(
    country: str, subdivision: str | None, year_end_slowdown: bool
) -> BusinessCalendar:
    return BusinessCalendar(country, subdivision, year_end_slowdown)

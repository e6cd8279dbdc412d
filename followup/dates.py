"""Dates and times as people say them: "yesterday", "fri", "+3d", "4 Dec", "2026-12-01 09:00".

Pure (no Django), shared by the command line and the web forms. The few relative
words are read here; everything written as a calendar date or a clock time goes to
python-dateutil's parser, imported only then (ISO dates, the common case, need
neither). Weekday names mean the next one for what is to come and the last one for
what has happened: "--by fri" is the coming Friday, "--applied mon" the past Monday.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NAMED_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}
# "+3d", "-2w", "in 3 days", "3 days ago"
_OFFSET = re.compile(r"([+-])\s*(\d{1,3})\s*([dw])")
_IN = re.compile(r"in\s+(\d{1,3})\s+(day|week)s?")
_AGO = re.compile(r"(\d{1,3})\s+(day|week)s?\s+ago")
_TIME = re.compile(r"(?:\s+at\s+|\s+|t)(\d{1,2}:\d{2}(?:\s*[ap]m)?|\d{1,2}\s*[ap]m)$")
_AMBIGUOUS = re.compile(r"\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?")  # 10/03/2026: which is the month?
HINT = "say e.g. today, yesterday, fri, +3d, 2026-12-01 or '2026-12-01 09:00'"


class DateError(ValueError):
    """Text that is no date we can read; the message says what would be."""


def read_day(text: str, today: date, past: bool = False) -> date:
    """The date `text` names, counted from `today`; `past` picks the last weekday
    of that name rather than the next one."""
    words = " ".join(text.strip().lower().split())
    if not words:
        raise DateError(f"an empty date: {HINT}")
    found = _relative(words, today, past)
    if found is None:
        found = _calendar(words, today).date()
    return found


def read_moment(text: str, today: date, past: bool = False) -> tuple[date, time | None]:
    """A date with an optional clock time ("tomorrow 9:00", "fri 2pm", "2026-12-01T09:00")."""
    words = " ".join(text.strip().lower().split())
    clock = _TIME.search(words)
    if clock and not _only_digits_date(words):
        moment = _calendar(clock[1], today).time()
        return read_day(words[: clock.start()], today, past), moment
    return read_day(words, today, past), None


def read_at(text: str, today: date, past: bool = False) -> str:
    """A journal `at`: "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM" when a time was given."""
    day, moment = read_moment(text, today, past)
    return day.isoformat() if moment is None else f"{day.isoformat()}T{moment:%H:%M}"


def _only_digits_date(words: str) -> bool:
    """'2026-12-01' alone: its last part is no clock time."""
    return re.fullmatch(r"\d{4}-\d{2}-\d{2}", words) is not None


def _relative(words: str, today: date, past: bool) -> date | None:
    if words in NAMED_DAYS:
        return today + timedelta(days=NAMED_DAYS[words])
    weekday = _weekday(words, past)
    if weekday is not None:
        return _nearest(today, *weekday)
    return _offset(words, today)


def _weekday(words: str, past: bool) -> tuple[int, bool] | None:
    """('fri' → 4, past) ; 'next fri' and 'last fri' say the direction themselves."""
    direction, _, name = words.rpartition(" ")
    if direction not in ("", "next", "last", "this", "on"):
        return None
    matches = [i for i, day in enumerate(WEEKDAYS) if len(name) >= 3 and day.startswith(name)]
    if len(matches) != 1:
        return None
    return matches[0], direction == "last" or (past and direction != "next")


def _nearest(today: date, weekday: int, past: bool) -> date:
    """The last such weekday before today, or the next one after it."""
    if past:
        return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _offset(words: str, today: date) -> date | None:
    for pattern, sign in ((_OFFSET, None), (_IN, 1), (_AGO, -1)):
        match = pattern.fullmatch(words)
        if match is None:
            continue
        groups = match.groups()
        factor = sign if sign is not None else (1 if groups[0] == "+" else -1)
        count, unit = int(groups[-2]), groups[-1][0]
        return today + timedelta(days=factor * count * (7 if unit == "w" else 1))
    return None


def _calendar(words: str, today: date) -> datetime:
    """A calendar date or clock time, by dateutil: '4 dec', 'dec 4 2026', '09:00', '2pm'."""
    try:
        return datetime.fromisoformat(words)
    except ValueError:
        pass
    if _AMBIGUOUS.fullmatch(words):
        raise DateError(f"{words!r} is ambiguous (day or month first?): write 2026-03-10 or 10 Mar")
    from dateutil import parser

    try:
        return parser.parse(words, default=datetime.combine(today, time(0)), dayfirst=False)
    except (ValueError, OverflowError):
        raise DateError(f"{words!r} is not a date or time we can read: {HINT}") from None


def read_week(text: str, today: date) -> date:
    """The Monday of the week `text` names: this, last, next, a week number (of this
    year), 2026-W48, or any day in it."""
    words = text.strip().lower()
    monday = today - timedelta(days=today.weekday())
    shift = {"this": 0, "last": -7, "next": 7}.get(words)
    if shift is not None:
        return monday + timedelta(days=shift)
    match = re.fullmatch(r"(?:(\d{4})-?)?w?(\d{1,2})", words)
    if match:
        try:
            return date.fromisocalendar(int(match[1] or today.year), int(match[2]), 1)
        except ValueError:
            raise DateError(f"{text!r}: there is no week {match[2]} in that year") from None
    try:
        day = read_day(words, today, past=True)
    except DateError:
        raise DateError(
            f"{text!r} is not a week we can read: say this, last, next, 48, 2026-W48 or a day in it"
        ) from None
    return day - timedelta(days=day.weekday())


def short_day(day: date) -> str:
    """'Tue 1 Dec': the drafts' style ('Tuesday 1 December') shortened, locale-free."""
    from .planner.wording import weekday_date

    weekday, number, month = weekday_date(day).split()
    return f"{weekday[:3]} {number} {month[:3]}"


def long_day(day: date) -> str:
    """'Tuesday 1 December 2026'."""
    from .planner.wording import weekday_date

    return f"{weekday_date(day)} {day.year}"

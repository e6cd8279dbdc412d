"""What a cell's text means: a tracker's status as an outcome (and the journal
events it implies), a date in any usual spelling as a day.

Part of the CSV import (`csvmap`); standard library only.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from .table import CsvImportError, Table

# Statuses --------------------------------------------------------------------------------

# What each outcome puts in the journal, in order; the stage the preview shows.
OUTCOMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "saved": ("saved", ()),
    "applied": ("applied", ("applied",)),
    "responded": ("applied", ("applied", "heard reply")),
    "interview": ("interviewing", ("applied", "interview")),
    "offer": ("offer", ("applied", "interview?", "heard offer")),
    "accepted": ("closed", ("applied", "interview?", "heard offer", "closed accepted")),
    "declined_offer": ("closed", ("applied", "interview?", "heard offer", "closed withdrawn")),
    "rejected": ("closed", ("applied", "interview?", "heard rejection")),
    "withdrawn": ("closed", ("applied", "closed withdrawn")),
    "moved_on": ("closed", ("applied", "closed moved_on")),
    "dropped": ("closed", ("closed withdrawn",)),
}

STATUSES: dict[str, str] = {
    **dict.fromkeys(
        ("wishlist", "bookmarked", "saved", "draft", "interested", "to apply", "not applied"),
        "saved",
    ),
    **dict.fromkeys(
        ("applied", "sent", "submitted", "application sent", "in review", "under review"),
        "applied",
    ),
    **dict.fromkeys(("responded", "replied", "in contact"), "responded"),
    **dict.fromkeys(
        (
            "interview",
            "interviewing",
            "interviews",
            "interview scheduled",
            "phone screen",
            "screening",
            "screen",
            "onsite",
            "final interview",
        ),
        "interview",
    ),
    **dict.fromkeys(("offer", "offered", "offer received", "negotiating"), "offer"),
    **dict.fromkeys(("accepted", "offer accepted", "hired"), "accepted"),
    **dict.fromkeys(("offer declined", "declined offer", "i declined"), "declined_offer"),
    **dict.fromkeys(
        (
            "rejected",
            "rejection",
            "declined",
            "declined by employer",
            "not selected",
            "turned down",
        ),
        "rejected",
    ),
    **dict.fromkeys(
        ("withdrawn", "withdrew", "i withdrew", "archived", "cancelled", "canceled"), "withdrawn"
    ),
    **dict.fromkeys(("no response", "ghosted", "expired", "closed", "no reply"), "moved_on"),
}


# Dates --------------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    name: n
    for n, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]+(?:z|[+-]\d\d:?\d\d)?)?")
NUMERIC = re.compile(r"(\d{1,4})([./-])(\d{1,2})\2(\d{2,4})(?:[t ][\d:.]+)?")
MONTH_FIRST = re.compile(r"(?:[a-z]+,?\s+)?([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
DAY_FIRST = re.compile(r"(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]+)\.?,?\s+(\d{4})")
FIRST_YEAR, LAST_YEAR = 1970, 2199  # the journal's range
DATE_FORMATS: dict[str, str] = {
    "YYYY-MM-DD": "ymd",
    "DD/MM/YYYY": "dmy",
    "MM/DD/YYYY": "mdy",
    "DD.MM.YYYY": "dmy",
}


class NotADate(ValueError):
    """A cell that is no date (in the order asked for): a problem on its row."""


class AmbiguousDate(Exception):
    """A date that reads both day first and month first: reported once per column,
    not per row, since one --date-format answers them all."""


def date_order(date_format: str | None) -> str | None:
    """'DD/MM/YYYY' -> 'dmy' (also 'dmy', 'mdy', 'ymd' themselves, or a %-pattern)."""
    if not date_format:
        return None
    text = date_format.strip()
    if "%" in text:
        return text
    order = DATE_FORMATS.get(text.upper()) or (
        text.lower() if text.lower() in ("dmy", "mdy", "ymd") else None
    )
    if order is None:
        raise CsvImportError(
            [f"date format {date_format!r}: say {', '.join(DATE_FORMATS)} (or a %d/%m/%Y pattern)"]
        )
    return order


def _year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


def parse_date(text: str, order: str | None) -> date:
    """A cell as a date; `order` settles numeric day/month order ('dmy', 'mdy')."""
    cell = text.strip().lower()
    if order and "%" in order:
        try:
            return datetime.strptime(text.strip(), order).date()
        except ValueError:
            raise NotADate() from None
    try:
        if m := ISO.fullmatch(cell):
            return date(int(m[1]), int(m[2]), int(m[3]))
        if m := NUMERIC.fullmatch(cell):
            return _numeric(m, order)
        if (m := MONTH_FIRST.fullmatch(cell)) and m[1] in MONTHS:
            return date(int(m[3]), MONTHS[m[1]], int(m[2]))
        if (m := DAY_FIRST.fullmatch(cell)) and m[2] in MONTHS:
            return date(int(m[3]), MONTHS[m[2]], int(m[1]))
    except ValueError:
        raise NotADate() from None
    raise NotADate()


def _numeric(m: re.Match[str], order: str | None) -> date:
    a, b, c = m[1], m[3], m[4]
    if len(a) == 4:
        return date(int(a), int(b), int(c))
    first, second, year = int(a), int(b), _year(c)
    if order is None:
        order = _order_of(first, second)
    if order == "dmy":
        return date(year, second, first)
    if order == "mdy":
        return date(year, first, second)
    raise NotADate()  # 'ymd' was asked for but this is day/month/year


def _order_of(first: int, second: int) -> str:
    if first > 12 >= second:
        return "dmy"
    if second > 12 >= first:
        return "mdy"
    if first == second:
        return "dmy"  # either reading gives the same day
    raise AmbiguousDate()


def infer_order(table: Table, columns: dict[str, str]) -> tuple[str | None, list[str]]:
    """The file's day/month order, from its dates that can be read only one way."""
    seen: dict[str, tuple[int, str, str]] = {}
    for column in set(columns.values()):
        index = table.headers.index(column)
        for number, cells in table.rows:
            m = NUMERIC.fullmatch(cells[index].strip())
            if m and len(m[1]) <= 2 and int(m[1]) != int(m[3]):
                try:
                    seen.setdefault(_order_of(int(m[1]), int(m[3])), (number, column, cells[index]))
                except AmbiguousDate:
                    continue
    if len(seen) == 2:
        (n1, c1, v1), (n2, c2, v2) = seen["dmy"], seen["mdy"]
        return None, [
            f"dates are mixed: row {n1}, column {c1!r} has {v1!r} (day first) but row {n2}, "
            f"column {c2!r} has {v2!r} (month first); fix them, or say which with --date-format"
        ]
    return next(iter(seen), None), []


# Salaries --------------------------------------------------------------------------------

CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
PERIOD_WORDS = {
    "year": ("yr", "year", "annum", "annual", "annually", "pa", "p.a."),
    "month": ("mo", "month", "monthly"),
    "week": ("wk", "week", "weekly"),
    "day": ("day", "daily"),
    "hour": ("hr", "hour", "hourly", "h"),
}
_AMOUNT = re.compile(r"(\d[\d,. ]*)\s*([kKmM]?)")


def _number(digits: str, scale: str) -> float | None:
    text = digits.replace(" ", "").rstrip(".,")
    # "45.000" and "45,000" are thousands (a grouped number), "45.5" is a decimal.
    grouped = re.fullmatch(r"\d{1,3}([.,]\d{3})+", text)
    text = re.sub(r"[.,]", "", text) if grouped else text.replace(",", "")
    try:
        value = float(text)
    except ValueError:
        return None
    return value * {"k": 1_000, "m": 1_000_000}.get(scale.lower(), 1)


def _period(text: str) -> str:
    words = re.findall(r"[a-z.]+", text.lower())
    for period, spellings in PERIOD_WORDS.items():
        if any(word in spellings for word in words):
            return period
    return "year"


def parse_salary(text: str) -> dict[str, Any] | None:
    """'$90k–110k a year', 'EUR 45,000', '30/hr' as the journal's `salary` object;
    None when the text names no amount ('competitive')."""
    amounts = [_number(*m.groups()) for m in _AMOUNT.finditer(text)]
    found = [a for a in amounts if a is not None][:2]
    if not found:
        return None
    salary: dict[str, Any] = {"min": min(found)}
    if len(found) == 2 and found[0] != found[1]:
        salary["max"] = max(found)
    code = re.search(r"\b[A-Z]{3}\b", text)
    sign = next((CURRENCY_SIGNS[s] for s in CURRENCY_SIGNS if s in text), None)
    if code or sign:
        salary["currency"] = code.group() if code else sign
    salary["period"] = _period(text)
    return {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in salary.items()}

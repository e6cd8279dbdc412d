"""The bundled demo journal, moved in time so that its story is happening now.

The demo is written as of Wednesday 11 March 2026, its last logged events on the
Tuesday before, and one interview booked for the Friday after. To show a new user a
living agenda on any day, every date is moved by a whole number of weeks (so
weekdays stay weekdays) to put that reference day as near `as_of` as it can be
without a logged event falling after `as_of`.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .journal import parse_journal
from .model import Journal

DEMO_PATH = Path(__file__).resolve().parent.parent / "examples" / "demo.json"
DEMO_AS_OF = date(2026, 3, 11)
DATE_FIELDS = ("at", "by", "deadline")


def shift_dates(data: dict[str, Any], days: int) -> dict[str, Any]:
    """A copy of journal data with every event date moved by `days` (times kept)."""
    moved: dict[str, Any] = json.loads(json.dumps(data))
    delta = timedelta(days=days)
    for app in moved.get("applications", []):
        for event in app.get("events", []):
            for name in DATE_FIELDS:
                value = event.get(name)
                if isinstance(value, str) and len(value) >= 10:
                    day = date.fromisoformat(value[:10]) + delta
                    event[name] = day.isoformat() + value[10:]
    return moved


def weeks_to(as_of: date) -> int:
    """Days, a multiple of 7, that bring DEMO_AS_OF nearest to `as_of` while every
    logged event stays on or before it: from one day before `as_of` (the story's last
    events are the day before its reference day) to five days after."""
    return (as_of - DEMO_AS_OF).days // 7 * 7 + (7 if (as_of - DEMO_AS_OF).days % 7 == 6 else 0)


def demo_data(as_of: date) -> dict[str, Any]:
    """The demo journal as JSON data, its dates moved next to `as_of`."""
    data = json.loads(DEMO_PATH.read_text(encoding="utf-8"))
    return shift_dates(data, weeks_to(as_of))


def demo_journal(as_of: date) -> Journal:
    """The parsed demo journal, its dates moved next to `as_of`."""
    return parse_journal(demo_data(as_of))

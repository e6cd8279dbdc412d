"""The calendar feed read by ical.js under node: the parser of Thunderbird and of
several web calendars, which applies the feed's own VTIMEZONE definitions (and, like
libical, reads only the RDATEs of an observance that has them).

ical.js is installed at test-setup time (`make .js/node_modules/ical.js`, run by
`make test`) into the gitignored `.js/`; without node or the package these tests
skip, saying so (a failure in CI).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import pytest

from followup.feeds.ical import build_calendar

from .test_feeds import BASE, demo_user, uid_of

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("ical_times.mjs")
MODULES = Path(os.environ.get("FOLLOWUP_ICALJS_DIR", ROOT / ".js" / "node_modules"))


def ical_js_starts(feed: bytes) -> dict[str, datetime]:
    """{uid: start in UTC} of the feed's timed events, as ical.js reads them."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the feed can't be checked with ical.js")
    if not (MODULES / "ical.js" / "package.json").exists():
        pytest.skip(f"ical.js is not installed in {MODULES}: run `make .js/node_modules/ical.js`")
    done = subprocess.run(
        [node, str(SCRIPT)],
        input=feed,
        capture_output=True,
        env={**os.environ, "ICALJS_DIR": str(MODULES)},
        timeout=60,
        check=True,
    )
    found = json.loads(done.stdout)
    return {uid: datetime.fromisoformat(at.replace("Z", "+00:00")) for uid, at in found.items()}


def zoneinfo_starts(feed: bytes) -> dict[str, datetime]:
    """The same starts as Python's zoneinfo has them (from the TZID name alone)."""
    starts = {}
    for event in icalendar.Calendar.from_ical(feed).walk("VEVENT"):
        start = event.decoded("dtstart")
        if isinstance(start, datetime):
            starts[str(event["uid"])] = start.astimezone(UTC)
    return starts


@pytest.mark.parametrize(
    "as_of",
    [date(2026, 1, 14), date(2026, 3, 11), date(2026, 7, 15), date(2026, 11, 18)],
    ids=["winter", "first-weeks-of-summer-time", "summer", "autumn"],
)
def test_ical_js_reads_every_timed_event_at_its_real_instant(db: None, as_of: date) -> None:
    feed = build_calendar(demo_user("icaljs", as_of), as_of, BASE)
    theirs, ours = ical_js_starts(feed), zoneinfo_starts(feed)
    assert len(ours) >= 5  # calls and interviews, in Denver and Phoenix
    assert theirs == ours


def test_the_first_summer_of_the_feed_is_read_right(db: None) -> None:
    """Worked by hand: Denver is UTC-6 from Sun 8 Mar 2026 (MDT), Phoenix UTC-7 all year."""
    user = demo_user("icaljs", date(2026, 3, 11))
    theirs = ical_js_starts(build_calendar(user, date(2026, 3, 11), BASE))
    # Rio Grande's promised call, Mon 9 Mar 08:30 in Denver: 14:30 UTC (not 15:30).
    assert theirs[uid_of(user, "step", "rio-grande-print-ops-call-gloria")] == datetime(
        2026, 3, 9, 14, 30, tzinfo=UTC
    )
    # Saguaro's status update call, Wed 4 Mar 09:30 in Phoenix: 16:30 UTC.
    assert theirs[uid_of(user, "step", "saguaro-health-bi-status_update-dana")] == datetime(
        2026, 3, 4, 16, 30, tzinfo=UTC
    )

"""A small journal whose every figure was counted by hand (see test_figures.py).

As of Friday 20 March 2026. Seven applications:
- acme (corporation, "Software"): applied online 5 Jan, heard back 12 Jan (7 days),
  interview 20 Jan, check-in email Tue 27 Jan, rejection Fri 30 Jan (10 days after
  the interview, within 7 business days of the check-in).
- birch (corporation, "software"): applied by referral Sat 10 Jan, interview 20 Jan,
  offer 2 Feb (23 days after applying, 13 after the interview), accepted 5 Feb.
- cedar (small business): applied by email Mon 2 Feb, check-in email Mon 9 Feb, a
  voicemail Fri 20 Feb, closed 6 Mar as moved on, never notified (censored at 32).
- delta (government): applied online Mon 2 Mar, check-in email Mon 16 Mar (its 7
  business days end 25 Mar: still waiting), interview booked for 25 Mar (not yet).
- echo (kind unknown): no `applied` event; heard 10 Feb, interview Sun 15 Feb, nothing since.
- fig (nonprofit): applied in person Thu 19 Mar; their reply is dated 23 Mar (after as_of).
- gale (corporation): applied online Mon 16 Feb, rejected the same day (0 days).
The policy sets a weekly goal of 3.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from followup.planner import parse_journal
from followup.planner.model import Journal

AS_OF = date(2026, 3, 20)


def _app(app_id: str, kind: str, events: list[dict[str, Any]], **facts: Any) -> dict[str, Any]:
    return {
        "id": app_id,
        "company": app_id.title(),
        "employer_kind": kind,
        **facts,
        "events": events,
    }


def applied(day: str, channel: str) -> dict[str, Any]:
    return {"type": "applied", "at": day, "channel": channel}


def heard(day: str, kind: str = "reply") -> dict[str, Any]:
    return {"type": "heard", "at": day, "kind": kind}


def interview(day: str) -> dict[str, Any]:
    return {"type": "interview", "at": day}


def check_in(day: str) -> dict[str, Any]:
    return {"type": "sent", "at": day, "channel": "email", "purpose": "check_in"}


def data() -> dict[str, Any]:
    apps = [
        _app(
            "acme",
            "corporate",
            [
                applied("2026-01-05", "online"),
                heard("2026-01-12"),
                interview("2026-01-20"),
                check_in("2026-01-27"),
                heard("2026-01-30", "rejection"),
            ],
            industry="Software",
        ),
        _app(
            "birch",
            "corporate",
            [
                applied("2026-01-10", "referral"),
                interview("2026-01-20"),
                heard("2026-02-02", "offer"),
                {"type": "closed", "at": "2026-02-05", "reason": "accepted"},
            ],
            industry="software",
        ),
        _app(
            "cedar",
            "small_business",
            [
                applied("2026-02-02", "email"),
                check_in("2026-02-09"),
                {"type": "called", "at": "2026-02-20T10:00", "outcome": "voicemail"},
                {"type": "closed", "at": "2026-03-06", "reason": "moved_on", "notified": False},
            ],
        ),
        _app(
            "delta",
            "government",
            [applied("2026-03-02", "online"), check_in("2026-03-16"), interview("2026-03-25")],
        ),
        _app("echo", "unknown", [heard("2026-02-10"), interview("2026-02-15")]),
        _app("fig", "nonprofit", [applied("2026-03-19", "in_person"), heard("2026-03-23")]),
        _app(
            "gale", "corporate", [applied("2026-02-16", "online"), heard("2026-02-16", "rejection")]
        ),
    ]
    return {
        "format": "followup/1",
        "profile": {"country": "US", "timezone": "America/Denver"},
        "policy": {"weekly_goal": 3},
        "applications": apps,
    }


def journal() -> Journal:
    return parse_journal(data())

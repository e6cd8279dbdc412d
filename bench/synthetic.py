"""Synthetic journals for benchmarks: many applications, 5 to 15 events each.

The generator walks a plausible story per application (applied, maybe interviewed,
thanked, waited, followed up, heard back) with random choices weighted so that
every rule of the spec is reached somewhere in a large journal.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

KINDS = [
    "corporate",
    "small_business",
    "startup",
    "nonprofit",
    "government",
    "staffing_agency",
    "unknown",
]
CAST = [
    {"id": "rec", "name": "Riley Recruiter", "role": "recruiter", "email": "riley@example.com"},
    {"id": "hr", "name": "Harper Hr", "role": "hr", "email": "harper@example.com"},
    {
        "id": "mgr",
        "name": "Morgan Manager",
        "role": "hiring_manager",
        "email": "morgan@example.com",
        "phone": "+1 505 555 0100",
    },
    {"id": "int", "name": "Ivy Interviewer", "role": "interviewer"},
    {"id": "ins", "name": "Inez Insider", "role": "insider", "email": "inez@example.net"},
    {"id": "asst", "name": "Ash Assistant", "role": "assistant"},
]
HEARD = [
    "reply",
    "update",
    "new_date",
    "request_info",
    "interview_invite",
    "rejection",
    "offer",
    "do_not_call",
    "do_not_contact",
]
FOLLOW_UPS = ["check_in", "confirm_receipt", "escalate", "ask_insider", "other"]


def synthetic_application(rng: random.Random, n: int, end: date) -> dict[str, Any]:
    """One application whose 5 to 15 events all fall in the 60 days before `end`."""
    contacts = rng.sample(CAST, rng.randint(1, len(CAST)))
    ids = [c["id"] for c in contacts]
    day = end - timedelta(days=rng.randint(20, 60))
    events: list[dict[str, Any]] = [{"type": "applied", "at": day.isoformat(), "channel": "online"}]
    for _ in range(rng.randint(4, 14)):
        day += timedelta(days=rng.randint(0, 4))
        if day > end:
            break
        events.append(_event(rng, day, ids))
    app: dict[str, Any] = {
        "id": f"app-{n}",
        "company": f"Company {n}",
        "role": rng.choice(["Data Analyst", "Engineer", "Designer", "Nurse", "Clerk"]),
        "employer_kind": rng.choice(KINDS),
        "contacts": contacts,
        "events": events,
    }
    if rng.random() < 0.1:
        app["posting_text"] = "Apply online. No phone calls, please."
    if rng.random() < 0.1:
        app["industry"] = "online media"
    return app


def _event(rng: random.Random, day: date, ids: list[str]) -> dict[str, Any]:
    at = f"{day.isoformat()}T{rng.randint(8, 17):02d}:{rng.choice(['00', '30'])}"
    roll = rng.random()
    if roll < 0.15:
        return {
            "type": "interview",
            "at": at,
            "with": rng.sample(ids, rng.randint(0, min(2, len(ids)))),
            "final": rng.random() < 0.2,
            "notes": "Talked about the quarterly roadmap. They need help with reporting.",
        }
    if roll < 0.3:
        return {
            "type": "sent",
            "at": at,
            "channel": "email",
            "to": rng.choice(ids),
            "purpose": "thank_you",
        }
    if roll < 0.55:
        return {
            "type": "sent",
            "at": at,
            "channel": "email",
            "to": rng.choice(ids),
            "purpose": rng.choice(FOLLOW_UPS),
        }
    if roll < 0.7:
        return {
            "type": "called",
            "at": at,
            "to": rng.choice(ids),
            "outcome": rng.choice(["voicemail", "no_answer", "assistant", "spoke"]),
        }
    if roll < 0.8:
        return {
            "type": "expectation",
            "at": at,
            "by": (day + timedelta(days=rng.randint(2, 10))).isoformat(),
            "via": rng.choice(["phone", "email", "any"]),
            "from": rng.choice(ids),
        }
    if roll < 0.97:
        kind = rng.choice(HEARD)
        event: dict[str, Any] = {"type": "heard", "at": at, "from": rng.choice(ids), "kind": kind}
        if kind == "new_date":
            event["by"] = (day + timedelta(days=rng.randint(3, 10))).isoformat()
        if kind == "offer":
            event["deadline"] = (day + timedelta(days=rng.randint(3, 10))).isoformat()
        return event
    return {
        "type": "directions",
        "at": at,
        "no_calls": rng.random() < 0.5,
        "channel": rng.choice(["email", "phone", "any"]),
    }


def synthetic_journal(count: int, end: date, seed: int = 1) -> dict[str, Any]:
    """A journal of `count` applications, reproducible from `seed`."""
    rng = random.Random(seed)
    return {
        "format": "followup/1",
        "profile": {
            "name": "Bench Mark",
            "email": "bench@example.org",
            "country": "US",
            "subdivision": "NM",
            "timezone": "America/Denver",
        },
        "applications": [synthetic_application(rng, n, end) for n in range(count)],
    }

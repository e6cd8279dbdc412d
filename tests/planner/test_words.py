"""The words of every draft and reason, for the demo, the synthetic journals and the
cases a week of use turned up: no "0 applications" sentences, "Hello" with a first
name only for a person, no note about the addressee quoted back to them, and one
date style ("Fri 4 Dec" or "Friday 4 December", never a padded "07", never the same
day twice around a dash)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from followup.planner import parse_journal, plan
from followup.planner.demo import demo_data
from followup.planner.plan import render_draft
from tests.synthetic_journals import synthetic_journal

from .builders import PROFILE

AS_OF = date(2026, 11, 18)
ROOT = Path(__file__).resolve().parents[2]
DAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*"
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"


def synthetic(count: int, seed: int) -> dict[str, Any]:
    return synthetic_journal(count, AS_OF, seed)


def week_of_use() -> dict[str, Any]:
    """The cases from a week of use: a team for a contact, a note about Pat."""
    return {
        "format": "followup/1",
        "profile": PROFILE,
        "applications": [
            {
                "id": "acme",
                "company": "Acme",
                "role": "Analyst",
                "contacts": [
                    {
                        "id": "pat",
                        "name": "Pat Lee",
                        "role": "hiring_manager",
                        "email": "p@a.example",
                    },
                    {"id": "hr", "name": "Human Resources", "role": "hr", "email": "hr@a.example"},
                ],
                "events": [
                    {"type": "applied", "at": "2026-11-02", "channel": "online"},
                    {
                        "type": "interview",
                        "at": "2026-11-16T10:00",
                        "with": ["pat"],
                        "kind": "video",
                        "notes": "Pat asked about my SQL reporting. The team ships a weekly dashboard.",
                    },
                ],
            },
            {
                "id": "bolt",
                "company": "Bolt",
                "contacts": [
                    {"id": "jobs", "name": "Jobs inbox", "role": "other", "email": "j@b.example"}
                ],
                "events": [{"type": "applied", "at": "2026-11-02", "channel": "email"}],
            },
        ],
    }


JOURNALS = {
    "demo": lambda: demo_data(AS_OF),
    "synthetic-1": lambda: synthetic(300, 1),
    "synthetic-2": lambda: synthetic(300, 2),
    "week-of-use": week_of_use,
}


def texts(data: dict[str, Any]) -> Iterator[tuple[str, Any, str]]:
    """(where, addressee contact or None, text) for every reason, nudge and draft."""
    journal = parse_journal(data)
    result = plan(journal, AS_OF)
    for nudge in result.nudges:
        yield "nudge", None, nudge.reason
    for item in result.applications:
        for step in item.steps:
            where = f"{item.application.id}/{step.action}"
            person = item.application.contact(step.to)
            yield f"{where} reason", person, step.reason
            draft = render_draft(item, step, journal.profile)
            if draft:
                yield f"{where} draft", person, f"{draft['subject'] or ''}\n{draft['body']}"


def notes_about(data: dict[str, Any], app_id: str, person: Any) -> list[str]:
    """The sentences of the application's notes that name `person`."""
    app = next(a for a in data["applications"] if a["id"] == app_id)
    names = {w.lower() for w in (person.name or "").split()} | {person.id}
    found = []
    for event in app["events"]:
        for sentence in re.split(r"[.;!?]\s*", event.get("notes") or ""):
            if sentence and names & {w.strip(",:").lower() for w in sentence.split()}:
                found.append(sentence.strip())
    return found


@pytest.mark.parametrize("name", list(JOURNALS))
def test_every_reason_and_draft_reads_well(name: str) -> None:
    data = JOURNALS[name]()
    seen = 0
    for where, person, text in texts(data):
        seen += 1
        assert not re.search(r"\b0 (applications?|contacts?|steps?)\b", text), (where, text)
        assert not re.search(rf"\b{DAY} 0\d\b", text), (where, text)  # no padded days
        same_day_twice = re.search(rf"({DAY} \d+ {MONTH}) [–-] \1\b", text)
        assert not same_day_twice, (where, text)
        hello = re.search(r"^Hello( [^,\n]+)?,$", text, re.MULTILINE)
        if hello and person is not None and person.name:
            if person.name in ("Human Resources", "Jobs inbox"):
                assert hello.group(1) is None, (where, text)
            else:
                assert hello.group(1) == f" {person.name.split()[0]}", (where, text)
        if person is not None and "draft" in where:
            for sentence in notes_about(data, where.split("/")[0], person):
                assert sentence not in text, (where, sentence)
    assert seen > 0


def test_the_week_of_use_cases_are_there_to_be_checked() -> None:
    """The checks above would pass on nothing: the cases they guard must occur."""
    found = list(texts(week_of_use()))
    drafts = "\n".join(text for where, _, text in found if "draft" in where)
    assert "Hello,\n" in drafts  # to Human Resources or the jobs inbox
    assert "Hello Pat," in drafts
    assert "weekly dashboard" in drafts  # a note not about Pat may be quoted
    assert "Pat asked about my SQL reporting" not in drafts


def test_no_open_application_is_said_in_words() -> None:
    from followup.planner.plan import nudges
    from followup.planner.policy import STANDARD

    (keep,) = [n for n in nudges(0, 0, 9, STANDARD) if n.kind == "keep_searching"]
    assert keep.reason.startswith("No application is open: keep applying")

"""Parsing and validating journals: typed objects out, or every problem named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from followup.planner import JournalError, load_journal, loads_journal, parse_journal
from followup.planner.model import Salary

from .builders import MANAGER, application, d, journal_data


def problems(data: Any) -> list[str]:
    with pytest.raises(JournalError) as caught:
        parse_journal(data)
    return list(caught.value.problems)


def test_a_valid_journal_becomes_typed_immutable_objects() -> None:
    data = journal_data(
        application(
            contacts=[MANAGER],
            events=[
                {
                    "type": "interview",
                    "at": "2026-01-12T10:00",
                    "with": ["hana"],
                    "final": True,
                    "notes": "Q3 dashboards",
                },
                {"type": "applied", "at": "2026-01-05", "channel": "online"},
            ],
        )
    )
    journal = parse_journal(data)
    app = journal.applications[0]
    assert (app.id, app.company, app.employer_kind, app.timezone) == (
        "acme",
        "Acme Corp",
        "corporate",
        "America/Denver",
    )
    assert [e.type for e in app.events] == ["applied", "interview"]  # time order
    assert app.events[1].interviewers == ("hana",)
    assert app.events[1].position == 0  # the position in the file, for messages
    assert app.events[0].day == d("2026-01-05")
    with pytest.raises(AttributeError):
        app.company = "Other"  # type: ignore[misc]


def test_defaults_come_from_the_profile_else_us_and_utc() -> None:
    bare = parse_journal(
        {"format": "followup/1", "applications": [{"id": "a", "company": "A", "events": []}]}
    )
    assert (
        bare.applications[0].country,
        bare.applications[0].timezone,
        bare.applications[0].employer_kind,
    ) == ("US", "UTC", "unknown")
    withprofile = parse_journal(journal_data({"id": "a", "company": "A", "events": []}))
    assert withprofile.applications[0].timezone == "America/Denver"


def test_the_example_error_names_application_event_index_and_field() -> None:
    data = journal_data(
        application(
            "acme-analyst",
            events=[{"type": "applied", "at": "2026-01-05"}] * 3
            + [{"type": "applied", "at": "2026-13-45"}],
        )
    )
    assert problems(data) == ["acme-analyst: events[3].at: '2026-13-45' is not a date"]


def test_every_problem_is_reported_at_once() -> None:
    data = journal_data(
        application(
            "one",
            contacts=[MANAGER],
            events=[
                {"type": "phoned", "at": "2026-01-05"},
                {"type": "sent", "at": "2026-01-06", "to": "nobody", "purpose": "bribe"},
                {"type": "interview", "at": "yesterday", "with": ["hana"]},
            ],
        ),
        {"id": "two", "events": []},
        policy={"email_min_gap_days": -1, "coffee_breaks": 3},
    )
    found = problems(data)
    assert (
        "one: events[0].type: 'phoned' is not an event type (applied, interview, expectation, sent, called, heard, directions, closed)"
        in found
    )
    assert "one: events[1].to: 'nobody' is not a contact of this application" in found
    assert any(
        p.startswith("one: events[1].purpose: 'bribe' is not one of thank_you") for p in found
    )
    assert any(p.startswith("one: events[2].at: 'yesterday' is not a date") for p in found)
    assert "two: company: is required" in found
    assert "policy.coffee_breaks: is not a policy setting we know" in found
    assert "policy.email_min_gap_days: -1 is not a whole number from 0 to 365" in found
    assert len(found) == 7


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"format": "followup/2"}, "format: 'followup/2' is not 'followup/1'"),
        ({"applications": {}}, "applications: is required (a list, may be empty)"),
        (
            {"profile": {"timezone": "Mars/Olympus"}},
            "profile.timezone: 'Mars/Olympus' is not a time zone name (e.g. 'America/Denver')",
        ),
        ({"profile": {"nickname": "D"}}, "profile.nickname: is not a field we know"),
        ({"extra": 1}, "extra: is not a field we know"),
        (
            {"policy": {"window_corporate": [10, 7]}},
            "policy.window_corporate: [10, 7] is not a window [first, last] of days with 0 <= first <= last <= 365",
        ),
        (
            {"policy": {"call_window": "9-11"}},
            "policy.call_window: '9-11' is not a time window like '09:30-11:30'",
        ),
        (
            {"policy": {"year_end_slowdown": "yes"}},
            "policy.year_end_slowdown: 'yes' is not true or false",
        ),
    ],
)
def test_journal_level_problems(change: dict[str, Any], expected: str) -> None:
    data = {**journal_data(application()), **change}
    assert expected in problems(data)


@pytest.mark.parametrize(
    ("app_change", "expected"),
    [
        (
            {"id": "has space"},
            "applications[0].id: 'has space' is not an id (letters, digits, . _ -)",
        ),
        ({"employer_kind": "megacorp"}, "acme: employer_kind: 'megacorp' is not one of corporate"),
        ({"timezone": "Nowhere"}, "acme: timezone: 'Nowhere' is not a time zone name"),
        ({"country": "XX"}, "acme: country/subdivision:"),
        ({"subdivision": "ZZ"}, "acme: country/subdivision:"),
        ({"events": None}, "acme: events: is required (a list, may be empty)"),
        ({"contacts": [{"name": "No Id"}]}, "acme: contacts[0].id: is required"),
        (
            {"contacts": [{"id": "x", "role": "boss"}]},
            "acme: contacts[0].role: 'boss' is not one of recruiter",
        ),
        (
            {"contacts": [{"id": "x"}, {"id": "x"}]},
            "acme: contacts[1].id: 'x' is used by another contact",
        ),
        ({"benefits": "dental"}, "acme: benefits: is not a field we know"),
        ({"salary": 100}, "acme: salary: is not an object (min, max, currency, period)"),
        ({"salary": {}}, "acme: salary: needs min, max or both"),
        ({"salary": {"currency": "USD"}}, "acme: salary: needs min, max or both"),
        ({"salary": {"min": -1}}, "acme: salary.min: -1 is not an amount"),
        ({"salary": {"max": True}}, "acme: salary.max: True is not an amount"),
        ({"salary": {"min": "90k"}}, "acme: salary.min: '90k' is not an amount"),
        ({"salary": {"min": 90, "max": 80}}, "acme: salary.max: 80 is less than min 90"),
        ({"salary": {"min": 1, "currency": "usd"}}, "acme: salary.currency: 'usd' is not a"),
        ({"salary": {"min": 1, "period": "decade"}}, "acme: salary.period: 'decade' is not one"),
        ({"salary": {"min": 1, "bonus": 5}}, "acme: salary.bonus: is not a field we know"),
        ({"role": 42}, "acme: role: 42 is not text"),
    ],
)
def test_application_level_problems(app_change: dict[str, Any], expected: str) -> None:
    found = problems(journal_data({**application(), **app_change}))
    assert any(p.startswith(expected) for p in found), found


@pytest.mark.parametrize(
    ("salary", "expected"),
    [
        ({"min": 68000, "max": 76000, "currency": "USD"}, Salary(68000, 76000, "USD", "year")),
        ({"max": 30, "period": "hour"}, Salary(None, 30, None, "hour")),
        ({"min": 0}, Salary(0, None, None, "year")),
        (None, None),
    ],
)
def test_salary_is_read_with_its_default_period(
    salary: dict[str, Any] | None, expected: Salary | None
) -> None:
    journal = parse_journal(journal_data({**application(), "salary": salary}))
    assert journal.applications[0].salary == expected


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ({"type": "applied"}, "acme: events[0].at: is required"),
        (
            {"type": "applied", "at": "2026-01-05", "channel": "pigeon"},
            "acme: events[0].channel: 'pigeon' is not one of online, email, in_person, referral",
        ),
        (
            {"type": "applied", "at": "2026-01-05", "with": []},
            "acme: events[0].with: is not a field of a 'applied' event",
        ),
        (
            {"type": "interview", "at": "2026-01-05", "with": "hana"},
            "acme: events[0].with: 'hana' is not a list of contact ids",
        ),
        (
            {"type": "interview", "at": "2026-01-05", "final": "yes"},
            "acme: events[0].final: 'yes' is not true or false",
        ),
        (
            {"type": "interview", "at": "2026-01-05", "round": -2},
            "acme: events[0].round: -2 is not a round number",
        ),
        (
            {"type": "expectation", "at": "2026-01-05"},
            "acme: events[0].by: is required for a 'expectation' event",
        ),
        (
            {"type": "expectation", "at": "2026-01-05", "by": "next week"},
            "acme: events[0].by: 'next week' is not a date (YYYY-MM-DD)",
        ),
        (
            {"type": "heard", "at": "2026-01-05", "kind": "new_date"},
            "acme: events[0].by: is required when kind is 'new_date'",
        ),
        (
            {"type": "heard", "at": "2026-01-05"},
            "acme: events[0].kind: is required for a 'heard' event",
        ),
        (
            {"type": "called", "at": "2026-01-05", "to": "hana"},
            "acme: events[0].outcome: is required for a 'called' event",
        ),
        (
            {"type": "closed", "at": "2026-01-05", "reason": "bored"},
            "acme: events[0].reason: 'bored' is not one of accepted, withdrawn, moved_on, rejected",
        ),
        (
            {"type": "sent", "at": "2026-01-05T25:00"},
            "acme: events[0].at: '2026-01-05T25:00' is not a date",
        ),
        (
            {"type": "sent", "at": 20260105},
            "acme: events[0].at: 20260105 is not a date or date-time",
        ),
        ("not an event", "acme: events[0]: is not an object"),
    ],
)
def test_event_level_problems(event: Any, expected: str) -> None:
    found = problems(journal_data(application(contacts=[MANAGER], events=[event])))
    assert any(p.startswith(expected) for p in found), found


def test_duplicate_application_ids_are_an_error() -> None:
    assert "applications[1].id: 'acme' is used by another application" in problems(
        journal_data(application(), application())
    )


def test_not_an_object_at_all() -> None:
    assert problems([1, 2]) == ["journal: is not a JSON object"]


def test_json_syntax_errors_name_line_and_column() -> None:
    with pytest.raises(JournalError) as caught:
        loads_journal('{\n  "format": "followup/1",\n  "applications": [,]\n}')
    assert caught.value.problems == ("line 3, column 20: Expecting value",)


def test_load_journal_prefixes_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(
        json.dumps(journal_data(application(events=[{"type": "applied", "at": "soon"}])))
    )
    with pytest.raises(JournalError) as caught:
        load_journal(path)
    assert caught.value.problems[0].startswith(f"{path}: acme: events[0].at: 'soon'")
    with pytest.raises(JournalError, match="No such file"):
        load_journal(tmp_path / "missing.json")


def test_date_times_with_seconds_and_offsets_are_accepted() -> None:
    events = [
        {"type": "applied", "at": "2026-01-05T09:15:30"},
        {"type": "sent", "at": "2026-01-06T02:00:00+00:00", "purpose": "other"},
        {"type": "sent", "at": "2026-01-07T12:00Z", "purpose": "other"},
    ]
    app = parse_journal(journal_data(application(events=events))).applications[0]
    # 02:00 UTC on the 6th is the evening of the 5th in Denver.
    assert [e.day for e in app.events] == [d("2026-01-05"), d("2026-01-05"), d("2026-01-07")]

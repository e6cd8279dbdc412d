"""The journal's JSON Schema: itself valid, faithful to the format, and the demo obeys it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from followup.planner.model import CONTACT_ROLES, EMPLOYER_KINDS

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "followup" / "planner" / "journal.schema.json"
DEMO_PATH = ROOT / "examples" / "demo.json"
PACKAGED_DEMO = ROOT / "followup" / "examples" / "demo.json"
DEMO_AS_OF = "2026-03-11"

SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

# Event types and their fields, as journal-format.md lists them (`type` and `at` aside).
SPEC_EVENT_FIELDS = {
    "applied": {"channel"},
    "interview": {"with", "round", "kind", "final", "notes"},
    "expectation": {"by", "via", "from"},
    "sent": {"channel", "to", "purpose"},
    "called": {"to", "outcome", "purpose", "notes"},
    "heard": {"from", "channel", "kind", "by", "deadline", "via"},
    "directions": {"no_calls", "channel"},
    "closed": {"reason", "notified", "notes"},
}
HEARD_KINDS = {
    "reply",
    "update",
    "new_date",
    "request_info",
    "interview_invite",
    "rejection",
    "offer",
    "do_not_call",
    "do_not_contact",
}
CALL_OUTCOMES = {"spoke", "voicemail", "no_answer", "assistant"}


def spec_example() -> dict[str, Any]:
    """The journal shown in journal-format.md, as Python data."""
    return {
        "format": "followup/1",
        "profile": {
            "name": "Jane Doe",
            "email": "jane@example.org",
            "phone": "+1 505 555 0100",
            "country": "US",
            "subdivision": "NM",
            "timezone": "America/Denver",
        },
        "policy": {"email_min_gap_days": 7},
        "applications": [
            {
                "id": "acme-analyst",
                "company": "Acme Corp",
                "role": "Data Analyst",
                "employer_kind": "corporate",
                "industry": "online media",
                "country": "US",
                "subdivision": "CA",
                "timezone": "America/Los_Angeles",
                "posting_url": "https://example.com/jobs/1",
                "posting_text": "… Please, no phone calls. …",
                "notes": "free text",
                "contacts": [
                    {
                        "id": "pat",
                        "name": "Pat Lee",
                        "role": "hiring_manager",
                        "email": "pat@acme.example",
                        "phone": "+1 415 555 0101",
                        "best_time": "mornings",
                    }
                ],
                "events": [
                    {"type": "applied", "at": "2026-01-05", "channel": "online"},
                    {
                        "type": "interview",
                        "at": "2026-01-12T10:00",
                        "with": ["pat"],
                        "final": True,
                        "notes": "talked about the Q3 dashboard migration",
                    },
                    {
                        "type": "expectation",
                        "at": "2026-01-12T11:00",
                        "by": "2026-01-16",
                        "via": "phone",
                        "from": "pat",
                    },
                    {
                        "type": "sent",
                        "at": "2026-01-12T18:00",
                        "channel": "email",
                        "to": "pat",
                        "purpose": "thank_you",
                    },
                    {
                        "type": "called",
                        "at": "2026-01-20T09:00",
                        "to": "pat",
                        "outcome": "voicemail",
                    },
                    {
                        "type": "heard",
                        "at": "2026-01-22T14:00",
                        "from": "pat",
                        "channel": "email",
                        "kind": "new_date",
                        "by": "2026-01-30",
                    },
                    {
                        "type": "directions",
                        "at": "2026-01-05",
                        "no_calls": True,
                        "channel": "email",
                    },
                    {"type": "closed", "at": "2026-02-20", "reason": "moved_on", "notified": False},
                ],
            }
        ],
    }


def load_demo() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(DEMO_PATH.read_text(encoding="utf-8"))
    return data


def error_paths(instance: Any) -> list[str]:
    return [error.json_path for error in VALIDATOR.iter_errors(instance)]


DELETE = object()


def mutated(path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    """The spec example with the item at `path` set to `value` (or deleted)."""
    data = spec_example()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    if value is DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


APP = ("applications", 0)
EVENTS = (*APP, "events")
APP_PATH = "$.applications[0]"


# (a) the schema itself -----------------------------------------------------------


def test_schema_is_valid_draft_2020_12() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_schema_enums_match_the_model() -> None:
    defs = SCHEMA["$defs"]
    kinds = [k for k in defs["application"]["properties"]["employer_kind"]["enum"] if k]
    roles = [r for r in defs["contact"]["properties"]["role"]["enum"] if r]
    assert tuple(kinds) == EMPLOYER_KINDS
    assert tuple(roles) == CONTACT_ROLES


def test_schema_event_fields_match_the_format() -> None:
    defs = SCHEMA["$defs"]
    assert set(defs["event"]["properties"]["type"]["enum"]) == set(SPEC_EVENT_FIELDS)
    for kind, fields in SPEC_EVENT_FIELDS.items():
        event = defs[kind]
        assert event["additionalProperties"] is False, kind
        assert set(event["properties"]) - {"type", "at"} == fields, kind
    assert set(defs["heard"]["properties"]["kind"]["enum"]) == HEARD_KINDS
    assert set(defs["called"]["properties"]["outcome"]["enum"]) == CALL_OUTCOMES


# (b) and (c) valid journals ------------------------------------------------------


def test_demo_validates() -> None:
    assert error_paths(load_demo()) == []


def test_packaged_demo_is_a_relative_link_to_the_demo() -> None:
    assert PACKAGED_DEMO.is_symlink()
    assert os.readlink(PACKAGED_DEMO) == "../../examples/demo.json"
    assert PACKAGED_DEMO.resolve() == DEMO_PATH.resolve()


def test_spec_example_validates() -> None:
    assert error_paths(spec_example()) == []


def test_minimal_journal_validates() -> None:
    minimal = {"format": "followup/1", "applications": [{"id": "a", "company": "A", "events": []}]}
    assert error_paths(minimal) == []


@pytest.mark.parametrize(
    "at",
    [
        "2026-01-05",
        "2026-01-05T09:30",
        "2026-01-05T09:30:15",
        "2026-01-05T09:30:15.250",
        "2026-01-05T09:30-07:00",
        "2026-01-05T09:30:00+05:30",
        "2026-01-05T16:30:00Z",
    ],
)
def test_every_form_of_at_is_accepted(at: str) -> None:
    assert error_paths(mutated((*EVENTS, 0, "at"), at)) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ((*EVENTS, 3, "to"), None),
        ((*EVENTS, 1, "notes"), None),
        ((*EVENTS, 2, "from"), None),
        ((*APP, "employer_kind"), None),
        ((*EVENTS, 1, "with"), []),
        (("policy",), {"weekly_goal": 3, "year_end_slowdown": False, "call_window": "10:00-12:00"}),
        (("policy",), {"window_corporate": [10, 14], "email_first_industries": ["podcasting"]}),
        (("profile",), DELETE),
        ((*APP, "contacts"), DELETE),
    ],
)
def test_optional_and_nullable_fields(path: tuple[str | int, ...], value: Any) -> None:
    assert error_paths(mutated(path, value)) == []


# (d) invalid journals ------------------------------------------------------------

INVALID = [
    ("wrong format", ("format",), "followup/2", "$.format"),
    ("missing format", ("format",), DELETE, "$"),
    ("missing applications", ("applications",), DELETE, "$"),
    ("unknown top-level field", ("version",), 1, "$"),
    ("unknown profile field", ("profile", "city"), "Albuquerque", "$.profile"),
    ("country not a code", ("profile", "country"), "United States", "$.profile.country"),
    (
        "policy value is an object",
        ("policy", "email_min_gap_days"),
        {"days": 7},
        "$.policy.email_min_gap_days",
    ),
    (
        "policy window of three",
        ("policy", "window_corporate"),
        [7, 10, 14],
        "$.policy.window_corporate",
    ),
    ("policy value negative", ("policy", "weekly_goal"), -1, "$.policy.weekly_goal"),
    ("missing company", (*APP, "company"), DELETE, APP_PATH),
    ("blank company", (*APP, "company"), "   ", f"{APP_PATH}.company"),
    ("id with a space", (*APP, "id"), "acme analyst", f"{APP_PATH}.id"),
    ("id starting with a hyphen", (*APP, "id"), "-acme", f"{APP_PATH}.id"),
    ("id too long", (*APP, "id"), "a" * 81, f"{APP_PATH}.id"),
    ("missing events", (*APP, "events"), DELETE, APP_PATH),
    ("events not a list", (*APP, "events"), {}, f"{APP_PATH}.events"),
    ("unknown application field", (*APP, "benefits"), "dental", APP_PATH),
    ("salary as text", (*APP, "salary"), "90k", f"{APP_PATH}.salary"),
    ("salary without an amount", (*APP, "salary"), {"currency": "USD"}, f"{APP_PATH}.salary"),
    (
        "salary in lower case",
        (*APP, "salary"),
        {"min": 1, "currency": "usd"},
        f"{APP_PATH}.salary.currency",
    ),
    (
        "salary per decade",
        (*APP, "salary"),
        {"min": 1, "period": "decade"},
        f"{APP_PATH}.salary.period",
    ),
    ("bad employer kind", (*APP, "employer_kind"), "megacorp", f"{APP_PATH}.employer_kind"),
    ("contact without id", (*APP, "contacts", 0, "id"), DELETE, f"{APP_PATH}.contacts[0]"),
    ("bad contact role", (*APP, "contacts", 0, "role"), "boss", f"{APP_PATH}.contacts[0].role"),
    ("bad event type", (*EVENTS, 0, "type"), "interviewed", f"{APP_PATH}.events[0].type"),
    ("event without type", (*EVENTS, 0, "type"), DELETE, f"{APP_PATH}.events[0]"),
    ("event without at", (*EVENTS, 0, "at"), DELETE, f"{APP_PATH}.events[0]"),
    ("impossible month", (*EVENTS, 0, "at"), "2026-13-45", f"{APP_PATH}.events[0].at"),
    ("space instead of T", (*EVENTS, 1, "at"), "2026-01-12 10:00", f"{APP_PATH}.events[1].at"),
    ("US date order", (*EVENTS, 0, "at"), "01/05/2026", f"{APP_PATH}.events[0].at"),
    (
        "offset without colon",
        (*EVENTS, 1, "at"),
        "2026-01-12T10:00-0700",
        f"{APP_PATH}.events[1].at",
    ),
    ("bad applied channel", (*EVENTS, 0, "channel"), "fax", f"{APP_PATH}.events[0].channel"),
    ("with is not a list", (*EVENTS, 1, "with"), "pat", f"{APP_PATH}.events[1].with"),
    ("final is not a boolean", (*EVENTS, 1, "final"), "yes", f"{APP_PATH}.events[1].final"),
    ("round zero", (*EVENTS, 1, "round"), 0, f"{APP_PATH}.events[1].round"),
    ("expectation without by", (*EVENTS, 2, "by"), DELETE, f"{APP_PATH}.events[2]"),
    ("by is not a date", (*EVENTS, 2, "by"), "next Friday", f"{APP_PATH}.events[2].by"),
    ("bad via", (*EVENTS, 2, "via"), "carrier pigeon", f"{APP_PATH}.events[2].via"),
    ("bad purpose", (*EVENTS, 3, "purpose"), "thanks", f"{APP_PATH}.events[3].purpose"),
    ("field of another type", (*EVENTS, 3, "outcome"), "spoke", f"{APP_PATH}.events[3]"),
    ("called without outcome", (*EVENTS, 4, "outcome"), DELETE, f"{APP_PATH}.events[4]"),
    ("bad call outcome", (*EVENTS, 4, "outcome"), "busy", f"{APP_PATH}.events[4].outcome"),
    ("bad heard kind", (*EVENTS, 5, "kind"), "ghosted", f"{APP_PATH}.events[5].kind"),
    ("new date without by", (*EVENTS, 5, "by"), DELETE, f"{APP_PATH}.events[5]"),
    ("deadline not ISO", (*EVENTS, 5, "deadline"), "2026-3-18", f"{APP_PATH}.events[5].deadline"),
    ("no_calls is text", (*EVENTS, 6, "no_calls"), "true", f"{APP_PATH}.events[6].no_calls"),
    ("bad closed reason", (*EVENTS, 7, "reason"), "ghosted", f"{APP_PATH}.events[7].reason"),
    ("closed without reason", (*EVENTS, 7, "reason"), DELETE, f"{APP_PATH}.events[7]"),
]


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [case[1:] for case in INVALID],
    ids=[case[0] for case in INVALID],
)
def test_invalid_journal_is_rejected_at_the_right_place(
    path: tuple[str | int, ...], value: Any, where: str
) -> None:
    assert where in error_paths(mutated(path, value))


def test_errors_name_the_field_not_just_the_event() -> None:
    """Events are discriminated by type, so a bad field is reported as that field."""
    errors = list(VALIDATOR.iter_errors(mutated((*EVENTS, 3, "purpose"), "thanks")))
    assert [e.json_path for e in errors] == [f"{APP_PATH}.events[3].purpose"]
    assert "'thanks' is not one of" in errors[0].message


def test_every_problem_is_reported() -> None:
    data = spec_example()
    data["format"] = "followup/0"
    data["applications"][0]["events"][0]["at"] = "2026-13-45"
    data["applications"][0]["events"][3]["purpose"] = "thanks"
    assert len(error_paths(data)) == 3


# (e) the demo tells a complete, consistent story ---------------------------------


def test_demo_has_every_event_type() -> None:
    types = {e["type"] for a in load_demo()["applications"] for e in a["events"]}
    assert types == set(SPEC_EVENT_FIELDS)


def test_demo_has_every_inbound_kind_and_call_outcome() -> None:
    events = [e for a in load_demo()["applications"] for e in a["events"]]
    assert {e["kind"] for e in events if e["type"] == "heard"} == HEARD_KINDS
    assert {e["outcome"] for e in events if e["type"] == "called"} == CALL_OUTCOMES


def test_demo_employer_kinds_are_valid() -> None:
    kinds = {a.get("employer_kind", "unknown") for a in load_demo()["applications"]}
    assert kinds <= set(EMPLOYER_KINDS)
    assert len(kinds) >= 6


def test_demo_ids_are_unique() -> None:
    apps = load_demo()["applications"]
    ids = [a["id"] for a in apps]
    assert len(ids) == len(set(ids))
    for app in apps:
        contact_ids = [c["id"] for c in app.get("contacts", [])]
        assert len(contact_ids) == len(set(contact_ids)), app["id"]


def test_demo_contact_references_resolve() -> None:
    for app in load_demo()["applications"]:
        known = {c["id"] for c in app.get("contacts", [])}
        for index, event in enumerate(app["events"]):
            named = [event.get("to"), event.get("from"), *event.get("with", [])]
            for contact in named:
                assert contact is None or contact in known, f"{app['id']}: events[{index}]"


def test_demo_happens_on_or_before_its_reference_date() -> None:
    """All but one interview, booked for later (a scheduled interview, §4.0), and no
    event on the reference day itself: the demo may be shown the day before it."""
    later = []
    for app in load_demo()["applications"]:
        for event in app["events"]:
            if event["at"][:10] >= DEMO_AS_OF:
                later.append((app["id"], event["type"], event["at"]))
    assert later == [("sandia-transit-planner", "interview", "2026-03-13T10:00")]


def test_demo_leaves_the_weekly_goal_unmet() -> None:
    """Fewer than 5 applications in the 7 days up to the reference date: the nudge shows."""
    recent = [
        e
        for a in load_demo()["applications"]
        for e in a["events"]
        if e["type"] == "applied" and "2026-03-05" <= e["at"][:10] <= DEMO_AS_OF
    ]
    assert len(recent) < 5

"""Small builders for journals in tests: say only what a test is about."""

from __future__ import annotations

from datetime import date
from typing import Any

from followup.planner import parse_journal, plan
from followup.planner.model import Step
from followup.planner.plan import Plan

PROFILE = {
    "name": "Dana Reyes",
    "email": "dana@example.org",
    "phone": "+1 505 555 0142",
    "country": "US",
    "timezone": "America/Denver",
}

RECRUITER = {"id": "rita", "name": "Rita Gomez", "role": "recruiter", "email": "rita@acme.example"}
HR = {"id": "hal", "name": "Hal Ortiz", "role": "hr", "email": "hal@acme.example"}
MANAGER = {
    "id": "hana",
    "name": "Hana Kim",
    "role": "hiring_manager",
    "email": "hana@acme.example",
    "phone": "+1 505 555 0101",
}
INTERVIEWER = {"id": "ivan", "name": "Ivan Petrov", "role": "interviewer"}
INSIDER = {"id": "ines", "name": "Ines Duarte", "role": "insider", "email": "ines@example.net"}
ASSISTANT = {"id": "abe", "name": "Abe Shaw", "role": "assistant"}


def application(
    app_id: str = "acme", events: list[dict[str, Any]] | None = None, **facts: Any
) -> dict[str, Any]:
    facts.setdefault("company", "Acme Corp")
    facts.setdefault("role", "Data Analyst")
    facts.setdefault("employer_kind", "corporate")
    return {"id": app_id, **facts, "events": events or []}


def journal_data(*apps: dict[str, Any], policy: dict[str, Any] | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "followup/1",
        "profile": dict(PROFILE),
        "applications": list(apps),
    }
    if policy:
        data["policy"] = policy
    return data


def plan_of(*apps: dict[str, Any], as_of: date, policy: dict[str, Any] | None = None) -> Plan:
    return plan(parse_journal(journal_data(*apps, policy=policy)), as_of)


def steps_of(
    *apps: dict[str, Any], as_of: date, policy: dict[str, Any] | None = None
) -> list[Step]:
    """The steps of the first application."""
    return list(plan_of(*apps, as_of=as_of, policy=policy).applications[0].steps)


def brief(steps: list[Step]) -> list[tuple[str, str | None, str | None, date, date]]:
    """(action, channel, to, due, due_by) of each step: what most rule tests compare."""
    return [(s.action, s.channel, s.to, s.due, s.due_by) for s in steps]


def d(text: str) -> date:
    return date.fromisoformat(text)

"""Properties of the rules clarified on 2026-12-01 (§2, §4.0, §6), on generated journals."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

from hypothesis import given

from followup.planner import parse_journal, plan, plan_to_dict
from followup.planner.model import Application, Journal, Step

from .strategies import journals
from .test_properties import PROPERTY


def _key(step: Step) -> tuple[str, str | None, date, date]:
    return step.action, step.to, step.due, step.due_by


def _without_future(app: Application, as_of: date) -> Application:
    return dataclasses.replace(app, events=tuple(e for e in app.events if e.day <= as_of))


@PROPERTY
@given(journals())
def test_nothing_but_preparing_comes_from_a_future_event(case: tuple[dict[str, Any], date]) -> None:
    data, as_of = case
    journal = parse_journal(data)
    past = dataclasses.replace(
        journal, applications=tuple(_without_future(a, as_of) for a in journal.applications)
    )
    full, trimmed = plan(journal, as_of), plan(past, as_of)
    for item, bare in zip(full.applications, trimmed.applications, strict=True):
        ahead = any(e.type == "interview" and e.day > as_of for e in item.application.events)
        kept = [_key(s) for s in item.steps if s.action != "prepare_interview"]
        if not ahead:
            assert kept == [_key(s) for s in bare.steps]
        else:
            # A scheduled interview may only hold the ladder back, never add to it; after an
            # accepted offer it is also someone to tell, so it may bring the withdrawal
            # (§7.1; test_a_scheduled_interview_is_someone_to_tell_after_accepting).
            kept = [key for key in kept if key[0] != "withdraw"]
            assert set(kept) <= {_key(s) for s in bare.steps}, item.application.id


def test_a_scheduled_interview_is_someone_to_tell_after_accepting() -> None:
    """Found by the property above: an application with nobody named and only an interview
    booked for next week gets the withdrawal once another offer is accepted (§7.1: it
    has an interview, which the withdrawal cancels); without the booking it gets none."""
    accepted = {
        "id": "chosen",
        "company": "Chosen Co",
        "events": [
            {"type": "applied", "at": "2026-10-01"},
            {"type": "interview", "at": "2026-10-20T10:00"},
            {"type": "heard", "at": "2026-11-02T09:00", "kind": "offer"},
            {"type": "closed", "at": "2026-11-04T09:00", "reason": "accepted"},
        ],
    }
    booked = {
        "id": "booked",
        "company": "Booked Co",
        "events": [
            {"type": "applied", "at": "2026-10-05"},
            {"type": "interview", "at": "2026-11-10T10:00"},
        ],
    }
    as_of = date(2026, 11, 4)  # Wednesday; the interview is next Tuesday
    journal = {"format": "followup/1", "applications": [accepted, booked]}
    steps = plan(parse_journal(journal), as_of).applications[1].steps
    # next_bd(Wed 4 Nov) = Wed 4 Nov; add_bd(4 Nov, 2) = Fri 6 Nov.
    assert [_key(s) for s in steps] == [("withdraw", None, date(2026, 11, 4), date(2026, 11, 6))]
    booked["events"] = booked["events"][:1]
    assert plan(parse_journal(journal), as_of).applications[1].steps == ()


@PROPERTY
@given(journals())
def test_no_thank_you_is_due_before_its_interview(case: tuple[dict[str, Any], date]) -> None:
    data, as_of = case
    for item in plan(parse_journal(data), as_of).applications:
        interviews = {e.day for e in item.application.events if e.type == "interview"}
        for step in item.steps:
            if step.action == "send_thank_you":
                assert step.due in interviews and step.due <= as_of, step


def _date_alone(event: dict[str, Any]) -> bool:
    return isinstance(event.get("at"), str) and len(event["at"]) == len("YYYY-MM-DD")


def _listed(data: dict[str, Any], dates_first: bool) -> dict[str, Any]:
    """Each day's date-only events listed before (or after) its timed ones, else in order."""
    apps = []
    for app in data["applications"]:

        def place(event: dict[str, Any]) -> tuple[str, bool]:
            alone = _date_alone(event)
            return str(event.get("at"))[:10], alone != dates_first

        apps.append({**app, "events": sorted(app["events"], key=place)})
    return {**data, "applications": apps}


@PROPERTY
@given(journals())
def test_date_only_and_timed_events_of_a_day_may_be_listed_in_either_order(
    case: tuple[dict[str, Any], date],
) -> None:
    data, as_of = case
    first = plan_to_dict(plan(parse_journal(_listed(data, True)), as_of))
    last = plan_to_dict(plan(parse_journal(_listed(data, False)), as_of))
    assert first == last


def _with_unanswered_call(journal: Journal, index: int, as_of: date) -> Journal:
    app = journal.applications[index]
    raw = {
        "format": "followup/1",
        "applications": [
            {
                "id": app.id,
                "company": app.company,
                "contacts": [{"id": c.id} for c in app.contacts],
                "events": [{"type": "called", "at": f"{as_of}T12:00", "outcome": "no_answer"}],
            }
        ],
    }
    call = parse_journal(raw).applications[0].events[0]
    events = tuple(sorted([*app.events, call._replace(position=len(app.events))], key=_order))
    apps = list(journal.applications)
    apps[index] = dataclasses.replace(app, events=events)
    return dataclasses.replace(journal, applications=tuple(apps))


def _order(event: Any) -> Any:
    from followup.planner.journal import in_day_order

    return in_day_order(event)


@PROPERTY
@given(journals())
def test_an_unanswered_call_with_no_call_pending_changes_nothing(
    case: tuple[dict[str, Any], date],
) -> None:
    data, as_of = case
    journal = parse_journal(data)
    before = plan(journal, as_of)
    for index, item in enumerate(before.applications):
        if any(s.channel == "phone" for s in item.steps):
            continue
        after = plan(_with_unanswered_call(journal, index, as_of), as_of)
        assert plan_to_dict(after, drafts=False) == plan_to_dict(before, drafts=False)

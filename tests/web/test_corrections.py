"""Correcting stored data through the services: salary, reopen, delete and Undo,
editing events, contacts, and the sample journal."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from followup.planner.demo import DEMO_PATH
from followup.tracker import corrections, people, services
from followup.tracker.models import DeletedApplication, Event

from .conftest import AS_OF


def journal(user: User, slug: str) -> dict[str, Any]:
    return corrections.journal_of(user, services.get_application(user, slug))


def test_salary_is_stored_exported_and_removed(other: User) -> None:
    salary = {"period": "hour", "currency": "USD", "max": 40, "min": 32.5}
    services.update_application(other, "others-job", {"salary": salary})
    exported = services.journal_data(other)["applications"][0]
    assert list(exported["salary"].items()) == [
        ("min", 32.5),
        ("max", 40),
        ("currency", "USD"),
        ("period", "hour"),
    ]
    services.update_application(other, "others-job", {"salary": None})
    assert "salary" not in journal(other, "others-job")


def test_a_bad_salary_changes_nothing(other: User) -> None:
    with pytest.raises(services.ServiceError) as error:
        services.update_application(other, "others-job", {"salary": {"min": 9, "max": 5}})
    assert error.value.problems == ("others-job: salary.max: 5 is less than min 9",)
    assert "salary" not in journal(other, "others-job")


def test_close_and_reopen_keeps_the_rest_of_the_history(other: User) -> None:
    closed = {"type": "closed", "at": "2026-11-10", "reason": "withdrawn"}
    services.record_event(other, "others-job", closed)
    assert services.get_application(other, "others-job").stage == "closed"
    app = corrections.reopen(other, "others-job")
    assert app.stage == "applied"
    assert journal(other, "others-job")["events"] == [{"type": "applied", "at": "2026-11-02"}]
    with pytest.raises(services.ServiceError, match="others-job: is not closed"):
        corrections.reopen(other, "others-job")


def test_reopen_explains_a_rejection(other: User) -> None:
    services.record_event(
        other, "others-job", {"type": "heard", "at": "2026-11-10", "kind": "rejection"}
    )
    with pytest.raises(services.ServiceError, match="delete that event in the timeline"):
        corrections.reopen(other, "others-job")


def test_delete_then_undo_brings_it_back_whole(owner: User) -> None:
    before = journal(owner, "zia-solar-coordinator")
    position = services.get_application(owner, "zia-solar-coordinator").position
    kept = corrections.delete_application(owner, "zia-solar-coordinator")
    with pytest.raises(services.NotFound):
        services.get_application(owner, "zia-solar-coordinator")
    app = corrections.undo_delete(owner, kept.pk)
    assert (app.slug, app.position) == ("zia-solar-coordinator", position)
    assert journal(owner, "zia-solar-coordinator") == before
    with pytest.raises(services.NotFound, match="nothing to undo"):
        corrections.undo_delete(owner, kept.pk)


def test_the_trash_is_emptied_after_30_days(other: User, owner: User) -> None:
    kept = corrections.delete_application(other, "others-job")
    with pytest.raises(services.NotFound):  # another user's trash is not yours
        corrections.undo_delete(owner, kept.pk)
    DeletedApplication.objects.filter(pk=kept.pk).update(
        deleted=timezone.now() - timedelta(days=30, minutes=1)
    )
    with pytest.raises(services.NotFound, match="more than 30 days ago"):
        corrections.undo_delete(other, kept.pk)
    assert corrections.empty_trash(other) == 1
    assert not DeletedApplication.objects.exists()


def test_undo_refuses_when_the_id_was_taken_since(other: User) -> None:
    kept = corrections.delete_application(other, "others-job")
    services.add_application(other, {"id": "others-job", "company": "New Co", "events": []})
    with pytest.raises(services.Conflict, match="others-job: an application with this id"):
        corrections.undo_delete(other, kept.pk)


def test_edit_an_events_date_time_outcome_and_notes(other: User) -> None:
    call = {"type": "called", "at": "2026-11-09T10:00", "outcome": "no_answer"}
    event = services.record_event(other, "others-job", call, as_of=AS_OF)
    edited = corrections.edit_event(
        other,
        "others-job",
        event.pk,
        {"at": "2026-11-10T15:30", "outcome": "spoke", "notes": "Talked to the office"},
        as_of=AS_OF,
    )
    assert edited.pk == event.pk
    assert journal(other, "others-job")["events"][1] == {
        "type": "called",
        "at": "2026-11-10T15:30",
        "outcome": "spoke",
        "notes": "Talked to the office",
    }
    corrections.edit_event(other, "others-job", event.pk, {"notes": None}, as_of=AS_OF)
    assert "notes" not in journal(other, "others-job")["events"][1]


def test_a_bad_event_edit_changes_nothing(other: User) -> None:
    applied = Event.objects.get(application__slug="others-job")
    for changes, problem in (
        ({"at": "2026-02-30"}, "others-job: events[0].at"),
        ({"at": ""}, "at: is required"),
        ({"type": "sent"}, "type: can't be changed here"),
        ({"outcome": "spoke"}, "others-job: events[0].outcome"),
    ):
        with pytest.raises(services.ServiceError) as error:
            corrections.edit_event(other, "others-job", applied.pk, changes)
        assert error.value.problems[0].startswith(problem), error.value.problems
    assert journal(other, "others-job")["events"] == [{"type": "applied", "at": "2026-11-02"}]
    with pytest.raises(services.NotFound):
        corrections.edit_event(other, "others-job", applied.pk + 1000, {"notes": "x"})


def test_the_stored_plan_follows_an_edited_date(other: User) -> None:
    applied = Event.objects.get(application__slug="others-job")
    due = services.get_application(other, "others-job").next_due
    assert due is not None
    corrections.edit_event(other, "others-job", applied.pk, {"at": "2026-10-26"}, as_of=AS_OF)
    moved = services.get_application(other, "others-job").next_due
    assert moved is not None and moved != due


def test_add_edit_and_remove_a_contact(other: User) -> None:
    person = people.add_contact(other, "others-job", {"name": " Lee Park ", "role": "recruiter"})
    again = people.add_contact(other, "others-job", {"name": "Lee Park", "email": ""})
    assert (person, again) == ("lee-park", "lee-park-2")
    people.edit_contact(other, "others-job", "lee-park", {"name": "Lee Park", "email": "lee@x.org"})
    assert journal(other, "others-job")["contacts"] == [
        {"id": "lee-park", "name": "Lee Park", "email": "lee@x.org"},
        {"id": "lee-park-2", "name": "Lee Park"},
    ]
    assert people.remove_contact(other, "others-job", "lee-park-2") == 0
    with pytest.raises(services.NotFound, match="no contact 'lee-park-2'"):
        people.remove_contact(other, "others-job", "lee-park-2")
    with pytest.raises(services.ServiceError, match="role"):
        people.edit_contact(other, "others-job", "lee-park", {"role": "boss"})


def test_removing_a_named_contact_keeps_the_history_readable(owner: User) -> None:
    demo = json.loads(DEMO_PATH.read_text())
    mesa = next(a for a in demo["applications"] if a["id"] == "mesa-grid-analyst")
    kim = next(c for c in mesa["contacts"] if c["id"] == "kim")
    naming = [
        e for e in mesa["events"] if "kim" in (e.get("to"), e.get("from"), *e.get("with", []))
    ]
    assert people.remove_contact(owner, "mesa-grid-analyst", "kim") == len(naming) > 0
    after = journal(owner, "mesa-grid-analyst")
    assert "kim" not in {c["id"] for c in after["contacts"]}
    recalled = [
        e for e in after["events"] if f"{kim['name']} (no longer a contact)." in e.get("notes", "")
    ]
    assert len(recalled) == len(naming)
    first_interview = next(e for e in recalled if e["type"] == "interview")
    assert "with" not in first_interview  # Kim was the only interviewer
    assert first_interview["notes"].endswith(f"With {kim['name']} (no longer a contact).")


def test_an_interview_with_a_new_person_makes_them_a_contact(other: User) -> None:
    interview = {"type": "interview", "at": "2026-11-12T10:00"}
    people.record_with_new_person(
        other, "others-job", interview, {"name": "Ana Ruiz", "role": "hiring_manager"}
    )
    data = journal(other, "others-job")
    assert data["contacts"] == [{"id": "ana-ruiz", "name": "Ana Ruiz", "role": "hiring_manager"}]
    assert data["events"][-1] == {
        "type": "interview",
        "at": "2026-11-12T10:00",
        "with": ["ana-ruiz"],
    }


def test_a_new_person_with_a_bad_role_adds_nothing(other: User) -> None:
    interview = {"type": "interview", "at": "2026-11-12T10:00"}
    with pytest.raises(services.ServiceError):
        people.record_with_new_person(
            other, "others-job", interview, {"name": "Ana", "role": "boss"}
        )
    assert journal(other, "others-job") == {
        "id": "others-job",
        "company": "Other Co",
        "events": [{"type": "applied", "at": "2026-11-02"}],
    }


def test_the_contacts_page_rows_and_search(other: User, owner: User) -> None:
    people.add_contact(other, "others-job", {"name": "Lee Park", "role": "recruiter"})
    services.record_event(
        other, "others-job", {"type": "sent", "at": "2026-11-10", "to": "lee-park"}
    )
    services.record_event(
        other, "others-job", {"type": "sent", "at": "2026-11-04", "to": "lee-park"}
    )
    rows = people.contacts_overview(other)
    assert [(r.contact.name, r.application.company, r.last_contact) for r in rows] == [
        ("Lee Park", "Other Co", date(2026, 11, 10))
    ]
    assert people.contacts_overview(other, "other co recruit")[0].contact.slug == "lee-park"
    assert people.contacts_overview(other, "gloria") == []  # the owner's contact
    assert [r.contact.slug for r in people.contacts_overview(owner, "Gloria")] == ["gloria"]


def test_sample_data_is_added_once_and_removed_without_the_users_own(db: None) -> None:
    user = User.objects.create_user("new", "new@example.org")
    assert corrections.first_run_sample_data(user, AS_OF) is True
    assert corrections.sample_count(user) == 12
    services.add_application(user, {"id": "mine", "company": "My Co", "events": []})
    services.update_application(user, "zia-solar-coordinator", {"notes": "edited"})
    assert corrections.sample_count(user) == 12  # an edited sample is still sample data
    assert corrections.remove_sample_data(user) == 12
    assert list(services.applications_of(user).values_list("slug", flat=True)) == ["mine"]
    services.delete_application(user, "mine")
    assert corrections.first_run_sample_data(user, AS_OF) is False  # never again
    fresh = User.objects.create_user("fresh", "fresh@example.org")
    assert corrections.first_run_sample_data(fresh, AS_OF) is False  # not for a new account

"""Journal fields the mutation run (docs/testing.md) found unchecked: contact ids that
are not text or repeat, dates in other shapes, and the first and last years accepted."""

from __future__ import annotations

from typing import Any

import pytest

from followup.planner import JournalError, parse_journal
from followup.planner.model import Salary

from .builders import MANAGER, application, d, journal_data


def event_of(**event: Any) -> dict[str, Any]:
    return journal_data(application(contacts=[MANAGER], events=[event]))


def only_problem(data: dict[str, Any]) -> str:
    with pytest.raises(JournalError) as caught:
        parse_journal(data)
    (problem,) = caught.value.problems
    return problem


def test_a_contact_id_must_be_text() -> None:
    data = event_of(type="sent", at="2026-03-02", to=7)
    assert only_problem(data) == "acme: events[0].to: 7 is not a contact id (text)"


def test_an_interview_names_each_interviewer_once() -> None:
    data = event_of(type="interview", at="2026-03-02", **{"with": ["hana", "hana"]})
    assert only_problem(data) == "acme: events[0].with: ['hana', 'hana'] names someone twice"


@pytest.mark.parametrize("by", [20260310, "20260310", "2026-3-10", None])
def test_a_date_is_written_yyyy_mm_dd(by: Any) -> None:
    # Python reads "20260310" as an ISO date too; the journal format does not.
    data = event_of(type="expectation", at="2026-03-02", by=by)
    assert only_problem(data) == f"acme: events[0].by: {by!r} is not a date (YYYY-MM-DD)"


@pytest.mark.parametrize("by", ["1969-12-31", "2200-01-01"])
def test_a_date_outside_the_years_we_plan_names_itself(by: str) -> None:
    data = event_of(type="expectation", at="2026-03-02", by=by)
    assert only_problem(data) == f"acme: events[0].by: '{by}' is not between 1970 and 2199"


@pytest.mark.parametrize("by", ["1970-01-01", "2199-12-31"])
def test_the_first_and_last_days_we_plan_are_dates(by: str) -> None:
    journal = parse_journal(event_of(type="expectation", at="2026-03-02", by=by))
    assert journal.applications[0].events[0].by == d(by)


def problems_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(JournalError) as caught:
        parse_journal(data)
    return list(caught.value.problems)


@pytest.mark.parametrize(
    ("contacts", "expected"),
    [
        ("hana", ["acme: contacts: is not a list"]),
        (["hana"], ["acme: contacts[0]: is not an object"]),
        (
            [{"id": "hana", "nickname": "H"}],
            ["acme: contacts[0].nickname: is not a field we know"],
        ),
        ([{"id": "hana", "name": 5}], ["acme: contacts[0].name: 5 is not text"]),
        (
            [{"id": ""}],
            ["acme: contacts[0].id: is required (a short name for this person, e.g. 'pat')"],
        ),
    ],
)
def test_each_contact_problem_names_the_contact(contacts: Any, expected: list[str]) -> None:
    assert problems_of(journal_data(application(contacts=contacts))) == expected


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"profile": "Dana"}, ["profile: is not an object"]),
        ({"profile": {"name": 5}}, ["profile.name: 5 is not text"]),
        ({"policy": [1]}, ["policy: is not an object"]),
        ({"applications": ["acme"]}, ["applications[0]: is not an object"]),
        (
            {"applications": [{"company": "Acme", "events": []}]},
            ["applications[0].id: None is not an id (letters, digits, . _ -)"],
        ),
    ],
)
def test_each_journal_problem_names_its_place(change: dict[str, Any], expected: list[str]) -> None:
    assert problems_of({**journal_data(application()), **change}) == expected


def test_a_profile_country_without_a_calendar_is_named_as_the_profiles() -> None:
    data = journal_data()
    data["profile"]["country"] = "XX"
    assert problems_of(data) == ["profile.country: country 'XX' has no holiday calendar"]


def test_a_salary_may_be_one_figure_given_as_both_ends() -> None:
    data = journal_data({**application(), "salary": {"min": 70000, "max": 70000}})
    assert parse_journal(data).applications[0].salary == Salary(70000, 70000, None, "year")


def test_the_profiles_state_holds_where_its_country_does() -> None:
    data = journal_data(application("home"), application("abroad", country="de"))
    data["profile"].update(country="us", subdivision="CA")
    journal = parse_journal(data)
    assert journal.profile.country == "US"
    home, abroad = journal.applications
    assert (home.country, home.subdivision) == ("US", "CA")  # the profile's, read as "US"
    assert (abroad.country, abroad.subdivision) == ("DE", None)  # California is not German

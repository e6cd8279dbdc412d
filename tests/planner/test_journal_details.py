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


@pytest.mark.parametrize("at", [["2026-03-02"], {"day": "2026-03-02"}])
def test_a_moment_that_is_a_list_or_an_object_is_no_moment(at: Any) -> None:
    # JSON can hold a list or an object where the moment goes: refused with the
    # moment's own message, like any other value that is not text.
    data = event_of(type="applied", at=at)
    assert only_problem(data) == (
        f"acme: events[0].at: {at!r} is not a date or date-time (YYYY-MM-DD[THH:MM[:SS]][+HH:MM])"
    )


def test_a_country_code_must_have_two_letters() -> None:
    # Checked once per (country, subdivision), and the application's is read upper case.
    data = journal_data(application("home"), application("abroad", country="deu"))
    data["profile"]["country"] = "USA"
    assert problems_of(data) == [
        "profile.country: country 'USA' is not a two-letter country code (e.g. 'US')",
        "abroad: country/subdivision: country 'DEU' is not a two-letter country code (e.g. 'US')",
    ]


def test_the_fields_an_event_may_leave_out_take_their_documented_defaults() -> None:
    # docs/journal.md: a `sent` is an email for purpose `other`, a `called` is for
    # purpose `other`, an `expectation` comes by any channel (`via: any`).
    events = [
        {"type": "sent", "at": "2026-03-02", "to": "hana"},
        {"type": "called", "at": "2026-03-03", "to": "hana", "outcome": "voicemail"},
        {"type": "expectation", "at": "2026-03-04", "by": "2026-03-06"},
    ]
    data = journal_data(application(contacts=[MANAGER], events=events))
    sent, called, expected = parse_journal(data).applications[0].events
    assert (sent.channel, sent.purpose) == ("email", "other")
    assert called.purpose == "other"
    assert expected.via == "any"


@pytest.mark.parametrize(
    ("app", "expected"),
    [
        (
            {"employer_kind": "megacorp"},
            "acme: employer_kind: 'megacorp' is not one of corporate, small_business, "
            "startup, nonprofit, government, staffing_agency, unknown",
        ),
        (
            {"contacts": [{"id": "x", "role": "boss"}]},
            "acme: contacts[0].role: 'boss' is not one of recruiter, hr, hiring_manager, "
            "interviewer, assistant, insider, other",
        ),
        (
            {"salary": {"min": 50, "period": "fortnight"}},
            "acme: salary.period: 'fortnight' is not one of year, month, week, day, hour",
        ),
    ],
)
def test_a_value_not_in_its_list_is_told_the_whole_list(app: dict[str, Any], expected: str) -> None:
    assert problems_of(journal_data(application(**app))) == [expected]

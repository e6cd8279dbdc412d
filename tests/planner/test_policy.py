"""Policy overrides (`policy_from`): what each kind of setting accepts and refuses.

The journal parser and the settings page both report these problems by name, so each
refusal is checked with its message; each acceptance with the value the plan will use.
"""

from __future__ import annotations

from typing import Any

import pytest

from followup.planner.policy import MAX_NUMBER, STANDARD, policy_from

TIME_WINDOW = "is not a time window like '09:30-11:30'"
DAY_WINDOW = "is not a window [first, last] of days with 0 <= first <= last <= 365"


def problems(overrides: dict[str, Any]) -> list[tuple[str, str]]:
    return policy_from(overrides)[1]


@pytest.mark.parametrize(
    "window", ["09:30-11:30", "00:00-23:59", "14:00-16:00", "23:58-23:59", "00:00-00:01"]
)
def test_a_time_window_from_morning_to_night_is_accepted(window: str) -> None:
    policy, found = policy_from({"call_window": window, "promised_call_window": window})
    assert found == []
    assert (policy.call_window, policy.promised_call_window) == (window, window)


@pytest.mark.parametrize(
    "window",
    [
        "9-11",  # no minutes
        "9:30-11:30",  # one-digit hour
        "09:30-1:30",
        "0930-1130",
        "09:30-11:30-12:00",
        "09:30 11:30",
        "09:30-11:30 ",
        "24:00-24:30",  # no hour 24
        "09:00-24:00",
        "09:60-10:00",  # no minute 60
        "09:00-10:60",
        "11:30-09:30",  # ends before it starts
        "09:30-09:30",  # empty
        "09:31-09:30",
        "aa:bb-cc:dd",
        "",
        930,
        None,
        ["09:30", "11:30"],
    ],
)
def test_a_malformed_time_window_is_refused(window: Any) -> None:
    assert problems({"call_window": window}) == [("call_window", f"{window!r} {TIME_WINDOW}")]


@pytest.mark.parametrize("window", [[0, 0], [0, MAX_NUMBER], [MAX_NUMBER, MAX_NUMBER], (3, 5)])
def test_a_day_window_within_a_year_is_accepted(window: Any) -> None:
    policy, found = policy_from({"window_corporate": window})
    assert found == []
    assert policy.window_corporate == (window[0], window[1])
    assert isinstance(policy.window_corporate, tuple)


@pytest.mark.parametrize(
    "window",
    [[8, 7], [-1, 5], [0, MAX_NUMBER + 1], [1], [1, 2, 3], "7-10", 7, [True, 5], [1.5, 3], None],
)
def test_a_malformed_day_window_is_refused(window: Any) -> None:
    assert problems({"window_corporate": window}) == [
        ("window_corporate", f"{window!r} {DAY_WINDOW}")
    ]


@pytest.mark.parametrize("number", [0, 1, MAX_NUMBER])
def test_a_count_from_0_to_365_is_accepted(number: int) -> None:
    policy, found = policy_from({"weekly_goal": number, "email_min_gap_days": number})
    assert found == []
    assert (policy.weekly_goal, policy.email_min_gap_days) == (number, number)


@pytest.mark.parametrize("number", [-1, MAX_NUMBER + 1, True, False, 7.0, "7", None])
def test_anything_else_is_not_a_count(number: Any) -> None:
    expected = f"{number!r} is not a whole number from 0 to 365"
    assert problems({"weekly_goal": number}) == [("weekly_goal", expected)]


@pytest.mark.parametrize("value", [True, False])
def test_the_slowdown_is_true_or_false(value: bool) -> None:
    policy, found = policy_from({"year_end_slowdown": value})
    assert (policy.year_end_slowdown, found) == (value, [])


@pytest.mark.parametrize("value", [1, 0, "yes", None])
def test_the_slowdown_is_nothing_else(value: Any) -> None:
    expected = f"{value!r} is not true or false"
    assert problems({"year_end_slowdown": value}) == [("year_end_slowdown", expected)]


def test_email_first_industries_are_read_trimmed_and_in_lower_case() -> None:
    policy, found = policy_from({"email_first_industries": ["  Online Media ", "GAMES"]})
    assert found == []
    assert policy.email_first_industries == ("online media", "games")


@pytest.mark.parametrize("value", ["online media", ["online media", 3], None, [None]])
def test_email_first_industries_must_be_a_list_of_names(value: Any) -> None:
    expected = f"{value!r} is not a list of industry names"
    assert problems({"email_first_industries": value}) == [("email_first_industries", expected)]


def test_every_problem_is_reported_and_the_good_overrides_still_apply() -> None:
    policy, found = policy_from(
        {"coffee_breaks": 3, "weekly_goal": -2, "thank_you_days": 3, "call_window": "x"}
    )
    assert found == [
        ("coffee_breaks", "is not a policy setting we know"),
        ("weekly_goal", "-2 is not a whole number from 0 to 365"),
        ("call_window", f"'x' {TIME_WINDOW}"),
    ]
    assert policy.thank_you_days == 3
    assert (policy.weekly_goal, policy.call_window) == (5, "09:30-11:30")


def test_no_overrides_is_the_standard_policy() -> None:
    assert policy_from({}) == (STANDARD, [])


@pytest.mark.parametrize(
    ("kind", "window"),
    [
        ("corporate", (7, 10)),
        ("staffing_agency", (3, 5)),
        ("government", (21, 28)),
        ("unknown", (5, 7)),
        ("space_agency", (5, 7)),  # a kind we don't know: the unknown window
    ],
)
def test_the_first_follow_up_window_by_employer_kind(kind: str, window: tuple[int, int]) -> None:
    assert STANDARD.first_follow_up_window(kind) == window

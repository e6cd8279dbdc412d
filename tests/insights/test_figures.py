"""Every figure of the hand-counted fixture (tests/insights/fixture.py), worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.insights import Insights, insights, insights_to_dict
from followup.insights.figures import Funnel, Ghosting, Group
from followup.planner import parse_journal
from tests.planner.strategies import journals

from . import fixture


# Worked out inside each test, not once at import: mutation testing switches a mutant
# on after the test modules are imported, and maps each function to the tests that
# call it (figures computed at import reached no test, and no mutant was caught).
def _found() -> Insights:
    return insights(fixture.journal(), fixture.AS_OF)


def _data() -> dict[str, Any]:
    return insights_to_dict(_found())


def _entry(origin: str, by: str, value: str | None) -> dict[str, Any]:
    return next(
        e
        for e in _data()["time_to_answer"]
        if e["from"] == origin and e["group"] == {"by": by, "value": value}
    )


def test_the_funnel_counts_only_sent_applications_and_only_what_happened() -> None:
    # applied: all but echo (no `applied` event); heard back: acme, birch (its offer),
    # gale (rejection); fig's reply and delta's interview are after as_of.
    assert _found().funnel == Funnel(applied=6, answered=3, interviewed=2, offered=1, accepted=1)
    assert _data()["funnel"]["by_month"] == [
        {
            "month": "2026-01",
            "applied": 2,
            "answered": 2,
            "interviewed": 2,
            "offered": 1,
            "accepted": 1,
        },
        {
            "month": "2026-02",
            "applied": 2,
            "answered": 1,
            "interviewed": 0,
            "offered": 0,
            "accepted": 0,
        },
        {
            "month": "2026-03",
            "applied": 2,
            "answered": 0,
            "interviewed": 0,
            "offered": 0,
            "accepted": 0,
        },
    ]


def test_time_to_answer_from_applying_censors_the_waiting_and_the_closed() -> None:
    # Waits: gale 0 answered, fig 1 censored, acme 7 answered, delta 18 censored,
    # birch 23 answered, cedar 32 censored (closed 6 Mar). Day 0: 6 at risk, S = 5/6;
    # day 7: 4 at risk, S = 5/6·3/4 = 0.625; day 23: 2 at risk, S = 0.3125.
    entry = _entry("applied", "all", None)
    assert (entry["n"], entry["answered"], entry["median_days"]) == (6, 3, 23)
    assert [
        (s["day"], s["at_risk"], s["answered"], s["still_waiting"]) for s in entry["steps"]
    ] == [
        (0, 6, 1, 0.8333),
        (7, 4, 1, 0.625),
        (23, 2, 1, 0.3125),
    ]


def test_groups_by_kind_channel_and_industry_in_a_fixed_order() -> None:
    groups = [(e.origin, e.group) for e in _found().time_to_answer]
    assert groups == [
        ("applied", Group("all", None)),
        ("applied", Group("employer_kind", "corporate")),
        ("applied", Group("employer_kind", "small_business")),
        ("applied", Group("employer_kind", "nonprofit")),
        ("applied", Group("employer_kind", "government")),
        ("applied", Group("channel", "online")),
        ("applied", Group("channel", "referral")),
        ("applied", Group("channel", "email")),
        ("applied", Group("channel", "in_person")),
        ("applied", Group("industry", "software")),
        ("interview", Group("all", None)),
    ]
    # Corporations: gale 0, acme 7, birch 23, all answered: S = 2/3, 1/3, 0.
    corporate = _entry("applied", "employer_kind", "corporate")
    assert [s["still_waiting"] for s in corporate["steps"]] == [0.6667, 0.3333, 0.0]
    assert corporate["median_days"] == 7
    online = _entry("applied", "channel", "online")  # acme 7, delta 18 censored, gale 0
    assert (online["n"], online["answered"]) == (3, 2)


def test_time_to_answer_from_the_latest_interview() -> None:
    # acme 10 days, birch 13, echo censored at 33 (20 Mar − 15 Feb); delta's is booked.
    entry = _entry("interview", "all", None)
    assert (entry["n"], entry["answered"], entry["median_days"]) == (3, 2, 13)
    assert [(s["day"], s["at_risk"], s["still_waiting"]) for s in entry["steps"]] == [
        (10, 3, 0.6667),
        (13, 2, 0.3333),
    ]


def test_ghosting_per_kind_of_closed_applications() -> None:
    # corporations: acme and gale rejected, birch accepted; cedar moved on unnotified.
    assert _found().ghosted == (Ghosting("corporate", 3, 0), Ghosting("small_business", 1, 1))


def test_follow_ups_answered_within_seven_business_days() -> None:
    # acme's check-in (27 Jan) was answered 30 Jan; cedar's (9 Feb) had until 19 Feb
    # (16 Feb is Presidents' Day) and got nothing; delta's (16 Mar) has until 25 Mar.
    # cedar's voicemail is a call nobody answered.
    assert _data()["follow_ups"] == [
        {"action": "call", "channel": "phone", "sent": 1, "answered": 0, "waiting": 0},
        {"action": "check_in", "channel": "email", "sent": 3, "answered": 1, "waiting": 1},
    ]


def test_weekly_pace_from_the_first_week_to_as_of_against_the_policy_goal() -> None:
    sent = {"2026-W02": 2, "2026-W06": 1, "2026-W08": 1, "2026-W10": 1, "2026-W12": 1}
    expected = [
        {"week": f"2026-W{n:02d}", "applied": sent.get(f"2026-W{n:02d}", 0), "goal": 3}
        for n in range(2, 13)
    ]
    assert _data()["weekly"] == expected


def test_a_follow_up_answered_on_the_seventh_business_day_counts_but_not_the_eighth() -> None:
    def answered_when(reply: str) -> int:
        data = fixture.data()
        data["applications"] = [
            fixture._app(
                "one",
                "corporate",
                [
                    fixture.applied("2026-02-02", "online"),
                    fixture.check_in("2026-02-09"),
                    fixture.heard(reply),
                ],
            )
        ]
        return insights(parse_journal(data), fixture.AS_OF).follow_ups[0].answered

    # 7 business days after Mon 9 Feb, skipping Presidents' Day (16 Feb): Thu 19 Feb.
    assert (answered_when("2026-02-19"), answered_when("2026-02-20")) == (1, 0)


def test_nothing_sent_gives_empty_figures() -> None:
    data = fixture.data()
    data["applications"] = []
    found = insights_to_dict(insights(parse_journal(data), fixture.AS_OF))
    assert found["funnel"]["applied"] == 0
    assert (found["time_to_answer"], found["weekly"], found["follow_ups"]) == ([], [], [])


@settings(max_examples=40, deadline=None)
@given(journals())
def test_counts_add_up_on_any_journal(drawn: tuple[dict[str, object], date]) -> None:
    data, as_of = drawn
    found = insights(parse_journal(data), as_of)
    funnel = found.funnel
    assert funnel.applied >= funnel.answered
    assert funnel.applied >= funnel.interviewed >= funnel.offered >= funnel.accepted
    for stage in Funnel._fields:
        assert sum(getattr(m.funnel, stage) for m in found.by_month) == getattr(funnel, stage)
    applied = [e for e in found.time_to_answer if e.origin == "applied"]
    if funnel.applied:
        overall = applied[0].survival
        assert (overall.n, overall.answered) == (funnel.applied, funnel.answered)
        kinds = [e.survival for e in applied if e.group.by == "employer_kind"]
        assert sum(s.n for s in kinds) == funnel.applied
        assert sum(s.answered for s in kinds) == funnel.answered
    assert sum(w.applied for w in found.weekly) == funnel.applied
    for row in found.follow_ups:
        assert row.answered + row.waiting <= row.sent


@pytest.mark.parametrize("as_of", [date(2026, 1, 4), date(2026, 1, 5)])
def test_nothing_counts_before_it_happened(as_of: date) -> None:
    found = insights(fixture.journal(), as_of)
    assert found.funnel.applied == (1 if as_of.day == 5 else 0)


@settings(max_examples=40, deadline=None)
@given(journals(), st.integers(min_value=0, max_value=120))
def test_an_application_still_waiting_never_raises_the_share_answered(
    drawn: tuple[dict[str, object], date], days_ago: int
) -> None:
    data, as_of = drawn
    before = insights(parse_journal(data), as_of).time_to_answer
    waiting = {
        "id": "still-waiting",
        "company": "Quiet Corp",
        "events": [{"type": "applied", "at": (as_of - timedelta(days=days_ago)).isoformat()}],
    }
    grown = {**data, "applications": [*data["applications"], waiting]}  # type: ignore[list-item]
    after = insights(parse_journal(grown), as_of).time_to_answer
    overall_before = before[0].survival if before else None
    overall_after = after[0].survival
    for day in range(0, 400, 3):
        share = overall_before.still_waiting_after(day) if overall_before else 1.0
        assert overall_after.still_waiting_after(day) >= share - 1e-12

"""The demo as a new user first sees it: a scheduled interview, and a handful of
things to do rather than a wall of overdue ones."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from followup.planner import plan
from followup.planner.demo import demo_journal, weeks_to


@pytest.mark.parametrize(
    ("as_of", "reference"),
    [
        (date(2026, 12, 1), date(2026, 12, 2)),  # a Tuesday: the next day's story
        (date(2026, 12, 2), date(2026, 12, 2)),  # a Wednesday: the story's own day
        (date(2026, 12, 7), date(2026, 12, 2)),  # a Monday: the Wednesday before
    ],
)
def test_the_reference_day_lands_near_as_of_with_nothing_logged_after_it(
    as_of: date, reference: date
) -> None:
    assert date(2026, 3, 11) + timedelta(days=weeks_to(as_of)) == reference
    for app in demo_journal(as_of).applications:
        for event in app.events:
            assert event.day <= as_of or event.type == "interview", (app.id, event)


@pytest.mark.parametrize("as_of", [date(2026, 12, 1), date(2026, 12, 2)])
def test_a_first_look_shows_a_handful_and_an_interview_to_prepare(as_of: date) -> None:
    result = plan(demo_journal(as_of), as_of)
    overdue = [step for _, step in result.agenda if step.due_by < as_of]
    assert len(overdue) <= 2
    assert len(result.agenda) <= 9
    sandia = next(a for a in result.applications if a.application.id == "sandia-transit-planner")
    assert (sandia.stage, [s.action for s in sandia.steps]) == (
        "interviewing",
        ["prepare_interview"],
    )
    # Booked for Fri 4 Dec, 10:00: prepare on Thu 3 Dec.
    assert (sandia.steps[0].due, sandia.steps[0].due_by) == (date(2026, 12, 3), date(2026, 12, 4))

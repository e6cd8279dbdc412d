"""Waiting advice (only with enough history) and the SVG charts (titled, described, tabled)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta
from typing import Any

from followup.insights import insights, waiting_advice
from followup.insights.advice import percentile
from followup.insights.charts import charts_of
from followup.planner import parse_journal

from . import fixture

AS_OF = date(2026, 6, 30)
SVG = "{http://www.w3.org/2000/svg}"


def _answered(n: int, kind: str, days: int, interview: bool = False) -> dict[str, Any]:
    """An application sent 1 May and answered `days` later (after an interview on 4 May)."""
    start = date(2026, 5, 1)
    origin = start + timedelta(days=3) if interview else start
    events = [fixture.applied(start.isoformat(), "online")]
    if interview:
        events.append(fixture.interview(origin.isoformat()))
    events.append(fixture.heard((origin + timedelta(days=days)).isoformat()))
    return fixture._app(f"done-{kind}-{n}", kind, events)


def _journal(*apps: dict[str, Any]) -> Any:
    data = fixture.data()
    data["applications"] = list(apps)
    return parse_journal(data)


WAITING = fixture._app("waiting", "corporate", [fixture.applied("2026-06-18", "online")])


def test_ten_comparable_answers_give_the_90th_percentile() -> None:
    # Corporations answered after 1, 2, …, 10 days: 90 % of 10 is 9, the 9th is 9 days.
    history = [_answered(d, "corporate", d) for d in range(1, 11)]
    others = [_answered(d, "startup", 40) for d in range(1, 4)]  # another kind: not comparable
    advice = waiting_advice(_journal(*history, *others, WAITING), "waiting", AS_OF)
    assert advice is not None
    assert (advice.origin, advice.waited_days, advice.comparable, advice.within_days) == (
        "applied",
        12,
        10,
        9,
    )


def test_nine_comparable_answers_are_not_enough() -> None:
    history = [_answered(d, "corporate", d) for d in range(1, 10)]
    advice = waiting_advice(_journal(*history, WAITING), "waiting", AS_OF)
    assert advice is not None
    assert (advice.comparable, advice.within_days) == (9, None)


def test_after_an_interview_the_wait_counts_from_the_interview() -> None:
    history = [_answered(d, "corporate", 2 * d, interview=True) for d in range(1, 11)]
    interviewed = fixture._app(
        "waiting",
        "corporate",
        [fixture.applied("2026-06-01", "online"), fixture.interview("2026-06-25")],
    )
    advice = waiting_advice(_journal(*history, interviewed), "waiting", AS_OF)
    assert advice is not None
    # From the interview: 2, 4, …, 20 days; the 9th is 18. Five days since 25 June.
    assert (advice.origin, advice.waited_days, advice.within_days) == ("interview", 5, 18)


def test_no_advice_once_they_answered_or_it_is_closed() -> None:
    answered = _answered(1, "corporate", 3)
    closed = fixture._app(
        "shut",
        "corporate",
        [
            fixture.applied("2026-06-01", "online"),
            {"type": "closed", "at": "2026-06-10", "reason": "withdrawn"},
        ],
    )
    journal = _journal(answered, closed)
    assert waiting_advice(journal, answered["id"], AS_OF) is None
    assert waiting_advice(journal, "shut", AS_OF) is None
    assert waiting_advice(journal, "nobody", AS_OF) is None


def test_percentile_is_the_nearest_rank() -> None:
    assert percentile([5], 0.9) == 5
    assert percentile([3, 1, 2, 4], 0.9) == 4  # ceil(3.6) = 4th
    assert percentile(list(range(1, 21)), 0.9) == 18


def test_every_chart_has_a_title_a_description_and_its_table() -> None:
    charts = charts_of(insights(fixture.journal(), fixture.AS_OF))
    assert set(charts) == {
        "funnel",
        "ghosted",
        "follow_ups",
        "weekly",
        "answer_employer_kind",
        "answer_channel",
        "answer_industry",
        "from_applied",
        "from_interview",
    }
    for chart in charts.values():
        svg = ET.fromstring(chart.svg)
        assert svg.get("role") == "img"
        assert svg.find(f"{SVG}title").text == chart.title
        assert svg.find(f"{SVG}desc").text == chart.description
        assert svg.find(f".//{SVG}script") is None
        assert all(len(row) == len(chart.headers) for row in chart.rows)


def test_bars_are_as_long_as_their_share() -> None:
    chart = charts_of(insights(fixture.journal(), fixture.AS_OF))["funnel"]
    bars = ET.fromstring(chart.svg).findall(f"{SVG}rect[@class='bar']")
    # 6 applied, 3 heard back, 2 interviewed, 1 offer, 1 accepted, on a 350-unit track.
    assert [float(b.get("width")) for b in bars] == [350.0, 175.0, 116.7, 58.3, 58.3]
    assert chart.rows[1] == ("Heard back", "3", "50 %")


def test_the_weekly_chart_marks_weeks_below_the_goal() -> None:
    chart = charts_of(insights(fixture.journal(), fixture.AS_OF))["weekly"]
    classes = [r.get("class") for r in ET.fromstring(chart.svg).findall(f"{SVG}rect")]
    # Goal 3: no week reached it (2 in the best one).
    assert classes == ["bar short"] * 11
    assert "the goal was met in 0 of them" in chart.description

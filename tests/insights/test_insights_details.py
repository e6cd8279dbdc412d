"""The insights core's details that mutation testing found untested (docs/testing.md):
what counts as an answer and a follow-up, closings and repeated events, the calendar
each application's follow-ups are judged on, the JSON's every field, the advice in
words. Every expected value is worked by hand from docs/insights.md and the spec."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest

from followup.insights import insights, insights_to_dict
from followup.insights.advice import WaitingAdvice, advice_for, advice_sentence
from followup.insights.figures import Ghosting, stories_of
from followup.insights.output import share
from followup.insights.stories import Story, follow_up_kind
from followup.insights.survival import Wait, band, kaplan_meier
from followup.planner import parse_journal
from followup.planner.model import Event
from followup.planner.policy import policy_from

from . import fixture


def _event(type_: str, **fields: Any) -> Event:
    return Event(type_, datetime(2026, 3, 2, 10), date(2026, 3, 2), 0, **fields)


def _stories(*apps: dict[str, Any], as_of: date = fixture.AS_OF, **data: Any) -> list[Story]:
    journal = parse_journal({**fixture.data(), **data, "applications": list(apps)})
    return stories_of(journal, as_of, policy_from(journal.policy_overrides)[0])


def _story(*events: dict[str, Any], kind: str = "corporate", as_of: date = fixture.AS_OF) -> Story:
    return _stories(fixture._app("one", kind, list(events)), as_of=as_of)[0]


def _closed(day: str, reason: str, notified: bool | None = None) -> dict[str, Any]:
    found: dict[str, Any] = {"type": "closed", "at": day, "reason": reason}
    return found if notified is None else {**found, "notified": notified}


# --- What is an answer, what is a follow-up (docs/insights.md, "What is counted") ---


@pytest.mark.parametrize(
    ("event", "inbound"),
    [
        ({"type": "heard", "kind": "reply"}, True),
        ({"type": "heard", "kind": "rejection"}, True),
        ({"type": "called", "outcome": "spoke"}, True),
        ({"type": "called", "outcome": "voicemail"}, False),
        ({"type": "called", "outcome": "no_answer"}, False),
        ({"type": "sent", "channel": "email", "purpose": "check_in"}, False),
    ],
)
def test_an_answer_is_anything_heard_or_a_call_in_which_you_spoke(
    event: dict[str, Any], inbound: bool
) -> None:
    # Applied Mon 2 March; the event on Wed 4 March: an answer two days later, or none.
    story = _story(fixture.applied("2026-03-02", "email"), {**event, "at": "2026-03-04T10:00"})
    assert story.answered is inbound
    assert story.from_applied == (Wait(2, True) if inbound else Wait(18, False))


@pytest.mark.parametrize(
    ("event", "kind"),
    [
        (_event("sent", channel="email", purpose="check_in"), ("check_in", "email")),
        (_event("sent", channel="message", purpose="escalate"), ("escalate", "message")),
        (_event("sent", channel="letter", purpose="letter"), ("send_letter", "letter")),
        (_event("sent"), ("other", "email")),  # no purpose, no channel given
        (_event("sent", channel="email", purpose="thank_you"), None),
        (_event("sent", channel="email", purpose="reply"), None),
        (_event("sent", channel="email", purpose="reply_graciously"), None),
        (_event("sent", channel="email", purpose="status_update"), None),
        (_event("sent", channel="email", purpose="withdraw"), None),
        (_event("called", outcome="voicemail"), ("call", "phone")),
        (_event("called", outcome="assistant", purpose="check_in"), ("check_in", "phone")),
        (_event("called", outcome="voicemail", purpose="letter"), ("letter", "phone")),
        (_event("called", outcome="voicemail", purpose="thank_you"), None),
        (_event("called", outcome="no_answer"), None),
        (_event("called", outcome="spoke"), None),
        (_event("heard", kind="reply"), None),
        (_event("applied", channel="online"), None),
    ],
)
def test_which_outbound_events_are_follow_ups(event: Event, kind: tuple[str, str] | None) -> None:
    assert follow_up_kind(event) == kind


# --- One application's story ---


def test_a_call_in_which_you_spoke_is_the_first_answer() -> None:
    story = _story(
        fixture.applied("2026-03-02", "online"),
        {"type": "called", "at": "2026-03-05T10:00", "outcome": "spoke"},
    )
    assert story.from_applied == Wait(3, True)


def test_an_answer_on_the_as_of_day_counts() -> None:
    story = _story(fixture.applied("2026-03-02", "online"), fixture.heard("2026-03-20"))
    assert story.from_applied == Wait(18, True)


def test_a_closed_wait_is_censored_at_its_first_closing() -> None:
    # Cedar (the fixture): sent 2 Feb, closed 6 Mar without an answer: 32 days, censored;
    # a second closing later does not move it.
    cedar = next(
        s for s in _stories(*fixture.data()["applications"]) if s.application.id == "cedar"
    )
    assert cedar.from_applied == Wait(32, False)
    story = _story(
        fixture.applied("2026-01-05", "online"),
        _closed("2026-01-10", "moved_on", False),
        _closed("2026-01-20", "withdrawn"),
    )
    assert story.from_applied == Wait(5, False)


def test_a_closing_on_the_day_of_applying_is_a_wait_of_no_days() -> None:
    story = _story(fixture.applied("2026-01-05", "online"), _closed("2026-01-05", "withdrawn"))
    assert story.from_applied == Wait(0, False)


def test_a_closing_before_the_application_does_not_end_its_wait() -> None:
    # Closed once, applied again on 2 Mar: still waiting on 20 Mar, 18 days.
    story = _story(_closed("2026-01-10", "withdrawn"), fixture.applied("2026-03-02", "online"))
    assert story.from_applied == Wait(18, False)


def test_the_wait_from_an_interview_ends_at_its_first_answer_or_closing() -> None:
    closed = _story(
        fixture.applied("2026-01-05", "online"),
        fixture.heard("2026-01-12"),
        fixture.interview("2026-01-20"),
        _closed("2026-01-30", "moved_on", False),
        _closed("2026-02-10", "withdrawn"),
    )
    assert closed.from_interview == Wait(10, False)
    assert closed.latest_interview == date(2026, 1, 20)
    answered = _story(
        fixture.applied("2026-01-05", "online"),
        fixture.interview("2026-01-20"),
        fixture.heard("2026-01-25"),
        fixture.heard("2026-01-30"),
    )
    assert answered.from_interview == Wait(5, True)


def test_an_offer_counts_even_when_more_messages_follow() -> None:
    story = _story(
        fixture.applied("2026-01-05", "online"),
        fixture.heard("2026-01-12", "offer"),
        fixture.heard("2026-01-14", "update"),
    )
    assert (story.offered, story.accepted, story.closed) == (True, False, False)


def test_a_rejection_closes_even_when_more_messages_follow() -> None:
    story = _story(
        fixture.applied("2026-01-05", "online"),
        fixture.heard("2026-01-12", "rejection"),
        fixture.heard("2026-01-14", "reply"),
    )
    assert (story.closed, story.offered) == (True, False)


def test_an_accepted_offer_stays_accepted_after_a_later_closing() -> None:
    story = _story(
        fixture.applied("2026-01-05", "online"),
        _closed("2026-01-20", "accepted"),
        _closed("2026-02-20", "withdrawn"),
    )
    assert (story.accepted, story.offered) == (True, True)


def test_no_application_event_no_channel() -> None:
    story = _story(fixture.heard("2026-02-10"))
    assert (story.start, story.channel, story.from_applied) == (None, None, None)


@pytest.mark.parametrize(
    ("closings", "ghosted"),
    [
        ([_closed("2026-02-01", "moved_on", False)], True),
        ([_closed("2026-02-01", "moved_on", True)], False),
        ([_closed("2026-02-01", "moved_on")], False),  # not said: not counted as silence
        ([_closed("2026-02-01", "withdrawn", False)], False),
        ([_closed("2026-02-01", "moved_on", False), _closed("2026-02-05", "withdrawn")], False),
    ],
)
def test_ghosted_is_the_latest_closing_moved_on_unnotified(
    closings: list[dict[str, Any]], ghosted: bool
) -> None:
    assert _story(fixture.applied("2026-01-05", "online"), *closings).ghosted is ghosted


# --- Follow-ups, on each application's calendar ---


def _check_in_answered(
    sent: str, reply: str, as_of: date = date(2027, 2, 1), **data: Any
) -> tuple[bool, bool]:
    app = fixture._app(
        "one", "corporate", [fixture.applied("2026-01-05", "online"), fixture.check_in(sent)]
    )
    if reply:
        app["events"].append(fixture.heard(reply))
    attempt = _stories(app, as_of=as_of, **data)[0].follow_ups[0]
    return attempt.answered, attempt.waiting


def test_a_follow_up_is_waiting_until_its_seventh_business_day_is_over() -> None:
    # Check-in Mon 9 Feb 2026; 16 Feb is Presidents' Day: its 7th business day is Thu 19 Feb.
    assert _check_in_answered("2026-02-09", "", as_of=date(2026, 2, 18)) == (False, True)
    assert _check_in_answered("2026-02-09", "", as_of=date(2026, 2, 19)) == (False, False)


def test_the_year_end_slowdown_lengthens_a_follow_ups_week() -> None:
    # Check-in Mon 21 Dec 2026. With the slowdown (24 Dec-1 Jan closed, the default):
    # 22, 23 Dec, then 4-8 Jan: the 7th business day is Fri 8 Jan, so a reply on
    # Mon 4 Jan is in time. Without it: 22, 23, 24, (25 Christmas), 28-31 Dec: the 7th
    # is Thu 31 Dec, and 4 Jan is late.
    assert _check_in_answered("2026-12-21", "2027-01-04") == (True, False)
    off = {"policy": {"weekly_goal": 3, "year_end_slowdown": False}}
    assert _check_in_answered("2026-12-21", "2027-01-04", **off) == (False, False)


def test_a_follow_up_is_judged_on_the_applications_state_holidays() -> None:
    # Check-in Mon 13 Apr 2026 in Massachusetts: Patriots' Day, Mon 20 Apr, is closed
    # there, so the 7th business day is Thu 23 Apr (elsewhere in the US, Wed 22 Apr).
    in_state = {"profile": {"country": "US", "subdivision": "MA", "timezone": "America/New_York"}}
    assert _check_in_answered("2026-04-13", "2026-04-23", **in_state) == (True, False)
    assert _check_in_answered("2026-04-13", "2026-04-23") == (False, False)


# --- The figures over several applications ---


def test_every_ghosted_and_every_waiting_follow_up_is_counted() -> None:
    # Two small businesses, both closed as moved on in silence; two check-ins sent
    # 16 and 17 Mar, both in their week on 20 Mar.
    apps = [
        fixture._app(
            f"s{n}",
            "small_business",
            [
                fixture.applied("2026-02-02", "email"),
                fixture.check_in(f"2026-03-1{5 + n}"),
                _closed("2026-03-19", "moved_on", False),
            ],
        )
        for n in (1, 2)
    ]
    found = insights(parse_journal({**fixture.data(), "applications": apps}), fixture.AS_OF)
    assert found.ghosted == (Ghosting("small_business", 2, 2),)
    assert [(f.sent, f.answered, f.waiting) for f in found.follow_ups] == [(2, 0, 2)]


def test_the_week_of_an_as_of_monday_is_included() -> None:
    app = fixture._app("one", "corporate", [fixture.applied("2026-03-02", "online")])
    found = insights(parse_journal({**fixture.data(), "applications": [app]}), date(2026, 3, 9))
    assert [(w.week, w.applied) for w in found.weekly] == [("2026-W10", 1), ("2026-W11", 0)]


# --- Kaplan–Meier at its edges ---


def test_the_share_still_waiting_on_and_between_answer_days() -> None:
    # Answers on days 2 and 4 of two waits: S = 1 before day 2, 1/2 from day 2, 0 from 4.
    result = kaplan_meier([Wait(2, True), Wait(4, True)])
    assert [result.still_waiting_after(d) for d in (0, 1, 2, 3, 4, 9)] == [1, 1, 0.5, 0.5, 0, 0]


def test_no_waits_give_an_empty_estimate() -> None:
    result = kaplan_meier([])
    assert (result.n, result.answered, result.steps, result.longest) == (0, 0, (), 0)


def test_the_band_at_the_ends_of_the_scale() -> None:
    # Everybody still waiting: nothing uncertain yet; nobody: the band closes at 0.
    assert band(1.0, 0.0) == (1.0, 1.0)
    assert band(0.0, 0.5) == (0.0, 0.0)


# --- The JSON, every field (docs/insights.md's example is this fixture) ---


def test_the_json_of_the_fixture_field_by_field() -> None:
    # The band of each step, worked by hand: Greenwood Σ d/(n(n−d)) = 1/30 on day 0,
    # c = 1.96·√(1/30) / |ln(5/6)| = 1.9627, band (S^e^c, S^e^−c) = (0.2731, 0.9747);
    # day 7: Σ = 1/30 + 1/12, S = 0.625: (0.1419, 0.8931); day 23: Σ += 1/2,
    # S = 0.3125: (0.0127, 0.7337).
    data = insights_to_dict(insights(fixture.journal(), fixture.AS_OF))
    assert list(data) == [
        "format",
        "as_of",
        "funnel",
        "time_to_answer",
        "ghosted",
        "follow_ups",
        "weekly",
    ]
    assert (data["format"], data["as_of"]) == ("followup-insights/1", "2026-03-20")
    assert data["time_to_answer"][0] == {
        "from": "applied",
        "group": {"by": "all", "value": None},
        "n": 6,
        "answered": 3,
        "median_days": 23,
        "steps": [
            {
                "day": 0,
                "at_risk": 6,
                "answered": 1,
                "still_waiting": 0.8333,
                "low": 0.2731,
                "high": 0.9747,
            },
            {
                "day": 7,
                "at_risk": 4,
                "answered": 1,
                "still_waiting": 0.625,
                "low": 0.1419,
                "high": 0.8931,
            },
            {
                "day": 23,
                "at_risk": 2,
                "answered": 1,
                "still_waiting": 0.3125,
                "low": 0.0127,
                "high": 0.7337,
            },
        ],
    }
    assert data["ghosted"] == [
        {"employer_kind": "corporate", "closed": 3, "ghosted": 0},
        {"employer_kind": "small_business", "closed": 1, "ghosted": 1},
    ]


def test_a_share_in_whole_per_cent_or_a_dash() -> None:
    assert [share(1, 3), share(2, 3), share(3, 3), share(0, 4), share(0, 0)] == [
        "33 %",
        "67 %",
        "100 %",
        "0 %",
        "–",
    ]


# --- The advice ---


def test_advice_leaves_out_the_comparable_applications_still_waiting() -> None:
    # Ten corporations answered 1..10 days after applying; another one is still waiting
    # (censored): it is not an answer time. 90 % of 10 is 9: the 9th, 9 days.
    history = [
        fixture._app(
            f"done{d}",
            "corporate",
            [fixture.applied("2026-01-05", "online"), fixture.heard(f"2026-01-{5 + d:02d}")],
        )
        for d in range(1, 11)
    ]
    quiet = fixture._app("quiet", "corporate", [fixture.applied("2026-01-05", "online")])
    target = fixture._app("target", "corporate", [fixture.applied("2026-03-10", "online")])
    stories = _stories(*history, quiet, target)
    assert advice_for(stories, "target") == WaitingAdvice("applied", 10, "corporate", 10, 9)


@pytest.mark.parametrize(
    ("advice", "sentence"),
    [
        (
            WaitingAdvice("applied", 12, "corporate", 12, 9),
            "Of the 12 corporations that answered you, 90 % did within 9 days of your "
            "application; it has been 12 days.",
        ),
        (
            WaitingAdvice("interview", 1, "startup", 11, 3),
            "Of the 11 startups that answered you, 90 % did within 3 days of the interview; "
            "it has been 1 day.",
        ),
        (
            WaitingAdvice("applied", 4, "small_business", 3, None),
            "Too few small businesses have answered you to compare yet (3 of the 10 needed): "
            "go by the plan's own timing. It has been 4 days since your application.",
        ),
        (
            WaitingAdvice("interview", 1, "unknown", 0, None),
            "Too few employers whose kind you have not noted have answered you to compare yet "
            "(0 of the 10 needed): go by the plan's own timing. It has been 1 day since the "
            "interview.",
        ),
    ],
)
def test_the_advice_in_words(advice: WaitingAdvice, sentence: str) -> None:
    assert advice_sentence(advice) == sentence


@pytest.mark.parametrize(
    ("kind", "plural"),
    [
        ("corporate", "corporations"),
        ("small_business", "small businesses"),
        ("startup", "startups"),
        ("nonprofit", "nonprofits"),
        ("government", "government employers"),
        ("staffing_agency", "staffing agencies"),
        ("unknown", "employers whose kind you have not noted"),
        ("guild", "guild"),  # a kind the sentence has no plural for: its own name
    ],
)
def test_each_kind_of_employer_in_the_plural(kind: str, plural: str) -> None:
    words = advice_sentence(WaitingAdvice("applied", 2, kind, 10, 5))
    assert words == (
        f"Of the 10 {plural} that answered you, 90 % did within 5 days of your application; "
        "it has been 2 days."
    )

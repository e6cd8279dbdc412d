"""Journal in, figures out: the funnel, time to a first answer, ghosting, what works,
and the weekly pace. Pure: no Django, no clock; `as_of` is an argument.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from ..planner.calendar import get_calendar
from ..planner.model import EMPLOYER_KINDS, Journal
from ..planner.policy import Policy, policy_from
from .stories import Story, read_story
from .survival import Survival, Wait, kaplan_meier

APPLIED_CHANNELS = ("online", "referral", "email", "in_person")
STAGES = ("applied", "answered", "interviewed", "offered", "accepted")


class Funnel(NamedTuple):
    """How many sent applications were answered, and reached each later stage."""

    applied: int
    answered: int
    interviewed: int
    offered: int
    accepted: int


class MonthFunnel(NamedTuple):
    month: str  # YYYY-MM, the month the applications were sent
    funnel: Funnel


class Group(NamedTuple):
    by: str  # all | employer_kind | channel | industry
    value: str | None


class TimeToAnswer(NamedTuple):
    origin: str  # applied | interview
    group: Group
    survival: Survival


class Ghosting(NamedTuple):
    employer_kind: str
    closed: int
    ghosted: int


class FollowUpTally(NamedTuple):
    action: str
    channel: str
    sent: int
    answered: int
    waiting: int  # sent so recently that the 7 business days are not over


class Week(NamedTuple):
    week: str  # ISO week, YYYY-Www
    applied: int
    goal: int


@dataclass(frozen=True, slots=True)
class Insights:
    as_of: date
    funnel: Funnel
    by_month: tuple[MonthFunnel, ...]
    time_to_answer: tuple[TimeToAnswer, ...]
    ghosted: tuple[Ghosting, ...]
    follow_ups: tuple[FollowUpTally, ...]
    weekly: tuple[Week, ...]


def stories_of(journal: Journal, as_of: date, policy: Policy) -> list[Story]:
    """Every application's story, each read with its own business-day calendar."""
    slowdown = policy.year_end_slowdown
    return [
        read_story(app, as_of, get_calendar(app.country, app.subdivision, slowdown))
        for app in journal.applications
    ]


def funnel_of(stories: Iterable[Story]) -> Funnel:
    """Stage counts of the applications that were sent.

    "Answered" is the spec's first answer (a message, or a call in which you spoke),
    the same count as the time-to-answer figures; the later stages include the ones
    after them (an accepted offer was an offer, an offer came after an interview).
    """
    counts = [0, 0, 0, 0, 0]
    for story in stories:
        if story.start is None:
            continue
        offered = story.offered
        reached = (True, story.answered, story.interviewed or offered, offered, story.accepted)
        for i, flag in enumerate(reached):
            counts[i] += flag
    return Funnel(*counts)


def by_month(stories: Sequence[Story]) -> tuple[MonthFunnel, ...]:
    """The funnel per month of sending, months without applications left out."""
    months: dict[str, list[Story]] = {}
    for story in stories:
        if story.start is not None:
            months.setdefault(story.start.strftime("%Y-%m"), []).append(story)
    return tuple(MonthFunnel(month, funnel_of(months[month])) for month in sorted(months))


def _estimate(
    origin: str, group: Group, stories: Iterable[Story], wait: Callable[[Story], Wait | None]
) -> TimeToAnswer | None:
    waits = [w for w in map(wait, stories) if w is not None]
    return TimeToAnswer(origin, group, kaplan_meier(waits)) if waits else None


def _from_applied(story: Story) -> Wait | None:
    return story.from_applied


def _from_interview(story: Story) -> Wait | None:
    return story.from_interview


def _groups(stories: Sequence[Story]) -> list[tuple[Group, list[Story]]]:
    """All, then each employer kind, application channel and industry that has some."""
    kinds = _split(stories, lambda s: s.employer_kind, "employer_kind", EMPLOYER_KINDS)
    channels = _split(stories, lambda s: s.channel, "channel", APPLIED_CHANNELS)
    industries = _split(stories, lambda s: s.industry, "industry", None)
    return [(Group("all", None), list(stories)), *kinds, *channels, *industries]


def _split(
    stories: Iterable[Story],
    key: Callable[[Story], str | None],
    by: str,
    order: Sequence[str] | None,
) -> list[tuple[Group, list[Story]]]:
    parts: dict[str, list[Story]] = {}
    for story in stories:
        value = key(story)
        if value is not None:
            parts.setdefault(value, []).append(story)
    names = [v for v in order if v in parts] if order is not None else sorted(parts)
    return [(Group(by, name), parts[name]) for name in names]


def time_to_answer(stories: Sequence[Story]) -> tuple[TimeToAnswer, ...]:
    """Kaplan–Meier from application per group, then from the latest interview, all."""
    found = [_estimate("applied", g, members, _from_applied) for g, members in _groups(stories)]
    found.append(_estimate("interview", Group("all", None), stories, _from_interview))
    return tuple(entry for entry in found if entry is not None)


def ghosting(stories: Iterable[Story]) -> tuple[Ghosting, ...]:
    """Per employer kind with closed applications: how many, and how many in silence."""
    closed: Counter[str] = Counter()
    ghosted: Counter[str] = Counter()
    for story in stories:
        if story.closed:
            closed[story.employer_kind] += 1
            ghosted[story.employer_kind] += story.ghosted
    return tuple(Ghosting(k, closed[k], ghosted[k]) for k in EMPLOYER_KINDS if closed[k])


def follow_up_tallies(stories: Iterable[Story]) -> tuple[FollowUpTally, ...]:
    """Follow-ups by action and channel: sent, answered within 7 business days, waiting."""
    tallies: dict[tuple[str, str], list[int]] = {}
    for story in stories:
        for attempt in story.follow_ups:
            row = tallies.setdefault((attempt.action, attempt.channel), [0, 0, 0])
            row[0] += 1
            row[1] += attempt.answered
            row[2] += attempt.waiting
    return tuple(FollowUpTally(a, c, *tallies[a, c]) for a, c in sorted(tallies))


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weekly(stories: Iterable[Story], as_of: date, goal: int) -> tuple[Week, ...]:
    """Applications sent per ISO week, from the first one's week to `as_of`'s, gaps kept."""
    starts = [s.start for s in stories if s.start is not None]
    if not starts:
        return ()
    sent = Counter(map(iso_week, starts))
    first = min(starts)
    monday = first - timedelta(days=first.weekday())
    weeks: list[Week] = []
    while monday <= as_of:
        name = iso_week(monday)
        weeks.append(Week(name, sent[name], goal))
        monday += timedelta(days=7)
    return tuple(weeks)


def insights(journal: Journal, as_of: date) -> Insights:
    """Every figure of the insights page, from the journal's events up to `as_of`."""
    policy = policy_from(journal.policy_overrides)[0]
    stories = stories_of(journal, as_of, policy)
    return Insights(
        as_of=as_of,
        funnel=funnel_of(stories),
        by_month=by_month(stories),
        time_to_answer=time_to_answer(stories),
        ghosted=ghosting(stories),
        follow_ups=follow_up_tallies(stories),
        weekly=weekly(stories, as_of, policy.weekly_goal),
    )

"""How long to wait, from your own history: "of the employers like this one that
answered you, 90 % did within N days; it has been M days".

Only where there is enough history: at least 10 comparable answered applications
(same kind of employer, answered from the same point: the application, or the latest
interview). With fewer, the advice says so and the plan's own timing stands. The
advice sits beside the plan; it never changes it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import NamedTuple

from ..planner.model import Journal
from ..planner.policy import policy_from
from .figures import stories_of
from .stories import Story
from .survival import Wait

ENOUGH_HISTORY = 10
SHARE = 0.9


class WaitingAdvice(NamedTuple):
    origin: str  # applied | interview: what the wait is counted from
    waited_days: int  # M: days since the application or the latest interview
    employer_kind: str
    comparable: int  # answered applications of the same kind, from the same point
    within_days: int | None  # N, the 90th percentile; None with too little history


def _waiting(story: Story) -> tuple[str, Wait] | None:
    """What `story` is waiting on, if it is still waiting for an answer."""
    if story.closed or story.start is None:
        return None
    origin, wait = (
        ("interview", story.from_interview)
        if story.from_interview is not None
        else ("applied", story.from_applied)
    )
    if wait is None or wait.answered:
        return None
    return origin, wait


def _answer_days(story: Story, origin: str) -> int | None:
    wait = story.from_interview if origin == "interview" else story.from_applied
    return wait.days if wait is not None and wait.answered else None


def percentile(days: Sequence[int], share: float) -> int:
    """The smallest N with at least `share` of `days` at or below it (nearest rank)."""
    ordered = sorted(days)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def advice_for(stories: Sequence[Story], app_id: str) -> WaitingAdvice | None:
    """Advice for application `app_id`, or None when it is not waiting for an answer."""
    target = next((s for s in stories if s.application.id == app_id), None)
    waiting = None if target is None else _waiting(target)
    if target is None or waiting is None:
        return None
    origin, wait = waiting
    kind = target.employer_kind
    days = [
        d
        for s in stories
        if s is not target and s.employer_kind == kind
        for d in (_answer_days(s, origin),)
        if d is not None
    ]
    within = percentile(days, SHARE) if len(days) >= ENOUGH_HISTORY else None
    return WaitingAdvice(origin, wait.days, kind, len(days), within)


# "Of the corporations that answered you …": each kind of employer, in the plural.
KIND_PLURALS = {
    "corporate": "corporations",
    "small_business": "small businesses",
    "startup": "startups",
    "nonprofit": "nonprofits",
    "government": "government employers",
    "staffing_agency": "staffing agencies",
    "unknown": "employers whose kind you have not noted",
}


def advice_sentence(advice: WaitingAdvice) -> str:
    """The advice in words, with its numbers; or why there is none yet."""
    kind = KIND_PLURALS.get(advice.employer_kind, advice.employer_kind)
    since = "the interview" if advice.origin == "interview" else "your application"
    days = "day" if advice.waited_days == 1 else "days"
    if advice.within_days is None:
        return (
            f"Too few {kind} have answered you to compare yet ({advice.comparable} of the "
            f"{ENOUGH_HISTORY} needed): go by the plan's own timing. "
            f"It has been {advice.waited_days} {days} since {since}."
        )
    return (
        f"Of the {advice.comparable} {kind} that answered you, 90 % did within "
        f"{advice.within_days} days of {since}; it has been {advice.waited_days} {days}."
    )


def waiting_advice(journal: Journal, app_id: str, as_of: date) -> WaitingAdvice | None:
    """advice_for over a whole journal."""
    policy = policy_from(journal.policy_overrides)[0]
    return advice_for(stories_of(journal, as_of, policy), app_id)

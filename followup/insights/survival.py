"""Kaplan–Meier: the share of applications still waiting for a first answer after t days.

Each application gives one observation: the days it waited and whether that wait
ended in an answer (an event) or is still open / was cut short by closing it
(censored). At each day with answers, S(t) = S(t-) × (1 − d/n), n being those
answered or censored on or after that day. The 95 % band is Greenwood's variance
carried on the log(−log S) scale (Kalbfleisch and Prentice), which keeps the band
inside [0, 1]; it is what statistics packages such as lifelines report by default.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from statistics import NormalDist
from typing import NamedTuple

Z_95 = NormalDist().inv_cdf(0.975)  # 1.959963…


class Wait(NamedTuple):
    """One application's wait: `days` long, ended by an answer or censored."""

    days: int
    answered: bool


class SurvivalStep(NamedTuple):
    """A day on which answers came: who was still waiting, and the estimate after it."""

    day: int
    at_risk: int
    answered: int
    still_waiting: float
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class Survival:
    """The whole estimate for one group of applications."""

    n: int
    answered: int
    steps: tuple[SurvivalStep, ...]
    longest: int = 0  # the longest wait seen, answered or not (where a chart ends)

    @property
    def median_days(self) -> int | None:
        """The first day by which half (or more) had an answer; None if never reached."""
        for step in self.steps:
            if step.still_waiting <= 0.5:
                return step.day
        return None

    def still_waiting_after(self, day: int) -> float:
        """S(day): the estimated share with no answer after `day` days."""
        share = 1.0
        for step in self.steps:
            if step.day > day:
                break
            share = step.still_waiting
        return share


def _counts(waits: Iterable[Wait]) -> tuple[int, dict[int, int], dict[int, int]]:
    """How many waits, and per day: answers, and waits ending (answered or censored)."""
    total = 0
    answers: dict[int, int] = {}
    ending: dict[int, int] = {}
    for wait in waits:
        total += 1
        ending[wait.days] = ending.get(wait.days, 0) + 1
        if wait.answered:
            answers[wait.days] = answers.get(wait.days, 0) + 1
    return total, answers, ending


def band(share: float, greenwood: float) -> tuple[float, float]:
    """The 95 % band around S on the log(−log S) scale; `greenwood` is Σ d/(n(n−d))."""
    if share <= 0.0:
        return 0.0, 0.0  # nobody left waiting: no uncertainty left to express
    if share >= 1.0:
        return 1.0, 1.0
    spread = math.exp(Z_95 * math.sqrt(greenwood) / abs(math.log(share)))
    return share**spread, share ** (1.0 / spread)


def kaplan_meier(waits: Iterable[Wait]) -> Survival:
    """The Kaplan–Meier estimate (exact, unrounded) with its 95 % band per answer day."""
    total, answers, ending = _counts(waits)
    at_risk, share, greenwood = total, 1.0, 0.0
    steps: list[SurvivalStep] = []
    for day in sorted(ending):
        answered = answers.get(day, 0)
        if answered:
            share *= 1.0 - answered / at_risk
            left = at_risk - answered
            greenwood = math.inf if left == 0 else greenwood + answered / (at_risk * left)
            low, high = band(share, greenwood)
            steps.append(SurvivalStep(day, at_risk, answered, share, low, high))
        at_risk -= ending[day]
    return Survival(total, sum(answers.values()), tuple(steps), max(ending, default=0))

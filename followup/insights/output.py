"""The insights as documented JSON (format followup-insights/1) and as plain text."""

from __future__ import annotations

from typing import Any

from .figures import Funnel, Insights, TimeToAnswer
from .survival import SurvivalStep

FORMAT = "followup-insights/1"


def _funnel(funnel: Funnel) -> dict[str, int]:
    return dict(funnel._asdict())


def _step(step: SurvivalStep) -> dict[str, Any]:
    return {
        "day": step.day,
        "at_risk": step.at_risk,
        "answered": step.answered,
        "still_waiting": round(step.still_waiting, 4),
        "low": round(step.low, 4),
        "high": round(step.high, 4),
    }


def _time_to_answer(entry: TimeToAnswer) -> dict[str, Any]:
    survival = entry.survival
    return {
        "from": entry.origin,
        "group": {"by": entry.group.by, "value": entry.group.value},
        "n": survival.n,
        "answered": survival.answered,
        "median_days": survival.median_days,
        "steps": [_step(step) for step in survival.steps],
    }


def insights_to_dict(found: Insights) -> dict[str, Any]:
    """The documented JSON shape (docs/insights.md)."""
    return {
        "format": FORMAT,
        "as_of": found.as_of.isoformat(),
        "funnel": {
            **_funnel(found.funnel),
            "by_month": [{"month": m.month, **_funnel(m.funnel)} for m in found.by_month],
        },
        "time_to_answer": [_time_to_answer(entry) for entry in found.time_to_answer],
        "ghosted": [g._asdict() for g in found.ghosted],
        "follow_ups": [f._asdict() for f in found.follow_ups],
        "weekly": [w._asdict() for w in found.weekly],
    }


def share(part: int, whole: int) -> str:
    """'45 %', or '–' when there is nothing to divide."""
    return f"{round(100 * part / whole)} %" if whole else "–"

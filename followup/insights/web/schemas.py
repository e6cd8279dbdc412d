"""The API's shape of the insights (format followup-insights/1, docs/insights.md)."""

from __future__ import annotations

from typing import Literal

from ninja import Schema
from pydantic import Field


class FunnelCounts(Schema):
    applied: int
    answered: int
    interviewed: int
    offered: int
    accepted: int


class MonthOut(FunnelCounts):
    month: str = Field(description="YYYY-MM, the month the applications were sent.")


class FunnelOut(FunnelCounts):
    by_month: list[MonthOut]


class GroupOut(Schema):
    by: Literal["all", "employer_kind", "channel", "industry"]
    value: str | None


class SurvivalStepOut(Schema):
    day: int
    at_risk: int
    answered: int
    still_waiting: float = Field(description="Kaplan–Meier S(t) just after this day.")
    low: float
    high: float


class TimeToAnswerOut(Schema):
    from_: Literal["applied", "interview"] = Field(alias="from")
    group: GroupOut
    n: int
    answered: int
    median_days: int | None
    steps: list[SurvivalStepOut]


class GhostedOut(Schema):
    employer_kind: str
    closed: int
    ghosted: int


class FollowUpOut(Schema):
    action: str
    channel: str
    sent: int
    answered: int
    waiting: int = Field(description="Sent so recently that their 7 business days are not over.")


class WeekOut(Schema):
    week: str
    applied: int
    goal: int


class InsightsOut(Schema):
    format: str = Field(description="Always 'followup-insights/1'.")
    as_of: str
    funnel: FunnelOut
    time_to_answer: list[TimeToAnswerOut]
    ghosted: list[GhostedOut]
    follow_ups: list[FollowUpOut]
    weekly: list[WeekOut]

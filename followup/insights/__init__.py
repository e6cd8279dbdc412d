"""Insights: what your own search says. A pure library, beside the planner.

Journal in, figures out (funnel, time to a first answer with Kaplan–Meier, ghosting,
what works, the weekly pace); `as_of` is an argument, nothing here reads a clock or
imports Django. The page, the CLI and the API (`followup.insights.web`, `followup.cli`,
`followup.api`) all show these same figures.

>>> from followup.insights import insights, insights_to_dict
>>> figures = insights_to_dict(insights(journal, as_of=date(2026, 3, 11)))
"""

from .advice import WaitingAdvice, advice_for, advice_sentence, waiting_advice
from .figures import Insights, insights
from .output import FORMAT, insights_to_dict
from .survival import Survival, SurvivalStep, Wait, kaplan_meier
from .text import insights_text

__all__ = [
    "FORMAT",
    "Insights",
    "Survival",
    "SurvivalStep",
    "Wait",
    "WaitingAdvice",
    "advice_for",
    "advice_sentence",
    "insights",
    "insights_text",
    "insights_to_dict",
    "kaplan_meier",
    "waiting_advice",
]

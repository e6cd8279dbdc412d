"""The follow-up planner: a pure library. Journal in, plan out; `as_of` is an argument.

>>> from followup.planner import load_journal, plan
>>> result = plan(load_journal("examples/demo.json"), as_of=date(2026, 3, 11))
"""

from .journal import JournalError, load_journal, loads_journal, parse_journal
from .model import Application, Contact, Draft, Event, Journal, Profile, Step
from .plan import Plan, plan, plan_to_dict
from .policy import PARAMETERS, STANDARD, Policy

__all__ = [
    "PARAMETERS",
    "STANDARD",
    "Application",
    "Contact",
    "Draft",
    "Event",
    "Journal",
    "JournalError",
    "Plan",
    "Policy",
    "Profile",
    "Step",
    "load_journal",
    "loads_journal",
    "parse_journal",
    "plan",
    "plan_to_dict",
]

"""Every number the rules use, with its default and where it comes from.

The `standard` policy is the defaults below. A journal's `policy` object overrides
parameters by name; a name we don't know, or a value of the wrong shape, is an error
(reported by the journal parser with the parameter's name).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

Window = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Parameter:
    """A policy parameter's documentation: what it means and which source says so."""

    name: str
    meaning: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Policy:
    """The numbers of the follow-up rules. Windows are [first, last] calendar days."""

    year_end_slowdown: bool = True
    email_min_gap_days: int = 7
    thank_you_days: int = 7
    confirm_receipt_window: Window = (7, 14)
    confirm_receipt_window_government: Window = (14, 28)
    pre_interview_check_in_days: int = 7
    pre_interview_move_on_days: int = 14
    window_small_business: Window = (5, 7)
    window_startup: Window = (5, 7)
    window_corporate: Window = (7, 10)
    window_nonprofit: Window = (7, 10)
    window_staffing_agency: Window = (3, 5)
    window_government: Window = (21, 28)
    window_unknown: Window = (5, 7)
    promised_call_delay: int = 1
    decision_check_in: Window = (2, 3)
    ask_insider_delay: int = 3
    escalate_delay: int = 5
    call_delay: int = 3
    move_on_delay: int = 10
    move_on_delay_government: int = 20
    do_not_contact_move_on: int = 20
    no_answer_tries: int = 3
    reply_due_by: int = 1
    gracious_reply_due_by: int = 2
    gracious_reply_days: int = 7
    status_update_due_by: int = 1
    status_update_days: int = 14
    decide_offer_days: int = 5
    call_window: str = "09:30-11:30"
    call_window_alternative: str = "14:00-16:00"
    promised_call_window: str = "08:30-10:00"
    email_first_industries: tuple[str, ...] = ("new media", "online media", "digital media")
    keep_searching_below_open: int = 5
    weekly_goal: int = 5

    def first_follow_up_window(self, employer_kind: str) -> Window:
        """§4.2 rule 3: the calendar window after the interview, by employer kind."""
        window: Window = getattr(self, f"window_{employer_kind}", self.window_unknown)
        return window


PARAMETERS: dict[str, Parameter] = {
    p.name: p
    for p in (
        Parameter("year_end_slowdown", "24 Dec to 1 Jan are not business days", ("crowe",)),
        Parameter(
            "email_min_gap_days", "at most one follow-up email in this many days", ("forbes",)
        ),
        Parameter(
            "thank_you_days", "a thank-you note stays on the plan this many days", ("nm-dws",)
        ),
        Parameter(
            "confirm_receipt_window",
            "confirm receipt this many days after applying",
            ("nm-dws", "crowe"),
        ),
        Parameter(
            "confirm_receipt_window_government", "the same, for government employers", ("crowe",)
        ),
        Parameter(
            "pre_interview_check_in_days", "check in this many days after the last attempt", ()
        ),
        Parameter(
            "pre_interview_move_on_days", "move on this many days after the last attempt", ()
        ),
        Parameter(
            "window_small_business",
            "first follow-up after an interview: small business",
            ("crowe",),
        ),
        Parameter("window_startup", "first follow-up after an interview: startup", ("crowe",)),
        Parameter(
            "window_corporate", "first follow-up after an interview: corporation", ("crowe",)
        ),
        Parameter("window_nonprofit", "first follow-up after an interview: nonprofit", ("crowe",)),
        Parameter(
            "window_staffing_agency",
            "first follow-up after an interview: staffing agency",
            ("nm-dws",),
        ),
        Parameter(
            "window_government", "first follow-up after an interview: government", ("crowe",)
        ),
        Parameter(
            "window_unknown",
            "first follow-up after an interview: employer kind unknown",
            ("crowe",),
        ),
        Parameter(
            "promised_call_delay",
            "business days after a promised call before you call",
            ("forbes",),
        ),
        Parameter(
            "decision_check_in", "business days after a decision date to check in", ("quast",)
        ),
        Parameter(
            "ask_insider_delay", "business days before asking an insider", ("quast", "crowe")
        ),
        Parameter(
            "escalate_delay", "business days before writing to the hiring manager", ("quast",)
        ),
        Parameter("call_delay", "business days before calling", ("quast", "phone-call")),
        Parameter(
            "move_on_delay", "business days after the last attempt before moving on", ("quast",)
        ),
        Parameter("move_on_delay_government", "the same, for government employers", ("quast",)),
        Parameter(
            "do_not_contact_move_on", "business days to wait after 'we will call you'", ("crowe",)
        ),
        Parameter(
            "no_answer_tries",
            "unanswered calls (no message) that count as one attempt",
            ("nm-dws",),
        ),
        Parameter("reply_due_by", "business days to answer a request for information", ()),
        Parameter(
            "gracious_reply_due_by", "business days to answer a rejection", ("nm-dws", "crowe")
        ),
        Parameter("gracious_reply_days", "a gracious reply stays on the plan this many days", ()),
        Parameter(
            "status_update_due_by", "business days to tell others about an offer", ("forbes",)
        ),
        Parameter(
            "status_update_days", "without a deadline, an offer prompts updates this many days", ()
        ),
        Parameter(
            "decide_offer_days",
            "without a deadline, decide an offer within these business days",
            (),
        ),
        Parameter("call_window", "when to call, employer's time", ("nm-dws",)),
        Parameter("call_window_alternative", "the afternoon alternative", ("nm-dws",)),
        Parameter("promised_call_window", "when to call after a missed promised call", ("forbes",)),
        Parameter(
            "email_first_industries", "industries where email comes before the phone", ("forbes",)
        ),
        Parameter(
            "keep_searching_below_open", "nudge to keep searching below this many open", ("forbes",)
        ),
        Parameter("weekly_goal", "applications to send each week", ("forbes",)),
    )
}

STANDARD = Policy()


# Every number of the policy counts days (or applications a week): a year bounds
# them all, and keeps date arithmetic far from the calendar's ends.
MAX_NUMBER = 365


def _is_count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_NUMBER


def _check_value(name: str, default: Any, value: Any) -> Any:
    """Coerce `value` to the shape of `default`, or raise ValueError saying what's wrong."""
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ValueError(f"{value!r} is not true or false")
        return value
    if isinstance(default, int):
        if not _is_count(value):
            raise ValueError(f"{value!r} is not a whole number from 0 to {MAX_NUMBER}")
        return value
    if isinstance(default, str):
        return _check_time_window(value)
    if name == "email_first_industries":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{value!r} is not a list of industry names")
        return tuple(v.strip().lower() for v in value)
    return _check_day_window(value)


def _check_day_window(value: Any) -> Window:
    ok = (
        isinstance(value, list | tuple)
        and len(value) == 2
        and all(_is_count(v) for v in value)
        and value[0] <= value[1]
    )
    if not ok:
        raise ValueError(
            f"{value!r} is not a window [first, last] of days with 0 <= first <= last <= {MAX_NUMBER}"
        )
    return (value[0], value[1])


def _check_time_window(value: Any) -> str:
    try:
        start, end = value.split("-")
        h1, m1 = (int(x) for x in start.split(":"))
        h2, m2 = (int(x) for x in end.split(":"))
        ok = len(start) == len(end) == 5 and 0 <= h1 < 24 and 0 <= h2 < 24 and m1 < 60 and m2 < 60
    except (AttributeError, ValueError):
        ok = False
    if not ok or (h1, m1) >= (h2, m2):
        raise ValueError(f"{value!r} is not a time window like '09:30-11:30'")
    return str(value)


def policy_from(overrides: Mapping[str, Any]) -> tuple[Policy, list[tuple[str, str]]]:
    """The standard policy with `overrides` applied, and the problems as (name, message)."""
    defaults = {f.name: getattr(STANDARD, f.name) for f in fields(Policy)}
    changes: dict[str, Any] = {}
    problems: list[tuple[str, str]] = []
    for name, value in overrides.items():
        if name not in defaults:
            problems.append((name, "is not a policy setting we know"))
            continue
        try:
            changes[name] = _check_value(name, defaults[name], value)
        except ValueError as error:
            problems.append((name, str(error)))
    return replace(STANDARD, **changes), problems

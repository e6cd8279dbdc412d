"""Call sheets and voicemail scripts: the words for a step on the phone.

A call sheet is read at a glance, mid-call: whom to ask for, who you are, why you
are calling, talking points, questions, how to reach you, the call window, and the
voicemail to leave (at most 75 words).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from .wording import (
    VOICEMAIL_LIMIT,
    Facts,
    clip,
    clip_or_none,
    interview_kind,
    more_words_than,
    offer_deadline,
    on_day,
    sentence,
    weekday_date,
)
from .wording import (
    hello as greeting,
)

_CALLEES = {"hiring_manager": "the hiring manager for", "recruiter": "the recruiter for"}


class _Call(NamedTuple):
    """What is particular to one kind of call; the call sheet supplies the rest."""

    why: str
    questions: tuple[str, ...]
    message: str  # the reason, as said on a voicemail


def call_sheet(f: Facts) -> str:
    """The call sheet for the step's kind of call (a follow-up call unless said)."""
    return _sheet(f, _CALLS.get(f.step.action, _call_follow_up)(f))


def _sheet(f: Facts, call: _Call) -> str:
    sections: tuple[tuple[str, Iterable[str]], ...] = (
        ("Ask for", _ask_for(f)),
        ("Who you are", (_who(f),)),
        ("Why you're calling", (call.why,)),
        ("Talking points", _talking_points(f)),
        ("Questions to ask", call.questions),
        ("How to reach you", _reach(f)),
        ("Call window", (_window(f),)),
        ("If you get voicemail", (_voicemail_line(f, call.message),)),
    )
    # Indented lines, not bullets: a bullet would count as a word against the limit.
    return "\n\n".join(f"{head}\n  " + "\n  ".join(lines) for head, lines in sections)


# Call sheet sections -------------------------------------------------------------


def _callee(f: Facts) -> str:
    """Whom to ask for: by name where the journal knows it, else by what they do."""
    if f.name:
        return f.name
    lead = _CALLEES.get(f.person.role if f.person else "", "whoever handles hiring for")
    return f"{lead} {f.position}"


def _ask_for(f: Facts) -> list[str]:
    best = None if f.terse or f.person is None else clip_or_none(f.person.best_time, 24, 3)
    lines = [_callee(f) + (f" (best time: {best})" if best else "")]
    assistant = f.app.first_with_role("assistant")
    if assistant is not None and assistant != f.person:
        # An assistant often knows the manager's diary better than anyone (forbes).
        helper = clip_or_none(assistant.name, 32, 3) or "their assistant"
        lines.append(f"Ask {helper} for a good time to call.")
    return lines


def _who(f: Facts) -> str:
    """Note form: the sheet is read at a glance, mid-call."""
    me = f.sender or "[your name]"
    role = f.role or "the position"
    if f.met and f.step.action != "confirm_receipt":
        kind = None if f.terse else interview_kind(f)
        return f"{me}; interviewed for {role} on {f.met}" + (f" ({kind})." if kind else ".")
    return f"{me}; applied for {role}{on_day(f.applied)}."


def _talking_points(f: Facts) -> tuple[str, ...]:
    """Two or three specifics from the notes, topped up with fit points where few."""
    generic = ("Your best example for this role: [example]", f"Why {f.company} appeals to you")
    points = f.points + generic
    return points[: min(max(2, len(f.points)), f.room)] or points[:1]


def _reach(f: Facts) -> list[str]:
    lines = [line for line in (f.phone, f.email) if line]
    return lines or ["Have your phone number ready to give."]


def _window(f: Facts) -> str:
    """The hours in the employer's time zone (nm-dws: not at their busiest)."""
    zone = clip(f.app.timezone, 40, 1)
    hours = clip(f.step.window, 24, 1) if f.step.window else "Mid-morning"
    return f"{hours} {zone} time" + ("" if f.terse else f", from {weekday_date(f.step.due)}")


def _voicemail_line(f: Facts, message: str) -> str:
    leave = f.step.leave_message
    if leave is False or (leave is None and f.context.voicemail_left):
        # One voicemail is enough (nm-dws); more only reads as pressure.
        return "Don't leave another message: hang up and try again later."
    return f'"{_voicemail(f, message)}"'


def _voicemail(f: Facts, message: str) -> str:
    """The script: who, which position, why, and a number said twice if it fits."""
    hello = greeting(f.name)
    opening = sentence(
        f"{hello} this is {f.sender or '[your name]'} about {f.position} at {f.company}"
    )
    script = f"{opening} {message} {_call_back(f, f.repeat)} Thank you."
    if f.repeat and more_words_than(script, VOICEMAIL_LIMIT):
        script = f"{opening} {message} {_call_back(f, False)} Thank you."
    return script


def _call_back(f: Facts, repeat: bool) -> str:
    """How to reach the caller; a number is easier to note down when heard twice."""
    if f.phone:
        again = f"; that's {f.phone}" if repeat else ""
        return sentence(f"Please call me on {f.phone}{again}")
    if f.email:
        return sentence(f"You can email me at {f.email}")
    return "Please call me on [your phone number]."


# Call kinds ----------------------------------------------------------------------


def _call_follow_up(f: Facts) -> _Call:
    """A call after an interview (or its stand-in on another phone step)."""
    expected = f.context.expected_by
    why = (
        "Follow up on the interview; ask where the decision stands."
        if f.met
        else "Follow up on your application and ask where it stands."
    )
    if expected:
        why += f" They aimed for {weekday_date(expected)}."
    questions = ("Anything else you need from me?", "When do you expect to decide?")
    message = f"Following up on my interview{on_day(f.met)}: I'm still very interested."
    return _Call(why, questions, message if f.met else "Following up on my application.")


def _call_confirm(f: Facts) -> _Call:
    why = "Check your application arrived complete; ask whether interview dates are set."
    questions = ("Did everything arrive, or is anything missing?", "Have interview dates been set?")
    message = "I'm checking that my application arrived, and asking about interview timing."
    return _Call(why, questions, message)


def _call_status(f: Facts) -> _Call:
    """An update, not an ultimatum: they hear the date and decide what to do with it."""
    deadline = offer_deadline(f)
    by = f" due {deadline}" if deadline else ""
    offer = (
        f"another employer's offer has a deadline of {deadline}"
        if deadline
        else "another employer has made you an offer"
    )
    why = f"Share calmly: {offer}; you'd value their update first."
    ask = "Could you update me before then?" if deadline else "Could you share your timing?"
    questions = (ask, "Anything else you need from me?")
    message = f"Another employer has made me an offer{by}; I'd value your update first."
    return _Call(why, questions, message)


_CALLS: dict[str, Callable[[Facts], _Call]] = {
    "call": _call_follow_up,
    "confirm_receipt": _call_confirm,
    "status_update": _call_status,
}

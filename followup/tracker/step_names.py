"""Steps and events by name: what `done` records for each step, the names people use
for steps, and what must have happened by the time it is recorded.

Plain data and small functions (no Django): the services, the CLI's options and the
tests share them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from .errors import ServiceError

if TYPE_CHECKING:  # the planner is slow to import; the CLI reads these names at start
    from ..planner.model import Step

# What "done" means for each kind of step: the event it records.
SENT_PURPOSE = {
    "send_thank_you": "thank_you",
    "confirm_receipt": "confirm_receipt",
    "check_in": "check_in",
    "ask_insider": "ask_insider",
    "escalate": "escalate",
    "send_letter": "letter",
    "status_update": "status_update",
    "reply": "reply",
    "reply_graciously": "reply_graciously",
    "call": "check_in",
    "withdraw": "withdraw",
}
CALL_OUTCOMES = ("spoke", "voicemail", "no_answer", "assistant")


# Other names people use for a step: the sent purposes ("thank_you" for
# "send_thank_you"), and a few words of their own.
ACTION_ALIASES = {
    **{purpose: action for action, purpose in SENT_PURPOSE.items() if action != "call"},
    "thanks": "send_thank_you",
    "phone": "call",
    "decide": "decide_offer",
}


def action_named(text: str) -> str:
    """The action a person means by `text` ("thank-you", "Thank_You" → "send_thank_you")."""
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    return ACTION_ALIASES.get(key, key)


def no_such_step(slug: str, action: str | None, to: str | None, pending: list[Step]) -> str:
    """'acme has no pending step "thank_you" to jo; its pending steps: call to pat'."""
    named = " ".join([f'"{action}"' if action else "", f"to {to}" if to else ""]).strip()
    if not pending:
        return f"{slug} has no pending step: nothing is left to do there."
    steps = "; ".join(step.action + (f" to {step.to}" if step.to else "") for step in pending)
    return f"{slug} has no pending step {named}; its pending steps: {steps}"


# What must have happened by the time it is recorded; an interview, an expectation or
# directions may be dated ahead.
HAPPENED = ("applied", "sent", "called", "heard", "closed")


def not_ahead(event: dict[str, Any], as_of: date) -> None:
    """Refuse an event that must have happened but is dated after `as_of`."""
    at = str(event.get("at", ""))[:10]
    if event.get("type") in HAPPENED and at > as_of.isoformat():
        raise ServiceError(
            f"at: {at} is after today ({as_of.isoformat()}): "
            f"record the {event['type']} event once it has happened"
        )

"""The words for a step: an email, a letter, or a call sheet, filled from the journal.

`draft_for` is pure and deterministic: the same step, application, profile and context
always give the same text (no clock, no locale, standard library only). The action
decides what is said; the step's channel decides the form (phone: a call sheet with
no subject; letter: a dated letter whose subject is its "Re:" line; else an email).

Every value taken from the journal is clipped before it is quoted, and a draft that
still runs long sheds interview specifics one at a time, so that no input can break
the limits of the rules (§9): subjects under 70 characters, bodies under 150 words
(thank-you notes excepted), voicemail scripts of at most 75 words. Words are
whitespace-separated tokens.

This module is the drafts' one import point. The wording lives in `emails` (emails
and letters), `calls` (call sheets and voicemail scripts) and `wording` (the facts
quoted and the helpers they share).
"""

from __future__ import annotations

from .calls import call_sheet
from .emails import subject, written_draft
from .model import PHONE, Application, Draft, DraftContext, Profile, Step
from .preparation import preparation_sheet
from .wording import (
    BODY_LIMIT,
    SUBJECT_LIMIT,
    VOICEMAIL_LIMIT,
    Facts,
    gather_facts,
    more_words_than,
)

__all__ = ["BODY_LIMIT", "SUBJECT_LIMIT", "VOICEMAIL_LIMIT", "draft_for"]


NOTHING_TO_WRITE = frozenset({"move_on", "decide_offer"})


def draft_for(
    step: Step, app: Application, profile: Profile, context: DraftContext
) -> Draft | None:
    """The words for `step`: a call sheet, a letter, an email or a preparation sheet;
    None for `move_on` and `decide_offer` (a decision, not a message)."""
    if step.action in NOTHING_TO_WRITE:
        return None
    facts = gather_facts(step, app, profile, context)
    draft = _render(facts)
    if step.action == "send_thank_you" and step.channel != PHONE:
        return draft  # no word limit: the thank-you note is the one place to say more
    while more_words_than(draft.body, BODY_LIMIT - 1):
        leaner = _leaner(facts)
        if leaner is None:
            break
        facts = leaner
        draft = _render(facts)
    return draft


def _leaner(f: Facts) -> Facts | None:
    """The facts with one optional detail fewer, or None when none is left to give up.

    Everything else is clipped, so only these can still push a draft over its limit.
    An email or letter quotes one specific at most: that goes. A call sheet gives up
    its third talking point first (two are enough), then the voicemail's repeated
    number, then the remaining specifics, and last its nice-to-haves.
    """
    if f.step.channel != PHONE:
        return f._replace(room=0) if f.room else None
    if f.room > 2:
        return f._replace(room=2)
    if f.repeat:
        return f._replace(repeat=False)
    if f.room > 0:
        return f._replace(room=f.room - 1)
    return None if f.terse else f._replace(terse=True)


def _render(f: Facts) -> Draft:
    if f.step.channel == PHONE:
        return Draft(None, call_sheet(f))
    if f.step.action == "prepare_interview":
        return preparation_sheet(f, subject("Interview preparation", f))
    return written_draft(f)

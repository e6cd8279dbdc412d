"""Emails and letters: what a written follow-up says, and the form it takes.

Each kind of step has its writer (thanks, a check-in, a status update, …); the
step's channel picks the form: a dated letter whose subject is its "Re:" line, or
else an email.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from .model import LETTER, Draft
from .wording import (
    SUBJECT_LIMIT,
    Facts,
    clip,
    clip_or_none,
    hello,
    interview_kind,
    letter_date,
    offer_deadline,
    on_day,
    sentence,
    weekday_date,
)


class _Written(NamedTuple):
    """An email's or letter's content before its form: subject, paragraphs, sign-off."""

    subject: str
    paragraphs: tuple[str, ...]
    closing: str


def written_draft(f: Facts) -> Draft:
    """A letter where the step says so, else an email (a follow-up letter unless said)."""
    written = _WRITERS.get(f.step.action, _letter_follow_up)(f)
    if f.step.channel == LETTER:
        reference = (
            written.subject if written.subject.startswith("Re:") else "Re: " + written.subject
        )
        return Draft(_fitsubject(reference), _letter(f, written))
    return Draft(written.subject, _email(f, written))


# Forms ---------------------------------------------------------------------------


def _email(f: Facts, w: _Written) -> str:
    greeting = hello(f.name)
    closing = "\n".join([w.closing, *_signature(f)])
    return "\n\n".join((greeting, *w.paragraphs, closing))


def _letter(f: Facts, w: _Written) -> str:
    """A letter: date line, addressee, greeting, paragraphs, sign-off with contact lines.

    Its "Re:" line is the draft's subject; "Sincerely" replaces the email's sign-off.
    """
    address = "\n".join(line for line in (f.name, f.company) if line)
    greeting = f"Dear {f.name}," if f.name else "Dear Hiring Team,"
    closing = "\n".join(["Sincerely,", *_signature(f)])
    return "\n\n".join((letter_date(f.step.due), address, greeting, *w.paragraphs, closing))


def _signature(f: Facts) -> list[str]:
    return [line for line in (f.sender, f.email, f.phone) if line]


# Wording of written drafts -------------------------------------------------------


def _fitsubject(subject: str) -> str:
    return clip(subject, SUBJECT_LIMIT - 1, 99)


def subject(prefix: str, f: Facts) -> str:
    """'<prefix> – <role>, <company>': the role gives way first, then the company."""
    room = SUBJECT_LIMIT - 1 - len(prefix) - 3
    topic = f.company
    if f.role:
        role = clip(f.role, max(room - len(f.company) - 2, room // 2), 99)
        topic = f"{role}, {f.company}"
    return f"{prefix} – {clip(topic, room, 99)}"


def _recalled(f: Facts, lead: str) -> str:
    """' <lead>: <first specific>.' to weave into a paragraph, or nothing without notes."""
    return f" {lead}: {sentence(f.points[0])}" if f.points and f.room else ""


def _interview(f: Facts) -> str:
    """'video interview', or plain 'interview' when the journal doesn't say which kind."""
    kind = interview_kind(f)
    return f"{kind} interview" if kind else "interview"


# Written kinds -------------------------------------------------------------------


def _thank_you(f: Facts) -> _Written:
    """§4.1: thanks, the fit, and where written down, the first six months (forbes)."""
    paragraphs = [
        f"Thank you for taking the time to talk with me{on_day(f.met)} about {f.position} at "
        f"{f.company}. I enjoyed hearing how the team works and where it is heading.",
        _fit(f),
    ]
    plan = " ".join(f.app.first_six_months.split()) if f.app.first_six_months else ""
    if plan:
        paragraphs.append(
            f"Here is where I would put my energy in my first six months: {sentence(plan)}"
        )
    paragraphs.append(
        "Thank you again. If any questions have come up since we spoke, I would be glad to "
        "answer them."
    )
    return _Written(subject("Thank you for the interview", f), tuple(paragraphs), "Best regards,")


def _fit(f: Facts) -> str:
    """The fit, tied to the role, and to the first specific from the notes where there is one."""
    if f.points and f.room:
        return (
            f"One part of our conversation has stayed with me: {sentence(f.points[0])} "
            "It connects closely with my experience in [your most relevant experience], and I "
            "believe I could contribute quickly."
        )
    return (
        f"What I learned about {f.position} connects closely with my experience in [your most "
        "relevant experience], and I believe I could contribute quickly."
    )


def _check_in(f: Facts) -> _Written:
    """Collaborative, not needy (forbes): interest, a question, an offer of help."""
    if f.met:
        opening = (
            f"I enjoyed talking with you about {f.position} at {f.company}{on_day(f.met)}, and my "
            "interest has only grown since." + _recalled(f, "One thing I keep thinking about")
        )
    else:
        opening = (
            f"I applied for {f.position} at {f.company}{on_day(f.applied)} and remain keen on it."
        )
    asking = "Could you tell me how the search is going?"
    if f.context.expected_by:
        asking += (
            f" I know you hoped to settle things around {weekday_date(f.context.expected_by)}, and I "
            "understand that timelines move."
        )
    helping = (
        "If anything from my side would make the next step easier, such as references, samples "
        "of my work or another conversation, I am glad to provide it."
    )
    return _Written(subject("Checking in", f), (opening, asking, helping), "Best regards,")


def _confirm_receipt(f: Facts) -> _Written:
    return _Written(
        subject("Confirming my application", f),
        (
            f"I applied for {f.position} at {f.company}{on_day(f.applied)} and would like to make "
            "sure my application reached you complete.",
            "Could you also let me know whether interview dates have been set yet? I would welcome "
            "the chance to talk about the role.",
        ),
        "Best regards,",
    )


def _escalate(f: Facts) -> _Written:
    """To the hiring manager once recruiter/HR went quiet (quast): polite, no blame."""
    first = f.app.first_with_role("recruiter", "hr")
    via = clip_or_none(first.name if first else None, 32, 3) or "your recruiting team"
    did = "interviewed" if f.met else "applied"
    what = f"{did} for {f.position} at {f.company}{on_day(f.met)}"
    return _Written(
        subject("Following up", f),
        (
            f"I {what} and have been in touch with {via} since. As I haven't yet "
            "heard how the search is going, I hope you don't mind me writing to you directly.",
            "I am still very interested in the role."
            + _recalled(f, "Our conversation left a mark"),
            "Could you tell me where the decision stands, or point me to the right person? I am "
            "happy to send anything that would help.",
        ),
        "Best regards,",
    )


def _ask_insider(f: Facts) -> _Written:
    """To someone the user knows inside: a favour, easy to decline."""
    did = "interviewed" if f.met else "applied"
    what = f"{did} for {f.position} at {f.company}{on_day(f.met or f.applied)}"
    return _Written(
        subject("A small favour", f),
        (
            f"I hope all is well with you. I {what} and haven't heard anything since.",
            "Would you be comfortable asking around, informally, about how the search is going? "
            "Even a rough sense of timing would help me plan.",
            "Only if it is easy for you, and no problem at all if it would be awkward. Thank you "
            "either way.",
        ),
        "Thanks,",
    )


def _status_update(f: Facts) -> _Written:
    """§7: facts, not pressure; the other employer stays unnamed."""
    deadline = offer_deadline(f)
    when = f"by {deadline}" if deadline else "soon"
    return _Written(
        subject("An update on my search", f),
        (
            "I wanted to share an update on my search: another employer has made me an offer, "
            f"and I need to give them an answer {when}.",
            f"I remain very interested in {f.position} at {f.company}, and I would like to know "
            "where I stand with you before I decide.",
            "I don't want to rush your process; even a rough sense of your timing would help. "
            "Thank you for understanding.",
        ),
        "Best regards,",
    )


def _reply(f: Facts) -> _Written:
    inbound = f.context.inbound
    kind = inbound.kind if inbound and inbound.kind else ""
    of = f" of {weekday_date(inbound.day)}" if inbound else ""
    return _Written(
        subject("Re: your message", f),
        (
            f"Thank you for your message{of} about {f.position} at {f.company}.",
            _REPLY_LINES.get(kind, "[your reply]"),
            "Please let me know if anything else would help.",
        ),
        "Best regards,",
    )


# What a reply says, by the kind of message it answers (§5: request_info owes a reply).
_REPLY_LINES = {
    "request_info": "As you asked, here is the information you requested:\n\n"
    "[the information they asked for]",
    "interview_invite": "I would be glad to come in. These times suit me: "
    "[times that work for you]",
}


def _withdraw(f: Facts) -> _Written:
    """§7.1: after accepting elsewhere: thanks, the withdrawal, and the door left open."""
    met = f" when we met{on_day(f.met)}" if f.met else ""
    return _Written(
        subject("Withdrawing my application", f),
        (
            f"Thank you for the time you gave me{met} and for considering me for {f.position} "
            f"at {f.company}.",
            "I have accepted another offer, so I am withdrawing from your process. It was not an "
            "easy choice: I enjoyed learning about your team and its work.",
            "I hope our paths cross again, and I would be glad to stay in touch.",
        ),
        "With thanks,",
    )


def _reply_graciously(f: Facts) -> _Written:
    """After a rejection: thanks, and a door left open for later (nm-dws, crowe)."""
    met = "meeting the team" if f.met else "being considered"
    return _Written(
        subject("Thank you", f),
        (
            f"Thank you for letting me know your decision on {f.position}. Although I am "
            f"disappointed, I appreciate you telling me, and I valued {met}.",
            f"I would still very much like to work with {f.company}. Please keep me in mind for "
            "future openings that suit my background.",
            "I wish you and the team every success.",
        ),
        "Best regards,",
    )


def _letter_follow_up(f: Facts) -> _Written:
    """What a call would have said, in writing, for when calls are ruled out (phone-call)."""
    about = f"{_interview(f)}{on_day(f.met)}" if f.met else "application"
    expected = f.context.expected_by
    asking = "Could you let me know where your decision stands and when you expect to make it?"
    if expected:
        asking += f" I understood you hoped to decide around {weekday_date(expected)}."
    return _Written(
        subject("Following up on my interview" if f.met else "Following up on my application", f),
        (
            f"I am writing to follow up on my {about} for {f.position} at {f.company}. I remain "
            "very interested in the role."
            + _recalled(f, "One part of our conversation has stayed with me"),
            asking,
            "If there is anything else you need from me, I will gladly send it. My contact "
            "details are below.",
        ),
        "Best regards,",
    )


_WRITERS: dict[str, Callable[[Facts], _Written]] = {
    "send_thank_you": _thank_you,
    "confirm_receipt": _confirm_receipt,
    "check_in": _check_in,
    "ask_insider": _ask_insider,
    "escalate": _escalate,
    "call": _letter_follow_up,
    "send_letter": _letter_follow_up,
    "status_update": _status_update,
    "reply": _reply,
    "reply_graciously": _reply_graciously,
    "withdraw": _withdraw,
}

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
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import NamedTuple

from .model import LETTER, PHONE, Application, Contact, Draft, DraftContext, Profile, Step

SUBJECT_LIMIT = 70  # characters: a subject is always shorter
BODY_LIMIT = 150  # words: every body but a thank-you note is shorter
VOICEMAIL_LIMIT = 75  # words: a voicemail script never uses more

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_NOTE_BREAKS = (". ", ";", "!", "?", "•", "\r")  # where one specific in the notes ends
_NOTE_LEADS = (
    "we talked about ",
    "talked about ",
    "we discussed ",
    "discussed ",
    "we spoke about ",
    "spoke about ",
    "discussion of ",
    "discussion about ",
)
_NOTES_READ = 600  # characters of interview notes read: three short points never need more
_TITLES = frozenset(
    {"dr", "dr.", "mr", "mr.", "ms", "ms.", "mrs", "mrs.", "mx", "mx.", "prof", "prof."}
)
_INTERVIEW_KINDS = {"phone": "phone", "video": "video", "onsite": "on-site"}
_CALLEES = {"hiring_manager": "the hiring manager for", "recruiter": "the recruiter for"}


class _Facts(NamedTuple):
    """What a draft may quote, each value already clipped to a safe length."""

    step: Step
    app: Application
    context: DraftContext
    company: str
    role: str | None
    position: str  # "the Data Analyst position", or "the position" when no role is known
    person: Contact | None
    name: str | None  # the addressee's full name
    met: str | None  # the last interview's day, as written in a draft
    applied: str | None  # the application's day, as written in a draft
    points: tuple[str, ...]  # specifics from the interview notes
    sender: str | None
    email: str | None
    phone: str | None
    room: int = 3  # how many specifics the draft may quote (an email weaves in one)
    repeat: bool = True  # say the number twice on a voicemail
    terse: bool = False  # a call sheet without its nice-to-haves, for extreme input


class _Written(NamedTuple):
    """An email's or letter's content before its form: subject, paragraphs, sign-off."""

    subject: str
    paragraphs: tuple[str, ...]
    closing: str


class _Call(NamedTuple):
    """What is particular to one kind of call; the call sheet supplies the rest."""

    why: str
    questions: tuple[str, ...]
    message: str  # the reason, as said on a voicemail


# Public interface ----------------------------------------------------------------


def draft_for(
    step: Step, app: Application, profile: Profile, context: DraftContext
) -> Draft | None:
    """The words for `step`: a call sheet, a letter or an email; None for `move_on`."""
    if step.action == "move_on":
        return None
    facts = _facts(step, app, profile, context)
    draft = _render(facts)
    if step.action == "send_thank_you" and step.channel != PHONE:
        return draft  # no word limit: the thank-you note is the one place to say more
    while _over(draft.body, BODY_LIMIT - 1):
        leaner = _leaner(facts)
        if leaner is None:
            break
        facts = leaner
        draft = _render(facts)
    return draft


def _leaner(f: _Facts) -> _Facts | None:
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


def _render(f: _Facts) -> Draft:
    if f.step.channel == PHONE:
        call = _CALLS.get(f.step.action, _call_follow_up)(f)
        return Draft(None, _call_sheet(f, call))
    written = _WRITERS.get(f.step.action, _letter_follow_up)(f)
    if f.step.channel == LETTER:
        reference = (
            written.subject if written.subject.startswith("Re:") else "Re: " + written.subject
        )
        return Draft(_fit_subject(reference), _letter(f, written))
    return Draft(written.subject, _email(f, written))


# Facts ---------------------------------------------------------------------------


def _facts(step: Step, app: Application, profile: Profile, context: DraftContext) -> _Facts:
    person = app.contact(step.to)
    role = _optional(app.role, 40, 5)
    interview = context.last_interview
    return _Facts(
        step=step,
        app=app,
        context=context,
        company=_clip(app.company, 40, 4) or "the company",
        role=role,
        position=f"the {role} position" if role else "the position",
        person=person,
        name=_optional(person.name if person else None, 32, 3),
        met=_day(interview.day) if interview else None,
        applied=_applied_day(app),
        points=_points(interview.notes) if interview else (),
        sender=_optional(profile.name, 32, 3),
        email=_optional(profile.email, 60, 1),
        phone=_optional(profile.phone, 24, 4),
    )


def _applied_day(app: Application) -> str | None:
    """The day of the latest `applied` event: what a pre-interview draft refers to."""
    for event in reversed(app.events):
        if event.type == "applied":
            return _day(event.day)
    return None


def _points(notes: str | None) -> tuple[str, ...]:
    """Up to three specifics from the interview notes: their sentences and clauses."""
    if not notes:
        return ()
    text = notes[:_NOTES_READ]
    # Chained replace beats str.translate and a regex split several times over here.
    for mark in _NOTE_BREAKS:
        text = text.replace(mark, "\n")
    found: list[str] = []
    for part in text.split("\n"):
        point = _clip(_topic(part.strip(" \t-*.,:")), 64, 10)
        if point:
            found.append(point)
        if len(found) == 3:
            break
    return tuple(found)


def _topic(clause: str) -> str:
    """Drop a leading "we discussed" and the like: the draft introduces the topic itself."""
    lower = clause.lower()
    if not lower.startswith(_NOTE_LEADS):  # one C-level test for the usual case
        return clause
    for lead in _NOTE_LEADS:
        if lower.startswith(lead):
            return clause[len(lead) :]
    return clause


# Text helpers --------------------------------------------------------------------


def _day(day: date) -> str:
    """'Tuesday 12 January': our own names, so the text never depends on the locale."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def _dated(day: date) -> str:
    """'12 January 2026', the date line of a letter."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _clip(text: str, chars: int, words: int) -> str:
    """`text` on one line, at most `words` words and `chars` characters, "…" where cut."""
    tokens = text.split()
    cut = len(tokens) > words
    text = " ".join(tokens[:words])
    if len(text) >= chars:
        text = text[: chars - 1]
        space = text.rfind(" ")
        # Cut at a word boundary unless that would throw away most of the text.
        text = text[:space] if space > chars // 2 else text
        cut = True
    return text.rstrip(" ,;:-–") + "…" if cut else text


def _optional(text: str | None, chars: int, words: int) -> str | None:
    """A clipped value, or None where the journal has nothing (blank counts as nothing)."""
    return (_clip(text, chars, words) or None) if text else None


def _sentence(text: str) -> str:
    """`text` ending in sentence punctuation, so the next sentence can follow it."""
    return text if text[-1:] in ".!?…" else text + "."


def _on(day: str | None) -> str:
    return f" on {day}" if day else ""


def _over(text: str, limit: int) -> bool:
    """More than `limit` words? There are never more words than separators plus one, so
    counting separators (cheap) spares the split (dear) on all but long text."""
    return text.count(" ") + text.count("\n") >= limit and len(text.split()) > limit


def _first_name(name: str) -> str:
    """'Pat' from 'Pat Lee'; 'Dr. Lee' from 'Dr. Pat Lee', where a title asks for it."""
    parts = name.split()
    if len(parts) > 1 and parts[0].lower() in _TITLES:
        return f"{parts[0]} {parts[-1]}"
    return parts[0]


def _fit_subject(subject: str) -> str:
    return _clip(subject, SUBJECT_LIMIT - 1, 99)


def _subject(prefix: str, f: _Facts) -> str:
    """'<prefix> – <role>, <company>': the role gives way first, then the company."""
    room = SUBJECT_LIMIT - 1 - len(prefix) - 3
    topic = f.company
    if f.role:
        role = _clip(f.role, max(room - len(f.company) - 2, room // 2), 99)
        topic = f"{role}, {f.company}"
    return f"{prefix} – {_clip(topic, room, 99)}"


def _recalled(f: _Facts, lead: str) -> str:
    """' <lead>: <first specific>.' to weave into a paragraph, or nothing without notes."""
    return f" {lead}: {_sentence(f.points[0])}" if f.points and f.room else ""


def _interview(f: _Facts) -> str:
    """'video interview', or plain 'interview' when the journal doesn't say which kind."""
    kind = _kind(f)
    return f"{kind} interview" if kind else "interview"


def _kind(f: _Facts) -> str | None:
    event = f.context.last_interview
    return _INTERVIEW_KINDS.get(event.kind or "") if event else None


def _deadline(f: _Facts) -> str | None:
    deadline = f.context.offer_deadline
    return _day(deadline) if deadline else None


def _signature(f: _Facts) -> list[str]:
    return [line for line in (f.sender, f.email, f.phone) if line]


# Forms ---------------------------------------------------------------------------


def _email(f: _Facts, w: _Written) -> str:
    greeting = f"Hello {_first_name(f.name)}," if f.name else "Hello,"
    closing = "\n".join([w.closing, *_signature(f)])
    return "\n\n".join((greeting, *w.paragraphs, closing))


def _letter(f: _Facts, w: _Written) -> str:
    """A letter: date line, addressee, greeting, paragraphs, sign-off with contact lines.

    Its "Re:" line is the draft's subject; "Sincerely" replaces the email's sign-off.
    """
    address = "\n".join(line for line in (f.name, f.company) if line)
    greeting = f"Dear {f.name}," if f.name else "Dear Hiring Team,"
    closing = "\n".join(["Sincerely,", *_signature(f)])
    return "\n\n".join((_dated(f.step.due), address, greeting, *w.paragraphs, closing))


def _call_sheet(f: _Facts, call: _Call) -> str:
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


def _callee(f: _Facts) -> str:
    """Whom to ask for: by name where the journal knows it, else by what they do."""
    if f.name:
        return f.name
    lead = _CALLEES.get(f.person.role if f.person else "", "whoever handles hiring for")
    return f"{lead} {f.position}"


def _ask_for(f: _Facts) -> list[str]:
    best = None if f.terse or f.person is None else _optional(f.person.best_time, 24, 3)
    lines = [_callee(f) + (f" (best time: {best})" if best else "")]
    assistant = f.app.first_with_role("assistant")
    if assistant is not None and assistant != f.person:
        # An assistant often knows the manager's diary better than anyone (forbes).
        helper = _optional(assistant.name, 32, 3) or "their assistant"
        lines.append(f"Ask {helper} for a good time to call.")
    return lines


def _who(f: _Facts) -> str:
    """Note form: the sheet is read at a glance, mid-call."""
    me = f.sender or "[your name]"
    role = f.role or "the position"
    if f.met and f.step.action != "confirm_receipt":
        kind = None if f.terse else _kind(f)
        return f"{me}; interviewed for {role} on {f.met}" + (f" ({kind})." if kind else ".")
    return f"{me}; applied for {role}{_on(f.applied)}."


def _talking_points(f: _Facts) -> tuple[str, ...]:
    """Two or three specifics from the notes, topped up with fit points where few."""
    generic = ("Your best example for this role: [example]", f"Why {f.company} appeals to you")
    points = f.points + generic
    return points[: min(max(2, len(f.points)), f.room)] or points[:1]


def _reach(f: _Facts) -> list[str]:
    lines = [line for line in (f.phone, f.email) if line]
    return lines or ["Have your phone number ready to give."]


def _window(f: _Facts) -> str:
    """The hours in the employer's time zone (nm-dws: not at their busiest)."""
    zone = _clip(f.app.timezone, 40, 1)
    hours = _clip(f.step.window, 24, 1) if f.step.window else "Mid-morning"
    return f"{hours} {zone} time" + ("" if f.terse else f", from {_day(f.step.due)}")


def _voicemail_line(f: _Facts, message: str) -> str:
    leave = f.step.leave_message
    if leave is False or (leave is None and f.context.voicemail_left):
        # One voicemail is enough (nm-dws); more only reads as pressure.
        return "Don't leave another message: hang up and try again later."
    return f'"{_voicemail(f, message)}"'


def _voicemail(f: _Facts, message: str) -> str:
    """The script: who, which position, why, and a number said twice if it fits."""
    hello = f"Hello {_first_name(f.name)}," if f.name else "Hello,"
    opening = _sentence(
        f"{hello} this is {f.sender or '[your name]'} about {f.position} at {f.company}"
    )
    script = f"{opening} {message} {_call_back(f, f.repeat)} Thank you."
    if f.repeat and _over(script, VOICEMAIL_LIMIT):
        script = f"{opening} {message} {_call_back(f, False)} Thank you."
    return script


def _call_back(f: _Facts, repeat: bool) -> str:
    """How to reach the caller; a number is easier to note down when heard twice."""
    if f.phone:
        again = f"; that's {f.phone}" if repeat else ""
        return _sentence(f"Please call me on {f.phone}{again}")
    if f.email:
        return _sentence(f"You can email me at {f.email}")
    return "Please call me on [your phone number]."


# Call kinds ----------------------------------------------------------------------


def _call_follow_up(f: _Facts) -> _Call:
    """A call after an interview (or its stand-in on another phone step)."""
    expected = f.context.expected_by
    why = (
        "Follow up on the interview; ask where the decision stands."
        if f.met
        else "Follow up on your application and ask where it stands."
    )
    if expected:
        why += f" They aimed for {_day(expected)}."
    questions = ("Anything else you need from me?", "When do you expect to decide?")
    message = f"Following up on my interview{_on(f.met)}: I'm still very interested."
    return _Call(why, questions, message if f.met else "Following up on my application.")


def _call_confirm(f: _Facts) -> _Call:
    why = "Check your application arrived complete; ask whether interview dates are set."
    questions = ("Did everything arrive, or is anything missing?", "Have interview dates been set?")
    message = "I'm checking that my application arrived, and asking about interview timing."
    return _Call(why, questions, message)


def _call_status(f: _Facts) -> _Call:
    """An update, not an ultimatum: they hear the date and decide what to do with it."""
    deadline = _deadline(f)
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


_CALLS: dict[str, Callable[[_Facts], _Call]] = {
    "call": _call_follow_up,
    "confirm_receipt": _call_confirm,
    "status_update": _call_status,
}


# Written kinds -------------------------------------------------------------------


def _thank_you(f: _Facts) -> _Written:
    """§4.1: thanks, the fit, and where written down, the first six months (forbes)."""
    paragraphs = [
        f"Thank you for taking the time to talk with me{_on(f.met)} about {f.position} at "
        f"{f.company}. I enjoyed hearing how the team works and where it is heading.",
        _fit(f),
    ]
    plan = " ".join(f.app.first_six_months.split()) if f.app.first_six_months else ""
    if plan:
        paragraphs.append(
            f"Here is where I would put my energy in my first six months: {_sentence(plan)}"
        )
    paragraphs.append(
        "Thank you again. If any questions have come up since we spoke, I would be glad to "
        "answer them."
    )
    return _Written(_subject("Thank you for the interview", f), tuple(paragraphs), "Best regards,")


def _fit(f: _Facts) -> str:
    """The fit, tied to the role, and to the first specific from the notes where there is one."""
    if f.points and f.room:
        return (
            f"One part of our conversation has stayed with me: {_sentence(f.points[0])} "
            "It connects closely with my experience in [your most relevant experience], and I "
            "believe I could contribute quickly."
        )
    return (
        f"What I learned about {f.position} connects closely with my experience in [your most "
        "relevant experience], and I believe I could contribute quickly."
    )


def _check_in(f: _Facts) -> _Written:
    """Collaborative, not needy (forbes): interest, a question, an offer of help."""
    if f.met:
        opening = (
            f"I enjoyed talking with you about {f.position} at {f.company}{_on(f.met)}, and my "
            "interest has only grown since." + _recalled(f, "One thing I keep thinking about")
        )
    else:
        opening = (
            f"I applied for {f.position} at {f.company}{_on(f.applied)} and remain keen on it."
        )
    asking = "Could you tell me how the search is going?"
    if f.context.expected_by:
        asking += (
            f" I know you hoped to settle things around {_day(f.context.expected_by)}, and I "
            "understand that timelines move."
        )
    helping = (
        "If anything from my side would make the next step easier, such as references, samples "
        "of my work or another conversation, I am glad to provide it."
    )
    return _Written(_subject("Checking in", f), (opening, asking, helping), "Best regards,")


def _confirm_receipt(f: _Facts) -> _Written:
    return _Written(
        _subject("Confirming my application", f),
        (
            f"I applied for {f.position} at {f.company}{_on(f.applied)} and would like to make "
            "sure my application reached you complete.",
            "Could you also let me know whether interview dates have been set yet? I would welcome "
            "the chance to talk about the role.",
        ),
        "Best regards,",
    )


def _escalate(f: _Facts) -> _Written:
    """To the hiring manager once recruiter/HR went quiet (quast): polite, no blame."""
    first = f.app.first_with_role("recruiter", "hr")
    via = _optional(first.name if first else None, 32, 3) or "your recruiting team"
    did = "interviewed" if f.met else "applied"
    what = f"{did} for {f.position} at {f.company}{_on(f.met)}"
    return _Written(
        _subject("Following up", f),
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


def _ask_insider(f: _Facts) -> _Written:
    """To someone the user knows inside: a favour, easy to decline."""
    did = "interviewed" if f.met else "applied"
    what = f"{did} for {f.position} at {f.company}{_on(f.met or f.applied)}"
    return _Written(
        _subject("A small favour", f),
        (
            f"I hope all is well with you. I {what} and haven't heard anything since.",
            "Would you be comfortable asking around, informally, about how the search is going? "
            "Even a rough sense of timing would help me plan.",
            "Only if it is easy for you, and no problem at all if it would be awkward. Thank you "
            "either way.",
        ),
        "Thanks,",
    )


def _status_update(f: _Facts) -> _Written:
    """§7: facts, not pressure; the other employer stays unnamed."""
    deadline = _deadline(f)
    when = f"by {deadline}" if deadline else "soon"
    return _Written(
        _subject("An update on my search", f),
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


def _reply(f: _Facts) -> _Written:
    inbound = f.context.inbound
    kind = inbound.kind if inbound and inbound.kind else ""
    of = f" of {_day(inbound.day)}" if inbound else ""
    return _Written(
        _subject("Re: your message", f),
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


def _reply_graciously(f: _Facts) -> _Written:
    """After a rejection: thanks, and a door left open for later (nm-dws, crowe)."""
    met = "meeting the team" if f.met else "being considered"
    return _Written(
        _subject("Thank you", f),
        (
            f"Thank you for letting me know your decision on {f.position}. Although I am "
            f"disappointed, I appreciate you telling me, and I valued {met}.",
            f"I would still very much like to work with {f.company}. Please keep me in mind for "
            "future openings that suit my background.",
            "I wish you and the team every success.",
        ),
        "Best regards,",
    )


def _letter_follow_up(f: _Facts) -> _Written:
    """What a call would have said, in writing, for when calls are ruled out (phone-call)."""
    about = f"{_interview(f)}{_on(f.met)}" if f.met else "application"
    expected = f.context.expected_by
    asking = "Could you let me know where your decision stands and when you expect to make it?"
    if expected:
        asking += f" I understood you hoped to decide around {_day(expected)}."
    return _Written(
        _subject("Following up on my interview" if f.met else "Following up on my application", f),
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


_WRITERS: dict[str, Callable[[_Facts], _Written]] = {
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
}

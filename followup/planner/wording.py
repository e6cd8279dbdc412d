"""What every draft may say: the facts it quotes, clipped, and the wording they share.

Emails, letters and call sheets all quote the same facts from the journal, each
value clipped before it is quoted so that no input can break the limits of the
rules (§9). Standard library only, and no locale: the same input, the same words.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import NamedTuple

from .model import Application, Contact, DraftContext, Profile, Step

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
# Words that make a contact's name a team, a department or a mailbox, not a person.
_NOT_PEOPLE = frozenset(
    {
        "resources",
        "team",
        "inbox",
        "jobs",
        "careers",
        "recruiting",
        "recruitment",
        "talent",
        "hiring",
        "department",
        "office",
        "desk",
        "committee",
        "people",
        "staff",
        "support",
        "info",
        "admin",
        "reception",
        "mailbox",
        "general",
    }
)
_INTERVIEW_KINDS = {"phone": "phone", "video": "video", "onsite": "on-site"}


class Facts(NamedTuple):
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


# Facts ---------------------------------------------------------------------------


def gather_facts(step: Step, app: Application, profile: Profile, context: DraftContext) -> Facts:
    person = app.contact(step.to)
    company, role, position = _about_the_job(app.company, app.role)
    interview = context.last_interview
    return Facts(  # positional: keywords cost twice as much, once per draft
        step,
        app,
        context,
        company,
        role,
        position,
        person,
        clip_or_none(person.name if person else None, 32, 3),  # name
        weekday_date(interview.day) if interview else None,  # met
        _applied_day(app),  # applied
        _points(interview.notes, _names_of(app.contacts)) if interview else (),  # points
        *_signature(profile),  # sender, email, phone
    )


# The drafts of one plan quote the same profile, companies, people and interview notes
# over and over (a server, at every request): each is worked out once. The functions
# are pure, and the caches bounded.


@lru_cache(maxsize=4096)
def _about_the_job(company: str, role: str | None) -> tuple[str, str | None, str]:
    """The company, the role and "the <role> position", clipped."""
    role = clip_or_none(role, 40, 5)
    position = f"the {role} position" if role else "the position"
    return clip(company, 40, 4) or "the company", role, position


@lru_cache(maxsize=64)
def _signature(profile: Profile) -> tuple[str | None, str | None, str | None]:
    """The sender's name, email and phone, clipped."""
    return (
        clip_or_none(profile.name, 32, 3),
        clip_or_none(profile.email, 60, 1),
        clip_or_none(profile.phone, 24, 4),
    )


def _applied_day(app: Application) -> str | None:
    """The day of the latest `applied` event: what a pre-interview draft refers to."""
    for event in reversed(app.events):
        if event.type == "applied":
            return weekday_date(event.day)
    return None


@lru_cache(maxsize=4096)
def _names_of(people: tuple[Contact, ...]) -> frozenset[str]:
    """The words that name the application's people: ids and each part of a name."""
    words = [w for p in people for w in (*(p.name or "").lower().split(), p.id.lower())]
    return frozenset(w.strip(".,") for w in words if len(w) > 1) - _TITLES


def _about(point: str, names: frozenset[str]) -> bool:
    """Does the point speak of someone there ("Pat asked about my SQL")?"""
    return bool(names) and not names.isdisjoint(w.strip(".,:;'’()").lower() for w in point.split())


@lru_cache(maxsize=4096)
def _points(notes: str | None, avoid: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Up to three specifics from the interview notes: their sentences and clauses, but
    none that names one of the employer's people (`avoid`): a note the user wrote about
    Pat, quoted back to Pat or to a colleague, reads as if Pat were being watched."""
    if not notes:
        return ()
    text = notes[:_NOTES_READ]
    # Chained replace beats str.translate and a regex split several times over here.
    for mark in _NOTE_BREAKS:
        text = text.replace(mark, "\n")
    found: list[str] = []
    for part in text.split("\n"):
        point = clip(_topic(part.strip(" \t-*.,:")), 64, 10)
        if point and not _about(point, avoid):
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


def weekday_date(day: date) -> str:
    """'Tuesday 12 January': our own names, so the text never depends on the locale."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def letter_date(day: date) -> str:
    """'12 January 2026', the date line of a letter."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def clip(text: str, chars: int, words: int) -> str:
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


def clip_or_none(text: str | None, chars: int, words: int) -> str | None:
    """A clipped value, or None where the journal has nothing (blank counts as nothing)."""
    return (clip(text, chars, words) or None) if text else None


def sentence(text: str) -> str:
    """`text` ending in sentence punctuation, so the next sentence can follow it."""
    return text if text[-1:] in ".!?…" else text + "."


def on_day(day: str | None) -> str:
    return f" on {day}" if day else ""


def more_words_than(text: str, limit: int) -> bool:
    """More than `limit` words? There are never more words than separators plus one, so
    counting separators (cheap) spares the split (dear) on all but long text."""
    return text.count(" ") + text.count("\n") >= limit and len(text.split()) > limit


def hello(name: str | None) -> str:
    """'Hello Pat,' to a person; 'Hello,' to a team or an inbox ("Human Resources")."""
    return f"Hello {first_name(name)}," if name and is_person(name) else "Hello,"


def is_person(name: str) -> bool:
    """Does `name` read as a person's? 'Human Resources', 'Jobs inbox' do not."""
    words = [word.strip(".,()").lower() for word in name.split()]
    return words != ["hr"] and not _NOT_PEOPLE.intersection(words)


def first_name(name: str) -> str:
    """'Pat' from 'Pat Lee'; 'Dr. Lee' from 'Dr. Pat Lee', where a title asks for it."""
    parts = name.split()
    if len(parts) > 1 and parts[0].lower() in _TITLES:
        return f"{parts[0]} {parts[-1]}"
    return parts[0]


def interview_kind(f: Facts) -> str | None:
    event = f.context.last_interview
    return _INTERVIEW_KINDS.get(event.kind or "") if event else None


def offer_deadline(f: Facts) -> str | None:
    deadline = f.context.offer_deadline
    return weekday_date(deadline) if deadline else None

"""What a mail message means for the journal: which application, and which event.

Pure: a `Message` (see `message.py`) and the applications' facts in, a `Proposal`
out, no I/O. Matching goes from the strongest evidence to the weakest (a contact's
own address, the thread, the sender's domain, the company's name); reading goes by
our own phrase lists, checked in order of what matters most to the plan.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .message import Message
from .phrases import (
    DECISION,
    DO_NOT_CALL,
    DRAFT_SUBJECTS,
    INTERVIEW,
    OFFER,
    REJECTION,
    REQUEST_INFO,
)

HIGH, MEDIUM, LOW = "high", "medium", "low"

# Domains many employers share: a posting on a job board or a recruiter writing
# from a free mailbox says nothing about which application a message is about.
SHARED_DOMAINS = frozenset(
    [
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "fastmail.com",
        "mail.com",
        "greenhouse.io",
        "lever.co",
        "myworkdayjobs.com",
        "workday.com",
        "smartrecruiters.com",
        "ashbyhq.com",
        "icims.com",
        "jobvite.com",
        "taleo.net",
        "bamboohr.com",
        "recruitee.com",
        "workable.com",
        "teamtailor.com",
        "linkedin.com",
        "indeed.com",
        "glassdoor.com",
        "ziprecruiter.com",
        "monster.com",
        "usajobs.gov",
    ]
)
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu"})


@dataclass(frozen=True)
class ContactFacts:
    id: str
    name: str
    email: str


@dataclass(frozen=True)
class ApplicationFacts:
    """What matching needs to know about one application."""

    id: str
    company: str
    timezone: str
    posting_url: str = ""
    contacts: tuple[ContactFacts, ...] = ()


@dataclass(frozen=True)
class Match:
    application: str
    confidence: str
    evidence: str
    contact: str | None = None  # the contact id the message is from (or to)


@dataclass(frozen=True)
class Proposal:
    """A proposed journal event for `match.application`, and why."""

    match: Match
    event: dict[str, Any]
    label: str  # what the message is, in words: "a rejection", "a sent check-in"
    evidence: tuple[str, ...] = field(default=())


# Matching ----------------------------------------------------------------------------


def base_domain(host: str) -> str:
    """'jobs.acme.example' -> 'acme.example'; 'mail.acme.co.uk' -> 'acme.co.uk'."""
    labels = host.lower().strip(".").split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])


def _domain(address: str) -> str:
    return base_domain(address.rpartition("@")[2]) if "@" in address else ""


@dataclass(frozen=True)
class _Index:
    """The applications' addresses, domains and names, looked up in one step each:
    built once per set of applications, not once per message (bench/mail_sync.py)."""

    addresses: dict[str, tuple[ApplicationFacts, ContactFacts]]
    domains: dict[str, list[ApplicationFacts]]
    companies: re.Pattern[str] | None
    by_name: dict[str, list[ApplicationFacts]]


@functools.lru_cache(maxsize=8)
def _index(apps: tuple[ApplicationFacts, ...]) -> _Index:
    addresses: dict[str, tuple[ApplicationFacts, ContactFacts]] = {}
    domains: dict[str, list[ApplicationFacts]] = {}
    by_name: dict[str, list[ApplicationFacts]] = {}
    for app in apps:
        for contact in app.contacts:
            if contact.email:
                addresses.setdefault(contact.email.lower(), (app, contact))
        for domain in _domains_of(app) - SHARED_DOMAINS:
            domains.setdefault(domain, []).append(app)
        if name := company_name(app.company):
            by_name.setdefault(name.casefold(), []).append(app)
    names = sorted(by_name, key=len, reverse=True)  # the longest name wins a tie
    pattern = "|".join(re.escape(n) for n in names)
    companies = re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.I) if names else None
    return _Index(addresses, domains, companies, by_name)


def _domains_of(app: ApplicationFacts) -> set[str]:
    theirs = {_domain(c.email) for c in app.contacts if c.email}
    if app.posting_url:
        theirs.add(base_domain(urlsplit(app.posting_url).hostname or ""))
    return theirs - {""}


def _by_address(people: tuple[str, ...], index: _Index) -> Match | None:
    for person in people:
        if person in index.addresses:
            app, contact = index.addresses[person]
            who = contact.name or contact.id
            return Match(app.id, HIGH, f"{contact.email} is {who}'s address", contact.id)
    return None


def _by_thread(message: Message, threads: dict[str, str]) -> Match | None:
    for ref in (message.in_reply_to, *reversed(message.references)):
        if ref and ref in threads:
            return Match(threads[ref], HIGH, "a reply in a thread already matched to it")
    return None


def _by_domain(people: tuple[str, ...], index: _Index) -> Match | None:
    found = {
        (app.id, domain)
        for domain in sorted({_domain(p) for p in people})
        for app in index.domains.get(domain, ())
    }
    if len({app for app, _ in found}) != 1:  # none, or several at one employer: can't tell
        return None
    app_id, domain = min(found)
    return Match(app_id, MEDIUM, f"sent from {domain}, the domain of its contacts or posting")


_COMPANY_SUFFIX = re.compile(
    r"[,.]?\s+(inc|corp|corporation|co|company|ltd|llc|gmbh|ag|plc|sa|s\.a|bv)\.?$", re.I
)


def company_name(company: str) -> str | None:
    """The name to look for in a message: 'Acme Corp' -> 'Acme'; None when too short
    to tell from chance ('HP', '3M')."""
    name = _COMPANY_SUFFIX.sub("", company.strip())
    return name if len(name) >= 3 else None


def _by_company(message: Message, index: _Index) -> Match | None:
    if index.companies is None:
        return None
    where = f"{message.sender_name}\n{message.subject}\n{message.text}"
    named = {m.group(0).casefold() for m in index.companies.finditer(where)}
    found = [app for name in named for app in index.by_name[name]]
    if len(found) != 1:  # none, or several companies or applications named
        return None
    return Match(found[0].id, LOW, f"mentions {found[0].company}")


def match(
    message: Message, apps: tuple[ApplicationFacts, ...], threads: dict[str, str], sent: bool
) -> Match | None:
    """The application `message` is about, or None. `threads` maps the Message-IDs of
    messages already matched to their application; `sent`: the user wrote it."""
    people = message.recipients if sent else (message.sender,)
    index = _index(apps)
    return (
        _by_address(people, index)
        or _by_thread(message, threads)
        or _by_domain(people, index)
        or _by_company(message, index)
    )


# Reading -----------------------------------------------------------------------------

MONTHS = {
    name: i + 1
    for i, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_DAY_MONTH = re.compile(
    r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\.?(?:,?\s+(\d{4}))?", re.I
)
_MONTH_DAY = re.compile(r"([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b", re.I)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_WEEKDAY = re.compile(r"(?:(next|this)\s+)?(mon|tue|wed|thu|fri|sat|sun)[a-z]*\b", re.I)


def _on_or_after(day: int, month: int, year: str | None, after: date) -> date | None:
    try:
        if year:
            return date(int(year), month, day)
        found = date(after.year, month, day)
        return found if found >= after else date(after.year + 1, month, day)
    except ValueError:
        return None


def _month(name: str) -> int | None:
    return MONTHS.get(name[:3].lower())


def read_date(text: str, after: date) -> date | None:
    """The date `text` starts with ("Friday 12 December", "Dec 12, 2026", "2026-12-12",
    "next Tuesday"), the first such date on or after `after` when no year is given."""
    text = re.sub(r"^(the\s+)?(end\s+of\s+)?", "", text.strip(), flags=re.I)
    text = (
        re.sub(
            r"^(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?\.?,?\s+", "", text, flags=re.I
        )
        or text
    )
    if m := _ISO.match(text):
        return _on_or_after(int(m[3]), int(m[2]), m[1], after)
    if (m := _DAY_MONTH.match(text)) and (month := _month(m[2])):
        return _on_or_after(int(m[1]), month, m[3], after)
    if (m := _MONTH_DAY.match(text)) and (month := _month(m[1])):
        return _on_or_after(int(m[2]), month, m[3], after)
    return None


def _weekday(text: str, after: date) -> date | None:
    """'Friday', 'next Monday': the first such day after `after` ("next" is read as
    "the coming", as most people mean it)."""
    m = _WEEKDAY.match(text.strip())
    if not m:
        return None
    ahead = (WEEKDAYS.index(m[2].lower()) - after.weekday()) % 7 or 7
    return date.fromordinal(after.toordinal() + ahead)


def decision_date(text: str, after: date) -> date | None:
    """The date an employer says they will decide or be in touch by, or None."""
    for m in DECISION.finditer(text):
        when = m["when"]
        found = read_date(when, after) or _weekday(when, after)
        if found and found > after:
            return found
    return None


def local_at(moment: datetime, zone: str) -> str:
    """`moment` as the journal's local date-time in `zone` (UTC if unknown)."""
    try:
        tz = ZoneInfo(zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    return moment.astimezone(tz).strftime("%Y-%m-%dT%H:%M")


def sent_purpose(subject: str) -> str:
    """The purpose of a message we drafted, known by its subject; else 'other'."""
    plain = re.sub(r"^(fwd?|fw):\s*", "", subject.strip(), flags=re.I)
    for prefix, purpose in DRAFT_SUBJECTS:
        if plain.startswith(prefix + " – ") or plain == prefix:
            return purpose
    return "other"


def heard_kind(message: Message, after: date) -> tuple[str, dict[str, Any]]:
    """What an inbound message says, by the phrase lists: a kind and its extra fields."""
    text = f"{message.subject}\n{message.text}"
    if DO_NOT_CALL.search(text):
        return "do_not_call", {}
    if REJECTION.search(text):
        return "rejection", {}
    if OFFER.search(text):
        return "offer", {}
    if message.invitation or INTERVIEW.search(text):
        return "interview_invite", {}
    if by := decision_date(message.text, after):
        return "new_date", {"by": by.isoformat()}
    if REQUEST_INFO.search(message.text):
        return "request_info", {}
    return "reply", {}


LABELS = {
    "do_not_call": "please don't call",
    "rejection": "a rejection",
    "offer": "an offer",
    "interview_invite": "an interview invitation",
    "new_date": "a new decision date",
    "request_info": "a request for information",
    "reply": "a reply",
}
_INTERVIEW_KINDS = (
    ("video", r"video|zoom|teams|meet\b|webex"),
    ("phone", r"phone|call"),
    ("onsite", r"on-?site|in person|office"),
)


def _interview_event(message: Message, app: ApplicationFacts, found: Match) -> dict[str, Any]:
    invitation = message.invitation
    assert invitation is not None
    event: dict[str, Any] = {"type": "interview", "at": local_at(invitation.start, app.timezone)}
    if found.contact:
        event["with"] = [found.contact]
    for kind, words in _INTERVIEW_KINDS:
        if re.search(words, invitation.summary, re.I):
            event["kind"] = kind
            break
    start = invitation.start.strftime("%Y-%m-%d %H:%M")
    event["notes"] = (
        f"From the calendar invitation: {invitation.summary or 'interview'}, {start} {invitation.zone}"
    )
    return event


def propose(
    message: Message,
    apps: tuple[ApplicationFacts, ...],
    threads: dict[str, str],
    sent: bool,
) -> Proposal | None:
    """The journal event `message` stands for, or None when it matches no application."""
    found = match(message, apps, threads, sent)
    if found is None:
        return None
    app = next(a for a in apps if a.id == found.application)
    at = local_at(message.date, app.timezone)
    if sent:
        purpose = sent_purpose(message.subject)
        event: dict[str, Any] = {"type": "sent", "at": at, "channel": "email", "purpose": purpose}
        if found.contact:
            event["to"] = found.contact
        label = "a sent message" if purpose == "other" else f"a sent {purpose.replace('_', ' ')}"
        return Proposal(found, event, label, (found.evidence,))
    kind, extra = heard_kind(message, message.date.date())
    if kind == "interview_invite" and message.invitation:
        return Proposal(
            found,
            _interview_event(message, app, found),
            "a scheduled interview",
            (found.evidence, "a calendar invitation is attached"),
        )
    event = {"type": "heard", "at": at, "channel": "email", "kind": kind, **extra}
    if found.contact:
        event["from"] = found.contact
    return Proposal(found, event, LABELS[kind], (found.evidence,))

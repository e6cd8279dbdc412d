"""Plain-language views of plans and journals for the templates.

Templates stay simple: everything a card or a timeline line says is worked out
here, from the planner's values (steps, applications) and the stored events.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple
from urllib.parse import quote, urlencode

from ..planner.directions import PostingDirections, read_posting
from ..planner.drafts import NOTHING_TO_WRITE
from ..planner.model import Application as PlannedApplication
from ..planner.model import Contact as PlannedContact
from ..planner.model import Profile as PlannedProfile
from ..planner.model import Salary, Step, action_label
from ..planner.occasions import when as interview_when
from ..planner.plan import ApplicationPlan, Nudge, render_draft
from . import models, services

SOURCE_TITLES = {
    "crowe": "The Job Hunt: How to get called back for another job interview",
    "forbes": "When They Don't Call To Offer You The Job",
    "phone-call": "Follow Up Phone Call",
    "nm-dws": "Follow-up call shows interest",
    "quast": "What To Do When You've Interviewed, But Haven't Heard Back From The Employer",
}
CHANNELS = {
    "email": "Email",
    "phone": "Phone",
    "letter": "Letter",
    "message": "Message",
    "in_person": "In person",
}
CALL_OUTCOMES = (
    ("spoke", "Spoke with them"),
    ("voicemail", "Left a voicemail"),
    ("no_answer", "No answer"),
    ("assistant", "Spoke to an assistant"),
)
HEARD_KINDS = (
    ("reply", "They replied"),
    ("update", "They gave an update"),
    ("new_date", "They gave a new date"),
    ("request_info", "They asked for more information"),
    ("interview_invite", "They invited you to an interview"),
    ("rejection", "They said no"),
    ("offer", "They made an offer"),
    ("do_not_call", "They asked you not to phone"),
    ("do_not_contact", "They'll get in touch if interested"),
)
ROLES = {
    "recruiter": "Recruiter",
    "hr": "HR",
    "hiring_manager": "Hiring manager",
    "interviewer": "Interviewer",
    "assistant": "Assistant",
    "insider": "Knows you, works there",
    "other": "Contact",
}
EMPLOYER_KINDS = {
    "corporate": "Large company",
    "small_business": "Small business",
    "startup": "Start-up",
    "nonprofit": "Nonprofit",
    "government": "Government",
    "staffing_agency": "Staffing agency",
    "unknown": "Not known",
}
STAGES = {
    "saved": "Saved",
    "applied": "Applied",
    "interviewing": "Interviewing",
    "offer": "Offer",
    "closed": "Closed",
}

# "{who}" is the contact's name, or a stand-in when the step names nobody.
_WHAT = {
    "send_thank_you": "Send a thank-you note to {who}",
    "confirm_receipt": "Check that {who} received your application",
    "check_in": "Check in with {who}",
    "ask_insider": "Ask {who} how things stand inside",
    "escalate": "Write to {who}, the hiring manager",
    "call": "Call {who}",
    "send_letter": "Send a letter to {who}",
    "status_update": "Tell {who} where things stand",
    "reply": "Reply to {who}",
    "reply_graciously": "Reply graciously to {who}",
    "move_on": "Move on: stop following up",
    "decide_offer": "Decide on the offer: accept or decline",
    "withdraw": "Withdraw warmly: tell {who} you have accepted another offer",
}
_BY_PHONE = {
    "confirm_receipt": "Call {who} to check your application arrived",
    "check_in": "Call {who} to check in",
    "status_update": "Call {who} to tell them where things stand",
}
_NOBODY = {"send_thank_you": "your interviewer", "withdraw": "the employer"}


def planner_profile(profile: models.Profile) -> PlannedProfile:
    """The stored profile as the drafts want it (same defaults as the journal parser)."""
    return PlannedProfile(
        name=profile.name,
        email=profile.email,
        phone=profile.phone,
        country=profile.country or "US",
        subdivision=profile.subdivision,
        timezone=profile.timezone or "UTC",
    )


def named(app: models.Application) -> PlannedApplication:
    """Just enough of the planner's view of `app` to name its people."""
    people = tuple(PlannedContact(c.slug, c.name) for c in app.contacts.all())
    return PlannedApplication(app.slug, app.company, contacts=people)


def day(d: date) -> str:
    """'Tue 17 Nov' (the year only when it isn't the current one would need `as_of`)."""
    return f"{d:%a} {d.day} {d:%b}"


def person(app: PlannedApplication, contact_id: str | None) -> str | None:
    found = app.contact(contact_id)
    return (found.name or found.id) if found else contact_id


def what_to_do(item: ApplicationPlan, step: Step) -> str:
    """'Call Gloria Sandoval', 'Send a thank-you note to Tomás Herrera'."""
    interview = item.context.scheduled
    if step.action == "prepare_interview" and interview is not None:
        return f"Interview on {interview_when(interview)}: prepare"
    who = person(item.application, step.to) or _NOBODY.get(step.action, "the employer")
    phrases = _BY_PHONE if step.channel == "phone" and step.action in _BY_PHONE else _WHAT
    return phrases.get(step.action, action_label(step.action)).format(who=who)


def sources(step: Step) -> list[str]:
    return [SOURCE_TITLES.get(slug, slug) for slug in step.sources]


def mailto(email: str | None, subject: str | None, body: str) -> str:
    """A mailto: link (RFC 6068): every reserved character percent-encoded, spaces as
    %20 (a '+' would reach the message as a plus sign), lines ending CRLF."""
    fields = []
    if subject:
        fields.append("subject=" + quote(subject, safe=""))
    fields.append("body=" + quote(body.replace("\r\n", "\n").replace("\n", "\r\n"), safe=""))
    return f"mailto:{quote(email or '', safe='@')}?" + "&".join(fields)


class StepCard(NamedTuple):
    """One step on the Today page, ready to show."""

    key: str  # unique on the page, for element ids
    slug: str
    company: str
    role: str | None
    action: str
    to: str | None
    what: str
    channel: str | None  # as in the plan: email, phone, letter, message, or None
    channel_label: str | None
    due: date
    due_by: date
    reason: str
    sources: list[str]
    subject: str | None
    body: str | None
    mailto: str | None
    phone: str | None
    window: str | None
    timezone: str
    leave_message: bool | None
    contacts: Sequence[PlannedContact]
    # Today lists cards without their words (loaded when opened): has_draft says
    # whether there are any; subject, body and mailto are filled in only when drafted.
    has_draft: bool = False

    @property
    def is_phone(self) -> bool:
        return self.channel == "phone"

    @property
    def is_move_on(self) -> bool:
        return self.action == "move_on"

    @property
    def records_nothing(self) -> bool:
        """Preparing and deciding are not messages: no "Done — sent" for them."""
        return self.action in services.NOT_RECORDED

    @property
    def is_preparation(self) -> bool:
        return self.action == "prepare_interview"

    @property
    def window_start(self) -> str | None:
        return self.window.split("-")[0] if self.window else None

    @property
    def window_end(self) -> str | None:
        return self.window.split("-")[-1] if self.window else None

    @property
    def draft_name(self) -> str:
        if self.is_phone:
            return "Call sheet"
        if self.is_preparation:
            return "Preparation sheet"
        return DRAFT_NAMES.get(self.channel or "", "Draft message")

    @property
    def draft_query(self) -> str:
        """Which step's draft to fetch (the step view's query string), and the ids to use."""
        return urlencode({"action": self.action, "to": self.to or "", "key": self.key})


DRAFT_NAMES = {"letter": "Draft letter", "email": "Draft email"}


def step_card(
    key: str, item: ApplicationPlan, step: Step, profile: PlannedProfile, drafted: bool = True
) -> StepCard:
    """The card of `step`; with its draft (or call sheet) written out only if `drafted`."""
    app = item.application
    draft: dict[str, Any] | None = render_draft(item, step, profile) if drafted else None
    contact = app.contact(step.to)
    subject, body = (draft["subject"], draft["body"]) if draft else (None, None)
    link = (
        mailto(contact.email if contact else None, subject, body)
        if body and step.channel == "email"
        else None
    )
    return StepCard(
        key=key,
        slug=app.id,
        company=app.company,
        role=app.role,
        action=step.action,
        to=step.to,
        what=what_to_do(item, step),
        channel=step.channel,
        channel_label=CHANNELS.get(step.channel or "", step.channel),
        due=step.due,
        due_by=step.due_by,
        reason=step.reason,
        sources=sources(step),
        subject=subject,
        body=body,
        mailto=link,
        phone=contact.phone if contact and step.channel == "phone" else None,
        window=step.window,
        timezone=app.timezone,
        leave_message=step.leave_message,
        contacts=app.contacts,
        has_draft=step.action not in NOTHING_TO_WRITE,
    )


class Group(NamedTuple):
    name: str  # overdue | today | week: a CSS hook
    title: str
    cards: list[StepCard]


def today_groups(page: services.Today, profile: PlannedProfile) -> list[Group]:
    """The non-empty groups of the Today page, most urgent first."""
    titles = (
        ("overdue", "Overdue", page.overdue),
        ("today", "Today", page.today),
        ("week", "This week", page.this_week),
    )
    groups, n = [], 0
    for name, title, pairs in titles:
        cards = []
        for item, step in pairs:
            n += 1
            cards.append(step_card(f"s{n}", item, step, profile, drafted=False))
        if cards:
            groups.append(Group(name, title, cards))
    return groups


WHEN_FILTERS = {"overdue": "Overdue", "today": "Today", "week": "This week"}
HOW_FILTERS = {"email": "Email", "phone": "Phone", "letter": "Letter"}


def filter_groups(groups: list[Group], when: str, how: str) -> list[Group]:
    """Only the group `when` names and the steps done the way `how` names (either
    may be empty: no filter); groups left empty are dropped."""
    kept = []
    for group in groups:
        cards = [c for c in group.cards if not how or c.channel == how]
        if cards and (not when or group.name == when):
            kept.append(Group(group.name, group.title, cards))
    return kept


class NudgeNote(NamedTuple):
    title: str
    reason: str
    sources: list[str]


def nudge_notes(nudges: Iterable[Nudge]) -> list[NudgeNote]:
    titles = {"keep_searching": "Keep searching", "weekly_goal": "Weekly goal"}
    return [
        NudgeNote(
            titles.get(n.kind, n.kind), n.reason, [SOURCE_TITLES.get(s, s) for s in n.sources]
        )
        for n in nudges
    ]


# The application page -----------------------------------------------------------


class Fact(NamedTuple):
    label: str
    value: str
    link: str | None = None


def facts(app: PlannedApplication, stored: models.Application) -> list[Fact]:
    """What the page says about the job; only what the journal holds."""
    rows = [Fact("Company", app.company)]
    if app.role:
        rows.append(Fact("Role", app.role))
    rows.append(Fact("Employer", EMPLOYER_KINDS.get(app.employer_kind, app.employer_kind)))
    if app.industry:
        rows.append(Fact("Industry", app.industry))
    place = app.country + (f"-{app.subdivision}" if app.subdivision else "")
    rows.append(
        Fact(
            "Location",
            f"{place}, {app.timezone} time" + ("" if stored.timezone else " (your time zone)"),
        )
    )
    if app.posting_url:
        rows.append(
            Fact(
                "Posting",
                app.posting_url,
                app.posting_url if app.posting_url.startswith(("https://", "http://")) else None,
            )
        )
    if app.salary:
        rows.append(Fact("Salary", salary_text(app.salary)))
    if app.notes:
        rows.append(Fact("Notes", app.notes))
    return rows


PER = {"year": "a year", "month": "a month", "week": "a week", "day": "a day", "hour": "an hour"}


def salary_text(salary: Salary) -> str:
    """'USD 68,000–76,000 a year', 'from USD 30 an hour', 'up to 50,000 a month'."""
    money = f"{salary.currency} " if salary.currency else ""
    low, high = salary.min, salary.max
    if low is not None and high is not None:
        figure = _amount(low) if low == high else f"{_amount(low)}–{_amount(high)}"
        said = f"{money}{figure}"
    elif low is not None:
        said = f"from {money}{_amount(low)}"
    else:
        said = f"up to {money}{_amount(high or 0)}"
    return f"{said} {PER.get(salary.period, salary.period)}"


def _amount(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def directions(app: PlannedApplication) -> PostingDirections | None:
    """What the posting text asks about follow-up, or None without a posting text."""
    return read_posting(app.posting_text) if app.posting_text else None


class ContactCard(NamedTuple):
    contact: PlannedContact
    role: str
    missing: list[str]  # what to find out: spec §9 contact hygiene (nm-dws)


def contact_cards(app: PlannedApplication) -> list[ContactCard]:
    cards = []
    for c in app.contacts:
        missing = [
            label
            for label, value in (
                ("email", c.email),
                ("phone number", c.phone),
                ("best time to call", c.best_time),
            )
            if not value
        ]
        cards.append(ContactCard(c, ROLES.get(c.role, c.role), missing))
    return cards


class LadderRow(NamedTuple):
    label: str  # "Next" or "If nobody answers"
    what: str
    channel: str | None
    due: date
    due_by: date
    window: str | None
    leave_message: bool | None
    reason: str
    sources: list[str]

    @property
    def window_start(self) -> str | None:
        return self.window.split("-")[0] if self.window else None

    @property
    def window_end(self) -> str | None:
        return self.window.split("-")[-1] if self.window else None


def ladder(item: ApplicationPlan) -> list[LadderRow]:
    return [
        LadderRow(
            "Next" if n == 0 else "If nobody answers",
            what_to_do(item, step),
            CHANNELS.get(step.channel or "", step.channel),
            step.due,
            step.due_by,
            step.window,
            step.leave_message,
            step.reason,
            sources(step),
        )
        for n, step in enumerate(item.steps)
    ]


class TimelineLine(NamedTuple):
    id: int
    when: str
    local_at: str
    text: str
    notes: str | None


_PURPOSES = {
    "thank_you": "a thank-you note",
    "confirm_receipt": "a note confirming your application arrived",
    "check_in": "a check-in",
    "ask_insider": "a question about where things stand",
    "escalate": "a note to the hiring manager",
    "status_update": "an update on your search",
    "reply": "a reply",
    "reply_graciously": "a gracious reply",
    "letter": "a letter",
    "withdraw": "a note withdrawing your application",
    "other": "a message",
}
_OUTCOMES = {
    "spoke": "spoke with them",
    "voicemail": "left a voicemail",
    "no_answer": "no answer",
    "assistant": "spoke to an assistant",
}
_CLOSED = {
    "accepted": "you accepted the offer",
    "withdrawn": "you withdrew",
    "moved_on": "you moved on",
    "rejected": "they said no",
}
_INTERVIEW_KINDS = {"phone": "by phone", "video": "by video", "onsite": "on site"}
_VIA = {"phone": "by phone", "email": "by email", "any": ""}


def timeline(
    events: Iterable[models.Event], app: PlannedApplication, as_of: date
) -> list[TimelineLine]:
    """The events, newest first, each in one plain sentence."""
    ordered = sorted(events, key=lambda e: (e.local_at, e.position, e.id), reverse=True)
    return [
        TimelineLine(
            e.id,
            when(e.local_at, as_of),
            e.local_at,
            describe_event(e.type, e.data, app),
            e.data.get("notes"),
        )
        for e in ordered
    ]


def when(local_at: str, as_of: date) -> str:
    """'Tue 17 Nov, 10:00': the year only when it isn't this year's, no time for an
    event logged as a date alone."""
    moment = datetime.fromisoformat(local_at)
    text = day(moment.date()) + (f" {moment.year}" if moment.year != as_of.year else "")
    if len(local_at) <= 10 or (moment.hour, moment.minute, moment.second) == (0, 0, 0):
        return text
    return f"{text}, {moment:%H:%M}"


def describe_event(kind: str, data: dict[str, Any], app: PlannedApplication) -> str:
    """'Interview with Tomás Herrera (final)', 'Called Dana Whitfield: left a voicemail'."""

    def who(key: str) -> str | None:
        return person(app, data.get(key))

    if kind == "applied":
        how = {
            "online": "online",
            "email": "by email",
            "in_person": "in person",
            "referral": "through a referral",
        }.get(data.get("channel", ""), "")
        return f"Applied {how}".strip()
    if kind == "interview":
        names = [person(app, c) or c for c in data.get("with") or []]
        extra = [f"round {data['round']}"] if data.get("round") else []
        extra += [_INTERVIEW_KINDS[data["kind"]]] if data.get("kind") in _INTERVIEW_KINDS else []
        extra += ["final"] if data.get("final") else []
        text = "Interview" + (f" with {_names(names)}" if names else "")
        return text + (f" ({', '.join(extra)})" if extra else "")
    if kind == "expectation":
        source = who("from") or "They"
        via = _VIA.get(data.get("via", "any"), "")
        return f"{source} said you'd hear {via + ' ' if via else ''}by {_on(data.get('by'))}"
    if kind == "sent":
        purpose = _PURPOSES.get(data.get("purpose", "other"), "a message")
        to = f" to {who('to')}" if data.get("to") else ""
        channel = data.get("channel", "email")
        return f"Sent {purpose}{to}" + (
            f" ({CHANNELS.get(channel, channel).lower()})" if channel != "email" else ""
        )
    if kind == "called":
        to = who("to") or "them"
        return f"Called {to}: {_OUTCOMES.get(data.get('outcome', ''), data.get('outcome', ''))}"
    if kind == "heard":
        return _heard(data, who("from"))
    if kind == "directions":
        return _directions(data)
    if kind == "closed":
        reason = _CLOSED.get(data.get("reason", ""), data.get("reason", ""))
        told = {True: "; they did let you know", False: "; they never let you know"}.get(
            data.get("notified"), ""
        )
        return f"Closed: {reason}{told}"
    return kind.capitalize()


def _heard(data: dict[str, Any], sender: str | None) -> str:
    kinds = dict(HEARD_KINDS)
    text = kinds.get(data.get("kind", ""), "They got in touch")
    if sender:
        text = text.replace("They", sender, 1)
    if data.get("by"):
        text += f": {_on(data['by'])}"
    if data.get("deadline"):
        text += f", open until {_on(data['deadline'])}"
    channel = data.get("channel")
    return text + (f" ({CHANNELS.get(channel, channel).lower()})" if channel else "")


def _directions(data: dict[str, Any]) -> str:
    parts = ["no phone calls"] if data.get("no_calls") else []
    channel = data.get("channel")
    if channel in ("email", "phone", "letter"):
        parts.append(f"prefers {CHANNELS[channel].lower()}")
    elif channel == "any":
        parts.append("any way of contact is fine")
    return "Contact directions: " + ("; ".join(parts) or "noted")


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _on(value: Any) -> str:
    try:
        return day(date.fromisoformat(str(value)))
    except ValueError:
        return str(value)

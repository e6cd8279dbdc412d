"""The preparation sheet for a scheduled interview (§4.0, §9): read the evening before.

Whom you meet and what they do, the role, what you and the posting wrote down, and
the closing questions to ask at the end (`crowe`, `forbes`, `quast`), in our own
words. Every quoted value is clipped, so the sheet stays under the body limit.
"""

from __future__ import annotations

from .model import Draft, Event
from .wording import Facts, clip, clip_or_none, weekday_date

_ROLE_NAMES = {
    "recruiter": "recruiter",
    "hr": "HR",
    "hiring_manager": "hiring manager",
    "interviewer": "interviewer",
    "assistant": "assistant",
    "insider": "your contact inside",
}
_KINDS = {"phone": "by phone", "video": "by video", "onsite": "on site"}
CLOSING_QUESTIONS = (
    "Where are you in the process?",
    "What are the next steps, and the timeline?",
    "When will you decide, and how will I hear?",
    "How many candidates are you seeing?",
    "How do I compare with your ideal candidate?",
    "Any concerns about my fit I could answer now?",
    "May I follow up by phone?",
)


def preparation_sheet(f: Facts, subject: str) -> Draft:
    interview = f.context.scheduled
    sections = [("When", _when(interview)), ("With", _people(f, interview)), ("The role", _role(f))]
    if f.room:
        sections += [
            ("Your notes", _quoted(f.app.notes, 15)),
            ("From the posting", _quoted(f.app.posting_text, 20)),
        ]
    sections.append(("Ready", "two or three short stories that show you can do this job."))
    body = "\n".join(f"{head}: {text}" for head, text in sections if text)
    questions = "\n".join("  " + q for q in CLOSING_QUESTIONS)
    return Draft(subject, f"{body}\n\nAsk at the end\n{questions}")


def _when(interview: Event | None) -> str | None:
    if interview is None:
        return None
    clock = f", {interview.at:%H:%M}" if interview.timed else ""
    kind = _KINDS.get(interview.kind or "")
    return weekday_date(interview.day) + clock + (f" ({kind})" if kind else "")


def _people(f: Facts, interview: Event | None) -> str | None:
    people = []
    for contact_id in (interview.interviewers if interview else ())[:3]:
        person = f.app.contact(contact_id)
        if person is None:
            continue
        name = clip_or_none(person.name, 32, 3) or clip(person.id, 20, 1)
        role = _ROLE_NAMES.get(person.role)
        people.append(f"{name} ({role})" if role else name)
    return "; ".join(people) or None


def _role(f: Facts) -> str:
    return f"{f.role} at {f.company}" if f.role else f.company


def _quoted(text: str | None, words: int) -> str | None:
    return clip_or_none(text, words * 8, words)

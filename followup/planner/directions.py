"""Follow-up directions written into a job posting: "no calls" and "email only".

Spec §3 and §6: before planning any call, read the posting for the employer's own
follow-up directions (`nm-dws`); where it asks not to be phoned, follow up in
writing instead (`phone-call`). This module only *detects* the two requests; the
rules decide what they change.

How a posting is read, and why it is cheap:
- The text is lower-cased once and every pattern is written in lower case: that is
  our case-insensitivity. `re.IGNORECASE` would do the same, but it stops the regex
  engine from scanning quickly for a pattern's literal first word.
- For the same reason every rule's `core` pattern starts with a plain word. What
  must come right before it ("please", "we are unable to") is a second pattern,
  `before`, tried only where the core matched.
- Cores are searched only from a little before the first to a little after the last
  of the words a request must contain ("call", "phone", "mail", "@"), found with
  `str.find`; a posting that never mentions a channel is not scanned at all.
- Postings mention calls and email all the time as duties or benefits ("outbound
  calls", "on-call", "email marketing"), so a rule demands the grammar of a request:
  a negation or "only" right next to the channel. A request addressed to recruiters
  or agencies ("no calls from agencies", "Recruiters: please do not call") binds
  them, not the candidate, and is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final, NamedTuple

__all__ = ["PostingDirections", "read_posting"]


@dataclass(frozen=True, slots=True)
class PostingDirections:
    """What the posting asks about follow-up, with the words that say so."""

    no_calls: bool
    email_only: bool
    evidence: tuple[str, ...]  # matched snippets as written, in posting order


_NOTHING: Final = PostingDirections(no_calls=False, email_only=False, evidence=())


class _Rule(NamedTuple):
    """A phrase: `core` (starts with a plain word) and what must come right before it,
    as patterns, compiled by `_compiled` when a posting is first read: compiling them
    all on import cost every command ~50 ms, most of which never read a posting."""

    core: str
    before: str | None


def _rule(core: str, before: str | None = None) -> _Rule:
    """A rule; `before` is anchored to end where the core starts."""
    return _Rule(core, None if before is None else before + r"\Z")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --- Fragments (lower case: the text is lower-cased before matching) ------------------

_APOS = "'?"  # curly apostrophes are made straight first; "dont" has none
_NOT = rf"(?:do\s+not|don{_APOS}t)"
_PHONE = r"(?:tele)?phone"
# Characters of one clause; a dot followed by a letter (hr@acme.com) does not end it.
_CLAUSE = r"(?:[^.!?;\n]|\.(?=\w))"
# A request opens its clause or follows "please", "and"...: "we do not call
# references" describes the employer; "Please do not call" asks the candidate.
_IMPERATIVE = (
    r"(?:^|(?<=[^\w\s'])|(?<=\n)|(?<![\w])(?:please|kindly|and|but|so|just|also|simply))"
    r"[\s,]*"
)
# After "call": a telemarketing duty (the Do Not Call registry), calling someone other
# than the employer, or a time restriction ("do not call before 10 am" is no ban).
_NOT_A_DUTY = (
    r"(?![\s-]+(?:lists?|registry|register|regulations?|rules?|compliance|laws?"
    r"|requests?|polic(?:y|ies)|numbers?|customers?|clients?|patients?|prospects?"
    r"|leads?|references?|consumers?|members?|accounts?|in\s+sick|off|out|before|after"
    r"|between|until|outside)\b)"
)
# After "no calls": a feature of the job ("no calls after 6pm", "no calls required"),
# or a question ("No calls? Then this job is for you").
_NOT_A_JOB_FEATURE = (
    r"(?!\s*\?|\s+(?:after|before|outside|over|at\s+night|on\s+(?:weekends?|evenings?"
    r"|nights?)|required|needed|necessary|involved|expected|quotas?"
    r"|to\s+(?:make|customers?|clients?|patients?)))"
)
# After an email direction: "or by post", "or call" make email one channel of several.
_NO_OTHER_CHANNEL = (
    r"(?!\s*,?\s*(?:or|and|/|&)\s+(?:by\s+|via\s+|through\s+)?"
    r"(?:post|mail|fax|phone|telephone|call|in\s+person|hand|online|linkedin|walk"
    r"|(?:our\s+|the\s+)?(?:website|portal|careers\s+page)))"
)
_ADDRESS = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*"  # an email address, domain included
_PHONE_ASKS = r"(?:calls?|inquir(?:y|ies)|enquir(?:y|ies)|follow[\s-]?ups?|messages|contact)"
_ABOUT_APPLYING = (
    r"(?:questions|inquiries|enquiries|correspondence|communications?|follow[\s-]?ups?"
    r"|applications?|resumes?|r[eé]sum[eé]s|cvs?|submissions?)"
)
# Who declines calls: the employer ("we", "HR", "our hiring team"), not "you" (a duty).
_EMPLOYER = (
    rf"(?<![\w])(?:we|we{_APOS}re|hr|(?:our|the)\s+(?:(?:hiring|recruiting|recruitment"
    r"|hr|people|talent)\s+)?(?:team|office|staff|department|manager|company)"
    r"|this\s+(?:office|company))[\s,]+(?:(?:regret(?:fully)?|unfortunately|respectfully)"
    r"[\s,]+(?:that\s+)?(?:we\s+)?)?"
)
# What they decline: "take any phone calls", "respond to telephone inquiries".
_RECEIVE_CALLS = (
    r"(?:tak(?:e|ing)|accept(?:ing)?|return(?:ing)?|answer(?:ing)?|field(?:ing)?"
    r"|entertain(?:ing)?|respond(?:ing)?\s+to|repl(?:y|ying)\s+to)\s+"
    rf"(?:any\s+|individual\s+|personal\s+|unsolicited\s+)?(?:{_PHONE}[\s-]+"
    r"(?:calls?|inquir(?:y|ies)|enquir(?:y|ies)|follow[\s-]?ups?|messages)|calls)\b"
)
# "... will not be accepted", optionally after "regarding this position".
_REFUSED = (
    rf"\s+(?:(?:regarding|about|concerning|related\s+to|from|on|for|to)\s+{_CLAUSE}{{1,60}}?"
    rf"\s+)?(?:(?:will\s+not|won{_APOS}t|cannot|can\s+not|can{_APOS}t|shall\s+not)\s+be"
    rf"|(?:are|is)\s+not|aren{_APOS}t|isn{_APOS}t)\s+(?:accepted|returned|answered|taken"
    r"|entertained|acknowledged|responded\s+to)\b"
)
# The letters before a core that starts at "mail": "email", "e-mail", "by email".
_E = r"(?:(?:by|via|through|over)\s+)?(?<![\w-])e-?"
# An email direction earlier in the clause, before a "no calls": "Email hr@acme.com (".
_EMAIL_THEN = rf"(?<![\w-])e-?mail\b{_CLAUSE}{{0,80}}?[\s(\[,;:–—-]+(?:please\s+)?"
_CALLING_THEN_EMAIL = (
    rf"(?:calling|phoning|telephoning|(?:making\s+)?(?:{_PHONE}\s+)?calls?)[\s,]+"
    r"(?:please\s+)?(?:send\s+(?:us\s+)?an?\s+)?e-?mail"
)
_NOT_EMAIL_AS_A_SKILL = r"(?!\s+(?:marketing|etiquette|experience|skills|campaigns?))"

_NO_CALLS: Final = (
    # "No phone calls, please", "no calls", "no phone or email inquiries", "no phone
    # calls or walk-ins", "no telephone enquiries"
    _rule(
        rf"no(?<![\w'-]no)[\s,]+(?:more\s+)?(?:{_PHONE}(?:\s*(?:or|and|/|&)\s*(?:e-?mail"
        rf"|in[\s-]?person|walk[\s-]?in))?[\s-]+{_PHONE_ASKS}|calls)\b{_NOT_A_JOB_FEATURE}"
    ),
    # "Please do not call", "Don’t call us", "Do not phone the office"; "please do not
    # contact us by phone", "don't follow up via telephone"
    _rule(
        rf"do(?:\s+not|n{_APOS}t)\s+(?:(?:call|calling|{_PHONE}|phoning)\b{_NOT_A_DUTY}"
        r"|(?:contact(?:ing)?|reach(?:ing)?\s+out(?:\s+to)?|follow(?:ing)?[\s-]+up"
        r"(?:\s+with)?|get(?:ting)?\s+in\s+touch(?:\s+with)?|inquir(?:e|ing)|enquir(?:e|ing))"
        r"(?:\s+(?:us|me|hr|anyone|(?:the|our)\s+[a-z]+(?:\s+[a-z]+)?))?"
        rf"\s+(?:by|via|over\s+the|through\s+the)\s+{_PHONE}\b)",
        _IMPERATIVE,
    ),
    # "Please refrain from calling", "refrain from making phone calls"
    _rule(
        rf"refrain\s+from\s+(?:calling|phoning|telephoning|(?:making\s+)?{_PHONE}\s+calls"
        rf"|contacting\s+(?:us|the\s+[a-z]+)\s+by\s+{_PHONE})\b",
        _IMPERATIVE,
    ),
    # "Applicants should not call", "you must not phone"
    _rule(
        rf"not\s+(?:call|phone|telephone)\b{_NOT_A_DUTY}",
        r"(?<![\w])(?:applicants|candidates|job\s+seekers|you|please)\s+(?:should|must|may)\s+",
    ),
    # "We are unable to take phone inquiries", "our office is unable to return calls"
    _rule(rf"unable\s+to\s+{_RECEIVE_CALLS}", rf"{_EMPLOYER}(?:(?:are|is)\s+)?"),
    # "We cannot accept phone calls", "HR does not return calls"
    _rule(
        rf"not\s+(?:be\s+)?(?:able\s+to\s+)?{_RECEIVE_CALLS}",
        rf"{_EMPLOYER}(?:are|is|do|does|will|can|shall)\s*",
    ),
    # "We don't take phone calls", "we won’t be able to return calls" (before the "n't":
    # "do", "does", "ca" of can't, "wo" of won't...)
    _rule(
        rf"n't\s+(?:be\s+)?(?:able\s+to\s+)?{_RECEIVE_CALLS}",
        rf"{_EMPLOYER}(?:are|is|do|does|ca|wo)",
    ),
    # "Phone calls will not be accepted", "telephone enquiries are not answered"
    _rule(rf"phone[\s-]+(?:calls|inquiries|enquiries){_REFUSED}"),
    # "Calls will not be returned", "calls regarding this role are not accepted" (not
    # "sales calls ...": those are vendors)
    _rule(
        r"calls(?<![a-z]calls)(?<!sales\scalls)(?<!cold\scalls)(?<!vendor\scalls)"
        rf"(?<!customer\scalls)(?<!client\scalls){_REFUSED}"
    ),
    # "Applicants who call will be disqualified", "anyone who phones will not be considered"
    _rule(
        rf"who\s+(?:call|phone|telephone)s?\b{_CLAUSE}{{0,60}}?(?:disqualif[a-z]*"
        r"|will\s+not\s+be\s+considered|removed\s+from\s+consideration|eliminated)",
        r"(?:(?<![\w])(?:applicants|candidates|anyone|those|people)\s+)?",  # for the evidence
    ),
)

_EMAIL_ONLY: Final = (
    _rule(
        r"mail(?:"
        # "Email inquiries only", "contact us by email only" (not "email-only support
        # queue", a job duty, nor "email only your resume", which limits what to send)
        rf"(?:ed)?(?:[\s-]+{_ABOUT_APPLYING}|[\s-]+contact)?[\s-]+only\b"
        r"(?![\s-]+(?:support|customers?|queue|channel|tickets?|role|position|shift|team"
        r"|newsletter|campaign|marketing|if|when|once|after|for|to|your|their|a|an|the"
        r"|one|pdf)\b)"
        # "Email is the preferred way to reach us", "email is the only method of contact"
        r"|\s+is\s+(?:the\s+|our\s+)?(?:only|preferred|best)\s+(?:way|method|means|channel"
        r"|mode)\b"
        # "Please email rather than call", "reach us by email, not phone"
        r"|(?:\s+us)?[\s,]+(?:rather\s+than|instead\s+of|(?:but\s+|and\s+)?not)\s+"
        rf"(?:by\s+|via\s+)?(?:{_PHONE}|phoning|call(?:s|ing)?)\b)",
        _E,
    ),
    _rule(
        r"only(?<![\w]only)(?<!not\sonly)\s+(?:"
        # "Only email applications will be considered", "only by email"
        rf"(?:by|via|through|over)\s+e-?mail\b|e-?mail(?:ed)?\s+{_ABOUT_APPLYING}\b"
        # "The only way to reach us is email"
        r"|(?:way|method|means)\s+(?:of|for|to)\s+[a-z]+(?:\s+us)?\s+is\s+(?:by\s+|via\s+)?"
        r"e-?mail\b"
        # "We only accept applications by email", "applications are only accepted via email"
        r"|(?:accept|consider|review|take|respond\s+to|reply\s+to|answer)(?:s|ed)?\s+"
        r"(?:[a-z'-]+\s+){0,3}?(?:(?:by|via|through|over)\s+e-?mail\b"
        rf"|e-?mail(?:ed|s)?\b{_NOT_EMAIL_AS_A_SKILL}))"
    ),
    # "Please direct all questions by email", "send all inquiries to jobs@acme.com"
    _rule(
        rf"all(?<![\w]all)\s+{_ABOUT_APPLYING}\s+(?:[a-z'-]+\s+){{0,5}}?(?:(?:by|via"
        rf"|through|over)\s+e-?mail\b|to\s+{_ADDRESS}|to\s+(?:our\s+|the\s+)?(?:e-?mail|inbox"
        rf"|mailbox)\b){_NO_OTHER_CHANNEL}",
        r"(?<![\w])(?:direct|send|submit|address|forward)\s+",
    ),
    # "Applications must be submitted by email", "all questions should be emailed to"
    _rule(
        r"be(?<![\w]be)\s+(?:(?:only|exclusively|solely)\s+)?(?:e-?mailed\b|(?:sent"
        r"|submitted|made|directed|received|handled|addressed)\s+(?:(?:only|exclusively"
        rf"|solely)\s+)?(?:(?:by|via|through|over)\s+e-?mail\b|to\s+{_ADDRESS}))"
        rf"{_NO_OTHER_CHANNEL}",
        rf"(?<![\w])(?:all\s+)?{_ABOUT_APPLYING}\s+(?:{_CLAUSE}{{0,60}}?\s)?(?:must|should"
        r"|need\s+to|are\s+to|have\s+to|will\s+only|can\s+only)\s+",
    ),
    # "We prefer to be contacted by email", "our preferred method of contact is email"
    _rule(
        r"prefer(?<![\w]prefer)(?:(?:s|red)?\s+(?:to\s+be\s+contacted\s+|contact\s+"
        r"|communication\s+|follow[\s-]?ups?\s+|inquiries\s+)?(?:by|via|through)\s+e-?mail\b"
        rf"|s?\s+e-?mail\b{_NOT_EMAIL_AS_A_SKILL}"
        r"|red\s+(?:way|method|means|channel|mode)\s+(?:of|for|to)\s+[a-z]+(?:\s+us)?\s+is"
        rf"\s+(?:by\s+|via\s+)?e-?mail\b){_NO_OTHER_CHANNEL}"
    ),
    # "Questions? Email hr@acme.com (no calls)", "email us, please don't call"
    _rule(
        rf"no(?<![\w'-]no)\s+(?:{_PHONE}\s+)?calls?\b{_NOT_A_JOB_FEATURE}(?:\s*[)\]])?",
        _EMAIL_THEN,
    ),
    # "Email your questions to hr@acme.com, please do not call"
    _rule(rf"do(?:\s+not|n{_APOS}t)\s+call\b{_NOT_A_DUTY}(?:\s*[)\]])?", _EMAIL_THEN),
    # "Please do not call; email jobs@acme.com instead"
    _rule(
        r"instead\b(?!\s+of)",
        rf"(?:no\s+(?:{_PHONE}\s+)?calls|(?:{_NOT}|not)\s+(?:call|phone))\b{_CLAUSE}{{0,20}}?"
        rf"[\s,;:–—-]+(?:please\s+)?e-?mail\b{_CLAUSE}{{0,50}}?\s",
    ),
    # "Instead of calling, please send an email"
    _rule(rf"instead\s+of\s+{_CALLING_THEN_EMAIL}"),
    # "Rather than calling, email us"
    _rule(rf"than\s+{_CALLING_THEN_EMAIL}", r"(?<![\w])rather\s+"),
)

# --- Who the request is for ----------------------------------------------------------

# People outside the employer who place calls for a living. A request addressed to
# them does not bind candidates: "no calls from agencies" leaves a candidate free to
# call, so it must not turn the candidate's call steps into letters.
_OUTSIDERS = (
    r"(?:(?:third[\s-]*party|outside|external)\s+)?(?:recruiters?|headhunters?"
    r"|(?:recruitment|recruiting|staffing|employment|search|placement)\s+(?:agenc(?:y|ies)"
    r"|firms?|companies)|agenc(?:y|ies)|vendors?|solicitors?|third[\s-]*part(?:y|ies))"
)
_FROM_OUTSIDERS: Final = rf"(?:from|by)\s+(?:any\s+|all\s+|the\s+)?{_OUTSIDERS}\b"
# Just after the request: "no calls or emails from agencies". A bare "or agencies" ("No
# phone calls or agencies, please") lists a second thing not wanted: the "no calls"
# still applies to everyone.
_THEN_FROM_OUTSIDERS: Final = (
    r"[\s,]*(?:(?:or|and|&|/|please|e-?mails?|visits?|walk-ins?|texts?|messages?"
    r"|solicitations?|inquiries|enquiries)[\s,]*){0,4}"
    rf"(?:from|by)\s+(?:any\s+|all\s+|the\s+)?{_OUTSIDERS}\b"
)
# Addressed earlier in the sentence: "Recruiters: please do not call", "Agencies, no
# calls", "Third-party recruiters should email only". Not "our recruiters" (the employer).
_TO_OUTSIDERS: Final = (
    rf"(?<!our\s)(?<!the\s)(?<![\w]){_OUTSIDERS}\s*(?:[:,–—-]|please\b|kindly\b"
    r"|should\b|must\b|are\s+(?:kindly\s+)?(?:asked|requested)\b)"
)
# Every `_OUTSIDERS` phrase contains one of these ("firm" alone would match "confirm").
_OUTSIDER_CUES: Final = (
    "recruit",
    "headhunt",
    "agenc",
    "staffing",
    "placement",
    "employment firm",
    "employment compan",
    "search firm",
    "search compan",
    "vendor",
    "solicit",
    "third",
)
# Where the sentence holding a request starts, for `_TO_OUTSIDERS` to look back to.
_SENTENCE_MARKS: Final = (". ", ".\n", "!", "?", ";", "\n\n")
_LOOK_BACK: Final = 120  # characters searched for `before` and for whom it is addressed

# --- Where to look -------------------------------------------------------------------

# Every match of a group's cores contains one of its anchors (or follows one closely:
# "email ... (no calls)", "... email us instead"), so cores are only searched from
# `_REACH` characters before the first anchor to `_REACH` after the last one: no match
# reaches further than that from its anchor.
_CALL_ANCHORS: Final = ("call", "phon")
_EMAIL_ANCHORS: Final = ("mail", "@")
_REACH: Final = 150
# "don’t" is "don't": one straight apostrophe in the patterns covers them all.
_CURLY_APOSTROPHES: Final = ("’", "‘", "`", "´", "ʼ")


@lru_cache(maxsize=1024)
def read_posting(text: str | None) -> PostingDirections:
    """The follow-up directions a job posting's text gives: no calls, email only.

    Remembered per text (the last 1,024): the planner reads the same postings each
    time it plans the same applications, a server at every request.
    """
    if not text:
        return _NOTHING
    low = _normalized(text)
    call_spans = _spans(low, _NO_CALLS, _CALL_ANCHORS)
    email_spans = _spans(low, _EMAIL_ONLY, _EMAIL_ANCHORS)
    if not call_spans and not email_spans:
        return _NOTHING
    return PostingDirections(
        no_calls=bool(call_spans),
        email_only=bool(email_spans),
        evidence=_evidence(text, call_spans + email_spans),
    )


def _normalized(text: str) -> str:
    """`text` lower-cased with straight apostrophes, index for index with `text`.

    Keeping indices lets a match's span slice the original words for the evidence.
    """
    low = text.lower()
    if len(low) != len(text):
        # A few characters lower-case to two ("İ"): leave those as they are.
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
    for curly in _CURLY_APOSTROPHES:
        if curly in low:
            low = low.replace(curly, "'")
    return low


def _spans(low: str, rules: tuple[_Rule, ...], anchors: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of the rules' matches in `low` that are addressed to candidates."""
    region = _region(low, anchors)
    if region is None:
        return []
    spans: list[tuple[int, int]] = []
    for rule in rules:
        for match in _compiled(rule.core).finditer(low, *region):
            start, end = match.span()
            if rule.before is not None:
                lead = _compiled(rule.before).search(low, max(0, start - _LOOK_BACK), start)
                if lead is None:
                    continue
                start = lead.start()
            if not _for_outsiders(low, start, end):
                spans.append((start, end))
    return spans


def _region(low: str, anchors: tuple[str, ...]) -> tuple[int, int] | None:
    """Where the cores must be searched: around the first to the last anchor, if any."""
    firsts = {anchor: low.find(anchor) for anchor in anchors}
    found = [anchor for anchor, at in firsts.items() if at != -1]
    if not found:
        return None
    first = min(firsts[anchor] for anchor in found)
    last = max(low.rfind(anchor) for anchor in found)
    return max(0, first - _REACH), min(len(low), last + _REACH)


def _for_outsiders(low: str, start: int, end: int) -> bool:
    """Whether the request at [start, end) is for recruiters or agencies, not candidates."""
    floor = max(0, start - _LOOK_BACK)
    around = low[floor : end + 80]
    if not any(cue in around for cue in _OUTSIDER_CUES):
        return False  # the usual case, and much cheaper than the patterns below
    if _compiled(_FROM_OUTSIDERS).search(low, start, end):
        return True
    if _compiled(_THEN_FROM_OUTSIDERS).match(low, end, min(len(low), end + 80)):
        return True
    mark = max(low.rfind(sign, floor, start) for sign in _SENTENCE_MARKS)
    return (
        _compiled(_TO_OUTSIDERS).search(low, mark + 1 if mark != -1 else floor, start) is not None
    )


def _evidence(text: str, spans: list[tuple[int, int]]) -> tuple[str, ...]:
    """The posting's words for the spans, in order; overlapping spans make one snippet."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((_word_start(text, start), end) for start, end in spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(text[start:end].strip() for start, end in merged)


def _word_start(text: str, at: int) -> int:
    """Back to the start of the word: a core may begin inside one ("tele|phone")."""
    while at > 0 and text[at - 1].isalnum():
        at -= 1
    return at

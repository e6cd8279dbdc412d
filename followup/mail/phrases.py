"""Our own phrase lists: how an employer's message says what it means.

Each list is a set of regular expressions over the message's new text (and its
subject), matched case-insensitively. They are written for the common ways of
saying each thing in English; tests/mail/test_reading.py holds the positives and
the near misses that must not match.
"""

from __future__ import annotations

import re


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


DO_NOT_CALL = _any(
    r"\b(please\s+)?(do\s+not|don'?t|refrain\s+from)\s+(call|phon|telephon)",
    r"\bno\s+(phone\s+)?calls\b",
    r"\bnot\s+(to\s+)?(call|phone)\s+(us|our\s+office|the\s+office)\b",
)

REJECTION = _any(
    r"\b(decided|chosen|opted|elected)\s+to\s+(move|go|proceed|continue)\s+(forward\s+)?with\s+(an?\s+)?(other|another|different)\s+candidate",
    r"\b(will|won'?t|are|have\s+decided|decided)\s+(not\s+)?(be\s+)?(moving|move|proceed|proceeding|going)\s+forward\s+with\s+(other|another)",
    r"\bnot\s+(to\s+)?(be\s+)?(moving|move|proceed|proceeding|going)\s+forward\s+with\s+your\s+(application|candidacy)",
    r"\bwon'?t\s+be\s+(moving|going)\s+forward\b",
    r"\bdecided\s+not\s+to\s+(proceed|move\s+forward|pursue)\b",
    r"\b(position|role|vacancy)\s+(has|have)\s+(now\s+)?been\s+filled\b",
    r"\bregret\s+to\s+(inform|let\s+you\s+know|tell\s+you)\b",
    r"\b(have|has)\s+not\s+been\s+(selected|successful|shortlisted)\b",
    r"\b(were|was)\s+not\s+(selected|successful|shortlisted)\b",
    r"\bunable\s+to\s+offer\s+you\b",
    r"\bno\s+longer\s+(being\s+)?(under\s+)?consider(ed|ation|ing)\b",
    r"\bnot\s+be\s+(taking|progressing)\s+your\s+application\b",
)

OFFER = _any(
    r"\b(pleased|happy|delighted|excited|thrilled)\s+to\s+(extend\s+(you\s+)?an\s+offer|offer\s+you)\b",
    r"\b(extend|make)\s+(you\s+)?an?\s+(formal\s+|verbal\s+|written\s+)?offer\b",
    r"\boffer\s+of\s+employment\b",
    r"\b(your|the\s+attached)\s+offer\s+letter\b",
)

INTERVIEW = _any(
    r"\binvite\s+you\s+(to|for)\s+(an?\s+|the\s+)?([\w-]+\s+){0,3}(interview|conversation|call|chat)\b",
    r"\b(schedule|arrange|set\s+up|book)\s+(an?\s+|your\s+|the\s+)?([\w-]+\s+){0,2}(interview|call|chat|conversation)\b",
    r"\b(like|love|want)\s+to\s+(meet|speak|talk|chat)\s+(with\s+)?you\b",
    r"\byour\s+availability\s+(for|to)\b",
    r"\binterview\s+invitation\b",
)

REQUEST_INFO = _any(
    r"\b(could|can|would)\s+you\s+(please\s+)?(send|share|provide|forward|complete|fill\s+(in|out))\b",
    r"\bplease\s+(send|share|provide|forward|complete|fill\s+(in|out)|submit)\b",
    r"\bwe\s+(will\s+)?need\s+(your|a\s+copy|the|some)\b",
    r"\b(list\s+of|your)\s+references\b",
    r"\bsalary\s+expectations\b",
)

# "We expect to decide by Friday 12 December": a decision or contact promised by a date.
DECISION = re.compile(
    r"\b(decide|decision|decisions|get\s+back\s+to\s+you|be\s+in\s+touch|let\s+you\s+know|update\s+you"
    r"|hear\s+(back\s+)?from\s+(us|me)|come\s+back\s+to\s+you|reach\s+out|follow\s+up\s+with\s+you)\b"
    r"[^.;!?]{0,60}?\b(?:by|on|before|no\s+later\s+than)\s+(?P<when>[^.;!?\n]{3,40})",
    re.I,
)

# Our drafts' subjects ("<prefix> – <role>, <company>", planner/emails.py) and the
# purpose of the `sent` event each one records; longest prefix first.
DRAFT_SUBJECTS = (
    ("Thank you for the interview", "thank_you"),
    ("Following up on my interview", "letter"),
    ("Following up on my application", "letter"),
    ("Confirming my application", "confirm_receipt"),
    ("An update on my search", "status_update"),
    ("Re: your message", "reply"),
    ("A small favour", "ask_insider"),
    ("Checking in", "check_in"),
    ("Following up", "escalate"),
    ("Thank you", "reply_graciously"),
)

"""A mail message as the mailbox reader sees it: headers, a little text, an invitation.

`parse_message` turns the raw bytes fetched over IMAP into a `Message`: the
headers decoded (encoded words, non-ASCII names), the first text part (HTML turned
into text where there is no plain part, quoted replies cut off), and an attached
calendar invitation read with `icalendar`. No I/O: bytes in, a value out.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email import policy
from email.header import decode_header, make_header
from email.message import Message as MimeMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

TEXT_LIMIT = 4000  # enough for the reading rules; bodies beyond this are never looked at
# compat32, not policy.default: the modern header classes made parsing ten times
# slower (bench/mail_sync.py); the few headers we read are decoded by hand.
_PARSER = BytesParser(policy=policy.compat32)


@dataclass(frozen=True)
class Invitation:
    """The event of an attached calendar invitation (`METHOD:REQUEST`)."""

    start: datetime  # aware, in the invitation's own zone
    zone: str  # the IANA zone name, or "UTC"
    summary: str


@dataclass(frozen=True)
class Message:
    message_id: str
    sender: str  # address, lower case
    sender_name: str
    recipients: tuple[str, ...]  # To and Cc addresses, lower case
    subject: str
    date: datetime  # aware
    in_reply_to: str
    references: tuple[str, ...]
    text: str  # the new text of the message: no quoted reply, no signature
    invitation: Invitation | None = None


def parse_message(raw: bytes, received: datetime | None = None) -> Message:
    """The message in `raw` (RFC 5322 bytes); `received` dates a message with no Date."""
    mail = _PARSER.parsebytes(raw)
    name, sender = parseaddr(str(mail.get("From", "")))
    return Message(
        message_id=(_ids(mail.get("Message-ID")) or [""])[0],
        sender=sender.lower(),
        sender_name=decoded(name),
        recipients=_addresses(mail, "To", "Cc"),
        subject=" ".join(decoded(str(mail.get("Subject", ""))).split()),
        date=_date(mail.get("Date"), received),
        in_reply_to=(_ids(mail.get("In-Reply-To")) or [""])[0],
        references=tuple(_ids(mail.get("References"))),
        text=new_text(_body_text(mail))[:TEXT_LIMIT],
        invitation=_invitation(mail),
    )


def _ids(header: object) -> list[str]:
    return re.findall(r"<[^<>\s]+>", str(header or ""))


def decoded(header: str) -> str:
    """A header's text with its encoded words (=?utf-8?q?...?=) decoded."""
    try:
        return str(make_header(decode_header(header)))
    except (LookupError, ValueError, UnicodeDecodeError):  # a bad charset: as it came
        return header


def _addresses(mail: MimeMessage, *names: str) -> tuple[str, ...]:
    values = [str(v) for name in names for v in mail.get_all(name, [])]
    return tuple(address.lower() for _, address in getaddresses(values) if address)


def _date(header: object, received: datetime | None) -> datetime:
    try:
        when = parsedate_to_datetime(str(header)) if header else None
    except (TypeError, ValueError):
        when = None
    when = when or received or datetime.now(UTC)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _text_part(mail: MimeMessage, subtype: str) -> MimeMessage | None:
    for part in mail.walk():
        attached = str(part.get("Content-Disposition", "")).lower().startswith("attachment")
        if part.get_content_type() == f"text/{subtype}" and not attached:
            return part
    return None


def _body_text(mail: MimeMessage) -> str:
    """The first plain-text part, else the first HTML part as text."""
    part = _text_part(mail, "plain") or _text_part(mail, "html")
    if part is None:
        return ""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    try:
        text = payload.decode(part.get_content_charset() or "utf-8", "replace")
    except LookupError:  # an unknown charset: read what we can
        text = payload.decode("utf-8", "replace")
    return html_text(text) if part.get_content_type() == "text/html" else text


def html_text(markup: str) -> str:
    """The text of an HTML body: blocks become lines, tags and styles go."""
    markup = re.sub(r"(?is)<(script|style|head)\b.*?</\1>", " ", markup)
    markup = re.sub(r"(?is)<blockquote\b.*?</blockquote>", "\n", markup)
    markup = re.sub(r"(?i)<br\s*/?>|</(p|div|li|tr|h\d)>", "\n", markup)
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


# Where the new part of a message ends: a quoted reply or a forwarded message.
_QUOTE_START = re.compile(
    r"^(On .{4,200}wrote:?|Am .{4,200}schrieb.*|-{2,} ?(Original|Forwarded) [Mm]essage ?-{2,}"
    r"|Begin forwarded message:|From: .+|_{10,})\s*$"
)


def new_text(text: str) -> str:
    """The message's own words: lines up to the first quoted reply or forward."""
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.startswith(">") or _QUOTE_START.match(line.strip()):
            break
        kept.append(line.rstrip())
    return "\n".join(kept).strip()


def _invitation(mail: MimeMessage) -> Invitation | None:
    for part in mail.walk():
        if part.get_content_type() in ("text/calendar", "application/ics"):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and (found := read_invitation(payload)):
                return found
    return None


def read_invitation(data: bytes) -> Invitation | None:
    """The first event of an iCalendar file with a start time, or None."""
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError:
        return None
    for event in calendar.walk("VEVENT"):
        start = event.decoded("DTSTART", None)
        if isinstance(start, datetime):
            start = start if start.tzinfo else start.replace(tzinfo=UTC)
            return Invitation(start, _zone_name(start), str(event.get("SUMMARY", "")))
    return None


def _zone_name(start: datetime) -> str:
    key = getattr(start.tzinfo, "key", None) or getattr(start.tzinfo, "zone", None)
    return str(key) if key else "UTC"

"""The mailbox feature's operations: connect, sync, confirm, ignore, disconnect.

Reading the server goes through `imap.Reader` (read-only), understanding a message
through the pure `reading.propose`, and every journal write through
`tracker.services.record_event`, like any other write.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from ..tracker import services as tracker
from ..tracker.errors import NotFound, ServiceError
from ..tracker.models import Event
from . import vault
from .imap import MailError, Reader, Server
from .message import Message, parse_message
from .models import Folder, Mailbox, MailMessage
from .reading import HIGH, ApplicationFacts, ContactFacts, Proposal, propose

EXCERPT_LENGTH = 300  # characters of a matched message's new text kept to show
Progress = Callable[[int, int], None]  # (messages read so far, messages to read)
SECURITY = ("tls", "starttls", "plain")


def key_of(message_id: str) -> str:
    return hashlib.sha256(message_id.encode("utf-8", "replace")).hexdigest()


def mailbox_of(user: AbstractBaseUser) -> Mailbox | None:
    return Mailbox.objects.filter(user=user).first()


def server_of(mailbox: Mailbox) -> Server:
    password = vault.decrypt(mailbox.password_encrypted)
    return Server(mailbox.host, mailbox.port, mailbox.security, mailbox.username, password)


# Connecting ----------------------------------------------------------------------------


def check_server(server: Server) -> list[str]:
    """Problems with the connection settings, each naming the field; [] when fine."""
    problems = []
    if not server.host.strip() or any(c.isspace() for c in server.host.strip()):
        problems.append("host: a server name such as imap.example.org is needed")
    if not 1 <= server.port <= 65535:
        problems.append(f"port: {server.port} is not a port number (1-65535)")
    if server.security not in SECURITY:
        problems.append(f"security: {server.security!r} is not one of {', '.join(SECURITY)}")
    if not server.username.strip():
        problems.append("username: the mailbox's user name is needed")
    if not server.password:
        problems.append("password: the password (or app password) is needed")
    return problems


def connect(user: AbstractBaseUser, server: Server, auto_confirm: bool = False) -> Mailbox:
    """Save the connection after checking that the server lets us in (nothing is
    saved when it does not). Connecting again replaces the settings, keeps the rest."""
    if problems := check_server(server):
        raise ServiceError(*problems)
    try:
        with Reader(server) as mail:
            mail.folders()
    except MailError as error:
        raise ServiceError(str(error)) from None
    try:
        encrypted = vault.encrypt(server.password)
    except vault.KeyProblem as error:
        raise ServiceError(str(error)) from None
    mailbox, _ = Mailbox.objects.update_or_create(
        user=user,
        defaults={
            "host": server.host.strip(),
            "port": server.port,
            "security": server.security,
            "username": server.username.strip(),
            "password_encrypted": encrypted,
            "auto_confirm": auto_confirm,
        },
    )
    return mailbox


def set_auto_confirm(user: AbstractBaseUser, on: bool) -> None:
    if not Mailbox.objects.filter(user=user).update(auto_confirm=on):
        raise NotFound("no mailbox is connected")


@transaction.atomic
def disconnect(user: AbstractBaseUser) -> bool:
    """Forget the mailbox: its settings, password, and every message kept from it.
    Events already confirmed stay in the journal: they are the user's own record."""
    deleted, _ = Mailbox.objects.filter(user=user).delete()
    return bool(deleted)


# Syncing --------------------------------------------------------------------------------


@dataclass
class SyncResult:
    read: int = 0  # new messages fetched
    proposed: int = 0
    confirmed: int = 0  # automatically (auto-confirm)
    error: str = ""


def facts_of(user: AbstractBaseUser) -> tuple[ApplicationFacts, ...]:
    """What matching needs of the user's applications."""
    apps = tracker.applications_of(user).prefetch_related("contacts")
    zone = tracker.profile_of(user).timezone or "UTC"
    return tuple(
        ApplicationFacts(
            id=app.slug,
            company=app.company,
            timezone=app.timezone or zone,
            posting_url=app.posting_url or "",
            contacts=tuple(
                ContactFacts(c.slug, c.name or "", c.email or "") for c in app.contacts.all()
            ),
        )
        for app in apps
    )


class _Sync:
    """One sync of one mailbox: state read once, messages saved folder by folder."""

    def __init__(self, mailbox: Mailbox, progress: Progress | None) -> None:
        self.mailbox = mailbox
        self.progress = progress
        self.apps = facts_of(mailbox.user)
        self.slugs = dict(tracker.applications_of(mailbox.user).values_list("slug", "pk"))
        known = MailMessage.objects.filter(mailbox=mailbox)
        self.seen = set(known.values_list("message_key", flat=True))
        self.threads = dict(
            known.exclude(application=None).values_list("message_id", "application__slug")
        )
        self.result = SyncResult()

    def run(self, reader: Reader) -> None:
        plan = []
        for name, role in reader.folders():
            folder, _ = Folder.objects.get_or_create(
                mailbox=self.mailbox, name=name, defaults={"role": role}
            )
            validity = reader.examine(name)
            if validity != folder.uidvalidity:  # the folder was rebuilt: read it again
                folder.uidvalidity, folder.last_uid = validity, 0
            plan.append((folder, reader.new_uids(folder.last_uid)))
        total = sum(len(uids) for _, uids in plan)
        for folder, uids in plan:
            reader.examine(folder.name)
            self.read_folder(reader, folder, uids, total)

    def read_folder(self, reader: Reader, folder: Folder, uids: list[int], total: int) -> None:
        batch: list[MailMessage] = []
        for uid, raw in reader.fetch(uids):
            self.result.read += 1
            if (row := self.row(parse_message(raw), folder.role == "sent")) is not None:
                batch.append(row)
            folder.last_uid = max(folder.last_uid, uid)
            if len(batch) >= 500 or self.result.read % 500 == 0:
                self.save(folder, batch)
                batch = []
            if self.progress:
                self.progress(self.result.read, total)
        self.save(folder, batch)

    def row(self, message: Message, sent: bool) -> MailMessage | None:
        mid = message.message_id or f"<no-id:{message.date.isoformat()}:{message.subject}>"
        key = key_of(mid)
        if key in self.seen:
            return None
        self.seen.add(key)
        proposal = propose(message, self.apps, self.threads, sent)
        if proposal is None:  # nothing of it is kept but the hash of its Message-ID
            return MailMessage(
                mailbox=self.mailbox, message_key=key, status=MailMessage.UNMATCHED, sent=sent
            )
        self.threads[mid] = proposal.match.application
        self.result.proposed += 1
        return self.kept(message, mid, key, proposal, sent)

    def kept(
        self, message: Message, mid: str, key: str, proposal: Proposal, sent: bool
    ) -> MailMessage:
        return MailMessage(
            mailbox=self.mailbox,
            message_key=key,
            sent=sent,
            message_id=mid,
            sender=message.sender,
            sender_name=message.sender_name,
            recipients=", ".join(message.recipients),
            subject=message.subject,
            date=message.date,
            excerpt=" ".join(message.text.split())[:EXCERPT_LENGTH],
            application_id=self.slugs.get(proposal.match.application),
            event=proposal.event,
            label=proposal.label,
            confidence=proposal.match.confidence,
            evidence="; ".join(proposal.evidence),
        )

    @transaction.atomic
    def save(self, folder: Folder, rows: list[MailMessage]) -> None:
        """The messages read and where reading stopped, together: a sync cut off
        half-way starts again after the last message saved, never skips one."""
        # ignore_conflicts: a sync running at the same time (cron and a click) may
        # have saved the same message first; it is the same row either way.
        MailMessage.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True)
        folder.save()


def sync(
    user: AbstractBaseUser, progress: Progress | None = None, as_of: date | None = None
) -> SyncResult:
    """Read what is new in the user's mailbox and propose its events. A failure is
    recorded on the mailbox (and returned), never raised: what was read stays."""
    mailbox = mailbox_of(user)
    if mailbox is None:
        raise NotFound("no mailbox is connected (followup mail connect)")
    job = _Sync(mailbox, progress)
    try:
        with Reader(server_of(mailbox)) as reader:
            job.run(reader)
    except (MailError, vault.KeyProblem) as error:
        job.result.error = str(error)
    if mailbox.auto_confirm and not job.result.error:
        job.result.confirmed = confirm_all_high(user, as_of)
    Mailbox.objects.filter(pk=mailbox.pk).update(
        last_sync=timezone.now(), last_error=job.result.error, last_found=job.result.proposed
    )
    return job.result


# Reviewing ---------------------------------------------------------------------------------


def proposals(user: AbstractBaseUser) -> list[MailMessage]:
    """The proposals waiting for the user, newest first."""
    return list(
        MailMessage.objects.filter(mailbox__user=user, status=MailMessage.PROPOSED).select_related(
            "application"
        )
    )


def proposal_of(user: AbstractBaseUser, pk: int) -> MailMessage:
    try:
        return MailMessage.objects.select_related("application").get(
            pk=pk, mailbox__user=user, status=MailMessage.PROPOSED
        )
    except MailMessage.DoesNotExist:
        raise NotFound(f"proposal {pk}: no such proposal waiting") from None


@transaction.atomic
def confirm(
    user: AbstractBaseUser,
    pk: int,
    changes: dict[str, Any] | None = None,
    as_of: date | None = None,
) -> Event:
    """Record the proposed event (with the user's `changes`: application, type/kind,
    at) in the journal, through the tracker's one door; the plan follows at once."""
    found = proposal_of(user, pk)
    slug, event = changed(user, found, changes or {})
    recorded = tracker.record_event(user, slug, event, as_of)
    found.status, found.recorded, found.decided = MailMessage.CONFIRMED, recorded, timezone.now()
    found.application = recorded.application
    found.event = event
    found.save()
    return recorded


def changed(
    user: AbstractBaseUser, found: MailMessage, changes: dict[str, Any]
) -> tuple[str, dict[str, Any]]:
    event = dict(found.event)
    slug = changes.get("application") or (found.application.slug if found.application else "")
    if not slug:
        raise ServiceError("application: say which application this message is about")
    app = tracker.get_application(user, slug)
    if found.application_id != app.pk:  # contacts are per application: drop the old ones
        for field in ("from", "to", "with"):
            event.pop(field, None)
    if kind := changes.get("kind"):
        event = with_kind(event, kind)
    if at := changes.get("at"):
        event["at"] = at
    return slug, event


# The kinds a user may pick when changing a proposal: an inbound kind, or "sent".
KINDS = (
    "reply",
    "rejection",
    "interview_invite",
    "request_info",
    "offer",
    "new_date",
    "do_not_call",
    "sent",
)


def with_kind(event: dict[str, Any], kind: str) -> dict[str, Any]:
    if kind not in KINDS:
        raise ServiceError(f"kind: {kind!r} is not one of {', '.join(KINDS)}")
    base = {k: event[k] for k in ("at",) if k in event}
    if kind == "sent":
        return {
            **base,
            "type": "sent",
            "channel": "email",
            "purpose": event.get("purpose", "other"),
            **({"to": event["to"]} if "to" in event else {}),
        }
    who = {"from": event["from"]} if "from" in event else {}
    extra = {"by": event["by"]} if kind == "new_date" and "by" in event else {}
    if kind == "new_date" and not extra:
        raise ServiceError(
            "kind: a new decision date needs the date (record it from the application page)"
        )
    return {**base, "type": "heard", "channel": "email", "kind": kind, **who, **extra}


def ignore(user: AbstractBaseUser, pk: int) -> None:
    """Set the proposal aside for good: the message will not be proposed again."""
    found = proposal_of(user, pk)
    found.status, found.decided = MailMessage.IGNORED, timezone.now()
    found.save(update_fields=["status", "decided"])


def confirm_all_high(user: AbstractBaseUser, as_of: date | None = None) -> int:
    """Auto-confirm: record every high-confidence proposal that the journal accepts
    (one that does not, say an event for a deleted contact, waits for the user)."""
    count = 0
    for found in MailMessage.objects.filter(
        mailbox__user=user, status=MailMessage.PROPOSED, confidence=HIGH
    ).order_by("date", "id"):
        try:
            confirm(user, found.pk, as_of=as_of)
        except ServiceError:
            continue
        count += 1
    return count


def status(user: AbstractBaseUser) -> dict[str, Any] | None:
    mailbox = mailbox_of(user)
    if mailbox is None:
        return None
    counts = dict(
        MailMessage.objects.filter(mailbox=mailbox).values_list("status").annotate(n=Count("id"))
    )
    return {
        "host": mailbox.host,
        "port": mailbox.port,
        "security": mailbox.security,
        "username": mailbox.username,
        "auto_confirm": mailbox.auto_confirm,
        "last_sync": mailbox.last_sync.isoformat() if mailbox.last_sync else None,
        "last_error": mailbox.last_error,
        "waiting": counts.get(MailMessage.PROPOSED, 0),
        "confirmed": counts.get(MailMessage.CONFIRMED, 0),
        "ignored": counts.get(MailMessage.IGNORED, 0),
        "folders": {f.name: f.last_uid for f in mailbox.folders.order_by("name")},
    }

"""The morning digest: subscriptions, unsubscribe links, and `followup remind`.

Sending is idempotent per user and day. For each user, in order:

1. work out today's and overdue steps (nothing due: no message, no record);
2. claim the (user, day) row of `DigestDelivery` in its own transaction: create it
   as `claimed`; a row already `sent` means done; a `claimed` row younger than
   `stale_after` belongs to a run still going, an older one to a run that died,
   and is taken over;
3. send through Django's SMTP backend;
4. mark the row `sent` (one UPDATE, committed at once). A failed send deletes our
   claim, so the next run sends it.

What is left is an at-least-once window: a run killed after the SMTP server
accepted a message but before step 4 committed leaves a `claimed` row, and the run
that takes it over sends that day's digest again. Closing it would need the mail
server to take part in our transaction, which SMTP can't; the other choice, never
retaking a claim, would skip the user for the day every time a run dies, which is
far more likely (a kill during the SMTP dialogue) than a kill in the few
milliseconds between the server's "250 OK" and our commit. So the window is kept
that small, and both copies carry the same Message-ID, made from the user and the
day, so a duplicate is recognisable (and some mail systems drop it). See
docs/reminders.md.

Logs carry user ids and counts only: no address, no name, no company, and of an
SMTP error only its class (its text may quote the address).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ..tracker import presenters
from ..tracker import services as tracker
from .models import DigestDelivery, DigestSubscription, UnsubscribeToken

log = logging.getLogger("followup.digest")

STALE_AFTER = timedelta(minutes=10)  # a claim older than this belongs to a dead run


# Subscriptions and unsubscribe links -------------------------------------------------


def subscription_of(user: AbstractBaseUser) -> DigestSubscription:
    subscription, _ = DigestSubscription.objects.get_or_create(user=user)
    return subscription


def update_subscription(user: AbstractBaseUser, opted_in: bool, email: str) -> DigestSubscription:
    """Save the choice; opting in needs an address to send to."""
    subscription = subscription_of(user)
    subscription.opted_in, subscription.email = opted_in, email.strip()
    if opted_in and not address_of(subscription):
        raise tracker.ServiceError("email: enter an address to send the digest to")
    subscription.save(update_fields=["opted_in", "email", "updated"])
    return subscription


def address_of(subscription: DigestSubscription) -> str:
    """Where the digest goes: the address given for it, else the profile's, else the
    account's; '' when none of them is a valid address."""
    user = subscription.user
    profile_email = tracker.profile_of(user).email or ""
    for candidate in (subscription.email, profile_email, getattr(user, "email", "")):
        candidate = (candidate or "").strip()
        if candidate:
            try:
                validate_email(candidate)
            except ValidationError:
                continue
            return candidate
    return ""


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(subscription: DigestSubscription) -> str:
    """A new unsubscribe secret (256 bits); only its hash is kept."""
    raw = secrets.token_urlsafe(32)
    UnsubscribeToken.objects.create(subscription=subscription, token_hash=token_hash(raw))
    return raw


def subscription_for_token(raw: str) -> DigestSubscription:
    try:
        found = UnsubscribeToken.objects.select_related("subscription").get(
            token_hash=token_hash(raw)
        )
    except UnsubscribeToken.DoesNotExist:
        raise tracker.NotFound("no such unsubscribe link") from None
    return found.subscription


def unsubscribe(raw: str) -> DigestSubscription:
    subscription = subscription_for_token(raw)
    if subscription.opted_in:
        subscription.opted_in = False
        subscription.save(update_fields=["opted_in", "updated"])
    log.info("digest: user %s unsubscribed by link", subscription.user_id)
    return subscription


# The message -----------------------------------------------------------------------


class DigestStep(NamedTuple):
    company: str
    what: str
    due: str
    due_by: str | None  # shown when the step may wait past its due date
    reason: str
    url: str


@dataclass
class Digest:
    day: date
    overdue: list[DigestStep] = field(default_factory=list)
    today: list[DigestStep] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.today)


def site_url(path: str) -> str:
    return str(settings.SITE_URL).rstrip("/") + path


def build_digest(user: AbstractBaseUser, day: date) -> Digest:
    """The overdue steps and today's, as the Today page has them, minus the drafts."""
    page = tracker.today(user, day)
    digest = Digest(day)
    for pairs, into in ((page.overdue, digest.overdue), (page.today, digest.today)):
        for item, step in pairs:
            into.append(
                DigestStep(
                    company=item.application.company,
                    what=presenters.what_to_do(item, step),
                    due=presenters.day(step.due),
                    due_by=presenters.day(step.due_by) if step.due_by != step.due else None,
                    reason=step.reason,
                    url=site_url(reverse("application", args=[item.application.id])),
                )
            )
    return digest


def subject_of(digest: Digest) -> str:
    plural = "s" if digest.count != 1 else ""
    late = f" ({len(digest.overdue)} overdue)" if digest.overdue else ""
    return f"{digest.count} follow-up{plural} to do today{late}"


def message_id(user_id: int, day: date) -> str:
    """The same for every copy of one user's digest of one day: a duplicate sent after
    a crash is recognisable. `make_msgid` adds the time and a random number, which is
    what we must not have here. The site's hash keeps two installations apart."""
    domain = str(settings.DEFAULT_FROM_EMAIL).rpartition("@")[2].strip("> ") or "localhost"
    site = hashlib.sha256(str(settings.SITE_URL).encode()).hexdigest()[:10]
    return f"<digest.{day:%Y%m%d}.{user_id}.{site}@{domain}>"


def message_for(
    digest: Digest, user_id: int, address: str, token: str, connection: BaseEmailBackend
) -> EmailMultiAlternatives:
    unsubscribe_url = site_url(reverse("digest_unsubscribe", args=[token]))
    context: dict[str, Any] = {
        "digest": digest,
        "today_url": site_url(reverse("today")),
        "settings_url": site_url(reverse("digest_settings")),
        "unsubscribe_url": unsubscribe_url,
    }
    message = EmailMultiAlternatives(
        subject=subject_of(digest),
        body=render_to_string("digest/email.txt", context),
        to=[address],
        connection=connection,
        headers={
            "Message-ID": message_id(user_id, digest.day),
            # RFC 2369 and RFC 8058: mail programs offer their own unsubscribe button.
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            # RFC 3834: no vacation auto-replies to a robot.
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string("digest/email.html", context), "text/html")
    return message


def send(message: EmailMultiAlternatives) -> None:
    """Hand one message to the SMTP server; raises when it isn't accepted."""
    if message.send() != 1:
        raise RuntimeError("the message was not sent")


# Claims -----------------------------------------------------------------------------

CLAIMED, ALREADY_SENT, BUSY = "claimed", "already_sent", "busy"


def claim(
    user: AbstractBaseUser, day: date, run: str, now: datetime, stale_after: timedelta
) -> str:
    """Take the (user, day) delivery for this run, in one transaction: CLAIMED (ours
    now), ALREADY_SENT, or BUSY (another run holds a recent claim)."""
    with transaction.atomic():
        row = DigestDelivery.objects.select_for_update().filter(user=user, day=day).first()
        if row is None:
            try:
                with transaction.atomic():
                    DigestDelivery.objects.create(user=user, day=day, run=run, claimed_at=now)
            except IntegrityError:  # another run created it after our read
                return BUSY
            return CLAIMED
        if row.status == DigestDelivery.SENT:
            return ALREADY_SENT
        if row.claimed_at > now - stale_after:
            return BUSY
        log.warning("digest: user %s: taking over a stale claim of %s", user.pk, row.claimed_at)
        row.run, row.claimed_at = run, now
        row.save(update_fields=["run", "claimed_at"])
        return CLAIMED


def mark_sent(user: AbstractBaseUser, day: date) -> None:
    # Whoever holds the claim by now: the message went out, that's what counts.
    DigestDelivery.objects.filter(user=user, day=day).update(
        status=DigestDelivery.SENT, sent_at=timezone.now()
    )


def release(user: AbstractBaseUser, day: date, run: str) -> None:
    """Give up our claim after a failed send: the next run sends at once."""
    DigestDelivery.objects.filter(
        user=user, day=day, run=run, status=DigestDelivery.CLAIMED
    ).delete()


# `followup remind` ----------------------------------------------------------------


@dataclass
class Report:
    """What a run did, by user id (never an address)."""

    sent: list[int] = field(default_factory=list)
    would_send: list[tuple[int, int]] = field(default_factory=list)  # dry run: (user, steps)
    nothing_due: list[int] = field(default_factory=list)
    already_sent: list[int] = field(default_factory=list)
    busy: list[int] = field(default_factory=list)
    no_address: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def subscribers(usernames: Iterable[str] = ()) -> list[DigestSubscription]:
    chosen = DigestSubscription.objects.filter(opted_in=True, user__is_active=True)
    names = list(usernames)
    if names:
        chosen = chosen.filter(user__username__in=names)
    return list(chosen.select_related("user").order_by("user_id"))


def remind(
    as_of: date | None = None,
    dry_run: bool = False,
    usernames: Iterable[str] = (),
    stale_after: timedelta = STALE_AFTER,
) -> Report:
    """Send each subscriber their digest of the day (their own today, or `as_of`)."""
    report = Report()
    run = uuid.uuid4().hex
    connection = get_connection(fail_silently=False)
    try:
        for subscription in subscribers(usernames):
            deliver(subscription, as_of, dry_run, run, stale_after, connection, report)
    finally:
        with contextlib.suppress(Exception):
            connection.close()
    log.info(
        "digest run: %d sent, %d failed, %d already sent, %d busy, %d nothing due, %d no address",
        len(report.sent),
        len(report.failed),
        len(report.already_sent),
        len(report.busy),
        len(report.nothing_due),
        len(report.no_address),
    )
    return report


def deliver(
    subscription: DigestSubscription,
    as_of: date | None,
    dry_run: bool,
    run: str,
    stale_after: timedelta,
    connection: BaseEmailBackend,
    report: Report,
) -> None:
    """One subscriber's digest: claim, send, mark sent (see the module's docstring)."""
    user = subscription.user
    uid = int(user.pk)
    day = as_of or tracker.today_for(user)
    try:
        digest = build_digest(user, day)
    except Exception as error:  # one user's broken data must not stop everyone's digest
        log.error("digest: user %s: could not plan (%s)", uid, type(error).__name__)
        report.failed.append(uid)
        return
    if not digest.count:
        report.nothing_due.append(uid)
        return
    address = address_of(subscription)
    if not address:
        log.warning("digest: user %s has no valid address", uid)
        report.no_address.append(uid)
        return
    if dry_run:
        report.would_send.append((uid, digest.count))
        return
    state = claim(user, day, run, timezone.now(), stale_after)
    if state != CLAIMED:
        getattr(report, state).append(uid)
        return
    try:
        send(message_for(digest, uid, address, issue_token(subscription), connection))
    except Exception as error:  # any failure: give the claim back for the next run
        release(user, day, run)
        with contextlib.suppress(Exception):
            connection.close()  # the next message starts on a fresh connection
        log.error("digest: user %s: not sent (%s)", uid, type(error).__name__)
        report.failed.append(uid)
        return
    mark_sent(user, day)
    log.info("digest: user %s: sent, %d steps", uid, digest.count)
    report.sent.append(uid)

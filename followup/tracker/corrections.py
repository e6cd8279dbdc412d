"""Correcting what is stored: reopen a closed application, delete one (with Undo for
30 days), edit an event, and the sample journal (added once, removed in one go).

Built on `services` and imported only one way (services never imports this module):
the same rules hold. Every write checks the application's whole resulting journal
before touching the database, runs in one transaction, and recomputes the stored
plan of what it changed, so a failed write changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from ..planner.demo import demo_data
from . import services
from .errors import Conflict, NotFound, ServiceError
from .models import Application, DeletedApplication, Event, SampleDataOffer

TRASH_DAYS = 30  # how long a deleted application can be brought back


def journal_of(user: AbstractBaseUser, app: Application) -> dict[str, Any]:
    """One application in the journal format, read fresh from the database."""
    apps = services.applications_of(user).filter(pk=app.pk)
    return services.application_data(services._with_journal(apps).get())


def replace_journal(
    user: AbstractBaseUser, app: Application, data: dict[str, Any], as_of: date | None
) -> Application:
    """Store `data` as `app`'s whole journal, after checking it (a ServiceError
    otherwise, and nothing changes). Call inside a transaction."""
    profile = services.profile_of(user)
    parsed = services._validate(profile, profile.policy, [data]).applications[0]
    position, sample, was_offer = app.position, app.sample, app.stage == "offer"
    app.delete()
    saved = services._save_application(user, data, parsed, position)
    if sample:
        saved.sample = True
        saved.save(update_fields=["sample"])
    everything = services.applications_of(user)
    scope = everything if was_offer else everything.filter(pk=saved.pk)
    services.refresh(user, as_of or services.today_for(user), scope)
    return saved


# Close and reopen ------------------------------------------------------------------------


@transaction.atomic
def reopen(user: AbstractBaseUser, slug: str, as_of: date | None = None) -> Application:
    """Take back a `closed` event (the rest of the history stays): the application is
    planned again as if it had never been closed."""
    app = services.get_application(user, slug)
    closing = Event.objects.filter(application=app, type="closed")
    if not closing.exists():
        if app.stage == "closed":
            raise ServiceError(
                f"{slug}: it was closed by their answer (a rejection), not by you: "
                "delete that event in the timeline to reopen it"
            )
        raise ServiceError(f"{slug}: is not closed")
    closing.delete()
    services.refresh(user, as_of or services.today_for(user), services.applications_of(user))
    return services.get_application(user, slug)


# Delete, and Undo --------------------------------------------------------------------------


@transaction.atomic
def delete_application(user: AbstractBaseUser, slug: str) -> DeletedApplication:
    """Delete an application; it stays in the trash for TRASH_DAYS days (Undo)."""
    app = services.get_application(user, slug)
    kept = DeletedApplication.objects.create(
        user=user,
        slug=slug,
        position=app.position,
        sample=app.sample,
        journal=journal_of(user, app),
    )
    was_offer = app.stage == "offer"
    app.delete()
    empty_trash(user)
    if was_offer:
        services.refresh(user, services.today_for(user), services.applications_of(user))
    return kept


def empty_trash(user: AbstractBaseUser, now: Any = None) -> int:
    """Forget what was deleted more than TRASH_DAYS days ago."""
    cutoff = (now or timezone.now()) - timedelta(days=TRASH_DAYS)
    deleted, _ = DeletedApplication.objects.filter(user=user, deleted__lt=cutoff).delete()
    return deleted


@transaction.atomic
def undo_delete(user: AbstractBaseUser, trash_id: int, as_of: date | None = None) -> Application:
    """Bring a deleted application back, as it was, where it was."""
    empty_trash(user)
    try:
        kept = DeletedApplication.objects.get(user=user, pk=trash_id)
    except DeletedApplication.DoesNotExist:
        raise NotFound(
            f"nothing to undo: that application was deleted more than {TRASH_DAYS} days ago, "
            "or already brought back"
        ) from None
    if services.applications_of(user).filter(slug=kept.slug).exists():
        raise Conflict(f"{kept.slug}: an application with this id was added since; rename it first")
    profile = services.profile_of(user)
    parsed = services._validate(profile, profile.policy, [kept.journal]).applications[0]
    app = services._save_application(user, kept.journal, parsed, kept.position)
    app.sample = kept.sample
    app.save(update_fields=["sample"])
    kept.delete()
    services.refresh(user, as_of or services.today_for(user), services.applications_of(user))
    return services.get_application(user, app.slug)


# Editing an event --------------------------------------------------------------------------

EDITABLE_EVENT_KEYS = ("at", "outcome", "notes")


@transaction.atomic
def edit_event(
    user: AbstractBaseUser,
    slug: str,
    event_id: int,
    changes: dict[str, Any],
    as_of: date | None = None,
) -> Event:
    """Change an event's time (`at`), outcome or notes; None removes the outcome or
    notes. The whole journal is checked, and the plan recomputed, in one transaction."""
    app = services.get_application(user, slug)
    events = list(app.events.order_by("local_at", "position", "id"))
    index = next((n for n, e in enumerate(events) if e.pk == event_id), None)
    if index is None:
        raise NotFound(f"{slug}: no such event")
    problems = [
        f"{key}: can't be changed here" for key in changes if key not in EDITABLE_EVENT_KEYS
    ]
    if "at" in changes and not changes["at"]:
        problems.append("at: is required (the date, with a time if you know it)")
    if problems:
        raise ServiceError(*problems)
    data = journal_of(user, app)
    edited = {**data["events"][index], **changes}
    data["events"][index] = {k: v for k, v in edited.items() if v is not None}
    profile = services.profile_of(user)
    parsed = services._validate(profile, profile.policy, [data]).applications[0]
    event = events[index]
    event.at = data["events"][index]["at"]
    event.local_at = next(e.at for e in parsed.events if e.position == index).isoformat()
    event.data = {k: v for k, v in data["events"][index].items() if k not in ("type", "at")}
    event.save(update_fields=["at", "local_at", "data"])
    services.refresh(user, as_of or services.today_for(user), services.applications_of(user))
    return event


# The sample journal ------------------------------------------------------------------------


def sample_count(user: AbstractBaseUser) -> int:
    return services.applications_of(user).filter(sample=True).count()


@transaction.atomic
def add_sample_data(user: AbstractBaseUser, as_of: date) -> list[str]:
    """The demo journal, moved to `as_of` and marked as sample data."""
    ids = services.import_journal(user, demo_data(as_of), as_of=as_of)
    services.applications_of(user).filter(slug__in=ids).update(sample=True)
    SampleDataOffer.objects.create()
    return ids


def first_run_sample_data(user: AbstractBaseUser, as_of: date) -> bool:
    """Add the sample journal to an empty journal, only if it was never added before
    on this database (removing it, or the account, never brings it back)."""
    if SampleDataOffer.objects.exists() or services.applications_of(user).exists():
        return False
    add_sample_data(user, as_of)
    return True


@transaction.atomic
def remove_sample_data(user: AbstractBaseUser, as_of: date | None = None) -> int:
    """Delete every sample application; the user's own stay as they are."""
    sample = services.applications_of(user).filter(sample=True)
    count = sample.count()
    sample.delete()
    if count and services.applications_of(user).exists():  # an offer may have gone
        services.refresh(user, as_of or services.today_for(user), services.applications_of(user))
    return count

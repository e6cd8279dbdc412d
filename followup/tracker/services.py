"""Domain operations on the stored journal, shared by the views, the CLI and the API.

Every write validates the whole resulting journal of the application with the
planner's parser before touching the database, runs in one transaction, and
recomputes the stored next-step date of what it changed: a failed write changes
nothing, and "what is due" never goes stale through a write.

This module is the one import point of the views, CLI and API: it re-exports the
errors (`errors`) and the journal's reading, writing and import (`journal_store`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Exists, F, Q, QuerySet
from django.utils.text import slugify

from ..planner.journal import APPLICATION_TEXT, PROFILE_KEYS, parse_journal
from ..planner.model import Step
from ..planner.plan import OPEN_STAGES, ApplicationPlan, Nudge, Plan, nudges, plan
from ..planner.policy import policy_from
from . import limits
from .errors import Conflict, NotFound, ServiceError

# One import point: the names not used here are re-exported for the callers.
from .journal_store import (  # noqa: F401
    BULK_BATCH,
    _save_application,
    _validate,
    _with_journal,
    application_data,
    applications_of,
    event_data,
    journal_chunks,
    journal_data,
    profile_data,
    profile_of,
    store_journal,
)
from .models import Application, Event, Profile
from .step_names import (
    CALL_OUTCOMES,
    SENT_PURPOSE,
    action_named,
    no_such_step,
    not_ahead,
)

# Reading ------------------------------------------------------------------------


def today_for(user: AbstractBaseUser, now: datetime | None = None) -> date:
    """The user's local date (their profile's time zone), the default `as_of`."""
    zone = profile_of(user).timezone or "UTC"
    return (now or datetime.now(ZoneInfo("UTC"))).astimezone(ZoneInfo(zone)).date()


def _accepted_offers(user: AbstractBaseUser, as_of: date | None = None) -> QuerySet[Event]:
    """The `closed` events that accepted an offer (§7.1), up to the end of `as_of`."""
    # Filtered on the type first: SQLite tests the conditions in this order, and
    # reading a JSON field costs far more than comparing a column.
    found = Event.objects.filter(application__user=user, type="closed").filter(
        data__reason="accepted"
    )
    if as_of is not None:
        found = found.filter(local_at__lt=(as_of + timedelta(days=1)).isoformat())
    return found


def accepted_offers(user: AbstractBaseUser) -> list[tuple[int, str]]:
    """(application id, local time) of each offer accepted: read once, for Today's plan
    and nudges both (the scan of every `closed` event is its largest query)."""
    return list(_accepted_offers(user).values_list("application_id", "local_at"))


def get_application(user: AbstractBaseUser, slug: str) -> Application:
    """The user's application `slug`; another user's is as missing as a wrong one."""
    try:
        return applications_of(user).get(slug=slug)
    except Application.DoesNotExist:
        import difflib

        ids = applications_of(user).values_list("slug", flat=True)
        close = difflib.get_close_matches(slug, list(ids), n=3, cutoff=0.6)
        hint = f". Did you mean {' or '.join(close)}?" if close else ""
        raise NotFound(f"{slug}: no such application{hint}") from None


def application_journal(user: AbstractBaseUser, slug: str) -> dict[str, Any]:
    """One application as in the journal file, contacts and events included."""
    app = get_application(user, slug)
    return application_data(_with_journal(applications_of(user).filter(pk=app.pk)).get())


def import_journal(
    user: AbstractBaseUser, data: Any, replace: bool = False, as_of: date | None = None
) -> list[str]:
    """Import a journal file's data, all or nothing (see `journal_store.store_journal`),
    planned as of `as_of` or the user's today once the file's profile is in."""
    return store_journal(user, data, replace, lambda who: as_of or today_for(who))


def plan_for(
    user: AbstractBaseUser,
    as_of: date,
    apps: QuerySet[Application] | None = None,
    accepted: Sequence[tuple[int, str]] | None = None,
) -> Plan:
    """The plan of the user's applications (all, or `apps` plus any with an offer or
    an accepted offer, which decide status updates and withdrawals elsewhere, and the
    open ones when `apps` holds an offer, whose decision names them; the accepted ones
    as `accepted_offers` gives them, if the caller has read them)."""
    if apps is not None:
        offers = live_offers(user, as_of)
        accepted_ids = (
            _accepted_offers(user).values("application_id")
            if accepted is None
            else [pk for pk, _ in accepted]
        )
        asked = Q(pk__in=apps.values("pk"))
        chosen = asked | Q(pk__in=offers) | Q(pk__in=accepted_ids)
        # An offer's decision names every application still open (§7.1): when the
        # caller shows an application with an offer, the open ones are planned too, or
        # its list is short. (Offers planned only for their effect on the others need
        # no such list.) One query still: the condition is a subquery of the SELECT.
        shows_offer = Exists(applications_of(user).filter(asked, stage="offer"))
        apps = applications_of(user).filter(chosen | (Q(stage__in=OPEN_STAGES) & Q(shows_offer)))
    return plan(parse_journal(journal_data(user, apps)), as_of)


def live_offers(user: AbstractBaseUser, as_of: date) -> QuerySet[Event]:
    """Ids of the applications whose offer may still be live on `as_of` (§7: until its
    deadline, else for status_update_days): the only offers that change other plans.

    A superset (an offer with a passed deadline but a recent date is kept; the planner
    decides), so that Today plans a handful of offers, not every offer ever received."""
    days = policy_from(profile_of(user).policy)[0].status_update_days
    recent = (as_of - timedelta(days=days)).isoformat()
    return Event.objects.filter(
        Q(local_at__gte=recent) | Q(data__deadline__gte=as_of.isoformat()),
        application__user=user,
        application__stage="offer",
        type="heard",
        data__kind="offer",
    ).values("application_id")


# Writing ---------------------------------------------------------------------------


@transaction.atomic
def add_application(
    user: AbstractBaseUser, data: dict[str, Any], as_of: date | None = None
) -> Application:
    """Add one application (journal format: id, company, … contacts, events)."""
    limits.check_input(data)
    limits.check_application_count(user, 1)
    limits.check_event_counts([data])
    data = {**data, "events": data.get("events") or []}
    as_of = as_of or today_for(user)
    for event in data["events"]:
        if isinstance(event, dict):  # the parser names anything else
            not_ahead(event, as_of)
    data["id"] = data.get("id") or unique_slug(user, str(data.get("company") or "application"))
    if applications_of(user).filter(slug=data["id"]).exists():
        raise Conflict(f"{data['id']}: an application with this id already exists")
    profile = profile_of(user)
    parsed = _validate(profile, profile.policy, [data])
    last = applications_of(user).order_by("-position").values_list("position", flat=True).first()
    app = _save_application(user, data, parsed.applications[0], (last or 0) + 1)
    refresh(user, as_of, applications_of(user).filter(pk=app.pk))
    # An application just added and not changed since has `updated == created`: the
    # mark `followup undo` reads (any later save, event or edit moves `updated` on).
    Application.objects.filter(pk=app.pk).update(updated=F("created"))
    app.updated = app.created
    return app


def unique_slug(user: AbstractBaseUser, text: str) -> str:
    """A readable id from a company name, unique among the user's applications."""
    # ASCII only: the id must pass the journal's id pattern, or an export could not be
    # imported again ("Café Lumière" -> "cafe-lumiere").
    base = slugify(text).replace("_", "-").strip("-")[:60].strip("-") or "application"
    taken = set(applications_of(user).filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def record_event(
    user: AbstractBaseUser, slug: str, event: dict[str, Any], as_of: date | None = None
) -> Event:
    """Add one event to an application's journal, after validating the result."""
    limits.check_input(event)
    app = get_application(user, slug)
    as_of = as_of or today_for(user)
    not_ahead(event, as_of)
    data = application_data(_with_journal(applications_of(user).filter(pk=app.pk)).get())
    data["events"].append(event)
    limits.check_event_counts([data])
    profile = profile_of(user)
    parsed = _validate(profile, profile.policy, [data]).applications[0]
    index = len(data["events"]) - 1
    local = next(e.at for e in parsed.events if e.position == index)
    saved = Event.objects.create(
        application=app,
        position=index,
        type=event["type"],
        at=event["at"],
        local_at=local.isoformat(),
        data={k: v for k, v in event.items() if k not in ("type", "at")},
    )
    touched(app)
    # An offer changes other applications' plans (status updates): refresh them all.
    scope = (
        applications_of(user)
        if event.get("kind") == "offer" or app.stage == "offer" or event.get("type") == "closed"
        else applications_of(user).filter(pk=app.pk)
    )
    refresh(user, as_of, scope)
    return saved


def touched(app: Application) -> None:
    """Mark the application changed now (an event recorded or taken back): `undo` tells
    an application just added from one changed since by this time."""
    from django.utils import timezone

    Application.objects.filter(pk=app.pk).update(updated=timezone.now())


def now_at(app: Application, now: datetime | None = None) -> str:
    """The current local time in the application's zone, as a journal `at`."""
    zone = ZoneInfo(app.timezone or profile_of(app.user).timezone or "UTC")
    return (now or datetime.now(ZoneInfo("UTC"))).astimezone(zone).strftime("%Y-%m-%dT%H:%M")


# Steps that no message records: preparing ends with the interview, a decision with
# the accepting or declining of the offer.
NOT_RECORDED = {
    "prepare_interview": "there is nothing to mark as sent; it leaves your plan once the "
    "interview has taken place",
    "decide_offer": "an offer is accepted or declined, not marked done "
    "(followup accept or followup decline, or the buttons on its page)",
}


def pending_step(
    user: AbstractBaseUser, slug: str, as_of: date, action: str | None = None, to: str | None = None
) -> tuple[ApplicationPlan, Step]:
    """The application's next step, or its pending step matching `action` and `to`."""
    app = get_application(user, slug)
    item = next(
        p
        for p in plan_for(user, as_of, applications_of(user).filter(pk=app.pk)).applications
        if p.application.id == slug
    )
    wanted = action_named(action) if action else None
    pending = [step for step in item.steps if not step.projected]
    for step in pending:
        if wanted in (None, step.action) and to in (None, step.to):
            return item, step
    raise ServiceError(no_such_step(slug, action, to, pending))


def done_event(
    step: Step,
    at: str,
    outcome: str | None = None,
    notified: bool | None = None,
    notes: str | None = None,
) -> dict[str, Any]:
    """The journal event that records `step` as done."""
    if step.action in NOT_RECORDED:
        raise ServiceError(f"{step.action}: {NOT_RECORDED[step.action]}.")
    if step.action == "move_on":
        event: dict[str, Any] = {"type": "closed", "at": at, "reason": "moved_on"}
        if notified is not None:
            event["notified"] = notified
    elif step.channel == "phone":
        if outcome not in CALL_OUTCOMES:
            raise ServiceError(
                "The call's outcome is needed: how did the call go? "
                + ", ".join(CALL_OUTCOMES[:-1])
                + f" or {CALL_OUTCOMES[-1]}"
            )
        event = {
            "type": "called",
            "at": at,
            "to": step.to,
            "outcome": outcome,
            "purpose": SENT_PURPOSE[step.action],
        }
    else:
        event = {
            "type": "sent",
            "at": at,
            "channel": step.channel or "email",
            "to": step.to,
            "purpose": SENT_PURPOSE[step.action],
        }
    if notes:
        event["notes"] = notes
    return event


def record_done(
    user: AbstractBaseUser,
    slug: str,
    action: str | None = None,
    to: str | None = None,
    outcome: str | None = None,
    notified: bool | None = None,
    notes: str | None = None,
    as_of: date | None = None,
    at: str | None = None,
) -> Event:
    """Record that a pending step was done (the next one unless `action` says which)."""
    as_of = as_of or today_for(user)
    _, step = pending_step(user, slug, as_of, action, to)
    app = get_application(user, slug)
    event = done_event(step, said_at(app, at, as_of), outcome, notified, notes)
    return record_event(user, slug, event, as_of)


# Deciding on an offer (spec §7.1): accepting or declining closes the application.
OFFER_DECISIONS = {"accept": "accepted", "decline": "withdrawn"}


def decide_offer(
    user: AbstractBaseUser,
    slug: str,
    decision: str,
    at: str | None = None,
    notes: str | None = None,
    as_of: date | None = None,
) -> Event:
    """Accept or decline the offer of application `slug` (a `closed` event)."""
    app = get_application(user, slug)
    if decision not in OFFER_DECISIONS:
        raise ServiceError(f"Say accept or decline, not {decision!r}.")
    if app.stage != "offer":
        raise ServiceError(f"{slug} has no offer to {decision}: it is at the {app.stage} stage.")
    as_of = as_of or today_for(user)
    event = {"type": "closed", "at": said_at(app, at, as_of), "reason": OFFER_DECISIONS[decision]}
    if notes:
        event["notes"] = notes
    return record_event(user, slug, event, as_of)


@transaction.atomic
def update_application(
    user: AbstractBaseUser,
    slug: str,
    facts: dict[str, Any],
    contacts: list[dict[str, Any]] | None = None,
    as_of: date | None = None,
) -> Application:
    """Change an application's facts (and, given, its contacts), validated as a whole."""
    limits.check_input([facts, contacts])
    app = get_application(user, slug)
    data = application_data(_with_journal(applications_of(user).filter(pk=app.pk)).get())
    data.update({k: v for k, v in facts.items() if k in (*APPLICATION_TEXT, "salary")})
    data = {k: v for k, v in data.items() if v is not None}
    if contacts is not None:
        data["contacts"] = contacts
    profile = profile_of(user)
    parsed = _validate(profile, profile.policy, [data]).applications[0]
    position, sample = app.position, app.sample
    app.delete()
    saved = _save_application(user, data, parsed, position)
    if sample:  # still part of the sample journal (removable with it)
        saved.sample = True
        saved.save(update_fields=["sample"])
    refresh(user, as_of or today_for(user), applications_of(user).filter(pk=saved.pk))
    return saved


@transaction.atomic
@transaction.atomic
def delete_event(
    user: AbstractBaseUser, slug: str, event_id: int, as_of: date | None = None
) -> None:
    app = get_application(user, slug)
    deleted, _ = Event.objects.filter(application=app, pk=event_id).delete()
    if not deleted:
        raise NotFound(f"{slug}: no such event")
    touched(app)
    refresh(user, as_of or today_for(user), applications_of(user))


@transaction.atomic
def delete_application(user: AbstractBaseUser, slug: str) -> None:
    get_application(user, slug).delete()


@transaction.atomic
def update_profile(
    user: AbstractBaseUser,
    fields: dict[str, Any],
    policy: dict[str, Any] | None = None,
    as_of: date | None = None,
) -> Profile:
    """Change the profile and policy overrides; the whole journal is revalidated."""
    profile = profile_of(user)
    for key in PROFILE_KEYS:
        if key in fields:
            setattr(profile, key, fields[key] or None)
    if policy is not None:
        problems = [f"policy.{name}: {message}" for name, message in policy_from(policy)[1]]
        if problems:
            raise ServiceError(*problems)
        profile.policy = policy
    apps = journal_data(user)["applications"]
    _validate(profile, profile.policy, apps)
    profile.save()
    refresh(user, as_of or today_for(user), applications_of(user))
    return profile


@transaction.atomic
def delete_account(user: AbstractBaseUser) -> None:
    """Delete the user and every piece of their data."""
    user.delete()


# The stored next step -------------------------------------------------------------


def refresh(user: AbstractBaseUser, as_of: date, apps: QuerySet[Application]) -> int:
    """Recompute stage and next step date of `apps` as of `as_of`."""
    result = plan_for(user, as_of, apps)
    wanted = set(apps.values_list("slug", flat=True))
    rows = {a.slug: a for a in applications_of(user).filter(slug__in=wanted)}
    changed = []
    for item in result.applications:
        row = rows.get(item.application.id)
        if row is None:
            continue
        first = item.steps[0] if item.steps else None
        row.stage, row.planned_as_of = item.stage, as_of
        row.next_due = first.due if first else None
        row.next_action = first.action if first else ""
        changed.append(row)
    Application.objects.bulk_update(
        changed, ["stage", "next_due", "next_action", "planned_as_of"], batch_size=500
    )
    return len(changed)


def replan(as_of: date | None = None, users: Iterable[AbstractBaseUser] | None = None) -> int:
    """Recompute every application's next step (for date-driven changes): run daily."""
    from django.contrib.auth import get_user_model

    count = 0
    for user in (
        users
        if users is not None
        else get_user_model().objects.filter(applications__isnull=False).distinct()
    ):
        with transaction.atomic():
            count += refresh(user, as_of or today_for(user), applications_of(user))
    return count


def refresh_stale(user: AbstractBaseUser, as_of: date) -> int:
    """Replan the applications last planned before `as_of` (when no daily replan ran)."""
    stale = applications_of(user).filter(Q(planned_as_of__lt=as_of) | Q(planned_as_of__isnull=True))
    if not stale.exists():
        return 0
    with transaction.atomic():
        return refresh(user, as_of, applications_of(user))


# Today and the board ---------------------------------------------------------------


@dataclass
class Today:
    """The Today page: steps grouped by urgency, and the nudges."""

    as_of: date
    overdue: list[tuple[ApplicationPlan, Step]] = field(default_factory=list)
    today: list[tuple[ApplicationPlan, Step]] = field(default_factory=list)
    this_week: list[tuple[ApplicationPlan, Step]] = field(default_factory=list)
    nudges: Sequence[Nudge] = ()
    # Which page of the applications with a step this week (TODAY_PAGE_SIZE a page).
    number: int = 1
    pages: int = 1
    applications: int = 0

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.today or self.this_week)


def today(user: AbstractBaseUser, as_of: date | None = None, number: Any = 1) -> Today:
    """What to do today: an index range scan on the stored next step date, then a
    plan of one page of those applications (and any with an offer), soonest first.

    A page at a time, so that a journal of thousands of due applications can't hold
    a worker for seconds; `number` is read as Django's paginator reads it (a page that
    is not a number is the first, one past the end the last)."""
    as_of = as_of or today_for(user)
    refresh_stale(user, as_of)
    week_end = as_of + timedelta(days=6)
    # A stored plan made for a later day says nothing about `as_of`: plan those afresh.
    due = applications_of(user).filter(Q(next_due__lte=week_end) | Q(planned_as_of__gt=as_of))
    due = due.order_by("next_due", "pk")
    chosen = Paginator(due.values_list("pk", flat=True), settings.TODAY_PAGE_SIZE).get_page(number)
    on_page = applications_of(user).filter(pk__in=list(chosen.object_list))
    slugs = set(on_page.values_list("slug", flat=True))
    accepted = accepted_offers(user)
    result = plan_for(user, as_of, on_page, accepted) if slugs else None
    page = Today(as_of, nudges=nudges_for(user, as_of, accepted), number=chosen.number)
    page.pages, page.applications = chosen.paginator.num_pages, chosen.paginator.count
    for item in result.applications if result else ():
        if item.application.id not in slugs:
            continue  # an application with an offer, planned for its effect on the others
        for step in item.steps:
            if step.projected or step.due > week_end:
                continue
            group = (
                page.overdue
                if step.due_by < as_of
                else page.today
                if step.due <= as_of
                else page.this_week
            )
            group.append((item, step))
    for group in (page.overdue, page.today, page.this_week):
        group.sort(key=lambda pair: (pair[1].due, pair[1].due_by, pair[0].application.company))
    return page


def nudges_for(
    user: AbstractBaseUser, as_of: date, accepted: Sequence[tuple[int, str]] | None = None
) -> tuple[Nudge, ...]:
    """§8 nudges from counting queries (none once an offer is accepted, §7.1; the
    accepted offers as `accepted_offers` gives them, if the caller has read them)."""
    day_after = (as_of + timedelta(days=1)).isoformat()
    if (
        _accepted_offers(user, as_of).exists()
        if accepted is None
        else any(local_at < day_after for _, local_at in accepted)
    ):
        return ()
    profile = profile_of(user)
    open_apps = applications_of(user).filter(stage__in=OPEN_STAGES)
    finals = (
        open_apps.filter(
            events__type="interview",
            events__data__final=True,
            events__local_at__lt=(as_of + timedelta(days=1)).isoformat(),
        )
        .distinct()
        .count()
    )
    start = (as_of - timedelta(days=6)).isoformat()
    end = (as_of + timedelta(days=1)).isoformat()
    sent = (
        applications_of(user)
        .filter(events__type="applied", events__local_at__gte=start, events__local_at__lt=end)
        .distinct()
        .count()
    )
    return nudges(open_apps.count(), finals, sent, policy_from(profile.policy)[0])


STAGE_ORDER = ("saved", "applied", "interviewing", "offer", "closed")


BOARD_FIELDS = ("slug", "company", "role", "stage", "next_due", "next_action", "updated")


def board(user: AbstractBaseUser, search: str = "") -> dict[str, list[Application]]:
    """Applications by stage (in stage order), filtered by a search on company or role.

    One query whatever the number of applications, reading only what a card shows
    (not the posting texts); undated cards last on every database.
    """
    apps = (
        applications_of(user)
        .only(*BOARD_FIELDS)
        .order_by(F("next_due").asc(nulls_last=True), "company", "id")
    )
    if search:
        apps = apps.filter(
            Q(company__icontains=search) | Q(role__icontains=search) | Q(slug__icontains=search)
        )
    columns: dict[str, list[Application]] = {stage: [] for stage in STAGE_ORDER}
    for app in apps:
        columns.setdefault(app.stage, []).append(app)
    return columns


def board_columns(
    user: AbstractBaseUser, search: str = "", shown: int | None = None, whole: Sequence[str] = ()
) -> dict[str, tuple[int, list[dict[str, Any]]]]:
    """Stage -> (how many applications, the first `shown` as plain rows of BOARD_FIELDS),
    in stage order; every row of a stage in `whole`, or of all if `shown` is None.

    Open stages come soonest step first, undated last; closed ones latest first. One
    counting query and one short query per stage (five): a board of 5,000 applications
    reads about a hundred rows, not five thousand model instances."""
    found = applications_of(user)
    if search:
        found = found.filter(
            Q(company__icontains=search) | Q(role__icontains=search) | Q(slug__icontains=search)
        )
    counts = dict(found.order_by().values_list("stage").annotate(n=Count("id")))
    columns: dict[str, tuple[int, list[dict[str, Any]]]] = {}
    # Every stage is read, even an empty one: the number of queries stays the same.
    for stage in [*STAGE_ORDER, *sorted(set(counts) - set(STAGE_ORDER))]:
        rows = found.filter(stage=stage).order_by(
            *(("-updated", "id") if stage == "closed" else BOARD_ORDER)
        )
        limit = None if shown is None or stage in whole else shown
        columns[stage] = (counts.get(stage, 0), list(rows.values(*BOARD_FIELDS)[:limit]))
    return columns


BOARD_ORDER = (F("next_due").asc(nulls_last=True), "company", "id")


# Today and application pages: recording "now" and the interview debrief --------------


def at_on(app: Application, as_of: date, now: datetime | None = None) -> str:
    """The current local time in the application's zone, as a journal `at`, but never
    after the user's day `as_of`: an event dated after `as_of` is a plan, not a fact,
    and would leave the plan shown today unchanged (near midnight across zones)."""
    at = now_at(app, now)
    return at if at[:10] <= as_of.isoformat() else f"{as_of.isoformat()}T23:59"


def said_at(app: Application, at: str | None, as_of: date) -> str:
    """§2: something recorded as happening today with no time of day (or with no date
    at all) happened now: its time keeps it in order with that day's other events."""
    return at_on(app, as_of) if at is None or at == as_of.isoformat() else at


DEBRIEF_TEXT = (
    ("stage", "Where they are in the process"),
    ("next_steps", "Next steps and timeline"),
    ("candidates", "Candidates"),
    ("compare", "Compared with their ideal candidate"),
    ("concerns", "Concerns about my fit"),
)
DEBRIEF_CALLS = ("", "yes", "no", "email")


def debrief_events(answers: dict[str, Any]) -> list[dict[str, Any]]:
    """Spec §9: the closing questions' answers as journal events.

    `answers`: at, from (contact id), stage, next_steps, decide_by, hear_by,
    hear_via, candidates, compare, concerns, may_call ("yes", "no", "email" or "").
    A date gives an `expectation` (the date to hear by, else the decision date); a
    "don't phone" or "email, please" gives `directions`. The free-text answers go
    into the notes of the first event; with no date and no directions they travel
    on a neutral `directions` event (channel "any") so that nothing said is lost.
    """
    at = answers.get("at")
    if not at:
        raise ServiceError("debrief.at: is required (when the conversation took place)")
    may_call = answers.get("may_call") or ""
    if may_call not in DEBRIEF_CALLS:
        raise ServiceError(f"debrief.may_call: {may_call!r} is not one of yes, no, email")
    hear_by, decide_by = _iso(answers.get("hear_by")), _iso(answers.get("decide_by"))
    events: list[dict[str, Any]] = []
    if hear_by or decide_by:
        expectation: dict[str, Any] = {"type": "expectation", "at": at, "by": hear_by or decide_by}
        if answers.get("hear_via"):
            expectation["via"] = answers["hear_via"]
        if answers.get("from"):
            expectation["from"] = answers["from"]
        events.append(expectation)
    if may_call == "no":
        events.append({"type": "directions", "at": at, "no_calls": True})
    elif may_call == "email":
        events.append({"type": "directions", "at": at, "channel": "email"})
    notes = _debrief_notes(answers, decide_by if hear_by else None)
    if notes and not events:
        events.append({"type": "directions", "at": at, "channel": "any"})
    if not events:
        raise ServiceError(
            "debrief: nothing to record (give a date, an answer about phoning, or a note)"
        )
    if notes:
        events[0]["notes"] = notes
    return events


def _iso(value: Any) -> str | None:
    if isinstance(value, date):
        return value.isoformat()
    return str(value) if value else None


def _debrief_notes(answers: dict[str, Any], decide_by: str | None) -> str:
    lines = [
        f"{label}: {str(answers[key]).strip()}"
        for key, label in DEBRIEF_TEXT
        if str(answers.get(key) or "").strip()
    ]
    if decide_by:
        lines.insert(2, f"They expect to decide by {decide_by}")
    if answers.get("may_call") == "yes":
        lines.append("They're fine with a follow-up call")
    return "\n".join(lines)


@transaction.atomic
def record_debrief(
    user: AbstractBaseUser, slug: str, answers: dict[str, Any], as_of: date | None = None
) -> list[Event]:
    """Record the debrief's events: all of them, or (on any problem) none."""
    app = get_application(user, slug)
    as_of = as_of or today_for(user)
    answers = {**answers, "at": answers.get("at") or at_on(app, as_of)}
    return [record_event(user, slug, event, as_of) for event in debrief_events(answers)]

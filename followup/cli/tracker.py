"""What the tracker's commands share: Django on demand, `--user`, and the output.

The commands themselves live in `today` (the agenda), `record` (add, log, done),
`journal` (import, export, replan) and the other command modules; each is a thin
layer over `followup.tracker.services`, the same functions the web pages use.
Django is set up lazily, inside the commands, so that importing them (as
`followup plan` does to list the commands) costs nothing.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import EXIT_INVALID, CliError, Command, command

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from rich.console import Console

    from ..planner.model import Step
    from ..planner.plan import ApplicationPlan

Configure = Callable[[argparse.ArgumentParser], None]


# Django, set up on demand -------------------------------------------------------------


WEB_SETTINGS = "followup.web.settings"
# The everyday commands' settings: the same database, fewer apps (see the module).
LEAN_SETTINGS = "followup.web.cli_settings"


def django_setup(lean: bool = False) -> None:
    """Set Django up, once, on demand: `followup plan` never imports it. A `lean`
    command loads only the apps it needs, unless DJANGO_SETTINGS_MODULE says otherwise."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", LEAN_SETTINGS if lean else WEB_SETTINGS)
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        # No URL prefix to set for a command that builds no links: that would import
        # Django's URL and HTTP modules for nothing.
        django.setup(set_prefix=not _lean())
    except (ValueError, ImproperlyConfigured) as error:  # e.g. a bad DATABASE_URL
        raise CliError(f"settings: {error}") from None


def _lean() -> bool:
    return os.environ.get("DJANGO_SETTINGS_MODULE") == LEAN_SETTINGS


def migrate_if_needed() -> None:
    """Apply pending migrations quietly: a first `followup today` just works.
    Checking costs one query when there is nothing to do. With the lean settings a
    pending migration runs the command again, whole, with the web app's settings:
    migrating needs every app."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    if _all_recorded():
        return
    if _lean():
        _run_again_with_web_settings()
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        call_command("migrate", verbosity=0, interactive=False)


def _run_again_with_web_settings() -> None:
    """Replace this process by the same command with the full settings (once, after
    an install or an upgrade brought new migrations)."""
    import sys

    from . import invocation

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": WEB_SETTINGS}
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, [sys.executable, "-m", "followup", *invocation()], env)


def _all_recorded() -> bool:
    """Is every migration file on disk recorded as applied? One query and a directory
    listing per app, where loading the migration graph imports every migration (slow).
    Any doubt (a new file, a squash) is left to Django's own check."""
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return False
    applied = set(recorder.applied_migrations())
    return all(
        (label, path.stem) in applied
        for label, folder in migration_folders()
        for path in folder.glob("[!_]*.py")
    )


# The apps whose label is not the last part of their name (Django's default).
APP_LABELS = {"followup.insights.web": "insights"}


def migration_folders() -> list[tuple[str, Path]]:
    """Each app's label and migrations folder: with the lean settings, those of every
    app of the web settings (found without importing them), since they share the
    database."""
    from django.apps import apps
    from django.conf import settings

    names = getattr(settings, "ALL_APPS", None)
    if names is None:
        return [(c.label, Path(c.path) / "migrations") for c in apps.get_app_configs()]
    return [
        (APP_LABELS.get(name, name.rpartition(".")[2]), package_folder(name) / "migrations")
        for name in names
    ]


def package_folder(name: str) -> Path:
    """The folder of package `name`, found without importing it (nor its parents, whose
    `__init__` may be slow to import)."""
    from importlib.util import find_spec

    top, _, rest = name.partition(".")
    spec = find_spec(top)
    if spec is None or not spec.submodule_search_locations:
        raise CliError(f"settings: the app {name} is not installed")
    return Path(next(iter(spec.submodule_search_locations)), *rest.split(".") if rest else ())


def tracker_command(configure: Configure, lean: bool = False) -> Callable[[Command], Command]:
    """Register a command that needs the database: Django set up first, a `--user`
    option, and service errors turned into messages with the right exit code. A `lean`
    command only reads and writes the tracker's tables (never deletes: see
    `followup.web.cli_settings`) and gets Django with just those apps."""

    def options(parser: argparse.ArgumentParser) -> None:
        configure(parser)
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="whose journal (hosted mode; default: the local user)",
        )

    def register(func: Command) -> Command:
        @functools.wraps(func)
        def run(args: argparse.Namespace) -> int:
            from .commands import keep_holiday_tables

            django_setup(lean)
            keep_holiday_tables()  # every write replans: no country modules imported
            from django.db import DatabaseError

            from ..tracker.services import ServiceError

            try:
                migrate_if_needed()
                return func(args)
            except ServiceError as error:
                problems = [in_cli_words(p) for p in error.problems]
                raise CliError("\nerror: ".join(problems), EXIT_INVALID) from None
            except DatabaseError as error:
                raise CliError(f"database: {error}") from None

        return command(options)(run)

    return register


# An event's field, as the journal's checks name it, and the flag that sets it.
_EVENT_FIELD = re.compile(
    r"^(?P<app>[^:\s]+): events\[\d+\]\.(?P<field>\w+)(?:\[\d+\])?: (?P<said>.*)$"
)
_FLAGS = {"with": "with", "from": "from", "no_calls": "no-calls"}


def in_cli_words(problem: str) -> str:
    """A service's problem as the command line says it: the flag, not the field path
    ("mesa: --to: 'nobody' is not a contact …" for "mesa: events[6].to: …")."""
    problem = problem.replace("(import with replace to", "(followup import --replace to")
    found = _EVENT_FIELD.match(problem)
    if found is None:
        return problem
    flag, said = _FLAGS.get(found["field"], found["field"]), found["said"]
    if said.endswith("is not a contact of this application"):
        said += f" (`followup show {found['app']}` lists them; `contact-add` adds one)"
    return f"{found['app']}: --{flag}{' ' if said.startswith('is ') else ': '}{said}"


def user_of(args: argparse.Namespace) -> User:
    """The user named by --user, else the local user (created on first use)."""
    from django.conf import settings
    from django.contrib.auth.models import User

    from ..accounts.services import local_user

    if args.user:
        try:
            return User.objects.get(username=args.user)
        except User.DoesNotExist:
            raise CliError(f"--user {args.user}: no such user", EXIT_INVALID) from None
    if settings.HOSTED:
        raise CliError("hosted mode: say whose journal with --user USERNAME", EXIT_INVALID)
    return local_user()


# Output helpers --------------------------------------------------------------------


def console() -> Console:
    """Rich's console; NO_COLOR (no-color.org) turns off every style, bold and
    underline too, not just the colours as Rich alone would."""
    from rich.console import Console

    plain = bool(os.environ.get("NO_COLOR"))
    return Console(highlight=False, color_system=None if plain else "auto")


def print_json(data: object) -> None:
    from .commands import print_json as write

    write(data)


def format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )


def step_json(user: User, item: ApplicationPlan, step: Step, profile: Any = None) -> dict[str, Any]:
    """A step as in the plan format, with its application's id first and its draft
    (signed with `profile`, the planner's type, read here when not given)."""
    from ..planner.plan import render_draft, step_to_dict

    profile = planner_profile(user) if profile is None else profile
    return {
        "application": item.application.id,
        **step_to_dict(step, render_draft(item, step, profile)),
    }


def planner_profile(user: User) -> Any:
    """The user's profile as the planner's type (the drafts sign with it)."""
    from ..planner.journal import FORMAT, parse_journal
    from ..tracker.services import profile_data, profile_of

    return parse_journal(
        {"format": FORMAT, "profile": profile_data(profile_of(user)), "applications": []}
    ).profile


def next_step(user: User, slug: str, as_of: date) -> tuple[ApplicationPlan, Step | None]:
    """The application's plan and its next step (None when nothing is left to do)."""
    from ..tracker import services

    result = services.plan_for(user, as_of, services.applications_of(user).filter(slug=slug))
    item = next(p for p in result.applications if p.application.id == slug)
    return item, item.steps[0] if item.steps else None


def print_next(user: User, slug: str, as_of: date) -> None:
    """'Next: Call Pat Lee (phone, …)', its due date and its reason."""
    from .steps import describe, due_words, styled, width, wrapped, write

    item, step = next_step(user, slug, as_of)
    if step is None:
        print(f"Nothing more to do for {slug} ({item.stage}).")
        return
    if not styled():  # a pipe or a file: plain text, Rich not imported
        columns = width()
        line = f"Next: {describe(item, step)} — {due_words(step, as_of)[0]}"
        write(wrapped(line, columns) + wrapped(step.reason, columns))
        return
    from rich.text import Text

    from .render import when

    out = console()
    out.print(
        Text("Next: ", style="bold") + Text(describe(item, step)) + Text(" — ") + when(step, as_of)
    )
    out.print(Text(step.reason, style="dim"))


def next_json(user: User, slug: str, as_of: date) -> dict[str, Any] | None:
    item, step = next_step(user, slug, as_of)
    return None if step is None else step_json(user, item, step)


def event_summary(event: dict[str, Any]) -> str:
    """'called gloria on Wed 18 Nov at 09:30 (outcome voicemail, purpose check_in)': the
    dates as every other line of the CLI says them."""
    details = ", ".join(
        f"{key} {_words(value, key)}"
        for key, value in event.items()
        if key not in ("type", "at", "to", "notes")
    )
    to = f" {event['to']}" if event.get("to") else ""
    return f"{event['type']}{to} {_when(str(event['at']))}" + (f" ({details})" if details else "")


def _when(at: str) -> str:
    """'on Wed 18 Nov at 09:30' for '2026-11-18T09:30' ('on Wed 18 Nov' for a day)."""
    day, _, time = at.partition("T")
    return f"on {_short_day(day)}" + (f" at {time}" if time else "")


def _words(value: object, key: str = "") -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "+".join(str(v) for v in value)
    if key in ("by", "deadline") and isinstance(value, str):
        return _short_day(value)
    return str(value)


def _short_day(iso: str) -> str:
    """'Wed 18 Nov' for '2026-11-18' (the dates module loads when a date is said)."""
    from ..dates import short_day

    return short_day(date.fromisoformat(iso))


# Files -------------------------------------------------------------------------------


def write_atomic(path: Path, text: str) -> None:
    """Write a temporary file next to `path`, flush it to disk, then rename it over."""
    import tempfile

    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise CliError(f"{path}: {error.strerror or error}") from None
    try:
        if path.exists():  # keep the mode of the file replaced (new files stay private: 0600)
            os.chmod(temp, path.stat().st_mode & 0o7777)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise CliError(f"{path}: {error.strerror or error}") from None

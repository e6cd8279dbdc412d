"""What a fresh `followup` process imports for the everyday commands: start-up is
mostly imports, so the decisions that keep it short are checked here (never timed:
`bench/cli_startup.py` measures). A fresh process, as a person at a terminal runs it,
with its output going to a pipe."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps

from followup.cli.tracker import APP_LABELS, package_folder
from followup.planner.demo import demo_data
from followup.web import cli_settings, settings

# Run `main` and then write the names of the loaded modules to stderr, as JSON.
PROGRAM = (
    "import json, sys\n"
    "from followup.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    "sys.exit(code)\n"
)

# Loaded by the web app only: its other apps, login throttling, the CSP middleware,
# the API, static files, the terminal view.
NOT_NEEDED = (
    "rich",
    "holidays",
    "axes",
    "csp.middleware",
    "ninja",
    "whitenoise",
    "django_htmx",
    "django.contrib.admin",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "followup.api",
    "followup.mail",
    "followup.feeds",
    "followup.digest",
    "followup.imports",
    "followup.worklog",
    "followup.insights",
)


def environment(folder: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "FORCE_COLOR", "COVERAGE_PROCESS_START")
    }
    env.update(
        FOLLOWUP_DATA_DIR=str(folder / "data"),
        FOLLOWUP_CACHE_DIR=str(folder / "cache"),
        DATABASE_URL="",
    )
    return env


def followup(folder: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "followup", *argv],
        env=environment(folder),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def loaded_modules(folder: Path, *argv: str) -> tuple[str, list[str]]:
    """What the command printed, and every module the process had loaded at its end."""
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, *argv],
        env=environment(folder),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout, json.loads(done.stderr)


def unwanted(modules: list[str], allowed: tuple[str, ...] = ()) -> list[str]:
    def within(name: str, packages: tuple[str, ...]) -> bool:
        return any(name == p or name.startswith(f"{p}.") for p in packages)

    return [m for m in modules if within(m, NOT_NEEDED) and not within(m, allowed)]


@pytest.fixture(scope="module")
def search(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the demo search, imported by a fresh process: on a new
    database, the everyday command migrates (with the web settings) first."""
    folder = tmp_path_factory.mktemp("startup")
    journal = folder / "demo.json"
    journal.write_text(json.dumps(demo_data(date.today())), encoding="utf-8")
    first = followup(folder, "today")  # a new database: migrated, then Today
    assert first.returncode == 0, first.stderr
    assert "Nothing is due this week." in first.stdout
    done = followup(folder, "import", str(journal))
    assert done.returncode == 0, done.stderr
    return folder


def test_today_to_a_pipe_imports_neither_rich_nor_holidays_nor_the_other_apps(
    search: Path,
) -> None:
    out, modules = loaded_modules(search, "today")
    assert "Follow-ups as of" in out
    assert "django.db.models" in modules  # the check sees a real run
    assert "followup.tracker.services" in modules
    assert unwanted(modules) == []


@pytest.mark.parametrize(
    ("argv", "allowed"),
    [
        (["today", "--format", "json"], ()),
        (["add", "Nimbus Labs", "--applied", "yesterday"], ()),
        (["log", "nimbus-labs", "heard", "--kind", "update", "--at", "today"], ()),
        (["done", "nimbus-labs", "--at", "today"], ()),
        (["list"], ("rich",)),  # a table: Rich even to a pipe
    ],
)
def test_the_everyday_commands_load_only_the_trackers_apps(
    search: Path, argv: list[str], allowed: tuple[str, ...]
) -> None:
    _, modules = loaded_modules(search, *argv)
    assert "followup.tracker.services" in modules
    assert unwanted(modules, allowed) == []


def test_a_command_that_deletes_loads_every_app(search: Path) -> None:
    """Deleting cascades to rows of every app (a mail message recorded as an event):
    `undo` and the corrections get the web app's settings."""
    _, modules = loaded_modules(search, "undo", "--format", "json")
    assert "followup.mail.models" in modules
    assert "axes" in modules


def test_the_lean_settings_share_the_database_and_check_every_apps_migrations() -> None:
    assert cli_settings.DATABASES == settings.DATABASES
    assert cli_settings.ALL_APPS == settings.INSTALLED_APPS
    assert set(cli_settings.INSTALLED_APPS) < set(settings.INSTALLED_APPS)
    # Labels and folders found without importing the apps match Django's own.
    for config in apps.get_app_configs():
        assert APP_LABELS.get(config.name, config.name.rpartition(".")[2]) == config.label
        assert package_folder(config.name) == Path(config.path)

"""Browser journeys: Debian's Chromium driven by Playwright against pytest-django's live server.

Playwright never downloads a browser here: it launches /usr/bin/chromium (the
Debian package `chromium`, which .ci/run installs). Without it the journeys are
skipped with the reason, and FOLLOWUP_REQUIRE_ALL=1 (CI) turns that into a failure.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test's thread, and Django refuses
# ORM calls from a thread with a running loop unless told the caller knows what it
# does. The tests only set up data and read it back; the server runs in its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from django.contrib.auth.models import User
from playwright.sync_api import Page

from followup.accounts.services import issue_login_link
from followup.planner.demo import demo_data
from followup.tracker import services
from tests.require_all import executable_problem

# Debian's Chromium; FOLLOWUP_CHROMIUM names another build (on another system).
CHROMIUM = Path(os.environ.get("FOLLOWUP_CHROMIUM") or "/usr/bin/chromium")
# As the machine's notes advise: headless, as root (no sandbox), and no background
# connections, which the closed network would refuse at every start.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
AS_OF = date(2026, 11, 18)  # a Wednesday, as in tests/web
TIMEOUT_MS = 10_000  # a page of this app answers in well under a second; fail fast


@pytest.hookimpl(tryfirst=True)  # marked before `-m "not browser"` deselects
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    missing = executable_problem(CHROMIUM, "apt-get install chromium, or set FOLLOWUP_CHROMIUM")
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)
            if missing:
                item.add_marker(pytest.mark.skip(reason=missing))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture
def results_dir() -> Path:
    RESULTS.mkdir(exist_ok=True)
    return RESULTS


@pytest.fixture
def page(page: Page) -> Page:
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    return page


@pytest.fixture
def user(transactional_db: None) -> User:
    """A new user with nothing yet (transactional: the live server sees it)."""
    return User.objects.create_user("pat", "pat@example.org")


@pytest.fixture(autouse=True)
def as_of(monkeypatch: pytest.MonkeyPatch) -> date:
    """Pin every user's 'today' (the live server runs in this process, so it sees
    it too): the agenda depends on the weekday and on holidays, and the journeys
    must find the same steps on any day they run."""
    monkeypatch.setattr(services, "today_for", lambda user, now=None: AS_OF)
    return AS_OF


@pytest.fixture
def demo_user(user: User, as_of: date) -> User:
    services.import_journal(user, demo_data(as_of), as_of=as_of)
    return user


def log_in(page: Page, live_server: Any, user: User) -> None:
    """Open a one-time login link, as `followup serve` prints it; lands on Today."""
    page.goto(issue_login_link(user, base_url=live_server.url))


@pytest.fixture
def signed_in(page: Page, live_server: Any, demo_user: User) -> Page:
    """A browser signed in as the demo user, on Today."""
    log_in(page, live_server, demo_user)
    return page

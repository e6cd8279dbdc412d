"""Browser journeys: Debian's Chromium driven by Playwright against pytest-django's live server.

Playwright never downloads a browser here: it launches /usr/bin/chromium (the
Debian package `chromium`, which .ci/run installs). Without it the journeys are
skipped with the reason, and FOLLOWUP_REQUIRE_ALL=1 (CI) turns that into a failure.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test's thread, and Django refuses
# ORM calls from a thread with a running loop unless told the caller knows what it
# does. The tests only set up data and read it back; the server runs in its own thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Request, Response

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


# Addresses never checked again by axe: one-time login links, files, and pages
# that are not the app's HTML (the API's own docs come from swagger-ui).
NOT_PAGES = re.compile(
    r"^(?!http://(localhost|127\.0\.0\.1)[:/])"  # other sites (local test pages)
    r"|/accounts/token/|\.ics$|\.json$|/worklog/[^/]+\.(csv|pdf|html)$|/api/"
)


@dataclass
class Seen:
    """What one journey did in the browser: the pages it saw, the forms it posted."""

    pages: list[str] = field(default_factory=list)
    posts: dict[str, list[int]] = field(default_factory=dict)  # url name -> statuses

    def answered(self, response: Response) -> None:
        request = response.request
        if request.method == "POST":
            self.posts.setdefault(url_name(response.url), []).append(response.status)
        elif (
            request.is_navigation_request()
            and _top_level(request)
            and response.status == 200
            and response.url not in self.pages
        ):
            self.pages.append(response.url)  # a page got by GET: safe to get again


def _top_level(request: Request) -> bool:
    try:
        return request.frame.parent_frame is None
    except PlaywrightError:  # a new window's first page, asked for before its frame exists
        return True


def url_name(url: str) -> str:
    from django.urls import Resolver404, resolve

    try:
        return resolve(urlsplit(url).path).url_name or "?"
    except Resolver404:
        return "?"


def axe_problems(page: Page) -> list[str]:
    """axe-core's violations on the page as it is now, one line each."""
    # Every default rule, plus tap targets of at least 24 px (WCAG 2.2's target-size).
    options = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
    result = Axe().run(page, options=options)
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(str(n["target"]) for n in v["nodes"][:5])
        for v in result.response["violations"]
    ]


def _check_forms(request: pytest.FixtureRequest, seen: Seen) -> list[str]:
    """Each form the journey says it submits (`@pytest.mark.submits`) was posted,
    and answered without a client or server error (a 422 shows an invalid form)."""
    problems = []
    for mark in request.node.iter_markers("submits"):
        for name in mark.args:
            statuses = seen.posts.get(name)
            if not statuses:
                problems.append(f"the form {name!r} was never submitted")
            elif any(code >= 400 and code != 422 for code in statuses):
                problems.append(f"the form {name!r} was answered {statuses}")
    return problems


@pytest.fixture
def page(page: Page, request: pytest.FixtureRequest) -> Iterator[Page]:
    """The journey's page; afterwards axe-core checks the last state of the page and
    every page the journey visited (again, in the same session), and the forms the
    journey declares are checked to have been posted."""
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    seen = Seen()
    page.context.on("response", seen.answered)  # popups too (the bookmarklet opens one)
    yield page
    if request.node.rep_call.failed if hasattr(request.node, "rep_call") else True:
        return  # the journey's own failure says more
    problems = _check_forms(request, seen)
    if not page.is_closed() and not NOT_PAGES.search(page.url):
        problems += axe_problems(page)
    again = page.context.new_page()
    for url in seen.pages:
        answer = None if NOT_PAGES.search(url) else again.goto(url)
        if answer is not None and answer.status == 200:  # not since deleted
            problems += axe_problems(again)
    again.close()
    assert not problems, "\n".join(problems)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the item, so `page` knows whether the test passed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


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

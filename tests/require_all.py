"""FOLLOWUP_REQUIRE_ALL=1 (set by .ci/run): a skip is a failure, wherever it is raised.

A test can be skipped while it runs (a missing service), by a mark added during
collection (no PostgreSQL, no Chromium), or while its module is collected
(`pytest.importorskip`, `pytest.skip(allow_module_level=True)`). The first two
reach `pytest_runtest_makereport`; the last one only ever makes a collection
report, so both hooks turn skips into failures. Kept free of Django, so a test
can load this plugin alone in a pytest of its own (tests/test_require_all.py).
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path

import pluggy
import pytest

REQUIRE_ALL = os.environ.get("FOLLOWUP_REQUIRE_ALL") == "1"


def _reason(longrepr: object) -> str:
    # A skip's longrepr is (path, line, "Skipped: why"); anything else is shown as is.
    return str(longrepr[-1] if isinstance(longrepr, tuple) else longrepr)


def _forbid(report: pytest.TestReport | pytest.CollectReport) -> None:
    if REQUIRE_ALL and report.skipped:
        report.longrepr = (
            f"skipped, but FOLLOWUP_REQUIRE_ALL=1 forbids skips: {_reason(report.longrepr)}"
        )
        report.outcome = "failed"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pluggy.Result[pytest.TestReport], None]:
    outcome = yield
    _forbid(outcome.get_result())


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(
    collector: pytest.Collector,
) -> Generator[None, pluggy.Result[pytest.CollectReport], None]:
    outcome = yield
    _forbid(outcome.get_result())


def executable_problem(path: Path, hint: str) -> str | None:
    """Why the program at `path` can't be run, or None when it can.

    A path that exists is not enough: a directory, a dangling link or a file
    without the execute bit would only fail later, as a confusing launch error.
    """
    if not path.exists():
        return f"{path} not found ({hint})"
    if not path.is_file() or not os.access(path, os.X_OK):
        return f"{path} is not an executable file ({hint})"
    return None

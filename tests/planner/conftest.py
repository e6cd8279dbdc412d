"""Planner tests start from nothing the previous test left behind."""

from __future__ import annotations

import pytest

from followup.planner import journal


@pytest.fixture(autouse=True)
def moments_read_afresh() -> None:
    """The parser remembers each `at` it has read, for the whole process: a test of
    how a moment is read must read it, not find it remembered from an earlier test
    (mutation testing runs a mutant's tests in a process that ran the suite once)."""
    journal._AT_SEEN.clear()

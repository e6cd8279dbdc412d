"""The work-search log lists only contacts made by its day: an interview booked for
Friday is not a contact on Wednesday, and a claim must not say it is."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.contrib.auth.models import User

from followup.cli import main
from followup.tracker import services
from followup.worklog import report

from .conftest import AS_OF  # Wednesday 18 November 2026, in ISO week 47

pytestmark = pytest.mark.database
FRIDAY_INTERVIEW = {"type": "interview", "at": "2026-11-20T10:00", "with": ["kim"]}


def interviews_on_friday(log: report.WorkLog) -> list[report.WorkRow]:
    return [
        r
        for r in log.rows
        if r.day.isoformat() == "2026-11-20" and r.employer == "Mesa Grid Energy"
    ]


def test_a_booked_interview_is_no_contact_yet(owner: User) -> None:
    services.record_event(owner, "mesa-grid-analyst", FRIDAY_INTERVIEW, as_of=AS_OF)
    # By Sunday the booked interview has happened and is a contact of the week.
    everything = report.week_rows(owner, "2026-W47", upto=date(2026, 11, 22))
    assert len(interviews_on_friday(everything)) == 1
    by_today = report.week_rows(owner, "2026-W47", upto=AS_OF)
    assert interviews_on_friday(by_today) == []
    # Two fewer: this interview, and the demo's Sandia Regional Transit interview that
    # same Friday.
    assert len(by_today.rows) == len(everything.rows) - 2
    # Without `upto`, the log stops at the user's today (Wednesday here).
    assert report.week_rows(owner, "2026-W47").rows == by_today.rows


def test_the_cli_log_stops_at_today(owner: User, capsys: pytest.CaptureFixture[str]) -> None:
    services.record_event(owner, "mesa-grid-analyst", FRIDAY_INTERVIEW, as_of=AS_OF)
    code = main(["worklog", "--week", "this", "--format", "json", "--user", "owner"])
    assert code == 0
    log = json.loads(capsys.readouterr().out)
    assert (log["format"], log["week"]) == ("followup-worklog/1", "2026-W47")
    assert log["contacts"]
    assert all(c["date"] <= "2026-11-18" for c in log["contacts"])

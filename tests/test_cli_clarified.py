"""The CLI and the clarified rules: stored plans made for a later day, scheduled
interviews in `followup today`, and "now" for what happened today (§2)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from followup.planner import load_journal, plan
from followup.tracker import services
from followup.tracker.models import Event

from .test_cli_tracker import AS_OF, demo_file, frozen_today, me, run

__all__ = ["demo_file", "frozen_today", "me"]  # fixtures, used by name

pytestmark = pytest.mark.django_db


def test_today_before_the_stored_plan_plans_that_day_afresh(
    me: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Plans stored for Wed 25 Nov say nothing of Wed 18 Nov: `today --as-of` that day
    lists what planning the exported journal as of that day lists."""
    assert run(capsys, "replan", "--as-of", "2026-11-25")[0] == 0
    code, out, _ = run(capsys, "today", "--as-of", "2026-11-18", "--format", "json")
    assert code == 0
    page = json.loads(out)
    listed = sorted(
        (s["application"], s["action"], s["to"], s["due"])
        for group in ("overdue", "today", "this_week")
        for s in page[group]
    )
    assert run(capsys, "export", "-o", str(tmp_path / "out.json"))[0] == 0
    as_of = date(2026, 11, 18)
    expected = sorted(
        (item.application.id, s.action, s.to, s.due.isoformat())
        for item in plan(load_journal(tmp_path / "out.json"), as_of).applications
        for s in item.steps
        if not s.projected and s.due <= as_of + timedelta(days=6)
    )
    assert listed == expected
    assert ("desert-bloom-evaluation", "confirm_receipt", "yolanda", "2026-11-18") in listed


def test_a_scheduled_interview_shows_in_today(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "log",
        "rio-abajo-water-data",
        "interview",
        "--at",
        "2026-11-20T10:00",
        "--with",
        "carmen",
    )
    assert code == 0
    code, out, _ = run(capsys, "today")
    assert "Interview on Fri 20 Nov, 10:00: prepare" in " ".join(out.split())


def test_logging_today_without_a_time_records_the_current_time(
    me: User, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(services, "now_at", lambda app, now=None: "2026-11-18T09:41")
    argv = ("log", "rio-abajo-water-data", "sent", "--to", "carmen", "--purpose", "other")
    assert run(capsys, *argv, "--at", AS_OF.isoformat())[0] == 0
    latest = Event.objects.filter(application__slug="rio-abajo-water-data").latest("id")
    assert latest.at == "2026-11-18T09:41"
    assert run(capsys, *argv, "--at", "2026-11-17")[0] == 0
    latest = Event.objects.filter(application__slug="rio-abajo-water-data").latest("id")
    assert latest.at == "2026-11-17"


def test_export_writes_a_days_date_only_events_after_its_timed_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = [
        {"type": "sent", "at": "2026-11-16", "to": "pat", "purpose": "thank_you"},
        {"type": "applied", "at": "2026-11-02"},
        {"type": "interview", "at": "2026-11-16T10:00", "with": ["pat"]},
        {"type": "expectation", "at": "2026-11-16", "by": "2026-11-20", "via": "phone"},
        {"type": "called", "at": "2026-11-16T16:30", "to": "pat", "outcome": "spoke"},
    ]
    journal = {
        "format": "followup/1",
        "applications": [
            {"id": "acme", "company": "Acme", "contacts": [{"id": "pat"}], "events": events}
        ],
    }
    source, first, second = (tmp_path / name for name in ("in.json", "a.json", "b.json"))
    source.write_text(json.dumps(journal), encoding="utf-8")
    assert run(capsys, "import", str(source))[0] == 0
    assert run(capsys, "export", "-o", str(first))[0] == 0
    written = json.loads(first.read_text())["applications"][0]["events"]
    # By day; within 16 Nov the 10:00 and 16:30 events, then the two with a date
    # alone, in the file's order.
    assert [(e["type"], e["at"]) for e in written] == [
        ("applied", "2026-11-02"),
        ("interview", "2026-11-16T10:00"),
        ("called", "2026-11-16T16:30"),
        ("sent", "2026-11-16"),
        ("expectation", "2026-11-16"),
    ]
    assert run(capsys, "import", str(first), "--replace")[0] == 0
    assert run(capsys, "export", "-o", str(second))[0] == 0
    assert second.read_bytes() == first.read_bytes()

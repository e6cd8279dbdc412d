"""The plan output is unchanged by the speed work: `followup plan --format json` on
the demo and on two synthetic journals gives the JSON recorded in
tests/fixtures/plan_golden/ before any of it (from the merged code of 2026-12-01).

To record them again after a deliberate change of the rules or the wording:
    FOLLOWUP_RECORD_GOLDEN=1 .venv/bin/pytest tests/planner/test_plan_unchanged.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from followup.cli import main
from followup.planner.demo import demo_data
from tests.synthetic_journals import synthetic_journal

AS_OF = date(2026, 3, 11)
ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "fixtures" / "plan_golden"


def synthetic(count: int, seed: int) -> dict[str, Any]:
    return synthetic_journal(count, AS_OF, seed)


JOURNALS = {
    "demo": lambda: demo_data(AS_OF),
    "synthetic-1": lambda: synthetic(120, 1),
    "synthetic-2": lambda: synthetic(120, 2),
}


@pytest.mark.parametrize("name", list(JOURNALS))
def test_plan_json_is_what_it_was(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal = tmp_path / "journal.json"
    journal.write_text(json.dumps(JOURNALS[name]()), encoding="utf-8")
    assert main(["plan", str(journal), "--as-of", AS_OF.isoformat(), "--format", "json"]) == 0
    printed = capsys.readouterr().out
    golden = GOLDEN / f"{name}.json"
    if os.environ.get("FOLLOWUP_RECORD_GOLDEN"):
        golden.write_text(printed, encoding="utf-8")
    # Compared re-encoded, so spacing and escaping may differ but keys keep their order.
    assert canonical(printed) == canonical(golden.read_text(encoding="utf-8"))


def canonical(text: str) -> str:
    return json.dumps(json.loads(text), ensure_ascii=False)


def test_json_orjson_refuses_is_read_by_the_standard_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A byte-order mark (some Windows editors write one) stops orjson, not the
    standard library: the journal is read all the same, and plans as without it."""
    journal = tmp_path / "journal.json"
    journal.write_bytes(b"\xef\xbb\xbf" + json.dumps(demo_data(AS_OF)).encode())
    assert main(["plan", str(journal), "--as-of", AS_OF.isoformat(), "--format", "json"]) == 0
    printed = capsys.readouterr().out
    assert canonical(printed) == canonical((GOLDEN / "demo.json").read_text(encoding="utf-8"))


def test_a_problem_found_after_decoding_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = demo_data(AS_OF)
    data["applications"][0]["events"][0]["type"] = "waved"
    journal = tmp_path / "journal.json"
    journal.write_text(json.dumps(data), encoding="utf-8")
    assert main(["plan", str(journal), "--as-of", AS_OF.isoformat()]) == 2
    first_id = data["applications"][0]["id"]
    assert capsys.readouterr().err.startswith(
        f"error: {journal}: {first_id}: events[0].type: 'waved' is not an event type"
    )


def test_the_command_keeps_holiday_tables_in_the_cache_folder(tmp_path: Path) -> None:
    # A process of its own: this one's calendars may have been built by other tests.
    journal = tmp_path / "journal.json"
    journal.write_text(json.dumps(demo_data(AS_OF)), encoding="utf-8")
    env = {**os.environ, "FOLLOWUP_CACHE_DIR": str(tmp_path / "cache")}
    command = [sys.executable, "-m", "followup", "plan", str(journal), "--as-of", "2026-03-11"]
    subprocess.run(command, env=env, check=True, capture_output=True)
    stored = {path.name for path in (tmp_path / "cache").glob("holidays-*/*.json")}
    # The demo's calendars: New Mexico (the profile's), Arizona, Colorado; the Texan
    # application is only saved (nothing to count in business days), so no table.
    assert stored == {"US-NM.json", "US-AZ.json", "US-CO.json"}

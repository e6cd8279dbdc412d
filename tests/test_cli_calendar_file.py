"""`followup ics` writes the same bytes every time for the same data and `--as-of`.

Run in fresh processes with different hash seeds: the time-zone blocks once came
out of a set, in an order that changed from one process to the next."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def followup(data_dir: Path, seed: int, *argv: str) -> bytes:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE",)}
    env.update(FOLLOWUP_DATA_DIR=str(data_dir), DATABASE_URL="", PYTHONHASHSEED=str(seed))
    done = subprocess.run(
        [sys.executable, "-m", "followup", *argv], env=env, capture_output=True, check=True
    )
    return done.stdout


def test_calendar_file_is_byte_identical_across_runs(tmp_path: Path) -> None:
    followup(tmp_path, 0, "import", str(ROOT / "examples" / "demo.json"))
    runs = {followup(tmp_path, seed, "ics", "--as-of", "2026-03-11") for seed in (1, 2, 3, 4)}
    assert len(runs) == 1
    (calendar,) = runs
    # The zones of that day's calls and interviews, each once, in alphabetical order.
    zones = [line for line in calendar.split(b"\r\n") if line.startswith(b"TZID:")]
    assert zones == [b"TZID:America/Denver", b"TZID:America/Phoenix"]
    assert calendar.index(b"BEGIN:VTIMEZONE") < calendar.index(b"BEGIN:VEVENT")

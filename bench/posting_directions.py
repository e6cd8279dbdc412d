"""How long reading a job posting for follow-up directions takes (`read_posting`).

Run: .venv/bin/python bench/posting_directions.py
It reads the typical 3,000-character posting of the tests 10,000 times and prints
the cost per call; the add form calls it on every keystroke pause (htmx), so it
must stay far below a millisecond.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from followup.planner.directions import read_posting as remembered
from tests.planner.test_directions import TYPICAL_POSTING

CALLS = 10_000
# The reading itself: read_posting remembers the texts it has read, and this is what
# a text it has never seen costs (each pause while typing in the add form).
read_posting = remembered.__wrapped__


def main() -> None:
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(CALLS):
            read_posting(TYPICAL_POSTING)
        best = min(best, time.perf_counter() - started)
    print(
        f"read_posting: {best / CALLS * 1e6:.1f} µs per call, best of 5 "
        f"({len(TYPICAL_POSTING):,} characters)"
    )


if __name__ == "__main__":
    main()

"""Insights speed: every figure of the insights page for a large journal.

Run: .venv/bin/python bench/insights.py [--sizes 500 5000 20000]

Prints, for each size: the time to compute the figures from a parsed journal (the
target for 5,000 applications is under 200 ms), the JSON rendering, the SVG charts,
and, for context, parsing the journal first (which the page and the CLI also pay).
Best of 5 runs, calendars warmed by a first run; the figures' CPU time is printed
beside their wall time (on a busy machine the wall time includes waiting for a core).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_journal

from followup.insights import insights, insights_to_dict
from followup.insights.charts import charts_of
from followup.planner import parse_journal

AS_OF = date(2026, 3, 11)
TARGET_MS = {5000: 200.0}


def best_of(
    runs: int, func: Callable[[], object], clock: Callable[[], float] = time.perf_counter
) -> float:
    """The fastest of `runs` timings of `func()`, in milliseconds."""
    times = []
    for _ in range(runs):
        start = clock()
        func()
        times.append(clock() - start)
    return min(times) * 1000


def measure(count: int) -> None:
    data = synthetic_journal(count, AS_OF)
    events = sum(len(a["events"]) for a in data["applications"])
    parse_ms = best_of(3, lambda: parse_journal(data))
    journal = parse_journal(data)
    found = insights(journal, AS_OF)  # warms the holiday calendars
    figures_ms = best_of(5, lambda: insights(journal, AS_OF))
    # CPU time too: on a shared machine the wall time includes waiting for a core.
    cpu_ms = best_of(5, lambda: insights(journal, AS_OF), time.process_time)
    json_ms = best_of(5, lambda: insights_to_dict(found))
    charts_ms = best_of(5, lambda: charts_of(found))
    target = TARGET_MS.get(count)
    verdict = (
        ""
        if target is None
        else f"  (target < {target:.0f} ms: {'met' if figures_ms < target else 'MISSED'})"
    )
    print(f"{count:>6} applications, {events} events")
    print(f"  figures:  {figures_ms:7.1f} ms{verdict}, CPU {cpu_ms:.1f} ms")
    print(f"  JSON:     {json_ms:7.1f} ms")
    print(f"  charts:   {charts_ms:7.1f} ms")
    print(f"  (parse:   {parse_ms:7.1f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000, 20000])
    for count in parser.parse_args().sizes:
        measure(count)


if __name__ == "__main__":
    main()

"""Planner throughput: applications planned per second, with and without drafts.

Run: .venv/bin/python bench/plan_throughput.py [--sizes 10000 100000] [--process 5000]

Prints, for each size: parse time (the validator on decoded JSON; then the JSON bytes
through the msgspec fast path `followup plan` uses), planning rate without drafts (the target is at
least 100,000 applications per second per core), the rate with every draft the
JSON output carries, and peak traced memory. Then it times the whole process
`followup plan --format json` on a journal of --process applications (wall and CPU
time and peak RSS of the child; target under 0.28 s). With PYTHONPATH=build/mypyc
(after `make mypyc`) it measures the compiled planner; it prints which one it runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_journal

from followup.journal_decoding import decode_journal
from followup.planner import parse_journal, plan, plan_to_dict

AS_OF = date(2026, 3, 11)


def best_of(runs: int, func: object) -> float:
    """The least CPU time of `runs` calls of `func()`, in seconds (the machine is
    shared: CPU time moves less with the load than wall time)."""
    times = []
    for _ in range(runs):
        start = time.process_time()
        func()  # type: ignore[operator]
        times.append(time.process_time() - start)
    return min(times)


def in_process(count: int) -> None:
    data = synthetic_journal(count, AS_OF)
    events = sum(len(a["events"]) for a in data["applications"])
    parse_s = best_of(3, lambda: parse_journal(data))
    raw = json.dumps(data).encode()
    decode_s = best_of(3, lambda: decode_journal(raw))
    journal = parse_journal(data)
    plan(journal, AS_OF)  # warm the calendars
    plan_s = best_of(3, lambda: plan(journal, AS_OF))
    result = plan(journal, AS_OF)
    drafts_s = best_of(3, lambda: plan_to_dict(plan(journal, AS_OF), drafts=True))
    tracemalloc.start()
    plan_to_dict(plan(journal, AS_OF), drafts=True)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    steps = sum(len(p.steps) for p in result.applications)
    print(f"{count:>7} applications, {events} events, {steps} steps")
    print(
        f"  parse+validate (CPU): {count / parse_s:>10,.0f} applications/s ({parse_s * 1000:.0f} ms)"
    )
    print(
        f"  bytes, msgspec (CPU): {count / decode_s:>10,.0f} applications/s ({decode_s * 1000:.0f} ms)"
    )
    print(
        f"  plan, no drafts (CPU):{count / plan_s:>10,.0f} applications/s ({plan_s * 1000:.0f} ms)"
    )
    print(
        f"  plan + JSON + drafts: {count / drafts_s:>10,.0f} applications/s ({drafts_s * 1000:.0f} ms)"
    )
    print(f"  peak traced memory while planning with drafts: {peak / 2**20:.1f} MiB")


def whole_process(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.json"
        path.write_text(json.dumps(synthetic_journal(count, AS_OF)))
        command = [
            str(Path(sys.executable).parent / "followup"),
            "plan",
            str(path),
            "--as-of",
            AS_OF.isoformat(),
            "--format",
            "json",
        ]
        walls, cpus = [], []
        for _ in range(5):
            before = _children_cpu()
            start = time.perf_counter()
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            walls.append(time.perf_counter() - start)
            cpus.append(_children_cpu() - before)
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    walls.sort()
    cpus.sort()
    print(f"whole process `followup plan --format json`, {count} applications:")
    print(f"  wall time: best {walls[0]:.3f} s, median {walls[2]:.3f} s; peak RSS {rss:.0f} MiB")
    print(f"  CPU time (user+system): best {cpus[0]:.3f} s, median {cpus[2]:.3f} s")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def build() -> str:
    """Which planner runs: the pure-Python reference, or the mypyc build (`make mypyc`,
    then PYTHONPATH=build/mypyc; the whole-process child inherits it)."""
    from followup.planner import rules

    return "pure Python" if str(rules.__file__).endswith(".py") else "compiled (mypyc)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--process", type=int, default=5_000)
    args = parser.parse_args()
    print(f"planner: {build()}")
    # The whole process first: the child's peak RSS (RUSAGE_CHILDREN) would otherwise
    # include this process's own memory, copied at fork time, after the big runs.
    if args.process:
        whole_process(args.process)
    for count in args.sizes:
        in_process(count)


if __name__ == "__main__":
    main()

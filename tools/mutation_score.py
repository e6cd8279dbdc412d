"""The mutation score per module, from mutmut's last run (`make mutation` prints it).

    python tools/mutation_score.py [--min 90] [--survivors]

Reads `mutmut results --all true` (run from the project root, after `mutmut run`).
A mutant is killed when a test failed or timed out with it in place. mutmut's forked
workers inherit what earlier runs left in the process, and some mutants they report
as surviving fail their tests in a clean run: with --recheck, each survivor's tests
(as mutmut mapped them) run again, in a fresh pytest process each, and a failure counts
as a kill (recorded in mutants/recheck.json, so the next report keeps it). Mutants listed
in tests/mutation_equivalent.txt behave exactly like the original (equivalent) and
count neither way; docs/testing.md says why for each. Mutants never run (a sample
run, or an interrupted one) are left out. The score is killed / (killed + survived).
With --min, exits 1 when a module that had mutants run scores below it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EQUIVALENT_FILE = ROOT / "tests" / "mutation_equivalent.txt"
MUTANTS = ROOT / "mutants"
RECHECKED = MUTANTS / "recheck.json"
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
UNCAUGHT = {"survived", "no tests"}
NOT_RUN = {"not checked", "skipped", "check was interrupted by user"}


def equivalent_mutants(path: Path = EQUIVALENT_FILE) -> set[str]:
    """Mutant names, one a line; '#' starts the reason (a comment)."""
    names = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return {name for name in names if name}


def mutmut_results() -> list[tuple[str, str]]:
    """(mutant name, status) for every mutant of the last run."""
    done = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    pairs = (line.strip().rsplit(": ", 1) for line in done.stdout.splitlines() if ": " in line)
    return [(name, status) for name, status in pairs]


def recheck(names: list[str], also: list[str]) -> dict[str, str]:
    """Run each mutant's tests (and the test files `also`) again, each mutant in a
    fresh pytest process; 'killed' or 'survived' by name."""
    for path in also:  # written since the run copied the tests: copy them too
        shutil.copy(ROOT / path, MUTANTS / path)
    tests_of = json.loads((MUTANTS / "mutmut-stats.json").read_text())
    tests_of = tests_of["tests_by_mangled_function_name"]
    found: dict[str, str] = {}
    for name in names:
        tests = sorted(tests_of.get(name.rsplit("__mutmut_", 1)[0], [])) + also
        # The new tests alone first: they are few, and usually written for this mutant.
        tries = [also, tests] if also else [tests]
        killed = any(t and _fails(name, t) for t in tries)
        found[name] = "killed" if killed else "survived"
        print(f"{found[name]}: {name}", flush=True)
    return found


def _fails(mutant: str, tests: list[str]) -> bool:
    """Whether `tests` fail with `mutant` switched on, in a process of their own: one
    shared by several mutants would carry what one left (a calendar built wrong) to
    the next, and count it as a kill."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests],
        cwd=MUTANTS,  # the mutated copy first on the path, as mutmut runs it
        env={**os.environ, "MUTANT_UNDER_TEST": mutant},
        capture_output=True,
        check=False,
    )
    return done.returncode == 1


def _again(status: str, known: bool, new_tests: bool) -> bool:
    """Whether to recheck a mutant: a survivor not yet rechecked, or any mutant not
    caught when there are new tests."""
    return (status == "survived" and not known) or (status in UNCAUGHT and new_tests)


def rechecked() -> dict[str, str]:
    return json.loads(RECHECKED.read_text()) if RECHECKED.exists() else {}


def module_of(mutant: str) -> str:
    """followup.planner.rules.xǁRulesǁladder__mutmut_3 -> rules."""
    return mutant.split(".x", 1)[0].rsplit(".", 1)[-1]


def outcome(name: str, status: str, equivalent: set[str]) -> str:
    if status in NOT_RUN:
        return "not run"
    if status in KILLED:
        return "killed"
    if name in equivalent:
        return "equivalent"
    return "no tests" if status == "no tests" else "survived"


def tally(results: list[tuple[str, str]], equivalent: set[str]) -> dict[str, Counter[str]]:
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    for name, status in results:
        by_module[module_of(name)][outcome(name, status, equivalent)] += 1
    return dict(sorted(by_module.items()))


def score(counts: Counter[str]) -> float | None:
    """Killed among the non-equivalent mutants that ran (untested ones count as survivors)."""
    judged = counts["killed"] + counts["survived"] + counts["no tests"]
    return 100 * counts["killed"] / judged if judged else None


def table(by_module: dict[str, Counter[str]]) -> str:
    columns = ("killed", "survived", "no tests", "equivalent", "not run")
    lines = [
        "| module | " + " | ".join(columns) + " | score |",
        "|---" * (len(columns) + 2) + "|",
    ]
    for module, counts in by_module.items():
        value = score(counts)
        shown = "-" if value is None else f"{value:.1f} %"
        cells = " | ".join(str(counts[c]) for c in columns)
        lines.append(f"| `{module}.py` | {cells} | {shown} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--min", type=float, help="fail below this score (per cent)")
    parser.add_argument("--survivors", action="store_true", help="list the survivors too")
    parser.add_argument("--recheck", action="store_true", help="run survivors' tests again")
    parser.add_argument(
        "--also", nargs="*", default=[], help="test files to add to each recheck (new tests)"
    )
    args = parser.parse_args(argv)
    equivalent = equivalent_mutants()
    known = rechecked()
    results = [(n, known.get(n, s) if s in UNCAUGHT else s) for n, s in mutmut_results()]
    if args.recheck:
        # Survivors not yet rechecked; all of them when there are new tests to try
        # (which may reach a function no test reached in the run: "no tests").
        again = [n for n, s in results if _again(s, n in known, bool(args.also))]
        known.update(recheck(again, args.also))
        RECHECKED.write_text(json.dumps(known, indent=1))
        results = [(n, known.get(n, s) if s in UNCAUGHT else s) for n, s in results]
    by_module = tally(results, equivalent)
    print(table(by_module))
    survivors = [n for n, s in results if outcome(n, s, equivalent) in ("survived", "no tests")]
    if args.survivors:
        print("\nSurvivors (see them with `mutmut show NAME`):")
        print("\n".join(f"- `{name}`" for name in survivors) or "none")
    scores = {module: score(counts) for module, counts in by_module.items()}
    low = [m for m, v in scores.items() if args.min is not None and v is not None and v < args.min]
    if low:
        print(f"\nbelow {args.min:g} %: {', '.join(low)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

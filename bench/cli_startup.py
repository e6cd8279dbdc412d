"""Start-up of the everyday commands: `today`, `add`, `log`, `done`, whole process.

Run:
    .venv/bin/python bench/cli_startup.py            # 1,000 applications, 10 runs each
    .venv/bin/python bench/cli_startup.py --apps 5000 --runs 5

It imports a settled synthetic job search (150 applications in play, the rest closed,
as `web_latency.py` builds it) into a fresh SQLite data directory, then times each
command as a new process, as a person at a terminal runs it, and prints the best and
median wall time, and the time Python spends importing (`-X importtime`, summed).
Everything it creates is in a temporary directory, removed at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
FOLLOWUP = str(Path(sys.executable).parent / "followup")


def prepare(data_dir: str, apps: int, as_of: date) -> str:
    """Import the journal through the CLI; return an application id with a pending step."""
    from synthetic import synthetic_journal
    from web_latency import settle

    path = Path(data_dir) / "journal.json"
    path.write_text(json.dumps(settle(synthetic_journal(apps, as_of, seed=1), 150)))
    run(data_dir, "import", str(path))
    today = json.loads(run(data_dir, "today", "--format", "json"))
    steps = today["overdue"] + today["today"] + today["this_week"]
    email = next(s for s in steps if s["channel"] != "phone")
    return str(email["application"])


def run(data_dir: str, *argv: str) -> str:
    env = {**os.environ, "FOLLOWUP_DATA_DIR": data_dir, "DATABASE_URL": ""}
    done = subprocess.run([FOLLOWUP, *argv], env=env, capture_output=True, text=True, check=True)
    return done.stdout


def timed(data_dir: str, runs: int, argv: list[str]) -> tuple[list[float], list[float]]:
    """Wall times and CPU times (user + system) of `runs` runs, each sorted. On a busy
    machine the CPU time is the steadier figure: waiting for a core isn't counted."""
    walls, cpus = [], []
    for n in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        run(data_dir, *[a.replace("{n}", str(n)) for a in argv])
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return sorted(walls), sorted(cpus)


def import_seconds(data_dir: str, argv: list[str]) -> float:
    """Seconds spent importing modules (the top-level lines of -X importtime)."""
    env = {**os.environ, "FOLLOWUP_DATA_DIR": data_dir, "DATABASE_URL": ""}
    code = "import sys; from followup.cli import main; sys.exit(main(sys.argv[1:]))"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code, *argv],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    total = 0
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit() and not parts[2].startswith("  "):
            total += int(parts[1])
    return total / 1e6


def compile_bytecode() -> None:
    """The package's bytecode, as an install writes it (`make` does too): with
    PYTHONDONTWRITEBYTECODE set, an editable install would compile every module on
    every start, which is not what a person who installed followup runs."""
    import compileall

    import followup

    compileall.compile_dir(Path(followup.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--commands", default="today,add,log,done,list", help="which, comma-separated"
    )
    args = parser.parse_args()
    compile_bytecode()
    with tempfile.TemporaryDirectory() as data_dir:
        slug = prepare(data_dir, args.apps, date.today())
        print(f"{args.apps} applications (150 in play), SQLite, {args.runs} runs each:")
        commands = {
            "today": ["today"],
            "add": ["add", "Bench {n}", "--applied", "yesterday"],
            "log": ["log", slug, "heard", "--kind", "update", "--at", "today"],
            "done": ["done", slug, "--at", "today"],
            "list": ["list"],
        }
        for name, argv in commands.items():
            if name not in args.commands.split(","):
                continue
            walls, cpus = timed(data_dir, args.runs if name != "done" else 1, argv)
            imports = import_seconds(data_dir, ["today"] if name == "done" else argv)
            print(
                f"  {name:6} wall best {walls[0]:.3f} s, median {walls[len(walls) // 2]:.3f} s;"
                f"  CPU best {cpus[0]:.3f} s;  imports {imports:.3f} s"
            )


if __name__ == "__main__":
    main()

"""CSV import: 10,000 spreadsheet rows read, checked and stored (target under 5 s).

Run: .venv/bin/python bench/csv_import.py [--rows 10000]

Writes a synthetic spreadsheet (mixed statuses, month-first dates, notes with
commas and line breaks, contacts), then times, on a fresh SQLite database in a
temporary folder (or the one DATABASE_URL names):
- in process: reading and converting the file, then the import (validation,
  planning, inserts), each and together;
- the whole command `followup import-csv FILE`, as a user runs it (Django start-up
  and migrations check included).
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

STATUSES = ("Applied", "Interviewing", "Wishlist", "Rejected", "Offer", "Withdrawn", "Applied")


def write_csv(path: Path, rows: int) -> None:
    start = date(2026, 1, 5)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            ["Company", "Job Title", "Status", "Date Applied", "Interview Date", "URL", "Notes",
             "Contact Name", "Contact Email", "Salary"]
        )  # fmt: skip
        for n in range(rows):
            applied = start + timedelta(days=n % 300)
            status = STATUSES[n % len(STATUSES)]
            interview = applied + timedelta(days=7) if status in ("Interviewing", "Offer") else None
            writer.writerow(
                [
                    f"Company {n}",
                    f"Analyst {n % 7}",
                    status,
                    "" if status == "Wishlist" else f"{applied:%m/%d/%Y}",
                    f"{interview:%m/%d/%Y}" if interview else "",
                    f"https://jobs.example/{n}",
                    f"note {n}, with a comma\nand a second line",
                    f"Pat {n}" if n % 3 == 0 else "",
                    f"pat{n}@example.org" if n % 3 == 0 else "",
                    "50000",
                ]
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("FOLLOWUP_DATA_DIR", folder)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followup.web.settings")
        # More rows than one account may keep by default (FOLLOWUP_MAX_APPLICATIONS).
        os.environ.setdefault("FOLLOWUP_MAX_APPLICATIONS", "1000000")
        os.environ.setdefault("FOLLOWUP_MAX_IMPORT_BYTES", str(2**30))
        path = Path(folder) / "applications.csv"
        write_csv(path, args.rows)
        size = path.stat().st_size / 1e6
        print(f"{args.rows} rows, {size:.1f} MB")
        in_process(path)
        whole_command(path)


def in_process(path: Path) -> None:
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from followup.imports.csvmap import convert, decode
    from followup.imports.services import import_converted

    call_command("migrate", verbosity=0)
    user, _ = User.objects.get_or_create(username="bench-csv")
    user.applications.all().delete()
    start = time.perf_counter()
    converted = convert(decode(path.read_bytes()))
    read = time.perf_counter()
    import_converted(user, converted, replace=True)
    done = time.perf_counter()
    print(f"in process: read and convert {read - start:.2f} s, import {done - read:.2f} s, "
          f"total {done - start:.2f} s")  # fmt: skip
    user.applications.all().delete()


def whole_command(path: Path) -> None:
    command = [sys.executable, "-m", "followup", "import-csv", str(path), "--user", "bench-csv"]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    took = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"followup import-csv failed:\n{result.stderr}")
    print(f"followup import-csv, whole process: {took:.2f} s (target: under 5 s)")


if __name__ == "__main__":
    main()

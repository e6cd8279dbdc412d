"""Today and the journal export for one user with a very large journal.

Run (SQLite, 5,000 applications, most with a step this week):
    .venv/bin/python bench/today_pages.py --apps 5000

It imports a synthetic journal with the services, then times the Today page (first
page, FOLLOWUP_TODAY_PAGE_SIZE applications) and the streamed export through Django's
test client, in this process: figures for docs/performance.md and docs/security.md.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=3)
    args = parser.parse_args()
    os.environ["FOLLOWUP_DATA_DIR"] = tempfile.mkdtemp(prefix="followup-bench-")
    os.environ["FOLLOWUP_MAX_APPLICATIONS"] = str(max(args.apps, 5000))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followup.web.settings")
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client
    from synthetic import synthetic_journal

    from followup.tracker import services

    call_command("migrate", verbosity=0)
    as_of = date(2026, 11, 18)
    user = User.objects.create_user("big", "big@example.org", "a long enough password")
    services.import_journal(user, synthetic_journal(args.apps, as_of), as_of=as_of)
    services.today_for = lambda user, now=None: as_of  # type: ignore[assignment]
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    due = services.applications_of(user).filter(next_due__lte=date(2026, 11, 24)).count()
    print(f"{args.apps} applications, {due} with a step this week")
    for _ in range(args.requests):
        start = time.perf_counter()
        page = client.get("/")
        took = time.perf_counter() - start
        print(f"Today, first page: {took:.2f} s, {len(page.content) / 1024:.0f} KiB")
    start = time.perf_counter()
    first_chunk_at, size = None, 0
    for chunk in client.get("/settings/export.json").streaming_content:
        first_chunk_at = first_chunk_at or time.perf_counter() - start
        size += len(chunk)
    took = time.perf_counter() - start
    print(
        f"export: first bytes after {first_chunk_at:.2f} s, all {size / 2**20:.1f} MiB in {took:.2f} s"
    )


if __name__ == "__main__":
    main()

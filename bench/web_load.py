"""Web load: many users at once against Today and the API, under gunicorn on PostgreSQL.

Run (PostgreSQL on loopback, trust auth; 100 users with 200 applications each):
    .venv/bin/python bench/web_load.py --server postgres://postgres@127.0.0.1:5432

It creates a database of its own (followup_webload_<pid>), imports the users'
synthetic journals through the services (each a job search after months of use:
--active applications in play, the rest closed), gives each user a session and an
API token, and starts gunicorn with the deployed settings (gunicorn_conf.py, 3
workers, loopback only). Then, for Today (GET /) and the API's agenda (GET
/api/agenda), it sends --requests requests at concurrency 1, 8 and 32: each thread
has its own keep-alive connection and picks a user at random (seeded) for every
request. It prints throughput, p50/p95/max and errors (anything but a 200) for each,
and the load average; then stops gunicorn and drops its database.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from web_latency import free_port, serve, settle, setup_django  # noqa: E402

CONCURRENCY = (1, 8, 32)


@dataclass
class Visitor:
    cookie: str
    token: str


@dataclass
class Result:
    times: list[float] = field(default_factory=list)  # milliseconds, of the 200s
    errors: dict[str, int] = field(default_factory=dict)
    wall: float = 0.0


def database_url(server: str, name: str) -> str:
    parts = urlsplit(server)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", "", ""))


def admin(server: str, sql: str) -> None:
    """Run CREATE/DROP DATABASE on the server's `postgres` database."""
    import psycopg

    with psycopg.connect(database_url(server, "postgres"), autocommit=True) as connection:
        connection.execute(sql)  # type: ignore[arg-type]  # our own name, no input


def build(users: int, apps: int, active: int, as_of: date) -> list[Visitor]:
    """The users, their journals, a session and an API token each."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from synthetic import synthetic_journal

    from followup.api import services as api_services
    from followup.tracker import services

    call_command("migrate", verbosity=0)
    visitors = []
    start = time.perf_counter()
    for n in range(users):
        user = get_user_model().objects.create_user(f"load{n}")
        journal = settle(synthetic_journal(apps, as_of, seed=n), active)
        services.import_journal(user, journal, as_of=as_of)
        session = SessionStore()
        session["_auth_user_id"] = str(user.pk)
        session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        session["_auth_user_hash"] = user.get_session_auth_hash()
        session.create()
        _, raw = api_services.create_token(user, "load benchmark")
        visitors.append(Visitor(str(session.session_key), raw))
        if (n + 1) % 10 == 0:
            print(f"  {n + 1} users imported, {time.perf_counter() - start:.0f} s", flush=True)
    return visitors


def headers_for(visitor: Visitor, path: str) -> dict[str, str]:
    if path.startswith("/api/"):
        return {"Authorization": f"Bearer {visitor.token}", "Host": "127.0.0.1"}
    return {"Cookie": f"sessionid={visitor.cookie}", "Host": "127.0.0.1"}


def worker(
    port: int, path: str, visitors: list[Visitor], count: int, seed: int, result: Result
) -> None:
    """Send `count` requests over one keep-alive connection, a random user each."""
    pick = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _ in range(count):
        visitor = pick.choice(visitors)
        start = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers_for(visitor, path))
            response = connection.getresponse()
            response.read()
            status = str(response.status)
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        took = (time.perf_counter() - start) * 1000
        if status == "200":
            result.times.append(took)  # list.append is atomic: threads share it
        else:
            result.errors[status] = result.errors.get(status, 0) + 1
    connection.close()


def load(port: int, path: str, visitors: list[Visitor], total: int, concurrency: int) -> Result:
    result = Result()
    share = [total // concurrency + (n < total % concurrency) for n in range(concurrency)]
    threads = [
        threading.Thread(target=worker, args=(port, path, visitors, share[n], n, result))
        for n in range(concurrency)
    ]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.wall = time.perf_counter() - start
    return result


def report(name: str, concurrency: int, result: Result) -> None:
    times = sorted(result.times)
    done = len(times)
    errors = sum(result.errors.values())
    line = f"  {name:<8} c={concurrency:<3} {(done + errors) / result.wall:6.1f} req/s"
    if times:
        p95 = times[max(int(done * 0.95) - 1, 0)]
        line += f"   p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms   max {times[-1]:7.1f} ms"
    line += f"   errors {errors}" + (f" {result.errors}" if errors else "")
    print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--apps", type=int, default=200)
    parser.add_argument("--active", type=int, default=40, help="applications in play per user")
    parser.add_argument("--requests", type=int, default=200, help="per page and concurrency")
    parser.add_argument("--workers", type=int, default=3)
    args = parser.parse_args()
    name = f"followup_webload_{os.getpid()}"
    admin(args.server, f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = database_url(args.server, name)
    try:
        with tempfile.TemporaryDirectory() as data_dir:
            setup_django(data_dir)
            print(
                f"postgresql: {args.users} users x {args.apps} applications, {args.active} in "
                f"play; gunicorn {args.workers} workers; {args.requests} requests a run",
                flush=True,
            )
            visitors = build(args.users, args.apps, args.active, date.today())
            from django.db import connections

            connections.close_all()  # the database is dropped at the end
            run(args, visitors)
    finally:
        admin(args.server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(args: argparse.Namespace, visitors: list[Visitor]) -> None:
    port = free_port()
    server = serve(port, args.workers)
    try:
        for path in ("/", "/api/agenda"):
            load(port, path, visitors, 2 * args.workers * 2, 2 * args.workers)  # warm up
        print(f"  load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        for name, path in (("Today", "/"), ("API", "/api/agenda")):
            for concurrency in CONCURRENCY:
                report(name, concurrency, load(port, path, visitors, args.requests, concurrency))
        print(f"  load average after:  {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()

"""Web latency: Today, the board, an application page and Insights under gunicorn on loopback.

Run (SQLite, one user with 5,000 applications):
    .venv/bin/python bench/web_latency.py --apps 5000
Run (PostgreSQL, 100 users with 1,000 applications each, measured for one of them):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/followup_bench \\
        .venv/bin/python bench/web_latency.py --users 100 --apps 1000

It builds the data with the services (import_journal), starts gunicorn (2 workers,
loopback only), sends --requests requests per page over one keep-alive connection
and prints p50/p95/max in milliseconds, then times the whole `followup today`
process. Everything it starts, it stops; requests are bounded in count.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def setup_django(data_dir: str) -> None:
    os.environ.setdefault("FOLLOWUP_DATA_DIR", data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "followup.web.settings"
    os.environ.setdefault("FOLLOWUP_MAX_APPLICATIONS", "1000000")  # --apps may pass the limit
    os.environ.setdefault("FOLLOWUP_MAX_IMPORT_BYTES", str(2**30))
    import django

    django.setup()


def settle(journal: dict[str, Any], active: int) -> dict[str, Any]:
    """A job search as it looks after months of use: `active` applications in play,
    the rest older (spread over two years) and closed, as a user who works the plan
    closes them. Without this, every synthetic application is due this week."""
    for n, app in enumerate(journal["applications"][active:]):
        back = timedelta(days=70 + (n * 7) % 700)
        for event in app["events"]:
            for key in ("at", "by", "deadline"):
                if key in event:
                    event[key] = _shifted(event[key], back)
        last = date.fromisoformat(app["events"][-1]["at"][:10])
        reason = ("rejected", "moved_on", "withdrawn")[n % 3]
        closed = {"type": "closed", "at": (last + timedelta(days=21)).isoformat()}
        app["events"].append({**closed, "reason": reason, "notified": reason == "rejected"})
    return journal


def _shifted(text: str, back: timedelta) -> str:
    return (date.fromisoformat(text[:10]) - back).isoformat() + text[10:]


def build(users: int, apps: int, as_of: date, active: int) -> tuple[str, str]:
    """Create the users and their journals; return (session cookie, an application id)."""
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from synthetic import synthetic_journal

    from followup.tracker import services

    call_command("migrate", verbosity=0)
    model = get_user_model()
    model.objects.filter(username__startswith="bench").delete()
    first = None
    for n in range(users):
        user = model.objects.create_user(f"bench{n}")
        start = time.perf_counter()
        journal = synthetic_journal(apps, as_of, seed=n)
        services.import_journal(user, settle(journal, active), as_of=as_of)
        print(
            f"  user {n}: {apps} applications imported in {time.perf_counter() - start:.1f} s",
            flush=True,
        )
        first = first or user
    assert first is not None
    session = SessionStore()
    session["_auth_user_id"] = str(first.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = first.get_session_auth_hash()
    session.create()
    slug = (
        services.applications_of(first).order_by("-next_due").values_list("slug", flat=True).first()
    )
    return str(session.session_key), str(slug)


def measure(port: int, cookie: str, path: str, count: int) -> list[float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    times = []
    for _ in range(count):
        start = time.perf_counter()
        connection.request(
            "GET", path, headers={"Cookie": f"sessionid={cookie}", "Host": "127.0.0.1"}
        )
        response = connection.getresponse()
        response.read()
        times.append((time.perf_counter() - start) * 1000)
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}")
    connection.close()
    return times


def report(name: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"  {name:<18} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms   max {times[-1]:6.1f} ms"
    )


def serve(port: int, workers: int = 2) -> subprocess.Popen[bytes]:
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "followup.web.wsgi",
        # The deployed settings (and their garbage-collector hooks), with the bench's
        # own address, its number of workers and no access log.
        "--config",
        "python:followup.web.gunicorn_conf",
        "--access-logfile",
        "/dev/null",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=os.environ.copy())
    wait_for(port, server)
    return server


def wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    """Until gunicorn accepts connections (10 s at most, else it is stopped)."""
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1)
    parser.add_argument("--apps", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument(
        "--active",
        type=int,
        default=150,
        help="applications still in play per user (the rest are older and closed)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        setup_django(data_dir)
        from django.conf import settings

        as_of = date.today()
        engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        print(
            f"{engine}: {args.users} user(s) x {args.apps} applications, {args.active} in play",
            flush=True,
        )
        cookie, slug = build(args.users, args.apps, as_of, args.active)
        port = free_port()
        server = serve(port)
        try:
            measure(port, cookie, "/", 5)  # warm both workers
            report("Today", measure(port, cookie, "/", args.requests))
            report("Board", measure(port, cookie, "/applications/", args.requests))
            report(
                "Application page", measure(port, cookie, f"/applications/{slug}/", args.requests)
            )
            report("Insights", measure(port, cookie, "/insights/", args.requests))
        finally:
            server.terminate()
            server.wait(timeout=10)
        whole_process(args.requests)


def whole_process(count: int) -> None:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username="bench0").get()
    command = [
        str(Path(sys.executable).parent / "followup"),
        "today",
        "--user",
        user.get_username(),
        "--format",
        "json",
    ]
    walls = []
    for _ in range(min(count, 10)):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=os.environ.copy())
        walls.append(time.perf_counter() - start)
    walls.sort()
    print(
        f"  `followup today` whole process: best {walls[0]:.3f} s, median {walls[len(walls) // 2]:.3f} s"
    )


if __name__ == "__main__":
    main()

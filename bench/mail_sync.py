"""Mailbox sync: a first sync of 10,000 messages (target under 60 s) and a later
sync with nothing new (target under 2 s), against a real Dovecot on loopback.

Run: .venv/bin/python bench/mail_sync.py [--messages 10000]

Starts a private Dovecot (as the tests do: tests/mail/dovecot.py), fills INBOX and
Sent with synthetic mail (about 3 % from the contacts or domains of 100
applications, the rest newsletters and personal mail; plain and HTML; some with a
calendar invitation), then times, on a fresh SQLite database in a temporary folder
(or the one DATABASE_URL names), `followup.mail.services.sync` twice.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.mail import messages  # noqa: E402
from tests.mail.dovecot import PASSWORD, Dovecot  # noqa: E402

APPS = 100
START = datetime(2026, 6, 1, 9, 0, tzinfo=ZoneInfo("America/New_York"))


def journal() -> dict[str, object]:
    apps = [
        {
            "id": f"company-{n}",
            "company": f"Company {n} Holdings",
            "posting_url": f"https://careers.company{n}.example/jobs/{n}",
            "contacts": [
                {"id": "hm", "name": f"Hiring Manager {n}", "email": f"hm{n}@company{n}.example"}
            ],
            "events": [{"type": "applied", "at": "2026-05-20"}],
        }
        for n in range(APPS)
    ]
    return {
        "format": "followup/1",
        "profile": {"timezone": "America/New_York"},
        "applications": apps,
    }


def message(n: int) -> tuple[bytes, str]:
    when = START + timedelta(minutes=17 * n)
    app = n % APPS
    if n % 33 == 0:  # from a contact: a reply, sometimes an invitation
        mail = messages.message(
            (f"Hiring Manager {app}", f"hm{app}@company{app}.example"),
            messages.ME,
            f"Re: your application {n}",
            "Thanks, we will get back to you by Friday 11 December.\n\nOn Mon someone wrote:\n> quoted",
            when,
            f"<m{n}@company{app}.example>",
        )
        if n % 99 == 0:
            mail.add_attachment(
                messages.invitation("20261208T100000", "America/New_York", "Video interview"),
                maintype="text",
                subtype="calendar",
                filename="invite.ics",
            )
        return mail.as_bytes(), "INBOX"
    if n % 50 == 1:  # a follow-up the user sent
        return messages.message(
            ("Jane Doe", messages.ME),
            f"hm{app}@company{app}.example",
            f"Checking in – Analyst, Company {app} Holdings",
            "Hello,\n\nI wanted to check in.\n\nBest regards,\nJane",
            when,
            f"<s{n}@example.org>",
        ).as_bytes(), "Sent"
    return messages.message(
        ("Weekly News", f"news{n % 40}@newsletter.example"),
        messages.ME,
        f"This week's digest #{n}",
        "Ten stories you might like.\n" * 20,
        when,
        f"<n{n}@newsletter.example>",
        html="<html><body>" + "<p>Ten stories you might like.</p>" * 20 + "</body></html>",
    ).as_bytes(), "INBOX"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ.setdefault("FOLLOWUP_DATA_DIR", folder)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followup.web.settings")
        server = Dovecot()
        server.start()
        try:
            run(server, args.messages)
        finally:
            server.stop()


def run(dovecot: Dovecot, count: int) -> None:
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from followup.mail import services
    from followup.mail.imap import Server
    from followup.tracker import services as tracker

    call_command("migrate", verbosity=0)
    dovecot.add_user("bench@example.org")
    started = time.perf_counter()
    for n in range(count):
        raw, folder = message(n)
        dovecot.deliver("bench@example.org", raw, folder)
    print(f"{count} messages delivered in {time.perf_counter() - started:.1f} s")
    User.objects.filter(username="bench-mail").delete()
    user = User.objects.create_user("bench-mail")
    tracker.import_journal(user, journal())
    services.connect(
        user, Server("127.0.0.1", dovecot.port, "plain", "bench@example.org", PASSWORD)
    )
    for label, target in (("first sync", 60), ("later sync, nothing new", 2)):
        started = time.perf_counter()
        result = services.sync(user)
        took = time.perf_counter() - started
        if result.error:
            sys.exit(f"sync failed: {result.error}")
        print(
            f"{label}: {took:.2f} s for {result.read} messages, {result.proposed} proposed (target: under {target} s)"
        )
    user.delete()


if __name__ == "__main__":
    main()

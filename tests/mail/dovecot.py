"""A real IMAP server for the tests: Debian's Dovecot, as a private instance.

Its own configuration, sockets, state and mail live in one temporary folder; it
listens on a free loopback port without TLS (loopback never leaves the machine),
every user name logs in with one test password (a static passdb), and mail is delivered by
writing Maildir files (what a delivery agent does), so a test controls each
message's flags and can tell whether a sync changed them.
"""

from __future__ import annotations

import contextlib
import grp
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

DOVECOT = Path(os.environ.get("FOLLOWUP_DOVECOT") or "/usr/sbin/dovecot")
MISSING = (
    None
    if DOVECOT.exists()
    else f"Dovecot not found at {DOVECOT} (apt-get install dovecot-imapd, or set FOLLOWUP_DOVECOT)"
)

PASSWORD = "test-password-1"  # a static passdb: any user name, this password
CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {login_user}
first_valid_uid = 1
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={user} gid={group} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = create
  }}
  mailbox Drafts {{
    special_use = \\Drafts
    auto = create
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Dovecot:
    """`start()`, `add_user()`, `deliver()`, `flags()`, `stop()`."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="followup-dovecot-"))
        self.root.chmod(0o755)  # the login process (another user when root) reaches its sockets
        self.port = free_port()
        # As root, Dovecot won't run its login or mail processes as root: the
        # package's own users take over; as anyone else, that user runs it all.
        self.user = "dovecot" if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        self.login_user = "dovenull" if os.geteuid() == 0 else self.user
        self.numbers = itertools.count(1)
        self.config = self.root / "dovecot.conf"

    def start(self) -> None:
        for folder in ("run", "state", "home"):
            (self.root / folder).mkdir()
        group = grp.getgrgid(pwd.getpwnam(self.user).pw_gid).gr_name
        self.config.write_text(
            CONFIG.format(
                root=self.root,
                user=self.user,
                group=group,
                login_user=self.login_user,
                port=self.port,
                password=PASSWORD,
            )
        )
        # Not captured: the daemon keeps its standard streams, and a pipe would never close.
        subprocess.run(
            [str(DOVECOT), "-c", str(self.config)],
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), 1),
            ):
                return
            time.sleep(0.05)
        raise RuntimeError(f"Dovecot did not start: {self.log()}")

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text() if path.exists() else "(no log)"

    def stop(self) -> None:
        subprocess.run(
            [str(DOVECOT), "-c", str(self.config), "stop"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(self.root, ignore_errors=True)

    def add_user(self, name: str) -> None:
        """A mailbox for `name` (every user's password is PASSWORD)."""
        for folder in ("", ".Sent", ".Drafts"):
            for sub in ("cur", "new", "tmp"):
                (self.maildir(name) / folder / sub).mkdir(parents=True, exist_ok=True)
        self._own(self.root / "home" / name)

    def maildir(self, user: str) -> Path:
        return self.root / "home" / user / "Maildir"

    def deliver(self, user: str, raw: bytes, folder: str = "INBOX", seen: bool = False) -> Path:
        """Put a message in `folder` (INBOX or Sent), read (\\Seen) or not."""
        where = self.maildir(user) / ("" if folder == "INBOX" else f".{folder}")
        name = f"{time.time_ns()}.{next(self.numbers)}.test"
        path = where / "cur" / f"{name}:2,{'S' if seen else ''}"
        temp = where / "tmp" / name
        temp.write_bytes(raw)
        temp.rename(path)
        self._own(path)
        return path

    def flags(self, user: str) -> list[str]:
        """Every message file's name (its flags are in the name), for before/after checks."""
        return sorted(
            str(p.relative_to(self.maildir(user)))
            for p in self.maildir(user).rglob("*")
            if p.parent.name in ("cur", "new")
        )

    def _own(self, path: Path) -> None:
        if os.geteuid() != 0:
            return
        entry = pwd.getpwnam(self.user)
        for item in [path, *path.rglob("*")] if path.is_dir() else [path]:
            os.chown(item, entry.pw_uid, entry.pw_gid)

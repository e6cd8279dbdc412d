"""The IMAP adapter: the only module that talks to a mail server.

Read-only by construction: folders are opened with EXAMINE (the server refuses any
change in that state) and messages fetched with BODY.PEEK (no \\Seen flag set);
no command here stores flags, copies, moves, expunges or appends. Incremental:
the caller passes the folder's UIDVALIDITY and last UID read, and gets only the
messages after it. The Sent folder is the one the server flags \\Sent (RFC 6154).
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from types import TracebackType

FETCH_BATCH = 500  # UIDs per FETCH: large enough to be quick, small enough to show progress
BODY_LIMIT = 262_144  # bytes fetched per message: text and an invitation fit; videos don't
_LIST = re.compile(rb'\((?P<flags>[^)]*)\) (?:"(?:[^"\\]|\\.)*"|NIL) (?P<name>.+)$')
_UID = re.compile(rb"\bUID (\d+)")


class MailError(Exception):
    """What went wrong talking to the server, in words for the job seeker."""


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    security: str  # "tls", "starttls" or "plain"
    username: str
    password: str


def _quote(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _unquote(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace").strip()
    if text.startswith('"') and text.endswith('"'):
        text = re.sub(r"\\(.)", r"\1", text[1:-1])
    return text


class Reader:
    """A read-only session with one mailbox: `with Reader(server) as mail: ...`."""

    def __init__(self, server: Server, timeout: float = 30) -> None:
        self.server = server
        self.timeout = timeout
        self.imap: imaplib.IMAP4 | None = None

    def __enter__(self) -> Reader:
        self.imap = self._login()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.imap is not None:
            with contextlib.suppress(imaplib.IMAP4.error, OSError):  # over either way
                self.imap.logout()
            self.imap = None

    def _connect(self) -> imaplib.IMAP4:
        s = self.server
        where = f"{s.host}:{s.port}"
        try:
            if s.security == "tls":
                return imaplib.IMAP4_SSL(
                    s.host, s.port, ssl_context=ssl.create_default_context(), timeout=self.timeout
                )
            imap = imaplib.IMAP4(s.host, s.port, timeout=self.timeout)
            if s.security == "starttls":
                imap.starttls(ssl.create_default_context())
            return imap
        except ssl.SSLError as error:
            raise MailError(
                f"{where}: the secure connection failed ({error.reason or error})"
            ) from None
        except TimeoutError:
            raise MailError(
                f"{where}: the server did not answer within {self.timeout:g} s"
            ) from None
        except OSError as error:
            raise MailError(
                f"{where}: the server can't be reached ({error.strerror or error})"
            ) from None
        except imaplib.IMAP4.error as error:
            raise MailError(
                f"{where}: the server does not speak IMAP as expected ({error})"
            ) from None

    def _login(self) -> imaplib.IMAP4:
        imap = self._connect()
        try:
            imap.login(self.server.username, self.server.password)
        except imaplib.IMAP4.error:
            imap.shutdown()
            raise MailError(
                f"{self.server.host}: the server refused the user name or password "
                "(Gmail, Outlook and others want an app password here)"
            ) from None
        return imap

    def _ok(self, answer: tuple[str, list[object]], doing: str) -> list[object]:
        status, data = answer
        if status != "OK":
            detail = b" ".join(d for d in data if isinstance(d, bytes)).decode("utf-8", "replace")
            raise MailError(f"{self.server.host}: {doing} failed ({detail or status})")
        return data

    @property
    def session(self) -> imaplib.IMAP4:
        if self.imap is None:
            raise MailError("not connected")
        return self.imap

    def folders(self) -> list[tuple[str, str]]:
        """(name, role) of the folders read: INBOX, and the one flagged \\Sent."""
        found = [("INBOX", "inbox")]
        for line in self._ok(self.session.list(), "listing the folders"):
            m = _LIST.match(line) if isinstance(line, bytes) else None
            if m and b"\\sent" in m["flags"].lower().split():
                found.append((_unquote(m["name"]), "sent"))
        return found

    def examine(self, name: str) -> int:
        """Open `name` read-only; its UIDVALIDITY."""
        self._ok(self.session.select(_quote(name), readonly=True), f"opening {name}")
        _, values = self.session.response("UIDVALIDITY")
        return int(values[0]) if values and values[0] else 0

    def new_uids(self, after: int) -> list[int]:
        """The UIDs above `after` in the open folder (a search 'N:*' also answers the
        last message when none is newer: it is filtered out)."""
        data = self._ok(self.session.uid("SEARCH", f"UID {after + 1}:*"), "searching")
        uids = (int(u) for chunk in data if isinstance(chunk, bytes) for u in chunk.split())
        return sorted(u for u in uids if u > after)

    def fetch(self, uids: list[int]) -> Iterator[tuple[int, bytes]]:
        """(uid, the first BODY_LIMIT bytes) of each message, without marking it read."""
        for start in range(0, len(uids), FETCH_BATCH):
            batch = ",".join(str(u) for u in uids[start : start + FETCH_BATCH])
            data = self._ok(
                self.session.uid("FETCH", batch, f"(UID BODY.PEEK[]<0.{BODY_LIMIT}>)"), "fetching"
            )
            for item in data:
                if isinstance(item, tuple) and (m := _UID.search(item[0])):
                    yield int(m[1]), item[1]

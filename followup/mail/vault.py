"""The mailbox password, encrypted at rest (Fernet: AES with an HMAC).

The key is FOLLOWUP_MAIL_KEY in hosted mode (the server's operator keeps it out of
the database, so a copy of the database opens no mailbox). In local mode it is a
private file in the data directory, made on first use with mode 0600.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

KEY_FILE = "mail.key"


class KeyProblem(Exception):
    """The encryption key is missing or wrong: say what to do about it."""


def _key() -> bytes:
    if key := os.environ.get("FOLLOWUP_MAIL_KEY", "").strip():
        return key.encode()
    if settings.HOSTED:
        raise KeyProblem(
            "FOLLOWUP_MAIL_KEY is not set: hosted servers need a key to keep mailbox "
            "passwords encrypted (make one with: python -c 'from cryptography.fernet "
            "import Fernet; print(Fernet.generate_key().decode())')"
        )
    return _key_file(Path(settings.DATA_DIR) / KEY_FILE)


def _key_file(path: Path) -> bytes:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:  # O_EXCL: two first runs can't each write a different key
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_bytes().strip()
        with os.fdopen(fd, "wb") as handle:
            handle.write(Fernet.generate_key())
    return path.read_bytes().strip()


def _fernet() -> Fernet:
    try:
        return Fernet(_key())
    except ValueError:
        raise KeyProblem(
            "FOLLOWUP_MAIL_KEY is not a valid key (32 bytes, URL-safe base64)"
        ) from None


def encrypt(password: str) -> str:
    return _fernet().encrypt(password.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken:
        raise KeyProblem(
            "the stored mailbox password can't be read with this key (was the key changed?): "
            "connect the mailbox again"
        ) from None

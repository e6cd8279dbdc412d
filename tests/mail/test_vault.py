"""The mailbox password at rest: a private key file locally, the environment's key
when hosted, and a clear error when the key is missing or wrong."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from pytest_django.fixtures import Settings

from followup.mail import vault


def test_local_mode_makes_a_private_key_file(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FOLLOWUP_MAIL_KEY", raising=False)
    settings.HOSTED, settings.DATA_DIR = False, tmp_path
    token = vault.encrypt("app-password-123")
    assert "app-password-123" not in token
    assert vault.decrypt(token) == "app-password-123"
    assert stat.S_IMODE((tmp_path / "mail.key").stat().st_mode) == 0o600


def test_hosted_mode_needs_the_key_from_the_environment(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.HOSTED = True
    monkeypatch.delenv("FOLLOWUP_MAIL_KEY", raising=False)
    with pytest.raises(vault.KeyProblem, match="FOLLOWUP_MAIL_KEY is not set"):
        vault.encrypt("x")
    monkeypatch.setenv("FOLLOWUP_MAIL_KEY", Fernet.generate_key().decode())
    token = vault.encrypt("x")
    monkeypatch.setenv("FOLLOWUP_MAIL_KEY", Fernet.generate_key().decode())  # another key
    with pytest.raises(vault.KeyProblem, match="can't be read with this key"):
        vault.decrypt(token)
    monkeypatch.setenv("FOLLOWUP_MAIL_KEY", "short")
    with pytest.raises(vault.KeyProblem, match="not a valid key"):
        vault.encrypt("x")

"""Hosted-mode headers and local files: Content-Security-Policy without inline scripts, HSTS on by
default, the optional HTTPS redirect, and `check --deploy` clean."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings as SettingsWrapper

HOSTED_ENV = {
    "FOLLOWUP_HOSTED": "1",
    "FOLLOWUP_SECRET_KEY": "k" * 20 + "Q7#x9-Lm2@vR4$tY8^wZ1&nB5*cD3(eF6)gH0_jK" + "p" * 10,
    "FOLLOWUP_ALLOWED_HOSTS": "followup.example.org",
}
PAGES = ["today", "board", "add_application", "settings", "worklog", "csv_import", "feed_settings"]
PAGES += ["digest_settings", "api_tokens", "password_change"]


def manage(tmp_path: Path, *argv: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    clean.pop("DATABASE_URL", None)
    clean.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the browser tests' setting, not a server's
    clean.update(FOLLOWUP_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="followup.web.settings")
    clean.update(env)
    code = "import sys, django; from django.core.management import execute_from_command_line; "
    code += "execute_from_command_line(['manage', *sys.argv[1:]])"
    return subprocess.run(
        [sys.executable, "-c", code, *argv], env=clean, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_in_hosted_mode(tmp_path: Path) -> None:
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **HOSTED_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_without_hsts(tmp_path: Path) -> None:
    env = {**HOSTED_ENV, "FOLLOWUP_HSTS_SECONDS": "0"}
    result = manage(tmp_path, "check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode != 0
    assert "security.W004" in result.stderr


def test_hsts_is_on_by_default_in_hosted_mode(tmp_path: Path) -> None:
    code = "from django.conf import settings; print(settings.SECURE_HSTS_SECONDS)"
    result = manage(tmp_path, "shell", "-c", code, **HOSTED_ENV)
    assert result.stdout.strip().splitlines()[-1] == "31536000"


def test_hsts_header_over_https(db: None, settings: SettingsWrapper) -> None:
    settings.SECURE_HSTS_SECONDS = 31_536_000
    response = Client().get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_optional_https_redirect(db: None, settings: SettingsWrapper) -> None:
    assert Client().get(reverse("login")).status_code == 200  # off by default
    settings.SECURE_SSL_REDIRECT = True
    response = Client().get(reverse("login"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_every_page_has_a_policy_without_inline_scripts(owner_client: Client) -> None:
    for name in PAGES:
        response = owner_client.get(reverse(name))
        policy = response["Content-Security-Policy"]
        assert "script-src 'self'" in policy, name
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy, name


@pytest.mark.parametrize("name", [*PAGES, "login", "signup"])
def test_pages_have_no_inline_script_or_handler(
    owner_client: Client, settings: SettingsWrapper, name: str
) -> None:
    settings.HOSTED = True
    client = Client() if name in ("login", "signup") else owner_client
    html = client.get(reverse(name)).content.decode()
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert scripts, name  # htmx and app.js at least
    for attributes in scripts:
        assert "src=" in attributes or 'type="application/json"' in attributes, (name, attributes)
    assert not re.search(r"\son[a-z]+\s*=", html), name
    assert not re.search(r"\shx-on", html), name
    assert '"allowEval":false' in html and '"includeIndicatorStyles":false' in html


# Local files --------------------------------------------------------------------------


def test_data_dir_is_0700_and_database_files_0600(tmp_path: Path) -> None:
    """The finding: the SQLite file was created 0644 in a 0755 folder."""
    data = tmp_path / "data"
    result = manage(data, "migrate", "-v", "0")
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    files = sorted(p.name for p in data.iterdir() if p.name.startswith("followup.sqlite3"))
    assert "followup.sqlite3" in files
    for name in [*files, "secret_key"]:
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name


def test_an_existing_open_data_dir_is_closed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    (data / "followup.sqlite3").touch(mode=0o644)
    data.chmod(0o755)
    (data / "followup.sqlite3").chmod(0o644)
    assert manage(data, "check").returncode == 0
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / "followup.sqlite3").stat().st_mode) == 0o600


def test_gunicorn_reads_the_config_file(monkeypatch: pytest.MonkeyPatch) -> None:
    from gunicorn.config import Config

    monkeypatch.setenv("FOLLOWUP_WORKERS", "3")
    monkeypatch.setenv("FOLLOWUP_WORKER_TIMEOUT", "20")
    import importlib

    import followup.web.gunicorn_conf as conf

    importlib.reload(conf)
    config = Config()
    for name in ("workers", "timeout", "graceful_timeout", "bind", "threads"):
        config.set(name, getattr(conf, name) if name != "bind" else [conf.bind])
    assert (config.workers, config.timeout, config.bind) == (3, 20, ["127.0.0.1:8000"])


TEMPLATES = sorted(Path(__file__).resolve().parents[2].joinpath("followup").rglob("*.html"))
EMAILS = {"email.html", "email_steps.html"}  # sent by email, never served as a page


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_templates_keep_to_the_policy(path: Path) -> None:
    """Every template (others' new ones too): scripts only from files, no handler
    attributes, and a page's own <style> with the request's nonce."""
    html = path.read_text()
    for attributes in re.findall(r"<script\b([^>]*)>", html):
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes
    assert not re.search(r"\s(on[a-z]+|hx-on[:\w-]*)\s*=", html)
    for attributes in re.findall(r"<style\b([^>]*)>", html):
        assert 'nonce="{{ request.csp_nonce }}"' in attributes
    if path.name not in EMAILS:
        assert not re.search(r"\sstyle\s*=", html), "a style attribute: move it to app.css"


def test_the_policy_names_the_nonce_of_the_pages_style(owner_client: Client) -> None:
    response = owner_client.get(reverse("settings"))
    nonce = re.search(r'<style nonce="([^"]+)">', response.content.decode())
    assert nonce is not None
    assert f"'nonce-{nonce[1]}'" in response["Content-Security-Policy"]

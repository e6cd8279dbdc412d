"""Django settings, read from the environment through small typed helpers.

Local mode (the default): one person, SQLite in the user's data directory, the
server bound to 127.0.0.1 and a one-time login link. Hosted mode
(FOLLOWUP_HOSTED=1): many users, sign-up and password login, secure cookies,
PostgreSQL through DATABASE_URL.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlparse

import platformdirs
from csp.constants import NONCE


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "")
    return [item.strip() for item in value.split(",") if item.strip()] or default


DATA_DIR = Path(
    env_str("FOLLOWUP_DATA_DIR") or platformdirs.user_data_dir("followup", appauthor=False)
)
HOSTED = env_bool("FOLLOWUP_HOSTED")
DEBUG = env_bool("FOLLOWUP_DEBUG")


def private_data_dir() -> None:
    """The data directory, readable by its owner only (0700): it holds the journal."""
    DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    DATA_DIR.chmod(0o700)


def private_file(path: Path) -> Path:
    """`path` created (or made) 0600 before SQLite opens it: SQLite gives its -wal and
    -shm files the database file's mode, so they are private too."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    path.chmod(0o600)
    return path


def secret_key() -> str:
    """FOLLOWUP_SECRET_KEY, else a key generated on first run and kept in the data dir."""
    if key := env_str("FOLLOWUP_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        private_data_dir()
        # Written with O_EXCL so two first runs can't both write a different key.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text().strip()
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def database(url: str) -> dict[str, object]:
    """DATABASE_URL (postgres://user:pass@host:port/name or sqlite:///path) as Django wants it."""
    if not url:
        private_data_dir()
        return sqlite(private_file(DATA_DIR / "followup.sqlite3"))
    parts = urlparse(url)
    if parts.scheme == "sqlite":
        return sqlite(Path(unquote(parts.path)))
    if parts.scheme not in ("postgres", "postgresql"):
        raise ValueError(f"DATABASE_URL: scheme {parts.scheme!r} is not sqlite or postgres")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": env_int("FOLLOWUP_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
    }


def sqlite(path: Path) -> dict[str, object]:
    # WAL lets the web server read while the CLI writes; IMMEDIATE takes the write
    # lock at BEGIN, so two writers queue (busy timeout) instead of failing mid-way.
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = secret_key()
ALLOWED_HOSTS = env_list("FOLLOWUP_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("FOLLOWUP_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("FOLLOWUP_SITE_URL", "http://127.0.0.1:8765")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "followup.tracker",
    "followup.accounts",
    "followup.feeds",
    "followup.digest",
    "followup.api",
    "followup.imports",
    "followup.worklog",
    "followup.insights.web",
    "followup.mail",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as axes asks: it turns a refused login into the "too many attempts" page.
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS = [
    # Refuses to check a password once its account-and-address or address is locked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "followup.web.urls"
WSGI_APPLICATION = "followup.web.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "followup.tracker.context.site",
            ],
        },
    }
]

DATABASES = {"default": database(env_str("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "today"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("FOLLOWUP_SECURE_COOKIES", HOSTED)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HOSTED:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # A year, as `check --deploy` asks; 0 turns it off (e.g. while trying out TLS).
    SECURE_HSTS_SECONDS = env_int("FOLLOWUP_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("FOLLOWUP_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("FOLLOWUP_HSTS_PRELOAD", False)
    # Usually the TLS proxy sends http:// to https:// itself; this makes Django do it.
    SECURE_SSL_REDIRECT = env_bool("FOLLOWUP_HTTPS_REDIRECT", False)
    # Both are choices the README's hosted section explains, not oversights: preload
    # is a commitment to browsers' lists, and the redirect is the proxy's job by default.
    SILENCED_SYSTEM_CHECKS = ["security.W021"] if not SECURE_HSTS_PRELOAD else []
    if not SECURE_SSL_REDIRECT:
        SILENCED_SYSTEM_CHECKS.append("security.W008")

# Content-Security-Policy (django-csp): scripts from this server only, no inline script
# or handler anywhere (htmx is configured for it in base.html); a page's own <style>
# carries the request's nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("FOLLOWUP_TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("FOLLOWUP_STATIC_ROOT") or DATA_DIR / "static")
# `collectstatic` fills it for hosted use; locally the finders serve the files, and
# WhiteNoise would warn on every start about a missing folder.
with contextlib.suppress(OSError):
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve app static files straight from the package: no collectstatic step for local use.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = env_str("FOLLOWUP_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("FOLLOWUP_SMTP_HOST", "localhost")
EMAIL_PORT = env_int("FOLLOWUP_SMTP_PORT", 25)
EMAIL_HOST_USER = env_str("FOLLOWUP_SMTP_USER")
EMAIL_HOST_PASSWORD = env_str("FOLLOWUP_SMTP_PASSWORD")
EMAIL_USE_TLS = env_bool("FOLLOWUP_SMTP_TLS")
DEFAULT_FROM_EMAIL = env_str("FOLLOWUP_FROM_EMAIL", "followup@localhost")

# Login throttling (django-axes; see followup/accounts/throttle.py): failures per
# account from one address, failures per address, and how long they count.
LOGIN_ATTEMPTS = env_int("FOLLOWUP_LOGIN_ATTEMPTS", 5)
LOGIN_ADDRESS_ATTEMPTS = env_int("FOLLOWUP_LOGIN_ADDRESS_ATTEMPTS", 30)
LOGIN_WINDOW_SECONDS = env_int("FOLLOWUP_LOGIN_WINDOW_SECONDS", 900)
# How many proxies in front of the server add themselves to X-Forwarded-For: 0 (the
# default) trusts no header, only the connection's address (REMOTE_ADDR).
TRUSTED_PROXIES = env_int("FOLLOWUP_TRUSTED_PROXIES", 0)
AXES_FAILURE_LIMIT = LOGIN_ATTEMPTS
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_WINDOW_SECONDS)
AXES_LOCKOUT_PARAMETERS = "followup.accounts.throttle.lockout_parameters"
AXES_USERNAME_CALLABLE = "followup.accounts.throttle.normalized_username"
AXES_HANDLER = "followup.accounts.throttle.AccountAndAddressHandler"
AXES_LOCKOUT_CALLABLE = "followup.accounts.throttle.too_many_attempts"
AXES_VERBOSE = False
# python-ipware counts the proxies *before* the last one (whose address is REMOTE_ADDR),
# and takes the entry that the nearest trusted proxy wrote: spoofed entries to its left
# are ignored.
AXES_IPWARE_PROXY_ORDER = "left-most"
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXIES - 1 if TRUSTED_PROXIES > 0 else None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR") if TRUSTED_PROXIES > 0 else ("REMOTE_ADDR",)
)
IPWARE_STRICT = False

# What one account may keep and send (followup/tracker/limits.py).
MAX_APPLICATIONS = env_int("FOLLOWUP_MAX_APPLICATIONS", 5000)
MAX_EVENTS_PER_APPLICATION = env_int("FOLLOWUP_MAX_EVENTS_PER_APPLICATION", 300)
MAX_IMPORT_BYTES = env_int("FOLLOWUP_MAX_IMPORT_BYTES", 10 * 1024 * 1024)
MAX_JSON_DEPTH = env_int("FOLLOWUP_MAX_JSON_DEPTH", 32)
# Today shows this many applications with a step this week a page.
TODAY_PAGE_SIZE = env_int("FOLLOWUP_TODAY_PAGE_SIZE", 20)
# Memory caches, each worker its own: the default (as Django's own default) and Today's
# rendered step cards (tracker/card_cache.py), a few kilobytes each, kept under a digest
# of what they show, so none is ever stale.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "cards": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "followup-step-cards",
        "TIMEOUT": 24 * 3600,
        "OPTIONS": {"MAX_ENTRIES": 3000},
    },
}
# A journal sent to the API is one request body: it may be as large as an import.
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_IMPORT_BYTES

# Sign-up: accounts created per address per hour (hosted mode).
SIGNUPS_PER_HOUR = env_int("FOLLOWUP_SIGNUPS_PER_HOUR", 5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "followup.web.logs.StderrHandler"}},
    "root": {"handlers": ["console"], "level": env_str("FOLLOWUP_LOG_LEVEL", "WARNING")},
}

# Accounts (login links): how long a one-time link from `followup serve` stays valid.
LOGIN_LINK_HOURS = env_int("FOLLOWUP_LOGIN_LINK_HOURS", 24)

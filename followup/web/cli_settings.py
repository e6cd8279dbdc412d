"""The command line's settings for its everyday commands: the web app's settings, the
same database (SQLite with its WAL, busy timeout and IMMEDIATE writes, or PostgreSQL
through DATABASE_URL), with only the apps those commands read and write.

Loading every app (sessions, static files, axes, the API, mail…) costs about a
quarter of `django.setup()`; `today`, `add`, `log`, `done`, `list` and `show` touch
only the tracker's tables and the user. They never delete a row (deleting needs every
app's models, for the cascades), and they never migrate: when a migration is pending
the command runs again with the full settings (see `followup.cli.tracker`).
"""

from __future__ import annotations

from .settings import *  # noqa: F403  (the same settings, less the apps below)
from .settings import INSTALLED_APPS as WEB_APPS

# Every app of the web settings: the command line checks that all their migrations
# are applied before it uses a database that the web app shares.
ALL_APPS = list(WEB_APPS)
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "followup.tracker",
    "followup.accounts",
]
MIDDLEWARE: list[str] = []
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]

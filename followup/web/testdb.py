"""Where the test suite keeps its data: a pytest plugin loaded before Django starts.

pytest-django reads the Django settings in its `pytest_load_initial_conftests`
hook, which runs before any conftest.py is imported; settings.py reads
FOLLOWUP_DATA_DIR (and writes a secret key there) at import. So a conftest is
too late to keep tests out of the user's real data directory. A plugin named on
the command line with `-p followup.web.testdb` is imported before that hook, so
the environment set here at import is what the settings see. It lives in the
package (not in tests/) because `-p` imports by module name and only the
installed package is importable at that point.

Also here, because settings name it by import path: a cheap Argon2 hasher for
tests. The rest (marking database tests, the PostgreSQL skip, where the test
databases live) is in tests/conftest.py.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from typing import Any

from django.contrib.auth.hashers import Argon2PasswordHasher


def isolate_data_dir() -> str:
    """Point FOLLOWUP_DATA_DIR (and FOLLOWUP_CACHE_DIR, where the command line keeps
    holiday tables) at a fresh temporary folder, removed when the run ends."""
    path = tempfile.mkdtemp(prefix="followup-tests-")
    os.environ["FOLLOWUP_DATA_DIR"] = path
    os.environ["FOLLOWUP_CACHE_DIR"] = os.path.join(path, "cache")
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def postgres_problem(db: dict[str, Any], timeout: int = 3) -> str | None:
    """Why the PostgreSQL server in Django's `db` settings can't be reached, or None.

    Connects to the `postgres` maintenance database, as Django does to create
    the test database, so a missing application database is not a problem.
    """
    import psycopg

    try:
        psycopg.connect(
            host=db["HOST"] or None,
            port=db["PORT"] or None,
            user=db["USER"] or None,
            password=db["PASSWORD"] or None,
            dbname="postgres",
            connect_timeout=timeout,
        ).close()
    except psycopg.Error as error:
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return f"PostgreSQL not reachable at {db['HOST']}:{db['PORT'] or 5432} ({detail}): tests ran on SQLite only"
    return None


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2 (the hashes still say so) at the lowest cost, for tests only: the real
    cost (100 MiB, several passes) is the point in use and a minute wasted in a suite
    that creates users in every web test. tests/conftest.py puts it first."""

    time_cost = 1
    memory_cost = 64
    parallelism = 1


DATA_DIR = isolate_data_dir()

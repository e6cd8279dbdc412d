"""Test-suite wide settings.

With FOLLOWUP_REQUIRE_ALL=1 (set by .ci/run) a skipped test is a failed test: a
missing browser or database must not pass CI quietly (tests/require_all.py).

Two databases: `make test` runs everything on SQLite, then the tests marked
`database` again with DATABASE_URL pointing at PostgreSQL (`-m database`). A
test is marked `database` when it uses the Django test database (the
`django_db` mark or a fixture such as `db` or `live_server`), or lives in
tests/web or tests/test_cli_tracker.py. When the configured PostgreSQL server
can't be reached, those tests are skipped with the reason.

The data directory is made temporary by followup.web.testdb, which has to be
loaded before Django reads its settings (see that module): the Makefile passes
`-p followup.web.testdb`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The no-skip rule (FOLLOWUP_REQUIRE_ALL=1): conftest hooks are found by name.
from tests.require_all import (  # noqa: F401
    pytest_make_collect_report,
    pytest_runtest_makereport,
)

TESTS = Path(__file__).resolve().parent
# Whole folders or files that are database tests even where a test uses no db fixture.
DATABASE_PATHS = (TESTS / "web", TESTS / "test_cli_tracker.py")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "database: uses the database; `make test` runs it on PostgreSQL too"
    )
    config.addinivalue_line("markers", "browser: drives Chromium through Playwright")
    config.addinivalue_line(
        "markers", "submits(*url_names): the POST forms a browser journey submits (tests/browser)"
    )
    # pytest-playwright 0.10's own base_url fixture trips this pytest 9 deprecation;
    # nothing of ours to fix, and it would repeat in every browser test's report.
    config.addinivalue_line(
        "filterwarnings",
        "ignore:Session-scoped fixtures defined as instance methods:pytest.PytestRemovedIn10Warning",
    )


def is_database_test(item: pytest.Item) -> bool:
    path = Path(str(item.path))
    if any(path == place or place in path.parents for place in DATABASE_PATHS):
        return True
    # Every pytest-django database fixture (db, transactional_db, live_server...) needs this one.
    fixtures = getattr(item, "fixturenames", ())
    return item.get_closest_marker("django_db") is not None or "django_db_setup" in fixtures


def database_engine() -> dict[str, object]:
    from django.conf import settings

    db: dict[str, object] = settings.DATABASES["default"]
    return db


def on_postgres() -> bool:
    return str(database_engine()["ENGINE"]).endswith("postgresql")


# tryfirst: the marks must be there before `-m database` deselects by them.
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    database_items = [item for item in items if is_database_test(item)]
    for item in database_items:
        item.add_marker(pytest.mark.database)
    if database_items and on_postgres():
        from followup.web.testdb import postgres_problem

        problem = postgres_problem(database_engine())
        if problem:
            for item in database_items:
                item.add_marker(pytest.mark.skip(reason=problem))


def pytest_report_header(config: pytest.Config) -> list[str]:
    db = database_engine()
    data_dir = os.environ.get("FOLLOWUP_DATA_DIR", "")
    isolated = "followup.web.testdb" in sys.modules
    lines = [
        f"followup data dir: {data_dir or 'the real one'}"
        + ("" if isolated else " (NOT isolated: run with -p followup.web.testdb)")
    ]
    if on_postgres():
        from django.db.backends.postgresql.psycopg_any import is_psycopg3

        driver = "psycopg 3" if is_psycopg3 else "psycopg2"
        lines.append(
            f"followup database: PostgreSQL at {db['HOST']}:{db['PORT'] or 5432} through {driver}"
        )
    else:
        lines.append("followup database: SQLite")
    return lines


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Where the test database lives.

    PostgreSQL: one database per run, since colleagues share the server and with
    the default name (test_followup) one run would drop another's database.
    SQLite: a file in a temporary folder, not Django's default
    in-memory database, which the live server shares as a single connection
    between its request threads (two overlapping requests then fail with
    "database table is locked"). A file gets a connection per thread, as in use.
    """
    db = database_engine()
    test: dict[str, object] = db.setdefault("TEST", {})  # type: ignore[assignment]
    if on_postgres():
        test["NAME"] = f"test_{db['NAME']}_{os.getpid()}"
    else:
        test["NAME"] = str(tmp_path_factory.mktemp("db") / "test.sqlite3")


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing() -> Iterator[None]:
    """Argon2 at its lowest cost (see followup.web.testdb); the real hasher stays
    listed, so stored real hashes still check."""
    from django.conf import settings
    from django.test.utils import override_settings

    fast = "followup.web.testdb.FastArgon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=[fast, *settings.PASSWORD_HASHERS]):
        yield


@pytest.fixture(scope="session", autouse=True)
def delete_output_dir() -> None:
    """Overrides pytest-playwright's fixture of the same name, which empties
    test-results/ at the start of every session: `make test` runs two sessions and
    the first one's screenshot of Today (a CI artifact) must survive the second."""

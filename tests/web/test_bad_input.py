"""Every bad input a clear answer (issue 10): API errors always JSON, NUL characters,
nesting depth, UTF-16 files without a byte-order mark, on web, API and CLI."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings as SettingsWrapper

from followup.api import services as api_services
from followup.cli import main
from followup.tracker import services

from .conftest import AS_OF
from .test_api import call, detail


@pytest.fixture
def token(owner: User) -> str:
    _, raw = api_services.create_token(owner, "tests")
    return raw


def test_a_body_over_the_limit_is_a_json_413(
    owner: User, token: str, settings: SettingsWrapper
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    before = services.applications_of(owner).count()
    response = call("POST", "/import", token, raw=json.dumps({"notes": "x" * 2000}))
    assert response.status_code == 413
    assert detail(response) == [
        {"loc": ["body"], "msg": "the request body is larger than this server accepts (1000 bytes)"}
    ]
    assert services.applications_of(owner).count() == before


def fail_every_query(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


@pytest.mark.parametrize(("method", "path"), [("GET", "/applications"), ("GET", "/plan")])
def test_the_database_down_is_a_json_503(owner: User, token: str, method: str, path: str) -> None:
    with connection.execute_wrapper(fail_every_query):
        response = call(method, path, token)
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert response["Retry-After"] == "30"
    assert detail(response) == [
        {"loc": [], "msg": "the database is unavailable; try again in a moment"}
    ]


# NUL characters and nesting ---------------------------------------------------------------


def journal_with(notes: str) -> dict[str, Any]:
    app = {"id": "nul-co", "company": "Nul Co", "notes": notes}
    events = [{"type": "applied", "at": "2026-11-02"}]
    return {"format": "followup/1", "applications": [{**app, "events": events}]}


def nested(depth: int) -> str:
    return '{"applications": [], "x": ' + "[" * depth + "]" * depth + "}"


NUL_PROBLEM = "journal.applications[0].notes: contains a NUL character"


def test_nul_in_a_journal_upload_is_named(owner: User, owner_client: Client) -> None:
    before = services.applications_of(owner).count()
    body = json.dumps(journal_with("a\x00b")).encode()
    response = owner_client.post(reverse("import"), {"journal": upload(body)})
    assert response.status_code == 422
    assert NUL_PROBLEM in response.content.decode()
    assert services.applications_of(owner).count() == before


def test_nul_in_an_api_import_is_named(owner: User, token: str) -> None:
    response = call("POST", "/import", token, journal_with("a\x00b"))
    assert response.status_code == 422
    assert not services.applications_of(owner).filter(slug="nul-co").exists()


def test_nul_in_a_cli_import_exits_2(
    owner: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "journal.json"
    path.write_text(json.dumps(journal_with("a\x00b")))
    assert main(["import", str(path), "--user", "owner"]) == 2
    assert f"journal.json: {NUL_PROBLEM}" in capsys.readouterr().err
    assert not services.applications_of(owner).filter(slug="nul-co").exists()


def test_nul_in_a_csv_names_row_and_column(owner: User, owner_client: Client) -> None:
    response = post_csv(owner_client, b"Company,Role\nAcme,An\x00alyst\n")
    assert response.status_code == 422
    assert "row 2, column &#x27;Role&#x27;: contains a NUL character" in response.content.decode()
    assert not services.applications_of(owner).filter(company="Acme").exists()


def test_nul_in_a_csv_from_the_cli_exits_2(
    owner: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"Company,Role\nAcme,An\x00alyst\n")
    assert main(["import-csv", str(path), "--user", "owner"]) == 2
    assert "row 2, column 'Role': contains a NUL character" in capsys.readouterr().err
    assert not services.applications_of(owner).filter(company="Acme").exists()


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deep_nesting_in_a_journal_upload(owner_client: Client, depth: int) -> None:
    response = owner_client.post(reverse("import"), {"journal": upload(nested(depth).encode())})
    assert response.status_code == 422
    assert "the JSON is nested more than 32 levels deep" in response.content.decode()


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deep_nesting_in_a_cli_import_exits_2(
    owner: User, tmp_path: Path, capsys: pytest.CaptureFixture[str], depth: int
) -> None:
    path = tmp_path / "deep.json"
    path.write_text(nested(depth))
    assert main(["import", str(path), "--user", "owner"]) == 2
    err = capsys.readouterr().err
    assert "the JSON is nested more than 32 levels deep" in err
    assert "Traceback" not in err


def test_deep_nesting_in_an_api_import(owner: User, token: str) -> None:
    response = call("POST", "/import", token, raw=nested(100_000))
    assert response.status_code == 422
    assert detail(response) == [
        {"loc": ["body"], "msg": "the JSON is nested more than 32 levels deep"}
    ]


def test_a_journal_of_normal_depth_is_fine(owner: User) -> None:
    assert services.import_journal(owner, journal_with("fine"), as_of=AS_OF) == ["nul-co"]


# Limits -----------------------------------------------------------------------------------


def test_applications_per_user(owner: User, settings: SettingsWrapper, token: str) -> None:
    have = services.applications_of(owner).count()
    settings.MAX_APPLICATIONS = have
    message = f"applications: this would make {have + 1}, more than the {have} one account may keep"
    with pytest.raises(services.ServiceError, match=re.escape(message)):
        services.import_journal(owner, journal_with("one more"), as_of=AS_OF)
    app = {"id": "one-more", "company": "One More", "events": []}
    response = call("POST", "/applications", token, app)
    assert response.status_code == 409  # the API's answer to a refused change
    assert detail(response) == [
        {
            "loc": ["body", "applications"],
            "msg": message.removeprefix("applications: ") + ("; delete or export old ones first"),
        }
    ]
    assert services.applications_of(owner).count() == have
    # Replacing one that is there adds nothing: allowed.
    settings.MAX_APPLICATIONS = have + 1
    services.import_journal(owner, journal_with("one more"), as_of=AS_OF)
    settings.MAX_APPLICATIONS = have + 1
    services.import_journal(owner, journal_with("again"), replace=True, as_of=AS_OF)


def test_events_per_application(owner: User, settings: SettingsWrapper) -> None:
    settings.MAX_EVENTS_PER_APPLICATION = 2
    data = journal_with("busy")
    event = {"type": "sent", "at": "2026-11-03", "channel": "email", "purpose": "check_in"}
    data["applications"][0]["events"] += [event, {**event, "at": "2026-11-04"}]
    with pytest.raises(services.ServiceError, match="nul-co: 3 events, more than the 2 one"):
        services.import_journal(owner, data, as_of=AS_OF)
    data["applications"][0]["events"].pop()
    services.import_journal(owner, data, as_of=AS_OF)
    with pytest.raises(services.ServiceError, match="nul-co: 3 events"):
        services.record_event(owner, "nul-co", {**event, "at": "2026-11-05"}, as_of=AS_OF)
    assert services.get_application(owner, "nul-co").events.count() == 2


def test_journal_import_size(owner_client: Client, settings: SettingsWrapper) -> None:
    settings.MAX_IMPORT_BYTES = 50
    body = json.dumps(journal_with("x" * 100)).encode()
    response = owner_client.post(reverse("import"), {"journal": upload(body)})
    assert response.status_code == 422
    assert "the file is bigger than 50 bytes, the most this server imports" in (
        response.content.decode()
    )


# UTF-16 and the words of the import page --------------------------------------------------

CSV = "Company,Role,Status,Date Applied\nCafé Lumière,Analyst,Applied,2026-11-02\n"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16", "utf-8"])
def test_utf16_with_or_without_a_bom(owner_client: Client, owner: User, encoding: str) -> None:
    response = post_csv(owner_client, CSV.encode(encoding))
    assert response.status_code == 200
    assert "Café Lumière" in response.content.decode()


def test_a_cli_import_of_utf16_without_bom(owner: User, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(CSV.encode("utf-16-le"))
    assert main(["import-csv", str(path), "--user", "owner"]) == 0
    assert services.applications_of(owner).filter(company="Café Lumière").exists()


@pytest.mark.parametrize(
    ("content", "data"),
    [
        (b"Employer Name,Role\nAcme,Analyst\n", {}),  # no company column
        (b"Company,Status\nAcme,Pondering\n", {}),  # a status we don't know
        (b"Company,Date Applied\nAcme,03/04/2026\nBeta,05/06/2026\n", {}),  # ambiguous dates
        (b"Company,Status\nAcme,Interview\n", {}),  # needs a date, no date column
    ],
)
def test_the_import_page_never_suggests_command_line_options(
    owner_client: Client, content: bytes, data: dict[str, str]
) -> None:
    response = post_csv(owner_client, content, **data)
    assert response.status_code == 422
    problems = re.findall(r"<li>(.*?)</li>", response.content.decode())
    assert problems
    assert not [p for p in problems if re.search(r"--[a-z]", p)], problems
    assert "under “" in response.content.decode()


def post_csv(client: Client, content: bytes, **data: str) -> Any:
    return client.post(
        reverse("csv_import"), {"file": SimpleUploadedFile("a.csv", content, "text/csv"), **data}
    )


def upload(body: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("journal.json", body, content_type="application/json")


# Exports are streamed -------------------------------------------------------------------


@pytest.mark.parametrize("count", [0, 1, 450])
def test_the_streamed_export_is_the_journal_file(db: None, count: int) -> None:
    """Batches of 200 applications: 0, 1 and 450 (three batches, the last short)."""
    user = User.objects.create_user("many", "many@example.org", "a long enough password")
    apps = [
        {
            "id": f"job-{n}",
            "company": f"Cómpany {n}",
            "contacts": [{"id": "pat", "name": "Pat"}],
            "events": [{"type": "applied", "at": "2026-11-02"}],
        }
        for n in range(count)
    ]
    services.import_journal(user, {"format": "followup/1", "applications": apps}, as_of=AS_OF)
    client = Client()
    client.force_login(user)
    response = client.get(reverse("export"))
    chunks = list(response.streaming_content)
    assert len(chunks) == (2 + -(-count // 200) if count else 1)  # head, batches, tail
    whole = json.dumps(services.journal_data(user), indent=2, ensure_ascii=False) + "\n"
    assert b"".join(chunks).decode() == whole
    assert [a["id"] for a in json.loads(whole)["applications"]] == [a["id"] for a in apps]

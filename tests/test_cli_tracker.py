"""The everyday CLI (`today`, `add`, `log`, `done`, `import`, `export`, `replan`,
`serve`), run through `followup.cli.main` on the test database."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from followup.accounts.services import local_user
from followup.cli import CliError, main
from followup.cli.serve import check_host, check_port, prepare
from followup.planner.demo import demo_data
from followup.tracker import services
from followup.tracker.models import Application, Event, Profile

from .cli_support import run

AS_OF = date(2026, 11, 18)  # a Wednesday: the demo's story happens this week
STEP_KEYS = {
    "application",
    "action",
    "channel",
    "to",
    "due",
    "due_by",
    "window",
    "leave_message",
    "reason",
    "sources",
    "draft",
}
ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setattr(services, "today_for", lambda user, now=None: AS_OF)
    return AS_OF


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.json"
    path.write_text(json.dumps(demo_data(AS_OF)), encoding="utf-8")
    return path


@pytest.fixture
def me(demo_file: Path) -> User:
    """The local user, with the demo journal imported through the CLI."""
    assert main(["import", str(demo_file)]) == 0
    return local_user()


# import / export -----------------------------------------------------------------------


def test_export_import_export_gives_the_same_file(
    me: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run(capsys, "export", "-o", str(first))[0] == 0
    code, out, _ = run(capsys, "export")
    assert code == 0
    assert out == first.read_text(encoding="utf-8")
    User.objects.create_user("empty")
    code, out, _ = run(capsys, "import", str(first), "--user", "empty")
    assert code == 0
    assert "Imported 12 applications" in out
    assert run(capsys, "export", "--user", "empty", "-o", str(second))[0] == 0
    assert second.read_bytes() == first.read_bytes()
    assert json.loads(first.read_text())["format"] == "followup/1"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temporary file left


def test_export_replaces_a_file_whole(
    me: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "journal.json"
    target.write_text("old contents that are much longer than nothing " * 1000)
    target.chmod(0o640)
    assert run(capsys, "export", "-o", str(target))[0] == 0
    assert json.loads(target.read_text())["applications"]
    assert target.stat().st_mode & 0o777 == 0o640


def test_export_to_a_missing_directory_fails_clearly(
    me: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "export", "-o", str(tmp_path / "nowhere" / "j.json"))
    assert code == 1
    assert "nowhere" in err
    assert "Traceback" not in err


def test_import_with_a_bad_event_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = demo_data(AS_OF)
    data["applications"][2]["events"][1]["outcome"] = "shrugged"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    code, out, err = run(capsys, "import", str(bad))
    assert code == 2
    assert out == ""
    app_id = data["applications"][2]["id"]
    assert re.search(rf"^error: .*bad\.json: {app_id}: events\[1\]\.outcome: ", err, re.MULTILINE)
    assert not Application.objects.exists()
    assert not Profile.objects.filter(name__isnull=False).exists()


def test_import_of_a_sound_file_never_needs_the_validator(
    demo_file: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def validator(data: object) -> None:
        raise AssertionError("the fast path handed a sound journal to the validator")

    monkeypatch.setattr("followup.journal_decoding.parse_journal", validator)
    code, out, _ = run(capsys, "import", str(demo_file), "--format", "json")
    assert code == 0
    assert json.loads(out)["applications"] == 12


def test_import_reports_what_only_the_validator_sees_with_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The import reads through msgspec's fast path; a problem its types can't see (a
    day that does not exist, a message to someone not among the contacts) goes to the
    validator, which names the file, the application, the event and the field of each."""
    data = demo_data(AS_OF)
    data["applications"][0]["events"][0]["at"] = "2026-02-30"
    data["applications"][0]["events"][2]["to"] = "nobody"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    code, out, err = run(capsys, "import", str(bad))
    assert (code, out) == (2, "")
    app_id = data["applications"][0]["id"]
    assert err.splitlines() == [
        f"error: {bad}: {app_id}: events[0].at: '2026-02-30' is not a date",
        f"error: {bad}: {app_id}: events[2].to: 'nobody' is not a contact of this application",
    ]
    assert not Application.objects.exists()


def test_import_refuses_existing_ids_unless_replace(
    me: User, demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    events = Event.objects.count()
    code, _, err = run(capsys, "import", str(demo_file))
    assert code == 2
    assert "mesa-grid-analyst: an application with this id already exists" in err
    assert Application.objects.count() == 12
    code, out, _ = run(capsys, "import", str(demo_file), "--replace", "--format", "json")
    assert code == 0
    assert json.loads(out)["applications"] == 12
    assert Application.objects.count() == 12
    assert Event.objects.count() == events


@pytest.mark.parametrize(
    ("content", "message"), [("{", "line 1, column 2"), (b'{"a": "\xc3\x28"}', "not UTF-8")]
)
def test_import_of_a_file_that_is_not_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | bytes, message: str
) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    code, _, err = run(capsys, "import", str(path))
    assert code == 2
    assert message in err
    assert run(capsys, "import", str(tmp_path / "missing.json"))[0] == 2


# today -------------------------------------------------------------------------------------


def test_today_json(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "today", "--format", "json")
    assert code == 0
    page = json.loads(out)
    assert list(page) == ["format", "as_of", "overdue", "today", "this_week", "nudges"]
    assert page["format"] == "followup-today/1"
    assert page["as_of"] == AS_OF.isoformat()
    steps = page["overdue"] + page["today"] + page["this_week"]
    assert steps
    for step in steps:
        assert set(step) == STEP_KEYS
        assert step["draft"] is None or set(step["draft"]) == {"subject", "body"}
    assert all(s["due_by"] < AS_OF.isoformat() for s in page["overdue"])
    assert all(s["due"] > AS_OF.isoformat() for s in page["this_week"])
    assert {s["application"] for s in steps} <= set(
        Application.objects.values_list("slug", flat=True)
    )
    assert {n["kind"] for n in page["nudges"]} <= {"keep_searching", "weekly_goal"}
    assert all(set(n) == {"kind", "reason"} for n in page["nudges"])


def test_today_text(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "today")
    assert code == 0
    assert "Follow-ups as of Wednesday 18 November 2026" in out
    first = json.loads(run(capsys, "today", "--format", "json")[1])
    group = "Overdue" if first["overdue"] else "Today"
    assert group in out
    assert f"[{(first['overdue'] or first['today'])[0]['application']}]" in out


def _due(user: User, count: int) -> None:
    """`count` applications with steps due this week: half never answered, half
    interviewed the day before AS_OF."""
    for n in range(count):
        events: list[dict[str, object]] = [{"type": "applied", "at": "2026-11-02"}]
        if n % 2:
            events.append({"type": "interview", "at": "2026-11-17T10:00", "with": ["pat"]})
        contact = {"id": "pat", "name": f"Pat {n}", "role": "recruiter", "email": f"p{n}@x.org"}
        services.add_application(
            user,
            {"id": f"job-{n}", "company": f"Company {n}", "contacts": [contact], "events": events},
            as_of=AS_OF,
        )


def _today_queries(capsys: pytest.CaptureFixture[str], username: str) -> tuple[int, int]:
    """Queries made by `followup today --format json --user USERNAME`, and its steps."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        code, out, _ = run(capsys, "today", "--format", "json", "--user", username)
    assert code == 0
    page = json.loads(out)
    steps = page["overdue"] + page["today"] + page["this_week"]
    return len(queries), len(steps)


def test_today_json_reads_in_as_many_queries_for_5_or_50_applications(
    capsys: pytest.CaptureFixture[str], settings: Settings
) -> None:
    """The profile the drafts sign with was read again for every step (an N+1)."""
    settings.TODAY_PAGE_SIZE = 100
    for name, count in (("few", 5), ("many", 50)):
        _due(User.objects.create_user(name), count)
    few_queries, few_steps = _today_queries(capsys, "few")
    many_queries, many_steps = _today_queries(capsys, "many")
    # A confirmation call for each application never answered; after an interview,
    # the thank-you note and the check-in of Mon 23 Nov: 3 + 2 × 2, and 25 + 25 × 2.
    assert (few_steps, many_steps) == (7, 75)
    assert few_queries == many_queries
    assert many_queries <= 20


def test_today_with_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "today", "--as-of", "2026-11-18")
    assert code == 0
    assert "Nothing is due this week." in out


# add ----------------------------------------------------------------------------------------


def test_add(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    posting = tmp_path / "posting.txt"
    posting.write_text("Data analyst wanted.\nNo phone calls, please.\n")
    code, out, _ = run(
        capsys,
        "add",
        "Acme Corp",
        "--role",
        "Data Analyst",
        "--applied",
        "2026-11-09",
        "--posting-file",
        str(posting),
    )
    assert code == 0
    assert "its id is acme-corp" in out
    assert "no phone calls" in out
    assert "Next: Confirm they received your application" in out
    app = Application.objects.get(slug="acme-corp")
    assert (app.company, app.role, app.stage, app.user) == (
        "Acme Corp",
        "Data Analyst",
        "applied",
        local_user(),
    )
    assert list(app.events.values_list("type", "at")) == [("applied", "2026-11-09")]
    code, out, _ = run(capsys, "add", "Acme Corp", "--format", "json")
    assert code == 0
    assert json.loads(out) == {"id": "acme-corp-2", "company": "Acme Corp", "next_step": None}


def test_add_bad_input_writes_nothing(
    me: User, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "add", "Foo", "--employer-kind", "weird")
    assert code == 2
    assert "employer_kind: 'weird' is not one of" in err
    code, _, err = run(capsys, "add", "Mesa", "--id", "mesa-grid-analyst")
    assert code == 2
    assert "already exists" in err
    code, _, err = run(capsys, "add", "Foo", "--posting-file", str(tmp_path / "nope.txt"))
    assert code == 2
    assert "--posting-file" in err
    assert Application.objects.count() == 12


# log / done ----------------------------------------------------------------------------------


def test_log_records_an_event(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "log",
        "mesa-grid-analyst",
        "sent",
        "--to",
        "tomas",
        "--purpose",
        "thank_you",
        "--at",
        "2026-11-18T08:00",
    )
    assert code == 0
    assert "Recorded for mesa-grid-analyst: sent tomas on Wed 18 Nov at 08:00" in out
    event = Event.objects.filter(application__slug="mesa-grid-analyst").latest("local_at")
    assert (event.type, event.at, event.data) == (
        "sent",
        "2026-11-18T08:00",
        {"to": "tomas", "purpose": "thank_you"},
    )
    assert "Next:" in out
    assert "Send a thank-you note" not in out  # that was the step just done


def test_log_with_lists_and_flags(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [
        "log",
        "mesa-grid-analyst",
        "interview",
        "--at",
        "2026-11-18T10:00",
        "--with",
        "tomas,kim",
        "--final",
        "--kind",
        "onsite",
        "--format",
        "json",
    ]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert json.loads(out)["recorded"] == {
        "type": "interview",
        "at": "2026-11-18T10:00",
        "kind": "onsite",
        "with": ["tomas", "kim"],
        "final": True,
    }
    code, _, _ = run(
        capsys,
        "log",
        "zia-solar-coordinator",
        "closed",
        "--at",
        "2026-11-18",
        "--reason",
        "withdrawn",
        "--notified",
        "no",
    )
    assert code == 0
    closed = Event.objects.filter(application__slug="zia-solar-coordinator").latest("local_at")
    assert closed.data == {"reason": "withdrawn", "notified": False}


def test_log_an_invalid_event_names_the_field(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    events = Event.objects.count()
    code, out, err = run(capsys, "log", "mesa-grid-analyst", "called", "--to", "tomas")
    assert code == 2
    assert out == ""
    assert re.search(r"^error: mesa-grid-analyst: --outcome is required", err, re.MULTILINE)
    code, _, err = run(
        capsys, "log", "mesa-grid-analyst", "sent", "--to", "nobody", "--outcome", "spoke"
    )
    assert code == 2
    assert "--to: 'nobody' is not a contact" in err
    assert "--outcome is not a field of a 'sent' event" in err
    code, _, err = run(capsys, "log", "no-such-app", "sent")
    assert code == 2
    assert "no-such-app: no such application" in err
    assert Event.objects.count() == events


def test_log_rejects_an_unknown_type(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["log", "mesa-grid-analyst", "waved"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'waved'" in capsys.readouterr().err


def test_done_a_call_with_voicemail(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    before = json.loads(run(capsys, "today", "--format", "json")[1])
    call = next(
        s for s in before["overdue"] + before["today"] if s["application"] == "rio-grande-print-ops"
    )
    assert (call["action"], call["channel"], call["to"]) == ("call", "phone", "gloria")
    code, out, _ = run(
        capsys,
        "done",
        "rio-grande-print-ops",
        "--outcome",
        "voicemail",
        "--at",
        "2026-11-18T09:00",
        "--format",
        "json",
    )
    assert code == 0
    answer = json.loads(out)
    assert answer["recorded"] == {
        "type": "called",
        "at": "2026-11-18T09:00",
        "to": "gloria",
        "outcome": "voicemail",
        "purpose": "check_in",
    }
    event = Event.objects.filter(application__slug="rio-grande-print-ops").latest("local_at")
    assert (event.type, event.data["outcome"]) == ("called", "voicemail")
    # The next step is another call, and this time without a message.
    assert (answer["next_step"]["action"], answer["next_step"]["leave_message"]) == ("call", False)


def test_done_text_output_and_errors(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    events = Event.objects.count()
    code, _, err = run(capsys, "done", "rio-grande-print-ops")
    assert code == 2
    assert "outcome" in err
    code, _, err = run(capsys, "done", "mesa-grid-analyst", "--action", "escalate")
    assert code == 2
    assert 'no pending step "escalate"' in err
    assert Event.objects.count() == events
    code, out, _ = run(capsys, "done", "mesa-grid-analyst", "--at", "2026-11-18T08:00")
    assert code == 0
    assert (
        "Recorded for mesa-grid-analyst: sent tomas on Wed 18 Nov at 08:00 (channel email, purpose thank_you)"
        in out
    )
    assert "Next:" in out


# replan, users -----------------------------------------------------------------------------


def test_replan(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "replan", "--as-of", "2026-11-25")
    assert code == 0
    assert out == "Replanned 12 applications.\n"
    assert set(Application.objects.values_list("planned_as_of", flat=True)) == {date(2026, 11, 25)}
    code, out, _ = run(capsys, "replan", "--user", me.username, "--format", "json")
    assert (code, json.loads(out)) == (0, {"replanned": 12})
    assert set(Application.objects.values_list("planned_as_of", flat=True)) == {AS_OF}


def test_user_option(me: User, capsys: pytest.CaptureFixture[str], settings: Settings) -> None:
    code, _, err = run(capsys, "today", "--user", "nobody")
    assert code == 2
    assert "--user nobody: no such user" in err
    User.objects.create_user("someone")
    code, out, _ = run(capsys, "today", "--user", "someone", "--format", "json")
    assert code == 0
    assert json.loads(out)["overdue"] == []
    settings.HOSTED = True
    code, _, err = run(capsys, "today")
    assert code == 2
    assert "--user" in err


# serve --------------------------------------------------------------------------------------


def test_serve_setup_loads_the_demo_once_and_issues_links(
    capsys: pytest.CaptureFixture[str],
) -> None:
    link = prepare("http://127.0.0.1:8765", today=AS_OF)
    assert link is not None
    assert link.startswith("http://127.0.0.1:8765/accounts/token/")
    user = local_user()
    assert Application.objects.filter(user=user).count() == 12
    client = Client()
    response = client.get(urlparse(link).path)
    assert response.status_code == 302
    assert response["Location"] == reverse("today")
    # A second run: the demo is not loaded again (the user has signed in), a new link.
    Application.objects.filter(user=user).delete()
    again = prepare("http://127.0.0.1:8765", today=AS_OF)
    assert again not in (None, link)
    assert not Application.objects.filter(user=user).exists()


def test_serve_marks_the_demo_as_sample_data_and_never_adds_it_again() -> None:
    prepare("http://127.0.0.1:8765", today=AS_OF)
    user = local_user()
    assert Application.objects.filter(user=user, sample=True).count() == 12
    user.delete()  # "delete my account": a new local user, who never signed in
    prepare("http://127.0.0.1:8765", today=AS_OF)
    assert local_user().pk != user.pk
    assert not Application.objects.exists()


def test_serve_setup_in_hosted_mode_has_no_local_user(settings: Settings) -> None:
    settings.HOSTED = True
    assert prepare("http://127.0.0.1:8765") is None
    assert not User.objects.exists()


def test_serve_listens_on_loopback_only_unless_hosted(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "serve", "--host", "0.0.0.0", "--no-browser")
    assert code == 2
    assert "FOLLOWUP_HOSTED=1" in err
    for host in ("127.0.0.1", "localhost", "::1"):
        check_host(host, False, ["127.0.0.1", "localhost", "[::1]"])
    with pytest.raises(CliError, match="FOLLOWUP_ALLOWED_HOSTS"):
        check_host("127.0.0.2", False, ["127.0.0.1"])
    check_host("0.0.0.0", True, ["followup.example"])


def test_serve_reports_a_port_in_use() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(CliError, match=f"port {port} on 127.0.0.1 is already in use"):
            check_port("127.0.0.1", port)
    with pytest.raises(CliError, match="not a port number"):
        check_port("127.0.0.1", 70000)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def wait_until_up(base: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/accounts/login/", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise AssertionError("the server did not answer in time")


def test_serve_runs_a_real_server(tmp_path: Path) -> None:
    """`followup serve` in its own process, on its own SQLite database."""
    port = free_port()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_") and k != "DATABASE_URL"
    }
    env.update(FOLLOWUP_DATA_DIR=str(tmp_path), PYTHONUNBUFFERED="1")
    argv = [sys.executable, "-m", "followup", "serve", "--port", str(port), "--no-browser"]
    server = subprocess.Popen(
        argv, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        assert first.startswith(
            f"Open this link to start: http://127.0.0.1:{port}/accounts/token/"
        ), first
        link = first.split(": ", 1)[1].strip()
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, time.monotonic() + 30)
        opener = urllib.request.build_opener(NoRedirect)
        with pytest.raises(urllib.error.HTTPError) as redirect:
            opener.open(link, timeout=10)
        assert redirect.value.code == 302
        assert redirect.value.headers["Location"] == "/"
        cookies = redirect.value.headers.get_all("Set-Cookie")
        session = next(c.split(";")[0] for c in cookies if c.startswith("sessionid="))
        today = urllib.request.Request(f"{base}/", headers={"Cookie": session})
        with urllib.request.urlopen(today, timeout=10) as page:
            assert page.status == 200
            assert "Rio Grande" in page.read().decode()  # the demo journal was loaded
        with pytest.raises(urllib.error.HTTPError) as reused:
            opener.open(link, timeout=10)
        assert reused.value.code == 403
        with urllib.request.urlopen(f"{base}/static/tracker/app.css", timeout=10) as css:
            assert css.status == 200
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# `followup plan` stays free of Django --------------------------------------------------------


def test_plan_does_not_import_django(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from followup.cli import main\n"
        f"code = main(['plan', {str(ROOT / 'examples' / 'demo.json')!r}, '--format', 'json'])\n"
        'sys.stderr.write(f\'exit={code} django={"django" in sys.modules} gunicorn={"gunicorn" in sys.modules}\')\n'
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stderr.strip().endswith("exit=0 django=False gunicorn=False"), result.stderr
    assert json.loads(result.stdout)["format"] == "followup-plan/1"

"""The `followup plan` and `followup demo` commands, in-process and as a real program.

In-process tests call `followup.cli.main([...])` and read stdout/stderr with capsys;
the subprocess tests run the installed console script, so they also cover the entry
point, the exit status a shell sees, and the default `--as-of` (today).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from followup.cli import main
from followup.planner import load_journal, plan, plan_to_dict

from .planner.builders import MANAGER, RECRUITER, application, journal_data

AS_OF = "2026-03-10"  # a Tuesday
ROOT = Path(__file__).resolve().parents[1]


def console_script() -> str:
    """The installed `followup` program (next to this Python, else on PATH)."""
    beside = Path(sys.executable).parent / "followup"
    found = str(beside) if beside.exists() else shutil.which("followup")
    if found is None:
        pytest.fail("the followup console script is not installed (pip install -e .)")
    return found


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [console_script(), *args], capture_output=True, text=True, timeout=60, check=False
    )


@pytest.fixture
def journal_file(tmp_path: Path) -> Path:
    """Two applications: Acme, interviewed and overdue a check-in; Beta, just applied."""
    acme = application(
        "acme",
        company="Acme Corp",
        contacts=[RECRUITER, MANAGER],
        events=[
            {"type": "interview", "at": "2026-02-23T10:00", "with": ["hana"]},
            {"type": "sent", "at": "2026-02-23T18:00", "to": "hana", "purpose": "thank_you"},
        ],
    )
    beta = application(
        "beta",
        company="Beta Analytics",
        employer_kind="startup",
        events=[{"type": "applied", "at": "2026-03-09", "channel": "online"}],
    )
    path = tmp_path / "journal.json"
    path.write_text(json.dumps(journal_data(acme, beta)), encoding="utf-8")
    return path


@pytest.fixture
def broken_file(tmp_path: Path) -> Path:
    """A journal with two problems in two places."""
    app = application(
        "acme",
        employer_kind="megacorp",
        events=[{"type": "lunch", "at": "2026-03-02"}, {"type": "applied", "at": "2026-02-30"}],
    )
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(journal_data(app)), encoding="utf-8")
    return path


def expected_plan(path: Path, as_of: str) -> Any:
    """What the library says, serialized to JSON and read back."""
    return json.loads(
        json.dumps(plan_to_dict(plan(load_journal(path), date.fromisoformat(as_of)), drafts=True))
    )


# The plan of `journal_file` on Tue 10 Mar 2026, worked out by hand (US calendar, no
# holiday in March or early April). Acme: corporate window [7, 10] after Mon 23 Feb is
# 2-5 Mar, to the recruiter first; the check-in is overdue, so the rest is projected
# from today: escalate add_bd(10 Mar, 5) = Tue 17, call add_bd(17, 3) = Fri 20, move on
# add_bd(20, 10) = Fri 3 Apr, each due by 2 business days later. Beta: confirm receipt
# [7, 14] after Mon 9 Mar is 16-23 Mar (nobody to call yet), check in 7 days after its
# due (23 Mar), move on 14 days after that (Mon 6 Apr).
JOURNAL_FILE_PLAN = {
    "acme": [
        ("check_in", "email", "rita", "2026-03-02", "2026-03-05"),
        ("escalate", "email", "hana", "2026-03-17", "2026-03-19"),
        ("call", "phone", "hana", "2026-03-20", "2026-03-24"),
        ("move_on", None, None, "2026-04-03", "2026-04-07"),
    ],
    "beta": [
        ("confirm_receipt", "phone", None, "2026-03-16", "2026-03-23"),
        ("check_in", "email", None, "2026-03-23", "2026-03-25"),
        ("move_on", None, None, "2026-04-06", "2026-04-08"),
    ],
}
JOURNAL_FILE_NUDGES = [  # 2 open (< 5); only Beta applied in the 7 days to 10 Mar
    ("keep_searching", None),
    ("weekly_goal", "You sent 1 application in the last 7 days; aim for 5."),
]


def brief(printed: dict[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    """(action, channel, to, due, due_by) of each step, by application id."""
    fields = ("action", "channel", "to", "due", "due_by")
    return {
        app["id"]: [tuple(step[f] for f in fields) for step in app["steps"]]
        for app in printed["applications"]
    }


def nudges(printed: dict[str, Any]) -> list[tuple[str, str | None]]:
    return [
        (n["kind"], n["reason"] if n["kind"] == "weekly_goal" else None) for n in printed["nudges"]
    ]


def assert_journal_file_plan(printed: dict[str, Any]) -> None:
    assert brief(printed) == JOURNAL_FILE_PLAN
    assert nudges(printed) == JOURNAL_FILE_NUDGES
    assert [a["stage"] for a in printed["applications"]] == ["interviewing", "applied"]
    # Due on or before today, earliest first: only Acme's check-in.
    assert [(s["application"], s["action"], s["due"]) for s in printed["agenda"]] == [
        ("acme", "check_in", "2026-03-02")
    ]


def test_plan_json_is_the_hand_worked_plan(
    journal_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", str(journal_file), "--as-of", AS_OF, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    printed = json.loads(out)
    assert_journal_file_plan(printed)
    assert printed["format"] == "followup-plan/1"
    assert printed["as_of"] == AS_OF
    assert [a["id"] for a in printed["applications"]] == ["acme", "beta"]
    # Acme's check-in (corporate [7, 10] days after Mon 23 Feb: 2 to 5 Mar) is overdue.
    assert [(s["application"], s["action"]) for s in printed["agenda"]] == [("acme", "check_in")]


# The demo's Rio Abajo Water Authority (government, "no phone calls" in the posting,
# HR contact Carmen), applied Sat 21 Feb 2026, in New Mexico: confirm receipt by email
# [14, 28] days after (Sat 7 -> Mon 9 Mar, Sat 21 -> Fri 20 Mar), check in 7 days after
# today (Wed 18 Mar), move on 14 days after that (Wed 1 Apr), due by 2 business days on.
DEMO_RIO_ABAJO_MARCH = [
    ("confirm_receipt", "email", "carmen", "2026-03-09", "2026-03-20"),
    ("check_in", "email", "carmen", "2026-03-18", "2026-03-20"),
    ("move_on", None, None, "2026-04-01", "2026-04-03"),
]
# The same moved 36 weeks, to Wed 18 Nov (applied Sat 31 Oct): Mon 16 Nov to Sat 28 Nov,
# which backs off past Fri 27 (a New Mexico holiday) and Thanksgiving to Wed 25 Nov;
# check in Wed 25 Nov, due by Tue 1 Dec (the 26th and 27th are holidays); move on
# next_bd(25 Nov + 14) = Wed 9 Dec.
DEMO_RIO_ABAJO_NOVEMBER = [
    ("confirm_receipt", "email", "carmen", "2026-11-16", "2026-11-25"),
    ("check_in", "email", "carmen", "2026-11-25", "2026-12-01"),
    ("move_on", None, None, "2026-12-09", "2026-12-11"),
]
DEMO_NUDGES = [  # two final interviews (Mesa Grid, Turquoise Trail); nothing sent that week
    ("keep_searching", None),
    ("weekly_goal", "You sent no application in the last 7 days; aim for 5."),
]


@pytest.mark.parametrize(
    ("argv", "rio_abajo"),
    [
        (
            ["plan", str(ROOT / "examples" / "demo.json"), "--as-of", "2026-03-11"],
            DEMO_RIO_ABAJO_MARCH,
        ),
        (["demo", "--as-of", "2026-11-18"], DEMO_RIO_ABAJO_NOVEMBER),
    ],
    ids=["the demo file", "the demo moved to November"],
)
def test_the_demo_plan_is_the_known_one(
    argv: list[str], rio_abajo: list[tuple[Any, ...]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--format", "json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    steps = brief(printed)
    assert steps["rio-abajo-water-data"] == rio_abajo
    assert steps["zia-solar-coordinator"] == []  # closed (moved on)
    assert steps["caprock-renewables-energy"] == []  # saved, not applied yet
    assert nudges(printed) == DEMO_NUDGES
    agenda = [(s["application"], s["action"]) for s in printed["agenda"]]
    assert ("rio-abajo-water-data", "confirm_receipt") in agenda
    assert ("rio-abajo-water-data", "check_in") not in agenda
    assert [s["due"] for s in printed["agenda"]] == sorted(s["due"] for s in printed["agenda"])


def test_plan_text_shows_the_agenda_and_the_companies(
    journal_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", str(journal_file), "--as-of", AS_OF]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "Agenda" in out
    assert "Tuesday 10 March 2026" in out
    assert "Acme Corp" in out and "Beta Analytics" in out


def test_plan_text_says_when_nothing_is_due(
    journal_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before the interview's follow-ups (and the day before Beta's application) nothing is due.
    assert main(["plan", str(journal_file), "--as-of", "2026-02-24"]) == 0
    out, _ = capsys.readouterr()
    assert "Nothing is due today." in out
    assert "Acme Corp" in out


def test_an_invalid_journal_lists_every_error_on_stderr(
    broken_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", str(broken_file), "--as-of", AS_OF, "--format", "json"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) >= 3, err
    assert all(line.startswith("error: ") for line in lines), err
    assert any("employer_kind" in line and "megacorp" in line for line in lines)
    assert any("events[0].type" in line and "lunch" in line for line in lines)
    assert any("events[1].at" in line and "2026-02-30" in line for line in lines)
    assert all(str(broken_file) in line for line in lines)  # every error says which file


def test_a_file_that_is_not_json_is_an_error_with_its_position(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "journal.json"
    path.write_text('{"format": "followup/1",\n "applications": [}\n', encoding="utf-8")
    assert main(["plan", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("error: ") and "line 2" in err


def test_a_missing_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.json"
    assert main(["plan", str(missing), "--as-of", AS_OF]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("error: ")
    assert str(missing) in err and "No such file" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2026-13-01", "is not a date or time we can read"),
        ("someday", "is not a date or time we can read"),
        ("10/03/2026", "is ambiguous (day or month first?)"),
        # Holiday calendars and plans stop at the journal's years.
        ("9999-12-31", "is not between 1970 and 2199"),
        ("0001-01-01", "is not between 1970 and 2199"),
        ("2200-01-01", "is not between 1970 and 2199"),
    ],
)
def test_a_bad_as_of_is_a_usage_error_naming_the_value(
    journal_file: Path, value: str, problem: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["plan", str(journal_file), "--as-of", value])
    assert exit_info.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "--as-of" in err and f"{value!r} {problem}" in err


@pytest.mark.parametrize("value", ["1970-01-01", "2199-12-31"])
def test_the_journal_years_ends_are_planned(
    journal_file: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["plan", str(journal_file), "--as-of", value, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["as_of"] == value


def test_demo_plans_the_bundled_journal_as_of_today(capsys: pytest.CaptureFixture[str]) -> None:
    before = date.today()
    assert main(["demo", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    printed = json.loads(out)
    assert printed["format"] == "followup-plan/1"
    assert printed["as_of"] in (before.isoformat(), date.today().isoformat())  # midnight may pass
    assert printed["applications"]
    assert printed["agenda"], "the demo is moved in time so that something is due"


# As a real program --------------------------------------------------------------------


def test_the_console_script_prints_the_hand_worked_plan(journal_file: Path) -> None:
    done = run("plan", str(journal_file), "--as-of", AS_OF, "--format", "json")
    assert (done.returncode, done.stderr) == (0, "")
    assert_journal_file_plan(json.loads(done.stdout))


def test_the_console_script_plans_as_of_today_by_default(journal_file: Path) -> None:
    before = date.today()
    done = run("plan", str(journal_file), "--format", "json")
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert printed["as_of"] in (before.isoformat(), date.today().isoformat())  # midnight may pass
    assert printed == expected_plan(journal_file, printed["as_of"])


def test_the_console_script_reports_an_invalid_journal(broken_file: Path) -> None:
    done = run("plan", str(broken_file), "--format", "json")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() and all(
        line.startswith("error: ") for line in done.stderr.splitlines()
    )
    assert "Traceback" not in done.stderr


def test_the_console_script_rejects_a_bad_as_of(journal_file: Path) -> None:
    done = run("plan", str(journal_file), "--as-of", "2026-02-30")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "'2026-02-30'" in done.stderr


def test_the_console_script_runs_the_demo(tmp_path: Path) -> None:
    before = date.today()
    done = subprocess.run(
        [console_script(), "demo", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    printed = json.loads(done.stdout)
    assert printed["format"] == "followup-plan/1"
    assert printed["as_of"] in (before.isoformat(), date.today().isoformat())

"""A CLI people already know how to use: addressing steps, spoken dates, list/show/undo,
help and suggestions, offers, NO_COLOR and narrow terminals.

Today is frozen at Wednesday 18 November 2026, the demo's story moved to that week."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from followup.cli import main
from followup.tracker import services
from followup.tracker.models import Application, Event

from .cli_support import import_demo, run

AS_OF = date(2026, 11, 18)
MESA = "mesa-grid-analyst"  # pending: a thank-you note to tomas, a check-in with kim
OFFER = "turquoise-trail-analyst"  # the demo's offer
ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setattr(services, "today_for", lambda user, now=None: AS_OF)
    return AS_OF


@pytest.fixture
def me(tmp_path: Path) -> User:
    return import_demo(tmp_path, AS_OF)


def last_event(slug: str) -> Event:
    found = Event.objects.filter(application__slug=slug).order_by("-pk").first()
    assert found is not None
    return found


# Steps you can address ----------------------------------------------------------------


def test_today_names_each_steps_action_and_person(
    me: User, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "today")
    assert f"[{MESA}] send_thank_you to tomas" in out
    assert "[rio-grande-print-ops] call to gloria" in out


def test_done_to_someone_else_refuses_and_lists_the_pending_steps(
    me: User, capsys: pytest.CaptureFixture[str]
) -> None:
    before = Event.objects.count()
    code, _, err = run(capsys, "done", MESA, "--to", "renata")  # her steps are only projected
    assert code == 2
    pending = "its pending steps: send_thank_you to tomas; check_in to kim"
    assert f"error: {MESA} has no pending step to renata; {pending}" in err
    code, _, err = run(capsys, "done", MESA, "--action", "call")
    assert f'no pending step "call"; {pending}' in err
    assert Event.objects.count() == before


@pytest.mark.parametrize("action", ["thank_you", "thank-you", "Send_Thank_You", "thanks"])
def test_done_takes_short_names_and_honours_to(
    me: User, capsys: pytest.CaptureFixture[str], action: str
) -> None:
    code, _, _ = run(
        capsys, "done", MESA, "--action", action, "--to", "tomas", "--at", "today 08:00"
    )
    assert code == 0
    event = last_event(MESA)
    assert (event.type, event.at) == ("sent", "2026-11-18T08:00")
    assert (event.data["to"], event.data["purpose"]) == ("tomas", "thank_you")


def test_a_call_without_outcome_says_so_in_words(
    me: User, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "done", "rio-grande-print-ops")
    assert code == 2
    assert err == (
        "error: The call's outcome is needed: how did the call go? "
        "spoke, voicemail, no_answer or assistant\n"
    )


OF_MESA = f"of this application (`followup show {MESA}` lists them; `contact-add` adds one)"


@pytest.mark.parametrize(
    ("said", "meant"),
    [("Renata Okafor", "renata"), ("renata okafor", "renata"), ("REN", "renata"), ("Kim", "kim")],
)
def test_a_contact_is_found_by_name_first_name_or_the_start_of_its_id(
    me: User, capsys: pytest.CaptureFixture[str], said: str, meant: str
) -> None:
    code, _, err = run(capsys, "log", MESA, "sent", "--to", said, "--at", "today")
    assert (code, err) == (0, "")
    assert last_event(MESA).data["to"] == meant
    code, _, err = run(capsys, "log", MESA, "interview", "--with", f"tomas,{said}", "--at", "today")
    assert (code, err) == (0, "")
    assert last_event(MESA).data["with"] == ["tomas", meant]


def test_a_name_two_contacts_share_is_refused_naming_both(
    me: User, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "contact-add", MESA, "Kimberly Ash")[0] == 0
    before = Event.objects.count()
    code, _, err = run(capsys, "log", MESA, "sent", "--to", "kim", "--at", "today")
    assert code == 0  # "kim" is an id: exactly that contact
    code, _, err = run(capsys, "done", MESA, "--to", "Ki")
    assert code == 2
    assert err == f"error: {MESA}: --to: 'Ki' could be kim or kimberly-ash\n"
    assert Event.objects.count() == before + 1


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["sent", "--to", "nobody"], f"--to: 'nobody' is not a contact {OF_MESA}"),
        (["called", "--to", "kim"], "--outcome is required for a 'called' event"),
        (["interview", "--with", "kim,zed"], f"--with: 'zed' is not a contact {OF_MESA}"),
    ],
)
def test_event_problems_name_the_flag_not_the_field_path(
    me: User, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    before = Event.objects.count()
    code, _, err = run(capsys, "log", MESA, *argv, "--at", "today")
    assert code == 2
    assert err == f"error: {MESA}: {said}\n"
    assert Event.objects.count() == before


# Dates as people say them -------------------------------------------------------------


def test_add_applied_yesterday(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "add", "Rocketly", "--applied", "yesterday")[0] == 0
    assert last_event("rocketly").at == "2026-11-17"


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["add", "Futura", "--applied", "tomorrow"], "--applied tomorrow is Thu 19 Nov"),
        (["log", MESA, "sent", "--to", "kim", "--at", "next fri"], "--at next fri is Fri 20 Nov"),
        (["log", MESA, "heard", "--kind", "reply", "--at", "+2d"], "--at +2d is Fri 20 Nov"),
        (["done", MESA, "--at", "2026-11-19 09:00"], "--at 2026-11-19 09:00 is Thu 19 Nov"),
    ],
)
def test_what_must_have_happened_cannot_be_in_the_future(
    me: User, capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    before = (Application.objects.count(), Event.objects.count())
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert f"error: {said}, after today (Wed 18 Nov): record it once it has happened" in err
    assert out == ""
    assert (Application.objects.count(), Event.objects.count()) == before


def test_spoken_dates_in_log(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    # "We'll call you Friday": the coming Friday.
    assert (
        run(
            capsys,
            "log",
            MESA,
            "heard",
            "--from",
            "kim",
            "--kind",
            "new_date",
            "--by",
            "fri",
            "--at",
            "yesterday 15:00",
        )[0]
        == 0
    )
    event = last_event(MESA)
    assert (event.at, event.data["by"]) == ("2026-11-17T15:00", "2026-11-20")
    # An interview may be booked ahead.
    assert run(capsys, "log", MESA, "interview", "--at", "tomorrow 10:00", "--with", "kim")[0] == 0
    assert last_event(MESA).at == "2026-11-19T10:00"


def test_an_unreadable_date_names_the_flag(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "log", MESA, "sent", "--to", "kim", "--at", "someday")
    assert code == 2
    assert err.startswith("error: --at someday: 'someday' is not a date or time we can read")


# list, show, undo ------------------------------------------------------------------------


def test_list_and_show_in_json_carry_their_format(
    me: User, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = json.loads(run(capsys, "list", "--format", "json")[1])
    assert listed["format"] == "followup-list/1"
    assert len(listed["applications"]) == 12
    row = next(a for a in listed["applications"] if a["id"] == MESA)
    assert (row["stage"], row["next_action"]) == ("interviewing", "send_thank_you")
    offers = json.loads(run(capsys, "list", "--stage", "offer", "--format", "json")[1])
    assert [a["id"] for a in offers["applications"]] == [OFFER]
    shown = json.loads(run(capsys, "show", MESA, "--format", "json")[1])
    assert shown["format"] == "followup-application/1"
    assert shown["id"] == MESA
    assert (shown["next_step"]["action"], shown["next_step"]["to"]) == ("send_thank_you", "tomas")


def test_show_numbers_the_events_and_undo_takes_one_back(
    me: User, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = run(capsys, "show", MESA)
    assert "Mesa Grid Energy — Senior Data Analyst" in out
    assert re.search(r"^  1\. applied on [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}", out, re.MULTILINE)
    count = Event.objects.filter(application__slug=MESA).count()
    first = Event.objects.filter(application__slug=MESA).first()
    assert first is not None
    code, out, _ = run(capsys, "undo", MESA, "--event", "1")
    assert code == 0
    day = date.fromisoformat(first.at[:10])
    assert out.startswith(f"Removed from {MESA}: applied on {day:%a} {day.day} {day:%b}")
    assert not Event.objects.filter(pk=first.pk).exists()
    assert Event.objects.filter(application__slug=MESA).count() == count - 1
    code, _, err = run(capsys, "undo", MESA, "--event", "99")
    assert code == 2
    assert f"{MESA} has events 1 to {count - 1}; there is no event 99." in err


def test_undo_takes_back_the_last_thing_recorded(
    me: User, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "done", MESA, "--at", "today 08:00")[0] == 0
    done = last_event(MESA)
    before = Event.objects.count()
    code, out, _ = run(capsys, "undo", "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "application": MESA,
        "removed": {"type": "sent", "at": "2026-11-18T08:00", **done.data},
    }
    assert Event.objects.count() == before - 1


def test_undo_right_after_add_takes_the_application_back_to_the_trash(
    me: User, capsys: pytest.CaptureFixture[str]
) -> None:
    from followup.tracker.models import DeletedApplication

    argv = ("add", "Nimbus Labs", "--role", "Data Analyst", "--applied", "yesterday")
    assert run(capsys, *argv)[0] == 0
    events = Event.objects.count()
    code, out, _ = run(capsys, "undo")
    assert code == 0
    kept = DeletedApplication.objects.get(slug="nimbus-labs")
    assert out == (
        "Took back adding Nimbus Labs (nimbus-labs): it is in the trash.\n"
        f"To bring it back within 30 days: followup restore {kept.pk}\n"
    )
    assert not Application.objects.filter(slug="nimbus-labs").exists()
    assert Event.objects.count() == events - 1  # its applied event went with it
    assert kept.journal["events"] == [{"type": "applied", "at": "2026-11-17"}]
    assert run(capsys, "restore", str(kept.pk))[0] == 0
    back = Application.objects.get(slug="nimbus-labs")
    assert (back.role, back.stage) == ("Data Analyst", "applied")


def test_undo_after_add_and_a_later_change_takes_back_the_change(
    me: User, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "add", "Nimbus Labs", "--applied", "yesterday")[0] == 0
    assert run(capsys, "log", "nimbus-labs", "heard", "--kind", "update", "--at", "today")[0] == 0
    code, out, _ = run(capsys, "undo", "--format", "json")
    assert json.loads(out)["removed"]["type"] == "heard"
    assert Application.objects.filter(slug="nimbus-labs").exists()
    # A change to another application is the last change too.
    assert run(capsys, "add", "Cirrus Works")[0] == 0
    assert run(capsys, "done", MESA, "--at", "today 08:00")[0] == 0
    code, out, _ = run(capsys, "undo", "--format", "json")
    assert json.loads(out)["application"] == MESA
    assert Application.objects.filter(slug="cirrus-works").exists()
    code, out, _ = run(capsys, "undo", "cirrus-works")  # named: its last event (none)
    assert code != 0
    assert Application.objects.filter(slug="cirrus-works").exists()


# Help, suggestions, usage, version, completion ---------------------------------------------


def test_unknown_command_suggests_the_near_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "tody")
    assert code == 2
    assert (
        err
        == "error: 'tody' is not a followup command. Did you mean today? (see followup --help)\n"
    )


def test_unknown_application_suggests_the_near_one(
    me: User, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "show", "mesa-grid-analys")
    assert code == 2
    assert err == "error: mesa-grid-analys: no such application. Did you mean mesa-grid-analyst?\n"


def test_help_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "help", "done")
    assert code == 0
    assert out.startswith("usage: followup done ")
    assert "Example:" in out
    code, _, err = run(capsys, "help", "tody")
    assert code == 2
    assert "Did you mean today?" in err


def test_an_unknown_flag_shows_the_commands_own_usage(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["done", "acme", "--outcomes", "spoke"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: followup done ")
    assert "unrecognized arguments: --outcomes spoke. Did you mean --outcome" in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert re.fullmatch(r"followup \d+\.\d+\.\d+\n", capsys.readouterr().out)


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_script_knows_the_commands(
    capsys: pytest.CaptureFixture[str], shell: str
) -> None:
    code, out, _ = run(capsys, "completion", shell)
    assert code == 0
    for word in ("today", "done", "--action", "undo"):
        assert word in out


# The end of a search ---------------------------------------------------------------------


def test_accept_an_offer(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "accept", OFFER, "--at", "today 09:00")
    assert code == 0
    assert f"Recorded for {OFFER}: closed on Wed 18 Nov at 09:00 (reason accepted)" in out
    assert Application.objects.get(slug=OFFER).stage == "closed"
    # §7.1: every other open application with an interview or a contact is owed a note.
    assert "Tell the others kindly (Desert Bloom Community Health, Front Range Ledger," in out


def test_decline_needs_an_offer(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    before = Event.objects.count()
    code, _, err = run(capsys, "decline", MESA)
    assert code == 2
    assert f"{MESA} has no offer to decline: it is at the interviewing stage." in err
    assert run(capsys, "decline", OFFER, "--format", "json")[0] == 0
    assert last_event(OFFER).data == {"reason": "withdrawn"}
    assert Event.objects.count() == before + 1


# Terminals: NO_COLOR, 40 and 80 columns ------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [["today"], ["list"], ["plan", str(ROOT / "examples" / "demo.json"), "--as-of", "2026-03-11"]],
)
def test_no_color_means_no_styles_at_all(
    me: User, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # as on a terminal
    styled = run(capsys, *argv)[1]
    assert "\x1b[1m" in styled or "\x1b[1;" in styled  # bold, without NO_COLOR
    monkeypatch.setenv("NO_COLOR", "1")
    plain = run(capsys, *argv)[1]
    assert "\x1b[" not in plain


@pytest.mark.parametrize("width", [40, 80])
@pytest.mark.parametrize(
    "argv",
    [
        ["today"],
        ["list"],
        ["show", MESA],
        ["plan", str(ROOT / "examples" / "demo.json"), "--as-of", "2026-03-11"],
    ],
)
def test_narrow_terminals_keep_lines_and_ids_whole(
    me: User,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    width: int,
    argv: list[str],
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    out = run(capsys, *argv)[1]
    assert out
    assert max(len(line) for line in out.splitlines()) <= width
    ids = set(Application.objects.values_list("slug", flat=True)) | {
        a["id"] for a in json.loads((ROOT / "examples" / "demo.json").read_text())["applications"]
    }
    shown = re.findall(r"\[([a-z0-9-]+)\]|^([a-z0-9-]+)  ", out, re.MULTILINE)
    assert shown
    assert {a or b for a, b in shown} <= ids  # every id printed is whole
    if argv[0] == "plan":  # and every application with a step shows its id
        planned = json.loads(run(capsys, *argv, "--format", "json")[1])["applications"]
        for app in planned:
            assert not app["steps"] or f"[{app['id']}]" in out


# A week, from the first application to an accepted offer ----------------------------------


def test_a_week_from_applying_to_accepting(capsys: pytest.CaptureFixture[str]) -> None:
    """Monday to Wednesday 18 November, with the words a person would type."""
    for argv in (
        ["add", "Rocketly", "--role", "Analyst", "--applied", "mon"],
        ["add", "Bolt", "--applied", "mon"],
        ["log", "rocketly", "interview", "--at", "yesterday 10:00", "--kind", "video"],
        ["log", "rocketly", "sent", "--purpose", "thank_you", "--at", "tue 16:00"],
        ["log", "rocketly", "heard", "--kind", "offer", "--deadline", "fri", "--at", "today 09:00"],
        ["accept", "rocketly", "--at", "today 11:00"],
    ):
        code, out, err = run(capsys, *argv)
        assert (code, err) == (0, ""), argv
    # Bolt: no interview, no contact (§7.1: nobody to tell).
    assert "No other employer has met you or has a contact: nobody to tell." in out
    events = [
        (e.type, e.at, e.data)
        for e in Event.objects.filter(application__slug="rocketly").order_by("pk")
    ]
    assert events == [
        ("applied", "2026-11-16", {}),
        ("interview", "2026-11-17T10:00", {"kind": "video"}),
        ("sent", "2026-11-17T16:00", {"purpose": "thank_you"}),
        ("heard", "2026-11-18T09:00", {"kind": "offer", "deadline": "2026-11-20"}),
        ("closed", "2026-11-18T11:00", {"reason": "accepted"}),
    ]
    listed = json.loads(run(capsys, "list", "--format", "json")[1])["applications"]
    assert {a["id"]: a["stage"] for a in listed} == {"rocketly": "closed", "bolt": "applied"}


def test_import_csv_speaks_json_too(capsys: pytest.CaptureFixture[str]) -> None:
    csv = ROOT / "tests" / "fixtures" / "imports" / "huntr.csv"
    code, out, _ = run(capsys, "import-csv", str(csv), "--dry-run", "--format", "json")
    assert code == 0
    preview = json.loads(out)
    assert (preview["format"], preview["dry_run"], preview["imported"]) == (
        "followup-csv-import/1",
        True,
        0,
    )
    assert preview["columns"]["company"] == "Company"
    assert preview["applications"][0]["row"] == 2
    assert not Application.objects.exists()
    code, out, _ = run(capsys, "import-csv", str(csv), "--format", "json")
    assert (
        json.loads(out)["imported"] == Application.objects.count() == len(preview["applications"])
    )


def test_a_flag_means_one_thing_in_every_command() -> None:
    """`--role` is the job title wherever it appears; a contact's part is
    `--contact-role`; the employer's kind is `--employer-kind`; `--kind` is the kind of
    what happened (an interview's, the news'), only in `log`."""
    import followup.cli.corrections  # registers edit and the contact commands
    import followup.cli.record  # noqa: F401
    from followup.cli import build_parser

    _, commands = build_parser()
    having: dict[str, set[str]] = {}
    for name, sub in commands.items():
        for action in sub._actions:
            for flag in action.option_strings:
                having.setdefault(flag, set()).add(name)
    assert having["--role"] == {"add", "edit"}
    assert having["--contact-role"] == {"contact-add", "contact-edit"}
    assert having["--employer-kind"] == {"add", "edit"}
    assert having["--kind"] == {"log"}


def test_a_flag_from_another_command_is_pointed_to_its_name_here(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["add", "Acme", "--kind", "startup"])
    assert "Did you mean --employer-kind?" in capsys.readouterr().err

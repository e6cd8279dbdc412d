"""`followup edit`, `remove`, `restore`, `reopen` and the contact commands."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User

from followup.tracker import corrections, services

from .cli_support import import_demo, run

AS_OF = date(2026, 11, 18)
ZIA = "zia-solar-coordinator"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> date:
    monkeypatch.setattr(services, "today_for", lambda user, now=None: AS_OF)
    return AS_OF


@pytest.fixture
def me(tmp_path: Path) -> User:
    return import_demo(tmp_path, AS_OF)


def journal(user: User, slug: str = ZIA) -> dict[str, Any]:
    return corrections.journal_of(user, services.get_application(user, slug))


def test_edit_changes_only_what_is_given(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    before = journal(me)
    code, out, _ = run(
        capsys,
        "edit",
        ZIA,
        "--role",
        "Program Lead",
        "--salary-min",
        "52,000",
        "--salary-currency",
        "usd",
    )
    assert (code, out) == (0, f"Saved {ZIA}: role, salary.\n")
    after = journal(me)
    assert after["role"] == "Program Lead"
    assert after["salary"] == {"min": 52000, "currency": "USD"}  # the period defaults to year
    assert {k: v for k, v in after.items() if k not in ("role", "salary")} == {
        k: v for k, v in before.items() if k != "role"
    }
    code, out, _ = run(capsys, "edit", ZIA, "--notes", "", "--no-salary")
    assert code == 0 and "notes" not in journal(me) and "salary" not in journal(me)


def test_edit_bad_input_changes_nothing(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    before = journal(me)
    for argv, message in (
        (("--employer-kind", "megacorp"), "employer_kind: 'megacorp' is not one of"),
        (("--salary-min", "9", "--salary-max", "5"), "salary.max: 5 is less than min 9"),
        (("--timezone", "Mars/Base"), "timezone: 'Mars/Base' is not a time zone name"),
        ((), "nothing to change"),
    ):
        code, _, err = run(capsys, "edit", ZIA, *argv)
        assert code == 2 and message in err, err
    assert run(capsys, "edit", "nope", "--role", "x")[0] == 2
    assert journal(me) == before


def test_remove_then_restore(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    before = journal(me)
    code, out, _ = run(capsys, "remove", ZIA)
    number = out.rsplit(" ", 1)[-1].strip()
    assert code == 0 and out.startswith(f"Deleted {ZIA}. To bring it back within 30 days")
    assert not services.applications_of(me).filter(slug=ZIA).exists()
    code, out, _ = run(capsys, "restore", number)
    assert (code, out) == (0, f"Zia Community Solar is back: {ZIA}.\n")
    assert journal(me) == before
    code, _, err = run(capsys, "restore", number)
    assert code == 2 and "nothing to undo" in err


def test_reopen(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "log", ZIA, "closed", "--at", "2026-11-17", "--reason", "withdrawn")[0] == 0
    code, out, _ = run(capsys, "reopen", ZIA)
    assert code == 0 and out.startswith(f"Reopened {ZIA}")
    code, _, err = run(capsys, "reopen", ZIA)
    assert code == 2 and "is not closed" in err


def test_contact_add_edit_remove(me: User, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "contact-add",
        ZIA,
        "Lee Park",
        "--contact-role",
        "recruiter",
        "--email",
        "lee@z.example",
    )
    assert (code, out) == (0, f"Added Lee Park to {ZIA}: their contact id is lee-park.\n")
    code, out, _ = run(
        capsys, "contact-edit", ZIA, "lee-park", "--phone", "505-555-0101", "--email", ""
    )
    assert (code, out) == (0, "Saved lee-park: email, phone.\n")
    assert journal(me)["contacts"][-1] == {
        "id": "lee-park",
        "name": "Lee Park",
        "role": "recruiter",
        "phone": "505-555-0101",
    }
    code, _, err = run(capsys, "contact-edit", ZIA, "lee-park", "--contact-role", "boss")
    assert code == 2 and "role" in err
    # --role is the job title everywhere: a contact's is --contact-role, and it says so.
    with pytest.raises(SystemExit) as refused:
        run(capsys, "contact-edit", ZIA, "lee-park", "--role", "hr")
    assert refused.value.code == 2
    assert "Did you mean --contact-role?" in capsys.readouterr().err
    code, out, _ = run(capsys, "contact-remove", ZIA, "helen")
    assert code == 0 and out.startswith(f"Removed helen from {ZIA}.") and "keep their name" in out
    assert [c["id"] for c in journal(me)["contacts"]] == ["lee-park"]
    assert run(capsys, "contact-remove", ZIA, "helen")[0] == 2
    before = journal(me)["contacts"]
    assert run(capsys, "contact-add", ZIA, "--contact-role", "hr")[0] == 2  # no name
    code, _, err = run(capsys, "contact-add", ZIA, "Kim Ode", "--name", "Kim Odell")
    assert code == 2 and "give their name once" in err
    assert journal(me)["contacts"] == before

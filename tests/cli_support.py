"""What the command-line tests share: the demo journal imported through the CLI, and a
run of a command that returns its exit code and what it printed."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import User

from followup.accounts.services import local_user
from followup.cli import main
from followup.planner.demo import demo_data


def import_demo(folder: Path, as_of: date) -> User:
    """The local user, with the demo journal (moved next to `as_of`) imported by the CLI."""
    path = folder / "demo.json"
    path.write_text(json.dumps(demo_data(as_of)), encoding="utf-8")
    assert main(["import", str(path)]) == 0
    return local_user()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err

"""The no-skip rule of CI (tests/require_all.py), run in a pytest of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.require_all import executable_problem

ROOT = Path(__file__).resolve().parents[1]
PYTEST = [sys.executable, "-m", "pytest", "-p", "tests.require_all", "-p", "no:cacheprovider"]

SKIPPED_MODULE = """
import pytest
pytest.skip("the widget library is missing", allow_module_level=True)

def test_never_reached():
    pass
"""
SKIPPED_TEST = """
import pytest

def test_skipped_while_running():
    pytest.skip("the widget server is down")
"""


def run_pytest(folder: Path, require_all: bool) -> subprocess.CompletedProcess[str]:
    """pytest with only the no-skip plugin, on `folder` (outside this project's settings),
    beside a test that passes (so a run with nothing to fail exits 0, not "no tests")."""
    (folder / "test_fine.py").write_text("def test_fine():\n    pass\n")
    env = {**os.environ, "FOLLOWUP_REQUIRE_ALL": "1" if require_all else "0"}
    return subprocess.run(
        [*PYTEST, "--rootdir", str(folder), str(folder)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("source", "failure"),
    [(SKIPPED_MODULE, "1 error"), (SKIPPED_TEST, "1 failed")],
    ids=["at collection", "while running"],
)
def test_a_skip_fails_the_run_when_everything_is_required(
    tmp_path: Path, source: str, failure: str
) -> None:
    (tmp_path / "test_widget.py").write_text(source)
    result = run_pytest(tmp_path, require_all=True)
    assert result.returncode != 0, result.stdout
    assert failure in result.stdout, result.stdout
    assert "FOLLOWUP_REQUIRE_ALL=1 forbids skips: " in result.stdout, result.stdout
    assert "the widget" in result.stdout, result.stdout


@pytest.mark.parametrize("source", [SKIPPED_MODULE, SKIPPED_TEST])
def test_a_skip_is_a_skip_otherwise(tmp_path: Path, source: str) -> None:
    (tmp_path / "test_widget.py").write_text(source)
    result = run_pytest(tmp_path, require_all=False)
    assert result.returncode == 0, result.stdout
    assert "1 skipped" in result.stdout, result.stdout


def test_an_executable_file_is_accepted(tmp_path: Path) -> None:
    program = tmp_path / "chromium"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    assert executable_problem(program, "install it") is None


def test_a_file_without_the_execute_bit_is_refused(tmp_path: Path) -> None:
    program = tmp_path / "chromium"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o644)
    problem = executable_problem(program, "install it")
    assert problem == f"{program} is not an executable file (install it)"


def test_a_directory_is_refused(tmp_path: Path) -> None:
    # A directory has the execute bit too, yet nobody can launch it.
    assert executable_problem(tmp_path, "install it") == (
        f"{tmp_path} is not an executable file (install it)"
    )


def test_a_missing_program_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "chromium"
    assert executable_problem(missing, "install it") == f"{missing} not found (install it)"

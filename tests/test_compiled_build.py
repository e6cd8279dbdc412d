"""The planner's tests run twice in CI: on the pure-Python modules, the reference, and
on the mypyc build (`make test-mypyc`: PYTHONPATH=build/mypyc, FOLLOWUP_COMPILED=1).
This checks that each run tests the build it says it does, with the modules the
Makefile compiles. (Outside tests/planner: mutation testing runs those in a copy of the
package that has no Makefile.)"""

from __future__ import annotations

import importlib
import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def compiled_modules() -> list[str]:
    found = re.search(r"^MYPYC_MODULES := (.+)$", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert found, "the Makefile lists the modules mypyc compiles"
    return found.group(1).split()


def test_each_run_tests_the_build_it_says() -> None:
    compiled = os.environ.get("FOLLOWUP_COMPILED") == "1"
    names = compiled_modules()
    assert {"state", "rules"} <= set(names)
    for name in names:
        path = str(importlib.import_module(f"followup.planner.{name}").__file__)
        assert path.endswith(".py") is not compiled, path

"""The benchmarks' synthetic job searches (`bench/synthetic.py`), for tests.

`bench/` is not a package (its scripts run as files), so the module is loaded from
its path; mutmut copies `bench/` next to the tests (`also_copy`), so this works there too.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parents[1] / "bench" / "synthetic.py"


def synthetic_journal(count: int, as_of: date, seed: int) -> dict[str, Any]:
    """`count` applications with their events in the 60 days before `as_of`."""
    spec = importlib.util.spec_from_file_location("synthetic", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    journal: dict[str, Any] = module.synthetic_journal(count, as_of, seed)
    return journal

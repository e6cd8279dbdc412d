"""Holiday tables kept on disk between runs, so that a one-shot command never imports
the `holidays` package's country modules (asking it for one country's holidays
imports all ~250 of them: ~100 ms, more than planning 5,000 applications).

One JSON file per (holidays version, country, subdivision) in the folder the caller
chose (`use_folder`; the command line passes the platformdirs cache folder, tests a
temporary one; None, the default, keeps nothing on disk). It holds the language the
names are in and, per range of years loaded, each public holiday's ordinal and name.
A file that is missing, unreadable or of another shape is computed again; one that
can't be written is no error: it is a cache, the package stays the reference.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

_folder: Path | None = None
# Codes as the package spells them ("US", "CA", "ENG"): nothing else names a file.
_CODE = re.compile(r"[A-Za-z0-9-]{1,12}")


def use_folder(folder: Path | None) -> None:
    """Keep holiday tables in `folder` from now on (None: keep none on disk)."""
    global _folder
    _folder = folder


@cache
def holidays_version() -> str | None:
    """The installed `holidays` version, read from its distribution folder's name
    without importing the package or importlib.metadata (~50 ms between them)."""
    spec = find_spec("holidays")
    if spec is None or spec.origin is None:
        return None
    found = list(Path(spec.origin).parent.parent.glob("holidays-*.dist-info"))
    if len(found) != 1:  # an unusual install: no disk cache rather than a wrong one
        return None
    return found[0].name.removeprefix("holidays-").removesuffix(".dist-info")


def _path(country: str, subdivision: str | None) -> Path | None:
    version = holidays_version()
    if _folder is None or version is None or not _CODE.fullmatch(country):
        return None
    if subdivision is not None and not _CODE.fullmatch(subdivision):
        return None
    return _folder / f"holidays-{version}" / f"{country}-{subdivision or '_'}.json"


def read(country: str, subdivision: str | None) -> dict[str, Any] | None:
    """The stored entry {"language": ..., "ranges": {"2026-2026": [[ordinal, name]]}}."""
    path = _path(country, subdivision)
    if path is None:
        return None
    try:
        entry = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(entry, dict) or not isinstance(entry.get("ranges"), dict):
        return None
    language = entry.get("language")
    return entry if language is None or isinstance(language, str) else None


def write(country: str, subdivision: str | None, entry: dict[str, Any]) -> None:
    """Store the entry whole (a temporary file renamed over the old one)."""
    path = _path(country, subdivision)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(entry, file, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        pass  # a read-only or full disk: the tables are computed again next time


def holidays_in(entry: dict[str, Any], first: int, last: int) -> dict[int, str] | None:
    """The stored holidays of years [first, last] (ordinal -> name), if stored."""
    pairs = entry["ranges"].get(f"{first}-{last}")
    if not isinstance(pairs, list):
        return None
    try:
        return {int(o): str(name) for o, name in pairs}
    except (TypeError, ValueError):
        return None

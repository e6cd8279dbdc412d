"""Logging to standard error, resolved when each record is written."""

from __future__ import annotations

import logging
import sys
from typing import TextIO


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever `sys.stderr` is at the time of the record.

    A plain StreamHandler keeps the stream it was created with; the CLI's tests (and
    anything else that swaps `sys.stderr`) would leave it writing to a closed file.
    """

    @property  # type: ignore[override]
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass  # always the current sys.stderr

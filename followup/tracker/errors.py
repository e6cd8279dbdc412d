"""The errors of the tracker's domain operations (re-exported by `services`).

Their own module so that `services` and the modules it is split into can all
raise them without importing one another.
"""

from __future__ import annotations


class ServiceError(Exception):
    """A request we can't carry out; `problems` say what and where."""

    status = 400

    def __init__(self, *problems: str) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class NotFound(ServiceError):
    status = 404


class Conflict(ServiceError):
    status = 409

"""`python -m followup`: the same as the `followup` command."""

from .cli import run

run()

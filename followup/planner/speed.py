"""Keep the cyclic garbage collector out of hot loops.

Parsing and planning allocate hundreds of thousands of small acyclic objects
(events, steps, tuples). Each allocation burst triggers generational collections
that rescan every live object, a large journal included: measured, that is a third
of the planning time. Nothing we allocate here forms a cycle, so reference counting
frees it all; the collector is paused for the duration and restored after.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic GC inside the block, restoring its previous state after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

"""Keeping a loaded story out of the cyclic garbage collector's way.

A loaded story is immutable and lives as long as the process plays it, yet each full collection
of CPython's cyclic collector walks every container object in the oldest generation, the story's
included. Play makes many short-lived objects, so full collections do come: on the 1,000-scene
benchmark story one landed in every 1,000 playthroughs and cost 40-60 ms, against 12-15 ms for all
the young-generation collections together (bench/README numbers; measured with gc.callbacks).

gc.freeze() moves every object alive now into the permanent generation, which collections skip
(the technique CPython documents for pre-fork servers; Ren'Py likewise manages its own
collections). Frozen objects are still freed by reference counting; only reference cycles among
them would never be collected. So it is called once, right after the story is loaded, by commands
that play one story for the life of the process: `petrograd play`, `replay`, `session`, and the
benchmarks, which measure what those commands do.
"""
from __future__ import annotations

import gc


def settle_after_load() -> None:
    """Call once the story (and whatever else lives as long as the process) is loaded."""
    gc.freeze()


__all__ = ["settle_after_load"]

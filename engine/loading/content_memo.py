"""What one story file's content added to a load, kept so that the next load of an unchanged file
adds it again without reading it: `play --watch` rebuilds only the scene and codex files that changed.

The builder reads a file's content (StoryBuilder.content: its codex entries and scenes) into the
story being built and into the lists of references that the whole-story checks go through once
every file is read (StoryBuilder.FILE_RESULTS). A file's content depends on its own tree and on what
other files declared: the variables (conditions and effects are compiled against them), the
sources (a note naming a source must cite it), the ids already taken (a second scene or codex entry
with an id is PG300) and which knock-on codes a broken file has muted. So what a file added is used
again only when all of these are as they were:

  * its tree is the very one read last time (the parse memo gives an unchanged file's tree again);
  * the story's variables and sources are equal to those it was read against;
  * the muted codes are the same;
  * it reported no duplicate id (PG300 depends on which file came first), and none of its ids has
    been taken by a file before it since.

A file with a map: or timeline: (read against the manifest's map, and keeping one chronology) is
always read again. The checks across files (references, the timeline, assemblies, lint) always
run on the whole story, so a load gives exactly the diagnostics of a full one (tests/test_authoring.py
compares them on the bundled story).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# The top-level keys of a file whose content can be kept, and those that make a file be read again.
_KEPT_KEYS = ("codex", "scenes", "defaults")
_ALWAYS_READ = ("map", "timeline")


@dataclass
class _Added:
    """What one file's content added: for each of the builder's FILE_RESULTS, the new items."""

    trees: tuple            # the file's codex:, scenes: and defaults: values (compared by identity)
    context: tuple          # (variables, sources, muted codes) it was read against
    added: dict[str, Any]   # attribute name -> the items it added (list slice, dict items, or set)
    diagnostics: list


class ContentMemo:
    """Kept across the loads of one story (the watcher's): see the module's note."""

    def __init__(self):
        self._kept: dict[str, _Added] = {}
        self._declared: tuple = ()      # (builder, (variables, sources)) of the latest load
        self.reused: list[str] = []     # the files whose content the latest load took from here
        self.built: list[str] = []      # ... and those whose content it read again

    def start(self) -> None:
        self.reused, self.built = [], []

    def _context(self, builder) -> tuple:
        """(variables, sources, muted codes) as the builder has them. Every variable and source is
        declared before any content is read, so those are taken once a load, and kept as the same
        object while they stay equal (then each file's comparison is one identity test)."""
        if not self._declared or self._declared[0] is not builder:
            declared = (tuple(builder.variables.values()), tuple(builder.sources.values()))
            if self._declared and self._declared[1] == declared:
                declared = self._declared[1]
            self._declared = (builder, declared)
        return self._declared[1], frozenset(builder.sink.muted)

    def content(self, builder, display: str, data) -> None:
        """builder.content(display, data), or what it added last time if that is still what it would add."""
        trees = tuple(data.get(key) for key in _KEPT_KEYS)
        keepable = not any(data.get(key) is not None for key in _ALWAYS_READ)
        context = self._context(builder)
        kept = self._kept.get(display)
        if keepable and kept is not None and self._still_fits(kept, trees, context, builder):
            self._add(builder, kept)
            self.reused.append(display)
            return
        self._kept.pop(display, None)
        self.built.append(display)
        before = {name: len(getattr(builder, name)) for name in builder.FILE_RESULTS}
        reported = len(builder.sink.items)
        reads, builder.variable_reads = builder.variable_reads, set()
        try:
            builder.content(display, data)
        finally:
            own_reads = builder.variable_reads
            builder.variable_reads = reads | own_reads
        diagnostics = builder.sink.items[reported:]
        if not keepable or any(d.code == "PG300" for d in diagnostics):
            return
        added = {name: _since(getattr(builder, name), before[name]) for name in builder.FILE_RESULTS}
        added["variable_reads"] = own_reads
        self._kept[display] = _Added(trees, context, added, diagnostics)

    @staticmethod
    def _still_fits(kept: _Added, trees: tuple, context: tuple, builder) -> bool:
        if len(trees) != len(kept.trees) or any(a is not b for a, b in zip(trees, kept.trees)):
            return False
        if kept.context[0] is not context[0] or kept.context[1] != context[1]:
            return False
        # An id it added, taken meanwhile by a file read before it, would now be a duplicate.
        return not any(key in builder.scenes for key, _ in kept.added["scenes"]) and \
            not any(key in builder.codex for key, _ in kept.added["codex"])

    @staticmethod
    def _add(builder, kept: _Added) -> None:
        for name, items in kept.added.items():
            target = getattr(builder, name)
            if isinstance(target, set):
                target |= items
            elif isinstance(target, dict):
                target.update(items)
            else:
                target += items
        builder.sink.items += kept.diagnostics


def _since(value, size: int):
    """The items a list or dict gained past its first `size` (dicts keep insertion order)."""
    if isinstance(value, dict):
        return list(value.items())[size:]
    return value[size:]

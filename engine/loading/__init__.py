"""Story loading: safe YAML with positions, field validation, compilation and reference resolution."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

from ..checker.graph import lint_story
from ..diagnostics import DiagnosticSink
from ..errors import Diagnostic, StoryLoadError
from ..model import Story


# A load that leaves more young objects than this pays for one full collection at its end.
_COLLECT_AFTER = 100_000


@contextmanager
def collector_paused():
    """Pause CPython's cyclic garbage collector while loading, then collect once if the load was big.

    Loading allocates hundreds of thousands of small objects (a YAML node and a Text per value) that
    stay alive until the story is built, so every automatic collection during the load re-traverses
    all of them for nothing: on a 10,000-scene story that was 5 of 8.6 seconds. Reference counting
    still frees everything as usual meanwhile. What the pause leaves behind is every surviving object
    in the youngest generation: left alone, the first collections after loading would traverse the
    whole story twice (0.5 s on 10,000 scenes, in the middle of play). One full collection here
    moves the story to the oldest generation at once, where the collector leaves it alone."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
            if gc.get_count()[0] > _COLLECT_AFTER:
                gc.collect()


def load_story(path: str | Path, *, lint: bool = True, display_root: str | None = None,
               read_file=None, content_memo=None) -> tuple[Story | None, list[Diagnostic]]:
    """Load a story folder. Returns the story (None if it has errors) and every diagnostic, sorted.
    `read_file(path, display, sink)` reads one file's tree (default: yaml_source.read_yaml);
    `content_memo` (a content_memo.ContentMemo) gives unchanged files' content again."""
    from .builder import StoryBuilder     # not at import: a load from the cache needs no YAML reader
    from .yaml_source import read_yaml
    with collector_paused():
        sink = DiagnosticSink()
        root = Path(path)
        display = display_root if display_root is not None else str(path)
        builder = StoryBuilder(root, sink, display, read_file or read_yaml, content_memo)
        story = builder.build()
        if story is not None and lint and not builder.incomplete:   # a part missing: lint would mislead
            lint_story(story, sink)
        diagnostics = sink.sorted()
    return (None if sink.has_errors else story), diagnostics


def load_story_or_raise(path: str | Path) -> Story:
    story, diagnostics = load_story(path)
    if story is None:
        raise StoryLoadError(diagnostics)
    return story


from .cache import load_story_cached  # noqa: E402  (the compiled cache; imports collector_paused above)

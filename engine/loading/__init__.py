"""Story loading: safe YAML with positions, field validation, compilation and reference resolution."""
from __future__ import annotations

from pathlib import Path

from ..checker.graph import lint_story
from ..diagnostics import DiagnosticSink
from ..errors import Diagnostic, StoryLoadError
from ..model import Story
from .builder import StoryBuilder


def load_story(path: str | Path, *, lint: bool = True, display_root: str | None = None) -> tuple[Story | None, list[Diagnostic]]:
    """Load a story folder. Returns the story (None if it has errors) and every diagnostic, sorted."""
    sink = DiagnosticSink()
    root = Path(path)
    story = StoryBuilder(root, sink, display_root if display_root is not None else str(path)).build()
    if story is not None and lint:
        lint_story(story, sink)
    diagnostics = sink.sorted()
    return (None if sink.has_errors else story), diagnostics


def load_story_or_raise(path: str | Path) -> Story:
    story, diagnostics = load_story(path)
    if story is None:
        raise StoryLoadError(diagnostics)
    return story

"""An interactive-fiction engine (the `petrograd` package). The public face for front ends and tools.

    story, diagnostics = load_story("story/")
    game = Game(story)
    player = game.new_player("keeper", seed=1)
    frame = player.frame(); player.choose(frame.choices[0].index)
"""
from importlib import import_module

from .errors import Diagnostic, EngineError, PlayError, Severity, SourceSpan, StoryLoadError

__version__ = "0.1.0"

# Imported on first use, so that a command that needs no play (`petrograd check`) does not pay for
# the state machine's imports at start-up.
_LAZY = {"load_story": ".loading", "load_story_or_raise": ".loading", "Story": ".model",
         "Frame": ".runtime", "FrameChoice": ".runtime", "Game": ".runtime", "GameState": ".runtime",
         "Player": ".runtime", "StateFormatError": ".runtime"}


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "Diagnostic", "EngineError", "Frame", "FrameChoice", "Game", "GameState", "PlayError", "Player",
    "Severity", "SourceSpan", "StateFormatError", "Story", "StoryLoadError", "load_story",
    "load_story_or_raise",
]

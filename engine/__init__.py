"""Petrograd 1917: an interactive-fiction engine. The public face for front ends and tools.

    story, diagnostics = load_story("story/")
    game = Game(story)
    player = game.new_player("lenin", seed=1)
    frame = player.frame(); player.choose(frame.choices[0].index)
"""
from .errors import Diagnostic, EngineError, PlayError, Severity, SourceSpan, StoryLoadError
from .loading import load_story, load_story_or_raise
from .model import Story
from .runtime import Frame, FrameChoice, Game, GameState, Player, StateFormatError

__version__ = "0.1.0"

__all__ = [
    "Diagnostic", "EngineError", "Frame", "FrameChoice", "Game", "GameState", "PlayError", "Player",
    "Severity", "SourceSpan", "StateFormatError", "Story", "StoryLoadError", "load_story",
    "load_story_or_raise",
]

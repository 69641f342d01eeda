"""Play: one Game per loaded story (one state machine), any number of Players attached to it."""
from __future__ import annotations

from ..model import Story
from .machine import StoryMachine
from .player import Frame, FrameChoice, Player
from .state import GameState, StateFormatError


class Game:
    def __init__(self, story: Story):
        self.story = story
        self.machine = StoryMachine(story)

    def new_player(self, role: str, seed: int = 0) -> Player:
        return Player.start(self.story, self.machine, role, seed)

    def resume(self, state: GameState) -> Player:
        player = Player(self.story, self.machine, GameState(role=state.role, scene=state.scene, seed=state.seed))
        player.restore(state)
        return player


__all__ = ["Game", "GameState", "Player", "Frame", "FrameChoice", "StateFormatError"]

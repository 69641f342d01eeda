"""The story's state machine: the one module that imports `transitions`.

One Machine per story: scenes are states, each choice is a transition guarded by its compiled
condition. Triggers are shared by position ("choice_0", "choice_1", ...) so a story of any size has
only as many triggers as its widest scene has choices. Players attach as models with add_model.
"""
from __future__ import annotations

import logging

from transitions import Machine

from ..model import Story

# With model_override=True transitions skips binding helpers the model does not define, and logs a
# warning for each skipped name (one per scene); those warnings are expected, so keep them quiet.
logging.getLogger("transitions").setLevel(logging.ERROR)


def trigger_name(index: int) -> str:
    return f"choice_{index}"


class StoryMachine:
    def __init__(self, story: Story):
        self.story = story
        self._machine = Machine(
            model=None,
            states=list(story.scenes),
            initial=None,
            auto_transitions=False,   # the default adds |scenes|^2 transitions
            send_event=True,
            model_attribute="scene_id",
            model_override=True,      # don't mint an is_<scene> helper per scene on every player
            ignore_invalid_triggers=False,
        )
        for scene in story.scenes.values():
            for choice in scene.choices:
                if choice.target not in story.scenes:
                    continue
                self._machine.add_transition(
                    trigger_name(choice.index), scene.id, choice.target,
                    conditions=[_guard(scene.id, choice)],
                )

    def attach(self, player, scene_id: str) -> None:
        self._machine.add_model(player, initial=scene_id)

    def detach(self, player) -> None:
        if player in self._machine.models:
            self._machine.remove_model(player)

    def fire(self, player, index: int) -> bool:
        """Take choice `index` from the player's current scene; False if its guard refuses."""
        event = self._machine.events.get(trigger_name(index))
        if event is None:
            return False
        return event.trigger(player)

    def place(self, player, scene_id: str) -> None:
        """Put a player in a scene without a transition (loading a save, rolling back)."""
        self._machine.set_state(scene_id, model=player)


def _guard(scene_id: str, choice):
    def allowed(event) -> bool:
        return event.model.choice_available(scene_id, choice)
    return allowed

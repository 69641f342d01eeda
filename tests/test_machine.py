"""The story machine: the transitions graph is what moves players, and the lean dispatch in
StoryMachine.fire does exactly what transitions' own Event.trigger does."""
import random
from pathlib import Path

import pytest

from engine import Game, PlayError, load_story_or_raise
from engine.runtime.machine import trigger_name

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bundled():
    return load_story_or_raise(ROOT / "story")


def _random_logs(game, seed, runs=60):
    rng = random.Random(seed)
    logs = []
    for n in range(runs):
        role = list(game.story.roles)[n % len(game.story.roles)]
        player = game.new_player(role, seed=n)
        while player.frame().choices and player.state.turn < 300:
            player.choose(rng.choice(player.frame().choices).index)
        logs.append(player.state.to_dict())
        player.close()
    return logs


def test_lean_dispatch_plays_exactly_as_event_trigger(bundled):
    """A machine with a prepare_event callback makes fire() take transitions' Event.trigger; the
    same random playthroughs must end in identical states either way."""
    lean = Game(bundled)
    through_trigger = Game(bundled)
    calls = []
    through_trigger.machine._machine.prepare_event.append(lambda event: calls.append(event.event.name))
    a = _random_logs(lean, seed=7)
    b = _random_logs(through_trigger, seed=7)
    assert a == b
    assert len(calls) == sum(len(log["log"]) for log in b) > 100   # every choice went through trigger


def test_each_choice_is_a_transition_of_the_machine(bundled):
    game = Game(bundled)
    player = game.new_player("commissar")
    scene = player.scene
    player.choose(player.frame().choices[0].index)
    machine = game.machine._machine
    assert machine.get_model_state(player).name == player.state.scene
    for choice in scene.choices:
        transitions = machine.events[trigger_name(choice.index)].transitions[scene.id]
        assert [t.dest for t in transitions] == [choice.target]
        guarded = choice.condition is not None or choice.once
        assert len(transitions[0].conditions) == (1 if guarded else 0)


def test_the_machine_guard_refuses_a_closed_choice_even_without_a_frame(tiny):
    player = tiny.new_player("guard")
    player.choose(2)                                   # to the middle without a rifle
    assert player.machine.fire(player, 0) is False    # the guard, not the frame, refuses
    with pytest.raises(PlayError):
        player.choose(0)
    assert player.state.scene == "middle"


def test_a_choice_index_the_scene_lacks_is_refused(tiny):
    player = tiny.new_player("guard")
    assert player.machine.fire(player, 99) is False
    assert player.machine.fire(player, -1) is False
    with pytest.raises(PlayError):
        player.choose(99)

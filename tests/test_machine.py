"""The story machine: the transitions graph is what moves players, and the lean dispatch in
StoryMachine.fire does exactly what transitions' own Event.trigger does."""
import random
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

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


def test_a_model_that_defines_transitions_names_still_gets_its_bindings(tiny):
    """The machine skips offering bindings only to models that define none of the names
    transitions binds; a model that defines on_enter_<scene> or a trigger gets the originals."""
    from engine import Game
    from engine.runtime import GameState, Player

    class Watching(Player):
        def __init__(self, *args):
            self.entered = []
            super().__init__(*args)

        def on_enter_orders(self, event):
            self.entered.append(event.transition.dest)

        def may_trigger(self, name):      # transitions binds this one (model_override=True)
            raise AssertionError("replaced by the machine's")

    game = Game(tiny.story)
    variables = {v.name: v.default for v in tiny.story.variables.values()}
    player = Watching(tiny.story, game.machine, GameState(role="guard", scene="post", seed=0, variables=variables))
    player.choose(1)                                   # to orders
    assert player.state.scene == "orders"
    assert player.entered == ["orders"]
    assert player.may_trigger.func.__self__ is game.machine._machine   # the machine's, bound over ours


def test_frame_fields_cover_the_frame(tiny):
    from dataclasses import fields
    from engine.runtime.player import Frame, _FRAME_PLAY_FIELDS, _SceneView
    view = _SceneView(tiny.story, tiny.story.scenes["post"])
    assert set(view.fixed) | set(_FRAME_PLAY_FIELDS) == {f.name for f in fields(Frame)}


@given(st.text(alphabet=st.sampled_from(["a", "b", " ", "\n", "\t", "\xa0", "é", "\u2009", "\u2028", "—"]),
               min_size=0, max_size=12))
@settings(max_examples=3000, deadline=None)
def test_the_one_paragraph_fast_check_agrees_with_paragraphs(text):
    from engine.markup import is_one_paragraph, paragraphs
    if is_one_paragraph(text):
        assert paragraphs(text) == [text]
    elif text and paragraphs(text) == [text]:
        raise AssertionError(f"{text!r} is one paragraph but the fast check says no (it would only be slower)")

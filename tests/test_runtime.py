"""Play on fixture stories: conditions, effects, once-only choices, visit counts, endings, state round trips."""
import random

import pytest
from hypothesis import given, settings, strategies as st

from engine import GameState, PlayError, StateFormatError


def play(game, role, picks, seed=0):
    player = game.new_player(role, seed)
    for pick in picks:
        frame = player.frame()
        player.choose(frame.choices[pick].index)
    return player


def texts(frame):
    return [c.text for c in frame.choices]


def test_start_applies_defaults_and_counts_the_visit(tiny):
    player = tiny.new_player("guard")
    assert player.state.variables == {"nerve": 1, "orders": "none", "armed": False, "luck": 0}
    assert player.state.visits == {"post": 1}
    assert "It is your first night on the bridge." in player.frame().paragraphs


def test_once_only_choice_disappears_after_use(tiny):
    player = play(tiny, "guard", [0])
    assert player.state.variables["armed"] is True
    assert player.state.variables["nerve"] == 2
    assert "Take a rifle from the rack." not in texts(player.frame())
    assert "You have been here before." in player.frame().paragraphs


def test_visited_condition_hides_a_choice(tiny):
    player = play(tiny, "guard", [1, 0])  # ask for orders, hold
    assert player.state.variables["orders"] == "hold"
    assert "Ask for orders." not in texts(player.frame())


def test_condition_opens_an_ending_and_clamps_ranges(tiny):
    player = play(tiny, "guard", [0, 0, 0, 0])  # rifle, orders, hold, middle
    frame = player.frame()
    assert frame.scene_id == "middle"
    assert player.state.variables["nerve"] == 3  # 1 +1 (rifle) +1 (middle), capped at max 3
    assert texts(frame)[0] == "Stand your ground."
    player.choose(frame.choices[0].index)
    end = player.frame()
    assert end.is_ending and end.ending_historical and end.choices == ()
    assert "Your hands are steady." in end.paragraphs


def test_effect_clamps_at_minimum(tiny):
    player = play(tiny, "guard", [1, 1])  # orders, lower (nerve -= 5)
    assert player.state.variables["nerve"] == 0


def test_unavailable_choice_is_refused(tiny):
    player = tiny.new_player("guard")
    player.choose(2)  # to the middle without a rifle: "Stand your ground" is closed
    with pytest.raises(PlayError):
        player.choose(0)
    assert player.state.scene == "middle"


def test_roll_is_deterministic_for_a_seed(tiny):
    first = play(tiny, "runner", [0], seed=42).state.variables["luck"]
    again = play(tiny, "runner", [0], seed=42).state.variables["luck"]
    assert first == again and 1 <= first <= 6
    rolls = {play(tiny, "runner", [0], seed=s).state.variables["luck"] for s in range(40)}
    assert len(rolls) > 3


def test_players_share_one_machine_without_sharing_state(tiny):
    a = tiny.new_player("guard")
    b = tiny.new_player("guard")
    a.choose(2)
    assert a.state.scene == "middle" and b.state.scene == "post"


def random_walk(game, role, seed, steps):
    rng = random.Random(seed)
    player = game.new_player(role, seed)
    yield player
    for _ in range(steps):
        frame = player.frame()
        if frame.is_ending or not frame.choices:
            return
        player.choose(rng.choice(frame.choices).index)
        yield player


def test_state_round_trip_at_every_step(tiny):
    for seed in range(30):
        for player in random_walk(tiny, "guard", seed, 25):
            data = player.state.to_dict()
            assert GameState.from_dict(data).to_dict() == data
            restored = tiny.resume(GameState.from_dict(data))
            assert restored.frame() == player.frame()
            restored.close()


def test_rollback_restores_the_exact_state_at_every_step(tiny):
    for seed in range(30):
        seen = []
        player = None
        for player in random_walk(tiny, "guard", seed, 25):
            seen.append(player.state.to_dict())
        while seen:
            assert player.state.to_dict() == seen.pop()
            if seen:
                assert player.back()
        assert not player.back()
        # and forward again, to the same states, while nothing new is chosen
        while player.forward():
            pass
        assert player.state.turn == len(player.state.log)


@pytest.mark.parametrize("bad", [None, [], {"format": 99}, {"format": 1, "role": "guard"},
                                 {"format": 1, "role": "guard", "scene": "post", "seed": "x", "turn": 0,
                                  "variables": {}, "visits": {}, "log": []},
                                 {"format": 1, "role": "guard", "scene": "post", "seed": 1, "turn": 0,
                                  "variables": {"a": [1]}, "visits": {}, "log": []}])
def test_damaged_states_are_refused_clearly(bad):
    with pytest.raises(StateFormatError):
        GameState.from_dict(bad)


@settings(max_examples=150, deadline=None)
@given(role=st.sampled_from(["guard", "runner"]), seed=st.integers(0, 2**31), picks=st.lists(st.integers(0, 10), max_size=40))
def test_random_play_never_raises_and_stays_in_range(tiny, role, seed, picks):
    story = tiny.story
    player = tiny.new_player(role, seed)
    try:
        for pick in picks:
            frame = player.frame()
            if frame.is_ending:
                break
            player.choose(frame.choices[pick % len(frame.choices)].index)
            for name, value in player.state.variables.items():
                var = story.variables[name]
                if var.type == "int":
                    assert var.min <= value <= var.max
                elif var.type == "str":
                    assert value in var.values
                else:
                    assert isinstance(value, bool)
    finally:
        player.close()


def test_map_holdings_follow_the_scene_time(tiny):
    player = tiny.new_player("guard")          # the post, 21:00
    assert player.holdings() == {"troitsky_bridge": "contested"}
    player.choose(2)                           # the middle, 21:30
    assert player.holdings() == {"troitsky_bridge": "mrc"}
    runner = tiny.new_player("runner")         # 20:00, before any event
    assert runner.holdings() == {}

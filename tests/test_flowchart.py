"""The branch flowchart: what was seen across playthroughs, remembered across runs, replayable exactly."""
import json
import os
import subprocess
import sys

import pygame
import pytest

from conftest import FIXTURES, ROOT
from engine import GameState
from engine.persistence import SaveStore, replay
from engine.persistence.seen import SeenStore


def play(game, seen, picks, seed=1):
    player = game.new_player("guard", seed)
    seen.record(player)
    for pick in picks:
        player.choose(player.frame().choices[pick].index)
        seen.record(player)
    return player


def test_chart_after_scripted_playthroughs(tiny, tmp_path):
    seen = SeenStore(tiny.story, tmp_path)
    play(tiny, seen, [2, 0])            # the middle, wave them through: the open ending
    play(tiny, seen, [0, 0, 0, 0, 0])   # rifle, orders, hold, middle, stand: the held ending
    chart = SeenStore(tiny.story, tmp_path).chart("guard")   # reloaded from disk
    assert chart.scenes == {"post", "orders", "middle", "held", "open"}
    assert chart.endings == {"held", "open"}
    assert ("middle", 1) in chart.taken and ("middle", 0) in chart.taken
    assert ("middle", 2) in chart.offered and ("middle", 2) not in chart.taken   # seen, never taken
    assert ("orders", 1) in chart.offered and ("orders", 1) not in chart.taken


def test_replaying_from_a_chart_node_restores_the_exact_state(tiny, tmp_path):
    seen = SeenStore(tiny.story, tmp_path)
    player = play(tiny, seen, [0, 0, 0, 0])   # ... reach the middle armed, with orders to hold
    expected = player.state.to_dict()
    play(tiny, seen, [2])                     # a later, different arrival elsewhere does not matter
    arrival = SeenStore(tiny.story, tmp_path).chart("guard").arrivals["orders"]
    restored = replay(tiny, GameState.from_dict(arrival))
    assert restored.state.scene == "orders"
    assert restored.state.to_dict() == arrival
    assert len(restored.history()) == restored.state.turn   # rollback works from there too
    assert expected["scene"] == "middle"


def test_damaged_chart_file_is_kept_and_not_overwritten(tiny, tmp_path):
    path = tmp_path / "seen-tiny.json"
    path.write_text("{not json")
    seen = SeenStore(tiny.story, tmp_path)
    assert seen.damaged and seen.roles == {}
    play(tiny, seen, [2])
    assert path.read_text() == "{not json"


def test_window_flowchart_replays_a_past_decision(tiny, tmp_path):
    from engine.frontends.window import App
    app = App(tiny, seed=1, saves=SaveStore(tmp_path))
    app.settings.text_speed = 0
    app.start_role("guard")
    for pick in (0, 0, 0):
        app.top.choose(app.player.frame().choices[pick].index)
    app.open("flowchart")
    app.step([])
    assert {sid for _, sid in app.top.nodes} == {"post", "orders"}
    target = next(rect for rect, sid in app.top.nodes if sid == "orders")
    app.step([pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=target.center)])
    assert app.screen == "scene" and app.player.state.scene == "orders"
    assert app.player.state.turn == 2
    pygame.quit()

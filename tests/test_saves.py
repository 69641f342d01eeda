"""Saves: exact round trips, atomic writes under kill, damaged files, stories edited under saves, replay."""
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from engine import Game, load_story_or_raise
from engine.persistence import SaveDiverged, SaveError, SaveStore


def walk(game, role, seed, steps=20):
    rng = random.Random(seed)
    player = game.new_player(role, seed)
    yield player
    for _ in range(steps):
        frame = player.frame()
        if frame.is_ending:
            return
        player.choose(rng.choice(frame.choices).index)
        yield player


def test_save_and_load_round_trip_at_every_step(tiny, tmp_path):
    store = SaveStore(tmp_path)
    for seed in range(15):
        for player in walk(tiny, "guard", seed):
            store.save(player, "slot")
            loaded = store.load(tiny, "slot")
            assert loaded.state.to_dict() == player.state.to_dict()
            assert loaded.frame() == player.frame()
            # the rollback history is rebuilt too
            assert len(loaded.history()) == player.state.turn
            loaded.close()


def test_envelope_has_what_the_slot_list_needs(tiny, tmp_path):
    store = SaveStore(tmp_path)
    player = tiny.new_player("guard", 5)
    path = store.save(player, "first", play_seconds=12.5, thumbnail_png=b"\x89PNG\r\n\x1a\nfake")
    data = json.loads(path.read_text())
    assert data["format"] == "petrograd-save" and data["version"] == 1
    assert data["story"] == {"id": "tiny", "version": "1", "content_hash": tiny.story.content_hash}
    assert data["meta"]["role"] == "guard" and data["meta"]["scene_title"] == "The Post"
    assert data["meta"]["play_seconds"] == 12.5
    assert data["state"]["seed"] == 5 and data["state"]["log"] == []
    assert path.with_suffix(".png").exists()


DAMAGED = {
    "truncated": lambda good: good[: len(good) // 2],
    "empty": lambda good: b"",
    "binary": lambda good: bytes(range(256)),
    "foreign": lambda good: b'{"hello": "world"}',
    "future": lambda good: good.replace(b'"version": 1', b'"version": 99'),
    "bad_state": lambda good: good.replace(b'"turn": 0', b'"turn": "zero"'),
    "pickle": lambda good: b"\x80\x04\x95cos\nsystem\n(S'echo pwned'\ntR.",
    "list": lambda good: b"[1, 2, 3]",
    "other_story": lambda good: good.replace(b'"id": "tiny"', b'"id": "other"'),
    "hand_edited": lambda good: good.replace(b'"nerve": 1', b'"nerve": 3'),
}


@pytest.mark.parametrize("kind", sorted(DAMAGED))
def test_damaged_saves_get_a_clear_message_and_stay_listed(tiny, tmp_path, kind):
    store = SaveStore(tmp_path)
    player = tiny.new_player("guard", 1)
    good = store.save(player, "good")
    bad = tmp_path / "bad.json"
    bad.write_bytes(DAMAGED[kind](good.read_bytes()))
    before = bad.read_bytes()
    with pytest.raises(SaveError) as info:
        store.load(tiny, "bad")
    assert str(info.value)
    slots = {s.name: s for s in store.slots()}
    if kind not in ("other_story", "hand_edited"):
        assert slots["bad"].damaged
    assert slots["good"].damaged is None
    assert bad.read_bytes() == before  # nothing is deleted or rewritten
    store.load(tiny, "good").close()   # and nothing else is affected


def test_story_edited_under_a_save(tmp_path):
    story_dir = tmp_path / "tiny"
    shutil.copytree(FIXTURES / "tiny", story_dir)
    game = Game(load_story_or_raise(story_dir))
    store = SaveStore(tmp_path / "saves")
    player = game.new_player("guard", 3)
    for pick in (0, 0, 0, 0):  # rifle, orders, hold, middle
        player.choose(player.frame().choices[pick].index)
    store.save(player, "before_edit")
    player.close()

    # A harmless edit (new prose): the log still fits, the save loads.
    scenes = story_dir / "scenes" / "guard.yaml"
    scenes.write_text(scenes.read_text().replace("Wind off the Neva.", "Wind off the Neva, and rain."))
    edited = Game(load_story_or_raise(story_dir))
    assert edited.story.content_hash != game.story.content_hash
    loaded = store.load(edited, "before_edit")
    assert loaded.state.scene == "middle" and "Wind off the Neva, and rain." in loaded.frame().paragraphs
    loaded.close()

    # A breaking edit: the orders scene no longer offers "hold". The error names the step.
    scenes.write_text(scenes.read_text().replace('- {text: Hold the bridge., to: post, do: orders = "hold"}\n', ""))
    broken = Game(load_story_or_raise(story_dir))
    with pytest.raises(SaveDiverged) as info:
        store.load(broken, "before_edit")
    assert info.value.step == 2
    assert "step 3" in str(info.value) and "orders" in str(info.value)
    assert info.value.nearest.scene == "orders"
    assert broken.resume(info.value.nearest).frame().scene_id == "orders"


SAVER = """
import sys
from engine import Game, load_story_or_raise
from engine.persistence import SaveStore
game = Game(load_story_or_raise(sys.argv[1]))
store = SaveStore(sys.argv[2])
player = game.new_player("guard", 1)
player.choose(0)
print("ready", flush=True)
while True:
    store.save(player, "slot")
"""


def test_killing_a_saving_process_never_damages_the_save(tiny, tmp_path):
    saves = tmp_path / "saves"
    store = SaveStore(saves)
    store.save(tiny.new_player("guard", 1), "slot")
    for attempt in range(12):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(FIXTURES / "tiny"), str(saves)],
                                stdout=subprocess.PIPE, cwd=ROOT)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(0.01 + attempt * 0.007)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        loaded = store.load(tiny, "slot")  # always a whole save, old or new
        assert loaded.state.scene == "post"
        loaded.close()
    leftovers = [p for p in saves.iterdir() if p.suffix == ".tmp"]
    assert all(p.name.startswith(".") for p in leftovers)  # hidden temporaries, never listed as slots
    assert [s.name for s in store.slots()] == ["slot"]


def test_full_disk_keeps_the_previous_save(tiny, tmp_path, monkeypatch):
    store = SaveStore(tmp_path)
    player = tiny.new_player("guard", 1)
    store.save(player, "slot")
    before = (tmp_path / "slot.json").read_bytes()
    player.choose(0)

    def no_space(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(SaveError) as info:
        store.save(player, "slot")
    assert "No space left" in str(info.value) and "unchanged" in str(info.value)
    assert (tmp_path / "slot.json").read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize("name", ["", "../escape", "a/b", "x" * 41, ".hidden", "con sole"])
def test_slot_names_are_checked(tiny, tmp_path, name):
    with pytest.raises(SaveError):
        SaveStore(tmp_path).save(tiny.new_player("guard"), name)


def test_replay_is_deterministic(tiny, tmp_path):
    store = SaveStore(tmp_path)
    player = tiny.new_player("guard", 9)
    for pick in (0, 0, 1, 0):
        player.choose(player.frame().choices[pick].index)
    store.save(player, "run")
    outs = [subprocess.run([sys.executable, "-m", "engine", "replay", "--file", str(tmp_path / "run.json"),
                            str(FIXTURES / "tiny")], capture_output=True, cwd=ROOT) for _ in range(2)]
    assert outs[0].returncode == 0, outs[0].stderr
    assert outs[0].stdout == outs[1].stdout
    assert outs[0].stdout.count(b"> ") == 5 and b"THE MIDDLE" in outs[0].stdout


def test_text_mode_save_load_commands(tmp_path):
    out = subprocess.run([sys.executable, "-m", "engine", "play", "--text", "--role", "guard", "--seed", "1",
                          "--saves", str(tmp_path), str(FIXTURES / "tiny")],
                         input=":save one\n3\n:saves\n:load one\n:load ../x\n", capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0
    assert "Saved as one." in out.stdout and "one: Guard, The Post" in out.stdout
    assert "autosave-guard: Guard, The Middle" in out.stdout   # each role its own autosave
    # `:load one` went back to The Post (saved there, before choice 3); only `../x` was refused.
    after_load = out.stdout.split(":load one\n", 1)[1].split(":load ../x\n", 1)[0]
    assert "THE POST" in after_load and "Not loaded" not in after_load
    assert out.stdout.count("Not loaded:") == 1 and "not a usable save name" in out.stdout


def test_a_save_over_five_megabytes_is_refused_before_it_is_read(tiny, tmp_path):
    from engine.persistence.saves import MAX_SAVE_BYTES
    assert MAX_SAVE_BYTES == 5_000_000
    store = SaveStore(tmp_path)
    path = store.save(tiny.new_player("guard", 1), "big")
    raw = path.read_bytes()
    path.write_bytes(raw + b" " * (MAX_SAVE_BYTES - len(raw)))     # still a valid save, at the limit
    store.load(tiny, "big").close()
    path.write_bytes(raw + b" " * (MAX_SAVE_BYTES + 1 - len(raw)))  # one byte over
    with pytest.raises(SaveError, match="too large"):
        store.load(tiny, "big")
    assert [s.damaged for s in store.slots()] == ["big.json is too large (5,000,001 bytes)"]


def test_text_mode_lists_saves_in_the_language_played(tmp_path):
    """`:saves` in a German game: the role and scene as the German story names them, and the day
    in German (the example's German is a demonstration: the engine's own words are mostly English)."""
    from engine import load_story_or_raise
    from engine.i18n.localize import localize_story
    hollin = ROOT / "examples" / "hollin-light"
    german, _counts = localize_story(load_story_or_raise(hollin), hollin, "de")
    role = next(iter(german.roles.values()))
    out = subprocess.run([sys.executable, "-m", "engine", "play", "--text", "--lang", "de", "--role", role.id,
                          "--seed", "1", "--saves", str(tmp_path), str(hollin)],
                         input=":save eins\n:saves\n", capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    start = german.scenes[role.start]
    listed = next(line for line in out.stdout.splitlines() if line.strip().startswith("eins: "))
    assert f"eins: {role.name}, {start.title} (" in listed and "Dezember" in listed, listed


def test_save_errors_are_given_in_the_language_of_play(tiny, tmp_path):
    """A player in Russian is told in Russian why a save cannot be loaded (the errors are the
    engine's own words), and in English again once the language is English."""
    from engine.i18n.words import set_language
    store = SaveStore(tmp_path)
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    try:
        set_language("ru")
        with pytest.raises(SaveError) as missing:
            store.load(tiny, "nothing")
        assert str(missing.value) == "нет сохранения с именем 'nothing'"
        assert [s.damaged for s in store.slots()] == ["pipe.json\u00a0— именованный канал (FIFO), а не файл"]
    finally:
        set_language(None)
    with pytest.raises(SaveError, match="no save named 'nothing'"):
        store.load(tiny, "nothing")

"""For authors: play --watch (reload on save, the place kept, errors over the game until fixed),
play --scene/--set (typed, range-checked values, did-you-mean), and the debug console (window,
headless on SDL's dummy driver, and text mode). No assertion here is about speed (see
bench/watch_reload.py); waits on the real watcher are bounded only so a broken one fails, not hangs."""
import io
import queue
import shutil
import subprocess
import sys

import pygame
import pytest

from conftest import FIXTURES
from engine.authoring.console import run_command
from engine.authoring.warp import WarpError, parse_setting, warp
from engine.authoring.watch import ParseMemo, Reload, StoryWatcher, carry_over, is_story_file
from engine.frontends.text import TextFrontEnd, WatchedInput
from engine.loading import load_story, load_story_or_raise
from engine.loading.yaml_source import read_yaml, readable_prefix
from engine.diagnostics import DiagnosticSink
from engine.persistence import SaveStore
from engine.runtime import Game

WAIT = 20   # seconds: only so a watcher that never delivers fails the test instead of hanging it


@pytest.fixture
def tiny_copy(tmp_path):
    root = tmp_path / "tiny"
    shutil.copytree(FIXTURES / "tiny", root)
    return root


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def watched(tiny_copy):
    """The real watcher on a copy of the tiny story; yields (root, queue of its reloads)."""
    arrived = queue.Queue()
    watcher = StoryWatcher(tiny_copy, "tiny", arrived.put).start()
    assert watcher.wait_ready(WAIT)
    yield tiny_copy, arrived
    watcher.stop()


def next_reload(arrived, settled=lambda reload: True, take=lambda reload: None) -> Reload:
    """The first reload that `settled` accepts, passing every one to `take`. A save that truncates
    then writes can be heard as two changes, and the first load may see the file half written: the
    watcher's next reload, after the write, is the one that counts (as for an author)."""
    while True:
        reload = arrived.get(timeout=WAIT)
        take(reload)
        if settled(reload):
            return reload


def loaded(reload) -> bool:
    return reload.story is not None


def syntax_error(reload) -> bool:
    return reload.story is None and any(d.code == "PG100" and d.span.line > 1 for d in reload.errors)


# -- the watcher and the memo ------------------------------------------------------------------------
def test_a_save_reloads_the_story_parsing_only_the_changed_file(watched):
    root, arrived = watched
    edit(root / "scenes" / "guard.yaml", "Wind off the Neva.", "Snow on the Neva.")
    reload = next_reload(arrived, loaded)
    assert reload.errors == []
    assert reload.changed == ("scenes/guard.yaml",)
    assert reload.parsed == ("tiny/scenes/guard.yaml",)       # every other file came from the memo
    assert reload.story.scenes["middle"].text[0].text == "Snow on the Neva."


def test_a_broken_save_gives_its_diagnostics_then_a_fix_loads(watched):
    root, arrived = watched
    edit(root / "scenes" / "guard.yaml", "title: The Middle", "title: [The Middle")
    broken = next_reload(arrived, syntax_error)
    assert any(d.span.path == "tiny/scenes/guard.yaml" and d.code == "PG100" for d in broken.errors)
    edit(root / "scenes" / "guard.yaml", "title: [The Middle", "title: The Middle")
    fixed = next_reload(arrived, loaded)
    assert fixed.errors == []


def test_only_story_files_are_watched(tiny_copy):
    assert is_story_file(tiny_copy, str(tiny_copy / "scenes" / "guard.yaml"))
    assert is_story_file(tiny_copy, str(tiny_copy / "story.yaml"))
    for other in (".petrograd-cache/story.cache", "assets/art/places/bridge.svg", "_drafts/x.yaml",
                  "scenes/.guard.yaml.swp", "notes.txt"):
        assert not is_story_file(tiny_copy, str(tiny_copy / other))
    assert not is_story_file(tiny_copy, "/elsewhere/story.yaml")


def test_the_memo_gives_the_same_story_and_diagnostics_as_a_full_load(tiny_copy):
    memo = ParseMemo()
    first = memo.load(tiny_copy, "tiny")
    edit(tiny_copy / "scenes" / "runner.yaml", "Someone hands you", "A boy hands you")
    again = memo.load(tiny_copy, "tiny")
    full = load_story(tiny_copy, display_root="tiny")
    assert memo.parsed == ["tiny/scenes/runner.yaml"]
    assert again[1] == full[1]
    assert again[0].content_hash == full[0].content_hash != first[0].content_hash
    assert dict(again[0].scenes) == dict(full[0].scenes)


def test_the_memo_keeps_each_tree_as_parsed_though_the_builder_drops_what_it_read(tiny_copy):
    """The memo shares the trees under each file's top-level block between loads: if the builder
    ever changed them, this fails (then ParseMemo must copy deeper)."""
    memo = ParseMemo()
    for _ in range(3):
        memo.load(tiny_copy, "tiny")
    for display, tree in memo.kept().items():
        fresh = read_yaml(tiny_copy / display.removeprefix("tiny/"), display, DiagnosticSink())
        assert tree == fresh, display


def memo_equals_full_load(memo, root, display="tiny"):
    """A load through the memo gives the story and diagnostics of a full load."""
    story, diagnostics = memo.load(root, display)
    full_story, full_diagnostics = load_story(root, display_root=display)
    assert [d.format() for d in diagnostics] == [d.format() for d in full_diagnostics]
    assert story == full_story
    return story, diagnostics


def test_a_reload_builds_again_only_the_scenes_of_the_changed_file(tiny_copy):
    memo = ParseMemo()
    memo.load(tiny_copy, "tiny")
    edit(tiny_copy / "scenes" / "runner.yaml", "Someone hands you", "A boy hands you")
    story, _ = memo_equals_full_load(memo, tiny_copy)
    assert "A boy hands you" in story.scenes["run_start"].text[0].text
    # map.yaml (a map: block) is always read again; every other unchanged file is taken as it was
    assert sorted(memo.contents.built) == ["tiny/map.yaml", "tiny/scenes/runner.yaml"]
    assert sorted(memo.contents.reused) == ["tiny/codex/codex.yaml", "tiny/scenes/guard.yaml", "tiny/story.yaml"]
    assert story.scenes["post"] is memo.load(tiny_copy, "tiny")[0].scenes["post"]


def test_a_changed_variable_builds_every_file_again(tiny_copy):
    """Conditions are compiled against the variables: when one changes, no file's scenes are kept
    (runner.yaml's `luck += 6` is out of range once luck's max is 5)."""
    memo = ParseMemo()
    memo.load(tiny_copy, "tiny")
    assert "luck" in (tiny_copy / "scenes" / "runner.yaml").read_text()
    edit(tiny_copy / "scenes" / "guard.yaml", "max: 3, description: Steadiness", "max: 2, description: Steadiness")
    memo_equals_full_load(memo, tiny_copy)
    assert "tiny/scenes/runner.yaml" in memo.contents.built and memo.contents.reused == []


def test_an_id_taken_by_an_earlier_file_makes_the_kept_one_a_duplicate(tiny_copy):
    """guard.yaml (read first) gains a scene with runner.yaml's id: the unchanged runner.yaml is read
    again, and its scene is the duplicate (PG300), as in a full load; then the other way round."""
    memo = ParseMemo()
    memo.load(tiny_copy, "tiny")
    guard = tiny_copy / "scenes" / "guard.yaml"
    original = guard.read_text(encoding="utf-8")
    copied = (tiny_copy / "scenes" / "runner.yaml").read_text(encoding="utf-8").split("scenes:\n", 1)[1]
    guard.write_text(original + copied.split("  - id: run_end")[0], encoding="utf-8")
    _, diagnostics = memo_equals_full_load(memo, tiny_copy)
    duplicate = [d for d in diagnostics if d.code == "PG300"]
    assert len(duplicate) == 1 and duplicate[0].span.path == "tiny/scenes/runner.yaml"
    assert "tiny/scenes/runner.yaml" in memo.contents.built
    guard.write_text(original, encoding="utf-8")
    _, diagnostics = memo_equals_full_load(memo, tiny_copy)
    assert not [d for d in diagnostics if d.severity.name == "ERROR"]


def test_a_duplicate_line_id_in_an_unchanged_file_is_reported_as_in_a_full_load(tiny_copy):
    """Each file's line ids are scanned once per version; an id that another file takes since makes
    the kept file's scan run again (PG110 at the later of the two, as a full load says)."""
    memo = ParseMemo()
    runner, guard = tiny_copy / "scenes" / "runner.yaml", tiny_copy / "scenes" / "guard.yaml"
    edit(runner, "title: The Message", "title: The Message  #line:abc123")
    memo_equals_full_load(memo, tiny_copy)
    edit(guard, "title: The Post", "title: The Post  #line:abc123")
    _, diagnostics = memo_equals_full_load(memo, tiny_copy)
    assert [(d.code, d.span.path) for d in diagnostics if d.code == "PG110"] == [("PG110", "tiny/scenes/runner.yaml")]


def test_the_bundled_story_reloads_as_a_full_load_gives_it(tmp_path):
    """The whole bundled story (timeline, assemblies, classroom, ten roles) through the memo after an
    edit of one scene file: the same story and diagnostics as a full load, only that file built again."""
    from conftest import ROOT
    shutil.copytree(ROOT / "story", tmp_path / "story", ignore=shutil.ignore_patterns(".petrograd-cache", "locale"))
    shutil.copytree(ROOT / "assets", tmp_path / "assets", ignore=shutil.ignore_patterns("cache", "fonts"))
    root = tmp_path / "story"
    memo = ParseMemo()
    memo.load(root, "story")
    scene_file = root / "scenes" / "lenin" / "03_kamenev.yaml"
    text = scene_file.read_text(encoding="utf-8")
    words = "Kamenev"
    assert words in text
    scene_file.write_text(text.replace(words, "Lev Kamenev", 1), encoding="utf-8")
    memo_equals_full_load(memo, root, "story")
    assert "story/scenes/lenin/03_kamenev.yaml" in memo.contents.built
    assert len(memo.contents.reused) > 0.9 * (len(memo.contents.reused) + len(memo.contents.built))


def test_a_scene_works_out_what_it_reads_once_and_the_same_as_from_scratch(tiny):
    """Every check across files asks each scene for its expressions and its text's reads on every
    reload: kept on the scene (outside its fields), they equal what its fields give."""
    from dataclasses import replace
    for scene in tiny.story.scenes.values():
        assert scene.expressions() is scene.expressions() and scene.text_reads() is scene.text_reads()
        fresh = replace(scene)      # the same fields, nothing kept yet
        assert fresh == scene and "_expressions" not in fresh.__dict__
        assert fresh.expressions() == scene.expressions() and fresh.text_reads() == scene.text_reads()
    conditions = [c.condition for s in tiny.story.scenes.values() for c in s.choices if c.condition]
    assert conditions and all(any(c is e for s in tiny.story.scenes.values() for e in s.expressions())
                              for c in conditions)


# -- a file that breaks -----------------------------------------------------------------------------
def scene_ids(tree):
    return [str(item["id"]) for item in tree["scenes"]]


def test_the_items_before_a_syntax_error_are_read_as_the_whole_file_reads_them():
    text = ("variables:\n  luck: {type: int}\nscenes:\n  - id: z\n    text: Zero.\n  - id: a\n    text: |\n"
            "      One,\n      and more.\n  - id: b\n    title: [broken\n  - id: c\n    text: Three.\n")
    assert read_yaml_text(text) is None
    tree, line = readable_prefix(text, "f.yaml", 12)          # the parser finds b's mistake at c's line
    assert line == 10 and scene_ids(tree) == ["z", "a"]
    assert tree["scenes"][1]["text"] == "One,\nand more.\n" and list(tree) == ["variables", "scenes"]
    assert tree["scenes"][0]["id"].span.line == 4


def test_an_item_whose_quote_runs_on_into_the_next_is_not_kept():
    """a's text opens a quote that "Hello's quote closes: the whole file reads a's text as running
    into b, so a is not vouched for (on its own it would not even parse); z is."""
    text = ('scenes:\n  - id: z\n    text: Zero.\n  - id: a\n    text: "He said\n  - id: b\n'
            '    text: "Hello"\n  - id: c\n    text: C.\n')
    assert read_yaml_text(text) is None
    tree, line = readable_prefix(text, "f.yaml", 7)
    assert line == 4 and scene_ids(tree) == ["z"]


def test_a_break_in_the_first_item_leaves_nothing_to_keep():
    assert readable_prefix("scenes:\n  - id: a\n    title: [broken\n  - id: b\n", "f.yaml", 4) is None


def read_yaml_text(text):
    import tempfile
    from pathlib import Path
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.yaml"
        path.write_text(text, encoding="utf-8")
        return read_yaml(path, "f.yaml", DiagnosticSink())


NEW_SCENE = "  - id: dawn\n    role: guard\n    title: [Dawn\n"


def test_a_scene_being_written_at_the_end_of_a_file_lets_play_go_on(tiny_copy):
    """The author is typing a new scene at the end of guard.yaml and saves it half written: the story
    is the one before that scene, with the syntax error kept in the diagnostics; once it reads, all."""
    memo = ParseMemo()
    memo.load(tiny_copy, "tiny")
    guard = tiny_copy / "scenes" / "guard.yaml"
    original = guard.read_text(encoding="utf-8")
    guard.write_text(original + NEW_SCENE, encoding="utf-8")
    story, diagnostics = memo.load(tiny_copy, "tiny")
    errors = [d for d in diagnostics if d.severity.name == "ERROR"]
    assert story is not None and errors and {(d.code, d.span.path) for d in errors} == {("PG100", "tiny/scenes/guard.yaml")}
    assert memo.cut_short == {"tiny/scenes/guard.yaml": original.count("\n") + 1}
    assert "dawn" not in story.scenes and "open" in story.scenes
    assert load_story(tiny_copy, display_root="tiny")[0] is None        # check still says no
    guard.write_text(original + NEW_SCENE.replace("[Dawn", "Dawn") + "    text: Grey.\n    ending: {title: Dawn}\n",
                     encoding="utf-8")
    story, _ = memo_equals_full_load(memo, tiny_copy)
    assert "dawn" in story.scenes and memo.cut_short == {}


def test_a_break_in_a_scene_others_lead_to_stops_play_until_fixed(tiny_copy):
    """Cut short before `middle`, guard.yaml would leave post's choice leading nowhere: no story, and
    only the syntax error is reported (as check reports it)."""
    memo = ParseMemo()
    edit(tiny_copy / "scenes" / "guard.yaml", "title: The Middle", "title: [The Middle")
    story, diagnostics = memo.load(tiny_copy, "tiny")
    assert story is None and memo.cut_short == {}
    assert [d.format() for d in diagnostics] == [d.format() for d in load_story(tiny_copy, display_root="tiny")[1]]


def test_text_mode_plays_on_over_a_file_cut_short(tiny_copy):
    game = Game(load_story_or_raise(tiny_copy))
    out = io.StringIO()
    events = queue.Queue()
    front = TextFrontEnd(game, game.new_player("guard", 1), lambda: "", out, echo_input=True)
    front.read_line = WatchedInput(front, events).read_line
    memo = ParseMemo()
    guard = tiny_copy / "scenes" / "guard.yaml"
    guard.write_text(guard.read_text(encoding="utf-8") + NEW_SCENE, encoding="utf-8")
    story, diagnostics = memo.load(tiny_copy, "tiny")
    cut = Reload(story, diagnostics, ("scenes/guard.yaml",), 0.0, 0.01, cut_short=tuple(memo.cut_short.items()))
    for item in [("reload", cut), ("line", "3\n"), ("line", ":quit\n")]:
        events.put(item)
    assert front.run() == 0
    text = " ".join(out.getvalue().split())
    assert "tiny/scenes/guard.yaml has a syntax error: play goes on with what comes before line 85" in text
    assert "tiny/scenes/guard.yaml:88:1: error PG100" in text
    assert "The story has errors" not in text
    assert front.player.state.scene == "middle"         # the 3 typed was taken: Walk to the middle


# -- keeping the place -------------------------------------------------------------------------------
def test_the_place_is_kept_by_replaying_the_choice_log_by_text(tiny_copy):
    game = Game(load_story_or_raise(tiny_copy))
    player = game.new_player("guard", 7)
    player.choose(0)            # the rifle (once only)
    player.choose(2)            # "Walk to the middle", the scene's third choice
    assert player.state.scene == "middle"
    # The author puts a new choice first: positions shift, the texts still say which was taken.
    edit(tiny_copy / "scenes" / "guard.yaml", "    choices:\n      - text: Take a rifle",
         "    choices:\n      - text: Light a cigarette.\n        to: post\n      - text: Take a rifle")
    carried = carry_over(load_story_or_raise(tiny_copy), player)
    assert carried.message == ""
    assert carried.player.state.scene == "middle"
    assert carried.player.state.variables == player.state.variables
    assert carried.player.state.log == [("post", 1), ("post", 3)]


def test_a_choice_with_an_id_keeps_the_place_when_its_text_is_edited(tiny_copy):
    guard = tiny_copy / "scenes" / "guard.yaml"
    edit(guard, "      - text: Walk to the middle of the bridge.", "      - id: walk\n        text: Walk to the middle of the bridge.")
    game = Game(load_story_or_raise(tiny_copy))
    player = game.new_player("guard", 7)
    player.choose(2)
    edit(guard, "Walk to the middle of the bridge.", "Cross to the middle.")
    carried = carry_over(load_story_or_raise(tiny_copy), player)
    assert carried.message == "" and carried.player.state.scene == "middle"


def test_a_path_the_edit_removed_lands_on_the_nearest_earlier_point(tiny_copy):
    game = Game(load_story_or_raise(tiny_copy))
    player = game.new_player("guard", 7)
    player.choose(2)            # to the middle
    edit(tiny_copy / "scenes" / "guard.yaml", "Walk to the middle of the bridge.", "Cross the bridge.")
    carried = carry_over(load_story_or_raise(tiny_copy), player)
    assert carried.player.state.scene == "post" and carried.player.state.log == []
    assert "no longer fits" in carried.message and "Walk to the middle" in carried.message


def test_a_warped_start_is_replayed_from_the_warp(tiny_copy):
    game = Game(load_story_or_raise(tiny_copy))
    player = warp(game, "middle", role=None, seed=3, settings={"nerve": 0, "orders": "hold"})
    origin = player.state.copy()
    player.choose(2)            # Go back, to the post
    edit(tiny_copy / "scenes" / "guard.yaml", "The river is black.", "The river is ink.")
    carried = carry_over(load_story_or_raise(tiny_copy), player, origin)
    assert carried.message == ""
    assert carried.player.state.scene == "post"
    assert carried.player.state.variables["orders"] == "hold" and carried.player.state.variables["nerve"] == 0
    assert "The river is ink." in carried.player.frame().paragraphs[0]


# -- text mode ---------------------------------------------------------------------------------------
def test_text_mode_shows_the_edit_then_errors_and_waits_then_goes_on(watched):
    root, arrived = watched
    game = Game(load_story_or_raise(root))
    out = io.StringIO()
    events = queue.Queue()
    front = TextFrontEnd(game, game.new_player("guard", 1), lambda: "", out, echo_input=True)
    front.read_line = WatchedInput(front, events).read_line
    guard = root / "scenes" / "guard.yaml"

    edit(guard, "Wind off the Neva.", "Snow on the Neva.")
    edited = next_reload(arrived, loaded)
    edit(guard, "title: The Middle", "title: [The Middle")
    broken = next_reload(arrived, syntax_error)
    edit(guard, "title: [The Middle", "title: The Middle Span")
    fixed = next_reload(arrived, loaded)
    for item in [("line", "3\n"), ("reload", edited), ("reload", broken), ("line", "3\n"),
                 ("reload", fixed), ("line", "2\n"), ("line", ":quit\n")]:
        events.put(item)
    assert front.run() == 0
    text = out.getvalue()
    after_edit = text.split("(reloaded after the save of scenes/guard.yaml", 1)[1]
    assert "Snow on the Neva." in after_edit.split("error(s)")[0]
    assert "tiny/scenes/guard.yaml:" in text and "PG100" in text
    assert "The story has errors: fix them and save" in text      # the 3 typed while broken was refused
    final = text.rsplit("(reloaded after the save", 1)[1]
    assert "THE MIDDLE SPAN" in final
    assert front.player.state.scene == "post"                      # the 2 typed after the fix: Go back


def petrograd(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "engine", *args], input=stdin, capture_output=True, text=True)


def test_play_scene_and_set_start_there_with_the_values(tmp_path):
    out = petrograd("play", "--text", "--scene", "middle", "--set", "nerve=0", "--set", "orders=hold",
                    "--set", "armed=true", "--debug", "--saves", str(tmp_path), str(FIXTURES / "tiny"), stdin=":state\n:quit\n")
    assert out.returncode == 0, out.stderr
    assert "THE MIDDLE" in out.stdout
    # on_enter (nerve += 1) ran on arrival, then --set: the author's values win
    assert "nerve = 0" in out.stdout and "orders = hold" in out.stdout and "armed = true" in out.stdout
    assert "Stand your ground." in out.stdout


@pytest.mark.parametrize("args, message", [
    (["--scene", "midle"], "no scene 'midle' (did you mean 'middle'?)"),
    (["--scene", "middle", "--set", "nerv=1"], "no variable 'nerv' (did you mean 'nerve'?)"),
    (["--scene", "middle", "--set", "nerve=4"], "nerve must be from 0 to 3; 4 is out of range"),
    (["--scene", "middle", "--set", "nerve=lots"], "nerve is a whole number from 0 to 3, not 'lots'"),
    (["--scene", "middle", "--set", "armed=maybe"], "armed is true or false, not 'maybe'"),
    (["--scene", "middle", "--set", "orders=hld"], "orders is one of none, hold, lower; not 'hld' (did you mean 'hold'?)"),
    (["--scene", "middle", "--set", "nerve"], "say a variable and its value, as name=value (not 'nerve')"),
    (["--scene", "middle", "--role", "runner"], "scene 'middle' belongs to guard, not to 'runner'"),
])
def test_scene_and_set_mistakes_are_one_line_with_the_nearest_names(args, message):
    out = petrograd("play", "--text", *args, str(FIXTURES / "tiny"))
    assert out.returncode == 2
    assert out.stderr.strip() == f"petrograd: {message}"
    assert "Traceback" not in out.stderr


def test_parse_setting_reads_by_type(tiny):
    story = tiny.story
    assert parse_setting(story, "nerve=3") == ("nerve", 3)
    assert parse_setting(story, "nerve 0") == ("nerve", 0)
    assert parse_setting(story, "armed=false") == ("armed", False)
    assert parse_setting(story, "armed=yes") == ("armed", True)
    assert parse_setting(story, "orders=lower") == ("orders", "lower")
    with pytest.raises(WarpError, match="out of range"):
        parse_setting(story, "nerve=-1")


def test_warped_play_is_not_autosaved(tmp_path):
    out = petrograd("play", "--text", "--scene", "orders", "--saves", str(tmp_path), str(FIXTURES / "tiny"),
                    stdin="1\n:quit\n")
    assert out.returncode == 0, out.stderr
    assert not list(tmp_path.rglob("autosave*.json"))


def test_text_debug_commands(tmp_path):
    out = petrograd("play", "--text", "--role", "guard", "--debug", "--saves", str(tmp_path), str(FIXTURES / "tiny"),
                    stdin=":goto held\n:set nerve=3\n:set nerve=9\n:goto nowhere\n:state\n:quit\n")
    assert out.returncode == 0, out.stderr
    assert "at held: Held" in out.stdout and "nerve = 3" in out.stdout
    assert "error: nerve must be from 0 to 3; 9 is out of range" in out.stdout
    assert "error: no scene 'nowhere'" in out.stdout
    assert "role guard · scene held (Held)" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_debug_commands_need_debug(tmp_path):
    out = petrograd("play", "--text", "--role", "guard", "--saves", str(tmp_path), str(FIXTURES / "tiny"),
                    stdin=":goto held\n:quit\n")
    assert "Unknown command :goto" in out.stdout


def test_console_commands_move_and_show(tiny):
    player = tiny.new_player("guard", 1)
    moved = run_command("goto open", tiny, player)
    assert moved.player.state.scene == "open" and moved.player.state.visits["open"] == 1
    assert run_command("state", tiny, moved.player).lines[0].startswith("role guard · scene open")
    with pytest.raises(WarpError, match="unknown command 'jump'"):
        run_command("jump open", tiny, player)


# -- the window --------------------------------------------------------------------------------------
def key(k, u=""):
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode=u)


def type_line(app, line):
    for ch in line:
        app.step([key(0, ch)])
    app.step([key(pygame.K_RETURN)])


@pytest.fixture
def window(tmp_path):
    from engine.frontends.window import App

    def make(root, debug=False):
        app = App(Game(load_story_or_raise(root)), seed=1, saves=SaveStore(tmp_path / "saves"), debug=debug)
        app.settings.text_speed = 0
        return app
    yield make
    pygame.quit()


def shown_text(app) -> str:
    return " ".join(app.player.frame().paragraphs)


def test_the_window_reloads_shows_errors_over_the_game_and_goes_on(watched, window):
    root, arrived = watched
    app = window(root)
    app.reloads = arrived
    app.start_role("guard")
    app.step([key(pygame.K_3, "3")])
    assert app.player.state.scene == "middle"
    guard = root / "scenes" / "guard.yaml"

    edit(guard, "Wind off the Neva.", "Snow on the Neva.")
    next_reload(arrived, loaded, app.take_reload)
    app.step([])
    assert "Snow on the Neva." in shown_text(app)
    assert app.screen == "scene" and app.player.state.scene == "middle"
    assert app.current_message().startswith("Reloaded scenes/guard.yaml")

    edit(guard, "title: The Middle", "title: [The Middle")
    next_reload(arrived, syntax_error, app.take_reload)
    app.step([])
    assert app.screen == "diagnostics"
    listed = app.top.listed()
    assert any(line.startswith("tiny/scenes/guard.yaml:") and " PG100 " in line for line in listed)
    assert any(d.what.startswith("line: tiny/scenes/guard.yaml:") for d in app.drawn)   # on the panel
    app.step([key(pygame.K_ESCAPE), key(pygame.K_1, "1")])        # play cannot go on meanwhile
    assert app.screen == "diagnostics" and app.player.state.scene == "middle"

    edit(guard, "title: [The Middle", "title: The Middle")
    next_reload(arrived, loaded, app.take_reload)
    app.step([])
    assert app.screen == "scene" and app.player.state.scene == "middle"
    app.step([key(pygame.K_2, "2")])                               # Go back: play goes on
    assert app.player.state.scene == "post"


def test_the_window_takes_only_the_latest_reload(tiny_copy, window):
    app = window(tiny_copy)
    app.reloads = queue.Queue()
    app.start_role("guard")
    guard = tiny_copy / "scenes" / "guard.yaml"
    for words in ("First edit.", "Second edit."):
        edit(guard, "The river is black." if words == "First edit." else "First edit.", words)
        story, diagnostics = load_story(tiny_copy)
        app.reloads.put(Reload(story, diagnostics, ("scenes/guard.yaml",), 0.0, 0.0))
    app.step([])
    assert app.reloads.empty() and "Second edit." in shown_text(app)


def test_the_window_plays_on_over_a_file_cut_short_and_says_so(tiny_copy, window):
    app = window(tiny_copy)
    app.reloads = queue.Queue()
    app.start_role("guard")
    guard = tiny_copy / "scenes" / "guard.yaml"
    guard.write_text(guard.read_text(encoding="utf-8") + NEW_SCENE, encoding="utf-8")
    memo = ParseMemo()
    story, diagnostics = memo.load(tiny_copy, "tiny")
    app.reloads.put(Reload(story, diagnostics, ("scenes/guard.yaml",), 0.0, 0.0, cut_short=tuple(memo.cut_short.items())))
    app.step([])
    assert app.screen == "scene" and app.find("diagnostics") is None
    assert app.current_message().startswith("tiny/scenes/guard.yaml has a syntax error: play goes on")
    assert app.player.story is story


def test_the_debug_console_jumps_sets_and_shows_the_state(tiny_copy, window):
    app = window(tiny_copy, debug=True)
    app.start_role("guard")
    app.step([key(pygame.K_F12)])
    assert app.screen == "console" and app.top.typing()
    type_line(app, "goto hel")
    assert app.console_lines[-1] == ("error: no scene 'hel' (did you mean 'held'?)", "error")
    type_line(app, "goto middle")
    assert app.player.state.scene == "middle" and app.screen == "console"
    assert [s.name for s in app.stack] == ["scene", "console"]
    type_line(app, "set nerve=9")
    assert app.console_lines[-1] == ("error: nerve must be from 0 to 3; 9 is out of range", "error")
    type_line(app, "set orders=hold")
    assert app.player.state.variables["orders"] == "hold"
    type_line(app, "state")
    assert ("  orders = hold", "out") in app.console_lines
    type_line(app, "frob")
    assert app.console_lines[-1][1] == "error"
    app.step([key(pygame.K_UP)])
    assert app.top.typed == "frob"                                 # Up recalls the last command
    app.step([key(pygame.K_BACKQUOTE, "`")])
    assert app.screen == "scene"
    assert app.play.origin is not None                             # warped: not autosaved from here


def test_the_console_is_only_there_with_debug(tiny_copy, window):
    app = window(tiny_copy)
    app.start_role("guard")
    app.step([key(pygame.K_F12), key(pygame.K_BACKQUOTE, "`")])
    assert app.screen == "scene"


def test_the_console_on_the_title_screen_starts_a_game_at_a_scene(tiny_copy, window):
    app = window(tiny_copy, debug=True)
    app.step([key(pygame.K_BACKQUOTE, "`")])
    assert app.screen == "console"
    type_line(app, "state")
    assert app.console_lines[-1][1] == "error" and app.player is None
    type_line(app, "goto run_start")
    assert app.player.state.role == "runner" and app.player.state.scene == "run_start"


def test_more_errors_than_fit_say_how_many_more(tiny_copy, window):
    app = window(tiny_copy)
    app.start_role("guard")
    (tiny_copy / "scenes" / "guard.yaml").write_text(
        "scenes:\n" + "".join(f"  - {{id: s{n}, nonsense: {n}}}\n" for n in range(80)), encoding="utf-8")
    story, diagnostics = load_story(tiny_copy)
    app.take_reload(Reload(story, diagnostics, ("scenes/guard.yaml",), 0.0, 0.0))
    app.step([])
    lines = [d.what for d in app.drawn if d.what.startswith("line: ")]
    total = len(app.top.listed())
    assert 3 < len(lines) < total
    assert lines[-1] == f"line: ... and {total - len(lines) + 1} more lines: petrograd check lists every error"
    assert not any(d.clipped for d in app.drawn if d.what.startswith("line: "))


@pytest.mark.parametrize("size, scale", [((1024, 600), 2.0), ((1024, 600), 0.75), ((2560, 1440), 1.0)])
def test_the_overlays_lay_out_inside_the_window_unclipped(tiny_copy, window, size, scale):
    from test_window_layout import problems
    from engine.frontends.window import App
    app = App(Game(load_story_or_raise(tiny_copy)), seed=1, size=size, saves=SaveStore(tiny_copy.parent / "s"),
              debug=True)
    app.settings.text_speed, app.settings.text_scale = 0, scale
    app.start_role("guard")
    app.step([key(pygame.K_F12)])
    type_line(app, "goto nowhere")
    type_line(app, "state")
    app.console_lines.extend(app.console_lines * 15)     # more than the panel holds
    app.draw()
    assert [d for d in app.drawn if d.what.startswith("line: ")] and problems(app) == []
    app.step([key(pygame.K_ESCAPE)])
    (tiny_copy / "scenes" / "guard.yaml").write_text(
        "scenes:\n" + "".join(f"  - {{id: s{n}, nonsense: {n}}}\n" for n in range(40)), encoding="utf-8")
    app.take_reload(Reload(*load_story(tiny_copy), ("scenes/guard.yaml",), 0.0, 0.0))
    app.draw()
    assert app.screen == "diagnostics"
    assert [d for d in app.drawn if d.what.startswith("line: ")] and problems(app) == []


def test_the_console_stays_open_over_a_reload(tiny_copy, window):
    app = window(tiny_copy, debug=True)
    app.start_role("guard")
    app.step([key(pygame.K_F12)])
    type_line(app, "goto middle")
    edit(tiny_copy / "scenes" / "guard.yaml", "Wind off the Neva.", "Snow on the Neva.")
    story, diagnostics = load_story(tiny_copy)
    app.take_reload(Reload(story, diagnostics, ("scenes/guard.yaml",), 0.0, 0.0))
    app.step([])
    assert [s.name for s in app.stack] == ["scene", "console"]
    assert app.player.state.scene == "middle" and "Snow on the Neva." in shown_text(app)
    type_line(app, "state")
    assert app.console_lines[-1][1] == "out"


def test_the_window_starts_at_a_scene_and_watches(tiny_copy, tmp_path, monkeypatch):
    """play --scene --set --watch in the window, as the command line opens it (its frame loop
    stood in for: what it starts with is what is checked)."""
    from engine.frontends.window import App, run_window
    seen = {}

    def run(app):
        seen.update(scene=app.player.state.scene, variables=dict(app.player.state.variables), screen=app.screen,
                    origin=app.play.origin, reloads=app.reloads, debug=app.debug)
        return 0
    monkeypatch.setattr(App, "run", run)
    story = load_story_or_raise(tiny_copy)
    assert run_window(story, seed=1, saves_dir=str(tmp_path / "saves"), warp_to=("middle", {"nerve": 0}),
                      watch=(tiny_copy, "tiny"), debug=True) == 0
    assert seen["scene"] == "middle" and seen["variables"]["nerve"] == 0 and seen["screen"] == "scene"
    assert seen["origin"] is not None and seen["reloads"] is not None and seen["debug"]
    pygame.quit()


def test_a_watcher_that_cannot_start_says_why_once(tiny_copy, monkeypatch, capsys):
    import watchfiles

    def no_more_watches(*args, **kwargs):
        raise OSError(28, "inotify watch limit reached")
        yield   # a generator, as watchfiles.watch is
    monkeypatch.setattr(watchfiles, "watch", no_more_watches)
    watcher = StoryWatcher(tiny_copy, "tiny", lambda reload: None).start()
    assert not watcher.wait_ready(WAIT)
    watcher.stop()
    assert "inotify watch limit reached" in watcher.failure
    err = capsys.readouterr().err
    assert err.count("petrograd: the story is no longer watched") == 1 and "Traceback" not in err


def test_watch_on_a_broken_story_waits_for_the_fix_then_plays(tiny_copy):
    """play --watch on a story that has errors at start shows them and starts once a save fixes them
    (it used to exit)."""
    import subprocess
    import sys
    import time
    guard = tiny_copy / "scenes" / "guard.yaml"
    good = guard.read_text()
    guard.write_text(good + "\n  - [unclosed\n")
    proc = subprocess.Popen([sys.executable, "-m", "engine", "play", "--text", "--watch", "--role", "guard",
                             str(tiny_copy)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 60
        seen = ""
        while "waiting for a save that fixes them" not in seen and time.time() < deadline:
            seen += proc.stderr.readline()
        assert "waiting for a save that fixes them" in seen and "PG100" in seen, seen
        time.sleep(0.5)
        guard.write_text(good)
        out, _ = proc.communicate(":quit\n", timeout=60)
        assert proc.returncode == 0 and "1." in out, out[-800:]
    finally:
        if proc.poll() is None:
            proc.kill()

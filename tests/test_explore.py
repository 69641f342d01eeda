"""Exploration and random playthroughs find soft-locks and unreachable endings."""
import subprocess
import sys

from conftest import FIXTURES
from engine import Game, load_story_or_raise
from engine.checker.explore import explore_role, random_playthroughs
from engine.diagnostics import EXAMPLE_BASE


def test_explore_tiny_is_complete_and_finds_all_endings(tiny):
    report = explore_role(tiny, "guard")
    assert report.complete
    assert report.endings_seen == {"held", "open"}
    assert not report.soft_locks
    assert report.values["nerve"] == {0, 1, 2, 3}


def test_random_playthroughs_cover_the_story(tiny):
    result = random_playthroughs(tiny, "guard", 200, seed=3)
    assert result["stuck"] == 0
    assert set(result["endings"]) == {"held", "open"}
    assert result["scene_coverage"] == (5, 5)


def softlocked(story_dir):
    # The only way on is closed for ever: courage never reaches 3, so the statically fine graph soft-locks.
    text = EXAMPLE_BASE["scenes/main.yaml"].replace("{text: Go on., to: end, do: courage += 1}",
                                                    "{text: Go on., to: end, if: courage >= 3}")
    text = text.replace("{if: courage >= 1, text: You were brave.}", "{if: courage >= 1, text: You were brave.}")
    return story_dir({"scenes/main.yaml": text})


def test_explore_reports_a_soft_lock_and_exits_1(story_dir):
    root = softlocked(story_dir)
    game = Game(load_story_or_raise(root))
    report = explore_role(game, "hero")
    assert report.soft_locks == ["start"]
    out = subprocess.run([sys.executable, "-m", "engine", "check", "--explore", str(root)], capture_output=True, text=True)
    assert out.returncode == 1
    assert "SOFT-LOCK: in scene start" in out.stdout and "unreachable ending: end" in out.stdout


def test_random_reports_stuck_runs(story_dir):
    root = softlocked(story_dir)
    out = subprocess.run([sys.executable, "-m", "engine", "check", "--random", "10", "--seed", "2", str(root)],
                         capture_output=True, text=True)
    assert out.returncode == 1 and "stuck 10" in out.stdout


def _scene(sid, choices, ending=False):
    head = (f"  - id: {sid}\n    role: hero\n    title: {sid}\n    date: 1917-10-25\n    time: \"22:00\"\n"
            f"    place: A square\n    image: places/square\n    sources: [{{source: src, where: p. 1}}]\n"
            f"    text: In {sid}.\n")
    if ending:
        return head + "    ending: {title: Done}\n"
    return head + "    choices:\n" + "".join(f"      - {c}\n" for c in choices)


def _diamonds(story_dir, n, extra=""):
    """start -> (left | right) -> m1 -> (left | right) -> m2 ... -> end: 2**n paths, few states."""
    scenes = []
    prev = "start"
    for i in range(1, n + 1):
        scenes.append(_scene(prev, [f"{{text: Left., to: l{i}}}", f"{{text: Right., to: r{i}{extra}}}"]))
        scenes.append(_scene(f"l{i}", [f"{{text: On., to: m{i}}}"]))
        scenes.append(_scene(f"r{i}", [f"{{text: On., to: m{i}}}"]))
        prev = f"m{i}"
    scenes.append(_scene(prev, ["{text: Finish., to: end}"]))
    scenes.append(_scene("end", [], ending=True))
    files = {"scenes/main.yaml": "variables:\n  courage: {type: int, default: 0, min: 0, max: 3}\nscenes:\n" + "".join(scenes)}
    return Game(load_story_or_raise(story_dir(files)))


def test_paths_that_meet_are_one_state(story_dir):
    """12 diamonds in a row are 4,096 paths but 3 states a diamond: the search must not grow with
    the paths (it did while the whole choice log was part of a state)."""
    report = explore_role(_diamonds(story_dir, 12), "hero", max_states=100_000, max_seconds=30)
    assert report.complete and report.endings_seen == {"end"}
    assert report.states == 1 + 3 * 12 + 1      # start, (l, r, m) per diamond, end


def test_variables_still_tell_states_apart(story_dir):
    game = _diamonds(story_dir, 3, extra=", do: courage += 1")
    report = explore_role(game, "hero", max_states=100_000, max_seconds=30)
    assert report.complete
    assert report.values["courage"] == {0, 1, 2, 3}
    assert report.states > 1 + 3 * 3 + 1


def test_once_only_choices_taken_are_part_of_a_state(tiny):
    from engine.checker.explore import _key, _once_only
    story = tiny.story
    once = _once_only(story)
    assert once, "the tiny fixture has a once-only choice"
    player = tiny.new_player("guard")
    plain = _key(player.state, frozenset(), False, once)
    scene, index = sorted(once)[0]
    player.state.log.append((scene, index))
    assert _key(player.state, frozenset(), False, once) != plain
    player.state.log.append(("somewhere", 9))          # not once-only: no difference
    assert _key(player.state, frozenset(), False, once) == _key(
        type(player.state)(**{**player.state.__dict__, "log": [(scene, index)]}), frozenset(), False, once)


def test_dice_keep_the_turn_in_a_state(story_dir):
    from engine.checker.explore import _reads_turn
    game = _diamonds(story_dir, 1, extra=", do: courage = roll(3)")
    assert _reads_turn(game.story, "hero")
    assert not _reads_turn(_diamonds(story_dir, 1).story, "hero")


def test_dice_in_another_roles_scene_keep_the_turn(story_dir):
    """A role's choices can lead into a scene of another role; if that scene rolls dice, states
    reached there at different turns must stay apart (else an ending can look unreachable)."""
    scenes = [
        _scene("start", ["{text: Straight., to: hub}", "{text: Round., to: mid}"]),
        _scene("mid", ["{text: On., to: mid2}"]),
        _scene("mid2", ["{text: On again., to: hub}"]),
        _scene("win", [], ending=True),
        _scene("lose", [], ending=True),
    ]
    hub = _scene("hub", ["{text: Win., to: win, if: d == 1}", "{text: Lose., to: lose, if: d != 1}"])
    hub = hub.replace("    role: hero\n", "    role: other\n").replace("    text: In hub.\n",
                                                                       "    text: In hub.\n    on_enter: d = roll(6)\n")
    files = {
        "scenes/main.yaml": "variables:\n  courage: {type: int, default: 0, min: 0, max: 3}\n"
                            "  d: {type: int, default: 0, min: 0, max: 6}\nscenes:\n" + "".join(scenes) + hub,
    }
    root = story_dir(files)
    manifest = (root / "story.yaml").read_text().replace(
        "roles:\n", "roles:\n  - {id: other, name: Other, description: Another., start: hub}\n")
    (root / "story.yaml").write_text(manifest)
    game = Game(load_story_or_raise(root))
    from engine.checker.explore import _reads_turn
    assert _reads_turn(game.story, "hero")
    report = explore_role(game, "hero", max_states=100_000, max_seconds=30)
    assert report.complete
    expected = set()
    for path in (["Straight."], ["Round.", "On.", "On again."]):
        player = game.new_player("hero", seed=0)
        for text in path:
            player.choose(next(c.index for c in player.frame().choices if c.text == text))
        expected.add(player.frame().choices[0].text)
    assert expected == {"Win.", "Lose."}        # seed 0 rolls differently on the two paths
    reached = {("Win." if e == "win" else "Lose.") for e in report.endings_seen}
    assert reached == expected
    reached = {"Win." if "win" in report.endings_seen else None, "Lose." if "lose" in report.endings_seen else None}
    assert expected <= reached

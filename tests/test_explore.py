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

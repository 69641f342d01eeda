"""The bundled story loads with zero errors and zero warnings, and every role can reach an ending."""
from conftest import ROOT
from engine import load_story
from engine.checker import reachable_from, story_stats


def test_bundled_story_checks_clean():
    story, diagnostics = load_story(ROOT / "story")
    assert [d.format() for d in diagnostics] == []
    assert story is not None


def test_every_role_reaches_an_ending_and_every_scene_is_reachable():
    story, _ = load_story(ROOT / "story")
    reached = set()
    for role in story.roles.values():
        from_start = reachable_from(story, role.start)
        assert any(story.scenes[s].is_ending for s in from_start), role.id
        reached |= from_start
    assert reached == set(story.scenes)


def test_stats_count_what_is_there():
    story, _ = load_story(ROOT / "story")
    stats = story_stats(story)
    assert stats["totals"]["scenes"] == len(story.scenes)
    assert sum(r["endings"] for r in stats["roles"].values()) >= stats["totals"]["endings"]

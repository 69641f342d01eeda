"""Where the Alexeeva role meets the Lenin role (the dog in the lane, the kettle, the last tram), the two
tell the same moment: same date and time, and each names what the other sees."""
import pytest

from conftest import ROOT
from engine import load_story_or_raise
from engine.markup import plain

# (Alexeeva's scene, Lenin's scene, a phrase each must contain about the shared moment)
CROSSINGS = [
    ("alexeeva_dog_night", "lenin_lesnoi_snow", ("two men are standing in the snow", "goes to the dog")),
    ("alexeeva_kettle", "lenin_lesnoi_motion", ("take the big kettle in", "comes in with a kettle")),
    ("alexeeva_tram", "lenin_tram", ("old woman with a", "old woman with a basket")),
]


@pytest.fixture(scope="module")
def story():
    return load_story_or_raise(ROOT / "story")


def words_of(scene) -> str:
    """Every paragraph the scene can show, whatever its conditions."""
    parts = [part for block in scene.text for part in (block.text, block.otherwise) if part]
    return plain(" ".join(parts))


@pytest.mark.parametrize("hers, his, phrases", CROSSINGS)
def test_the_shared_moment_is_at_the_same_hour_and_seen_from_both_sides(story, hers, his, phrases):
    a, b = story.scenes[hers], story.scenes[his]
    assert (a.date, a.time) == (b.date, b.time), f"{hers} at {a.date} {a.time}, {his} at {b.date} {b.time}"
    assert phrases[0].lower() in words_of(a).lower(), hers
    assert phrases[1].lower() in words_of(b).lower(), his

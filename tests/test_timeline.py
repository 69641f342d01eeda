"""The timeline (timeline:) is the one record of dated events: scenes, map changes and assemblies refer
to it by id, the checker holds them to it, and the codex's chronology and the teacher guide read it."""
import pytest

from engine import load_story
from engine.chronology import guide_events
from engine.diagnostics import CATALOGUE, EXAMPLE_BASE, _timeline

from conftest import ROOT

MAP = "map:\n  timeline:\n    - {place: square, holder: mrc, source: src, where: p. 1, event: arrival}\n"


def load(story_dir, files):
    return load_story(story_dir(files))


def test_a_story_that_keeps_to_its_timeline_checks_clean(story_dir):
    files = _timeline(extra=MAP, scene_events="arrival")
    story, diagnostics = load(story_dir, files)
    assert diagnostics == []
    assert [e.id for e in story.timeline] == ["arrival"]
    assert story.scenes["start"].events == ("arrival",)
    # The map change takes its time from the event when it gives none of its own.
    assert story.map_timeline == (("1917-10-25 21:40", "square", "mrc"),)


def test_the_chronology_is_a_codex_entry_made_from_the_events(story_dir):
    story, diagnostics = load(story_dir, _timeline())
    assert diagnostics == []
    entry = story.codex["chronology"]
    assert entry.title == "Chronology"
    assert entry.text == "*25 October, 21:40.* The hero arrives in the square. (A source)"
    assert guide_events(story) == [entry.text]


def test_an_approximate_event_says_so(story_dir):
    files = _timeline(old="      title: The hero", new="      approximate: true\n      title: The hero")
    story, diagnostics = load(story_dir, files)
    assert diagnostics == []
    assert story.codex["chronology"].text.startswith("*25 October, about 21:40.*")


@pytest.mark.parametrize("code, path, line, column", [
    ("PG700", "scenes/main.yaml", 9, 14),     # the unknown id in events:
    ("PG701", "scenes/main.yaml", 9, 14),     # the event the scene is dated before
    ("PG702", "timeline.yaml", 10, 12),       # the map change's at:
    ("PG703", "scenes/main.yaml", 9, 14),     # the event whose sources the scene does not cite
    ("PG704", "timeline.yaml", 10, 7),        # the map change with no event
])
def test_timeline_diagnostics_point_at_the_mistake(story_dir, code, path, line, column):
    _, diagnostics = load(story_dir, next(c for c in CATALOGUE if c.code == code).example)
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1 and found[0].span.path.endswith(path)
    assert (found[0].span.line, found[0].span.column) == (line, column)
    # Each example shows its own mistake and no other.
    assert {d.code for d in diagnostics} == {code}


def test_a_map_change_citing_another_source_than_its_event(story_dir):
    files = _timeline(extra=MAP.replace("source: src", "source: other"))
    files["story.yaml"] = EXAMPLE_BASE["story.yaml"].replace(
        "    - {id: src, title: A source}\n", "    - {id: src, title: A source}\n    - {id: other, title: Another}\n")
    _, diagnostics = load(story_dir, files)
    assert [d.code for d in diagnostics] == ["PG703"]
    assert "A source" in diagnostics[0].message and "Another" in diagnostics[0].message


def test_an_assembly_dated_before_its_event(story_dir):
    from engine.diagnostics import _assembly
    files = _timeline() | _assembly("    place: A square\n", "    place: A square\n    events: [arrival]\n")
    files["assemblies.yaml"] = files["assemblies.yaml"].replace('time: "21:50"', 'time: "21:30"')
    _, diagnostics = load(story_dir, files)
    assert [d.code for d in diagnostics] == ["PG701"]
    assert "assembly meeting" in diagnostics[0].message

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
    assert story.map_timeline == (("1905-10-25 21:40", "square", "mrc"),)


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
def test_the_bundled_story_keeps_to_its_timeline():
    story, diagnostics = load_story(ROOT / "story")
    assert story is not None and not [d for d in diagnostics if d.code.startswith("PG7")]
    assert len(story.timeline) >= 20
    # Every map change names an event (PG704 would say otherwise), and the chronology lists them all.
    chronology = story.codex["chronology"].text
    assert chronology.count("\n\n") == len(story.timeline) - 1
    assert "seed" not in chronology.lower()


def test_the_bundled_story_would_be_caught_dating_maslov_s_call_early(tmp_path):
    """The journalist's Duma scene once had Maslov's call at 22:45, before the shelling the minister's
    scene put it after; with both tied to the one event, the checker now refuses that."""
    import shutil
    copy = tmp_path / "story"
    shutil.copytree(ROOT / "story", copy, ignore=shutil.ignore_patterns(".petrograd-cache"))
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    scenes = copy / "scenes" / "journalist" / "03_oct25_night.yaml"
    text = scenes.read_text(encoding="utf-8")
    assert text.count('time: "23:45"\n    events: [maslov_call]') == 1
    scenes.write_text(text.replace('time: "23:45"\n    events: [maslov_call]', 'time: "22:45"\n    events: [maslov_call]'),
                      encoding="utf-8")
    story, diagnostics = load_story(copy)
    assert story is None
    found = [(d.code, d.span.path.endswith("03_oct25_night.yaml")) for d in diagnostics]
    # PG612 too: dated 22:45, the scene would also come before the Duma's vote that it reads
    assert ("PG701", True) in found and set(found) <= {("PG701", True), ("PG612", True)}, found


def player_visible_texts(story):
    """Every string of the bundled story a player or a class can be shown."""
    for s in story.scenes.values():
        yield s.title
        yield s.note
        yield s.content_note
        for block in s.text:
            yield block.text
            yield block.otherwise
        for c in s.choices:
            yield c.text
        if s.ending:
            yield s.ending.title
            yield s.ending.summary
    for e in story.codex.values():
        yield e.title
        yield e.text
    for r in story.roles.values():
        yield from (r.name, r.title, r.description, r.biography, r.starts)
    for a in story.assemblies:
        yield from (a.title, a.summary, a.content_note, *a.questions)
        for m in a.motions:
            yield from (m.text, m.historical.note, m.historical.recorded, *(o.text for o in m.options))
        for p in a.participants:
            yield from (line.text for line in p.lines)


def test_players_never_read_the_word_seeds_and_quotes_are_straight():
    import re
    story, _ = load_story(ROOT / "story")
    texts = [t for t in player_visible_texts(story) if t]
    assert len(texts) > 2000
    # "seed" as in sunflower seeds is allowed; our word for the source files is not.
    assert not [t for t in texts if re.search(r"\bseeds?\b", t, re.I) and "sunflower" not in t]
    assert not [t for t in texts if re.search("[\u201c\u201d]", t)]
    files = sorted((ROOT / "story").rglob("*.yaml"))
    assert not [f for f in files if re.search("[\u201c\u201d]", f.read_text(encoding="utf-8"))]


def test_the_teacher_guide_tells_the_timeline_hour_by_hour():
    from engine.session.printables import teacher_guide
    story, _ = load_story(ROOT / "story")
    blocks = teacher_guide(story)
    heads = [b.text for b in blocks if b.kind == "h1"]
    start = heads.index("What really happened, hour by hour")
    at = next(i for i, b in enumerate(blocks) if b.kind == "h1" and b.text == heads[start])
    items = [b.text for b in blocks[at + 1:at + 1 + len(story.timeline)]]
    assert len(items) == len(story.timeline)
    assert "25 October, 11:00" in next(t for t in items if "Kerensky leaves" in t)
    assert "Miéville places the call just after the Aurora's blank" in next(t for t in items if "Maslov" in t)


def test_an_event_known_only_by_its_day(story_dir):
    day = _timeline(scene_events="arrival", old='"1905-10-25 21:40"', new='"1905-10-25"')
    story, diagnostics = load(story_dir, day)
    assert diagnostics == []      # the scene at 21:40 that day does not contradict it
    assert story.timeline[0].time == "" and story.codex["chronology"].text.startswith("*25 October.* The hero")
    _, diagnostics = load(story_dir, _timeline(scene_events="arrival", old='"1905-10-25 21:40"', new='"1905-10-26"'))
    assert [d.code for d in diagnostics] == ["PG701"]
    # A map change cannot take its hour from an event that has none.
    _, diagnostics = load(story_dir, _timeline(extra=MAP, old='"1905-10-25 21:40"', new='"1905-10-25"'))
    assert [d.code for d in diagnostics] == ["PG702"]


def test_a_note_that_names_a_source_it_does_not_cite(story_dir):
    example = next(c for c in CATALOGUE if c.code == "PG705").example
    _, diagnostics = load(story_dir, example)
    assert [(d.code, d.span.path.endswith("scenes/main.yaml"), d.span.line) for d in diagnostics] == [("PG705", True, 27)]   # the note: line
    assert "Smith" in diagnostics[0].message
    cited = dict(example)
    cited["scenes/main.yaml"] = cited["scenes/main.yaml"].replace(
        "sources: [{source: src, where: p. 2}]", "sources: [{source: src, where: p. 2}, {source: other, where: p. 7}]")
    _, diagnostics = load(story_dir, cited)
    assert diagnostics == []


def test_the_timeline_survives_the_compiled_cache(tmp_path):
    from engine.loading.cache import load_story_cached
    load_story_cached(ROOT / "story", cache_dir=tmp_path)            # writes the cache
    warm, _ = load_story_cached(ROOT / "story", cache_dir=tmp_path)  # reads it
    cold, _ = load_story(ROOT / "story")
    assert warm.timeline == cold.timeline and len(warm.timeline) >= 60
    assert warm.map_timeline == cold.map_timeline
    assert warm.codex["chronology"] == cold.codex["chronology"]
    assert warm.scenes["journalist_duma_chamber"].events == ("maslov_call",)
    assert [a.events for a in warm.assemblies] == [a.events for a in cold.assemblies]

"""What the story loader (engine/loading/builder.py) reads into the model, and where it points when an
author gets it wrong: tests written for the survivors of its mutation run (README, "Mutation testing",
fourth round). Each checks a value an author relies on, or a diagnostic's code, place and wording."""
import pytest

from engine import load_story
from engine.diagnostics import EXAMPLE_BASE, _timeline

BASE_ROLE = "  - {id: hero, name: Hero, description: A hero., start: start}\n"


def with_roles(roles: str) -> dict[str, str]:
    return {"story.yaml": EXAMPLE_BASE["story.yaml"].replace(BASE_ROLE, roles)}


def with_variables(variables: str) -> dict[str, str]:
    """The base story with its `variables:` block replaced (courage stays: the scenes use it)."""
    base = EXAMPLE_BASE["scenes/main.yaml"]
    return {"scenes/main.yaml": base.replace("variables:\n  courage: {type: int, default: 0, min: 0, max: 3}\n",
                                             "variables:\n  courage: {type: int, default: 0, min: 0, max: 3}\n"
                                             + variables)}


def placed(diagnostics):
    """Every diagnostic as (code, line, column, message), in the order reported."""
    return [(d.code, d.span.line, d.span.column, d.message) for d in diagnostics]


def found(diagnostics, code):
    """The one diagnostic of `code`, as (file name, line, column, message)."""
    hits = [d for d in diagnostics if d.code == code]
    assert len(hits) == 1, diagnostics
    d = hits[0]
    return d.span.path.rsplit("/", 1)[-1], d.span.line, d.span.column, d.message


# -- roles ------------------------------------------------------------------------------------------

def test_a_role_reads_every_field_an_author_gives(story_dir):
    story, diagnostics = load_story(story_dir(with_roles(
        "  - {id: hero, name: Hero, title: The hero, description: A hero., biography: Born in a square.,\n"
        "     start: start, portrait: places/square, starts: Late in the evening., minutes: 20}\n")))
    assert diagnostics == []
    role = story.roles["hero"]
    assert (role.id, role.name, role.title, role.description, role.biography) == (
        "hero", "Hero", "The hero", "A hero.", "Born in a square.")
    assert (role.start, role.portrait, role.starts, role.minutes) == ("start", "places/square", "Late in the evening.", 20)
    assert (role.span.line, role.span.column) == (9, 10)   # the role's id


def test_a_role_without_a_title_is_titled_by_its_name(story_dir):
    story, diagnostics = load_story(story_dir())
    assert diagnostics == []
    role = story.roles["hero"]
    assert (role.title, role.biography, role.portrait, role.starts, role.minutes) == ("Hero", "", None, "", None)


# -- variables --------------------------------------------------------------------------------------

def test_variables_of_each_type_are_read_with_their_bounds_values_and_words(story_dir):
    story, diagnostics = load_story(story_dir(with_variables(
        "  mood: {type: str, default: calm, values: [calm, angry], description: How you feel.}\n"
        "  armed: {type: bool, default: true}\n"
        "  bread: {type: int, default: -2, min: -5, max: 5, saturates: true}\n"
        "  still: {type: int, default: 0, min: 0, max: 0}\n")))
    assert {d.code for d in diagnostics} == {"PG502"}     # only: never read by a condition
    v = story.variables
    assert (v["mood"].type, v["mood"].default, v["mood"].values, v["mood"].description) == (
        "str", "calm", ("calm", "angry"), "How you feel.")
    assert (v["armed"].type, v["armed"].default, v["armed"].values) == ("bool", True, ())
    assert (v["bread"].default, v["bread"].min, v["bread"].max, v["bread"].saturates) == (-2, -5, 5, True)
    assert (v["still"].default, v["still"].min, v["still"].max, v["still"].saturates) == (0, 0, 0, False)
    assert (v["bread"].span.line, v["bread"].span.column) == (5, 3)


@pytest.mark.parametrize("variables, code, column, message", [
    ("  and: {type: bool, default: true}\n", "PG203", 3,
     "'and' is a word of the condition language; choose another name"),
    ("  n: {type: int, default: 1, min: 0}\n", "PG311", 6, "the number variable n needs min and max"),
    ("  n: {type: int, default: 1, max: 3}\n", "PG311", 6, "the number variable n needs min and max"),
    ("  n: {type: int, default: 9, min: 0, max: 3}\n", "PG311", 6, "n needs min <= default <= max (here 0 <= 9 <= 3)"),
    ("  n: {type: int, default: -1, min: 0, max: 3}\n", "PG311", 6,
     "n needs min <= default <= max (here 0 <= -1 <= 3)"),
    ("  s: {type: str, default: a}\n", "PG311", 6, "the text variable s needs a list of its values"),
    ("  s: {type: str, default: c, values: [a, b]}\n", "PG311", 6, "s's default 'c' is not among its values"),
    ("  s: {type: float, default: 1}\n", "PG202", 13, "type is int, bool or str"),
    ("  s: {type: str, default: a, values: [a], max: 3}\n", "PG311", 48, "max does not apply to a str variable"),
    ("  s: {type: str, default: a, values: [a], min: 3}\n", "PG311", 48, "min does not apply to a str variable"),
    ("  s: {type: str, default: a, values: [a], saturates: true}\n", "PG311", 54,
     "saturates does not apply to a str variable"),
    ("  b: {type: bool, default: true, values: [a]}\n", "PG311", 42, "values does not apply to a bool variable"),
])
def test_a_variable_declared_wrong_is_named_where_it_is(story_dir, variables, code, column, message):
    story, diagnostics = load_story(story_dir(with_variables(variables)))
    assert found(diagnostics, code) == ("main.yaml", 3, column, message)
    if code != "PG311" or "does not apply" not in message:
        assert story is None or "n" not in story.variables and "s" not in story.variables


def test_a_variable_declared_in_two_files_is_named_with_the_first(story_dir):
    _, diagnostics = load_story(story_dir({"scenes/more.yaml": "variables:\n  courage: {type: bool, default: true}\n"}))
    name, line, column, message = found(diagnostics, "PG300")
    assert (name, line, column) == ("more.yaml", 2, 3)
    assert message.startswith("the variable 'courage' is declared twice (first at ") and "main.yaml:2:3" in message


def test_variables_that_are_not_a_block_are_refused(story_dir):
    _, diagnostics = load_story(story_dir({"scenes/more.yaml": "variables: [a, b]\n"}))
    assert found(diagnostics, "PG202") == ("more.yaml", 1, 12,
                                            "variables: should be a block of name: {type, default, ...}")


# -- the map -----------------------------------------------------------------------------------------

def test_the_map_s_labels_and_changes_are_read(story_dir):
    story, diagnostics = load_story(story_dir({"map.yaml": (
        "map:\n  labels: {river: The river, bridge: 3}\n"
        "  timeline:\n    - {at: \"1905-10-25 7:05\", place: square, holder: mrc}\n")}))
    assert diagnostics == []
    assert dict(story.map_labels) == {"river": "The river", "bridge": "3"}
    # The hour is written with two digits, whatever the author wrote.
    assert story.map_timeline == (("1905-10-25 07:05", "square", "mrc"),)


@pytest.mark.parametrize("text, code, line, column, message", [
    ("map: [a]\n", "PG202", 1, 6, "map: should be a block of fields"),
    ("map:\n  labels: [a]\n  timeline: []\n", "PG202", 2, 11, "labels: should be a block of key: words"),
    ("map:\n  timeline: {a: b}\n", "PG202", 2, 13, "timeline should be a list (lines starting with '- ')"),
    ("map:\n  timeline:\n    - just words\n", "PG202", 3, 7, "a map change should be a block of fields"),
    ("map:\n  timeline:\n    - {place: square, holder: mrc}\n", "PG201", 3, 7,
     "a map change needs at: (\"1905-10-25 07:00\") or event: (a timeline event)"),
    ("map:\n  timeline:\n    - {at: \"1905-10-25\", place: square, holder: mrc}\n", "PG204", 3, 12,
     "at: '1905-10-25' should look like \"1905-10-25 07:00\""),
])
def test_a_map_written_wrong_is_named_where_it_is(story_dir, text, code, line, column, message):
    story, diagnostics = load_story(story_dir({"map.yaml": text}))
    assert story is None
    assert found(diagnostics, code) == ("map.yaml", line, column, message)


def test_each_map_change_is_checked_after_one_written_wrong(story_dir):
    _, diagnostics = load_story(story_dir({"map.yaml": (
        "map:\n  timeline:\n    - just words\n    - {place: square, holder: mrc}\n")}))
    assert [(d.code, d.span.line, d.span.column) for d in diagnostics] == [("PG202", 3, 7), ("PG201", 4, 7)]


def test_a_map_change_s_event_must_be_an_id(story_dir):
    _, diagnostics = load_story(story_dir({"map.yaml": (
        "map:\n  timeline:\n    - {event: Big Day, place: square, holder: mrc}\n")}))
    assert found(diagnostics, "PG203") == (
        "map.yaml", 3, 15, "event 'Big Day' is not a valid id (letters, digits and _, starting with a letter)")


def test_every_map_change_is_checked_past_the_ones_with_a_bad_time(story_dir):
    # A number for at: (not text), two changes with no time at all, and then a bad place: each is named.
    _, diagnostics = load_story(story_dir({"map.yaml": (
        "map:\n  timeline:\n    - {at: 1905, place: square, holder: mrc}\n"
        "    - {place: square, holder: mrc}\n    - {place: bridge, holder: mrc}\n"
        "    - {at: \"1905-10-25 07:00\", place: Big Bridge, holder: mrc}\n")}))
    assert placed(diagnostics) == [
        ("PG204", 3, 12, "at: '1905' should look like \"1905-10-25 07:00\""),
        ("PG201", 4, 7, "a map change needs at: (\"1905-10-25 07:00\") or event: (a timeline event)"),
        ("PG201", 5, 7, "a map change needs at: (\"1905-10-25 07:00\") or event: (a timeline event)"),
        ("PG203", 6, 39, "place 'Big Bridge' is not a valid id (letters, digits and _, starting with a letter)"),
    ]


def test_a_map_change_s_place_holder_and_source_are_checked(story_dir):
    _, diagnostics = load_story(story_dir({"map.yaml": (
        "map:\n  timeline:\n    - {at: \"1905-10-25 07:00\", place: [a], holder: [b]}\n"
        "    - {at: \"1905-10-25 07:00\", place: bridge, holder: mrc, source: Bad One}\n"
        "    - {at: \"1905-10-25 07:00\", place: bridge, holder: mrc, source: nosuch}\n")}))
    assert placed(diagnostics) == [
        ("PG202", 3, 39, "place should be an id"),
        ("PG202", 3, 52, "holder should be text"),
        ("PG203", 4, 68, "source 'Bad One' is not a valid id (letters, digits and _, starting with a letter)"),
        ("PG304", 5, 68, "unknown source 'nosuch'; sources are: src"),
    ]


MAP_WITH_HOLDERS = EXAMPLE_BASE["story.yaml"].replace("  assets: assets\n", (
    "  assets: assets\n  map: {name: City, drawing: city.py,\n"
    "        holders: {mrc: the committee, crown: {words: the Crown, ink: red}}}\n"))


def test_a_story_s_map_holders_are_read_and_its_changes_held_to_them(story_dir):
    changes = ("map:\n  timeline:\n    - {at: \"1905-10-25 07:00\", place: square, holder: crown}\n"
               "    - {at: \"1905-10-25 08:00\", place: square, holder: mrc}\n")
    story, diagnostics = load_story(story_dir({"story.yaml": MAP_WITH_HOLDERS, "assets/city.py": "", "map.yaml": changes}))
    assert diagnostics == []
    assert story.map_timeline == (("1905-10-25 07:00", "square", "crown"), ("1905-10-25 08:00", "square", "mrc"))
    assert (dict(story.map_holders), dict(story.map_inks)) == ({"mrc": "the committee", "crown": "the Crown"},
                                                               {"crown": "red"})
    # A holder the map does not name is refused, and the next change is still checked.
    wrong = changes.replace("holder: crown", "holder: rebels").replace("place: square, holder: mrc",
                                                                       "place: S q, holder: mrc")
    _, diagnostics = load_story(story_dir({"story.yaml": MAP_WITH_HOLDERS, "assets/city.py": "", "map.yaml": wrong}))
    assert placed(diagnostics) == [
        ("PG202", 3, 55, "holder is one of the map's holders: mrc, crown"),
        ("PG203", 4, 39, "place 'S q' is not a valid id (letters, digits and _, starting with a letter)"),
    ]


# -- the timeline ------------------------------------------------------------------------------------

TIMELINE = """timeline:
  chronology: {id: chronology, title: Chronology}
  events:
    - id: arrival
      at: "1905-10-25 7:05"
      title: The hero arrives
      place: The square
      who: [Hero, Crowd]
      differs: Another account says eight.
      approximate: true
      sources: [{source: src, where: p. 1}, {source: src, where: p. 2}]
    - {id: dawn, at: "1905-10-24", title: Dawn, sources: [{source: src, where: p. 3}]}
    - {id: late, at: "1905-10-25 23:59", title: Late, sources: [{source: src, where: p. 4}]}
"""


def test_every_field_of_an_event_is_read_and_the_events_kept_in_time_order(story_dir):
    story, diagnostics = load_story(story_dir({"timeline.yaml": TIMELINE}))
    assert diagnostics == []
    dawn, arrival, late = story.timeline
    assert (dawn.id, dawn.date, dawn.time, dawn.place, dawn.who, dawn.differs, dawn.approximate) == (
        "dawn", "1905-10-24", "", "", (), "", False)
    assert (arrival.date, arrival.time, arrival.title, arrival.place, arrival.who, arrival.differs,
            arrival.approximate) == ("1905-10-25", "07:05", "The hero arrives", "The square", ("Hero", "Crowd"),
                                     "Another account says eight.", True)
    assert [(c.source, c.where) for c in arrival.sources] == [("src", "p. 1"), ("src", "p. 2")]
    assert (arrival.span.line, arrival.span.column, late.time) == (4, 11, "23:59")
    chronology = story.codex["chronology"]
    assert (chronology.title, chronology.span.line, chronology.span.column) == ("Chronology", 2, 20)


@pytest.mark.parametrize("old, new, code, line, column, message", [
    ('"1905-10-25 7:05"', '"1905-10-25 24:00"', "PG205", 5, 11, "at: '1905-10-25 24:00' is not a time of day"),
    ('"1905-10-25 7:05"', '"1905-10-25 23:60"', "PG205", 5, 11, "at: '1905-10-25 23:60' is not a time of day"),
    ('"1905-10-25 7:05"', "1905", "PG204", 5, 11,
     "at: '1905' should look like \"1905-10-25 07:00\" (or \"1905-10-25\" for a day)"),
    ('"1905-10-25 7:05"', '"1905-13-25"', "PG204", 5, 11,
     "the event's date '1905-13-25' should be a date like 1905-10-25"),
    ("sources: [{source: src, where: p. 3}]", "sources: []", "PG201", 12, 7,
     "event dawn needs at least one source under sources:"),
    ("id: late", "id: dawn", "PG300", 13, 12, "the event id 'dawn' is used twice (first at "),
    ("  chronology: {id: chronology, title: Chronology}\n", "  chronology: [a]\n", "PG202", 2, 15,
     "chronology: should be a block of fields"),
])
def test_an_event_written_wrong_is_named_where_it_is(story_dir, old, new, code, line, column, message):
    story, diagnostics = load_story(story_dir({"timeline.yaml": TIMELINE.replace(old, new)}))
    assert story is None and len(diagnostics) == 1
    name, at_line, at_column, said = found(diagnostics, code)
    assert (name, at_line, at_column) == ("timeline.yaml", line, column)
    assert said.startswith(message) if message.endswith("(first at ") else said == message


@pytest.mark.parametrize("text, line, column, message", [
    ("timeline: [a]\n", 1, 11, "timeline: should be a block of fields"),
    ("timeline:\n  events: {a: b}\n", 2, 11, "events should be a list (lines starting with '- ')"),
])
def test_a_timeline_that_is_not_a_block_of_events_is_refused(story_dir, text, line, column, message):
    _, diagnostics = load_story(story_dir({"timeline.yaml": text}))
    assert found(diagnostics, "PG202") == ("timeline.yaml", line, column, message)


def test_map_changes_are_held_to_their_events_each_where_it_is_wrong(story_dir):
    files = _timeline(extra=(
        "map:\n  timeline:\n    - {place: square, holder: mrc, source: other, where: p. 1, event: arrival}\n"
        "    - {at: \"1905-10-25 21:00\", place: bridge, holder: mrc, event: arrival}\n"
        "    - {place: gate, holder: mrc, event: nosuch}\n"
        "    - {at: \"1905-10-25 20:00\", place: gate, holder: mrc, event: nosuch}\n"))
    files["story.yaml"] = EXAMPLE_BASE["story.yaml"].replace(
        "    - {id: src, title: A source}\n", "    - {id: src, title: A source}\n    - {id: other, title: Another}\n")
    _, diagnostics = load_story(story_dir(files))
    assert placed(diagnostics) == [
        ("PG703", 10, 44, "the map change of square cites Another, but its event arrival is taken from A source"),
        ("PG702", 11, 12, "the map changes bridge at 1905-10-25 21:00, but its event arrival is at 1905-10-25 21:40: "
                          "leave out at: or make them agree"),
        ("PG700", 12, 41, "the map change of gate refers to the event 'nosuch', but the timeline has no such event"),
        ("PG700", 13, 65, "the map change of gate refers to the event 'nosuch', but the timeline has no such event"),
    ]


@pytest.mark.parametrize("chronology_id, code, message", [
    ("[x]", "PG202", "codex id should be an id"),
    ("Bad Id", "PG203", "codex id 'Bad Id' is not a valid id (letters, digits and _, starting with a letter)"),
    ("term", "PG300", "the chronology's codex id 'term' is also a codex entry's id"),
])
def test_the_chronology_s_id_is_checked_where_it_is(story_dir, chronology_id, code, message):
    text = TIMELINE.replace("{id: chronology,", "{id: " + chronology_id + ",")
    _, diagnostics = load_story(story_dir({"timeline.yaml": text}))
    assert found(diagnostics, code) == ("timeline.yaml", 2, 20, message)


def test_a_chronology_given_twice_is_named_at_the_second(story_dir):
    # Files are read in name order: more.yaml, then timeline.yaml.
    more = "timeline:\n  chronology: {id: dates, title: Dates}\n  events: []\n"
    story, diagnostics = load_story(story_dir({"timeline.yaml": TIMELINE, "more.yaml": more}))
    assert found(diagnostics, "PG300") == ("timeline.yaml", 2, 20, "the timeline's chronology is given twice; keep one")


def scene_refers_to(event: str, date: str = "1905-10-25", time: str = "21:40", source: str = "src") -> dict[str, str]:
    """The base story's start scene, dated `date` `time`, citing `source` and referring to `event`."""
    scene = EXAMPLE_BASE["scenes/main.yaml"].replace(
        "    date: 1905-10-25\n    time: 21:40\n", f"    date: {date}\n    time: {time}\n    events: [{event}]\n", 1)
    scene = scene.replace("sources: [{source: src, where: p. 1}]", f"sources: [{{source: {source}, where: p. 1}}]", 1)
    story = EXAMPLE_BASE["story.yaml"].replace(
        "    - {id: src, title: A source}\n", "    - {id: src, title: A source}\n    - {id: other, title: Another}\n")
    return {"timeline.yaml": TIMELINE, "scenes/main.yaml": scene, "story.yaml": story}


@pytest.mark.parametrize("files", [
    scene_refers_to("arrival", time="07:05"),                      # at the event's minute
    scene_refers_to("dawn", date="1905-10-24", time="00:00"),      # on the day of an event known by its day
])
def test_a_scene_at_or_after_its_event_is_not_early(story_dir, files):
    _, diagnostics = load_story(story_dir(files))
    assert [d.code for d in diagnostics] == []


@pytest.mark.parametrize("files, code, message", [
    (scene_refers_to("arival"), "PG700",
     "scene start refers to the event 'arival', but the timeline has no such event; did you mean 'arrival'?"),
    (scene_refers_to("arrival", time="07:00"), "PG701",
     "scene start is dated 1905-10-25 07:00, before the event arrival it refers to (1905-10-25 07:05, approximately)"),
    (scene_refers_to("late", time="23:58"), "PG701",
     "scene start is dated 1905-10-25 23:58, before the event late it refers to (1905-10-25 23:59)"),
    (scene_refers_to("dawn", date="1905-10-23", time="23:00"), "PG701",
     "scene start is dated 1905-10-23 23:00, before the event dawn it refers to (1905-10-24)"),
    (scene_refers_to("dawn", source="other"), "PG703",
     "scene start cites Another but refers to the event dawn, which the timeline takes from A source"),
])
def test_a_scene_is_held_to_the_event_it_refers_to(story_dir, files, code, message):
    _, diagnostics = load_story(story_dir(files))
    assert placed(diagnostics) == [(code, 9, 14, message)]


def test_map_changes_of_an_event_known_only_by_its_day(story_dir):
    changes = ("map:\n  timeline:\n    - {at: \"1905-10-24 09:00\", place: gate, holder: mrc, event: dawn}\n"
               "    - {at: \"1905-10-25 07:05\", place: road, holder: mrc, event: arrival}\n")
    story, diagnostics = load_story(story_dir({"timeline.yaml": TIMELINE, "map.yaml": changes}))
    assert diagnostics == []
    assert story.map_timeline == (("1905-10-24 09:00", "gate", "mrc"), ("1905-10-25 07:05", "road", "mrc"))
    wrong = ("map:\n  timeline:\n    - {place: square, holder: mrc, event: dawn}\n"
             "    - {at: \"1905-10-24 09:00\", place: gate, holder: mrc, event: dawn}\n"
             "    - {at: \"1905-10-25 09:00\", place: gate, holder: mrc, event: dawn}\n"
             "    - {at: \"1905-10-25 09:00\", place: road, holder: mrc}\n")
    _, diagnostics = load_story(story_dir({"timeline.yaml": TIMELINE, "map.yaml": wrong}))
    assert placed(diagnostics) == [
        ("PG702", 3, 43, "the map change of square takes its time from the event dawn, which gives only a day: "
                         "add at: with the hour the map should use"),
        ("PG702", 5, 12, "the map changes gate at 1905-10-25 09:00, but its event dawn is at 1905-10-24: "
                         "leave out at: or make them agree"),
        ("PG704", 6, 7, "this map change names no timeline event: add event: ID, so that its time and source "
                        "come from the one record"),
    ]


@pytest.mark.parametrize("old, new, expected", [
    ("title: Chronology}", "title: [a]}", [("PG202", 2, 39, "title should be text")]),
    ("who: [Hero, Crowd]", "who: Hero", [("PG202", 8, 12, "who should be a list (lines starting with '- ')")]),
    (TIMELINE, TIMELINE + "    - just words\n    - {at: \"1905-10-25\", title: X, sources: []}\n", [
        ("PG202", 14, 7, "an event should be a block of fields"),
        ("PG201", 15, 7, "an event needs an 'id' field")]),
    ("sources: [{source: src, where: p. 3}]", "sources: [x, {source: src}, {source: nosuch, where: p. 1}]", [
        ("PG202", 12, 59, "a citation should be a block of fields"),
        ("PG201", 12, 62, "a citation needs a 'where' field"),
        ("PG304", 12, 86, "unknown source 'nosuch'; sources are: src")]),
])
def test_the_parts_of_a_timeline_are_checked_one_by_one(story_dir, old, new, expected):
    _, diagnostics = load_story(story_dir({"timeline.yaml": TIMELINE.replace(old, new)}))
    assert placed(diagnostics) == expected


def test_every_event_is_checked_past_ones_with_a_bad_time(story_dir):
    events = ("    - {id: e1, at: 1905, title: A, sources: [{source: src, where: p. 1}]}\n"
              "    - {id: e2, at: \"1905-02-30\", title: B, sources: [{source: src, where: p. 1}]}\n"
              "    - {id: e3, at: \"1905-10-25 25:00\", title: C, sources: [{source: src, where: p. 1}]}\n"
              "    - {id: e4, at: \"1905-10-25 21:00\", title: D, sources: [{source: src, where: p. 1}]}\n"
              "    - {id: e4, at: \"1905-10-25 21:00\", title: D, sources: [{source: src, where: p. 1}]}\n")
    _, diagnostics = load_story(story_dir({"timeline.yaml": TIMELINE + events}))
    assert [(d.code, d.span.line) for d in diagnostics] == [
        ("PG204", 14), ("PG204", 15), ("PG205", 16), ("PG300", 18)]
    assert diagnostics[1].message == "the event's date '1905-02-30' should be a date like 1905-10-25"


def test_an_event_s_words_must_be_text(story_dir):
    event = ("    - {id: e1, at: \"1905-10-25 21:00\", title: [a], place: [b], who: [[c]], differs: [d],\n"
             "       sources: [{source: src, where: [e]}]}\n")
    _, diagnostics = load_story(story_dir({"timeline.yaml": TIMELINE + event}))
    assert placed(diagnostics) == [
        ("PG202", 14, 47, "title should be text"),
        ("PG202", 14, 59, "place should be text"),
        ("PG202", 14, 70, "who should be text"),
        ("PG202", 14, 85, "differs should be text"),
        ("PG202", 15, 39, "where should be text"),
    ]


def test_an_event_s_approximate_is_true_or_false(story_dir):
    event = "    - {id: e1, at: \"1905-10-25 21:00\", title: A, approximate: maybe, sources: [{source: src, where: p}]}\n"
    _, diagnostics = load_story(story_dir({"timeline.yaml": TIMELINE + event}))
    assert [(d.code, d.span.line, d.span.column) for d in diagnostics] == [("PG206", 14, 63)]
    assert diagnostics[0].message == "approximate should be true or false"


def test_every_variable_is_checked_past_ones_declared_wrong(story_dir):
    _, diagnostics = load_story(story_dir(with_variables(
        "  and: {type: bool, default: true}\n  Bad Name: {type: bool, default: true}\n"
        "  n1: {type: int, default: 1, min: 0}\n  n2: {type: int, default: x, min: a, max: b}\n  n3: [a]\n"
        "  n4: {type: [a], default: 1}\n  n5: {type: str, default: a}\n  n6: {type: str, default: c, values: [a]}\n"
        "  n7: {type: int, default: 5, min: 0, max: 3}\n  last: {type: bool, default: maybe}\n")))
    assert placed(diagnostics) == [
        ('PG203', 3, 3, "'and' is a word of the condition language; choose another name"),
        ('PG203', 4, 3, "variable name 'Bad Name' is not a valid id (letters, digits and _, starting with a letter)"),
        ('PG311', 5, 7, 'the number variable n1 needs min and max'),
        ('PG208', 6, 28, 'default should be a whole number'),
        ('PG208', 6, 36, 'min should be a whole number'),
        ('PG208', 6, 44, 'max should be a whole number'),
        ('PG202', 7, 7, 'variable n3 should be a block of fields'),
        ('PG202', 8, 14, 'type should be text'),
        ('PG202', 8, 14, 'type is int, bool or str'),
        ('PG311', 9, 7, 'the text variable n5 needs a list of its values'),
        ('PG311', 10, 7, "n6's default 'c' is not among its values"),
        ('PG311', 11, 7, 'n7 needs min <= default <= max (here 0 <= 5 <= 3)'),
        ('PG502', 12, 3, 'the variable last is never read by a condition'),
        ('PG206', 12, 31, 'default should be true or false'),
    ]


def test_a_label_or_a_time_that_is_a_list_is_named(story_dir):
    _, diagnostics = load_story(story_dir({"map.yaml": (
        "map:\n  labels: {river: [a]}\n  timeline:\n    - {at: [b], place: square, holder: mrc}\n")}))
    assert placed(diagnostics) == [
        ("PG202", 2, 19, "labels: river should be text"),
        ("PG204", 4, 12, "at: \"['b']\" should look like \"1905-10-25 07:00\""),
    ]
    _, diagnostics = load_story(story_dir({"timeline.yaml": TIMELINE.replace('"1905-10-25 7:05"', "[c]"),
                                           "map.yaml": "map:\n  timeline: []\n"}))
    assert placed(diagnostics) == [
        ("PG204", 5, 11, "at: \"['c']\" should look like \"1905-10-25 07:00\" (or \"1905-10-25\" for a day)"),
    ]


def test_a_variable_after_one_declared_twice_is_still_checked(story_dir):
    more = "variables:\n  courage: {type: bool, default: true}\n  after: {type: int, default: 1, min: 0}\n"
    _, diagnostics = load_story(story_dir({"scenes/more.yaml": more}))
    assert [(d.code, d.span.line) for d in diagnostics] == [("PG300", 2), ("PG311", 3)]


# -- pictures and the assets folder (resolve, assets_dir) ---------------------------------------------

def with_manifest(old: str, new: str) -> dict[str, str]:
    assert old in EXAMPLE_BASE["story.yaml"]
    return {"story.yaml": EXAMPLE_BASE["story.yaml"].replace(old, new)}


def with_image(start: str, end: str = "places/square") -> dict[str, str]:
    """The base story with its two scenes' pictures replaced (lines 10 and 21, column 12)."""
    first, second = EXAMPLE_BASE["scenes/main.yaml"].split("  - id: end\n")
    first = first.replace("image: places/square\n", f"image: '{start}'\n")
    second = second.replace("image: places/square\n", f"image: '{end}'\n")
    return {"scenes/main.yaml": first + "  - id: end\n" + second}


def errors(diagnostics, codes=None):
    """The errors (or, given `codes`, the diagnostics of those codes) as (code, file, line, column, message)."""
    return [(d.code, d.span.path.rsplit("/", 1)[-1], d.span.line, d.span.column, d.message)
            for d in diagnostics if (d.severity.value == "error" if codes is None else d.code in codes)]


@pytest.mark.parametrize("configured", ["../outside", "/abs/assets", "C:assets", "media\\..\\..\\x", "a/../../b"])
def test_an_assets_folder_outside_the_story_is_refused_at_the_manifest(story_dir, configured):
    story, diagnostics = load_story(story_dir(with_manifest("  assets: assets\n", f"  assets: '{configured}'\n")))
    assert story is None
    # The pictures are then looked for in the story's own assets/, where they are found.
    assert errors(diagnostics) == [("PG307", "story.yaml", 1, 1,
                                    f"assets: {configured!r} must be a folder inside the story folder")]


def test_an_assets_folder_named_inside_the_story_is_used(story_dir):
    root = story_dir(with_manifest("  assets: assets\n", "  assets: media/pictures\n"))
    (root / "media").mkdir()
    (root / "assets").rename(root / "media/pictures")
    story, diagnostics = load_story(root)
    assert diagnostics == []
    assert story.assets_dir == str((root / "media/pictures").resolve())


def outside_folder(tmp_path_factory, long: bool = False):
    """A folder outside the test's own, holding the base story's picture: where a link would lead."""
    base = tmp_path_factory.mktemp("elsewhere")
    target = base / ("a-rather-long-folder-name-" * 4 if long else "pictures")
    (target / "art/places").mkdir(parents=True)
    (target / "art/places/square.svg").write_text(EXAMPLE_BASE["assets/art/places/square.svg"])
    return target


@pytest.mark.parametrize("configured", [True, False])
def test_an_assets_folder_that_is_a_link_out_of_the_story_is_refused(story_dir, tmp_path_factory, configured):
    target = outside_folder(tmp_path_factory, long=True)
    files = {} if configured else with_manifest("  assets: assets\n", "")
    root = story_dir(files)
    for p in sorted((root / "assets").rglob("*"), reverse=True):
        p.unlink() if p.is_file() else p.rmdir()
    (root / "assets").rmdir()
    (root / "assets").symlink_to(target, target_is_directory=True)
    assert len(str(target)) > 80
    story, diagnostics = load_story(root)
    assert story is None
    assert errors(diagnostics) == [("PG307", "story.yaml", 1, 1, f"the assets folder is a link to {str(target)[:80]!r}, "
                                    "outside the story folder")]


def test_an_assets_folder_that_is_a_link_inside_the_story_is_accepted(story_dir):
    root = story_dir()
    (root / "assets").rename(root / "media")
    (root / "assets").symlink_to(root / "media", target_is_directory=True)
    story, diagnostics = load_story(root)
    assert diagnostics == []
    assert story.assets_dir == str((root / "media").resolve())


def test_the_project_s_assets_beside_the_story_are_used_when_the_story_has_none(story_dir):
    root = story_dir(with_manifest("  assets: assets\n", ""))
    (root / "assets").rename(root.parent / "assets")
    story, diagnostics = load_story(root)
    assert diagnostics == []
    assert story.assets_dir == str((root.parent / "assets").resolve())


def test_the_project_s_assets_as_a_link_out_of_the_project_are_refused(story_dir, tmp_path_factory):
    target = outside_folder(tmp_path_factory)
    root = story_dir(with_manifest("  assets: assets\n", ""))
    for p in sorted((root / "assets").rglob("*"), reverse=True):
        p.unlink() if p.is_file() else p.rmdir()
    (root / "assets").rmdir()
    (root.parent / "assets").symlink_to(target, target_is_directory=True)
    story, diagnostics = load_story(root)
    assert story is None
    assert errors(diagnostics) == [("PG307", "story.yaml", 1, 1, f"the assets folder is a link to {str(target)!r}, "
                                    "outside the project folder")]


def test_a_picture_variant_is_checked_by_name(story_dir):
    story, diagnostics = load_story(story_dir(with_image("places/square@rain")))
    assert diagnostics == [] and story.scenes["start"].image == "places/square@rain"
    _, diagnostics = load_story(story_dir(with_image("places/square@fog", "places/nosuch")))
    # The bad variant is named, and the next picture is still looked for.
    assert errors(diagnostics) == [
        ("PG306", "main.yaml", 10, 12, "no picture variant 'fog': variants are rain, snow, dawn, searchlight"),
        ("PG306", "main.yaml", 21, 12, "no picture for 'places/nosuch': expected assets/art/places/nosuch.svg or .png"),
    ]


def test_a_missing_picture_is_named_at_every_scene_that_shows_it(story_dir):
    _, diagnostics = load_story(story_dir(with_image("places/gone", "places/gone")))
    message = "no picture for 'places/gone': expected assets/art/places/gone.svg or .png"
    assert errors(diagnostics) == [("PG306", "main.yaml", 10, 12, message), ("PG306", "main.yaml", 21, 12, message)]


def test_a_png_picture_is_found(story_dir):
    root = story_dir()
    (root / "assets/art/places/square.svg").rename(root / "assets/art/places/square.png")
    _, diagnostics = load_story(root)
    assert diagnostics == []


def test_an_empty_picture_is_no_picture_and_the_next_is_still_looked_for(story_dir):
    story, diagnostics = load_story(story_dir(with_image("", "places/gone")))
    assert errors(diagnostics) == [
        ("PG306", "main.yaml", 21, 12, "no picture for 'places/gone': expected assets/art/places/gone.svg or .png")]


def test_a_picture_id_of_160_characters_is_looked_for_and_one_of_161_refused(story_dir):
    at_limit, over = "p" * 160, "p" * 161
    _, diagnostics = load_story(story_dir(with_image(at_limit)))
    assert errors(diagnostics) == [("PG306", "main.yaml", 10, 12,
                                    f"no picture for {at_limit!r}: expected assets/art/{at_limit}.svg or .png")]
    root = story_dir(with_image(at_limit))
    (root / "assets/art" / (at_limit + ".svg")).write_text(EXAMPLE_BASE["assets/art/places/square.svg"])
    assert load_story(root)[1] == []
    _, diagnostics = load_story(story_dir(with_image(over, over)))
    message = f"the image {over[:60]!r} is not a plain path inside assets/art/"
    # Refused at each scene, not only the first.
    assert errors(diagnostics) == [("PG307", "main.yaml", 10, 12, message), ("PG307", "main.yaml", 21, 12, message)]


@pytest.mark.parametrize("image", ["places/square.svg", "places//square", "/places/square", "places/", "-x/y",
                                   "places/sq uare", "places/../places/square"])
def test_a_picture_id_that_is_not_a_plain_path_is_refused_with_its_words(story_dir, image):
    _, diagnostics = load_story(story_dir(with_image(image)))
    assert errors(diagnostics) == [("PG307", "main.yaml", 10, 12,
                                    f"the image {image!r} is not a plain path inside assets/art/")]


def test_a_picture_that_is_a_link_out_of_the_art_folder_is_refused(story_dir, tmp_path_factory):
    """The renderer would refuse it (engine.art reads only inside assets/art): the loader says so first."""
    target = outside_folder(tmp_path_factory) / "art/places/square.svg"
    root = story_dir(with_image("places/square", "places/inside"))
    (root / "assets/art/places/square.svg").rename(root / "assets/art/places/real.svg")
    (root / "assets/art/places/square.svg").symlink_to(target)
    # A link that stays inside assets/art is an ordinary picture.
    (root / "assets/art/places/inside.svg").symlink_to(root / "assets/art/places/real.svg")
    _, diagnostics = load_story(root)
    assert errors(diagnostics) == [("PG307", "main.yaml", 10, 12, "the image 'places/square' is a link out of assets/art/")]


def test_a_picture_link_out_of_the_art_folder_is_refused_even_when_it_leads_nowhere(story_dir):
    root = story_dir()
    (root / "assets/art/places/square.png").symlink_to(root / "square.png")   # beside the .svg, dangling
    _, diagnostics = load_story(root)
    message = "the image 'places/square' is a link out of assets/art/"
    assert errors(diagnostics) == [("PG307", "main.yaml", 10, 12, message), ("PG307", "main.yaml", 21, 12, message)]


def test_an_art_folder_that_is_a_link_out_of_the_assets_folder_is_refused(story_dir, tmp_path_factory):
    target = outside_folder(tmp_path_factory, long=True) / "art"
    root = story_dir()
    (root / "assets/art/places/square.svg").unlink()
    (root / "assets/art/places").rmdir()
    (root / "assets/art").rmdir()
    (root / "assets/art").symlink_to(target, target_is_directory=True)
    _, diagnostics = load_story(root)
    assert len(str(target)) > 80
    assert errors(diagnostics) == [("PG307", "story.yaml", 1, 1, f"the art folder is a link to {str(target)[:80]!r}, "
                                    "outside the assets folder")]


def test_links_that_loop_are_missing_pictures_not_a_crash(story_dir):
    root = story_dir()
    (root / "assets/art/places/square.svg").unlink()
    (root / "assets/art/places/square.svg").symlink_to(root / "assets/art/places/square.svg")
    message = "no picture for 'places/square': expected assets/art/places/square.svg or .png"
    assert errors(load_story(root)[1]) == [("PG306", "main.yaml", 10, 12, message), ("PG306", "main.yaml", 21, 12, message)]
    for p in sorted((root / "assets").rglob("*"), reverse=True):
        p.unlink() if p.is_file() or p.is_symlink() else p.rmdir()
    (root / "assets").rmdir()
    (root / "assets").symlink_to(root / "assets")      # the assets folder itself loops
    assert errors(load_story(root)[1]) == [("PG306", "main.yaml", 10, 12, message), ("PG306", "main.yaml", 21, 12, message)]


# -- references, once every file is read (resolve) -----------------------------------------------------

TWO_OF_EACH = EXAMPLE_BASE["story.yaml"].replace(
    "    - {id: src, title: A source}\n", "    - {id: src, title: A source}\n    - {id: archive, title: An archive}\n").replace(
    BASE_ROLE, BASE_ROLE + "  - {id: villain, name: Villain, description: A villain., start: lair}\n")


def test_every_reference_to_nothing_is_named_with_the_nearest_and_the_known(story_dir):
    more = ("scenes:\n  - id: lair\n    role: villain\n    title: Lair\n    text: See [[trem]] and [[nothing]].\n"
            "    sources: [{source: srx, where: p. 1}, {source: nope, where: p. 2}]\n"
            "    choices:\n      - {text: Go., to: ned}\n      - {text: Stay., to: nowhere_at_all}\n"
            "  - id: lair2\n    role: heor\n    roles: [villian]\n    title: Lair 2\n    text: Two.\n"
            "    ending: {title: Done}\n")
    _, diagnostics = load_story(story_dir({"story.yaml": TWO_OF_EACH, "scenes/more.yaml": more}))
    assert [e for e in errors(diagnostics) if e[0].startswith("PG30")] == [
        ("PG305", "more.yaml", 5, 11, "the text links to [[trem]], but the codex has no entry 'trem'; did you mean 'term'?"),
        ("PG305", "more.yaml", 5, 11, "the text links to [[nothing]], but the codex has no entry 'nothing'"),
        ("PG304", "more.yaml", 6, 24, "unknown source 'srx'; sources are: archive, src"),
        ("PG304", "more.yaml", 6, 52, "unknown source 'nope'; sources are: archive, src"),
        ("PG301", "more.yaml", 8, 25, "this choice leads to 'ned', but no scene has that id; did you mean 'end'?"),
        ("PG301", "more.yaml", 9, 27, "this choice leads to 'nowhere_at_all', but no scene has that id"),
        ("PG302", "more.yaml", 11, 11, "unknown role 'heor'; roles are: hero, villain"),
        ("PG302", "more.yaml", 12, 13, "unknown role 'villian'; roles are: hero, villain"),
    ]


def test_each_role_must_start_at_a_scene_of_its_own(story_dir):
    roles = (BASE_ROLE + "  - {id: ghost, name: Ghost, description: A ghost., start: nosuch}\n"
             "  - {id: villain, name: Villain, description: A villain., start: start}\n")
    _, diagnostics = load_story(story_dir(with_roles(roles)))
    assert [e for e in errors(diagnostics) if e[0] == "PG303"] == [
        ("PG303", "story.yaml", 10, 10, "role ghost starts at 'nosuch', which is not a scene"),
        ("PG303", "story.yaml", 11, 10, "role villain starts at 'start', a scene of another role"),
    ]


def test_a_role_without_a_start_is_named_as_starting_nowhere(story_dir):
    _, diagnostics = load_story(story_dir(with_roles(BASE_ROLE + "  - {id: ghost, name: Ghost, description: A ghost.}\n")))
    assert [e for e in errors(diagnostics) if e[0] in ("PG303", "PG201")] == [
        ("PG201", "story.yaml", 10, 5, "a role needs a 'start' field"),
        ("PG303", "story.yaml", 10, 10, "role ghost starts at '', which is not a scene"),
    ]


def test_the_fields_a_story_requires_are_named_for_each_scene_that_leaves_them_out(story_dir):
    bare = "  - id: bare\n    role: hero\n    title: Bare\n    text: Nothing.\n    ending: {title: Bare}\n"
    manifest = with_manifest("  assets: assets\n", "  assets: assets\n  require: [date, time, place, image, sources]\n")
    _, diagnostics = load_story(story_dir({**manifest, "scenes/bare.yaml": "scenes:\n" + bare}))
    assert errors(diagnostics, ("PG201", "PG503")) == [
        ("PG201", "bare.yaml", 2, 5, "scene bare needs a 'date' field (the story's require: lists it)"),
        ("PG201", "bare.yaml", 2, 5, "scene bare needs a 'time' field (the story's require: lists it)"),
        ("PG201", "bare.yaml", 2, 5, "scene bare needs a 'place' field (the story's require: lists it)"),
        ("PG201", "bare.yaml", 2, 5, "scene bare needs an 'image' field (the story's require: lists it)"),
        ("PG503", "bare.yaml", 2, 5, "scene bare cites no source"),
    ]
    # Only what is required: a field the story does not list is not asked for, and those after it are.
    manifest = with_manifest("  assets: assets\n", "  assets: assets\n  require: [image]\n")
    story, diagnostics = load_story(story_dir({**manifest, "scenes/bare.yaml": "scenes:\n" + bare}))
    assert errors(diagnostics, ("PG201", "PG503")) == [
        ("PG201", "bare.yaml", 2, 5, "scene bare needs an 'image' field (the story's require: lists it)")]


def test_every_scene_that_opens_the_map_of_a_story_without_one_is_named(story_dir):
    text = EXAMPLE_BASE["scenes/main.yaml"].replace("    place: A square\n", "    place: A square\n    show_map: true\n")
    _, diagnostics = load_story(story_dir({"scenes/main.yaml": text}))
    words = "opens the map, but the story has no map (story.yaml's story: map:): the scene will show none"
    assert [(d.code, d.span.line, d.span.column, d.message) for d in diagnostics if d.code == "PG313"] == [
        ("PG313", 10, 15, f"scene start {words}"), ("PG313", 22, 15, f"scene end {words}")]


def test_a_scene_may_open_the_map_of_a_story_that_has_one(story_dir):
    text = EXAMPLE_BASE["scenes/main.yaml"].replace("    place: A square\n", "    place: A square\n    show_map: true\n", 1)
    story, diagnostics = load_story(story_dir({"story.yaml": MAP_WITH_HOLDERS, "assets/city.py": "", "scenes/main.yaml": text}))
    assert diagnostics == [] and story.scenes["start"].show_map is True and story.map_name == "City"


def test_a_map_drawing_that_leads_out_of_the_assets_folder_is_named_at_the_drawing(story_dir, tmp_path_factory):
    outside = tmp_path_factory.mktemp("drawings") / "city.py"
    outside.write_text("")
    root = story_dir({"story.yaml": MAP_WITH_HOLDERS})
    (root / "assets/city.py").symlink_to(outside)
    _, diagnostics = load_story(root)
    assert errors(diagnostics) == [("PG307", "story.yaml", 6, 30, "the map drawing 'city.py' leads out of the assets folder")]


# -- typed values read from YAML (_Reader) ---------------------------------------------------------------

def test_each_value_of_the_wrong_kind_is_named_and_the_next_still_checked(story_dir):
    more = ("scenes:\n"
            "  - id: x1\n    role: hero\n    colour: red\n    smell: bad\n    title: X\n    text: T\n    minutes: -1\n"
            "    counterfactual: yes\n    note: It did.\n    ending: {title: E, historical: maybe}\n"
            "  - id: x2\n    role: hero\n    title: [a]\n    text: T\n    minutes: nan\n"
            "    ending: {title: E, historical: [true]}\n"
            "  - id: x3\n    role: hero\n    title: X3\n    text: T\n    minutes: inf\n    choices: {text: a, to: b}\n"
            "  - id: x4\n    role: hero\n    title: {Edited: by hand}\n    text: T\n    minutes: 2.5\n"
            "    ending: {title: E, historical: FALSE}\n"
            "  - id: x5\n    role: 5x\n    title: X\n    text: T\n    minutes: abc\n    ending: {title: E, historical: True}\n"
            "  - id: x1\n    role: hero\n    title: X\n    text: T\n    ending: {title: E}\n"
            "  - role: hero\n    title: X\n    ending: {title: E}\n")
    _, diagnostics = load_story(story_dir({"scenes/more.yaml": more}))
    fields = ("choices, content_note, counterfactual, date, ending, events, id, image, minutes, note, on_enter, place, "
              "role, roles, show_map, sources, text, time, title")
    found_errors = errors(diagnostics)
    assert [e for e in found_errors if e[0] != "PG300"] == [
        ("PG200", "more.yaml", 4, 5, f"a scene has no field 'colour'; expected one of: {fields}"),
        ("PG200", "more.yaml", 5, 5, f"a scene has no field 'smell'; expected one of: {fields}"),
        ("PG208", "more.yaml", 8, 14, "minutes should be a number of minutes"),
        ("PG206", "more.yaml", 9, 21, "counterfactual should be true or false (YAML's yes/no/on/off are not accepted)"),
        ("PG206", "more.yaml", 11, 36, "historical should be true or false"),
        ("PG202", "more.yaml", 14, 12, "title should be text"),
        ("PG208", "more.yaml", 16, 14, "minutes should be a number of minutes"),
        ("PG206", "more.yaml", 17, 36, "historical should be true or false"),
        ("PG208", "more.yaml", 22, 14, "minutes should be a number of minutes"),
        ("PG202", "more.yaml", 23, 14, "choices should be a list (lines starting with '- ')"),
        ("PG209", "more.yaml", 26, 12, "this line looks like prose with a colon ('Edited: by hand'), but YAML reads it "
                                       "as a field named 'Edited'; put the whole line in quotes"),
        ("PG201", "more.yaml", 30, 5, "scene x5 needs a 'role' (or 'roles') field"),
        ("PG203", "more.yaml", 31, 11, "role '5x' is not a valid id (letters, digits and _, starting with a letter)"),
        ("PG208", "more.yaml", 34, 14, "minutes should be a number of minutes"),
        ("PG201", "more.yaml", 41, 5, "a scene needs an 'id' field"),
        ("PG201", "more.yaml", 41, 5, "a scene needs a 'text' field"),
    ]
    (twice,) = [e for e in found_errors if e[0] == "PG300"]
    assert twice[1:4] == ("more.yaml", 36, 9)
    assert twice[4].startswith("the scene id 'x1' is used twice (first at ") and twice[4].endswith("more.yaml:2:9)")


def test_flags_numbers_and_whole_numbers_are_read_at_their_limits(story_dir):
    roles = BASE_ROLE.replace("start: start}", "start: start, minutes: '+999999999999999'}")
    scenes = EXAMPLE_BASE["scenes/main.yaml"].replace("    title: Start\n", "    title: Start\n    minutes: 0\n").replace(
        "    title: End\n", "    title: End\n    minutes: 2.5\n    counterfactual: True\n    note: It went otherwise.\n"
    ).replace("historical: true", "historical: FALSE")
    story, diagnostics = load_story(story_dir({**with_roles(roles), "scenes/main.yaml": scenes}))
    assert diagnostics == []
    assert story.roles["hero"].minutes == 999999999999999
    start, end = story.scenes["start"], story.scenes["end"]
    assert (start.minutes, end.minutes, start.counterfactual, end.counterfactual) == (0.0, 2.5, False, True)
    assert end.ending.historical is False and story.scenes["start"].choices[0].once is False


@pytest.mark.parametrize("minutes, value", [("-3", -3), ("0", 0), ("1000000000000000", None), ("1.5", None),
                                            ("[1]", None), ("'1 2'", None)])
def test_a_whole_number_is_up_to_15_digits_with_its_sign(story_dir, minutes, value):
    roles = BASE_ROLE.replace("start: start}", f"start: start, minutes: {minutes}}}")
    story, diagnostics = load_story(story_dir(with_roles(roles)))
    if value is None:
        assert errors(diagnostics) == [("PG208", "story.yaml", 9, 73, "minutes should be a whole number")]
    else:
        assert diagnostics == [] and story.roles["hero"].minutes == value


# -- the files and the manifest (build, top_level_keys, manifest, presentation, unreadable) ------------------

def built(root):
    """The Story the builder makes even when there are errors (load_story returns None then), and them."""
    from engine.diagnostics import DiagnosticSink
    from engine.loading.builder import StoryBuilder
    sink = DiagnosticSink()
    builder = StoryBuilder(root, sink)
    return builder.build(), sink.sorted(), builder


def test_top_level_keys_are_held_to_what_each_file_may_hold(story_dir):
    _, diagnostics = load_story(story_dir({"scenes/more.yaml": "roles: []\nstory: {}\nscene: []\nextra: 1\n",
                                           "story.yaml": EXAMPLE_BASE["story.yaml"] + "scene: []\n"}))
    keys = "assemblies, classroom, codex, defaults, map, scenes, timeline, variables"
    assert errors(diagnostics) == [
        ("PG207", "more.yaml", 1, 1, "'roles:' belongs in story.yaml only"),
        ("PG207", "more.yaml", 2, 1, "'story:' belongs in story.yaml only"),
        ("PG200", "more.yaml", 3, 1, f"unknown top-level key 'scene'; expected one of: {keys}"),
        ("PG200", "more.yaml", 4, 1, f"unknown top-level key 'extra'; expected one of: {keys}"),
        ("PG200", "story.yaml", 10, 1, "unknown top-level key 'scene'; expected one of: assemblies, classroom, codex, "
                                       "defaults, map, roles, scenes, story, timeline, variables"),
    ]


def test_each_mistake_in_the_manifest_is_named_where_it_is(story_dir):
    manifest = EXAMPLE_BASE["story.yaml"].replace("  id: example\n", (
        "  id: my story\n  subtitle: [x]\n  print: colour\n  require: [date, colour, date]\n"
        "  calendar: {start: 1917-02-30, end: 1917-13-01, style: mayan, label: Old style}\n"
        "  banner: b\n  colour: red\n")).replace("    - {id: src, title: A source}\n", (
            "    - {id: src, title: A source}\n    - {id: src, title: Again}\n    - {title: No id}\n"
            "    - {id: 9x, title: Bad id}\n    - {id: fine, title: Fine}\n    - {id: fine, title: Again}\n"))
    story, diagnostics, _ = built(story_dir({"story.yaml": manifest}))
    assert errors(diagnostics) == [
        ("PG203", "story.yaml", 2, 7, "the story id 'my story' must be a plain name: letters, digits, '-' and '_', "
                                      "up to 64 characters"),
        ("PG202", "story.yaml", 3, 13, "subtitle should be text"),
        ("PG202", "story.yaml", 4, 10, "print is period or none, not 'colour'"),
        ("PG202", "story.yaml", 5, 19, "require: lists scene fields a story insists on: date, time, place, image, "
                                       "sources; not 'colour'"),
        ("PG204", "story.yaml", 6, 21, "calendar start '1917-02-30' should be a date like 1905-10-25"),
        ("PG204", "story.yaml", 6, 38, "calendar end '1917-13-01' should be a date like 1905-10-25"),
        ("PG202", "story.yaml", 6, 57, "calendar style is julian or gregorian"),
        ("PG200", "story.yaml", 8, 3, "story: has no field 'colour'; expected one of: assets, banner, calendar, credits, "
                                      "history_label, id, map, print, require, sources, subtitle, title, title_image, version"),
        ("PG300", "story.yaml", 14, 12, "the source id 'src' is used twice"),
        ("PG201", "story.yaml", 15, 7, "a source needs an 'id' field"),
        ("PG203", "story.yaml", 16, 12, "source id '9x' is not a valid id (letters, digits and _, starting with a letter)"),
        ("PG300", "story.yaml", 18, 12, "the source id 'fine' is used twice"),
    ]
    # What is wrong falls back to a safe value; what is right is kept.
    assert (story.id, story.printing, story.required, story.calendar_label) == ("story", "none", ("date",), "Old style")
    assert (story.calendar_start, story.calendar_end) == ("", "")
    assert {k: (s.title, s.short) for k, s in story.sources.items()} == {"src": ("A source", "A source"),
                                                                         "fine": ("Fine", "Fine")}


def test_the_manifest_s_words_are_read_into_the_story(story_dir):
    manifest = EXAMPLE_BASE["story.yaml"].replace("  id: example\n", (
        "  id: my-story_2\n  subtitle: A subtitle\n  print: period\n  require: [image, date]\n"
        "  calendar: {start: 1905-10-25, end: 1905-10-26, style: julian, label: Old style}\n"
        "  banner: A banner\n  title_image: places/square\n  history_label: What happened\n"
        "  credits: [Me, You]\n")).replace("{id: src, title: A source}", "{id: src, title: A source, short: Src}")
    story, diagnostics = load_story(story_dir({"story.yaml": manifest}))
    assert diagnostics == []
    assert (story.id, story.title, story.subtitle, story.version, story.credits) == (
        "my-story_2", "Example", "A subtitle", "1.0", ("Me", "You"))
    assert (story.calendar_start, story.calendar_end, story.calendar_style, story.calendar_label) == (
        "1905-10-25", "1905-10-26", "julian", "Old style")
    assert (story.banner, story.title_image, story.history_label, story.printing, story.required) == (
        "A banner", "places/square", "What happened", "period", ("image", "date"))
    assert (story.sources["src"].title, story.sources["src"].short) == ("A source", "Src")


def test_a_manifest_that_says_little_takes_the_defaults(story_dir):
    manifest = "story:\n  id: x\n  title: X\n  version: '2'\nroles:\n" + BASE_ROLE
    scenes = EXAMPLE_BASE["scenes/main.yaml"].replace("    sources: [{source: src, where: p. 1}]\n", "").replace(
        "    sources: [{source: src, where: p. 2}]\n", "")
    story, diagnostics = load_story(story_dir({"story.yaml": manifest, "scenes/main.yaml": scenes}))
    assert diagnostics == []
    assert (story.subtitle, story.calendar_start, story.calendar_end, story.calendar_style, story.calendar_label) == (
        "", "", "", "gregorian", "")
    assert (story.banner, story.title_image, story.history_label, story.printing, story.required, story.credits) == (
        "", "", "In history", "none", (), ())
    assert (story.map_name, story.map_drawing, dict(story.map_holders), dict(story.map_inks)) == ("", "", {}, {})


def test_a_title_picture_is_looked_for_like_a_scene_s(story_dir):
    manifest = with_manifest("  assets: assets\n", "  assets: assets\n  title_image: places/gone\n")
    _, diagnostics = load_story(story_dir(manifest))
    assert errors(diagnostics) == [
        ("PG306", "story.yaml", 6, 16, "no picture for 'places/gone': expected assets/art/places/gone.svg or .png")]


def test_a_story_without_a_story_block_is_named_and_given_placeholders(story_dir):
    # A scene without a date: with no story: block nothing is required of it (and nothing breaks).
    bare = "scenes:\n  - id: bare\n    role: hero\n    title: Bare\n    text: Nothing.\n    ending: {title: Bare}\n"
    story, diagnostics, _ = built(story_dir({"story.yaml": EXAMPLE_BASE["story.yaml"].replace("story:\n", "story: 5\nxstory:\n"),
                                             "scenes/bare.yaml": bare}))
    assert ("PG202", "story.yaml", 1, 8, "story: should be a block of fields") in errors(diagnostics)
    assert not errors(diagnostics, ("PG201", "PG503"))
    assert (story.id, story.title, story.version, story.required) == ("story", "Untitled", "0", ())


@pytest.mark.parametrize("story_id, fine", [("a" * 64, True), ("a" * 65, False), ("9-lives", True), ("-x", False),
                                            ("_x", False), ("x.y", False)])
def test_a_story_id_is_a_plain_name_of_up_to_64_characters(story_dir, story_id, fine):
    story, diagnostics, _ = built(story_dir(with_manifest("  id: example\n", f"  id: '{story_id}'\n")))
    assert story.id == (story_id if fine else "story")
    assert errors(diagnostics) == ([] if fine else [
        ("PG203", "story.yaml", 2, 7, f"the story id {story_id!r} must be a plain name: letters, digits, '-' and '_', "
                                      "up to 64 characters")])


def test_a_story_without_roles_is_named_at_its_manifest(story_dir):
    _, diagnostics = load_story(story_dir({"story.yaml": EXAMPLE_BASE["story.yaml"].replace("roles:\n" + BASE_ROLE, "")}))
    assert ("PG303", "story.yaml", 1, 1, "the story declares no roles: add a roles: list with at least one role"
            ) in errors(diagnostics)


def test_a_folder_that_is_not_a_story_is_named(tmp_path):
    story, diagnostics, _ = built(tmp_path / "nothing")
    assert story is None and [(d.code, d.span.path, d.span.line, d.message) for d in diagnostics] == [
        ("PG108", str(tmp_path / "nothing"), 1, "the story folder does not exist")]
    (tmp_path / "nothing").mkdir()
    story, diagnostics, _ = built(tmp_path / "nothing")
    assert story is None and [(d.code, d.span.path, d.span.line, d.message) for d in diagnostics] == [
        ("PG108", str(tmp_path / "nothing/story.yaml"), 1, "no story.yaml here: a story folder needs its manifest")]


@pytest.mark.parametrize("manifest, code, line, message", [
    ("", "PG108", 1, "story.yaml is empty: it must hold the story's manifest (story:, roles:)"),
    ("# nothing yet\n", "PG108", 1, "story.yaml is empty: it must hold the story's manifest (story:, roles:)"),
    ("# a list\n- story\n", "PG107", 2,
     "a story file must be a block of top-level keys (story:, roles:, variables:, scenes:, codex:)"),
])
def test_a_manifest_that_holds_no_block_stops_the_load_with_one_diagnostic(story_dir, manifest, code, line, message):
    story, diagnostics, _ = built(story_dir({"story.yaml": manifest}))
    # Nothing else: without the manifest's roles and sources every scene would be a knock-on error.
    assert story is None and errors(diagnostics) == [(code, "story.yaml", line, 1, message)]


def test_a_story_file_that_is_a_list_is_named_and_the_others_still_read(story_dir):
    _, diagnostics = load_story(story_dir({"scenes/more.yaml": "# a list\n- a\n", "scenes/other.yaml": "scene: []\n"}))
    assert errors(diagnostics) == [
        ("PG107", "more.yaml", 2, 1, "a story file must be a block of top-level keys (story:, roles:, variables:, "
                                     "scenes:, codex:)"),
        ("PG200", "other.yaml", 1, 1, "unknown top-level key 'scene'; expected one of: assemblies, classroom, codex, "
                                      "defaults, map, scenes, timeline, variables")]


@pytest.mark.parametrize("key", ["variables", '"\\x76ariables"'])
def test_a_variable_declared_in_a_later_file_is_known_to_an_earlier_one(story_dir, key):
    """Content is read once no later file can declare a variable: one whose bytes say "variables", or
    hold a backslash (an escaped key)."""
    scenes = EXAMPLE_BASE["scenes/main.yaml"].replace("variables:\n  courage: {type: int, default: 0, min: 0, max: 3}\n", "")
    story, diagnostics = load_story(story_dir({"scenes/main.yaml": scenes, "scenes/zz.yaml": (
        f"{key}:\n  courage: {{type: int, default: 0, min: 0, max: 3}}\n")}))
    assert diagnostics == [] and story.variables["courage"].max == 3


def test_the_content_hash_follows_the_files_not_the_folder_s_name(story_dir, tmp_path):
    root = story_dir()
    first = load_story(root)[0].content_hash
    root.rename(tmp_path / "renamed")
    assert load_story(tmp_path / "renamed")[0].content_hash == first
    (tmp_path / "renamed/codex/main.yaml").write_text(EXAMPLE_BASE["codex/main.yaml"].replace("A square.", "A square!"))
    changed = load_story(tmp_path / "renamed")[0].content_hash
    assert changed != first
    # The same bytes under another name are another story.
    (tmp_path / "renamed/codex/main.yaml").rename(tmp_path / "renamed/codex/other.yaml")
    assert load_story(tmp_path / "renamed")[0].content_hash not in (first, changed)


# -- a file that cannot be read (unreadable) -----------------------------------------------------------------

SCENES_TO_NOTHING = EXAMPLE_BASE["scenes/main.yaml"].replace("to: end", "to: x").replace("[[square|term]]",
                                                                                         "[[square|nothing]]")


@pytest.mark.parametrize("broken, left", [
    ("scenes:\n  - id: x\n    text: [\n", {"PG100", "PG305"}),      # its scenes unknown: no "no such scene"
    ("codex:\n  - id: x\n    text: [\n", {"PG100", "PG301"}),       # its codex unknown: no "no such entry"
    ("[\n", {"PG100"}),                                           # nothing known of it: neither
    ("# notes\nscenes:\n  - [\n", {"PG100", "PG305"}),             # a section on any line
    ("variables: 1\n  scenes: [\n", {"PG100", "PG301", "PG305"}),  # but only at a line's start
])
def test_a_file_that_cannot_be_read_silences_only_the_references_it_may_have_answered(story_dir, broken, left):
    story, diagnostics, builder = built(story_dir({"scenes/broken.yaml": broken, "scenes/main.yaml": SCENES_TO_NOTHING}))
    assert {d.code for d in diagnostics if d.severity.value == "error"} == left
    assert builder.incomplete is True
    _, diagnostics, builder = built(story_dir({"scenes/broken.yaml": "scenes: []\n"}))
    assert builder.incomplete is False


@pytest.mark.parametrize("written, value", [("true", True), ("false", False), ("True", True), ("False", False),
                                            ("TRUE", True), ("FALSE", False)])
def test_a_flag_is_true_or_false_in_any_of_three_cases(story_dir, written, value):
    scenes = EXAMPLE_BASE["scenes/main.yaml"].replace("do: courage += 1}", f"do: courage += 1, once: {written}}}")
    story, diagnostics = load_story(story_dir({"scenes/main.yaml": scenes}))
    assert diagnostics == [] and story.scenes["start"].choices[0].once is value


@pytest.mark.parametrize("written, hint", [("yes", " (YAML's yes/no/on/off are not accepted)"),
                                           ("Off", " (YAML's yes/no/on/off are not accepted)"),
                                           ("tRUE", ""), ("1", ""), ("[true]", "")])
def test_a_flag_written_otherwise_is_refused_with_a_hint_for_yaml_s_words(story_dir, written, hint):
    scenes = EXAMPLE_BASE["scenes/main.yaml"].replace("do: courage += 1}", f"do: courage += 1, once: {written}}}")
    _, diagnostics = load_story(story_dir({"scenes/main.yaml": scenes}))
    assert errors(diagnostics) == [("PG206", "main.yaml", 14, 57, f"once should be true or false{hint}")]


def test_an_unknown_role_of_a_scene_is_named_where_it_is_written(story_dir):
    """With roles: and no role:, or after a role that is not an id, each role is still named at its own place."""
    more = ("scenes:\n  - id: two\n    roles: [heor, villian]\n    title: Two\n    text: Two.\n    ending: {title: Done}\n"
            "  - id: three\n    role: 5x\n    roles: [hero, nobody]\n    title: Three\n    text: Three.\n"
            "    ending: {title: Done}\n")
    _, diagnostics = load_story(story_dir({"scenes/more.yaml": more}))
    assert errors(diagnostics, ("PG302", "PG203")) == [
        ("PG302", "more.yaml", 3, 13, "unknown role 'heor'; roles are: hero"),
        ("PG302", "more.yaml", 3, 19, "unknown role 'villian'; roles are: hero"),
        ("PG203", "more.yaml", 8, 11, "role '5x' is not a valid id (letters, digits and _, starting with a letter)"),
        ("PG302", "more.yaml", 9, 19, "unknown role 'nobody'; roles are: hero"),
    ]


def test_a_refused_flag_counts_as_false(story_dir):
    # show_map: yes is refused; were it taken as true, the scene would also be named for opening a missing map.
    text = EXAMPLE_BASE["scenes/main.yaml"].replace("    place: A square\n", "    place: A square\n    show_map: yes\n", 1)
    _, diagnostics = load_story(story_dir({"scenes/main.yaml": text}))
    assert [d.code for d in diagnostics] == ["PG206"]


@pytest.mark.parametrize("written, code, column, message", [
    ("9x", "PG203", 9, "scene id '9x' is not a valid id (letters, digits and _, starting with a letter)"),
    ("[x]", "PG202", 9, "scene id should be an id"),
])
def test_an_entry_s_id_is_named_as_what_it_identifies(story_dir, written, code, column, message):
    more = f"scenes:\n  - id: {written}\n    role: hero\n    title: X\n    text: T\n    ending: {{title: E}}\n"
    _, diagnostics = load_story(story_dir({"scenes/more.yaml": more}))
    assert errors(diagnostics) == [(code, "more.yaml", 2, column, message)]


def test_a_picture_that_cannot_be_looked_for_is_missing_not_a_crash(story_dir):
    # An assets folder whose path is longer than the system allows: looking for a picture there fails
    # with an error (not "no such file"), which is a missing picture.
    deep = "/".join(["d" * 200] * 25)      # 5,000 characters: past PATH_MAX (4,096)
    _, diagnostics = load_story(story_dir(with_manifest("  assets: assets\n", f"  assets: {deep}\n")))
    message = "no picture for 'places/square': expected assets/art/places/square.svg or .png"
    assert errors(diagnostics) == [("PG306", "main.yaml", 10, 12, message), ("PG306", "main.yaml", 21, 12, message)]


# -- manifest(): run by mutmut after round five (docs/mutation-round5-builder.md) ------------------------------
def test_a_story_block_with_only_a_subtitle_takes_the_defaults_and_names_what_is_missing(story_dir):
    """No id, title or version: each is named, and the story goes on as "story", "Untitled", "0" (the id
    names the save folder, so it must never be empty or None)."""
    _story, diagnostics, builder = built(story_dir({"story.yaml": "story:\n  subtitle: S\n" + EXAMPLE_BASE[
        "story.yaml"].split("roles:\n", 1)[1].join(["roles:\n", ""])}))
    assert builder.header["id"] == "story" and builder.header["title"] == "Untitled" and builder.header["version"] == "0"
    missing = [m for c, _f, _l, _c, m in errors(diagnostics) if c == "PG201"]
    assert {"story: needs an 'id' field", "story: needs a 'title' field", "story: needs a 'version' field"} <= set(missing), missing


def test_a_story_block_that_is_no_block_leaves_the_plain_defaults(story_dir):
    _story, diagnostics, builder = built(story_dir({"story.yaml": "story: 5\n" + "roles:\n" + BASE_ROLE}))
    assert {k: builder.header[k] for k in ("id", "title", "version")} == {"id": "story", "title": "Untitled", "version": "0"}
    assert ("PG202", "story.yaml", 1, 8, "story: should be a block of fields") in errors(diagnostics)


def test_each_field_of_the_story_block_of_the_wrong_kind_is_named_by_its_name(story_dir):
    manifest = ("story:\n  id: ok\n  title: [t]\n  subtitle: [s]\n  version: [v]\n  assets: [a]\n  credits: [[c]]\n"
                "  calendar: {start: 1917-01-01, label: [l], style: [s]}\n"
                "  sources:\n    - {id: src, title: [t], short: [s]}\n    - {title: No id}\n    - {id: later, title: Later}\n"
                "roles:\n" + BASE_ROLE)
    story, diagnostics, builder = built(story_dir({"story.yaml": manifest}))
    words = {m for c, _f, _l, _c, m in errors(diagnostics) if c == "PG202"}
    for what in ("title", "subtitle", "version", "assets", "credit", "calendar label", "calendar style",
                 "source title", "short"):
        assert f"{what} should be text" in words, (what, sorted(words))
    assert "a source needs an 'id' field" in {m for c, *_rest, m in errors(diagnostics)}
    assert set(builder.sources) == {"src", "later"} and builder.sources["later"].id == "later"   # read on past a bad one


def test_a_calendar_without_a_style_or_with_either_style_is_accepted(story_dir):
    for style, kept in (("", "gregorian"), ("  style: gregorian\n", "gregorian"), ("  style: julian\n", "julian")):
        manifest = EXAMPLE_BASE["story.yaml"].replace("  id: example\n", "  id: example\n  calendar:\n    start: 1917-01-01\n"
                                                      + style.replace("  style", "    style"))
        _story, diagnostics, builder = built(story_dir({"story.yaml": manifest}))
        assert builder.header["calendar_style"] == kept and not errors(diagnostics), (style, errors(diagnostics))


def test_lists_of_the_wrong_kind_in_the_story_block_are_named(story_dir):
    manifest = "story:\n  id: ok\n  title: T\n  version: '1'\n  credits: {a: b}\n  sources: {a: b}\nroles: {a: b}\n"
    _story, diagnostics, _builder = built(story_dir({"story.yaml": manifest}))
    words = {m for c, *_rest, m in errors(diagnostics)}
    assert {"credits should be a list (lines starting with '- ')", "sources should be a list (lines starting with '- ')",
            "roles: should be a list (lines starting with '- ')"} <= words, sorted(words)


def test_a_story_id_calendar_or_source_of_the_wrong_kind_is_named_and_the_rest_read(story_dir):
    manifest = ("story:\n  id: [x]\n  title: T\n  version: '1'\n  calendar: 5\n  sources: [oops, {id: later, title: L}]\n"
                "roles:\n" + BASE_ROLE)
    _story, diagnostics, builder = built(story_dir({"story.yaml": manifest}))
    found = [e for e in errors(diagnostics) if e[1] == "story.yaml"]
    assert found == [("PG202", "story.yaml", 2, 7, "story id should be text"),
                     ("PG202", "story.yaml", 5, 13, "calendar: should be a block of fields"),
                     ("PG202", "story.yaml", 6, 13, "a source should be a block of fields")]
    assert builder.header["id"] == "story" and list(builder.sources) == ["later"]


def test_a_missing_story_block_is_named_at_the_top_of_story_yaml_and_the_id_is_not_questioned(story_dir):
    _story, diagnostics, builder = built(story_dir({"story.yaml": "roles:\n" + BASE_ROLE}))
    assert ("PG202", "story.yaml", 1, 1, "story: should be a block of fields") in errors(diagnostics)
    _story, diagnostics, builder = built(story_dir({"story.yaml": "story:\n  title: T\n  version: '1'\nroles:\n" + BASE_ROLE}))
    assert builder.header["id"] == "story" and "PG203" not in {e[0] for e in errors(diagnostics)}

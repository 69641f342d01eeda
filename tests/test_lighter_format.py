"""The lighter format: per-file defaults, {variable} in text, [if]...[else]...[/if] inline, and a
prose line with a colon explained in words a writer understands."""
from engine import Game, load_story
from engine.diagnostics import EXAMPLE_BASE

LIGHT = """\
variables:
  courage: {type: int, default: 0, min: 0, max: 3}
  name: {type: str, default: Ana, values: [Ana, Boris]}
defaults:
  role: hero
  date: 1917-10-25
  place: A square
  image: places/square
  sources: [{source: src, where: p. 1}]
scenes:
  - id: start
    title: Start
    time: "21:40"
    text: |
      You are {name}, courage {courage}. Braces: {{ and }}.[if courage > 0] Brave.[else] Not yet.[/if]

      [if courage >= 1]A paragraph that may vanish.[/if]
    choices:
      - {text: Steel yourself., to: start, do: courage += 1}
      - {text: Go on., to: end}
  - id: end
    title: End
    time: "22:00"
    place: The bridge
    text: It is over, {name}.
    ending: {title: The End, historical: true}
"""


def _light(story_dir, text=LIGHT):
    return story_dir({"scenes/main.yaml": text})


def test_defaults_fill_the_fields_a_scene_leaves_out(story_dir):
    story, diagnostics = load_story(_light(story_dir))
    assert diagnostics == [], [d.format() for d in diagnostics]
    start, end = story.scenes["start"], story.scenes["end"]
    assert start.roles == ("hero",) and start.date == "1917-10-25" and start.image == "places/square"
    assert start.place == "A square" and end.place == "The bridge"       # a scene's own field wins
    assert [c.source for c in end.sources] == ["src"]


def test_a_mistake_in_defaults_is_reported_in_the_defaults(story_dir):
    _, diagnostics = load_story(_light(story_dir, LIGHT.replace("  date: 1917-10-25\n", "  date: 25 October\n")))
    assert {(d.code, d.span.line) for d in diagnostics} == {("PG204", 6)}
    _, diagnostics = load_story(_light(story_dir, LIGHT.replace("  place: A square\n", "  place: A square\n  colour: red\n")))
    assert [d.code for d in diagnostics] == ["PG200"]


def test_variables_and_inline_conditions_render_in_play(story_dir):
    story, _ = load_story(_light(story_dir))
    player = Game(story).new_player("hero", seed=1)
    first = player.frame().paragraphs
    assert first == ("You are Ana, courage 0. Braces: { and }. Not yet.",)
    player.choose(0)
    assert player.frame().paragraphs == ("You are Ana, courage 1. Braces: { and }. Brave.",
                                         "A paragraph that may vanish.")
    player.choose(1)
    assert player.frame().paragraphs == ("It is over, Ana.",)


def test_a_variable_read_only_in_text_is_not_unused(story_dir):
    _, diagnostics = load_story(_light(story_dir))
    assert "PG502" not in {d.code for d in diagnostics}


def test_an_unknown_variable_in_text_is_reported_where_it_stands(story_dir):
    _, diagnostics = load_story(_light(story_dir, LIGHT.replace("It is over, {name}.", "It is over, {nmae}.")))
    (d,) = diagnostics
    line = LIGHT.splitlines().index("    text: It is over, {name}.") + 1
    assert (d.code, d.span.line, d.span.column) == ("PG402", line, 24)
    assert "did you mean 'name'?" in d.message


def test_inline_conditions_are_checked_like_conditions(story_dir):
    text = LIGHT.replace("[if courage >= 1]", "[if courage >= 9]")
    _, diagnostics = load_story(_light(story_dir, text))
    (d,) = diagnostics
    line = LIGHT.splitlines().index("      [if courage >= 1]A paragraph that may vanish.[/if]") + 1
    assert (d.code, d.span.line, d.span.column) == ("PG404", line, 22)
    _, diagnostics = load_story(_light(story_dir, LIGHT.replace("[if courage >= 1]", "[if couarge >= 1]")))
    assert [d.code for d in diagnostics] == ["PG402"]


def test_inline_mistakes_get_their_own_code(story_dir):
    for broken in ("[if courage >= 1]A paragraph that may vanish.",            # not closed
                   "A paragraph [/if] that may vanish.",                        # closed, never opened
                   "A paragraph {that may vanish.",                             # a lone brace
                   "[if courage > 1]A [if courage > 2]nested[/if][/if]"):
        text = LIGHT.replace("[if courage >= 1]A paragraph that may vanish.[/if]", broken)
        _, diagnostics = load_story(_light(story_dir, text))
        assert [d.code for d in diagnostics] == ["PG405"], (broken, [d.format() for d in diagnostics])


def test_a_prose_line_with_a_colon_in_a_text_list(story_dir):
    files = {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace(
        "      - It is over.\n", "      - It is over.\n      - EDITED: Father Gapon is not in the square.\n")}
    _, diagnostics = load_story(story_dir(files))
    (d,) = diagnostics
    assert d.code == "PG209"
    assert "looks like prose with a colon" in d.message and "quotes" in d.message
    assert "conditional text block" not in d.message


def test_inline_forms_where_they_are_not_rendered_are_reported(story_dir):
    text = (LIGHT.replace("{text: Go on., to: end}", "{text: \"Go on, {name}.\", to: end}")
            .replace("ending: {title: The End, historical: true}", "ending: {title: \"[if courage > 1]Brave[/if]\"}"))
    _, diagnostics = load_story(_light(story_dir, text))
    found = sorted((d.code, d.message.split(" would")[0]) for d in diagnostics)
    assert found == [("PG405", "'[if courage > 1]'"), ("PG405", "'{name}'")], [d.format() for d in diagnostics]
    assert all("scene text only" in d.message for d in diagnostics)
    _, diagnostics = load_story(_light(story_dir, LIGHT.replace("{text: Go on., to: end}", "{text: \"Go on {{sic}}.\", to: end}")))
    assert diagnostics == []

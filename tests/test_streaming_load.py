"""The builder reads each file's scenes as soon as no later file can declare a variable, and drops
that file's tree; a variable declared in a later file must still be known to earlier scenes."""
from engine import load_story
from engine.loading.builder import StoryBuilder
from engine.diagnostics import DiagnosticSink

BRAVE = "  - {id: brave, role: hero, title: Brave, date: 1917-10-25, time: \"22:10\", place: A square,\n" \
        "     image: places/square, sources: [{source: src, where: p. 3}], text: Brave.,\n" \
        "     choices: [{text: On., to: end, if: zeal >= 0}]}\n"


def _codes(root):
    story, diagnostics = load_story(root)
    return story, [d.code for d in diagnostics]


def test_a_variable_declared_in_a_later_file_is_known_to_earlier_scenes(story_dir):
    root = story_dir({"scenes/extra.yaml": "scenes:\n" + BRAVE,
                      "zz/vars.yaml": "variables:\n  zeal: {type: int, default: 0, min: 0, max: 3}\n"})
    story, codes = _codes(root)
    assert story is not None, codes
    assert "zeal" in story.variables and "brave" in story.scenes


def test_an_escaped_key_that_spells_variables_is_still_waited_for(story_dir):
    # "\x76ariables" is `variables`: the file's bytes do not hold the word, but its backslash
    # makes the builder wait for it before reading earlier scenes.
    root = story_dir({"scenes/extra.yaml": "scenes:\n" + BRAVE,
                      "zz/vars.yaml": '"\\x76ariables":\n  zeal: {type: int, default: 0, min: 0, max: 3}\n'})
    story, codes = _codes(root)
    assert story is not None, codes
    assert "zeal" in story.variables


def test_an_unknown_variable_is_still_an_error(story_dir):
    root = story_dir({"scenes/extra.yaml": "scenes:\n" + BRAVE})
    story, codes = _codes(root)
    assert story is None and codes      # zeal is declared nowhere


def test_scene_order_and_the_model_match_a_load_that_waits_for_every_file(story_dir):
    """Files before and after the last declaring file keep the story's order of scenes."""
    root = story_dir({"scenes/extra.yaml": "scenes:\n" + BRAVE,
                      "scenes/zz_more.yaml": "scenes:\n" + BRAVE.replace("brave", "braver").replace("Brave", "Braver"),
                      "zz/vars.yaml": "variables:\n  zeal: {type: int, default: 0, min: 0, max: 3}\n"})
    story, codes = _codes(root)
    assert story is not None, codes
    assert list(story.scenes) == ["brave", "start", "end", "braver"]


def test_read_files_drop_their_scenes_tree(story_dir):
    root = story_dir()
    builder = StoryBuilder(root, DiagnosticSink())
    assert builder.build() is not None
    assert builder.files and all(data.get("scenes") is None for _, data in builder.files)

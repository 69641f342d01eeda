"""Diagnostics without gaps: every syntax error, no knock-on errors from a broken file, "did you
mean", literal ranges with positions, the codes' examples, stuck scenes named, and the graph."""
import json
import subprocess
import sys

from engine import load_story
from engine.diagnostics import EXAMPLE_BASE


def _run(*args):
    return subprocess.run([sys.executable, "-m", "engine", *map(str, args)], capture_output=True, text=True)


def _codes(diagnostics):
    return [d.code for d in diagnostics]


BROKEN_ITEMS = """\
scenes:
  - id: a
    title: [oops
  - id: b
    title: fine
  - id: c
    title: {x
  - id: d
    text: fine
codex:
  - {id: q, title: [}
"""


def test_every_syntax_error_in_a_file_is_reported(story_dir):
    _, diagnostics = load_story(story_dir({"scenes/broken.yaml": BROKEN_ITEMS}))
    found = [(d.span.line, d.code) for d in diagnostics if d.span.path.endswith("broken.yaml")]
    assert [code for _, code in found] == ["PG100", "PG100", "PG100"], found
    assert [line for line, _ in found] == [4, 8, 11]


def test_a_prose_line_with_a_colon_is_explained(story_dir):
    files = {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace(
        "text: You stand in the [[square|term]].", "text: EDITED: Father Gapon stands in the square.")}
    _, diagnostics = load_story(story_dir(files))
    (d,) = diagnostics
    assert d.code == "PG100" and "looks like prose with a colon" in d.message and "quotes" in d.message


def test_a_broken_codex_file_does_not_make_every_link_unknown(story_dir):
    files = {"codex/main.yaml": "codex:\n  - {id: term, kind: place, title: The square, text: A square.\n"}
    _, diagnostics = load_story(story_dir(files))
    assert _codes(diagnostics) == ["PG100"], [d.format() for d in diagnostics]


def test_a_broken_scene_file_does_not_make_the_start_not_a_scene(story_dir):
    files = {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace("title: Start", "title: [Start")}
    _, diagnostics = load_story(story_dir(files))
    assert _codes(diagnostics) == ["PG100"], [d.format() for d in diagnostics]


def test_a_broken_variables_file_does_not_make_every_name_undeclared(story_dir):
    files = {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace(
        "variables:\n  courage: {type: int, default: 0, min: 0, max: 3}\n", ""),
        "scenes/vars.yaml": "variables:\n  courage: {type: int, default: 0, min: 0, max: [3}\n"}
    _, diagnostics = load_story(story_dir(files))
    assert _codes(diagnostics) == ["PG100"], [d.format() for d in diagnostics]


def test_an_empty_manifest_is_reported_in_the_manifest_only(story_dir):
    _, diagnostics = load_story(story_dir({"story.yaml": ""}))
    assert [d.span.path.rsplit("/", 1)[-1] for d in diagnostics] == ["story.yaml"]


def test_did_you_mean(story_dir):
    files = {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"]
             .replace("to: end, do: courage += 1}", "to: edn, do: couragee += 1}\n      - {text: B, to: end, if: corage > 1}")
             .replace("[[square|term]]", "[[square|terms]]")}
    _, diagnostics = load_story(story_dir(files))
    messages = "\n".join(d.message for d in diagnostics)
    assert "did you mean 'end'?" in messages
    assert messages.count("did you mean 'courage'?") == 2
    assert "did you mean 'term'?" in messages


def test_literals_outside_a_range_are_reported_where_they_stand(story_dir):
    files = {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace(
        "      - {text: Go on., to: end, do: courage += 1}\n",
        "      - {text: Go on., to: end, do: courage += 1}\n"
        "      - {text: A., to: end, if: courage == 6}\n"
        "      - {text: B., to: end, do: courage = 5 + 100}\n"
        "      - {text: C., to: end, do: courage = roll(20)}\n"
        "      - {text: D., to: end, if: courage >= 1 and 9 > courage}\n")}
    _, diagnostics = load_story(story_dir(files))
    found = [(d.code, d.span.line, d.span.column) for d in diagnostics]
    line = EXAMPLE_BASE["scenes/main.yaml"].splitlines().index("      - {text: Go on., to: end, do: courage += 1}") + 2
    assert found == [("PG404", line, 44), ("PG404", line + 1, 43), ("PG404", line + 2, 43), ("PG404", line + 3, 50)]
    assert "always gives the same answer" in diagnostics[0].message
    assert "1..20" in diagnostics[2].message


def test_in_range_literals_and_rolls_pass(story_dir):
    files = {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace(
        "      - {text: Go on., to: end, do: courage += 1}\n",
        "      - {text: Go on., to: end, do: [courage = roll(3), courage = 1 + 2]}\n"
        "      - {text: A., to: end, if: courage == 3 or courage > 0}\n")}
    _, diagnostics = load_story(story_dir(files))
    assert diagnostics == [], [d.format() for d in diagnostics]


def test_grammar_of_messages(story_dir):
    files = {"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace("    image: places/square\n", "", 1),
             "scenes/extra.yaml": "scenes: []\n",
             "codex/c.yaml": "codex:\n  - {id: t2, kind: term, title: T}\n"}
    _, diagnostics = load_story(story_dir(files))
    messages = [d.message for d in diagnostics]
    assert "a scene needs an 'image' field" in messages, messages
    from engine.expressions import ExpressionError, compile_condition
    try:
        compile_condition("__import__('os').system('ls')", {})
    except ExpressionError as exc:
        assert "'this'" not in exc.message and "__import__" in exc.message
    else:
        raise AssertionError("compiled")


def test_codes_prints_an_example_and_what_check_says():
    out = _run("check", "--codes", "PG404")
    assert out.returncode == 0
    assert "courage = 7" in out.stdout and "error PG404: 7 is outside courage's range" in out.stdout
    every = _run("check", "--codes")
    assert every.stdout.count("example") >= 50 and "PG100" in every.stdout and "PG705" in every.stdout
    assert _run("check", "--codes", "PG999").returncode == 2


def _softlock_after_a_choice(story_dir):
    """start -> middle (by its second choice) -> soft-locked, since courage never reaches 3."""
    text = EXAMPLE_BASE["scenes/main.yaml"].replace(
        "      - {text: Go on., to: end, do: courage += 1}\n",
        "      - {text: Go on., to: end, do: courage += 1}\n      - {text: Wait., to: middle}\n")
    text += ("  - id: middle\n    role: hero\n    title: Middle\n    date: 1917-10-25\n    time: \"21:50\"\n"
             "    place: A square\n    image: places/square\n    sources: [{source: src, where: p. 1}]\n"
             "    text: Waiting.\n    choices:\n      - {text: Go., to: end, if: courage >= 3}\n")
    return story_dir({"scenes/main.yaml": text})


def test_explore_names_the_stuck_scene_with_its_place_and_a_replay(story_dir):
    root = _softlock_after_a_choice(story_dir)
    out = _run("check", "--explore", root)
    assert out.returncode == 1
    line = (EXAMPLE_BASE["scenes/main.yaml"].count("\n") + 2)
    assert f"SOFT-LOCK: in scene middle every choice is closed ({root}/scenes/main.yaml:{line})" in out.stdout
    assert "printf '2\\n' | petrograd play --text --role hero --seed 0" in out.stdout
    replay = subprocess.run([sys.executable, "-m", "engine", "play", "--text", "--role", "hero", "--seed", "0", str(root)],
                            input="2\n", capture_output=True, text=True)
    assert "Waiting." in replay.stdout


def test_random_names_every_stuck_scene_and_json_carries_it(story_dir):
    root = _softlock_after_a_choice(story_dir)
    out = _run("check", "--random", "20", root)
    assert out.returncode == 1 and "STUCK in scene middle" in out.stdout and "--seed" in out.stdout
    data = _run("check", "--json", "--random", "20", "--explore", root)
    assert data.returncode == 1 and data.stderr == ""
    report = json.loads(data.stdout)
    stuck = report["play"]["random"][0]["stuck_runs"]
    assert stuck and {s["scene"] for s in stuck} == {"middle"} and all(s["choices"] == [2] for s in stuck)
    assert report["play"]["explore"][0]["soft_locks"][0]["choices"] == [2]


def test_graph_marks_the_historical_ending_and_cuts_labels_between_words(story_dir):
    text = EXAMPLE_BASE["scenes/main.yaml"].replace(
        "{text: Go on., to: end,", "{text: Go on across the square towards the palace gates at once., to: end,")
    root = story_dir({"scenes/main.yaml": text})
    out = _run("graph", root)
    assert out.returncode == 0
    assert "historical" in out.stdout and "class s_end historical" in out.stdout
    label = out.stdout.split('-->|"')[1].split('"|')[0]
    assert label.endswith("…") and "Go on across the square towards the palace gates at once.".startswith(label[:-1])
    assert label[:-1].split()[-1] in "Go on across the square towards the palace gates at once.".split()
    dot = _run("graph", "--format", "dot", root)
    assert 'fillcolor="#f5d76e"' in dot.stdout


def test_graph_works_on_a_story_with_errors(story_dir):
    root = story_dir({"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace("to: end, do", "to: nowhere, do")})
    out = _run("graph", root)
    assert out.returncode == 1 and "PG301" in out.stderr
    assert "s_start" in out.stdout and "s_end" in out.stdout

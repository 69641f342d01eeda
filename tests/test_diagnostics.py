"""Every diagnostic code has an example that produces it, with a position, and never a traceback."""
import json
import subprocess
import sys

import pytest

from engine import load_story
from engine.diagnostics import CATALOGUE, EXAMPLE_BASE, DiagnosticSink
from engine.i18n.check import check_translation


def test_example_base_is_clean(story_dir):
    story, diagnostics = load_story(story_dir())
    assert story is not None
    assert diagnostics == []


@pytest.mark.parametrize("code", CATALOGUE, ids=lambda c: c.code)
def test_every_code_has_a_failing_example(code, story_dir):
    root = story_dir(code.example)
    story, diagnostics = load_story(root)
    # A translation's codes come from `check --lang LANG`, the example's locale/LANG/ naming the language.
    languages = {name.split("/")[1] for name in code.example if name.startswith("locale/")}
    for lang in languages:
        sink = DiagnosticSink()
        check_translation(root, story, lang, sink)
        diagnostics = diagnostics + sink.items
    found = [d for d in diagnostics if d.code == code.code]
    assert found, f"{code.code} not reported; got {[d.format() for d in diagnostics]}"
    for d in found:
        assert d.span.line >= 1 and d.span.column >= 1
        assert d.message and d.severity is code.severity
    if code.severity.value == "error" and not languages:
        assert story is None


def test_codes_are_unique_and_documented():
    codes = [c.code for c in CATALOGUE]
    assert len(codes) == len(set(codes))
    assert all(c.title and c.hint for c in CATALOGUE)


def test_all_diagnostics_collected_not_just_the_first(story_dir):
    files = {"codex/many.yaml": "codex:\n  - {id: a1, kind: term, title: T}\n  - {id: 2bad, kind: term, title: T, text: T}\n"
             "  - {id: a3, kind: term, title: T, text: T, extra: 1}\n"}
    _, diagnostics = load_story(story_dir(files))
    assert {"PG201", "PG203", "PG200"} <= {d.code for d in diagnostics}


def test_yaml_11_surprises_stay_as_written(story_dir):
    files = {"scenes/vars.yaml": "variables:\n  route: {type: str, default: no, values: [no, on, '21:40']}\n",
             "scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace(
                 "do: courage += 1}", "do: courage += 1, if: route == \"no\"}")}
    story, diagnostics = load_story(story_dir(files))
    assert diagnostics == [], [d.format() for d in diagnostics]
    assert story.variables["route"].default == "no"
    assert story.variables["route"].values == ("no", "on", "21:40")
    assert story.scenes["start"].time == "21:40"
    assert story.scenes["start"].date == "1905-10-25"


def test_check_json_shape(story_dir):
    root = story_dir(CATALOGUE[0].example)
    out = subprocess.run([sys.executable, "-m", "engine", "check", "--json", str(root)],
                         capture_output=True, text=True)
    assert out.returncode == 1
    data = json.loads(out.stdout)
    assert set(data) == {"diagnostics", "stats"}
    assert set(data["diagnostics"][0]) == {"path", "line", "column", "severity", "code", "message"}
    assert set(data["stats"]["totals"]) == {"roles", "scenes", "words", "choices", "endings"}
    assert "Traceback" not in out.stderr


def test_text_format_is_path_line_col(story_dir):
    root = story_dir({"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace("to: end", "to: nowhere")})
    out = subprocess.run([sys.executable, "-m", "engine", "check", str(root)], capture_output=True, text=True)
    assert out.returncode == 1
    line = next(l for l in out.stdout.splitlines() if "PG301" in l)
    assert line.endswith("error PG301: this choice leads to 'nowhere', but no scene has that id")
    text = EXAMPLE_BASE["scenes/main.yaml"].splitlines()
    row = next(n for n, l in enumerate(text, 1) if "to: end" in l)
    col = text[row - 1].index("end,") + 1
    assert line.split(":")[1:3] == [str(row), str(col)]


@pytest.mark.parametrize("files, code, words", [
    ({"scenes/vars.yaml": "variables:\n  turn: {type: int, default: 0, min: 0, max: 3}\n"}, "PG203", "condition language"),
    ({"story.yaml": EXAMPLE_BASE["story.yaml"].split("roles:")[0] + "roles: []\n"}, "PG303", "no roles"),
    ({"scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace("date: 1905-10-25\n    time: 21:40",
                                                                    "date: 1905-09-31\n    time: 21:40")}, "PG204", "1905-09-31"),
    ({"scenes/vars.yaml": "variables:\n  a: {type: str, default: x, values: [x]}\n  b: {type: str, default: x, values: [x, q]}\n",
      "scenes/main.yaml": EXAMPLE_BASE["scenes/main.yaml"].replace("do: courage += 1}", "do: [courage += 1, a = b], if: b == a}")},
     "PG404", "'q'"),
])
def test_more_author_mistakes(story_dir, files, code, words):
    story, diagnostics = load_story(story_dir(files))
    assert story is None
    assert any(d.code == code and words in d.message for d in diagnostics), [d.format() for d in diagnostics]


def test_mermaid_ids_never_collide_with_keywords(story_dir):
    from engine.checker.export import export_graph
    story, _ = load_story(story_dir())
    text = export_graph(story, fmt="mermaid")
    assert "\n  end" not in text and "s_end" in text


@pytest.mark.parametrize("code, path, line, column", [
    ("PG101", "codex/dup.yaml", 3, 5),        # the second `id:` key
    ("PG204", "scenes/extra.yaml", 5, 11),    # the value of date:
    ("PG301", "scenes/main.yaml", 15, 26),    # the value of to:
    ("PG402", "scenes/main.yaml", 15, 36),    # the value of if:
    ("PG206", "scenes/main.yaml", 15, 38),    # the value of once:
    ("PG303", "story.yaml", 9, 10),           # the role's id
])
def test_positions_point_at_the_mistake(story_dir, code, path, line, column):
    root = story_dir(next(c for c in CATALOGUE if c.code == code).example)
    _, diagnostics = load_story(root)
    found = [d for d in diagnostics if d.code == code]
    assert found and found[0].span.path.endswith(path)
    assert (found[0].span.line, found[0].span.column) == (line, column)


def test_picture_variants_are_checked(story_dir):
    good = EXAMPLE_BASE["scenes/main.yaml"].replace("image: places/square\n    sources: [{source: src, where: p. 1}]",
                                                    "image: places/square@rain\n    sources: [{source: src, where: p. 1}]")
    story, diagnostics = load_story(story_dir({"scenes/main.yaml": good}))
    assert diagnostics == [] and story.scenes["start"].image == "places/square@rain"
    bad = good.replace("@rain", "@hail")
    story, diagnostics = load_story(story_dir({"scenes/main.yaml": bad}))
    assert story is None and any(d.code == "PG306" and "hail" in d.message for d in diagnostics)

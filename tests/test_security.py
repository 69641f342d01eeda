"""Escape attempts that must be rejected as diagnostics: object tags, code in conditions, paths, bombs."""
import pytest

from engine import load_story
from engine.diagnostics import EXAMPLE_BASE
from engine.expressions import ExpressionError, compile_condition, compile_effect
from engine.model import Variable

VARS = {"courage": Variable("courage", "int", 0, 0, 3, (), "")}

HOSTILE_CONDITIONS = [
    "__import__('os').system('echo pwned')",
    "courage.__class__.__bases__[0].__subclasses__()",
    "().__class__",
    "open('/etc/passwd')",
    "eval('1')",
    "exec('x=1')",
    "getattr(courage, 'real')",
    "[c for c in ()]",
    "lambda: 1",
    "courage if courage else courage",
    "{'a': 1}",
    "courage[0]",
    "_secret",
    "visited(__name__)",
    "roll(6) > 3",            # randomness is for effects only
    "courage ** 99 ** 99 > 1",  # exponent bombs are not arithmetic we allow
    "'a' * 10**9",
    "not " * 200 + "true",
    "(" * 201 + "courage" + ")" * 201 + " > 1",    # under the length limit, nested past the parser's
]


@pytest.mark.parametrize("source", HOSTILE_CONDITIONS)
def test_hostile_conditions_are_rejected(source):
    with pytest.raises(ExpressionError) as info:
        compile_condition(source, VARS)
    assert info.value.code in {"PG400", "PG401", "PG402", "PG403"}


@pytest.mark.parametrize("source", ["courage = __import__('os')", "courage.real = 1", "x = 1",
                                    "courage = courage = 1", "del courage", "import os"])
def test_hostile_effects_are_rejected(source):
    with pytest.raises(ExpressionError):
        compile_effect(source, VARS)


def test_python_object_tags_never_construct(story_dir, tmp_path):
    marker = tmp_path / "pwned"
    evil = ("codex:\n  - !!python/object/apply:os.system ['touch %s']\n"
            "  - !!python/name:os.system\n  - !custom {id: x}\n") % marker
    story, diagnostics = load_story(story_dir({"codex/evil.yaml": evil}))
    assert story is None
    assert sum(d.code == "PG102" for d in diagnostics) == 3
    assert not marker.exists()


@pytest.mark.parametrize("image", ["../../etc/passwd", "/etc/passwd", "places/../../../secret",
                                   "places\\..\\..\\x", "C:/windows/win", "places/./square"])
def test_image_paths_cannot_leave_assets(story_dir, image):
    text = EXAMPLE_BASE["scenes/main.yaml"].replace("image: places/square\n    sources: [{source: src, where: p. 1}]",
                                                    f"image: '{image}'\n    sources: [{{source: src, where: p. 1}}]")
    story, diagnostics = load_story(story_dir({"scenes/main.yaml": text}))
    assert story is None
    codes = [d.code for d in diagnostics]
    assert codes.count("PG307") == 1 and "PG306" not in codes     # refused as a path, not merely missing


@pytest.mark.parametrize("image", ["../../secret", "../secret", "/SECRET"])
def test_an_image_path_out_of_assets_is_refused_even_where_the_file_exists(story_dir, image):
    """The picture really is there, outside assets/art/: only the path check can refuse it."""
    root = story_dir()
    (root / "secret.svg").write_text((root / "assets/art/places/square.svg").read_text())
    (root / "assets/secret.svg").write_text((root / "assets/art/places/square.svg").read_text())
    target = root / "secret.svg"
    image = image.replace("/SECRET", str(target.with_suffix("")))
    text = EXAMPLE_BASE["scenes/main.yaml"].replace("image: places/square\n    sources: [{source: src, where: p. 1}]",
                                                    f"image: '{image}'\n    sources: [{{source: src, where: p. 1}}]")
    story, diagnostics = load_story(story_dir({"scenes/main.yaml": text}))
    assert story is None and [d.code for d in diagnostics if d.severity.value == "error"] == ["PG307"]


def test_an_expression_nested_too_deeply_is_refused_under_the_length_limit():
    source = "(" * 201 + "courage" + ")" * 201 + " > 1"
    assert len(source) <= 500
    with pytest.raises(ExpressionError, match="nested") as info:
        compile_condition(source, VARS)
    assert info.value.code == "PG400"
    compile_condition("(" * 150 + "courage" + ")" * 150 + " > 1", VARS)    # deep but within bounds


def test_the_expression_length_limit_is_500_characters():
    at_limit = "courage == 1" + " or courage == 1" * 29 + " or courage > " + "0" * 10
    assert len(at_limit) == 500, len(at_limit)
    compile_condition(at_limit, VARS)
    with pytest.raises(ExpressionError, match="longer than 500") as info:
        compile_condition(at_limit + "0", VARS)
    assert info.value.code == "PG400"
    with pytest.raises(ExpressionError, match="longer than 500"):
        compile_effect("courage = " + "1" * 491, VARS)


def test_alias_bomb_is_bounded(story_dir):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        prev, cur = f"a{i - 1}" if i > 1 else "a", f"a{i}"
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    story, diagnostics = load_story(story_dir({"codex/bomb.yaml": "\n".join(lines) + "\n"}))
    assert any(d.code == "PG104" for d in diagnostics)


@pytest.mark.parametrize("text", ["codex: " + "[" * 5000 + "]" * 5000, "codex:\n" + "".join(
    "  " * i + f"k{i}:\n" for i in range(1, 300)), "scenes:\n" + "- " * 30000 + "x",
    "codex:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 1500))])
def test_deep_nesting_is_bounded(story_dir, text):
    _, diagnostics = load_story(story_dir({"codex/deep.yaml": text + "\n"}))
    found = [d.code for d in diagnostics if d.span.path.endswith("deep.yaml")]
    assert found == ["PG105"], found


def _read(tmp_path, text):
    from engine.diagnostics import DiagnosticSink
    from engine.loading.yaml_source import read_yaml
    path = tmp_path / "deep.yaml"
    path.write_text(text)
    sink = DiagnosticSink()
    value = read_yaml(path, "deep.yaml", sink)
    return value, [d.format() for d in sink.items]


def test_the_bracket_depth_limit_is_64_and_checked_before_parsing(tmp_path):
    """The pre-check's own diagnostic: at the file's start, about brackets. (Without it the parser
    and the tree would still refuse the file, elsewhere and in other words.)"""
    value, found = _read(tmp_path, "x: " + "[" * 65 + "]" * 65 + "\n")
    assert value is None and found == ["deep.yaml:1:1: error PG105: brackets are nested more than 64 deep"]
    value, found = _read(tmp_path, "x: " + "[" * 63 + "]" * 63 + "\n")     # 64 levels with the mapping
    assert found == [] and value is not None


def test_the_block_depth_limit_is_64(tmp_path):
    from engine.loading.yaml_source import MAX_DEPTH, _too_deep
    assert MAX_DEPTH == 64
    deep = "".join("  " * i + f"k{i}:\n" for i in range(65)) + "  " * 65 + "end\n"
    value, found = _read(tmp_path, deep)
    assert value is None and found == ["deep.yaml:65:129: error PG105: blocks are nested more than 64 deep"]
    assert _too_deep(deep) == (65, 129)
    ok = "".join("  " * i + f"k{i}:\n" for i in range(64)) + "  " * 64 + "end\n"
    value, found = _read(tmp_path, ok)
    assert found == [] and value is not None and _too_deep(ok) is None


def test_deep_blocks_are_refused_before_any_value_is_built(tmp_path, monkeypatch):
    """The block pre-check stops a deep file before the parser's events are made into values (the
    tree's own count would report the same, but only after building 64 levels)."""
    from engine.loading import yaml_source

    def no_tree(*args):
        raise AssertionError("values were built from a file the pre-check should have refused")
    monkeypatch.setattr(yaml_source, "_Tree", no_tree)
    value, found = _read(tmp_path, "x:\n" + "".join("  " * i + "- \n" for i in range(1, 70)))
    assert value is None and found == ["deep.yaml:65:129: error PG105: blocks are nested more than 64 deep"]


def test_depth_is_counted_while_building_where_the_pre_check_cannot_see(tmp_path):
    """Brackets after `a#` are inside a plain scalar to the pre-check, but the parser sees them: the
    tree refuses them at the first bracket too deep (1:72), not at the file's start."""
    value, found = _read(tmp_path, "x: [a#, " + "[" * 100 + "]" * 100 + "]\n")
    assert value is None and found == ["deep.yaml:1:72: error PG105: blocks are nested more than 64 deep"]


@pytest.mark.parametrize("story_id", ["../../../escaped", "a/b", "", "x" * 80, ".hidden"])
def test_story_id_must_be_a_plain_name(story_dir, story_id):
    from engine.diagnostics import EXAMPLE_BASE as BASE
    manifest = BASE["story.yaml"].replace("id: example", f"id: '{story_id}'")
    story, diagnostics = load_story(story_dir({"story.yaml": manifest}))
    assert story is None and any(d.code in ("PG203", "PG201") for d in diagnostics)


def test_huge_file_is_refused_before_parsing(story_dir):
    _, diagnostics = load_story(story_dir({"codex/huge.yaml": "codex: []\n" + "#" * 3_000_000 + "\n"}))
    assert any(d.code == "PG103" for d in diagnostics)

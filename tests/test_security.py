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
    assert any(d.code in ("PG307", "PG306") for d in diagnostics)
    assert not any(d.code == "PG306" and ".." in d.message for d in diagnostics)


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
    assert any(d.code in ("PG105", "PG100") for d in diagnostics)


@pytest.mark.parametrize("story_id", ["../../../escaped", "a/b", "", "x" * 80, ".hidden"])
def test_story_id_must_be_a_plain_name(story_dir, story_id):
    from engine.diagnostics import EXAMPLE_BASE as BASE
    manifest = BASE["story.yaml"].replace("id: example", f"id: '{story_id}'")
    story, diagnostics = load_story(story_dir({"story.yaml": manifest}))
    assert story is None and any(d.code in ("PG203", "PG201") for d in diagnostics)


def test_huge_file_is_refused_before_parsing(story_dir):
    _, diagnostics = load_story(story_dir({"codex/huge.yaml": "codex: []\n" + "#" * 3_000_000 + "\n"}))
    assert any(d.code == "PG103" for d in diagnostics)

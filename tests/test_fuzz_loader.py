"""Whatever an author types, the loader answers with diagnostics, never with a traceback."""
from hypothesis import HealthCheck, given, settings, strategies as st

from engine import load_story
from engine.diagnostics import EXAMPLE_BASE

PIECES = list("abc:- \n\t[]{}&*!|>'\"#%@`,?0123456789.~") + ["  ", "- ", ": ", "id", "to", "if", "do", "scenes",
                                                               "text", "choices", "!!python/object", "&a", "*a", "<<", "\ufeff"]
YAMLISH = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=YAMLISH)
def test_random_yaml_never_raises(story_dir, junk):
    story, diagnostics = load_story(story_dir({"scenes/junk.yaml": junk}))
    assert all(d.span.line >= 1 for d in diagnostics)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, len(EXAMPLE_BASE["scenes/main.yaml"])), insert=st.text(max_size=12))
def test_damaged_scene_file_never_raises(story_dir, cut, insert):
    text = EXAMPLE_BASE["scenes/main.yaml"]
    story, diagnostics = load_story(story_dir({"scenes/main.yaml": text[:cut] + insert + text[cut:]}))
    if story is None:
        assert diagnostics


@settings(max_examples=200, deadline=None)
@given(source=st.text(max_size=60))
def test_random_expressions_never_raise_anything_but_diagnostics(source):
    from engine.expressions import ExpressionError, compile_condition, compile_effect
    from engine.model import Variable
    variables = {"courage": Variable("courage", "int", 0, 0, 3, (), ""),
                 "route": Variable("route", "str", "a", None, None, ("a", "b"), ""),
                 "flag": Variable("flag", "bool", False, None, None, (), "")}
    for compile_ in (compile_condition, compile_effect):
        try:
            compile_(source, variables)
        except ExpressionError as exc:
            assert exc.code.startswith("PG4")


def test_brackets_hidden_from_the_pre_check_are_still_a_depth_diagnostic(tmp_path):
    """The bracket pre-check strips what looks like comments and quotes, so brackets after a `#` or
    `'` inside a plain scalar reach the parser; skipping them must not recurse (found in review:
    RecursionError out of read_yaml)."""
    from engine.diagnostics import DiagnosticSink
    from engine.loading.yaml_source import read_yaml
    for text in ("x: [a#, " + "[" * 950 + "]" * 950 + "]\n", "x: [don't, " + "[" * 20000 + "]" * 20000 + ", 'y']\n"):
        path = tmp_path / "deep.yaml"
        path.write_text(text)
        sink = DiagnosticSink()
        assert read_yaml(path, "deep.yaml", sink) is None
        assert [d.code for d in sink.items] == ["PG105"]


def test_a_merge_key_through_an_alias_is_refused(tmp_path):
    from engine.diagnostics import DiagnosticSink
    from engine.loading.yaml_source import read_yaml
    path = tmp_path / "merge.yaml"
    path.write_text("a: &m <<\nb: {*m : {x: 1}}\n")
    sink = DiagnosticSink()
    read_yaml(path, "merge.yaml", sink)
    assert [d.code for d in sink.items] == ["PG200"]

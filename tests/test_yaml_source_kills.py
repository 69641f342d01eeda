"""The safe YAML reader and the story layout at their boundaries (issue 17, fifth mutation round): each
test pins a limit on both sides, or a refusal to its code, words and position (README, "Reliability")."""
import os
from pathlib import Path

import pytest

from engine.diagnostics import DiagnosticSink
from engine.loading import layout
from engine.loading.yaml_source import Mapping, Sequence, Text, read_yaml, to_plain

BRACKETS = "f.yaml:1:1: error PG105: brackets are nested more than 64 deep"
BOMB = "error PG104: the file expands to more than 200,000 values (anchors and aliases?)"


def read(tmp_path, text, name="f.yaml"):
    """The value read_yaml gives for `text`, and its diagnostics as `check` prints them."""
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    sink = DiagnosticSink()
    value = read_yaml(path, name, sink)
    return value, [d.format() for d in sink.items]


def nested(levels, inner="x"):
    return "[" * levels + inner + "]" * levels


# --- depth: brackets (the pre-check) ------------------------------------------------------------------

def test_64_brackets_under_a_key_are_read_and_65_are_refused_at_the_file_start(tmp_path):
    value, found = read(tmp_path, "x: " + nested(64, "") + "\n")
    assert found == []
    depth, inner = 0, value["x"]
    while inner:
        depth, inner = depth + 1, inner[0]
    assert depth == 63 and inner == []              # 64 lists, the innermost empty
    assert read(tmp_path, "x: " + nested(65, "") + "\n") == (None, [BRACKETS])


def test_braces_count_as_brackets(tmp_path):
    text = "x: " + "{a: " * 65 + "1" + "}" * 65 + "\n"
    assert read(tmp_path, text) == (None, [BRACKETS])
    text = "x: " + "[{a: " * 33 + "1" + "}]" * 33 + "\n"       # 66 levels, alternating
    assert read(tmp_path, text) == (None, [BRACKETS])


def test_closing_brackets_before_any_opening_do_not_lower_the_count(tmp_path):
    """A plain scalar may hold `]`: stray closings never make the depth negative, so a deep file
    after them is still refused by the pre-check (at the file's start, about brackets)."""
    assert read(tmp_path, "a: x]]]]]]]]]]\nb: " + nested(65) + "\n") == (None, [BRACKETS])
    assert read(tmp_path, "a: x}}}}}}}}}}\nb: " + nested(65) + "\n") == (None, [BRACKETS])


def test_siblings_count_as_deep_as_the_deepest_not_as_their_sum(tmp_path):
    text = "x: [" + ", ".join([nested(40)] * 5) + "]\n"
    value, found = read(tmp_path, text)
    assert found == [] and len(value["x"]) == 5
    assert read(tmp_path, "a: []\nb: " + nested(64, "") + "\n")[1] == []        # closed back to 0, not 1
    assert read(tmp_path, "x: [[a], " + nested(64) + "]\n") == (None, [BRACKETS])  # one closing is one level


def test_only_brackets_and_braces_count_whatever_lies_between_them(tmp_path):
    assert read(tmp_path, "x: " + "[ " * 65 + "]" * 65 + "\n") == (None, [BRACKETS])
    assert read(tmp_path, "x: " + "[" * 33 + "XX, " + nested(33) + "]" * 33 + "\n") == (None, [BRACKETS])
    value, found = read(tmp_path, "a: " + "X" * 70 + "\nb: " + "(" * 70 + "\n")
    assert found == [] and value["a"] == "X" * 70


@pytest.mark.parametrize("hidden", [
    "'" + "[" * 70 + "'",                      # single-quoted
    '"' + "[" * 70 + '"',                      # double-quoted
    '"\\"' + "[" * 70 + '"',                   # double-quoted holding an escaped quote first
    '"' + "{" * 70 + '\\\\"',                  # ... and ending in an escaped backslash
    "x # " + "[" * 70,                         # a comment
])
def test_brackets_inside_quotes_and_comments_are_not_nesting(tmp_path, hidden):
    value, found = read(tmp_path, "a: " + hidden + "\nb: ok\n")
    assert found == [] and value["b"] == "ok"


def test_a_quote_or_comment_does_not_hide_the_brackets_on_the_next_line(tmp_path):
    """The pre-check's patterns stop at the end of a line: a lone quote or a comment hides nothing after it."""
    assert read(tmp_path, "a: don't\nb: " + nested(65) + "\n") == (None, [BRACKETS])
    assert read(tmp_path, "# a comment\nb: " + nested(65) + "\n") == (None, [BRACKETS])
    assert read(tmp_path, "a: 'x'\nb: " + nested(65) + "\n") == (None, [BRACKETS])
    assert read(tmp_path, 'a: "x"\nb: ' + nested(65) + "\n") == (None, [BRACKETS])


# --- depth: blocks (the pre-check, then the tree's own count) -----------------------------------------

def _no_tree(monkeypatch):
    from engine.loading import yaml_source

    def no_tree(*args):
        raise AssertionError("values were built from a file the pre-check should have refused")
    monkeypatch.setattr(yaml_source, "_Tree", no_tree)


@pytest.mark.parametrize("text, where", [
    ("- " * 65 + "x\n", "1:129"),                                           # dashes only, on one line
    ("? k\n: " + "- " * 65 + "x\n", "2:129"),                               # the value of an explicit key
    ("".join(" " * i + f"k{i}:\n" for i in range(65)) + " " * 65 + "x\n", "65:65"),   # one space a level
    ("? " * 65 + "x\n", "1:129"),                                           # explicit keys
])
def test_deep_blocks_of_every_indentation_are_refused_by_the_pre_check(tmp_path, monkeypatch, text, where):
    _no_tree(monkeypatch)
    assert read(tmp_path, text) == (None, [f"f.yaml:{where}: error PG105: blocks are nested more than 64 deep"])


def test_a_key_is_one_level_below_its_mapping(tmp_path):
    """A mapping at depth 63 (62 brackets under the top mapping's key) has its keys and values at 64:
    read; one bracket more and the key itself is refused, where it stands."""
    value, found = read(tmp_path, "x: " + "[" * 62 + "{k: v}" + "]" * 62 + "\n")
    assert found == []
    value, found = read(tmp_path, "x: " + "[" * 63 + "{k: v}" + "]" * 63 + "\n")
    assert (value, found) == (None, ["f.yaml:1:68: error PG105: blocks are nested more than 64 deep"])


def test_64_block_levels_are_read(tmp_path):
    value, found = read(tmp_path, "- " * 64 + "x\n")
    assert found == []
    for _level in range(64):
        assert isinstance(value, Sequence) and len(value) == 1
        value = value[0]
    assert value == "x"


def test_a_deep_file_with_a_syntax_error_first_reports_the_syntax_error(tmp_path):
    """The block pre-check gives up on a broken file (it cannot count past the break); the parser then
    names the break."""
    text = "a: [\n" + "- " * 70 + "x\n"
    value, found = read(tmp_path, text)
    assert value is None and len(found) == 1 and "PG100" in found[0] and "PG105" not in found[0]


# --- anchors and aliases -------------------------------------------------------------------------------

def _bomb(extra, before):
    """A list of 1 + extra + 199 * 1,000 values: an anchored list of 999 items aliased 198 times."""
    anchored = "&a [" + ", ".join(["x"] * 999) + "]"
    ys = ["y"] * extra
    items = (ys if before else []) + [anchored] + ["*a"] * 198 + ([] if before else ys)
    return "[" + ", ".join(items) + "]\n"


@pytest.mark.parametrize("before", [True, False])
def test_exactly_200000_values_are_read(tmp_path, before):
    value, found = read(tmp_path, _bomb(999, before))
    assert found == [] and len(value) == 999 + 199
    assert sum(len(v) for v in value if isinstance(v, list)) == 199 * 999


def test_one_value_more_is_refused_at_the_alias_that_passes_the_limit(tmp_path):
    text = _bomb(1000, before=True)
    assert read(tmp_path, text) == (None, [f"f.yaml:1:{text.rindex('*a') + 1}: {BOMB}"])


def test_one_value_more_is_refused_at_the_value_that_passes_the_limit(tmp_path):
    text = _bomb(1000, before=False)
    assert read(tmp_path, text) == (None, [f"f.yaml:1:{text.rindex('y') + 1}: {BOMB}"])


def test_a_billion_laughs_is_refused_once_where_it_passes_the_limit(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    value, found = read(tmp_path, "\n".join(lines) + "\n")
    assert value is None and len(found) == 1 and found[0].startswith("f.yaml:6:") and BOMB in found[0]


def test_an_alias_gives_a_fresh_copy_not_the_anchored_value_itself(tmp_path):
    value, found = read(tmp_path, "a: &a {b: [1, {c: 2}]}\nc: *a\nd: *a\n")
    assert found == [] and value["a"] == value["c"] == value["d"] == {"b": ["1", {"c": "2"}]}
    assert value["c"] is not value["a"] and value["c"] is not value["d"]
    assert value["c"]["b"] is not value["a"]["b"] and value["c"]["b"][1] is not value["a"]["b"][1]
    assert isinstance(value["c"], Mapping) and isinstance(value["c"]["b"], Sequence)
    assert value["c"].span == value["a"].span and value["c"]["b"].span == value["a"]["b"].span
    value["c"]["b"].append("changed")
    assert value["a"]["b"] == ["1", {"c": "2"}]


def test_an_alias_of_a_scalar_is_the_same_text_at_the_anchor(tmp_path):
    value, found = read(tmp_path, "a: &a yes\nb: *a\n")
    assert found == [] and value["b"] == "yes" and value["b"].span.line == 1 and value["b"].plain


@pytest.mark.parametrize("levels, refused", [(29, False), (30, True)])
def test_an_alias_is_held_to_the_depth_limit_where_it_is_used(tmp_path, levels, refused):
    """A list 34 deep, anchored under a key (its deepest value at depth 35) and aliased `levels`
    brackets down (the alias at depth levels + 1): at 29 its deepest value is at depth 64, at 30 at 65."""
    text = "a: &d " + nested(34) + "\nb: " + "[" * levels + "*d" + "]" * levels + "\n"
    value, found = read(tmp_path, text)
    if refused:
        assert value is None
        assert found == [f"f.yaml:2:{levels + 4}: error PG105: blocks are nested more than 64 deep"]
    else:
        assert found == [] and value["b"] is not None


def test_once_the_file_is_refused_nothing_more_is_built_copied_or_reported(tmp_path, monkeypatch):
    """Past the limit, every further value (here 400 more aliases of 1,000 values, a refused tag and a
    duplicate key) is left unbuilt and unreported: a bomb costs no more once it is found."""
    from engine.loading import yaml_source
    copies = []
    real_copy = yaml_source._copy

    def counting_copy(value):
        if isinstance(value, Sequence) and len(value) == 999:
            copies.append(value)
        return real_copy(value)
    monkeypatch.setattr(yaml_source, "_copy", counting_copy)
    text = _bomb(1000, before=True).rstrip("]\n") + ", *a" * 400 + ", !custom z, {k: 1, k: 2}]\n"
    value, found = read(tmp_path, text)
    assert value is None and len(copies) == 197
    assert found == [f"f.yaml:1:{_bomb(1000, before=True).rindex('*a') + 1}: {BOMB}"]
    # the value found too deep is not read either: its tag is not named
    text = "x: " + "[" * 64 + "!custom z" + "]" * 64 + "\ny: 1\nx: 2\n"      # nor the keys after it
    assert read(tmp_path, text) == (None, ["f.yaml:1:68: error PG105: blocks are nested more than 64 deep"])
    text = "[" + ", ".join(["y"] * 999 + ["&a [" + ", ".join(["x"] * 999) + "]"] + ["*a"] * 198) + ", !custom z]\n"
    assert read(tmp_path, text) == (None, [f"f.yaml:1:{text.rindex('!custom') + 1}: {BOMB}"])


def test_an_alias_of_a_plain_word_may_be_a_key_and_adds_no_depth(tmp_path):
    value, found = read(tmp_path, "a: &k name\nb: {*k : 1}\n")
    assert (value, found) == ({"a": "name", "b": {"name": "1"}}, [])
    value, found = read(tmp_path, "a: &k name\nb: " + "[" * 63 + "*k" + "]" * 63 + "\n")    # the alias at depth 64
    assert found == []


def test_an_alias_inside_its_own_anchor_is_refused_as_endless(tmp_path):
    assert read(tmp_path, "a: &a [x, *a]\n") == (None, ["f.yaml:1:11: error PG105: blocks are nested more than 64 deep"])
    assert read(tmp_path, "a: &a {b: *a}\n") == (None, ["f.yaml:1:11: error PG105: blocks are nested more than 64 deep"])


def test_an_undefined_alias_is_a_syntax_error_at_the_alias(tmp_path):
    assert read(tmp_path, "a: 1\nb: *nothing\n") == (None, ["f.yaml:2:4: error PG100: found undefined alias 'nothing'"])


def test_an_anchor_defined_twice_is_a_syntax_error_at_the_second(tmp_path):
    assert read(tmp_path, "a: &x 1\nb: &x 2\n") == (None, ["f.yaml:2:4: error PG100: second occurrence"])
    assert read(tmp_path, "a: &x [1]\nb: &x {c: 2}\n") == (None, ["f.yaml:2:4: error PG100: second occurrence"])


def test_an_anchor_inside_a_refused_value_stands_for_nothing(tmp_path):
    """The value of a duplicate key is skipped, not built: an alias of an anchor in it is None, and
    neither counts towards the limits."""
    value, found = read(tmp_path, "a: 1\na: &x [1, &y 2, {c: &z 3}]\nb: *x\nc: *y\nd: *z\n")
    assert value == {"a": "1", "b": None, "c": None, "d": None}
    assert found == ["f.yaml:2:1: error PG101: the key 'a' appears twice (first at line 1); "
                     "YAML would silently keep only the last"]


def _counted(extra):
    """A mapping of 199,021 + extra values as the reader counts them: a duplicate key's value (skipped)
    and a refused tag's collection count nothing, nor do aliases of the anchors inside them."""
    anchored = "&a [" + ", ".join(["x"] * 999) + "]"
    return ("a: 1\na: &s [1, &t 2, {k: &m [3]}]\np: &p [!custom [u, v, w], !custom {u: v}, {k: x}, x]\n"
            "b: [*s, *t, *m, *p, " + ", ".join(["y"] * extra + [anchored] + ["*a"] * 198) + "]\n")


def test_skipped_and_refused_values_count_nothing_towards_the_200000(tmp_path):
    value, found = read(tmp_path, _counted(979))
    assert value["b"][:4] == [None, None, None, [None, None, {"k": "x"}, "x"]]
    assert [f.split(" ")[2] for f in found] == ["PG101:", "PG102:", "PG102:"]
    value, found = read(tmp_path, _counted(980))
    assert value is None and found[3] == f"f.yaml:4:{_counted(980).split(chr(10))[3].rindex('*a') + 1}: {BOMB}"


def test_an_alias_of_an_empty_list_or_a_skipped_anchor_adds_no_depth(tmp_path):
    text = "a: &e []\nf: &f {}\nb: " + "[" * 63 + "*e, *f" + "]" * 63 + "\n"      # aliases at depth 64, the limit
    assert read(tmp_path, text)[1] == []
    text = "a: &e []\nb: " + "[" * 64 + "*e" + "]" * 64 + "\n"
    assert read(tmp_path, text) == (None, ["f.yaml:2:68: error PG105: blocks are nested more than 64 deep"])
    text = "a: 1\na: &s [[1], &t 2]\nb: " + "[" * 63 + "*s, *t" + "]" * 63 + "\n"
    value, found = read(tmp_path, text)
    assert value is not None and [f.split(" ")[2] for f in found] == ["PG101:"]
    # a refused tag's list or mapping inside an anchored list: two levels below the anchor, none for what it held
    for levels, refused, tagged in ((61, False, "[[u]]"), (62, True, "[[u]]"), (61, False, "{u: v}"), (62, True, "{u: v}")):
        text = f"p: &p [!custom {tagged}, x]\nb: " + "[" * levels + "*p" + "]" * levels + "\n"
        value, found = read(tmp_path, text)
        assert (value is None) is refused and [f.split(" ")[2] for f in found] == ["PG102:"] + ["PG105:"] * refused
    # a mapping is one level above its keys and values; a refused key's own nesting counts too
    for anchored, levels, refused, reports in (("{k: v}", 62, False, []), ("{k: v}", 63, True, []),
                                               ("{k: [v]}", 61, False, []), ("{k: [v]}", 62, True, []),
                                               ("{[[a]]: 1}", 60, False, ["PG202:"]), ("{[[a]]: 1}", 61, True, ["PG202:"])):
        text = f"q: &q {anchored}\nb: " + "[" * levels + "*q" + "]" * levels + "\n"
        value, found = read(tmp_path, text)
        assert (value is None) is refused and [f.split(" ")[2] for f in found] == reports + ["PG105:"] * refused


def test_an_alias_to_itself_inside_a_skipped_value_is_no_error(tmp_path):
    """While a skipped collection is open its anchor is known (an alias inside it is not undefined);
    once closed it stands for nothing."""
    value, found = read(tmp_path, "a: 1\na: &r [*r, {k: &q [*q]}]\nb: *r\nc: *q\n")
    assert value == {"a": "1", "b": None, "c": None} and [f.split(" ")[2] for f in found] == ["PG101:"]


def test_a_skipped_value_is_still_checked_for_undefined_aliases_and_twice_defined_anchors(tmp_path):
    assert read(tmp_path, "a: 1\na: [*nothing]\n") == (None, ["f.yaml:2:5: error PG100: found undefined alias 'nothing'"])
    assert read(tmp_path, "a: &x 1\na: [&x 2]\n") == (None, ["f.yaml:2:5: error PG100: second occurrence"])


# --- tags ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("tagged, tag, column", [
    ("!!python/object/apply:os.system ['true']", "tag:yaml.org,2002:python/object/apply:os.system", 4),
    ("!!python/name:os.system ''", "tag:yaml.org,2002:python/name:os.system", 4),
    ("!!binary aGk=", "tag:yaml.org,2002:binary", 4),
    ("!!set {x, y}", "tag:yaml.org,2002:set", 4),
    ("!!omap [{x: 1}]", "tag:yaml.org,2002:omap", 4),
    ("!!pairs [{x: 1}]", "tag:yaml.org,2002:pairs", 4),
    ("!custom x", "!custom", 4),
    ("[1, !custom {c: 1}]", "!custom", 8),
    ("!custom {u: 1, v: [2], w: {x: 3}}", "!custom", 4),
])
def test_a_tag_that_is_not_plain_data_is_refused_by_name_and_its_value_dropped(tmp_path, tagged, tag, column):
    value, found = read(tmp_path, f"a: {tagged}\nb: kept\n")
    assert found == [f"f.yaml:1:{column}: error PG102: the tag {tag!r} is not allowed; story files hold plain values only"]
    assert value["b"] == "kept" and (value["a"] is None or value["a"] == ["1", None])


def test_inside_a_refused_collection_nothing_more_is_reported(tmp_path):
    value, found = read(tmp_path, "a: !custom [!other x, !!binary aGk=, {k: 1, k: 2}]\n")
    assert value == {"a": None}
    assert found == ["f.yaml:1:4: error PG102: the tag '!custom' is not allowed; story files hold plain values only"]


@pytest.mark.parametrize("tagged, expected", [
    ("!!str 12", "12"), ("!!int '12'", "12"), ("!!float 1.5", "1.5"), ("!!bool yes", "yes"), ("!!null ''", ""),
    ("!!timestamp 2001-12-14", "2001-12-14"), ("! 12", "12"), ("!!seq [1]", ["1"]), ("!!map {b: 1}", {"b": "1"}),
])
def test_the_standard_plain_tags_are_read_as_text(tmp_path, tagged, expected):
    value, found = read(tmp_path, f"a: {tagged}\n")
    assert found == [] and value["a"] == expected


# --- keys ----------------------------------------------------------------------------------------------

def test_a_duplicate_key_is_reported_at_each_repeat_and_the_first_value_kept(tmp_path):
    value, found = read(tmp_path, "a:\n  b: 1\n  c: 2\n  b: [3]\n  b: 4\nd: 5\n")
    assert value == {"a": {"b": "1", "c": "2"}, "d": "5"}
    message = "error PG101: the key 'b' appears twice (first at line 2); YAML would silently keep only the last"
    assert found == [f"f.yaml:4:3: {message}", f"f.yaml:5:3: {message}"]


def test_a_key_quoted_and_plain_is_the_same_key(tmp_path):
    value, found = read(tmp_path, "a: 1\n'a': 2\n")
    assert value == {"a": "1"} and found[0].startswith("f.yaml:2:1: error PG101: the key 'a' appears twice (first at line 1)")


@pytest.mark.parametrize("text, where, expected", [
    ("<<: {b: 1}\nc: 2\n", "1:1", {"c": "2"}), ("c: 2\n<<: {b: 1}\n", "2:1", {"c": "2"}),
    ("m: &m <<\nc: {*m : {b: 1}}\n", "2:5", {"m": "<<", "c": {}}), ("c: {!!merge x: {b: 1}}\n", "1:5", {"c": {}})])
def test_a_merge_key_is_refused_and_its_fields_not_merged(tmp_path, text, where, expected):
    value, found = read(tmp_path, text)
    assert found == [f"f.yaml:{where}: error PG200: merge keys (<<) are not supported; write the fields out"]
    assert value == expected


def test_a_quoted_merge_sign_is_an_ordinary_key(tmp_path):
    assert read(tmp_path, "'<<': 1\n") == ({"<<": "1"}, [])


@pytest.mark.parametrize("text, where", [("[a]: 1\nb: 2\n", "1:1"), ("b: 2\n{c: 1}: 1\n", "2:1"), ("~: 1\nb: 2\n", "1:1"),
                                         ("? !custom x\n: 1\nb: 2\n", None)])
def test_a_key_that_is_not_text_is_refused_and_its_value_not_read(tmp_path, text, where):
    value, found = read(tmp_path, text)
    assert value == {"b": "2"}
    if where:
        assert found == [f"f.yaml:{where}: error PG202: keys must be plain words"]
    else:   # a refused tag makes the key None: its tag is named, then the key refused
        assert [f[:16] for f in found] == ["f.yaml:1:3: erro", "f.yaml:1:3: erro"]
        assert "PG102" in found[0] and "PG202" in found[1]


def test_a_number_written_as_a_key_is_a_text_key(tmp_path):
    assert read(tmp_path, "1: a\nyes: b\n") == ({"1": "a", "yes": "b"}, [])


# --- values as text ------------------------------------------------------------------------------------

def test_yaml_11_surprises_stay_text_as_written(tmp_path):
    words = ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "true", "False", "21:40", "1:30:00", "0x1F", "0o17",
             "017", "1_000", ".inf", "-.inf", ".nan", "2001-12-14", "12e3", "+1", "NuLL", "none"]
    value, found = read(tmp_path, "a: [" + ", ".join(words) + "]\n")
    assert found == [] and value["a"] == words
    assert all(type(v) is Text and v.plain for v in value["a"])


@pytest.mark.parametrize("written", ["~", "null", "Null", "NULL", ""])
def test_only_yaml_nulls_written_plain_are_none(tmp_path, written):
    value, found = read(tmp_path, f"a: {written}\nb: '{written}'\nc: \"{written}\"\n")
    assert found == [] and value["a"] is None
    assert value["b"] == value["c"] == written and not value["b"].plain and not value["c"].plain


def test_a_scalar_remembers_its_place_and_whether_it_was_quoted(tmp_path):
    value, found = read(tmp_path, "a:\n  - plain\n  - 'single'\n  - \"double\"\n  - |\n    block\n  - >\n    folded\n")
    assert found == []
    texts = value["a"]
    assert [(t, t.plain, t.span.path, t.span.line, t.span.column) for t in texts] == [
        ("plain", True, "f.yaml", 2, 5), ("single", False, "f.yaml", 3, 5), ("double", False, "f.yaml", 4, 5),
        ("block\n", False, "f.yaml", 5, 5), ("folded\n", False, "f.yaml", 7, 5)]
    assert (value.span.line, value.span.column, texts.span.line, texts.span.column) == (1, 1, 2, 3)
    assert [(k.span.line, k.span.column) for k in value] == [(1, 1)]


def test_to_plain_reads_as_yaml_12_does():
    value = Mapping()
    span = None
    items = Sequence([Text(w, span, True) for w in (
        "true", "True", "TRUE", "false", "False", "FALSE", "tRue", "yes", "12", "-3", "+4", "1.5", "-.5", "2.", "1.5e3",
        "1.5E-3", "1e3", "0x1F", "12abc", "1.5.5", "1_000", "")] + [Text("true", span, False), Text("12", span, False), None])
    value[Text("k", span, True)] = items
    assert to_plain(value) == {"k": [True, True, True, False, False, False, "tRue", "yes", 12, -3, 4, 1.5, -0.5, 2.0,
                                     1500.0, 0.0015, "1e3", "0x1F", "12abc", "1.5.5", "1_000", "", "true", "12", None]}
    out = to_plain(value)
    assert type(out) is dict and type(out["k"]) is list and type(next(iter(out))) is str
    assert [type(v) for v in out["k"][8:11]] == [int, int, int] and type(out["k"][-2]) is str


# --- the file itself -----------------------------------------------------------------------------------

def test_a_file_of_exactly_the_size_limit_is_read_and_one_byte_more_is_refused_unread(tmp_path):
    body = "a: x\n"
    text = body + "#" * (layout.MAX_FILE_BYTES - len(body) - 1) + "\n"
    value, found = read(tmp_path, text)
    assert found == [] and value == {"a": "x"}
    assert read(tmp_path, text + "\n") == (None, ["f.yaml:1:1: error PG103: the file is 2,000,001 bytes; the limit is 2,000,000"])


def test_a_missing_file_and_a_link_to_nothing_are_named(tmp_path):
    sink = DiagnosticSink()
    assert read_yaml(tmp_path / "gone.yaml", "gone.yaml", sink) is None
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "nowhere")
    assert read_yaml(tmp_path / "dangling.yaml", "dangling.yaml", sink) is None
    assert [d.format() for d in sink.items] == ["gone.yaml:1:1: error PG100: cannot read the file: it is gone",
                                                 "dangling.yaml:1:1: error PG100: cannot read the file: it is a link to nothing"]


def test_a_folder_in_place_of_a_file_is_named_by_the_system_words(tmp_path):
    (tmp_path / "dir.yaml").mkdir()
    sink = DiagnosticSink()
    assert read_yaml(tmp_path / "dir.yaml", "dir.yaml", sink) is None
    [d] = sink.items
    assert d.code == "PG100" and d.format().startswith("dir.yaml:1:1: error PG100: cannot read the file: ")
    assert "Errno" not in d.message and len(d.message) > len("cannot read the file: ")


def test_a_byte_that_is_not_utf8_is_reported_on_its_line(tmp_path):
    assert read(tmp_path, b"a: 1\nb: 2\nc: caf\xe9\n") == (None, ["f.yaml:3:1: error PG106: the file is not UTF-8 text"])
    assert read(tmp_path, b"\xff") == (None, ["f.yaml:1:1: error PG106: the file is not UTF-8 text"])


def test_a_control_character_is_a_syntax_error_in_the_reader_s_words(tmp_path):
    assert read(tmp_path, "a: 1\nb: \x07\n") == (
        None, ["f.yaml:1:1: error PG100: unacceptable character #x0007: control characters are not allowed"])


def test_an_empty_file_is_no_value_and_no_error(tmp_path):
    assert read(tmp_path, "") == (None, [])
    assert read(tmp_path, "# only a comment\n") == (None, [])


def test_a_second_document_is_refused_at_its_start(tmp_path):
    assert read(tmp_path, "a: 1\n---\nb: 2\n") == (None, ["f.yaml:2:1: error PG100: but found another document"])


def test_the_only_document_may_be_marked_with_its_start_and_end(tmp_path):
    assert read(tmp_path, "---\na: 1\n...\n") == ({"a": "1"}, [])


def test_a_file_with_a_report_but_usable_values_gives_them_with_the_report(tmp_path):
    value, found = read(tmp_path, "a: 1\na: 2\nb: !custom x\nc: 3\n")
    assert value == {"a": "1", "b": None, "c": "3"} and [f.split(" ")[2].rstrip(":") for f in found] == ["PG101", "PG102"]


# --- layout: which files are the story's, and plain paths ---------------------------------------------

def _touch(root, *names):
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("a: 1\n")


def test_the_story_files_are_the_yaml_files_in_sorted_order_leaving_out_the_rest(tmp_path):
    root = tmp_path / "story"
    _touch(root, "story.yaml", "b.yml", "a.yaml", "notes.txt", "a.yaml.bak", "_draft.yaml", ".hidden.yaml",
           "scenes/z.yaml", "scenes/a/b.yaml", "scenes/tests/t.yaml", "scenes/locale/l.yaml", "scenes/_old/o.yaml",
           "scenes/.git/g.yaml", "scenes/assets/x.yaml", "assets/art/p.yaml", "tests/run.yaml", "locale/ru.yaml",
           "_private/p.yaml", ".cache/c.yaml", "codex/c.yaml", "codex/B.yaml")
    (root / "dangling.yaml").symlink_to(root / "nowhere")
    found = [p.relative_to(root).as_posix() for p in layout.story_files(root)]
    assert found == ["a.yaml", "b.yml", "dangling.yaml", "story.yaml", "codex/B.yaml", "codex/c.yaml",
                     "scenes/z.yaml", "scenes/a/b.yaml", "scenes/locale/l.yaml", "scenes/tests/t.yaml"]
    assert all(isinstance(p, Path) and p.is_absolute() == root.is_absolute() for p in layout.story_files(root))


def test_a_story_given_by_a_relative_path_keeps_tests_and_locale_out_too(tmp_path, monkeypatch):
    _touch(tmp_path / "story", "story.yaml", "tests/run.yaml", "locale/ru.yaml")
    monkeypatch.chdir(tmp_path)
    assert layout.story_files(Path("story")) == [Path("story/story.yaml")]
    monkeypatch.chdir(tmp_path / "story")
    assert layout.story_files(Path(".")) == [Path("story.yaml")]


@pytest.mark.parametrize("path, plain", [
    ("art", True), ("a/b", True), ("./a", True), ("a/./b", True), ("a b/c-d_e.f", True),
    ("", False), (".", False), ("/etc", False), ("..", False), ("../x", False), ("a/../b", False), ("a/..", False),
    ("a\\..\\b", False), ("..\\x", False), ("C:/windows", False), ("c:x", False), ("a:b", False),
    ("\\etc\\passwd", False), ("\\\\server\\share", False), ("a\\b", True),
])
def test_a_plain_relative_path_stays_inside_its_folder(path, plain):
    assert layout.plain_relative(path) is plain


def test_the_assets_folder_is_the_configured_one_then_the_story_s_then_the_one_beside_it(tmp_path):
    root = tmp_path / "story"
    root.mkdir()
    assert layout.assets_dir(root, "") == (tmp_path / "assets").resolve()
    (root / "assets").mkdir()
    assert layout.assets_dir(root, "") == (root / "assets").resolve()
    assert layout.assets_dir(root, "pictures/set") == (root / "pictures/set").resolve()
    for refused in ("../elsewhere", "/etc", "C:/x"):      # never followed: the usual folder instead
        assert layout.assets_dir(root, refused) == (root / "assets").resolve()
    (root / "assets").rmdir()
    (root / "assets").write_text("not a folder")
    assert layout.assets_dir(root, "") == (tmp_path / "assets").resolve()


def test_the_assets_folder_is_given_with_its_links_resolved(tmp_path):
    root = tmp_path / "story"
    (tmp_path / "real").mkdir(parents=True)
    root.mkdir()
    (root / "assets").symlink_to(tmp_path / "real")
    assert layout.assets_dir(root, "") == (tmp_path / "real")
    (root / "mine").symlink_to(tmp_path / "real")
    assert layout.assets_dir(root, "mine") == (tmp_path / "real")


def test_a_map_drawing_must_be_a_python_file_inside_the_assets_folder(tmp_path):
    assets = tmp_path / "assets"
    (assets / "maps").mkdir(parents=True)
    (assets / "maps" / "city.py").write_text("")
    (assets / "folder.py").mkdir()
    (tmp_path / "outside.py").write_text("")
    (assets / "link.py").symlink_to(tmp_path / "outside.py")
    assert layout.map_module_problem(assets, "maps/city.py") == ""
    assert layout.map_module_problem(Path(os.path.relpath(assets)), "maps/city.py") == ""
    must = "must be a .py file inside the assets folder"
    for drawing in ("", "maps/city.txt", "maps/city", "../outside.py", "/etc/x.py", "C:/x.py", "a\\..\\..\\outside.py"):
        assert layout.map_module_problem(assets, drawing) == f"the map drawing {drawing!r} {must}"
    assert layout.map_module_problem(assets, "link.py") == "the map drawing 'link.py' leads out of the assets folder"
    assert layout.map_module_problem(assets, "maps/none.py") == "no map drawing 'maps/none.py' in the assets folder"
    assert layout.map_module_problem(assets, "folder.py") == "no map drawing 'folder.py' in the assets folder"


def test_the_block_pre_check_counts_back_down_exactly_on_each_closing(tmp_path, monkeypatch):
    """A mapping closed two levels down, then a chain that reaches 65 levels only when counted from
    there: the pre-check still refuses it (counting the closing as a step of one, not resetting)."""
    _no_tree(monkeypatch)
    chain = "".join("  " * (i + 2) + f"k{i}:\n" for i in range(63)) + "  " * 65 + "x\n"
    text = "a:\n  b:\n    c: 1\n  d:\n" + chain      # the 65th mapping is k62's, at line 67
    assert read(tmp_path, text) == (None, ["f.yaml:67:129: error PG105: blocks are nested more than 64 deep"])


def test_line_ids_are_checked_when_asked_even_in_a_file_refused_for_depth(tmp_path):
    from engine.i18n.lines import LineIdRegistry
    ids = LineIdRegistry()
    (tmp_path / "a.yaml").write_text("a: hello #line:abc123\nb: again #line:abc123\nc: bad #line:Nope\n")
    (tmp_path / "b.yaml").write_text("x: deep #line:abc123\ny: " + nested(65) + "\n")
    sink = DiagnosticSink()
    assert read_yaml(tmp_path / "a.yaml", "a.yaml", sink, line_ids=ids) == {"a": "hello", "b": "again", "c": "bad"}
    assert read_yaml(tmp_path / "b.yaml", "b.yaml", sink, line_ids=ids) is None
    assert [d.format()[:40] for d in sink.items] == [
        "a.yaml:2:10: error PG110: the line id 'a", "a.yaml:3:8: error PG109: the line id 'No",
        "b.yaml:1:9: error PG110: the line id 'ab", "b.yaml:1:1: error PG105: brackets are ne"]
    assert "already used at a.yaml:1" in sink.items[2].message


# -- read_yaml's own refusals (run by mutmut after the round's box: docs/mutation-round5-yaml.md) ------------
def test_brackets_hidden_from_the_pre_check_are_a_depth_diagnostic_at_a_place_in_the_file(tmp_path):
    """Whichever stops 20,000 brackets after `don't` first (libyaml 0.2.6's own limit of 1,000, or our
    count at the 65th), the author hears of the depth, on line 1, with the limit."""
    value, found = read(tmp_path, "x: [don't, " + "[" * 20000 + "]" * 20000 + ", 'y']\n")
    assert value is None and len(found) == 1
    assert found[0].startswith("f.yaml:1:") and " error PG105: " in found[0]
    assert found[0].endswith("nested more than 64 deep")


def test_a_file_that_cannot_be_read_is_named_with_the_system_s_reason(tmp_path, monkeypatch):
    import errno
    from engine.loading import yaml_source

    def refused(path, limit):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))
    monkeypatch.setattr(yaml_source, "read_regular", refused)
    assert read(tmp_path, "a: 1\n") == (None, ["f.yaml:1:1: error PG100: cannot read the file: Permission denied"])


@pytest.mark.parametrize("problem, context, words", [
    (None, None, "YAML syntax error"), ("found something odd", None, "found something odd"),
    (None, "while parsing a block", "while parsing a block")])
def test_a_syntax_error_without_a_place_or_words_is_still_a_diagnostic(tmp_path, monkeypatch, problem, context, words):
    """A parser error with no mark is placed at the file's start, and one with no words says "YAML
    syntax error" (libyaml always gives both; a parser that did not must not crash the load)."""
    import yaml
    from engine.loading import yaml_source

    def failing(self):
        raise yaml.MarkedYAMLError(context=context, problem=problem)
    monkeypatch.setattr(yaml_source._Tree, "document", failing)
    value, found = read(tmp_path, "a: 1\n")
    assert value is None and found[0] == f"f.yaml:1:1: error PG100: {words}"


def test_further_syntax_errors_are_reported_at_their_own_line_and_column(tmp_path):
    """After the first syntax error, later broken items are reported too, each where it stands."""
    text = "a: [1\nb: 2\n  - x: : y\nc:\n  d: e\n   f: g\n"
    _value, found = read(tmp_path, text)
    assert len(found) >= 2, found
    later = [line for line in found[1:] if " PG100: " in line]
    assert later and all(not line.startswith("f.yaml:1:1:") for line in later)
    assert all(line.split(" PG100: ", 1)[1].strip() not in ("", "None") for line in later)
    assert "f.yaml:3:6: error PG100: mapping values are not allowed" in "\n".join(later)


def test_the_first_syntax_error_is_not_reported_twice(tmp_path):
    """Parsing the failing item again finds the first error once more: it is reported once."""
    _value, found = read(tmp_path, "a: b: c\nd:\n  - x\n  y: z\ne: f: g\n")
    places = [line.split(" error ")[0] for line in found]
    assert places == ["f.yaml:1:5:", "f.yaml:4:3:", "f.yaml:5:5:"], found

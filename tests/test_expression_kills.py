"""Tests written for the fifth round of mutation testing over engine/expressions.py (README,
"Reliability"): each pins a safety check of the expression compiler at its boundary, or a refusal
to its exact code and reason."""
import pytest

from engine.expressions import ExpressionError, compile_condition, compile_effect, effect_parts
import operator
import random

from engine import expressions
from engine.model import Variable


def _vars(**extra):
    base = {"courage": Variable("courage", "int", 0, 0, 5, (), ""),
            "money": Variable("money", "int", 0, -10, 100, (), ""),
            "flag": Variable("flag", "bool", False, None, None, (), ""),
            "route": Variable("route", "str", "a", None, None, ("a", "b"), ""),
            "road": Variable("road", "str", "a", None, None, ("a", "b", "c"), "")}
    base.update(extra)
    return base


class _State:
    def __init__(self, turn=0, visits=None, **variables):
        self.variables = {"courage": 0, "money": 0, "flag": False, "route": "a", "road": "a", **variables}
        self.visits = dict(visits or {})
        self.turn = turn


def _refusal(compile_, source, variables=None):
    with pytest.raises(ExpressionError) as info:
        compile_(source, _vars() if variables is None else variables)
    return info.value.code, str(info.value), info.value.offset


def _holds(source, **state):
    condition, _ = compile_condition(source, _vars())
    return condition(_State(**state))


def _after(source, seed=0, **state):
    action, _ = compile_effect(source, _vars())
    now = _State(**state)
    action(now, random.Random(seed))
    return now.variables


# -- names -----------------------------------------------------------------------------------------------------
def test_a_name_starting_with_an_underscore_is_refused_even_when_declared():
    hidden = _vars(_secret=Variable("_secret", "int", 0, 0, 5, (), ""))
    assert _refusal(compile_condition, "_secret > 1", hidden)[:2] == (
        "PG401", "names starting with '_' are not allowed (_secret)")
    assert _refusal(compile_condition, "__import__ == 1")[:2] == (
        "PG401", "names starting with '_' are not allowed (__import__)")


def test_an_undeclared_name_is_pg402_at_its_column_with_a_suggestion():
    assert _refusal(compile_condition, "courage > 1 and curage > 1") == (
        "PG402", "'curage' is not a declared variable; did you mean 'courage'?", 16)
    assert _refusal(compile_effect, "curage = 1") == (
        "PG402", "'curage' is not a declared variable; did you mean 'courage'?", None)


def test_turn_is_read_from_the_state_and_cannot_be_set():
    assert _holds("turn >= 3", turn=3) and not _holds("turn >= 3", turn=2)
    assert _refusal(compile_effect, "turn = 1")[:2] == ("PG402", "'turn' is not a declared variable")


def test_true_and_false_are_yes_no_constants_in_either_spelling():
    assert _holds("true and True") and not _holds("false or False")
    assert _after("flag = true")["flag"] is True
    assert _after("flag = False", flag=True)["flag"] is False


# -- constants and types ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("source, shown", [("1.5 > 1", "1.5"), ("None == None", "None"), ("b'x' == b'x'", "b'x'"),
                                           ("1j == 1j", "1j"), ("... == 1", "Ellipsis")])
def test_a_constant_that_is_not_a_number_text_or_yes_no_is_refused(source, shown):
    assert _refusal(compile_condition, source) == (
        "PG401", f"the value {shown} is not allowed (whole numbers, text, true/false)", None)


@pytest.mark.parametrize("compile_, source, message", [
    (compile_effect, "courage = true", "courage holds a number, not a yes/no value"),
    (compile_effect, "flag = 1", "flag holds a yes/no value, not a number"),
    (compile_effect, "route = 1", "route holds text, not a number"),
    (compile_condition, "courage == true", "cannot compare a number with a yes/no value"),
    (compile_condition, "route == 1", "cannot compare text with a number"),
    (compile_condition, "courage", "a condition must be true or false, but this is a number"),
    (compile_condition, "route", "a condition must be true or false, but this is text"),
    (compile_condition, "route + 1 == 1", "arithmetic needs a number, not text"),
    (compile_condition, "1 + flag == 1", "arithmetic needs a number, not a yes/no value"),
    (compile_condition, "flag or courage", "and/or needs a yes/no value, not a number"),
    (compile_condition, "-flag == 1", "- needs a number, not a yes/no value"),
    (compile_condition, "route < 'b'", "text can only be compared with == or !="),
    (compile_condition, "flag >= false", "a yes/no value can only be compared with == or !="),
    (compile_condition, "0 < courage < 'a'", "cannot compare a number with text"),
])
def test_type_mistakes_are_pg403_with_what_was_needed(compile_, source, message):
    assert _refusal(compile_, source)[:2] == ("PG403", message)


# -- which syntax is allowed -----------------------------------------------------------------------------------
@pytest.mark.parametrize("source", ["~courage > 1", "+courage > 1"])
def test_only_not_and_minus_stand_before_a_value(source):
    assert _refusal(compile_condition, source)[:2] == ("PG401", "only 'not' and '-' may stand before a value")


@pytest.mark.parametrize("op", ["/", "//", "%", "**", "<<", ">>", "&", "|", "^", "@"])
def test_only_plus_minus_and_times_are_arithmetic(op):
    assert _refusal(compile_condition, f"courage {op} 2 > 1")[:2] == ("PG401", "only + - * are allowed for arithmetic")
    assert _refusal(compile_effect, f"money = 9 {op} 99")[:2] == ("PG401", "only + - * are allowed for arithmetic")


@pytest.mark.parametrize("source", ["courage in (1, 2)", "courage not in (1, 2)", "courage is 1", "courage is not 1",
                                    "courage > 1 in (1, 2)"])
def test_membership_and_identity_tests_are_refused(source):
    assert _refusal(compile_condition, source)[:2] == ("PG401", "only == != < <= > >= comparisons are allowed")


@pytest.mark.parametrize("source, message", [
    ("courage.real > 1", "attribute access ('.real') is not allowed"),
    ("courage[0] > 1", "indexing with [] is not allowed"),
    ("[1] == [1]", "list expressions are not allowed"),
    ("courage if flag else 1", "ifexp expressions are not allowed"),
    ("(lambda: 1)() == 1", "calling 'lambda: 1' is not allowed; only visited(), visits() and roll() may be called"),
    ("lambda: 1", "lambda expressions are not allowed"),
    ("f'{courage}' == 'a'", "joinedstr expressions are not allowed"),
    ("(x := 1) == 1", "namedexpr expressions are not allowed"),
])
def test_other_syntax_is_refused_naming_what_it_is(source, message):
    assert _refusal(compile_condition, source)[:2] == ("PG401", message)


def test_a_call_of_anything_but_the_three_functions_is_refused_at_its_column():
    assert _refusal(compile_condition, "flag and open('x')") == (
        "PG401", "calling 'open' is not allowed; only visited(), visits() and roll() may be called", 9)
    assert _refusal(compile_condition, "a" * 45 + "('x')")[:2] == (
        "PG401", f"calling {'a' * 45!r} is not allowed; only visited(), visits() and roll() may be called")
    long_name = "a" * 30 + ".b" * 10
    assert _refusal(compile_condition, f"flag or {long_name}('x')") == (
        "PG401", f"calling {long_name[:40]!r} is not allowed; only visited(), visits() and roll() may be called", 8)


@pytest.mark.parametrize("source", ["visited(scene='x')", "visited('a', scene='x')", "visited('a', 'b')", "visited()"])
def test_visited_takes_exactly_one_value(source):
    assert _refusal(compile_condition, source)[:2] == ("PG401", "visited() takes exactly one value")


@pytest.mark.parametrize("source", ["visited(1)", "visited(courage)", "visited(route)", "visited(*'a')"])
def test_visited_takes_a_scene_id_in_quotes(source):
    assert _refusal(compile_condition, source)[:2] == ("PG401", 'visited() takes a scene id in quotes, e.g. visited("start")')
    assert _refusal(compile_condition, "visits(1) > 0")[:2] == ("PG401", 'visits() takes a scene id in quotes, e.g. visits("start")')


def test_roll_is_for_effects_only_and_takes_one_whole_number():
    assert _refusal(compile_condition, "roll(6) > 3")[:2] == ("PG401", "roll() may only be used in effects, not in conditions")
    assert _refusal(compile_effect, "courage = roll(6, 2)")[:2] == ("PG401", "roll() takes exactly one value")
    assert _refusal(compile_effect, "courage = roll(courage)")[:2] == (
        "PG401", "roll() takes a whole number of at least 1, e.g. roll(6)")
    assert {_after("courage = roll(1)", seed=seed)["courage"] for seed in range(5)} == {1}


# -- the shape of an effect ------------------------------------------------------------------------------------
@pytest.mark.parametrize("source", ["courage = 1; money = 2", "courage == 1", "courage: int = 1", "pass", "import os"])
def test_an_effect_is_one_assignment(source):
    assert _refusal(compile_effect, source)[:2] == (
        "PG401", "an effect sets one variable: `name = value`, `name += 1` or `name -= 1`")


@pytest.mark.parametrize("source", ["courage = money = 1", "courage, money = 1, 2", "courage.real = 1", "courage[0] = 1"])
def test_an_effect_sets_exactly_one_variable_by_name(source):
    assert _refusal(compile_effect, source)[:2] == ("PG401", "an effect sets exactly one variable by name")


@pytest.mark.parametrize("source, message", [
    ("flag += 1", "only number variables take += -= *= (flag holds a yes/no value)"),
    ("route += 'b'", "only number variables take += -= *= (route holds text)"),
    ("courage //= 2", "only number variables take += -= *= (courage holds a number)"),
    ("courage **= 2", "only number variables take += -= *= (courage holds a number)"),
    ("courage += flag", "courage needs a number, not a yes/no value"),
])
def test_a_compound_assignment_needs_a_number_variable_a_number_and_plus_minus_or_times(source, message):
    assert _refusal(compile_effect, source)[:2] == ("PG403", message)


# -- comparisons: each operator at its boundary, on each of the three compiled paths ---------------------------
@pytest.mark.parametrize("op, below, at, above", [("<", True, False, False), ("<=", True, True, False),
                                                  (">", False, False, True), (">=", False, True, True),
                                                  ("==", False, True, False), ("!=", True, False, True)])
def test_each_comparison_at_its_boundary(op, below, at, above):
    for source in (f"courage {op} 2",            # a variable against a constant: the one-closure path
                   f"courage + 0 {op} 2",        # two closures
                   f"0 <= courage {op} 2"):      # a chain
        assert [_holds(source, courage=value) for value in (1, 2, 3)] == [below, at, above], source
    # the constant on the left reads the other way round
    assert [_holds(f"2 {op} courage", courage=value) for value in (3, 2, 1)] == [below, at, above]


def test_every_link_of_a_chain_must_hold():
    assert [_holds("0 < courage < 3", courage=value) for value in range(5)] == [False, True, True, False, False]
    assert [_holds("1 <= courage <= money", courage=2, money=m) for m in (1, 2, 3)] == [False, True, True]


def test_text_and_yes_no_values_compare_with_equals_and_not_equals():
    assert _holds("route == 'b'", route="b") and not _holds("route == 'b'", route="a")
    assert _holds("route != road", route="a", road="b") and not _holds("route != road", route="b", road="b")
    assert _holds("flag == true", flag=True) and _holds("flag != true", flag=False)


def test_and_or_not_evaluate_every_part():
    cases = {(False, False): (False, False), (False, True): (False, True),
             (True, False): (False, True), (True, True): (True, True)}
    for (flag, brave), (both, either) in cases.items():
        courage = 3 if brave else 0
        assert _holds("flag and courage > 2 and true", flag=flag, courage=courage) is both
        assert _holds("flag or courage > 2 or false", flag=flag, courage=courage) is either
        assert _holds("not flag", flag=flag) is (not flag)


def test_visited_means_at_least_once():
    assert [_holds("visited('a')", visits={"a": count}) for count in (0, 1, 2)] == [False, True, True]
    assert not _holds("visited('a')", visits={"b": 1})
    assert [_holds("visits('a') == 1", visits={"a": count}) for count in (0, 1)] == [False, True]


def test_arithmetic_computes_at_play_time():
    assert _holds("courage + 2 * money - 1 == 12", courage=3, money=5)
    assert _holds("-courage == -3", courage=3) and _holds("money - courage == -1", courage=3, money=2)
    assert _holds("visits('a') * 2 == 6", visits={"a": 3})


# -- literal values against declared ranges and values ---------------------------------------------------------
def test_a_number_compared_with_a_variable_must_lie_in_its_range_ends_included():
    for value in (0, 5):
        compile_condition(f"courage == {value}", _vars())
        compile_condition(f"{value} == courage", _vars())
    assert _refusal(compile_condition, "courage == 6") == (
        "PG404", "6 is outside courage's range 0..5, so this comparison always gives the same answer", 11)
    assert _refusal(compile_condition, "-1 < courage") == (
        "PG404", "-1 is outside courage's range 0..5, so this comparison always gives the same answer", 0)
    assert _refusal(compile_condition, "courage >= 2 + 4")[:2] == (
        "PG404", "6 is outside courage's range 0..5, so this comparison always gives the same answer")


def test_a_text_compared_with_a_variable_must_be_one_of_its_values_either_side():
    assert _refusal(compile_condition, "route == 'c'") == (
        "PG404", "'c' is not one of the values of route: a, b", 9)
    assert _refusal(compile_condition, "'bb' != route") == (
        "PG404", "'bb' is not one of the values of route: a, b; did you mean 'b'?", 0)
    assert _refusal(compile_effect, "route = 'aa'") == (
        "PG404", "'aa' is not one of the values of route: a, b; did you mean 'a'?", 8)


def test_a_text_variable_is_set_from_another_only_when_its_values_fit():
    assert _refusal(compile_effect, "route = road") == ("PG404", "road can hold 'c', which route does not allow", None)
    assert _after("road = route", route="b")["road"] == "b"
    same = _vars(twin=Variable("twin", "str", "a", None, None, ("b", "a"), ""),
                 wide=Variable("wide", "str", "a", None, None, ("a", "d", "c"), ""))
    action, _ = compile_effect("route = twin", same)
    state = _State(twin="b")
    action(state, None)
    assert state.variables["route"] == "b"
    assert _refusal(compile_effect, "route = wide", same) == (
        "PG404", "wide can hold 'c', 'd', which route does not allow", None)


def test_a_folded_constant_is_checked_against_the_range():
    assert _after("courage = 2 + 3")["courage"] == 5
    assert _after("courage = -(-1)")["courage"] == 1
    assert _refusal(compile_effect, "courage = 2 * 3") == ("PG404", "6 is outside courage's range 0..5", 10)
    assert _refusal(compile_effect, "courage = 3 - 4") == ("PG404", "-1 is outside courage's range 0..5", 10)
    assert _refusal(compile_effect, "courage = -1") == ("PG404", "-1 is outside courage's range 0..5", 10)
    assert _refusal(compile_effect, "money = -(11)") == ("PG404", "-11 is outside money's range -10..100", 8)


@pytest.mark.parametrize("source, gives", [("courage = roll(6)", "1..6"), ("courage = roll(6) - 2", "-1..4"),
                                           ("money = -roll(20)", "-20..-1"), ("money = roll(3) * -5", "-15..-5"),
                                           ("courage = 7 - roll(2)", "5..6")])
def test_what_dice_can_give_must_fit_the_range(source, gives):
    name = source.split()[0]
    spec = _vars()[name]
    at = source.index("=") + 2
    assert _refusal(compile_effect, source) == (
        "PG404", f"this gives {gives}, outside {name}'s range {spec.min}..{spec.max} (play would cut it to fit)", at)


@pytest.mark.parametrize("source, faces", [("courage = roll(5)", {1, 2, 3, 4, 5}),
                                           ("courage = roll(6) - 1", {0, 1, 2, 3, 4, 5}),
                                           ("money = -roll(3) + 4", {1, 2, 3}),
                                           ("money = roll(2) * roll(3)", {1, 2, 3, 4, 6}),
                                           ("money = 8 - roll(2) * 9", {-10, -1})])
def test_dice_that_fit_the_range_are_accepted_and_rolled(source, faces):
    name = source.split()[0]
    assert {_after(source, seed=seed)[name] for seed in range(300)} == faces


def test_a_value_from_another_variable_is_clamped_at_play_time_not_refused():
    assert _after("courage = money", money=50)["courage"] == 5
    assert _after("courage = money", money=-7)["courage"] == 0
    assert _after("courage = roll(6) + money", money=-10)["courage"] == 0
    assert _after("money = courage * 50", courage=5)["money"] == 100
    assert _after("money = courage - 20")["money"] == -10


@pytest.mark.parametrize("source, start, end", [("courage += 10", 4, 5), ("courage -= 10", 1, 0), ("courage *= 2", 2, 4),
                                                ("courage += 1", 4, 5), ("courage -= 1", 1, 0), ("money *= -3", 5, -10),
                                                ("courage += money", 1, 3), ("money -= roll(1)", 0, -1)])
def test_compound_assignments_compute_and_clamp_to_the_range(source, start, end):
    name = source.split()[0]
    other = {"money": 2} if name == "courage" else {}
    assert _after(source, **{name: start, **other})[name] == end


def test_an_int_variable_with_an_open_range_is_not_checked_in_conditions():
    count = _vars(count=Variable("count", "int", 0, None, None, (), ""))
    condition, _ = compile_condition("count == 1000", count)
    assert condition(_State(count=1000))
    condition, _ = compile_condition("count == 'x'", _vars(count=Variable("count", "str", "", None, None, (), "")))
    assert condition(_State(count="x"))


# -- reading the text: emptiness, length, syntax ---------------------------------------------------------------
@pytest.mark.parametrize("source", ["", "   ", "\n\t "])
def test_an_empty_expression_is_pg400(source):
    for compile_ in (compile_condition, compile_effect):
        assert _refusal(compile_, source) == ("PG400", "the expression is empty", None)


def test_the_length_limit_counts_the_text_without_surrounding_blanks():
    at_limit = "courage == 1" + " or courage == 1" * 29 + " or courage > " + "0" * 10
    assert len(at_limit) == 500
    condition, _ = compile_condition("  " + at_limit + " \n", _vars())
    assert condition(_State(courage=1)) and not condition(_State(courage=0))
    assert _refusal(compile_condition, at_limit + "0")[:2] == ("PG400", "the expression is longer than 500 characters")
    effect = "money  = " + "0 + " * 122 + "100"
    assert len(effect) == 500
    assert _after(" " + effect)["money"] == 100
    assert _refusal(compile_effect, effect + "0")[:2] == ("PG400", "the expression is longer than 500 characters")


def test_text_python_cannot_read_is_pg400_quoting_it():
    assert _refusal(compile_condition, " courage >  ") == ("PG400", "cannot read 'courage >': invalid syntax", None)
    assert _refusal(compile_effect, "courage = ")[:2] == ("PG400", "cannot read 'courage =': invalid syntax")
    code, message, _ = _refusal(compile_condition, "courage\x00 > 1")
    assert code == "PG400" and message.startswith("cannot read 'courage\\x00 > 1'")


# -- what the loader learns from a compiled expression ---------------------------------------------------------
def test_compiled_info_names_what_is_read_written_and_visited():
    _, info = compile_condition("courage > 1 and visited('square') or visits('bridge') > route_count", _vars(
        route_count=Variable("route_count", "int", 0, 0, 9, (), "")))
    assert (info.reads, info.writes, info.scenes) == (frozenset({"courage", "route_count"}), frozenset(),
                                                      ("square", "bridge"))
    _, info = compile_effect("money = courage * visits('x') + turn", _vars())
    assert (info.source, info.reads, info.writes, info.scenes) == (
        "money = courage * visits('x') + turn", frozenset({"courage"}), frozenset({"money"}), ("x",))
    _, info = compile_effect("courage += 1", _vars())
    assert (info.reads, info.writes, info.scenes) == (frozenset(), frozenset({"courage"}), ())


@pytest.mark.parametrize("source, name, op, value, bounds", [
    ("courage += 2", "courage", operator.add, 2, (0, 5)), ("courage -= money", "courage", operator.sub, 7, (0, 5)),
    ("money *= 3", "money", operator.mul, 3, (-10, 100)), ("money = courage * 2", "money", None, 6, (-10, 100)),
    ("route = 'b'", "route", None, "b", (None, None)), ("courage = roll(1) + 1", "courage", None, 2, (0, 5)), ("flag = not flag", "flag", None, False, (None, None))])
def test_effect_parts_give_the_unclamped_value_its_operator_and_the_range(source, name, op, value, bounds):
    parts = expressions.effect_parts(source, _vars())
    assert (parts.name, parts.op, (parts.min, parts.max)) == (name, op, bounds)
    assert parts.value(_State(courage=3, money=7, flag=True), random.Random(0)) == value


def test_effect_parts_refuse_what_compile_effect_refuses():
    for source in ("courage = 9", "x = 1", "courage = roll(9)"):
        with pytest.raises(ExpressionError) as info:
            expressions.effect_parts(source, _vars())
        assert (info.value.code, str(info.value)) == _refusal(compile_effect, source)[:2]


def test_effect_parts_keep_the_declared_name():
    spec = Variable("Courage", "int", 0, 0, 5, (), "")
    assert expressions.effect_parts("courage = 1", {"courage": spec}).name == "Courage"


# -- the memo: one story's compiled expression is never used for another story's declarations ------------------
def _declared(**changes):
    """The same story's variables with one declaration changed."""
    return _vars(**{name: Variable(name, *spec) for name, spec in changes.items()})


def test_the_memo_key_holds_each_declaration_the_expression_names():
    compile_condition("courage == 5", _vars())
    assert _refusal(compile_condition, "courage == 5", _declared(courage=("int", 0, 0, 4, (), "")))[0] == "PG404"
    compile_condition("courage == 0", _vars())
    assert _refusal(compile_condition, "courage == 0", _declared(courage=("int", 1, 1, 5, (), "")))[0] == "PG404"
    compile_condition("route == 'a'", _vars())
    assert _refusal(compile_condition, "route == 'a'", _declared(route=("str", "b", None, None, ("b", "c"), "")))[0] == "PG404"
    compile_condition("flag", _vars())
    assert _refusal(compile_condition, "flag", _declared(flag=("int", 0, 0, 5, (), "")))[0] == "PG403"
    compile_condition("courage > 1", _vars())
    assert _refusal(compile_condition, "courage > 1", {})[0] == "PG402"


def test_the_memo_key_holds_every_name_of_a_longer_expression():
    compile_condition("flag and courage_max >= 10", _vars(courage_max=Variable("courage_max", "int", 0, 0, 10, (), "")))
    assert _refusal(compile_condition, "flag and courage_max >= 10",
                    _vars(courage_max=Variable("courage_max", "int", 0, 0, 9, (), "")))[0] == "PG404"


def test_an_effect_compiled_for_one_range_clamps_to_another_range_elsewhere():
    wide = _declared(courage=("int", 0, 0, 50, (), ""))
    action, _ = compile_effect("courage += 10", wide)
    state = _State(courage=5)
    action(state, None)
    assert state.variables["courage"] == 15
    assert _after("courage += 10", courage=5)["courage"] == 5
    action, _ = compile_effect("courage = money", wide)
    state = _State(money=40)
    action(state, None)
    assert state.variables["courage"] == 40
    assert _after("courage = money", money=40)["courage"] == 5


def test_a_condition_and_an_effect_of_the_same_text_are_remembered_apart():
    compile_effect("courage = 1", _vars())
    assert _refusal(compile_condition, "courage = 1")[:2] == ("PG400", "cannot read 'courage = 1': invalid syntax")
    compile_condition("courage == 1", _vars())
    assert _refusal(compile_effect, "courage == 1")[0] == "PG401"


def test_non_ascii_names_are_never_remembered():
    # Python folds the full-width letter into "courage", which the memo key would not see.
    source = "\uff43ourage == 5"
    condition, _ = compile_condition(source, _vars())
    assert condition(_State(courage=5))
    assert _refusal(compile_condition, source, _declared(courage=("int", 0, 0, 4, (), "")))[0] == "PG404"
    compile_effect("\uff43ourage = 5", _vars())
    assert _refusal(compile_effect, "\uff43ourage = 5", _declared(courage=("int", 0, 0, 4, (), "")))[0] == "PG404"


def test_a_compiled_expression_is_remembered_and_served_again():
    first = compile_condition("money > 3", _vars())
    assert compile_condition("money > 3", _vars()) is first
    effect = compile_effect("money = 3", _vars())
    assert compile_effect("money = 3", _vars()) is effect


def test_the_memo_holds_at_most_ten_thousand_expressions():
    expressions._MEMO.clear()
    for number in range(10_000):
        compile_condition(f"turn == {number}", {})
    assert len(expressions._MEMO) == 10_000
    compile_condition("turn == -1", {})
    assert len(expressions._MEMO) == 1


def test_a_declaration_named_like_the_turn_or_a_constant_never_shadows_it():
    # The loader refuses these names (PG203); the compiler must not read them as variables either.
    shadows = _vars(turn=Variable("turn", "int", 0, 0, 100, (), ""), true=Variable("true", "bool", False, None, None, (), ""))
    condition, _ = compile_condition("turn == 5", shadows)
    state = _State(turn=5)
    state.variables["turn"] = 0
    assert condition(state)
    condition, _ = compile_condition("true == true", shadows)
    assert condition(_State(**{"true": False}))


def test_dice_can_be_compared_and_combined_inside_an_effect():
    for source in ("flag = roll(6) > 0", "flag = 0 < roll(6)", "flag = 0 < roll(6) < 7", "flag = roll(1) <= roll(1) == 1",
                   "flag = roll(1) == 1 and true", "flag = false or roll(1) == 1", "flag = not roll(1) == 2"):
        assert _after(source)["flag"] is True, source
    assert {_after("flag = roll(2) == 2", seed=seed)["flag"] for seed in range(40)} == {True, False}


@pytest.mark.parametrize("failure", [ValueError("source code string cannot contain null bytes"), RecursionError(),
                                     MemoryError()])
def test_a_parser_that_gives_up_is_a_pg400_diagnostic_not_a_crash(monkeypatch, failure):
    # Python's own parser raises these on some inputs (null bytes in older versions, nesting past its limits).
    def give_up(text, mode):
        raise failure
    monkeypatch.setattr(expressions.ast, "parse", give_up)
    for compile_ in (compile_condition, compile_effect):
        assert _refusal(compile_, " courage == 1 ") == ("PG400", "cannot read 'courage == 1'", None)

"""Conditions and effects: a tiny, typed expression language compiled once, at load time.

Source text is parsed with Python's `ast` (parsing only: nothing is ever evaluated by Python) and
every node is checked against an allowlist, then turned into a closure. Names must be declared
variables; types are checked; literal values are checked against declared ranges. Anything else is
an `ExpressionError` carrying a diagnostic code, reported by the loader with the file position.
"""
from __future__ import annotations

import ast
import operator
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Protocol

from .errors import did_you_mean


class ExpressionError(Exception):
    """An author's mistake in an expression; `offset` is the column (from 0) in the source text
    where it lies, when one part of the expression is to blame."""

    def __init__(self, code: str, message: str, offset: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.offset = offset


class VariableSpec(Protocol):
    name: str
    type: str  # "int" | "bool" | "str"
    min: int | None
    max: int | None
    values: tuple[str, ...]


class Env(Protocol):
    """What compiled code reads and writes at play time (a GameState satisfies it)."""

    variables: dict[str, Any]
    visits: dict[str, int]
    turn: int


Condition = Callable[[Env], bool]
Action = Callable[[Env, Any], None]  # (state, rng)

_COMPARE = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt,
    ast.LtE: operator.le, ast.Gt: operator.gt, ast.GtE: operator.ge,
}
_ARITH = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul}
_CONSTANT_NAMES = {"true": True, "false": False, "True": True, "False": False}
_FUNCTIONS = {"visited", "visits", "roll"}
_TYPE_WORD = {"int": "a number", "bool": "a yes/no value", "str": "text"}


@dataclass(frozen=True)
class Compiled:
    source: str
    reads: frozenset[str]          # variables read
    writes: frozenset[str]         # variables written (effects only)
    scenes: tuple[str, ...]        # scene ids named in visited()/visits()


class _Compiler:
    def __init__(self, variables: Mapping[str, VariableSpec], allow_roll: bool):
        self.variables = variables
        self.allow_roll = allow_roll
        self.reads: set[str] = set()
        self.scenes: list[str] = []
        self.simple: dict[int, tuple] = {}   # id(Compare node) -> (op, variable, constant)
        # id(node) -> (lowest, highest) for number expressions of literals and roll() only: what
        # `courage = 5 + 100` or `courage = roll(20)` can give, checked against the variable's range.
        self.literal_range: dict[int, tuple[int, int]] = {}

    # Each visit returns (type, closure, constant-or-None).
    def expr(self, node: ast.AST) -> tuple[str, Callable[[Env, Any], Any], Any]:
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool):
                return "bool", (lambda s, r, v=value: v), value
            if isinstance(value, int):
                self.literal_range[id(node)] = (value, value)
                return "int", (lambda s, r, v=value: v), value
            if isinstance(value, str):
                return "str", (lambda s, r, v=value: v), value
            raise ExpressionError("PG401", f"the value {value!r} is not allowed (whole numbers, text, true/false)")
        if isinstance(node, ast.Name):
            if node.id in _CONSTANT_NAMES:
                value = _CONSTANT_NAMES[node.id]
                return "bool", (lambda s, r, v=value: v), value
            if node.id == "turn":
                return "int", (lambda s, r: s.turn), None
            if node.id.startswith("_"):
                raise ExpressionError("PG401", f"names starting with '_' are not allowed ({node.id})")
            spec = self.variables.get(node.id)
            if spec is None:
                raise ExpressionError("PG402", f"{node.id!r} is not a declared variable"
                                      + did_you_mean(node.id, self.variables), node.col_offset)
            self.reads.add(node.id)
            name = node.id
            return spec.type, (lambda s, r: s.variables[name]), None
        if isinstance(node, ast.BoolOp):
            parts = [self.expr(v) for v in node.values]
            for t, _, _ in parts:
                self.require(t, "bool", "and/or")
            fns = [f for _, f, _ in parts]
            if isinstance(node.op, ast.And):
                return "bool", (lambda s, r: all(f(s, r) for f in fns)), None
            return "bool", (lambda s, r: any(f(s, r) for f in fns)), None
        if isinstance(node, ast.UnaryOp):
            t, f, c = self.expr(node.operand)
            if isinstance(node.op, ast.Not):
                self.require(t, "bool", "not")
                return "bool", (lambda s, r: not f(s, r)), None
            if isinstance(node.op, ast.USub):
                self.require(t, "int", "-")
                if id(node.operand) in self.literal_range:
                    lo, hi = self.literal_range[id(node.operand)]
                    self.literal_range[id(node)] = (-hi, -lo)
                return "int", (lambda s, r: -f(s, r)), (-c if c is not None else None)
            raise ExpressionError("PG401", "only 'not' and '-' may stand before a value")
        if isinstance(node, ast.BinOp):
            op = _ARITH.get(type(node.op))
            if op is None:
                raise ExpressionError("PG401", "only + - * are allowed for arithmetic")
            lt, lf, lc = self.expr(node.left)
            rt, rf, rc = self.expr(node.right)
            self.require(lt, "int", "arithmetic")
            self.require(rt, "int", "arithmetic")
            left_range, right_range = self.literal_range.get(id(node.left)), self.literal_range.get(id(node.right))
            if left_range and right_range:
                ends = [op(a, b) for a in left_range for b in right_range]
                self.literal_range[id(node)] = (min(ends), max(ends))
            folded = op(lc, rc) if lc is not None and rc is not None else None
            return "int", (lambda s, r: op(lf(s, r), rf(s, r))), folded
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Attribute):
            raise ExpressionError("PG401", f"attribute access ('.{node.attr}') is not allowed")
        if isinstance(node, ast.Subscript):
            raise ExpressionError("PG401", "indexing with [] is not allowed")
        raise ExpressionError("PG401", f"{type(node).__name__.lower()} expressions are not allowed")

    def compare(self, node: ast.Compare):
        left = self.expr(node.left)
        links = []
        for op_node, right_node in zip(node.ops, node.comparators):
            op = _COMPARE.get(type(op_node))
            if op is None:
                raise ExpressionError("PG401", "only == != < <= > >= comparisons are allowed")
            right = self.expr(right_node)
            if left[0] != right[0]:
                raise ExpressionError(
                    "PG403", f"cannot compare {_TYPE_WORD[left[0]]} with {_TYPE_WORD[right[0]]}")
            if left[0] != "int" and not isinstance(op_node, (ast.Eq, ast.NotEq)):
                raise ExpressionError("PG403", f"{_TYPE_WORD[left[0]]} can only be compared with == or !=")
            self.check_literal_against(left_node=node.left, other=right, other_node=right_node)
            self.check_literal_against(left_node=right_node, other=left, other_node=node.left)
            links.append((op, left[1], right[1]))
            left = right
        if len(links) == 1:
            op, lf, rf = links[0]
            # The commonest condition, a variable against a constant (`courage >= 2`), reads the
            # variable itself instead of calling one closure for each side.
            name, constant = self.variable_name(node.left), right[2]
            if name is not None and constant is not None:
                self.simple[id(node)] = (op, name, constant)
                return "bool", (lambda s, r: op(s.variables[name], constant)), None
            return "bool", (lambda s, r: op(lf(s, r), rf(s, r))), None
        return "bool", (lambda s, r: all(op(lf(s, r), rf(s, r)) for op, lf, rf in links)), None

    def variable_name(self, node: ast.AST) -> str | None:
        """The name, if `node` compiles to reading a declared variable (see expr())."""
        if (isinstance(node, ast.Name) and node.id not in _CONSTANT_NAMES and node.id != "turn"
                and not node.id.startswith("_") and node.id in self.variables):
            return node.id
        return None

    def check_literal_against(self, left_node: ast.AST, other, other_node: ast.AST) -> None:
        """`lenin_route == "tarm"`: a text literal that no declared value matches is a typo;
        `courage == 6` on a 0..5 variable is always false (and `courage < 6` always true)."""
        if isinstance(left_node, ast.Name) and left_node.id in self.variables and other[2] is not None:
            spec = self.variables[left_node.id]
            at = getattr(other_node, "col_offset", None)
            if spec.type == "str" and spec.values and other[2] not in spec.values:
                raise ExpressionError("PG404", f"{other[2]!r} is not one of the values of {spec.name}: "
                                               + ", ".join(spec.values) + did_you_mean(other[2], spec.values), at)
            if (spec.type == "int" and type(other[2]) is int and spec.min is not None and spec.max is not None
                    and not spec.min <= other[2] <= spec.max):
                raise ExpressionError("PG404", f"{other[2]} is outside {spec.name}'s range {spec.min}..{spec.max}, "
                                               "so this comparison always gives the same answer", at)

    def call(self, node: ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in _FUNCTIONS:
            what = f"calling {node.func.id!r}" if isinstance(node.func, ast.Name) else f"calling {ast.unparse(node.func)[:40]!r}"
            raise ExpressionError("PG401", f"{what} is not allowed; only visited(), visits() and roll() may be called",
                                  node.col_offset)
        if node.keywords or len(node.args) != 1:
            raise ExpressionError("PG401", f"{node.func.id}() takes exactly one value")
        arg = node.args[0]
        fn = node.func.id
        if fn == "roll":
            if not self.allow_roll:
                raise ExpressionError("PG401", "roll() may only be used in effects, not in conditions")
            if not (isinstance(arg, ast.Constant) and type(arg.value) is int and arg.value >= 1):
                raise ExpressionError("PG401", "roll() takes a whole number of at least 1, e.g. roll(6)")
            sides = arg.value
            self.literal_range[id(node)] = (1, sides)
            return "int", (lambda s, r: r.randint(1, sides)), None
        if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
            raise ExpressionError("PG401", f'{fn}() takes a scene id in quotes, e.g. {fn}("start")')
        scene = arg.value
        self.scenes.append(scene)
        if fn == "visited":
            return "bool", (lambda s, r: s.visits.get(scene, 0) > 0), None
        return "int", (lambda s, r: s.visits.get(scene, 0)), None

    @staticmethod
    def require(actual: str, wanted: str, where: str) -> None:
        if actual != wanted:
            raise ExpressionError("PG403", f"{where} needs {_TYPE_WORD[wanted]}, not {_TYPE_WORD[actual]}")


def _parse(source: str, mode: str) -> ast.AST:
    text = source.strip()
    if not text:
        raise ExpressionError("PG400", "the expression is empty")
    if len(text) > 500:
        raise ExpressionError("PG400", "the expression is longer than 500 characters")
    try:
        return ast.parse(text, mode=mode)
    except SyntaxError as exc:
        raise ExpressionError("PG400", f"cannot read {text!r}: {exc.msg}") from None
    except (ValueError, RecursionError, MemoryError):
        raise ExpressionError("PG400", f"cannot read {text!r}") from None


# Compiled expressions by (kind, source, the specs of the names in it): a story repeats the same few
# expressions thousands of times (a 10,000-scene story has 15,700 expressions, 48 distinct). The
# result depends only on the source and the declarations of the names it mentions, and compiled code
# is pure, so equal keys can share it. Failures are not remembered; they raise every time.
_MEMO: dict[tuple, tuple] = {}
_MEMO_LIMIT = 10_000
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _memo_key(kind: str, source: str, variables: Mapping[str, VariableSpec]) -> tuple:
    specs = []
    for name in _IDENT.findall(source):
        spec = variables.get(name)
        specs.append(None if spec is None else
                     (name, spec.name, spec.type, spec.min, spec.max, tuple(spec.values or ())))
    return (kind, source, tuple(specs))


def _remember(key: tuple, result: tuple) -> tuple:
    if len(_MEMO) >= _MEMO_LIMIT:
        _MEMO.clear()
    _MEMO[key] = result
    return result


def compile_condition(source: str, variables: Mapping[str, VariableSpec]) -> tuple[Condition, Compiled]:
    if not source.isascii():  # Python folds non-ASCII identifiers (NFKC); keep the key simple
        return _compile_condition(source, variables)
    key = _memo_key("condition", source, variables)
    found = _MEMO.get(key)
    return found if found is not None else _remember(key, _compile_condition(source, variables))


def compile_effect(source: str, variables: Mapping[str, VariableSpec]) -> tuple[Action, Compiled]:
    if not source.isascii():
        return _compile_effect(source, variables)
    key = _memo_key("effect", source, variables)
    found = _MEMO.get(key)
    return found if found is not None else _remember(key, _compile_effect(source, variables))


def _compile_condition(source: str, variables: Mapping[str, VariableSpec]) -> tuple[Condition, Compiled]:
    tree = _parse(source, "eval")
    compiler = _Compiler(variables, allow_roll=False)
    t, fn, _ = compiler.expr(tree.body)  # type: ignore[attr-defined]
    if t != "bool":
        raise ExpressionError("PG403", f"a condition must be true or false, but this is {_TYPE_WORD[t]}")
    info = Compiled(source, frozenset(compiler.reads), frozenset(), tuple(compiler.scenes))
    simple = compiler.simple.get(id(tree.body))  # type: ignore[attr-defined]
    if simple is not None:
        op, name, constant = simple
        return (lambda state: op(state.variables[name], constant)), info
    return (lambda state: fn(state, None)), info


def _compile_effect(source: str, variables: Mapping[str, VariableSpec]) -> tuple[Action, Compiled]:
    tree = _parse(source, "exec")
    body = tree.body  # type: ignore[attr-defined]
    if len(body) != 1 or not isinstance(body[0], (ast.Assign, ast.AugAssign)):
        raise ExpressionError("PG401", "an effect sets one variable: `name = value`, `name += 1` or `name -= 1`")
    stmt = body[0]
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    if len(targets) != 1 or not isinstance(targets[0], ast.Name):
        raise ExpressionError("PG401", "an effect sets exactly one variable by name")
    name = targets[0].id
    spec = variables.get(name)
    if spec is None:
        raise ExpressionError("PG402", f"{name!r} is not a declared variable" + did_you_mean(name, variables))
    compiler = _Compiler(variables, allow_roll=True)
    t, fn, constant = compiler.expr(stmt.value)
    if isinstance(stmt, ast.AugAssign):
        op = _ARITH.get(type(stmt.op))
        if op is None or spec.type != "int":
            raise ExpressionError("PG403", f"only number variables take += -= *= ({name} holds {_TYPE_WORD[spec.type]})")
        if t != "int":
            raise ExpressionError("PG403", f"{name} needs a number, not {_TYPE_WORD[t]}")
        lo, hi = spec.min, spec.max

        def action(state, rng, fn=fn, op=op):
            state.variables[name] = min(hi, max(lo, op(state.variables[name], fn(state, rng))))
    else:
        if t != spec.type:
            raise ExpressionError("PG403", f"{name} holds {_TYPE_WORD[spec.type]}, not {_TYPE_WORD[t]}")
        source_var = variables.get(stmt.value.id) if isinstance(stmt.value, ast.Name) else None
        if spec.type == "str" and source_var is not None and spec.values and not set(source_var.values) <= set(spec.values):
            # Text comes only from quotes or another text variable: check the other variable's values fit.
            extra = sorted(set(source_var.values) - set(spec.values))
            raise ExpressionError("PG404", f"{source_var.name} can hold {', '.join(map(repr, extra))}, "
                                           f"which {name} does not allow")
        if constant is not None:
            _check_range(spec, constant, stmt.value.col_offset)
        elif spec.type == "int" and id(stmt.value) in compiler.literal_range:
            lo, hi = compiler.literal_range[id(stmt.value)]
            if lo < spec.min or hi > spec.max:
                raise ExpressionError("PG404", f"this gives {lo}..{hi}, outside {spec.name}'s range "
                                               f"{spec.min}..{spec.max} (play would cut it to fit)",
                                      stmt.value.col_offset)
        if spec.type == "int":
            lo, hi = spec.min, spec.max

            def action(state, rng, fn=fn):
                state.variables[name] = min(hi, max(lo, fn(state, rng)))
        else:
            def action(state, rng, fn=fn):
                state.variables[name] = fn(state, rng)
    info = Compiled(source, frozenset(compiler.reads), frozenset({name}), tuple(compiler.scenes))
    return action, info


@dataclass(frozen=True)
class EffectParts:
    """An effect taken apart for the prover (engine.checker.prove), which must see a value before
    it is clamped: `name = value` (op None) or `name op= value`, where `value(state, rng)` is the
    very closure play runs; min/max are the variable's range (None for text and yes/no)."""

    name: str
    op: Callable[[Any, Any], Any] | None
    value: Callable[[Env, Any], Any]
    min: int | None
    max: int | None


def effect_parts(source: str, variables: Mapping[str, VariableSpec]) -> EffectParts:
    """The parts of an effect that compile_effect() accepted (it raises the same errors otherwise)."""
    compile_effect(source, variables)
    stmt = _parse(source, "exec").body[0]  # type: ignore[attr-defined]
    target = stmt.targets[0] if isinstance(stmt, ast.Assign) else stmt.target
    spec = variables[target.id]
    _, value, _ = _Compiler(variables, allow_roll=True).expr(stmt.value)
    op = _ARITH[type(stmt.op)] if isinstance(stmt, ast.AugAssign) else None
    bounded = spec.type == "int"
    return EffectParts(spec.name, op, value, spec.min if bounded else None, spec.max if bounded else None)


def _check_range(spec: VariableSpec, value: Any, offset: int | None = None) -> None:
    if spec.type == "int" and not (spec.min <= value <= spec.max):
        raise ExpressionError("PG404", f"{value} is outside {spec.name}'s range {spec.min}..{spec.max}", offset)
    if spec.type == "str" and spec.values and value not in spec.values:
        raise ExpressionError("PG404", f"{value!r} is not one of the values of {spec.name}: " + ", ".join(spec.values)
                              + did_you_mean(value, spec.values), offset)

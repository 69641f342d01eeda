"""Proofs about a role: no soft-lock, every scene and ending reachable, every choice takeable, every
variable's range kept. Each property comes out "proven", as a counterexample, or "undecided within
the budget"; "not found" is never reported as "unreachable".

What a verdict rests on:

* **Play as the prover sees it.** A state is (scene, variables, the visit counts some choice's
  condition or effect reads, the turn if one reads it, the once-only choices taken). Conditions and
  effects run the very closures play runs (`Guard.test`, `expressions.effect_parts`), in play's
  order: the choice's effects, the turn, the visit count, the target's `on_enter`. Dice are not
  tied to a seed: every value of every `roll(n)` is a branch, so a proof holds for every seed, and a
  witness names a seed whose dice are the ones it needs (play seeds each step's dice with the
  player's seed and the turn). Text conditions decide only what is shown, so they are ignored.
* **Exact reductions.** Live-variable analysis over the story graph: a value that no path from a
  scene reads (before overwriting it) is erased there, so states differing only in it are one.
  A visit count or the turn, where it is only compared with constants, is capped one above the
  largest constant (all larger values compare alike). A counter (a number only compared with
  constants and moved by constant steps, whose effects provably never clamp) is narrowed at each
  scene to a window that leaves room for every fall and rise still ahead (`_windows`). None of
  these changes a verdict.
* **Abstract interpretation** over intervals (numbers, visit counts, the turn) and sets (text,
  yes/no, whether a once-only choice was taken), per variable and scene, with conditions refining
  the values they compare with constants and widening to the declared ranges on loops. It
  over-approximates the reachable states, so what it excludes is proven: a scene it never reaches
  is unreachable, a choice it never opens can never be taken, a scene where some choice is always
  open cannot lock, an effect whose result always fits needs no clamping.
* **Concrete search** from the start, scenes seen least first, for what the abstraction leaves
  open, in four phases: numbers clipped just beyond the constants they meet (witnesses soon);
  where play is made of counters, the backward analysis of preconditions.py, question by question
  (boxes of counter values from which the question can still be reached; a depth-first search
  that keeps to them, from states the search knows, witnesses it; one that exhausts them from the
  start, with no loop on the way, refutes it); seeded random walks towards what is still open
  (values exact); then the exact search over the scenes that lead to what is still open, keeping
  only what is read before play leaves them.
  Every state met is a real one, so each finding is a witness: a path of choices (and dice) that
  is then replayed with the real `Player` and confirmed before it is reported. When the exact
  phase exhausts its states, whatever is still open is refuted. When the budget runs out first,
  it is "undecided within the budget".
"""
from __future__ import annotations

import ast
import heapq
import itertools
import random
import time
from collections import deque
from dataclasses import dataclass, field

from ..expressions import effect_parts
from .preconditions import Backward as _Backward
from ..runtime import Game

INF = float("inf")
PROPERTIES = ("no soft-lock", "every scene reachable", "every ending reachable",
              "every choice can be taken", "every variable's range holds")
COARSE_SHARE = 0.3            # of the time budget, when the coarse phase of the search ends at the latest
BACKWARD_SHARE = 0.85         # ... when the backward analysis of counters does
PROBE_SHARE = 0.9             # ... when the random walks towards what is still open do
SEED_TRIES = 200_000          # seeds tried for a witness's dice before calling it undecided


# -- the story as the prover sees it -------------------------------------------------------------------

class _Effect:
    __slots__ = ("source", "tree", "parts", "reads", "kills", "dice")

    def __new__(cls, effect, variables, info: "_Reads"):
        # A story repeats a few dozen effects thousands of times; one _Effect per source text.
        found = info.effects.get(effect.info.source)
        if found is None:
            found = info.effects[effect.info.source] = object.__new__(cls)
            found.setup(effect, variables, info)
        return found

    def __init__(self, effect, variables, info):
        pass

    def setup(self, effect, variables, info: "_Reads"):
        self.source = effect.info.source
        stmt = ast.parse(self.source.strip(), mode="exec").body[0]
        self.tree = stmt
        self.parts = effect_parts(self.source, variables)
        target = self.parts.name
        self.reads = info.of(stmt.value) | ({("v", target)} if self.parts.op is not None else set())
        self.kills = set() if self.parts.op is not None else {("v", target)}
        self.dice = any(isinstance(n, ast.Call) and getattr(n.func, "id", "") == "roll" for n in ast.walk(stmt))


class _Reads:
    """The slots an expression reads: ("v", variable), ("n", scene) for visits, ("t",) the turn."""

    def __init__(self, variables):
        self.variables = variables
        self.effects: dict[str, _Effect] = {}
        self.conditions: dict[str, tuple] = {}

    def condition(self, source: str) -> tuple:
        """(tree, slots read) of a condition, parsed once per source text."""
        found = self.conditions.get(source)
        if found is None:
            tree = ast.parse(source.strip(), mode="eval").body
            found = self.conditions[source] = (tree, frozenset(self.of(tree)))
        return found

    def of(self, node) -> set:
        found = set()
        for n in ast.walk(node):
            if isinstance(n, ast.Name):
                if n.id == "turn":
                    found.add(("t",))
                elif n.id in self.variables:
                    found.add(("v", n.id))
            elif (isinstance(n, ast.Call) and getattr(n.func, "id", "") in ("visits", "visited")
                  and n.args and isinstance(n.args[0], ast.Constant)):
                found.add(("n", n.args[0].value))
        return found


class _Choice:
    __slots__ = ("scene", "index", "target", "test", "tree", "once", "effects", "reads", "choice")

    def __init__(self, scene_id, choice, variables, reads: _Reads):
        self.scene, self.index, self.target, self.once, self.choice = scene_id, choice.index, choice.target, choice.once, choice
        self.test = choice.condition.test if choice.condition is not None else None
        self.tree, self.reads = reads.condition(choice.condition.info.source) if choice.condition else (None, frozenset())
        self.effects = tuple(_Effect(e, variables, reads) for e in choice.effects)


class _Program:
    """Per story: choices and effects taken apart, the slots play can read, their caps, liveness."""

    def __init__(self, story):
        self.story = story
        variables = story.variables
        reads = _Reads(variables)
        self.var_names = tuple(variables)
        self.choices = {sid: tuple(_Choice(sid, c, variables, reads) for c in s.choices)
                        for sid, s in story.scenes.items()}
        self.on_enter = {sid: tuple(_Effect(e, variables, reads) for e in s.on_enter)
                         for sid, s in story.scenes.items()}
        trees = [tree for tree, _ in reads.conditions.values()] + [e.tree for e in reads.effects.values()]
        self.watched = tuple(sorted({slot[1] for t in trees for slot in reads.of(t) if slot[0] == "n"}))
        self.uses_turn = any(("t",) in reads.of(t) for t in trees)
        self.caps = _caps(trees)
        self.compared = _compared(trees, variables)
        self.counters = _counters(trees, variables)
        self.once = tuple((c.scene, c.index) for cs in self.choices.values() for c in cs if c.once)
        self.preds: dict[str, set] = {sid: set() for sid in story.scenes}
        for cs in self.choices.values():
            for c in cs:
                if c.target in self.preds:
                    self.preds[c.target].add(c.scene)
        self.live = self.liveness()

    def leading_to(self, scenes) -> set:
        """The scenes from which some choices (conditions aside) lead to one of `scenes`."""
        found, todo = set(scenes), list(scenes)
        while todo:
            for p in self.preds.get(todo.pop(), ()):
                if p not in found:
                    found.add(p)
                    todo.append(p)
        return found

    def liveness(self, within: set | None = None) -> dict[str, frozenset]:
        """Backward data flow to a fixed point: the slots some path from a scene (its on_enter done)
        reads before it overwrites them. With `within` (scenes such that every scene leading to
        one of them is in it too), only what is read before play leaves it counts: play that leaves
        it never comes back, and a search that only asks about scenes in it needs nothing else. A
        choice leaving it still reads its condition and its effects' values (its offer and its
        clamping are asked about where it stands)."""
        live = {sid: set() for sid in self.story.scenes}
        preds = self.preds
        todo = deque(reversed(list(self.story.scenes)))      # a story tends to run forward: latest first
        queued = set(todo)
        while todo:
            sid = todo.popleft()
            queued.discard(sid)
            new = set()
            for c in self.choices[sid]:
                slots = set(live.get(c.target, ())) if within is None or c.target in within else set()
                for e in reversed(self.on_enter.get(c.target, ())):
                    slots = (slots - e.kills) | e.reads
                slots.discard(("o", c.scene, c.index)) if c.once else None
                for e in reversed(c.effects):
                    slots = (slots - e.kills) | e.reads
                new |= slots | c.reads
                if c.once:
                    new.add(("o", c.scene, c.index))
            if new != live[sid]:
                live[sid] = new
                for p in preds[sid]:
                    if p not in queued:
                        queued.add(p)
                        todo.append(p)
        if within is not None:      # a state outside is never expanded: it keeps nothing
            return {sid: frozenset(s) if sid in within else frozenset() for sid, s in live.items()}
        return {sid: frozenset(s) for sid, s in live.items()}


def _counters(trees, variables) -> set:
    """Number variables read only as `v <op> constant` in conditions and changed only by
    `v += constant`, `v -= constant`, `v += roll(n)`, `v -= roll(n)` or `v = constant`: how far such
    a value lies beyond every constant it meets cannot matter (see _Semantics.windows)."""
    allowed: dict[str, int] = {}
    seen: dict[str, int] = {}
    bad: set = set()
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id in variables and isinstance(node.ctx, ast.Load):
                seen[node.id] = seen.get(node.id, 0) + 1
            if isinstance(node, ast.Compare) and len(node.ops) == 1:
                for a, b in ((node.left, node.comparators[0]), (node.comparators[0], node.left)):
                    if (isinstance(a, ast.Name) and a.id in variables and isinstance(b, ast.Constant)
                            and type(b.value) is int):
                        allowed[a.id] = allowed.get(a.id, 0) + 1
            if isinstance(node, (ast.Assign, ast.AugAssign)):
                target = node.targets[0] if isinstance(node, ast.Assign) else node.target
                name = target.id
                if _step(node) is None:
                    bad.add(name)
    for name in seen:
        if seen[name] != allowed.get(name, 0):      # read some other way (an effect's value, arithmetic)
            bad.add(name)
    return {n for n, v in variables.items() if v.type == "int"} - bad


def _step(stmt):
    """(smallest, largest) change an effect makes to its variable, ("set",) for `v = constant`, or
    None for any other effect."""
    value = stmt.value
    if isinstance(stmt, ast.Assign):
        return ("set",) if isinstance(value, ast.Constant) or (
            isinstance(value, ast.UnaryOp) and isinstance(value.operand, ast.Constant)) else None
    if isinstance(value, ast.Constant) and type(value.value) is int:
        lo = hi = value.value
    elif (isinstance(value, ast.Call) and getattr(value.func, "id", "") == "roll"):
        lo, hi = 1, value.args[0].value
    else:
        return None
    if isinstance(stmt.op, ast.Add):
        return (lo, hi)
    if isinstance(stmt.op, ast.Sub):
        return (-hi, -lo)
    return None


def _compared(trees, variables) -> dict:
    """For each number variable compared with constants: (smallest, largest) such constant."""
    found: dict = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and len(node.ops) == 1:
                for a, b in ((node.left, node.comparators[0]), (node.comparators[0], node.left)):
                    if (isinstance(a, ast.Name) and a.id in variables and isinstance(b, ast.Constant)
                            and type(b.value) is int):
                        lo, hi = found.get(a.id, (b.value, b.value))
                        found[a.id] = (min(lo, b.value), max(hi, b.value))
    return found


def _caps(trees) -> dict:
    """For ("n", scene) and ("t",): one above the largest constant they are compared with, or None
    where they are used any other way (then they are kept exact)."""
    caps: dict = {}
    exact: set = set()

    def slot_of(node):
        if isinstance(node, ast.Name) and node.id == "turn":
            return ("t",)
        if (isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("visits", "visited")
                and node.args and isinstance(node.args[0], ast.Constant)):
            return ("n", node.args[0].value)
        return None

    for tree in trees:
        compared = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and len(node.ops) == 1:
                left, right = node.left, node.comparators[0]
                for a, b in ((left, right), (right, left)):
                    slot = slot_of(a)
                    if slot is not None and isinstance(b, ast.Constant) and type(b.value) is int:
                        caps[slot] = max(caps.get(slot, 1), b.value + 1)
                        compared.add(id(a))
        for node in ast.walk(tree):
            slot = slot_of(node)
            if slot is None or id(node) in compared:
                continue
            if isinstance(node, ast.Call) and node.func.id == "visited":
                caps[slot] = max(caps.get(slot, 1), 1)
            else:
                exact.add(slot)
    return {slot: (None if slot in exact else cap) for slot, cap in caps.items()} | {s: None for s in exact}


# -- concrete play, reduced ----------------------------------------------------------------------------

class _Env:
    """What compiled conditions and effects read: a GameState's three fields."""

    __slots__ = ("variables", "visits", "turn")

    def __init__(self, variables, visits, turn):
        self.variables, self.visits, self.turn = variables, visits, turn


class _Dice:
    """Dice that return a script of values, then 1s, recording every roll as (sides, value)."""

    __slots__ = ("script", "used")

    def __init__(self, script):
        self.script, self.used = script, []

    def randint(self, low, high):
        i = len(self.used)
        value = self.script[i] if i < len(self.script) else low
        self.used.append((high, value))
        return value


def _outcomes(run):
    """Every outcome of run(dice), one per combination of dice values: [(result, rolls)]."""
    results, stack = [], [()]
    while stack:
        script = stack.pop()
        dice = _Dice(script)
        result = run(dice)
        results.append((result, tuple(dice.used)))
        for j in range(len(script), len(dice.used)):
            prefix = tuple(v for _, v in dice.used[:j])
            stack.extend(prefix + (alt,) for alt in range(2, dice.used[j][0] + 1))
    return results


def _apply(effect: _Effect, env: _Env, dice, clamps: list, where) -> None:
    parts = effect.parts
    value = parts.value(env, dice)
    if parts.op is not None:
        value = parts.op(env.variables[parts.name], value)
    if parts.min is not None and not parts.min <= value <= parts.max:
        clamps.append((where, value))
        value = min(parts.max, max(parts.min, value))
    env.variables[parts.name] = value


class _Semantics:
    """Reduced concrete play for one role. A state is (scene, the values of the variables live
    there, their visit counts (capped), the turn (capped; 0 when not live), the once-only choices
    taken that are live there); what is dead at a scene is left out of its states altogether."""

    def __init__(self, program: _Program, windows: dict | None = None, live: dict | None = None, tag: int = 0):
        self.p = program
        self.tag = tag            # states of two _Semantics (two shapes) never compare equal
        self.shapes = {}
        self.clips = {}
        self.windows = {}
        for sid, live in (live or program.live).items():
            names = tuple(n for n in program.var_names if ("v", n) in live)
            visits = tuple((s, program.caps.get(("n", s)) or INF) for s in program.watched if ("n", s) in live)
            turn = (program.caps.get(("t",)) or INF) if program.uses_turn and ("t",) in live else None
            taken = frozenset(k for k in program.once if ("o",) + k in live)
            self.shapes[sid] = (names, visits, turn, taken)
            self.clips[sid] = tuple(program.compared.get(n, (-INF, INF)) for n in names)
            here = (windows or {}).get(sid, {})
            self.windows[sid] = tuple(here.get(n) for n in names) if here else None

    def normal(self, scene, variables: dict, visits: dict, turn: int, taken) -> tuple:
        names, live_visits, turn_cap, live_taken = self.shapes[scene]
        windows = self.windows[scene]
        if windows is None:
            values = tuple([variables[n] for n in names])
        else:
            values = tuple([variables[n] if w is None else min(w[1], max(w[0], variables[n]))
                            for n, w in zip(names, windows)])
        return (scene, values,
                tuple([min(visits.get(s, 0), cap) for s, cap in live_visits]),
                0 if turn_cap is None else min(turn, turn_cap),
                taken & live_taken if taken else taken, self.tag)

    def coarse(self, state) -> tuple:
        """A state with each number clipped to one beyond the constants it is compared with: states
        that no condition tells apart now, though later effects might."""
        scene, vals, vis, turn, taken, tag = state
        clipped = tuple([v if type(v) is not int else min(hi + 1, max(lo - 1, v))
                         for v, (lo, hi) in zip(vals, self.clips[scene])])
        return (scene, clipped, vis, turn, taken, tag)

    def env(self, state) -> _Env:
        scene, vals, vis, turn = state[:4]
        names, live_visits, _, _ = self.shapes[scene]
        return _Env(dict(zip(names, vals)), {s: n for (s, _), n in zip(live_visits, vis)}, turn)

    def starts(self, role: str):
        """[(state, start rolls, clamps)] for the role's start (its on_enter may roll dice)."""
        story, p = self.p.story, self.p
        start = story.roles[role].start
        effects = p.on_enter[start]

        def run(dice):
            env = _Env({v.name: v.default for v in story.variables.values()}, {start: 1}, 0)
            clamps = []
            for k, e in enumerate(effects):
                _apply(e, env, dice, clamps, ("enter", start, k))
            return self.normal(start, env.variables, env.visits, 0, frozenset()), clamps

        return [(state, rolls, clamps) for (state, clamps), rolls in self.outcomes(run, effects)]

    @staticmethod
    def outcomes(run, effects):
        if any(e.dice for e in effects):
            return _outcomes(run)
        return [(run(None), ())]

    def offered(self, state, env: _Env):
        scene, taken = state[0], state[4]
        for c in self.p.choices[scene]:
            if c.once and (c.scene, c.index) in taken:
                continue
            if c.test is None or c.test(env):
                yield c

    def step(self, state, env: _Env, c: _Choice):
        """[(next state, rolls, clamps)] for taking choice c in state."""
        target, p = c.target, self.p
        effects = c.effects + p.on_enter[target]
        taken = state[4] | {(c.scene, c.index)} if c.once else state[4]

        def run(dice):
            nxt = _Env(dict(env.variables), dict(env.visits), env.turn)
            clamps = []
            for k, e in enumerate(c.effects):
                _apply(e, nxt, dice, clamps, ("choice", c.scene, c.index, k))
            nxt.turn += 1
            nxt.visits[target] = nxt.visits.get(target, 0) + 1
            for k, e in enumerate(p.on_enter[target]):
                _apply(e, nxt, dice, clamps, ("enter", target, k, c.scene, c.index))
            return self.normal(target, nxt.variables, nxt.visits, nxt.turn, taken), clamps

        return [(s, rolls, clamps) for (s, clamps), rolls in self.outcomes(run, effects)]


def _windows(program: _Program, names: set, order: dict) -> dict:
    """For each scene, and each counter in `names` (see _counters; only those whose effects never
    leave the range, so no step is clamped): the window (low, high) its value can be narrowed to on
    arriving there without changing anything play can tell. Above high, the value stays above
    every constant it is compared with on every path from the scene (high = the largest constant
    + 1 + the most the value can fall along any path from there before it is set again, and at
    least its min + that fall, so the narrowed value never leaves the range either); below low,
    likewise. Loops that can fall (or rise) without end leave the value exact there."""
    story, out = program.story, {}
    scenes = sorted((s for s in order), key=order.get, reverse=True)   # later scenes first
    for name in names:
        consts = program.compared.get(name)
        if consts is None:
            continue
        var = story.variables[name]
        steps: dict = {}
        for sid in scenes:
            for c in program.choices[sid]:
                total, reset = [0, 0], False
                for e in c.effects + program.on_enter.get(c.target, ()):
                    if e.parts.name != name:
                        continue
                    step = _step(e.tree)
                    if step == ("set",):
                        total, reset = [0, 0], True
                    else:
                        total[0] += step[0]
                        total[1] += step[1]
                steps[(sid, c.index)] = (None if reset else tuple(total))
        fall = {sid: 0 for sid in scenes}
        rise = {sid: 0 for sid in scenes}
        for _ in range(60):
            changed = set()
            for sid in scenes:
                f, r = fall[sid], rise[sid]
                for c in program.choices[sid]:
                    step = steps[(sid, c.index)]
                    if step is None or c.target not in fall:
                        continue
                    f = max(f, -step[0] + fall[c.target])
                    r = max(r, step[1] + rise[c.target])
                if f != fall[sid] or r != rise[sid]:
                    fall[sid], rise[sid] = f, r
                    changed.add(sid)
            if not changed:
                break
        else:
            for sid in program.leading_to(changed):
                fall[sid] = rise[sid] = INF
        for sid in scenes:
            if fall[sid] == INF or rise[sid] == INF:
                continue
            high = max(consts[1] + 1 + fall[sid], var.min + fall[sid])
            low = min(consts[0] - 1 - rise[sid], var.max - rise[sid])
            out.setdefault(sid, {})[name] = (low, high)
    return out


# -- abstract interpretation ---------------------------------------------------------------------------

def _join(a, b):
    if isinstance(a, tuple):
        return (min(a[0], b[0]), max(a[1], b[1]))
    return a | b


def _truth(values) -> frozenset:
    return values if isinstance(values, frozenset) else frozenset((True, False))


def _mul(a, b):
    products = [0 if 0 in (x, y) else x * y for x in a for y in b]
    return (min(products), max(products))


class _Abstract:
    """Intervals and sets per slot and scene, joined over every path (see the module's docstring)."""

    WIDEN_AFTER = 4

    def __init__(self, program: _Program, role: str):
        self.p = program
        story = program.story
        self.bounds = {("v", v.name): (v.min, v.max) for v in story.variables.values() if v.type == "int"}
        self.env: dict[str, dict] = {}
        self.may_clamp: set = set()
        self.open_edges: dict[tuple, dict] = {}       # (scene, index) -> env where it is offered
        self.run(role)

    # values
    def eval(self, node, env):
        if isinstance(node, ast.Constant):
            v = node.value
            return (v, v) if type(v) is int else frozenset((v,))
        if isinstance(node, ast.Name):
            if node.id in ("true", "True"):
                return frozenset((True,))
            if node.id in ("false", "False"):
                return frozenset((False,))
            if node.id == "turn":
                return env.get(("t",), (0, INF))
            return env[("v", node.id)]
        if isinstance(node, ast.BoolOp):
            parts = [_truth(self.eval(v, env)) for v in node.values]
            out = set()
            if isinstance(node.op, ast.And):
                if all(True in p for p in parts):
                    out.add(True)
                if any(False in p for p in parts):
                    out.add(False)
            else:
                if any(True in p for p in parts):
                    out.add(True)
                if all(False in p for p in parts):
                    out.add(False)
            return frozenset(out)
        if isinstance(node, ast.UnaryOp):
            v = self.eval(node.operand, env)
            if isinstance(node.op, ast.Not):
                return frozenset(not x for x in _truth(v))
            return (-v[1], -v[0])
        if isinstance(node, ast.BinOp):
            a, b = self.eval(node.left, env), self.eval(node.right, env)
            if isinstance(node.op, ast.Add):
                return (a[0] + b[0], a[1] + b[1])
            if isinstance(node.op, ast.Sub):
                return (a[0] - b[1], a[1] - b[0])
            return _mul(a, b)
        if isinstance(node, ast.Compare):
            out, left = {True}, self.eval(node.left, env)
            possible = [True]
            for op, right_node in zip(node.ops, node.comparators):
                right = self.eval(right_node, env)
                possible.append(self.compare(op, left, right))
                left = right
            links = possible[1:]
            out = set()
            if all(True in t for t in links):
                out.add(True)
            if any(False in t for t in links):
                out.add(False)
            return frozenset(out)
        if isinstance(node, ast.Call):
            fn = node.func.id
            if fn == "roll":
                return (1, node.args[0].value)
            visits = env.get(("n", node.args[0].value), (0, INF))
            if fn == "visits":
                return visits
            return frozenset(x for x, ok in ((True, visits[1] > 0), (False, visits[0] == 0)) if ok)
        raise ValueError(f"unexpected expression {ast.dump(node)}")

    @staticmethod
    def compare(op, a, b) -> frozenset:
        if isinstance(a, tuple):
            lo_a, hi_a, lo_b, hi_b = a[0], a[1], b[0], b[1]
            if isinstance(op, (ast.Eq, ast.NotEq)):
                may_eq = lo_a <= hi_b and lo_b <= hi_a
                may_ne = not (lo_a == hi_a == lo_b == hi_b)
            else:
                if isinstance(op, ast.Gt):
                    op, lo_a, hi_a, lo_b, hi_b = ast.Lt(), lo_b, hi_b, lo_a, hi_a
                elif isinstance(op, ast.GtE):
                    op, lo_a, hi_a, lo_b, hi_b = ast.LtE(), lo_b, hi_b, lo_a, hi_a
                if isinstance(op, ast.Lt):
                    return frozenset(x for x, ok in ((True, lo_a < hi_b), (False, hi_a >= lo_b)) if ok)
                return frozenset(x for x, ok in ((True, lo_a <= hi_b), (False, hi_a > lo_b)) if ok)
        else:
            may_eq = bool(a & b)
            may_ne = not (len(a) == 1 and a == b)
        if isinstance(op, ast.NotEq):
            may_eq, may_ne = may_ne, may_eq
        return frozenset(x for x, ok in ((True, may_eq), (False, may_ne)) if ok)

    # conditions: keep only the states where the condition may hold
    def refine(self, node, env):
        """env restricted to where `node` may be true, or None where it never is."""
        if True not in _truth(self.eval(node, env)):
            return None
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
            for part in node.values:
                env = self.refine(part, env)
                if env is None:
                    return None
            return env
        slot, value = None, None
        if isinstance(node, ast.Name) and ("v", node.id) in env:
            slot, op, value = ("v", node.id), ast.Eq(), True
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not) and isinstance(node.operand, ast.Name) \
                and ("v", node.operand.id) in env:
            slot, op, value = ("v", node.operand.id), ast.Eq(), False
        elif isinstance(node, ast.Call) and node.func.id == "visited":
            slot, op, value = ("n", node.args[0].value), ast.GtE(), 1
        elif isinstance(node, ast.Compare) and len(node.ops) == 1:
            flip = {ast.Lt: ast.Gt, ast.Gt: ast.Lt, ast.LtE: ast.GtE, ast.GtE: ast.LtE, ast.Eq: ast.Eq, ast.NotEq: ast.NotEq}
            for a, b, op in ((node.left, node.comparators[0], node.ops[0]),
                             (node.comparators[0], node.left, flip[type(node.ops[0])]())):
                s = self.slot(a, env)
                if s is not None and isinstance(b, ast.Constant):
                    slot, value = s, b.value
                    break
        if slot is None or slot not in env:
            return env
        old = env[slot]
        if isinstance(old, frozenset):
            if isinstance(op, ast.Eq):
                new = old & {value}
            elif isinstance(op, ast.NotEq):
                new = old - {value}
            else:
                return env
            if not new:
                return None
        else:
            lo, hi = old
            if isinstance(op, ast.Lt):
                hi = min(hi, value - 1)
            elif isinstance(op, ast.LtE):
                hi = min(hi, value)
            elif isinstance(op, ast.Gt):
                lo = max(lo, value + 1)
            elif isinstance(op, ast.GtE):
                lo = max(lo, value)
            elif isinstance(op, ast.Eq):
                lo, hi = max(lo, value), min(hi, value)
            else:
                lo, hi = (lo + 1 if lo == value else lo), (hi - 1 if hi == value else hi)
            if lo > hi:
                return None
            new = (lo, hi)
        env = dict(env)
        env[slot] = new
        return env

    @staticmethod
    def slot(node, env):
        if isinstance(node, ast.Name) and ("v", node.id) in env:
            return ("v", node.id)
        if isinstance(node, ast.Name) and node.id == "turn" and ("t",) in env:
            return ("t",)
        if isinstance(node, ast.Call) and node.func.id == "visits":
            return ("n", node.args[0].value)
        return None

    def apply(self, effect: _Effect, env, where):
        parts, stmt = effect.parts, effect.tree
        value = self.eval(stmt.value, env)
        slot = ("v", parts.name)
        if parts.op is not None:
            old = env[slot]
            if isinstance(stmt.op, ast.Add):
                value = (old[0] + value[0], old[1] + value[1])
            elif isinstance(stmt.op, ast.Sub):
                value = (old[0] - value[1], old[1] - value[0])
            else:
                value = _mul(old, value)
        if parts.min is not None:
            if value[0] < parts.min or value[1] > parts.max:
                self.may_clamp.add(where)
            value = (min(parts.max, max(parts.min, value[0])), min(parts.max, max(parts.min, value[1])))
        env[slot] = value

    def run(self, role):
        p, story = self.p, self.p.story
        start = story.roles[role].start
        env = {("v", v.name): ((v.default, v.default) if v.type == "int" else frozenset((v.default,)))
               for v in story.variables.values()}
        for s in p.watched:
            env[("n", s)] = (0, 0)
        env[("n", start)] = (1, 1) if ("n", start) in env else None
        env = {k: v for k, v in env.items() if v is not None}
        env[("t",)] = (0, 0)
        for key in p.once:
            env[("o",) + key] = frozenset((False,))
        for k, e in enumerate(p.on_enter[start]):
            self.apply(e, env, ("enter", start, k))
        self.env[start] = env
        self.order, self.loop_heads = _depth_first(p, start)
        updates: dict[str, int] = {}
        todo, queued = [(self.order[start], start)], {start}
        while todo:
            _, sid = heapq.heappop(todo)
            queued.discard(sid)
            here = self.env[sid]
            for c in p.choices[sid]:
                env = here
                if c.once:
                    if False not in env[("o", sid, c.index)]:
                        continue
                    env = dict(env)
                    env[("o", sid, c.index)] = frozenset((False,))
                if c.tree is not None:
                    env = self.refine(c.tree, env)
                    if env is None:
                        continue
                key = (sid, c.index)
                seen = self.open_edges.get(key)
                self.open_edges[key] = env if seen is None else {k: _join(v, env[k]) for k, v in seen.items()}
                env = dict(env)
                for k, e in enumerate(c.effects):
                    self.apply(e, env, ("choice", sid, c.index, k))
                if c.once:
                    env[("o", sid, c.index)] = frozenset((True,))
                env[("t",)] = (env[("t",)][0] + 1, env[("t",)][1] + 1)
                slot = ("n", c.target)
                if slot in env:
                    env[slot] = (env[slot][0] + 1, env[slot][1] + 1)
                for k, e in enumerate(p.on_enter[c.target]):
                    self.apply(e, env, ("enter", c.target, k, sid, c.index))
                if self.merge(c.target, env, updates) and c.target not in queued:
                    queued.add(c.target)
                    heapq.heappush(todo, (self.order[c.target], c.target))

    def merge(self, target, env, updates) -> bool:
        old = self.env.get(target)
        if old is None:
            self.env[target] = env
            return True
        new = {k: _join(v, env[k]) for k, v in old.items()}
        if new == old:
            return False
        updates[target] = updates.get(target, 0) + 1
        if target in self.loop_heads and updates[target] > self.WIDEN_AFTER:
            for k, v in new.items():
                if isinstance(v, tuple) and v != old[k]:
                    lo_bound, hi_bound = self.bounds.get(k, (0, INF))
                    new[k] = (v[0] if v[0] >= old[k][0] else lo_bound, v[1] if v[1] <= old[k][1] else hi_bound)
        self.env[target] = new
        return True

    def surely_open(self, sid) -> bool:
        """Whether some choice of the scene is offered in every state the abstraction holds there."""
        env = self.env[sid]
        for c in self.p.choices[sid]:
            if c.once and env[("o", sid, c.index)] != frozenset((False,)):
                continue
            if c.tree is None or _truth(self.eval(c.tree, env)) == frozenset((True,)):
                return True
        return False


def _depth_first(program: _Program, start: str) -> tuple[dict, set]:
    """Reverse postorder of the scenes reachable from start (the abstract worklist takes scenes in
    this order, so on acyclic stretches a scene is taken after all its predecessors) and the loop
    heads, targets of back edges: the only scenes where values are widened."""
    post, heads, on_stack, seen = [], set(), {start}, {start}
    stack = [(start, iter(program.choices[start]))]
    while stack:
        sid, it = stack[-1]
        c = next(it, None)
        if c is None:
            stack.pop()
            on_stack.discard(sid)
            post.append(sid)
            continue
        if c.target in on_stack:
            heads.add(c.target)
        elif c.target not in seen and c.target in program.choices:
            seen.add(c.target)
            on_stack.add(c.target)
            stack.append((c.target, iter(program.choices[c.target])))
    return {sid: n for n, sid in enumerate(reversed(post))}, heads


# -- the search and the verdicts -----------------------------------------------------------------------

@dataclass
class Witness:
    """A path that replays in `petrograd play --text --role ROLE --seed SEED`: the choice numbers
    as the player sees them, one a line."""

    role: str
    seed: int
    moves: list[int]
    what: str                    # what the path shows

    def transcript_input(self) -> str:
        return f"--role {self.role} --seed {self.seed}\n" + "".join(f"{m}\n" for m in self.moves)

    def to_json(self) -> dict:
        return {"role": self.role, "seed": self.seed, "moves": self.moves, "shows": self.what,
                "transcript_input": self.transcript_input()}


@dataclass
class Finding:
    text: str
    witness: Witness | None = None
    no_path: str = "no path replays it: no reachable scene leads there"


@dataclass
class Verdict:
    property: str
    status: str                               # "proven" | "counterexample" | "undecided"
    how: str = ""
    findings: list[Finding] = field(default_factory=list)
    undecided: int = 0                        # items neither witnessed nor refuted within the budget


@dataclass
class RoleProof:
    role: str
    verdicts: list[Verdict]
    states: int
    search: str                               # "exhaustive" | "answered" (nothing left open) | "budget"
    seconds: float

    @property
    def failed(self) -> bool:
        return any(v.status == "counterexample" for v in self.verdicts)


class _Search:
    """Concrete search over reduced states: scenes expanded least so far first, then first come.
    Remembers how each state was first reached (over every phase), so any state gives its path.

    A phase may merge states by a coarser key (`begin(coarse)`): that finds witnesses sooner on a
    large story but proves nothing by running out; only a phase with the exact key (coarse None)
    that empties its frontier is exhaustive."""

    def __init__(self, sem: _Semantics, role: str):
        self.sem, self.role = sem, role
        self.parent: dict = {}
        self.reached: dict[str, tuple] = {}          # scene -> first state
        self.locked: dict[str, tuple] = {}           # scene -> first state with nothing offered
        self.offered: dict[tuple, tuple] = {}        # (scene, index) -> first state offering it
        self.clamped: dict[tuple, tuple] = {}        # where -> (state before, index, rolls, value)
        self.states = 0
        self.leads_to: dict | None = None
        self.fresh: list = []                        # states record() added, for whoever takes them

    def begin(self, coarse=None):
        self.coarse = coarse
        self.seen: set = set()
        self.queues: dict[str, deque] = {}
        self.heap: list = []
        self.expanded: dict[str, int] = {}
        self.order = 0
        for state, rolls, clamps in self.sem.starts(self.role):
            for where, value in clamps:
                self.clamped.setdefault(where, (None, None, rolls, value))
            self.parent.setdefault(state, (None, None, rolls))
            key = state if coarse is None else coarse(state)
            if key not in self.seen:
                self.seen.add(key)
                self.push(state)

    def push(self, state):
        scene = state[0]
        queue = self.queues.get(scene)
        if queue is None:
            queue = self.queues[scene] = deque()
        if not queue:
            self.order += 1
            heapq.heappush(self.heap, (self.expanded.get(scene, 0), self.order, scene))
        queue.append(state)
        self.reached.setdefault(scene, state)

    def run(self, done, max_states: int, deadline: float, focus=None) -> str:
        """Expands until the frontier is empty ("exhaustive"), done() ("answered") or the budget.
        focus(), asked now and then, gives the scenes from which something still open can be
        reached (None: all); states elsewhere are not expanded, which keeps the search exhaustive
        for everything still open."""
        sem, story, parent, seen, coarse = self.sem, self.sem.p.story, self.parent, self.seen, self.coarse
        relevant = focus() if focus else None
        while self.heap:
            if len(seen) > max_states or (self.states % 256 == 0 and time.perf_counter() > deadline):
                return "budget"
            if self.states % 64 == 0 and done():
                return "answered"
            if focus and self.states % 2048 == 0:
                relevant = focus()
            _, _, scene = heapq.heappop(self.heap)
            queue = self.queues[scene]
            state = queue.popleft()
            count = self.expanded[scene] = self.expanded.get(scene, 0) + 1
            if queue:
                self.order += 1
                heapq.heappush(self.heap, (count, self.order, scene))
            if relevant is not None and scene not in relevant:
                continue
            self.states += 1
            if story.scenes[scene].is_ending:
                continue
            env = sem.env(state)
            any_offered = False
            for c in sem.offered(state, env):
                any_offered = True
                self.offered.setdefault((scene, c.index), state)
                for nxt, rolls, clamps in sem.step(state, env, c):
                    for where, value in clamps:
                        self.clamped.setdefault(where, (state, c.index, rolls, value))
                    key = nxt if coarse is None else coarse(nxt)
                    if key not in seen:
                        seen.add(key)
                        parent.setdefault(nxt, (state, c.index, rolls))
                        self.push(nxt)
            if not any_offered:
                self.locked.setdefault(scene, state)
        return "exhaustive" if coarse is None else "coarse done"

    def sweep(self, order: dict, score, deadline: float, max_states: int) -> None:
        """One pass over the scenes in the abstraction's reverse postorder (topological where there
        is no loop), expanding at each scene only the state with the least score() among those
        known there by then: a real path to each scene that keeps score low (counters near the
        constants they are compared with, say, which the coarse search's merging loses: a counter
        that drifts upwards is seldom low deep in a story, where a condition may ask for it).
        Recorded like the search's own states."""
        sem, parent = self.sem, self.parent
        best: dict = {}                       # scene -> (score, state)
        for state in parent:
            if state[-1] == sem.tag:
                value = score(state)
                if state[0] not in best or value < best[state[0]][0]:
                    best[state[0]] = (value, state)
        for n, scene in enumerate(sorted(best.keys() | order.keys(), key=lambda s: order.get(s, 0))):
            if n % 256 == 255 and (time.perf_counter() > deadline or len(parent) > max_states):
                return
            if scene not in best:
                continue
            state = best[scene][1]
            env = sem.env(state)
            for c in self.note(state, env):
                for way in sem.step(state, env, c):
                    nxt = self.link(state, c, *way)
                    value = score(nxt)
                    if c.target not in best or value < best[c.target][0]:
                        best[c.target] = (value, nxt)

    def probe(self, targets: list, deadline: float, max_states: int, walks: int = 64) -> None:
        """Seeded random walks from the start towards each target scene, taking only choices that
        lead towards it, with every value exact: a few hundred walks find witnesses that the
        coarse phase merged away (a counter raised high, then lowered). Every state on a walk is
        real and recorded like the search's own."""
        sem, story, parent = self.sem, self.sem.p.story, self.parent
        rng = random.Random(0)
        starts = sorted((s for s, (before, _, _) in parent.items() if before is None and s[-1] == sem.tag), key=repr)
        for target in targets:
            toward = sem.p.leading_to({target})
            for _ in range(walks):
                if time.perf_counter() > deadline or len(parent) > max_states:
                    return
                if target in self.reached:
                    break
                state = rng.choice(starts)
                for steps in itertools.count():
                    if steps % 64 == 63 and time.perf_counter() > deadline:   # a walk can be long
                        return
                    scene = state[0]
                    self.reached.setdefault(scene, state)
                    if story.scenes[scene].is_ending:
                        break
                    env = sem.env(state)
                    offered = list(sem.offered(state, env))
                    if not offered:
                        self.locked.setdefault(scene, state)
                    for c in offered:
                        self.offered.setdefault((scene, c.index), state)
                    ways = [c for c in offered if c.target in toward]
                    if scene == target or not ways:
                        break
                    c = rng.choice(ways)
                    nxt, rolls, clamps = rng.choice(sem.step(state, env, c))
                    for where, value in clamps:
                        self.clamped.setdefault(where, (state, c.index, rolls, value))
                    parent.setdefault(nxt, (state, c.index, rolls))
                    state = nxt

    def guided(self, state, target: str, keep, accept, budget: int, visited: set) -> str:
        """Depth first from a state the search knows, only into next states keep(scene, state)
        allows, until a state at the target scene that accept(state, offered) takes; that path is
        recorded like the search's own states. "found", "exhausted" (every state keep allows was
        tried; they are added to visited), or "budget" (more than `budget` states)."""
        sem, story = self.sem, self.sem.p.story
        stack = [(state, None, None)]            # (state, its ways on, the way in)
        while stack:
            state, ways, way_in = stack[-1]
            if ways is None:
                if state in visited:
                    stack.pop()
                    continue
                visited.add(state)
                budget -= 1
                if budget < 0:
                    return "budget"
                scene = state[0]
                env = sem.env(state)
                offered = [] if story.scenes[scene].is_ending else list(sem.offered(state, env))
                if scene == target:
                    if accept(state, offered):
                        self.record(stack[0][0], [entry[2] for entry in stack[1:]])
                        return "found"
                    stack.pop()
                    continue
                ways = iter([(c, nxt, rolls, clamps) for c in offered for nxt, rolls, clamps in sem.step(state, env, c)
                             if keep(c.target, nxt)])
                stack[-1] = (state, ways, way_in)
            way = next(ways, None)
            if way is None:
                stack.pop()
            else:
                stack.append((way[1], None, way))
        return "exhausted"

    def record(self, state, steps: list) -> None:
        """A path from a state the search knows, [(choice, next state, rolls, clamps)], recorded
        like the search's own: how each state was reached, and what it offers."""
        for c, nxt, rolls, clamps in steps:
            self.note(state, self.sem.env(state))
            state = self.link(state, c, nxt, rolls, clamps)
        self.note(state, self.sem.env(state))

    def note(self, state, env) -> list:
        """The choices a state offers, noted as reached, offered (or locked) there."""
        scene = state[0]
        self.reached.setdefault(scene, state)
        if self.sem.p.story.scenes[scene].is_ending:
            return []
        offered = list(self.sem.offered(state, env))
        for c in offered:
            self.offered.setdefault((scene, c.index), state)
        if not offered:
            self.locked.setdefault(scene, state)
        return offered

    def link(self, state, c, nxt, rolls, clamps):
        """nxt, reached from state by choice c with these dice, noted (with any clamping) as the
        search notes its own steps."""
        for where, value in clamps:
            self.clamped.setdefault(where, (state, c.index, rolls, value))
        if nxt not in self.parent:
            self.parent[nxt] = (state, c.index, rolls)
            self.fresh.append(nxt)
        self.reached.setdefault(nxt[0], nxt)
        return nxt

    def path(self, state) -> tuple[tuple, list]:
        """(start rolls, [(choice index, rolls)]) from the start to state."""
        steps = []
        while True:
            before, index, rolls = self.parent[state]
            if before is None:
                return rolls, steps[::-1]
            steps.append((index, rolls))
            state = before


def _seed_for(start_rolls, steps) -> int | None:
    """A seed under which play rolls exactly these dice (each step's generator is seeded with
    seed * 1_000_003 + turn, as GameState.rng_seed() does)."""
    needs = ([(0, start_rolls)] if start_rolls else []) + [(t, r) for t, (_, r) in enumerate(steps) if r]
    if not needs:
        return 0
    for seed in range(SEED_TRIES):
        for turn, rolls in needs:
            rng = random.Random(seed * 1_000_003 + turn)
            if any(rng.randint(1, sides) != value for sides, value in rolls):
                break
        else:
            return seed
    return None


class WitnessError(AssertionError):
    """A path the search found did not replay as predicted: a defect of the prover, never hidden."""


def _replay(game: Game, role: str, start_rolls, steps, check, what: str, last=None) -> Witness | None:
    """The path played with the real Player under a seed that rolls its dice; check(player) must
    confirm what it shows. `last` (index, rolls), a step whose dice the seed must roll too, is left
    for check to take. None when no seed was found within SEED_TRIES."""
    seed = _seed_for(start_rolls, steps + ([last] if last else []))
    if seed is None:
        return None
    player = game.new_player(role, seed=seed)
    try:
        moves = []
        for index, _ in steps:
            numbers = [fc.number for fc in player.frame().choices if fc.index == index]
            if not numbers:
                raise WitnessError(f"{role}: choice {index + 1} of {player.state.scene} is not offered on replay ({what})")
            moves.append(numbers[0])
            player.choose(index)
        if not check(player):
            raise WitnessError(f"{role}: the replayed path does not show {what}")
        if last is not None:
            moves.append([fc.number for fc in player.frame().choices if fc.index == last[0]][0])
        return Witness(role, seed, moves, what)
    finally:
        player.close()


def prove_role(game: Game, role: str, max_states: int = 2_000_000, max_seconds: float = 60.0,
               program: _Program | None = None) -> RoleProof:
    started = time.perf_counter()
    story = game.story
    program = program or _Program(story)
    absint = _Abstract(program, role)
    # Counters whose effects provably never leave the range (nothing on them may clamp) are
    # narrowed to their windows in every state: exact, see _windows.
    may_clamp = {_effect_at(program, w).parts.name for w in absint.may_clamp}
    exact_counters = program.counters - may_clamp
    windows = _windows(program, exact_counters, absint.order)
    sem = _Semantics(program, windows)
    own = [s.id for s in story.scenes_of(role)]
    own_set = set(own)
    abstract_reach = set(absint.env)
    # What the abstraction leaves open, for the search to witness (or refute by exhausting).
    want_scenes = [s for s in own if s in abstract_reach]
    want_choices = [(s, c.index) for s in want_scenes for c in program.choices[s] if (s, c.index) in absint.open_edges]
    lock_candidates = [s for s in abstract_reach if not story.scenes[s].is_ending and not absint.surely_open(s)]
    # Effects on a variable declared `saturates: true` are meant to stop at its range: not candidates.
    saturating = {v.name for v in story.variables.values() if v.saturates}
    clamp_candidates = sorted((w for w in absint.may_clamp if _effect_at(program, w).parts.name not in saturating), key=repr)
    accepted = len(absint.may_clamp) - len(clamp_candidates)
    search = _Search(sem, role)
    # What the backward analysis of counters refutes (preconditions.py): scenes, choices, soft-locks.
    refuted_scenes, refuted_choices, refuted_locks = set(), set(), set()

    waits = [(want_scenes, search.reached, refuted_scenes), (want_choices, search.offered, refuted_choices),
             (lock_candidates, search.locked, refuted_locks), (clamp_candidates, search.clamped, ())]
    cursors = [0] * len(waits)

    def done():
        """Whether everything left open is witnessed or refuted (each list is walked once)."""
        for n, (items, found, refuted) in enumerate(waits):
            i = cursors[n]
            while i < len(items) and (items[i] in found or items[i] in refuted):
                i += 1
            cursors[n] = i
            if i < len(items):
                return False
        return True

    def open_targets() -> set:
        """The scenes where something is still open."""
        targets = {s for s in want_scenes if s not in search.reached and s not in refuted_scenes}
        targets.update(s for s, i in want_choices if (s, i) not in search.offered and (s, i) not in refuted_choices
                       and s not in refuted_scenes)
        targets.update(s for s in lock_candidates if s not in search.locked and s not in refuted_locks)
        targets.update(w[1] if w[0] == "choice" else w[3] for w in clamp_candidates
                       if w not in search.clamped and (w[0] == "choice" or len(w) > 3))
        return targets

    def focus():
        """The scenes that lead to something still open (the search need not go anywhere else)."""
        return program.leading_to(open_targets())

    # First a coarse phase (numbers clipped just beyond the constants they are compared with) for
    # witnesses, then, for whatever is still open, the exact one, whose end is a proof.
    search.begin(sem.coarse)
    ended = search.run(done, max_states, started + max_seconds * COARSE_SHARE, focus)
    if ended != "answered" and exact_counters:
        # Then, where play is made of counters, a sweep keeping them near the constants they are
        # compared with (known states for the backward analysis to start from), and the backward
        # analysis, question by question.
        centres = {n: (lo + hi) / 2 for n, (lo, hi) in program.compared.items() if n in exact_counters}

        at = {sid: tuple((k, centres[n]) for k, n in enumerate(shape[0]) if n in centres) for sid, shape in sem.shapes.items()}

        def off_centre(state):
            values = state[1]
            return sum([abs(values[k] - c) for k, c in at[state[0]]])

        search.sweep(absint.order, off_centre, started + max_seconds * BACKWARD_SHARE, max_states)
        _answer_backward(search, _Backward(program, sem, exact_counters, absint.order, absint.loop_heads),
                         [("lock", s, None) for s in lock_candidates] + [("scene", s, None) for s in want_scenes]
                         + [("choice", s, i) for s, i in want_choices],
                         (refuted_scenes, refuted_choices, refuted_locks), started + max_seconds * BACKWARD_SHARE,
                         max_states)
        if done():
            ended = "answered"
    if ended != "answered":
        # Then walks towards what is still open, values exact (witnesses the clipping lost).
        search.probe(sorted(open_targets(), key=lambda s: absint.order.get(s, 0)),
                     started + max_seconds * PROBE_SHARE, max_states)
        if done():
            ended = "answered"
    if ended != "answered":
        # The exact phase asks only about scenes that lead to something still open: values read
        # only after play has left them are dead there too.
        within = focus()
        search.sem = _Semantics(program, windows, program.liveness(within), tag=1)
        search.begin(None)
        ended = search.run(done, max_states, started + max_seconds, focus)
    exhaustive = ended == "exhaustive"

    def witness(state, check, what, extra=None):
        rolls, steps = search.path(state) if state is not None else ((), [])
        if extra is not None:
            steps = steps + [extra]
        return _replay(game, role, rolls, steps, check, what)

    verdicts = []
    # No soft-lock.
    findings, open_ = [], []
    for sid in sorted(lock_candidates):
        if sid in search.locked:
            w = witness(search.locked[sid],
                        lambda pl, sid=sid: pl.state.scene == sid and not pl.frame().choices and not pl.frame().is_ending,
                        f"every choice closed in scene {sid}")
            findings.append(Finding(f"soft-lock in scene {sid}: no choice is offered", w))
        elif not exhaustive and sid not in refuted_locks:
            open_.append(sid)
    how = ("abstract interpretation: every reachable scene always offers a choice" if not lock_candidates else
           f"abstract interpretation, then exhaustive search of {search.states:,} states for {len(lock_candidates)} scene(s)"
           if exhaustive else f"abstract interpretation, then backward analysis of counters for {len(lock_candidates)} scene(s)")
    verdicts.append(_verdict(PROPERTIES[0], findings, open_, how, "scene(s) where the search could not rule a soft-lock out"))

    # What only a classroom vote opens is out of solo play's reach by construction (the variable keeps
    # its default there): it is listed, not called unreachable. Class play is not modelled here.
    from .explore import choice_needs_a_vote, vote_only_scenes, voted_variables
    voted = voted_variables(story)
    class_scenes = vote_only_scenes(story, voted) if voted else frozenset()

    def class_note(items) -> str:
        items = sorted(items)
        return (f"; {len(items)} only a class vote opens (not solo play, so not searched): " + ", ".join(items[:6])
                + (" ..." if len(items) > 6 else "")) if items else ""

    # Every scene, every ending reachable.
    for name, scenes in ((PROPERTIES[1], [s for s in own if not story.scenes[s].is_ending]),
                         (PROPERTIES[2], [s for s in own if story.scenes[s].is_ending])):
        findings, open_ = [], []
        by_vote = [s for s in scenes if s in class_scenes and s not in search.reached]
        scenes = [s for s in scenes if s not in by_vote]
        for sid in scenes:
            if sid in search.reached:
                continue
            if sid in abstract_reach and not exhaustive and sid not in refuted_scenes:
                open_.append(sid)
                continue
            why = ("abstract interpretation" if sid not in abstract_reach else
                   "backward analysis of counters" if sid in refuted_scenes else "exhaustive search")
            findings.append(Finding(f"{'ending' if story.scenes[sid].is_ending else 'scene'} {sid} cannot be reached "
                                    f"({why})", _nearest(game, role, search, sid, witness)))
        verdicts.append(_verdict(name, findings, open_, f"a replayed witness path to each of {len(scenes)}"
                                 + class_note(by_vote), "not reached within the budget, not refuted"))

    # Every choice can be taken somewhere.
    findings, open_ = [], []
    count = 0
    class_choices = []
    for sid in own:
        for c in program.choices[sid]:
            if (sid, c.index) not in search.offered and (sid in class_scenes
                                                         or choice_needs_a_vote(story, c.choice, voted)):
                class_choices.append(f"{sid} choice {c.index + 1}")
                continue
            count += 1
            if (sid, c.index) in search.offered:
                continue
            if sid not in abstract_reach or sid in refuted_scenes or (exhaustive and sid not in search.reached):
                continue            # the scene cannot be reached: its own counterexample above
            if (sid, c.index) in absint.open_edges and not exhaustive and (sid, c.index) not in refuted_choices:
                open_.append(f"{sid} choice {c.index + 1}")
                continue
            rule = c.choice.condition.info.source if c.choice.condition else "once-only, already taken"
            why = ("abstract interpretation" if (sid, c.index) not in absint.open_edges else
                   "backward analysis of counters" if (sid, c.index) in refuted_choices else "exhaustive search")
            w = None
            if sid in search.reached:
                w = witness(search.reached[sid], lambda pl, sid=sid, i=c.index: pl.state.scene == sid and
                            all(fc.index != i for fc in pl.frame().choices), f"scene {sid} without choice {c.index + 1}")
            findings.append(Finding(f"scene {sid}, choice {c.index + 1} ({c.choice.text!r}) is never offered: "
                                    f"{rule} never holds there ({why})", w,
                                    "" if w else "no path shows it: the search did not reach the scene within the budget"))
    verdicts.append(_verdict(PROPERTIES[3], findings, open_, f"a replayed witness path offering each of {count}"
                             + class_note(class_choices),
                             "choice(s) not offered within the budget, not refuted"))

    # Every variable's range holds.
    findings, open_ = [], []
    for where in clamp_candidates:
        found = search.clamped.get(where)
        if found is None:
            if not exhaustive:
                open_.append(_where(where))
            continue
        before, index, rolls, value = found
        effect = _effect_at(program, where)
        if before is None:
            w = _replay(game, role, rolls, [], lambda pl: True, f"{effect.source} clamped at the start")
        else:
            start_rolls, steps = search.path(before)
            w = _replay(game, role, start_rolls, steps, lambda pl, i=index, r=rolls, wh=where: _clamps_on(pl, sem, i, r, wh),
                        f"{effect.source} clamped", last=(index, rolls))
        findings.append(Finding(f"{_where(where)}: `{effect.source}` gives {value}, outside "
                                f"{effect.parts.name}'s range {effect.parts.min}..{effect.parts.max}", w))
    how = ("abstract interpretation: every effect's result fits its variable's range" if not clamp_candidates else
           "abstract interpretation, then exhaustive search for the effects it could not clear")
    if accepted:
        how += f"; {accepted} effect(s) on variables declared `saturates: true` may stop at the range, as declared"
    verdicts.append(_verdict(PROPERTIES[4], findings, open_, how, "effect(s) not cleared within the budget"))
    return RoleProof(role, verdicts, search.states, ended, time.perf_counter() - started)


def _answer_backward(search: _Search, backward: _Backward, questions: list, refuted: tuple, deadline: float,
                     max_states: int) -> None:
    """Each question still open, (kind, scene, index) with kind "scene", "choice" or "lock", put to
    the backward analysis of counters: witnessed by a path the search then knows, or refuted
    (added to refuted: scenes, choices, locks), or left open."""
    refuted_scenes, refuted_choices, refuted_locks = refuted
    known: dict = {}
    starts = []
    for state, (before, _, _) in search.parent.items():
        if state[-1] == search.sem.tag:
            known.setdefault(state[0], []).append(state)
            if before is None:
                starts.append(state)
    for kind, scene, index in questions:
        if time.perf_counter() > deadline or len(search.parent) > max_states:
            return
        if kind == "scene":
            if scene in search.reached or scene in refuted_scenes:
                continue
            goal, accept = [backward.top], lambda state, offered: True
        elif kind == "choice":
            if (scene, index) in search.offered or (scene, index) in refuted_choices or scene in refuted_scenes:
                continue
            goal = backward.condition(search.sem.p.choices[scene][index])
            accept = lambda state, offered, i=index: any(c.index == i for c in offered)
        else:
            if scene in search.locked or scene in refuted_locks:
                continue
            goal, accept = backward.closed(scene), lambda state, offered: not offered
        visited: set = set()

        def attempt(state, boxes, budget, target=scene, accept=accept, visited=visited):
            def keep(s, nxt):
                return s in boxes and backward.holds(s, nxt, boxes[s])
            answer = search.guided(state, target, keep, accept, budget, visited)
            if answer == "budget":
                visited.clear()            # partly searched states are not known dead ends
            return answer

        answer = backward.solve(scene, goal, known, starts, attempt, deadline)
        if answer == "refuted":
            {"scene": refuted_scenes, "lock": refuted_locks}.get(kind, refuted_choices).add(
                (scene, index) if kind == "choice" else scene)
        for state in search.fresh:
            known.setdefault(state[0], []).append(state)
        search.fresh.clear()


def _clamps_on(player, sem: _Semantics, index: int, rolls, where) -> bool:
    """Whether taking choice `index` now, with these dice, runs the effect at `where` out of its
    variable's range: the effects run on a copy of the real player's state."""
    c = sem.p.choices[player.state.scene][index]
    if all(fc.index != index for fc in player.frame().choices):
        return False
    state = player.state.copy()
    env = _Env(state.variables, state.visits, state.turn)
    dice, clamps = _Dice(tuple(v for _, v in rolls)), []
    for k, e in enumerate(c.effects):
        _apply(e, env, dice, clamps, ("choice", c.scene, c.index, k))
    env.turn += 1
    env.visits[c.target] = env.visits.get(c.target, 0) + 1
    for k, e in enumerate(sem.p.on_enter[c.target]):
        _apply(e, env, dice, clamps, ("enter", c.target, k, c.scene, c.index))
    return any(w == where for w, _ in clamps)


def _verdict(name, findings, open_, how, open_words) -> Verdict:
    if findings:
        also = (f"and {len(open_)} more {open_words}: " + ", ".join(open_[:8]) + (" ..." if len(open_) > 8 else "")
                if open_ else "")
        return Verdict(name, "counterexample", also, findings, len(open_))
    if open_:
        return Verdict(name, "undecided", f"{len(open_)} {open_words}: " + ", ".join(open_[:8])
                       + (" ..." if len(open_) > 8 else ""), undecided=len(open_))
    return Verdict(name, "proven", how)


def _nearest(game, role, search, sid, witness) -> Witness | None:
    """For a scene that cannot be reached: a replayed path to a reached scene with a choice that
    leads there, showing that choice closed."""
    if search.leads_to is None:                  # built once: a target -> the first reached way in
        search.leads_to = {}
        for scene_id in search.reached:
            for c in search.sem.p.choices[scene_id]:
                search.leads_to.setdefault(c.target, (scene_id, c))
    if sid not in search.leads_to:
        return None
    scene_id, c = search.leads_to[sid]
    return witness(search.reached[scene_id], lambda pl, s=scene_id, i=c.index: pl.state.scene == s and
                   all(fc.index != i for fc in pl.frame().choices), f"scene {scene_id}, whose choice {c.index + 1} to {sid} is closed")


def _effect_at(program: _Program, where) -> _Effect:
    if where[0] == "enter":
        return program.on_enter[where[1]][where[2]]
    return program.choices[where[1]][where[2]].effects[where[3]]


def _where(where) -> str:
    if where[0] == "enter":
        return f"scene {where[1]} on entry (effect {where[2] + 1})"
    return f"scene {where[1]}, choice {where[2] + 1} (effect {where[3] + 1})"


def prove(game: Game, roles: list[str], max_states: int = 2_000_000, max_seconds: float = 60.0) -> list[RoleProof]:
    program = _Program(game.story)
    return [prove_role(game, role, max_states, max_seconds, program) for role in roles]


def prove_report(proofs: list[RoleProof], story_arg: str = "") -> list[str]:
    lines = []
    for proof in proofs:
        kind = {"exhaustive": "exhaustive for what was left open", "answered": "stopped when nothing was left open",
                "budget": "stopped at the budget"}[proof.search]
        lines.append(f"role {proof.role}: {proof.seconds:.2f}s, {proof.states:,} states searched ({kind})")
        for v in proof.verdicts:
            word = {"proven": "proven", "counterexample": "COUNTEREXAMPLE", "undecided": "undecided within the budget"}[v.status]
            lines.append(f"  {v.property}: {word}" + (f" ({v.how})" if v.how else ""))
            for f in v.findings:
                lines.append(f"    {f.text}")
                if f.witness is not None:
                    w = f.witness
                    moves = "".join(f"{m}\\n" for m in w.moves)
                    lines.append(f"      replay ({w.what}): printf '{moves}' | petrograd play --text "
                                 f"--role {w.role} --seed {w.seed}" + (f" {story_arg}" if story_arg else ""))
                else:
                    lines.append(f"      ({f.no_path})")
    return lines

"""Backward analysis of counters, for what the prover's forward search leaves open.

For one question (a scene reached, a choice offered there, or every choice closed there) it
computes, for each scene that leads to the question, the values of the counters from which play
may still get there: a union of boxes, one interval per counter. Counters here are those whose
effects the abstract interpretation shows never clamp (the ones prove._windows narrows). A
comparison of a counter with an integer constant bounds it, a constant step shifts it, `v = k`
frees it, dice widen it by their range, `and` meets boxes and `or` joins them: exact for paths
made of these. Whatever a box cannot express (another kind of condition, arithmetic on a counter)
is allowed, and past MAX_BOXES a scene's boxes are joined into fewer, larger ones: so the union
only ever over-approximates the values that get there. It is built from the question back, scene
by scene in reverse topological order, dropping boxes inside others.

* A concrete state the forward search knows at a scene, inside one of the scene's boxes, starts a
  depth-first search that only enters states inside the boxes of their scenes (it prunes nothing
  that could get there). What it reaches is a witness: every state on the way is made by the
  search's own step, and the path is replayed with the real Player like every other.
* When no start state lies in the start scene's boxes, or the depth-first search from the start
  states exhausts the states inside the boxes, the question is refuted: no path gets there. Only
  when no loop lies on the way back (no loop head among the scenes taken): with a loop, the boxes
  of a scene could be taken before those of a scene it leads to, and only witnesses count.

Values in the forward search's states are narrowed to windows (prove._windows); a narrowed value
lies in the same boxes as the real one, since a box's bounds are constants the value meets later,
shifted by the steps on the way, which is what a window leaves room for.
"""
from __future__ import annotations

import ast
import heapq
import time

INF = float("inf")
MAX_BOXES = 16               # boxes a scene keeps: more are joined into fewer, larger ones
TRY_BUDGET = 200              # states a depth-first try from a known state may take
START_BUDGET = 20_000         # ... and from the start, when the backward pass has ended

_BOUNDS = {ast.Lt: lambda k: [(-INF, k - 1)], ast.LtE: lambda k: [(-INF, k)], ast.Gt: lambda k: [(k + 1, INF)],
           ast.GtE: lambda k: [(k, INF)], ast.Eq: lambda k: [(k, k)],
           ast.NotEq: lambda k: [(-INF, k - 1), (k + 1, INF)]}
_FLIP = {ast.Lt: ast.Gt, ast.Gt: ast.Lt, ast.LtE: ast.GtE, ast.GtE: ast.LtE, ast.Eq: ast.Eq, ast.NotEq: ast.NotEq}


def _meet(a: tuple, b: tuple) -> tuple | None:
    out = []
    for (lo_a, hi_a), (lo_b, hi_b) in zip(a, b):
        lo, hi = max(lo_a, lo_b), min(hi_a, hi_b)
        if lo > hi:
            return None
        out.append((lo, hi))
    return tuple(out)


def _inside(a: tuple, b: tuple) -> bool:
    return all(lo_b <= lo_a and hi_a <= hi_b for (lo_a, hi_a), (lo_b, hi_b) in zip(a, b))


def _antichain(boxes) -> list:
    """The boxes, without those inside another (widest first)."""
    kept: list = []
    for box in sorted(set(boxes), key=lambda b: -sum(min(hi - lo, 1e9) for lo, hi in b)):
        if not any(_inside(box, k) for k in kept):
            kept.append(box)
    return kept


def _union(boxes) -> list:
    """The same union in fewer boxes: boxes alike but in one counter, whose intervals there touch,
    become one (the paths to a question tend to differ by a step or two on one counter)."""
    boxes = _antichain(boxes)
    while len(boxes) > 1:
        before = len(boxes)
        for i in range(len(boxes[0])):
            groups: dict = {}
            for box in boxes:
                groups.setdefault(box[:i] + box[i + 1:], []).append(box[i])
            if len(groups) == len(boxes):
                continue
            boxes = []
            for rest, spans in groups.items():
                spans.sort()
                lo, hi = spans[0]
                for a, b in spans[1:]:
                    if a <= hi + 1:
                        hi = max(hi, b)
                    else:
                        boxes.append(rest[:i] + ((lo, hi),) + rest[i:])
                        lo, hi = a, b
                boxes.append(rest[:i] + ((lo, hi),) + rest[i:])
        boxes = _antichain(boxes)
        if len(boxes) == before:
            break
    return boxes


def _hulls(boxes: list, limit: int) -> list:
    """At most `limit` boxes covering these (neighbours in sorted order joined): larger, so the
    union only grows, and the searches that keep to it still miss nothing."""
    boxes = sorted(boxes)
    size = -(-len(boxes) // limit)
    out = []
    for k in range(0, len(boxes), size):
        group = boxes[k:k + size]
        out.append(tuple((min(b[i][0] for b in group), max(b[i][1] for b in group)) for i in range(len(group[0]))))
    return _antichain(out)


def _constant(node):
    try:
        value = ast.literal_eval(node)
    except ValueError:
        return None
    return value if type(value) is int else None


class Backward:
    """The backward analysis over one role's program (see the module's docstring)."""

    def __init__(self, program, sem, counters, order: dict, loop_heads: set):
        self.p, self.sem, self.order, self.loop_heads = program, sem, order, loop_heads
        self.names = tuple(sorted(counters))
        self.index = {n: i for i, n in enumerate(self.names)}
        self.top = ((-INF, INF),) * len(self.names)
        self.conditions: dict = {}        # (scene, index) -> boxes where the choice's condition holds, or None
        self.moves: dict = {}             # (scene, index) -> its steps on counters, in play's order, or None
        self.positions: dict = {}         # scene -> ((counter, position in a state's values), ...)

    # what a choice does to the counters
    def condition(self, c) -> list | None:
        key = (c.scene, c.index)
        if key not in self.conditions:
            self.conditions[key] = [self.top] if c.tree is None else self._boxes(c.tree)
        return self.conditions[key] or [self.top]          # what it cannot say, it allows

    def closed(self, scene: str) -> list:
        """Boxes covering the values where no choice of the scene is offered (all values where a
        condition is not made of comparisons of counters with constants)."""
        opens = [self.condition(c) for c in self.p.choices[scene]]
        if any(self.conditions[(c.scene, c.index)] is None for c in self.p.choices[scene]):
            return [self.top]
        return self.complement([b for o in opens for b in o])

    def _boxes(self, node) -> list | None:
        """Boxes where the expression holds, or None where it is not made of comparisons of
        counters with constants."""
        if isinstance(node, ast.BoolOp):
            parts = [self._boxes(v) for v in node.values]
            if any(p is None for p in parts):
                return None
            if isinstance(node.op, ast.Or):
                return _antichain(b for p in parts for b in p)
            out = [self.top]
            for p in parts:
                out = [m for a in out for b in p if (m := _meet(a, b)) is not None]
            return _antichain(out)
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            name, other, op = node.left, node.comparators[0], type(node.ops[0])
            if isinstance(other, ast.Name) and not isinstance(name, ast.Name):
                name, other, op = other, name, _FLIP[op]
            k = _constant(other) if isinstance(name, ast.Name) and name.id in self.index else None
            if k is None or op not in _BOUNDS:
                return None
            i = self.index[name.id]
            return [self.top[:i] + (bound,) + self.top[i + 1:] for bound in _BOUNDS[op](k)]
        return None

    def complement(self, boxes: list) -> list:
        """Boxes covering exactly the values outside every box given."""
        out = [self.top]
        for box in boxes:
            outside = []
            for i, (lo, hi) in enumerate(box):
                if lo > -INF:
                    outside.append(self.top[:i] + ((-INF, lo - 1),) + self.top[i + 1:])
                if hi < INF:
                    outside.append(self.top[:i] + ((hi + 1, INF),) + self.top[i + 1:])
            out = _antichain(m for a in out for b in outside if (m := _meet(a, b)) is not None)
        return out

    def move(self, c) -> tuple | None:
        key = (c.scene, c.index)
        if key not in self.moves:
            from .prove import _step
            steps = []
            for e in c.effects + self.p.on_enter.get(c.target, ()):
                i = self.index.get(e.parts.name)
                if i is None:
                    continue                   # not a counter: no condition the boxes express reads it
                step = _step(e.tree)
                value = _constant(e.tree.value) if step == ("set",) else None
                if step is None or (step == ("set",) and value is None):
                    steps.append((i, None, None))          # anything may come before
                elif step == ("set",):
                    steps.append((i, "set", value))
                else:
                    steps.append((i, step, None))          # (least, most) added: dice give a range
            self.moves[key] = tuple(steps)
        return self.moves[key]

    @staticmethod
    def before(steps, box) -> tuple | None:
        """The values before `steps` from which they may end in `box` (exactly those, but where a
        step is not a constant one)."""
        box = list(box)
        for i, step, value in reversed(steps):
            lo, hi = box[i]
            if step == "set":
                if not lo <= value <= hi:
                    return None
                box[i] = (-INF, INF)
            elif step is None:
                box[i] = (-INF, INF)
            else:
                box[i] = (lo - step[1], hi - step[0])
        return tuple(box)

    def holds(self, scene: str, state: tuple, boxes: list) -> bool:
        positions = self.positions.get(scene)
        if positions is None:
            names = self.sem.shapes[scene][0]
            positions = self.positions[scene] = tuple((self.index[n], k) for k, n in enumerate(names)
                                                      if n in self.index)
        values = state[1]
        for box in boxes:
            for i, k in positions:
                lo, hi = box[i]
                if not lo <= values[k] <= hi:
                    break
            else:
                return True
        return False

    def solve(self, target: str, goal: list, known: dict, starts: list, attempt, deadline: float) -> str | None:
        """"witnessed", "refuted" or None (no answer within the deadline, or a loop on the way).
        goal: the boxes at target; known: scene -> states the search knows there; starts: the start
        states; attempt(state, boxes, budget): a depth-first search from state that keeps to the
        boxes, "found", "exhausted" or "budget".

        Scenes are taken from the target back, latest first in the abstraction's reverse postorder,
        so that each comes after every scene it leads to; a scene whose boxes are empty leads
        nowhere, and its predecessors are not asked about it. A known state inside its scene's boxes
        is tried at once. A refutation needs no loop among the scenes taken (a loop head)."""
        order, preds, choices = self.order, self.p.preds, self.p.choices
        boxes = {target: goal} if goal else {}
        heap, queued, exact, taken = [(-order[target], target)], {target}, True, 0
        while heap:
            _, s = heapq.heappop(heap)
            taken += 1
            if s in self.loop_heads:
                exact = False                  # a loop here: the boxes below may miss ways round it
            if s != target:
                found = []
                for c in choices[s]:
                    after = boxes.get(c.target)
                    if not after:
                        continue
                    steps, cond = self.move(c), self.condition(c)
                    for box in after:
                        pre = self.before(steps, box)
                        if pre is not None:
                            found.extend(m for b in cond if (m := _meet(pre, b)) is not None)
                if not found:
                    continue
                boxes[s] = _union(found)
                if len(boxes[s]) > MAX_BOXES:
                    boxes[s] = _hulls(boxes[s], MAX_BOXES)
            here = boxes.get(s)
            if not here:
                continue                       # the goal itself is empty: nothing gets there
            for state in known.get(s, ()):
                if self.holds(s, state, here) and attempt(state, boxes, TRY_BUDGET) == "found":
                    return "witnessed"
            for p in preds[s]:
                if p not in queued and p in order:
                    queued.add(p)
                    heapq.heappush(heap, (-order[p], p))
            if taken % 64 == 0 and time.perf_counter() > deadline:
                return None
        inside = [st for st in starts if st[0] in boxes and self.holds(st[0], st, boxes[st[0]])]
        tries = [attempt(st, boxes, START_BUDGET) for st in inside]
        if "found" in tries:
            return "witnessed"
        return "refuted" if exact and all(t == "exhausted" for t in tries) else None

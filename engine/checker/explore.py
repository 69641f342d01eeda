"""Exploration: exhaustive search of a role's reachable play states, and seeded random playthroughs.

A play state is (scene, variables, visit counts, once-only choices taken, and the turn where play
depends on it); visit counts that no expression reads are left out, and counts above VISIT_CAP are
treated as equal. (Until 2026-11-23 the whole choice log was part of a state, so no two paths to
a scene ever met and the search grew with the number of paths, not of states.) States at scenes
seen least often are expanded first, so a search cut short by its budget has still spread across the
story; only a complete search can prove a scene or ending unreachable. The search is breadth
first, deduplicated, and bounded by a state budget and a time budget, both reported. `roll()` is
resolved with the player's seed, as in play, so exploration covers one seed's dice; a role whose
expressions roll dice keeps the turn in its states, since the dice depend on it.
"""
from __future__ import annotations

import ast
import heapq
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field

from ..runtime import Game, GameState


@dataclass
class RoleExploration:
    role: str
    states: int = 0
    complete: bool = True
    seconds: float = 0.0
    scenes_seen: set[str] = field(default_factory=set)
    endings_seen: set[str] = field(default_factory=set)
    soft_locks: list[str] = field(default_factory=list)      # scene ids where nothing is open
    # For each soft-locked scene, the choice numbers a player types (seed 0) to get there first.
    soft_lock_paths: dict[str, list[int]] = field(default_factory=dict)
    values: dict[str, set] = field(default_factory=dict)      # each variable's observed values
    choice_truth: dict[tuple[str, int], set[bool]] = field(default_factory=dict)


VISIT_CAP = 5


def _watched_scenes(story) -> frozenset[str]:
    """Scenes whose visit counts some expression reads; other visit counts cannot change play."""
    names: set[str] = set()
    for scene in story.scenes.values():
        for item in scene.expressions():
            names.update(item.info.scenes)
    return frozenset(names)


_TURN = re.compile(r"\bturn\b|\broll\s*\(")


def _reads_turn(story, role: str) -> bool:
    """Whether play may depend on the turn: an expression in a scene the role can reach reads
    `turn`, or rolls dice (a step's dice are seeded by the player's seed and the turn, so the same
    state reached at two turns rolls differently). Then the turn is part of a state's identity, and
    the search is exact for the player's seed. Reach is followed through every choice, conditions
    aside, into any role's scenes: a role's choices may lead into another role's scenes."""
    start = story.roles[role].start if role in story.roles else None
    reach, todo = set(), [start] if start in story.scenes else []
    while todo:
        scene_id = todo.pop()
        if scene_id in reach:
            continue
        reach.add(scene_id)
        scene = story.scenes[scene_id]
        if any(_TURN.search(item.info.source) for item in scene.expressions()):
            return True
        todo.extend(c.target for c in scene.choices if c.target in story.scenes and c.target not in reach)
    return False


def _once_only(story) -> frozenset[tuple[str, int]]:
    """(scene, choice index) of every once-only choice: the only entries of the choice log that
    can change what is offered later."""
    return frozenset((scene.id, choice.index) for scene in story.scenes.values()
                     for choice in scene.choices if choice.once)


def _key(state: GameState, watched: frozenset[str], with_turn: bool = False,
         once_only: frozenset[tuple[str, int]] | None = None) -> tuple:
    # Visit counts above VISIT_CAP are treated as equal, so loops do not make the space infinite.
    visits = tuple(sorted((s, min(n, VISIT_CAP)) for s, n in state.visits.items() if s in watched))
    taken = set(state.log) if once_only is None else once_only.intersection(state.log)
    return (state.scene, tuple(sorted(state.variables.items())), visits, tuple(sorted(taken)),
            state.turn if with_turn else 0)


def _kept(state: GameState, watched: frozenset[str], once_only: frozenset[tuple[str, int]]) -> GameState:
    """A copy of a state to wait in the frontier, without what cannot change play from here: visit
    counts no expression reads and log entries of choices that are not once-only. (Both grow with
    the path; kept whole, a budgeted search of the 10,000-scene benchmark story held 726 MiB.)"""
    kept = state.copy()
    kept.visits = {scene: n for scene, n in kept.visits.items() if scene in watched}
    kept.log = [entry for entry in kept.log if entry in once_only]
    return kept


class _Frontier:
    """The states waiting to be expanded. The next is the one whose scene has been expanded least
    so far, then the earliest turn, then the first queued: one heap of waiting states per scene,
    and one heap of scenes keyed by (times expanded, their first state's turn and order), whose
    stale entries are skipped. (A single heap of states re-queued whenever their scene's count had
    grown gave the same order, but went round the same states millions of times: 15 million heap
    operations for 10,000 states.)"""

    def __init__(self):
        self.waiting: dict[str, list] = {}     # scene -> heap of (turn, order, state)
        self.scenes: list = []                 # heap of (expanded, turn, order, scene)
        self.expanded: Counter = Counter()
        self.count = 0                         # states waiting
        self.order = 0

    def __bool__(self) -> bool:
        return self.count > 0

    def push(self, entry: tuple[GameState, tuple]) -> None:
        """Queue (state, its key)."""
        state = entry[0]
        self.order += 1
        self.count += 1
        heap = self.waiting.setdefault(state.scene, [])
        heapq.heappush(heap, (state.turn, self.order, entry))
        if heap[0][1] == self.order:           # a new first state for its scene
            heapq.heappush(self.scenes, (self.expanded[state.scene], state.turn, self.order, state.scene))

    def pop(self) -> tuple[GameState, tuple]:
        while True:
            expanded, _, order, scene = heapq.heappop(self.scenes)
            heap = self.waiting.get(scene)
            if heap and heap[0][1] == order and self.expanded[scene] == expanded:
                break
        _, _, state = heapq.heappop(heap)
        self.count -= 1
        self.expanded[scene] += 1
        if heap:
            heapq.heappush(self.scenes, (self.expanded[scene], heap[0][0], heap[0][1], scene))
        return state


def _path_to(came_from: dict, key: tuple) -> list[int]:
    numbers = []
    while came_from.get(key) is not None:
        key, number = came_from[key]
        numbers.append(number)
    return numbers[::-1]


def replay_hint(role: str, seed: int, numbers: list[int], story_arg: str = "") -> str:
    """The command that plays these choice numbers with this seed (as --prove gives its witnesses)."""
    moves = "".join(f"{n}\\n" for n in numbers)
    return (f"printf '{moves}' | petrograd play --text --role {role} --seed {seed}"
            + (f" {story_arg}" if story_arg else ""))


def explore_role(game: Game, role: str, max_states: int = 50_000, max_seconds: float = 20.0) -> RoleExploration:
    story = game.story
    report = RoleExploration(role)
    started = time.perf_counter()
    player = game.new_player(role, seed=0)
    start = player.state.copy()
    watched = _watched_scenes(story)
    with_turn = _reads_turn(story, role)
    once_only = _once_only(story)
    start_key = _key(start, watched, with_turn, once_only)
    seen = {start_key}
    # How each state was first reached: its key -> (the key it came from, the number typed there),
    # so a soft-lock can be given with the choices that reproduce it.
    came_from: dict[tuple, tuple] = {start_key: None}
    frontier = _Frontier()
    frontier.push((start, start_key))
    while frontier:
        if len(seen) > max_states or time.perf_counter() - started > max_seconds:
            report.complete = False
            break
        state, state_key = frontier.pop()
        report.states += 1
        for name, value in state.variables.items():
            report.values.setdefault(name, set()).add(value)
        scene = story.scenes[state.scene]
        report.scenes_seen.add(scene.id)
        if scene.is_ending:
            report.endings_seen.add(scene.id)
            continue
        player.restore(state.copy())
        open_choices = []
        for choice in scene.choices:
            ok = player.choice_available(scene.id, choice)
            if choice.condition is not None:
                report.choice_truth.setdefault((scene.id, choice.index), set()).add(bool(choice.condition(state)))
            if ok:
                open_choices.append(choice.index)
        if not open_choices:
            report.soft_locks.append(scene.id)
            if scene.id not in report.soft_lock_paths:
                report.soft_lock_paths[scene.id] = _path_to(came_from, state_key)
            continue
        for number, index in enumerate(open_choices, start=1):
            player.restore(state.copy())
            player.choose(index)
            nxt = player.state
            key = _key(nxt, watched, with_turn, once_only)
            if key not in seen:
                seen.add(key)
                came_from[key] = (state_key, number)
                frontier.push((_kept(nxt, watched, once_only), key))
    player.close()
    report.seconds = time.perf_counter() - started
    return report


def voted_variables(story) -> frozenset[str]:
    """Variables that only a classroom session's votes set (assembly outcomes and on_vote effects; no
    scene's effect writes them). Solo play and exploration never change them, so what depends on them
    happens only after a class vote."""
    names: set[str] = set()
    for assembly in story.assemblies:
        for motion in assembly.motions:
            for by_role in motion.effect_blocks():
                for effects in by_role.values():
                    names.update(w for e in effects for w in e.info.writes)
        for participant in assembly.participants:
            for effects in participant.on_vote.values():
                names.update(w for e in effects for w in e.info.writes)
    for scene in story.scenes.values():
        for item in scene.expressions():
            names.difference_update(item.info.writes)
    return frozenset(names)


def _needs_a_vote(node, story, voted: frozenset[str]) -> bool:
    """Whether a condition can hold only once a class vote has moved a variable off its default: it
    requires `voted_variable == "value"` (value not the default) or a voted flag that starts false,
    directly or in every branch."""
    if isinstance(node, ast.Expression):
        return _needs_a_vote(node.body, story, voted)
    if isinstance(node, ast.BoolOp):
        parts = [_needs_a_vote(v, story, voted) for v in node.values]
        return any(parts) if isinstance(node.op, ast.And) else all(parts)
    if isinstance(node, ast.Name) and node.id in voted:
        return not story.variables[node.id].default      # a flag only a vote raises
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
        left, right = node.left, node.comparators[0]
        if isinstance(right, ast.Name):
            left, right = right, left
        if isinstance(left, ast.Name) and left.id in voted and isinstance(right, ast.Constant):
            default = story.variables[left.id].default
            # `v == x` with x not the default, or `v != default`: false while v keeps its default.
            return right.value != default if isinstance(node.ops[0], ast.Eq) else right.value == default
    return False


def vote_only_scenes(story, voted: frozenset[str]) -> frozenset[str]:
    """Scenes every way into which is a choice offered only after a class vote (see _needs_a_vote)."""
    into: dict[str, list] = {}
    for scene in story.scenes.values():
        for choice in scene.choices:
            into.setdefault(choice.target, []).append(choice)

    source_of = {id(c): scene.id for scene in story.scenes.values() for c in scene.choices}
    found: set[str] = set()
    while True:     # and, in turn, scenes every way into which starts in such a scene
        more = {sid for sid, choices in into.items() if sid not in found
                and all(choice_needs_a_vote(story, c, voted) or source_of[id(c)] in found for c in choices)}
        if not more:
            return frozenset(found)
        found |= more


def choice_needs_a_vote(story, choice, voted: frozenset[str]) -> bool:
    """Whether a choice is offered only once a class vote has set a variable (see _needs_a_vote)."""
    return condition_needs_a_vote(story, choice.condition, voted)


def condition_needs_a_vote(story, condition, voted: frozenset[str]) -> bool:
    if condition is None or not condition.info.reads & voted:
        return False
    return _needs_a_vote(ast.parse(condition.info.source, mode="eval"), story, voted)


def explore_report(game: Game, roles: list[str], max_states: int, max_seconds: float, story_arg: str = "",
                   results: list | None = None) -> tuple[list[str], bool]:
    """Human-readable lines and whether the story failed (a soft-lock or an unreachable ending). What
    only a class vote opens (see voted_variables) is listed as such, not as unreachable. Each role's
    findings are appended to `results` as plain data (for `check --json`)."""
    story = game.story
    lines: list[str] = []
    failed = False
    all_values: dict[str, set] = {}
    voted = voted_variables(story)
    after_vote = vote_only_scenes(story, voted)
    for role in roles:
        r = explore_role(game, role, max_states, max_seconds)
        own = {s.id for s in story.scenes_of(role)}
        endings = {s for s in own if story.scenes[s].is_ending}
        status = "complete" if r.complete else "stopped at the budget"
        lines.append(f"role {role}: {r.states:,} states in {r.seconds:.2f}s ({status}; budget {max_states:,} states, {max_seconds:g}s)")
        lines.append(f"  scenes reached: {len(r.scenes_seen & own)}/{len(own)}; endings reached: {len(r.endings_seen & endings)}/{len(endings)}")
        for sid in sorted((own & after_vote) - r.scenes_seen):
            lines.append(f"  reached only after a class vote: {sid}")
        own -= after_vote
        endings -= after_vote
        for sid in sorted(own - r.scenes_seen):
            lines.append(f"  unreachable scene: {sid}" + ("" if r.complete else " (within the budget)"))
        for sid in sorted(endings - r.endings_seen):
            if r.complete:
                lines.append(f"  unreachable ending: {sid}")
                failed = True
            else:
                lines.append(f"  ending not reached within the budget: {sid}")
        soft_locks = []
        for sid in sorted(set(r.soft_locks)):
            path = r.soft_lock_paths.get(sid, [])
            where = story.scenes[sid].span
            lines.append(f"  SOFT-LOCK: in scene {sid} every choice is closed ({where.path}:{where.line})")
            lines.append(f"    replay: {replay_hint(role, 0, path, story_arg)}")
            soft_locks.append({"scene": sid, "path": where.path, "line": where.line, "seed": 0, "choices": path,
                               "replay": replay_hint(role, 0, path, story_arg)})
            failed = True
        if results is not None:
            results.append({"role": role, "states": r.states, "seconds": round(r.seconds, 3), "complete": r.complete,
                            "scenes_reached": sorted(r.scenes_seen & own), "endings_reached": sorted(r.endings_seen & endings),
                            "unreachable_scenes": sorted(own - r.scenes_seen),
                            "unreachable_endings": sorted(endings - r.endings_seen), "soft_locks": soft_locks})
        by_vote = 0
        for (sid, index), truth in sorted(r.choice_truth.items()):
            if story.scenes[sid].choices[index].condition.info.reads & voted:
                by_vote += 1
            elif len(truth) == 1:
                lines.append(f"  condition always {str(truth.pop()).lower()}: scene {sid}, choice {index + 1} "
                             f"({story.scenes[sid].choices[index].condition.info.source})")
        if by_vote:
            lines.append(f"  choices whose condition reads a class vote (not explored; the vote is cast in class): {by_vote}")
        for name, values in r.values.items():
            all_values.setdefault(name, set()).update(values)
    lines.append("variables:")
    for name, var in story.variables.items():
        values = all_values.get(name, set())
        if not values:
            continue
        if name in voted and values == {var.default}:
            lines.append(f"  {name}: set only by a class vote ({var.default!r} in solo play)")
        elif len(values) == 1:
            lines.append(f"  {name}: never leaves its default ({var.default!r})")
        elif var.type == "int":
            lines.append(f"  {name}: {min(values)}..{max(values)} (declared {var.min}..{var.max})")
        else:
            lines.append(f"  {name}: " + ", ".join(sorted(map(str, values))))
    return lines, failed


def _stuck(story, role: str, scene_id: str, seed: int, typed: list[int], why: str) -> dict:
    span = story.scenes[scene_id].span
    return {"scene": scene_id, "path": span.path, "line": span.line, "why": why, "seed": seed,
            "choices": list(typed), "replay": replay_hint(role, seed, typed)}


def random_playthroughs(game: Game, role: str, runs: int, seed: int, max_steps: int = 500) -> dict:
    """ChoiceScript-style randomtest: seeded random play, with coverage and the endings reached."""
    story = game.story
    rng = random.Random(seed)
    endings: Counter = Counter()
    scenes: set[str] = set()
    choices: set[tuple[str, int]] = set()
    stuck = 0
    stuck_runs: list[dict] = []      # each: the scene, its file:line, the seed and the numbers typed
    for run in range(runs):
        run_seed = rng.randrange(2**31)
        player = game.new_player(role, run_seed)
        typed: list[int] = []
        for _ in range(max_steps):
            scenes.add(player.state.scene)
            frame = player.frame()
            if frame.is_ending:
                endings[frame.scene_id] += 1
                break
            if not frame.choices:
                stuck += 1
                stuck_runs.append(_stuck(story, role, frame.scene_id, run_seed, typed, "every choice is closed"))
                break
            pick = rng.choice(frame.choices)
            choices.add((frame.scene_id, pick.index))
            typed.append(pick.number)
            player.choose(pick.index)
        else:
            stuck += 1
            stuck_runs.append(_stuck(story, role, player.state.scene, run_seed, typed,
                                     f"no ending after {max_steps} choices"))
        player.close()
    own = story.scenes_of(role)
    total_choices = sum(len(s.choices) for s in own)
    return {
        "runs": runs, "endings": dict(endings), "stuck": stuck, "stuck_runs": stuck_runs,
        "scene_coverage": (len(scenes), len(own)),
        "choice_coverage": (len(choices), total_choices),
    }

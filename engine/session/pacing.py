"""Pacing for a class on devices: which scenes of each group's historical path to play in full.

Groups play at the same time, so the lesson's length is set by the slowest chain of scenes between
assemblies, not by the sum of every group's scenes as at one projector. `pace` simulates that clock
(each group reads and decides at the story's reading rate; an assembly starts when the groups whose
story passes its hour have reached it, and holds every group it concerns), then narrates the least
important scenes on the critical path until the lesson fits. Scenes that leave history, endings and
each role's first scene are always played.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Story
from .planner import Plan, assembly_minutes, classroom_of, played_minutes, scene_stamp, voted_in_class


@dataclass
class Pace:
    play: dict[str, list[str]]         # role -> scenes of its historical path played in full
    minutes: float                     # the simulated lesson, debrief included
    decisions: dict[str, int]          # role -> private decisions the plan leaves the group
    narrated: dict[str, int]           # role -> scenes narrated along its path
    assemblies: list[str] = field(default_factory=list)     # the assemblies kept
    dropped: list[str] = field(default_factory=list)        # left out so every group has decisions to make


def concerned(story: Story, assembly, roles) -> set[str]:
    out = {p.role for p in assembly.participants}
    for m in assembly.motions:
        for effects in m.effect_blocks():
            out |= set(effects)
    return out & set(roles)


def simulate(story: Story, plan: Plan, play: dict[str, set[str]]) -> tuple[float, dict[str, float], set[str]]:
    """Minutes from the start to the last group's ending (without the debrief), each group's finish, and
    the groups on the critical chain (those whose reading the lesson waited for)."""
    roles = [g.role for g in plan.groups if g.role in story.roles]
    starts = {r: scene_stamp(story.scenes[story.roles[r].start]) for r in roles}
    paths = {r: [s for s in plan.path.get(r, []) if s in story.scenes] for r in roles}
    pos = {r: 0 for r in roles}
    t = {r: 0.0 for r in roles}
    assemblies = sorted((story_assembly(story, a) for a in plan.assemblies if story_assembly(story, a)),
                        key=lambda a: a.stamp)
    gating = [(a, concerned(story, a, roles)) for a in assemblies]

    def cost(r, sid):
        scene = story.scenes[sid]
        return played_minutes(story, scene) if sid in play[r] else 0.05

    def next_gate(r, after: int) -> str:
        for a, conc in gating[after:]:
            if r in conc and starts[r] < a.stamp:
                return a.stamp
        return "9999"

    def advance(r, limit_stamp: str, until_time: float | None = None):
        while pos[r] < len(paths[r]):
            sid = paths[r][pos[r]]
            if scene_stamp(story.scenes[sid]) >= limit_stamp or story.scenes[sid].is_ending and limit_stamp != "9999":
                return
            if until_time is not None and t[r] >= until_time:
                return
            t[r] += cost(r, sid)
            pos[r] += 1

    free_at = 0.0
    chain: set[str] = set()          # who set the start of the assembly that ended last
    for i, (a, conc) in enumerate(gating):
        gated = {r for r in conc if starts[r] < a.stamp}
        for r in gated:
            advance(r, a.stamp)
        start = max([free_at] + [t[r] for r in gated])
        if gated and max(t[r] for r in gated) >= free_at:
            chain = chain | {max(gated, key=lambda r: t[r])}
        for r in conc - gated:
            advance(r, next_gate(r, i), until_time=start)
        end = start + assembly_minutes(a, roles)
        for r in conc:
            t[r] = end + max(0.0, t[r] - start)
        free_at = end
    for r in roles:
        while pos[r] < len(paths[r]):
            t[r] += cost(r, paths[r][pos[r]])
            pos[r] += 1
    total = max([free_at] + list(t.values()))
    last = max(t, key=lambda r: t[r]) if t else None
    return total, dict(t), chain | ({last} if last else set())


def story_assembly(story: Story, aid: str):
    return next((a for a in story.assemblies if a.id == aid), None)


MIN_DECISIONS = 8


def pace(story: Story, plan: Plan) -> Pace:
    """Pace the plan; while some group would make fewer than MIN_DECISIONS private decisions, leave out
    the least important assembly (the story's `priority`, then optional ones first) and pace again."""
    result = _pace(story, plan)
    dropped: list[str] = []
    while min(result.decisions.values(), default=MIN_DECISIONS) < MIN_DECISIONS and any(result.narrated.values()):
        droppable = sorted((a for a in (story_assembly(story, x) for x in plan.assemblies) if a is not None and a.priority > 1),
                           key=lambda a: (-a.priority, not a.optional, a.stamp))
        for drop in droppable:        # the least important first; keep the first that helps the busiest group
            trial_plan = Plan.from_dict({**plan.to_dict(), "assemblies": [x for x in plan.assemblies if x != drop.id]})
            trial = _pace(story, trial_plan)
            if min(trial.decisions.values()) > min(result.decisions.values()):
                plan, result = trial_plan, trial
                dropped.append(drop.id)
                break
        else:
            break
    result.assemblies = list(plan.assemblies)
    result.dropped = dropped
    return result


def _needs_a_vote(story, condition, voted) -> bool:
    from ..checker.explore import condition_needs_a_vote
    return condition_needs_a_vote(story, condition, voted)


def _pace(story: Story, plan: Plan) -> Pace:
    roles = [g.role for g in plan.groups if g.role in story.roles]
    budget = plan.total_minutes - plan.debrief_minutes
    paths = {r: [s for s in plan.path.get(r, []) if s in story.scenes] for r in roles}
    play = {r: set(paths[r]) for r in roles}
    keys = {r: set(classroom_of(story).roles[r].key_scenes) if r in classroom_of(story).roles else set() for r in roles}

    def rank(r, index, sid):
        scene = story.scenes[sid]
        voted = voted_in_class(story)
        if index == 0 or scene.is_ending or any(ch.counterfactual and not _needs_a_vote(story, ch.condition, voted)
                                                for ch in scene.choices):
            return None                   # always played: where a group can leave history, it decides
        return (sid in keys[r], len(scene.choices), -played_minutes(story, scene), index)

    def rank_choosy(r, index, sid):
        """Scenes where a group can leave history, for a group with decisions to spare: a group the
        whole class waits for gives some up rather than leave the others with nothing to decide."""
        scene = story.scenes[sid]
        if index == 0 or scene.is_ending or rank(r, index, sid) is not None:
            return None
        return (sid in keys[r], -played_minutes(story, scene), index)

    candidates = sorted(((rank(r, i, sid), r, sid) for r in roles for i, sid in enumerate(paths[r])
                         if rank(r, i, sid) is not None), key=lambda c: c[0])
    total, _, critical = simulate(story, plan, play)
    tried: set[tuple[str, str]] = set()
    # First a group the class waits for that has decisions to spare gives some, even where it could leave
    # history; then the usual order, so no group is left with nothing to decide.
    def spare(r):
        return sum(1 for s in paths[r] if s in play[r] and story.scenes[s].choices) > 2 * MIN_DECISIONS
    choosy = sorted(((rank_choosy(r, i, sid), r, sid) for r in roles for i, sid in enumerate(paths[r])
                     if rank_choosy(r, i, sid) is not None), key=lambda c: c[0])
    total, critical = _narrate(story, plan, play, candidates + choosy, critical, tried, total, budget, spare)
    total, critical = _narrate(story, plan, play, candidates, critical, set(), total, budget)
    decisions = {r: sum(1 for s in paths[r] if s in play[r] and story.scenes[s].choices) for r in roles}
    return Pace(play={r: [s for s in paths[r] if s in play[r]] for r in roles},
                minutes=round(total + plan.debrief_minutes, 1), decisions=decisions,
                narrated={r: len(paths[r]) - len(play[r]) for r in roles})


def _narrate(story, plan, play, candidates, critical, tried, total, budget, may_give=lambda r: True):
    while total > budget:
        # Narrate the least important scene of a group the lesson is waiting for; keep it narrated
        # unless that made the lesson longer.
        # The group with the most scenes left gives first, so every group keeps decisions to make.
        open_ = [(r, sid) for _, r, sid in candidates
                 if r in critical and sid in play[r] and (r, sid) not in tried and may_give(r)]
        if open_:
            most = max({r for r, _ in open_}, key=lambda r: (len(play[r]), r))
            open_ = [c for c in open_ if c[0] == most]
        pick = open_[0] if open_ else None
        if pick is None:
            break
        r, sid = pick
        tried.add(pick)
        play[r].discard(sid)
        trial, trial_finish, trial_critical = simulate(story, plan, play)
        if trial <= total + 1e-9:
            total, critical = trial, trial_critical
        else:
            play[r].add(sid)
    return total, critical

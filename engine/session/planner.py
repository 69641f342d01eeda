"""The session planner: who plays what, and which scenes fit into the lesson time.

Timings come from the story data, never from guesses in code:

- a scene takes its authored `minutes:` if it has them, else its word count divided by the story's
  reading rate (`classroom: reading_rate:`, 180 words a minute by default: a class reading a projected
  text together), plus `decision_minutes` when the group has a choice to discuss;
- an assembly takes its authored `minutes:`, else 1 minute + 0.75 per speaking group + 1.5 per motion;
- every change of group at the keyboard costs `handoff_minutes`;
- the debrief takes at least `debrief_minutes` (8 by default) or a tenth of the lesson, whichever is more.

Hotseat play is sequential, so a class cannot read every scene of six roles in two lessons. Each role
follows its *historical path* (the choices that do not leave history); the planner picks the scenes of
that path to play in full (the role's first scene and ending, `key_scenes:` from the classroom brief,
then scenes that offer a choice leaving history, then other decisions), round-robin between roles while
the time lasts. The other scenes are *narrated*: the story takes the historical choice for the group and
tells them in one line. A group that leaves history plays every scene off the historical path in full.
"""
from __future__ import annotations

from collections import deque
from dataclasses import asdict, dataclass, field

from ..i18n.words import _
from ..model import DEFAULT_CLASSROOM, Assembly, Classroom, Scene, Story

MIN_STUDENTS, MAX_STUDENTS = 6, 36
PERIOD_CHOICES = (40, 45, 50, 90)
SPEAKER_MINUTES, MOTION_MINUTES, ASSEMBLY_BASE_MINUTES = 0.75, 1.5, 1.0
MAX_GROUP = 6
MAX_GROUPS = 10       # groups one teacher can run (and a projector can list) at once


class PlanError(ValueError):
    """The class or the time cannot be planned (the message says why)."""


def classroom_of(story: Story) -> Classroom:
    return story.classroom or DEFAULT_CLASSROOM


def scene_minutes(story: Story, scene: Scene) -> float:
    """Reading time of a scene: authored minutes, else the words a group will meet at the story's
    reading rate. A scene's word count includes every variant of its text, so a paragraph that only a
    class vote shows counts its `else` text, and other conditional paragraphs their longer side."""
    if scene.minutes is not None:
        return float(scene.minutes)
    words = _for(story)["words"].get(scene.id)
    if words is None:
        from ..checker.explore import condition_needs_a_vote
        from ..markup import word_count
        voted = voted_in_class(story)
        words = scene.words         # every variant counted: take away what a group will not read
        for block in scene.text:
            if block.condition is None:
                continue
            if condition_needs_a_vote(story, block.condition, voted):
                words -= word_count(block.text)
            else:
                words -= min(word_count(block.text), word_count(block.otherwise))
        _for(story)["words"][scene.id] = words
    return words / classroom_of(story).reading_rate


_CACHE: dict = {"story": None}


def _for(story: Story) -> dict:
    """What is worked out once per loaded story (held with the story itself, so a later story that
    happens to reuse its memory address never reads the earlier one's figures)."""
    if _CACHE["story"] is not story:
        from ..checker.explore import voted_variables
        _CACHE.clear()
        _CACHE.update(story=story, voted=voted_variables(story), words={})
    return _CACHE


def voted_in_class(story: Story) -> frozenset:
    """Variables only a class vote sets."""
    return _for(story)["voted"]


def played_minutes(story: Story, scene: Scene) -> float:
    c = classroom_of(story)
    return scene_minutes(story, scene) + (c.decision_minutes if scene.choices else 0.0)


def assembly_minutes(assembly: Assembly, cast_roles) -> float:
    if assembly.minutes is not None:
        return float(assembly.minutes)
    speakers = sum(1 for p in assembly.participants if p.role in cast_roles)
    return ASSEMBLY_BASE_MINUTES + SPEAKER_MINUTES * speakers + MOTION_MINUTES * len(assembly.motions)


def scene_stamp(scene: Scene) -> str:
    return f"{scene.date} {scene.time.zfill(5)}"


# -- the historical path ----------------------------------------------------------------------------
def historical_reach(story: Story) -> set[str]:
    """Scenes from which a historical ending can be reached by choices that do not leave history."""
    incoming: dict[str, list[str]] = {sid: [] for sid in story.scenes}
    for scene in story.scenes.values():
        if scene.counterfactual:
            continue
        for choice in scene.choices:
            target = story.scenes.get(choice.target)
            if target is not None and not choice.counterfactual and not target.counterfactual:
                incoming[target.id].append(scene.id)
    good = {sid for sid, s in story.scenes.items() if s.ending and s.ending.historical}
    queue = deque(good)
    while queue:
        for source in incoming[queue.popleft()]:
            if source not in good:
                good.add(source)
                queue.append(source)
    return good


def historical_choice(player, reach: set[str]):
    """The choice that follows history best among those open now (None at an ending or a dead end)."""
    story = player.story
    available = player.available()
    if not available:
        return None

    def rank(choice) -> int:
        target = story.scenes.get(choice.target)
        cf_target = target is None or target.counterfactual
        if not choice.counterfactual and not cf_target and choice.target in reach:
            return 0
        if not choice.counterfactual and not cf_target:
            return 1
        if not choice.counterfactual:
            return 2
        return 3
    return min(available, key=lambda c: (rank(c), c.index))


def historical_path(story: Story, game, role: str, reach: set[str] | None = None, budget: int = 20_000,
                    start=None, greedy: bool = True) -> list[str]:
    """The scene ids of `historical_route`."""
    return [sid for sid, _unused in historical_route(story, game, role, reach, budget, start, greedy)]


_ROUTES: dict[tuple[str, str, int, bool], list[tuple[str, int]]] = {}


def _copy(state):
    from ..runtime import GameState
    return GameState(state.role, state.scene, state.seed, dict(state.variables), dict(state.visits), state.turn,
                     list(state.log))


def historical_route(story: Story, game, role: str, reach: set[str] | None = None, budget: int = 20_000,
                     start=None, greedy: bool = True) -> list[tuple[str, int]]:
    """Cached for a role's start (the same story content always gives the same route)."""
    if start is not None:
        return _search_route(story, game, role, reach, budget, start, greedy)
    key = (story.content_hash, role, budget, greedy)
    if key not in _ROUTES:
        _ROUTES[key] = _search_route(story, game, role, reach, budget, None, greedy)
    return list(_ROUTES[key])


def _search_route(story: Story, game, role: str, reach: set[str] | None, budget: int, start,
                  greedy: bool) -> list[tuple[str, int]]:
    """The way a role goes when every choice follows history, as (scene id, choice index taken) pairs
    (-1 at the end): a depth-first search over play states for a historical ending reached by choices and
    scenes that do not leave history (best-ranked choices first), from the role's start or from the
    GameState `start`. If none is found within the budget: the greedy walk, or [] with greedy=False."""
    reach = historical_reach(story) if reach is None else reach
    player = game.new_player(role, seed=0)
    first = _copy(start) if start is not None else _copy(player.state)
    try:
        stack: list[tuple] = [(first, [])]
        seen: set = set()
        while stack and len(seen) < budget:
            state, route = stack.pop()
            player.restore(_copy(state))
            scene = player.scene
            if scene.is_ending:
                if scene.ending.historical:
                    return route + [(scene.id, -1)]
                continue
            key = (scene.id, tuple(sorted(state.variables.items())), tuple(sorted(state.visits.items())))
            if key in seen:
                continue
            seen.add(key)
            options = []
            for choice in player.available():
                target = story.scenes.get(choice.target)
                if choice.counterfactual or target is None or target.counterfactual:
                    continue
                options.append((0 if choice.target in reach else 1, choice.index))
            for _unused, index in sorted(options, reverse=True):   # the best option is pushed last, popped first
                player.restore(_copy(state))
                player.choose(index)
                stack.append((_copy(player.state), route + [(scene.id, index)]))
        if not greedy:
            return []
        player.restore(_copy(first))     # no historical ending found: walk greedily
        route = []
        for _unused in range(300):
            choice = historical_choice(player, reach)
            if choice is None:
                break
            route.append((player.state.scene, choice.index))
            player.choose(choice.index)
            if player.scene.is_ending:
                break
        return route + [(player.state.scene, -1)]
    finally:
        player.close()


def _start_state(game, role: str):
    fresh = game.new_player(role, seed=0)
    state = fresh.state.copy()
    fresh.close()
    return state


# -- the plan ------------------------------------------------------------------------------------------
@dataclass
class Group:
    role: str
    students: list[str]

    @property
    def label(self) -> str:
        return ", ".join(self.students)


@dataclass
class Item:
    kind: str            # scene | assembly | break | debrief
    role: str            # scene: the role; else ""
    id: str              # scene or assembly id; break: "period-N"
    title: str
    stamp: str           # in-story date and time
    minutes: float
    start: float = 0.0   # minutes from the start of the lesson


@dataclass
class Plan:
    students: int
    period_minutes: int
    periods: int
    groups: list[Group]
    left_out: list[str]
    assemblies: list[str]
    dropped_assemblies: list[str]
    path: dict[str, list[str]]
    play: dict[str, list[str]]
    route: dict[str, list]          # role -> [[scene, choice index], ...] along the historical path
    timeline: list[Item]
    debrief_minutes: int
    reading_rate: int
    decision_minutes: float
    handoff_minutes: float
    warnings: list[str] = field(default_factory=list)

    @property
    def total_minutes(self) -> int:
        return self.period_minutes * self.periods

    @property
    def planned_minutes(self) -> float:
        return self.timeline[-1].start + self.timeline[-1].minutes if self.timeline else 0.0

    @property
    def cast(self) -> list[str]:
        return [g.role for g in self.groups]

    def group(self, role: str) -> Group:
        return next(g for g in self.groups if g.role == role)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Plan":
        data = dict(data)
        data["groups"] = [Group(**g) for g in data["groups"]]
        data["timeline"] = [Item(**i) for i in data["timeline"]]
        return cls(**data)


def propose_cast(story: Story, students: int, names: list[str] | None = None,
                 roles: list[str] | None = None) -> tuple[list[Group], list[str]]:
    """Groups for a class: every role for 12 or more students (pairs and larger groups), fewer roles in
    pairs for a small class; the classroom `cast_order` decides which roles stay."""
    if students < 1:
        raise PlanError("a session needs at least one student")
    if names is not None and len(names) != students:
        raise PlanError(f"{len(names)} names were given for {students} students")
    order = list(classroom_of(story).cast_order) + [r for r in story.roles if r not in classroom_of(story).cast_order]
    if roles:
        unknown = [r for r in roles if r not in story.roles]
        if unknown:
            raise PlanError(f"no role {unknown[0]!r}; roles are: {', '.join(story.roles)}")
        chosen = list(dict.fromkeys(roles))
    else:
        count = len(order) if students >= 2 * len(order) else max(min(3, len(order), students), students // 2)
        chosen = order[:min(count, students, MAX_GROUPS)]
    if len(chosen) > MAX_GROUPS:
        raise PlanError(f"{len(chosen)} roles is more groups than a class can run at once; choose at most {MAX_GROUPS}")
    if len(chosen) > students:
        raise PlanError(f"{len(chosen)} roles need at least {len(chosen)} students")
    if -(-students // len(chosen)) > MAX_GROUP:
        raise PlanError(f"{students} students in {len(chosen)} roles makes groups larger than {MAX_GROUP}; add roles")
    seats = names if names is not None else [_("Seat {n}").format(n=n) for n in range(1, students + 1)]
    base, extra = divmod(students, len(chosen))
    groups, at = [], 0
    for n, role in enumerate(chosen):
        size = base + (1 if n < extra else 0)
        groups.append(Group(role, list(seats[at:at + size])))
        at += size
    return groups, [r for r in order if r not in chosen]


def make_plan(story: Story, game, students: int, period_minutes: int, periods: int,
              names: list[str] | None = None, roles: list[str] | None = None) -> Plan:
    if period_minutes <= 0 or periods <= 0:
        raise PlanError("the lesson needs at least one period of some minutes")
    c = classroom_of(story)
    groups, left_out = propose_cast(story, students, names, roles)
    cast = [g.role for g in groups]
    total = period_minutes * periods
    debrief = max(c.debrief_minutes, round(total / 10))
    warnings: list[str] = []
    if total - debrief < 20:
        raise PlanError(f"{total} minutes leave no time to play after a {debrief}-minute debrief")

    reach = historical_reach(story)
    route = {r: [list(step) for step in historical_route(story, game, r, reach)] for r in cast}
    path = {r: [sid for sid, _unused in route[r]] for r in cast}

    # Assemblies: those a cast group takes part in; optional ones and those with only stand-ins go first
    # when time is short. They may use at most 45% of the playing time.
    usable = [a for a in story.assemblies if any(p.role in cast for p in a.participants)]
    ranked = sorted(usable, key=lambda a: (a.optional, a.priority,
                                           not any(p.role in cast and not p.stand_in for p in a.participants), a.stamp))
    playing = total - debrief
    chosen_assemblies: list[Assembly] = []
    spent = 0.0
    skipped_required = False
    for a in ranked:
        m = assembly_minutes(a, cast)
        if a.optional and skipped_required:
            continue              # optional assemblies only when every other one fits
        if spent + m <= 0.45 * playing:
            chosen_assemblies.append(a)
            spent += m
        elif not a.optional:
            skipped_required = True
    dropped = [a.id for a in story.assemblies if a not in chosen_assemblies]
    if [a for a in usable if a not in chosen_assemblies]:
        warnings.append("not enough time for every assembly; left out: "
                        + ", ".join(a.title for a in usable if a not in chosen_assemblies))

    # Scene priorities along each role's historical path.
    briefs = c.roles
    candidates: dict[str, list[tuple[int, int, str]]] = {}
    for r in cast:
        ranked_scenes = []
        keys = set(briefs[r].key_scenes) if r in briefs else set()
        for pos, sid in enumerate(path[r]):
            scene = story.scenes[sid]
            if pos == 0 or scene.is_ending:
                prio = 0
            elif sid in keys:
                prio = 1
            elif any(ch.counterfactual for ch in scene.choices):
                prio = 2
            elif len(scene.choices) >= 3:
                prio = 3
            elif len(scene.choices) >= 2:
                prio = 4
            else:
                prio = 5
            ranked_scenes.append((prio, pos, sid))
        candidates[r] = sorted(ranked_scenes)

    def timeline_for(play: dict[str, set[str]]) -> list[Item]:
        events = []
        for r in cast:
            for sid in path[r]:
                if sid in play[r]:
                    s = story.scenes[sid]
                    events.append((scene_stamp(s), 0, cast.index(r), Item("scene", r, sid, s.title, scene_stamp(s),
                                                                          round(played_minutes(story, s), 2))))
        for a in chosen_assemblies:
            events.append((a.stamp, 1, 0, Item("assembly", "", a.id, a.title, a.stamp, assembly_minutes(a, cast))))
        events.sort(key=lambda e: e[:3])
        items: list[Item] = []
        clock, period, last_role = 0.0, 1, None
        for _unused1, _unused2, _unused3, item in events:
            cost = item.minutes
            if item.kind == "scene" and item.role != last_role:
                cost += c.handoff_minutes
            if period < periods and clock + cost > period * period_minutes:
                items.append(Item("break", "", f"period-{period}", _("End of period {n}").format(n=period), "", 0.0, clock))
                clock = period * period_minutes
                period += 1
                last_role = None
                cost = item.minutes + (c.handoff_minutes if item.kind == "scene" else 0.0)
            item.minutes = round(cost, 2)
            item.start = round(clock, 2)
            items.append(item)
            clock += cost
            last_role = item.role if item.kind == "scene" else None
        items.append(Item("debrief", "", "debrief", "Debrief", "", float(debrief), round(clock, 2)))
        return items

    # Every group sees its ending (the session always plays endings), so endings come first.
    play: dict[str, set[str]] = {r: {path[r][-1]} if story.scenes[path[r][-1]].is_ending else set() for r in cast}
    while chosen_assemblies and timeline_for(play)[-1].start + debrief > total + 1e-9:
        dropped_a = chosen_assemblies.pop(max(range(len(chosen_assemblies)),
                                              key=lambda i: (chosen_assemblies[i].optional, i)))
        dropped.append(dropped_a.id)
        warnings.append(f"no time for the assembly {dropped_a.title!r} beside the endings")
    queues = {r: deque(c for c in candidates[r] if c[2] not in play[r]) for r in cast}
    # Round-robin: each role takes its next most important scene while the plan still fits.
    while any(queues.values()):
        for r in cast:
            if not queues[r]:
                continue
            _unused1, _unused2, sid = queues[r].popleft()
            play[r].add(sid)
            items = timeline_for(play)
            if items[-1].start + items[-1].minutes > total + 1e-9:
                play[r].discard(sid)
                # it does not fit; a shorter, less important scene may still fit on a later round
    items = timeline_for(play)
    while items[-1].start + items[-1].minutes > total + 1e-9 and chosen_assemblies:
        dropped_a = chosen_assemblies.pop()        # even the bare minimum does not fit: drop assemblies
        dropped.append(dropped_a.id)
        warnings.append(f"dropped the assembly {dropped_a.title!r} to fit the time")
        items = timeline_for(play)
    for r in cast:
        if not play[r]:
            warnings.append(f"no time for any scene of the {story.roles[r].name}; its story is only narrated")
    if sum(len(p) for p in play.values()) < 2 * len(cast):
        warnings.append("this is a very short plan; two periods give every group real decisions")
    return Plan(
        students=students, period_minutes=period_minutes, periods=periods, groups=groups, left_out=left_out,
        assemblies=[a.id for a in sorted(chosen_assemblies, key=lambda a: a.stamp)], dropped_assemblies=dropped,
        path=path, play={r: [s for s in path[r] if s in play[r]] for r in cast}, route=route, timeline=items,
        debrief_minutes=debrief, reading_rate=c.reading_rate, decision_minutes=c.decision_minutes,
        handoff_minutes=c.handoff_minutes, warnings=warnings,
    )


def describe_plan(story: Story, plan: Plan) -> list[str]:
    """The plan in lines of text, for the teacher."""
    out = [_("{students} students, {periods} × {period} minutes (planned {planned} of {total} minutes, reading "
             "{rate} words/min)").format(students=plan.students, periods=plan.periods, period=plan.period_minutes,
                                         planned=f"{plan.planned_minutes:.0f}", total=plan.total_minutes,
                                         rate=plan.reading_rate)]
    out.append(_("Cast:"))
    for g in plan.groups:
        out.append(f"  {story.roles[g.role].name:<20} {g.label}")
    if plan.left_out:
        out.append(_("Left out (small class): {roles}").format(roles=", ".join(story.roles[r].name for r in plan.left_out)))
    out.append(_("Plan:"))
    assembly, minutes = _("ASSEMBLY"), _("{n} min")
    for item in plan.timeline:
        clock = f"{int(item.start):>3}'"
        if item.kind == "scene":
            out.append(f"  {clock} {story.roles[item.role].name:<18} {item.stamp[5:]}  {item.title} "
                       f"({minutes.format(n=f'{item.minutes:.1f}')})")
        elif item.kind == "assembly":
            out.append(f"  {clock} {assembly:<18} {item.stamp[5:]}  {item.title} ({minutes.format(n=f'{item.minutes:.1f}')})")
        elif item.kind == "break":
            out.append(f"  {clock} ---- {item.title} ----")
        else:
            out.append(f"  {clock} " + _("DEBRIEF ({minutes})").format(minutes=minutes.format(n=f"{item.minutes:.0f}")))
    for w in plan.warnings:
        out.append(_("Note: {note}").format(note=w))
    return out

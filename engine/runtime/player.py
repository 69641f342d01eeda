"""Player: one person playing one role, driving the story machine and owning one GameState.

Front ends talk only to this: `frame()` describes what to show, `choose(index)` takes a choice,
`back()`/`forward()` step through history, `state` is what gets saved.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, fields

from ..errors import PlayError
from ..expressions import ExpressionError
from ..inline import InlineError, has_inline, paragraph, parse as parse_inline
from ..markup import is_one_paragraph, paragraphs
from ..model import Choice, Scene, Story
from .machine import StoryMachine
from .offers import offer_rule
from .state import GameState


@dataclass(frozen=True)
class FrameChoice:
    number: int          # 1-based, as shown to the player
    index: int           # the choice's position in the scene, what choose() takes
    text: str
    counterfactual: bool


@dataclass(frozen=True)
class Frame:
    """Everything a front end needs to show the current moment of play."""

    role: str
    scene_id: str
    title: str
    date: str
    time: str
    place: str
    image: str
    paragraphs: tuple[str, ...]
    choices: tuple[FrameChoice, ...]
    note: str
    sources: tuple[str, ...]
    content_note: str
    counterfactual: bool
    ending_title: str | None
    ending_historical: bool
    ending_summary: str
    turn: int
    show_map: bool = False

    @property
    def is_ending(self) -> bool:
        return self.ending_title is not None


class _StepRandom:
    """The step's random generator (GameState.rng()), made on first use: most steps roll no dice,
    and seeding a Mersenne Twister costs more than the rest of a step. Same seed, same numbers."""

    __slots__ = ("_seed", "_random")

    def __init__(self, seed: int):
        self._seed = seed
        self._random = None

    def __getattr__(self, name):
        if self._random is None:
            self._random = random.Random(self._seed)
        return getattr(self._random, name)


class Player:
    def __init__(self, story: Story, machine: StoryMachine, state: GameState):
        self.story = story
        self.machine = machine
        self.state = state
        self._past: list[tuple] = []     # GameState.snapshot() before each choice, for rollback
        self._future: list[tuple[tuple, int]] = []  # undone choices, for roll-forward
        self.scene_id = state.scene     # kept in step by the machine
        machine.attach(self, state.scene)

    # transitions assigns this attribute on every transition; mirror it into the state.
    @property
    def scene_id(self) -> str:
        return self.state.scene

    @scene_id.setter
    def scene_id(self, value: str) -> None:
        self.state.scene = value

    @classmethod
    def start(cls, story: Story, machine: StoryMachine, role: str, seed: int = 0) -> "Player":
        if role not in story.roles:
            raise PlayError(f"no role {role!r}; roles are: {', '.join(story.roles)}")
        variables = {v.name: v.default for v in story.variables.values()}
        state = GameState(role=role, scene=story.roles[role].start, seed=seed, variables=variables)
        player = cls(story, machine, state)
        player._enter(state.scene)
        return player

    @property
    def scene(self) -> Scene:
        return self.story.scenes[self.state.scene]

    # -- rules ---------------------------------------------------------------------------------------
    def _view(self, scene_id: str) -> "_SceneView":
        view = self.machine.views.get(scene_id)
        if view is None:
            view = self.machine.views[scene_id] = _SceneView(self.story, self.story.scenes[scene_id])
        return view

    def choice_available(self, scene_id: str, choice: Choice) -> bool:
        rule = self._view(scene_id).rules[choice.index]
        return rule is None or rule(self.state)

    def available(self) -> list[Choice]:
        view = self._view(self.state.scene)
        state = self.state
        return [c for c, rule in zip(view.scene.choices, view.rules) if rule is None or rule(state)]

    def choose(self, index: int) -> None:
        state = self.state
        scene_id = state.scene
        views = self.machine.views
        choices = (views.get(scene_id) or self._view(scene_id)).scene.choices
        if not 0 <= index < len(choices):
            raise PlayError(f"scene {scene_id} has no choice {index}")
        choice = choices[index]
        snapshot = state.snapshot()
        if not self.machine.fire(self, index, scene_id):
            raise PlayError(f"choice {index} of scene {scene_id} is not available now")
        # The machine has moved the player; effects of the choice come before those of the new scene.
        target = choice.target
        on_enter = (views.get(target) or self._view(target)).scene.on_enter
        rng = _StepRandom(state.rng_seed()) if choice.effects or on_enter else None
        for effect in choice.effects:
            effect.apply(state, rng)
        state.log.append((scene_id, index))
        state.turn += 1
        visits = state.visits          # _enter(target, rng), inline
        visits[target] = visits.get(target, 0) + 1
        for effect in on_enter:
            effect.apply(state, rng)
        self._past.append(snapshot)
        future = self._future
        if future and future[-1][1] == index and future[-1][0] == snapshot:
            future.pop()
        elif future:
            future.clear()

    def _enter(self, scene_id: str, rng=None) -> None:
        state = self.state
        state.visits[scene_id] = state.visits.get(scene_id, 0) + 1
        on_enter = self._view(scene_id).scene.on_enter
        if on_enter:
            rng = rng or _StepRandom(state.rng_seed())
            for effect in on_enter:
                effect.apply(state, rng)

    # -- history -------------------------------------------------------------------------------------
    def can_go_back(self) -> bool:
        return bool(self._past)

    def back(self) -> bool:
        """Undo the last choice; the state becomes exactly what it was when that choice was offered."""
        if not self._past:
            return False
        last_index = self.state.log[-1][1]
        snapshot = self._past.pop()
        self._future.append((snapshot, last_index))
        self.restore(GameState.from_dict(GameState.snapshot_dict(snapshot)), keep_history=True)
        return True

    def can_go_forward(self) -> bool:
        return bool(self._future)

    def forward(self) -> bool:
        """Redo a choice undone by back(), while nothing new was chosen."""
        if not self._future:
            return False
        _, index = self._future[-1]
        self.choose(index)
        return True

    def history(self) -> list[dict]:
        """Snapshots of the state before each choice of this playthrough (oldest first)."""
        return [GameState.snapshot_dict(snapshot) for snapshot in self._past]

    def restore(self, state: GameState, keep_history: bool = False) -> None:
        if state.scene not in self.story.scenes:
            raise PlayError(f"the saved scene {state.scene!r} is not in this story")
        self.state = state
        self.machine.place(self, state.scene)
        if not keep_history:
            self._past.clear()
            self._future.clear()

    def close(self) -> None:
        self.machine.detach(self)

    def holdings(self) -> dict[str, str]:
        """Who holds each place on the city map now: the story's timeline up to this scene's date and
        time, then any `map_<place>` text variable, which lets a story's choices change the map."""
        scene = self.scene
        now = f"{scene.date} {scene.time.zfill(5)}"
        held: dict[str, str] = {}
        for stamp, place, holder in self.story.map_timeline:
            if stamp <= now:
                held[place] = holder
        for name, value in self.state.variables.items():
            if name.startswith("map_") and isinstance(value, str):
                held[name[4:]] = value
        return held

    # -- what to show ----------------------------------------------------------------------------------
    def frame(self) -> Frame:
        state = self.state
        view = self.machine.views.get(state.scene)
        if view is None:
            view = self._view(state.scene)
        shown = view.shown
        if shown is None:
            shown = []
            for condition, text, otherwise in view.blocks:
                shown += text if condition is None or condition(state) else otherwise
            templates = view.templates
            if templates:     # {variable} and [if]...[/if]: rendered now; a paragraph left empty goes
                shown = [paragraph(templates[p], state) if p in templates else p for p in shown]
                shown = [p for p in shown if p]
            shown = tuple(shown)
        choices = view.choices
        if choices is None:
            key = tuple([i for i, rule in enumerate(view.rules) if rule is None or rule(state)])
            choices = view.offers.get(key)
            if choices is None:
                offered = [view.scene.choices[i] for i in key]
                choices = view.offers[key] = tuple(FrameChoice(n, c.index, c.text, c.counterfactual)
                                                   for n, c in enumerate(offered, start=1))
        return _frame(view.fixed, state.role, shown, choices, state.turn)


_FRAME_PLAY_FIELDS = ("role", "paragraphs", "choices", "turn")   # what frame() fills in per call


def _frame(fixed: dict, role: str, paragraphs: tuple, choices: tuple, turn: int) -> Frame:
    """Frame(**fixed, role=..., paragraphs=..., choices=..., turn=...), without the cost of a
    frozen dataclass's __init__ (one object.__setattr__ per field; this is 4x faster). Frame has no
    __post_init__ and no __slots__, so the object is the one __init__ would make."""
    frame = object.__new__(Frame)
    attributes = frame.__dict__
    attributes.update(fixed)
    attributes["role"] = role
    attributes["paragraphs"] = paragraphs
    attributes["choices"] = choices
    attributes["turn"] = turn
    return frame


if hasattr(Frame, "__post_init__") or "__slots__" in Frame.__dict__:   # pragma: no cover - a guard
    def _frame(fixed, role, paragraphs, choices, turn):  # noqa: F811
        return Frame(**fixed, role=role, paragraphs=paragraphs, choices=choices, turn=turn)


# The fields _SceneView.fixed fills in, with those frame() fills in per call, are all of Frame's.
_FRAME_SCENE_FIELDS = ("scene_id", "title", "date", "time", "place", "image", "note", "sources", "content_note",
                       "counterfactual", "ending_title", "ending_historical", "ending_summary", "show_map")
assert set(_FRAME_SCENE_FIELDS) | set(_FRAME_PLAY_FIELDS) == {f.name for f in fields(Frame)}, "Frame changed"


class _SceneView:
    """What play needs of a scene that does not depend on play, computed once per story (the story
    is frozen) and shared by its players:

    scene    the Scene
    rules    each choice's offer rule (offers.offer_rule), None where it is always offered
    shown    the paragraphs of its text when no block is conditional (else None)
    blocks   each text block as (condition, paragraphs, paragraphs otherwise)
    fixed    the frame's fields that come from the scene alone
    choices  the offered choices when every choice is always offered (else None)
    offers   the offered choices by which are open, filled in as play meets them
    templates  the parsed inline forms ({variable}, [if]...[/if]) of each paragraph that has them"""

    __slots__ = ("scene", "rules", "shown", "blocks", "fixed", "choices", "offers", "templates")

    def __init__(self, story: Story, scene: Scene):
        def paras(text: str) -> list[str]:
            if not text:
                return []
            # Text is stored one normalised paragraph per block: keep the story's string, not a copy.
            if is_one_paragraph(text):
                return [text]
            found = paragraphs(text)
            return [text] if found == [text] else found
        self.scene = scene
        self.rules = tuple(offer_rule(scene.id, c) for c in scene.choices)
        self.blocks = tuple((b.condition, paras(b.text), paras(b.otherwise)) for b in scene.text)
        self.shown = None
        self.templates = {}
        for _, text, otherwise in self.blocks:
            for p in text + otherwise:
                if has_inline(p) and p not in self.templates:
                    try:
                        self.templates[p] = parse_inline(p, story.variables)
                    except (InlineError, ExpressionError):    # the loader reports these; shown as written
                        pass
        if not self.templates and all(condition is None for condition, _, _ in self.blocks):
            self.shown = tuple(p for _, text, _ in self.blocks for p in text)
        sources = tuple(f"{story.sources[c.source].short if c.source in story.sources else c.source}, {c.where}"
                        for c in scene.sources)
        self.choices = None
        if all(rule is None for rule in self.rules):
            self.choices = tuple(FrameChoice(n, c.index, c.text, c.counterfactual)
                                 for n, c in enumerate(scene.choices, start=1))
        self.offers: dict[tuple, tuple] = {}
        ending = scene.ending
        self.fixed = dict(
            scene_id=scene.id, title=scene.title, date=scene.date, time=scene.time,
            place=scene.place, image=scene.image,
            note=scene.note, sources=sources, content_note=scene.content_note,
            counterfactual=scene.counterfactual,
            ending_title=ending.title if ending else None,
            ending_historical=bool(ending and ending.historical),
            ending_summary=ending.summary if ending else "",
            show_map=scene.show_map,
        )

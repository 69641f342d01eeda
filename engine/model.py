"""The static story: frozen after loading, shared by every player and never mutated during play."""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Callable, Mapping

from .errors import SourceSpan
from .expressions import Action, Compiled, Condition

NO_SPAN = SourceSpan("<none>", 0, 0)


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    short: str


@dataclass(frozen=True)
class Citation:
    source: str
    where: str


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    title: str
    description: str
    biography: str
    start: str
    portrait: str | None
    starts: str
    minutes: int | None
    span: SourceSpan = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True)
class Variable:
    name: str
    type: str
    default: Any
    min: int | None
    max: int | None
    values: tuple[str, ...]
    description: str
    span: SourceSpan = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True)
class Guard:
    """A compiled condition with its source text."""

    test: Condition = field(compare=False)
    info: Compiled

    def __call__(self, state) -> bool:
        return self.test(state)


@dataclass(frozen=True)
class Effect:
    apply: Action = field(compare=False)
    info: Compiled


@dataclass(frozen=True)
class TextBlock:
    """A piece of scene text, shown always or only when its condition holds (else `otherwise`)."""

    text: str
    condition: Guard | None = None
    otherwise: str = ""


@dataclass(frozen=True)
class Choice:
    index: int
    text: str
    target: str
    condition: Guard | None
    effects: tuple[Effect, ...]
    once: bool
    counterfactual: bool
    span: SourceSpan = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True)
class Ending:
    title: str
    historical: bool
    summary: str


@dataclass(frozen=True)
class Scene:
    id: str
    roles: tuple[str, ...]
    title: str
    date: str
    time: str
    place: str
    image: str
    text: tuple[TextBlock, ...]
    on_enter: tuple[Effect, ...]
    choices: tuple[Choice, ...]
    ending: Ending | None
    note: str
    sources: tuple[Citation, ...]
    counterfactual: bool
    content_note: str
    minutes: float | None
    words: int
    span: SourceSpan = field(default=NO_SPAN, compare=False)

    @property
    def is_ending(self) -> bool:
        return self.ending is not None


@dataclass(frozen=True)
class CodexEntry:
    id: str
    kind: str
    title: str
    text: str
    span: SourceSpan = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    subtitle: str
    version: str
    calendar_start: str
    calendar_style: str
    credits: tuple[str, ...]
    sources: Mapping[str, Source]
    roles: Mapping[str, Role]
    variables: Mapping[str, Variable]
    scenes: Mapping[str, Scene]
    codex: Mapping[str, CodexEntry]
    root: str
    assets_dir: str
    content_hash: str
    map_timeline: tuple[tuple[str, str, str], ...] = ()   # ("YYYY-MM-DD HH:MM", place, holder), in order

    def role(self, role_id: str) -> Role:
        return self.roles[role_id]

    def scenes_of(self, role_id: str) -> list[Scene]:
        return [s for s in self.scenes.values() if role_id in s.roles]


def frozen_map(items: dict) -> Mapping:
    return MappingProxyType(dict(items))


WordCounter = Callable[[str], int]

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
    saturates: bool = False   # the author means effects to stop at min/max (`check --prove` accepts clamping)


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
    id: str = ""          # the author's stable id ("" if none): transcripts, saves and records name it
    original: str = ""    # in a translated story, the text in the story's own language ("" = text is it)

    @property
    def source_text(self) -> str:
        """The choice's words in the story's own language: what saves record, whatever the language played."""
        return self.original or self.text


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
    show_map: bool = False   # the front end shows the city map when the scene opens
    events: tuple[str, ...] = ()   # ids of the timeline's events the scene tells or refers to

    @property
    def is_ending(self) -> bool:
        return self.ending is not None

    # The two below are asked for every scene by each check across files (lint, assemblies), on every
    # load under play --watch, where unchanged files' scenes are the same objects: each is worked out
    # once per scene and kept in its __dict__ (not a field: equality, the compiled cache and repr
    # see only fields).
    def expressions(self) -> tuple:
        """Every compiled condition and effect in the scene; each one's `.info` says what it reads."""
        found = self.__dict__.get("_expressions")
        if found is None:
            found = []
            for block in self.text:
                if block.condition is not None:
                    found.append(block.condition)
            found += self.on_enter
            for choice in self.choices:
                if choice.condition is not None:
                    found.append(choice.condition)
                found += choice.effects
            found = tuple(found)
            object.__setattr__(self, "_expressions", found)
        return found

    def text_reads(self) -> frozenset[str]:
        """Names read by the inline forms of its text ({variable}, [if ...]), which are not compiled
        expressions of the scene: play renders them, so they change no path."""
        found = self.__dict__.get("_text_reads")
        if found is None:
            from .inline import has_inline, names
            reads: set[str] = set()
            for block in self.text:
                for part in (block.text, block.otherwise):
                    if part and has_inline(part):
                        reads |= names(part)
            found = frozenset(reads)
            object.__setattr__(self, "_text_reads", found)
        return found


@dataclass(frozen=True)
class CodexEntry:
    id: str
    kind: str
    title: str
    text: str
    span: SourceSpan = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True)
class Event:
    """One dated event of the story's timeline: the single record that scenes, the map and the
    assemblies refer to by id. `sources[0]` is the account followed; `differs` says where the others
    differ and why this one is followed."""
    id: str
    date: str                      # YYYY-MM-DD
    time: str                      # HH:MM, or "" when the sources give only the day
    title: str                     # one line, for readers (the chronology)
    place: str
    who: tuple[str, ...]
    sources: tuple[Citation, ...]
    differs: str
    approximate: bool              # the sources give the hour only roughly
    span: SourceSpan = field(default=NO_SPAN, compare=False)

    @property
    def stamp(self) -> str:
        """"YYYY-MM-DD HH:MM", or the date alone (which sorts before that day's hours)."""
        return f"{self.date} {self.time.zfill(5)}" if self.time else self.date


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
    timeline: tuple["Event", ...] = ()                    # the dated events (timeline:), in time order
    assemblies: tuple["Assembly", ...] = ()               # shared votes for classroom sessions, in time order
    classroom: "Classroom | None" = None                  # teacher material (story/assemblies.yaml)
    # How the story presents itself (story.yaml's story: block); the engine has no words of its own.
    banner: str = ""                   # a line above the title on the title screen
    title_image: str = ""              # the title screen's picture (an art id), or none
    history_label: str = "In history"  # introduces what really happened: "In 1905: they marched ..."
    printing: str = "none"             # pictures printed "period" (two inks on aged paper) or "none"
    calendar_label: str = ""           # said after a date, e.g. "Old Style"
    calendar_end: str = ""             # the last day, so the calendar strip shows how far through we are
    required: tuple[str, ...] = ()     # scene fields this story requires: date, time, place, image, sources
    map_name: str = ""                 # the map's name ("" = the story has no map)
    map_drawing: str = ""              # the map's module in the assets folder (engine.art.storymap)
    map_holders: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # holder -> its words
    map_inks: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))     # holder -> "red", for the key
    map_labels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))   # the map's words, by the drawing's keys

    def role(self, role_id: str) -> Role:
        return self.roles[role_id]

    def scenes_of(self, role_id: str) -> list[Scene]:
        return [s for s in self.scenes.values() if role_id in s.roles]


def frozen_map(items: dict) -> Mapping:
    return MappingProxyType(dict(items))


WordCounter = Callable[[str], int]


# -- classroom sessions: assemblies (shared votes) and teacher material; loaded by loading/assemblies.py --
@dataclass(frozen=True)
class AssemblyLine:
    """Something a group can say at an assembly; `supports` is "motion.option" or "" (neutral)."""

    text: str
    supports: str


@dataclass(frozen=True)
class Participant:
    role: str
    speaks_as: str                 # whom the group voices: the role itself or a stand-in
    stand_in: bool                 # voicing a historical person who is not the role
    votes: bool
    lines: tuple[AssemblyLine, ...]
    on_vote: Mapping[str, tuple[Effect, ...]]   # "motion.option" | "motion.abstain" | "motion.walkout" -> effects

    @property
    def speaks_as_in_sentence(self) -> str:
        """The name as it reads inside a sentence ("you speak as a district reporter"): authors write it to
        stand alone, so a leading article is capitalised."""
        article, space, rest = self.speaks_as.partition(" ")
        return article.lower() + space + rest if article in ("A", "An", "The") and rest else self.speaks_as


@dataclass(frozen=True)
class MotionOption:
    id: str
    text: str


@dataclass(frozen=True)
class HistoricalVote:
    result: str                    # option id
    counts: Mapping[str, int]      # option id | "abstain" | "walkout" -> recorded count (may be empty)
    recorded: str                  # the count in words, as the sources give it
    note: str


@dataclass(frozen=True)
class Motion:
    id: str
    text: str
    options: tuple[MotionOption, ...]
    default: str                   # the option that stands when nothing else is decided (status quo)
    rule: str                      # majority | plurality | unanimous
    abstentions: str               # not_counted | against
    ties: str                      # default | chair
    walkouts: str                  # not_counted | against
    quorum: float                  # share of the body that must stay (0 = none)
    chair: str                     # role id whose vote breaks a tie (ties: chair)
    historical: HistoricalVote
    outcomes: Mapping[str, Mapping[str, tuple[Effect, ...]]]   # option -> role -> effects
    # role -> effects, added when the result carried against some hands: a story can then tell a split
    # vote from a unanimous one ("every hand went up" is false after 3 to 2).
    on_divided: Mapping[str, tuple[Effect, ...]] = field(default_factory=dict)

    def option(self, option_id: str) -> MotionOption | None:
        return next((o for o in self.options if o.id == option_id), None)

    def effect_blocks(self) -> tuple[Mapping[str, tuple[Effect, ...]], ...]:
        """Every role -> effects block the motion's result can apply: each option's, and the divided one."""
        return (*self.outcomes.values(), self.on_divided)

    def divided(self, tally: Mapping[str, int], result: str) -> bool:
        """Whether some hands went to another option than the result (abstentions and walkouts aside)."""
        return any(tally.get(o.id, 0) > 0 for o in self.options if o.id != result)


@dataclass(frozen=True)
class Assembly:
    id: str
    title: str
    date: str
    time: str
    place: str
    body: str
    summary: str
    minutes: float | None
    optional: bool
    participants: tuple[Participant, ...]
    motions: tuple[Motion, ...]
    sources: tuple[Citation, ...]
    content_note: str
    questions: tuple[str, ...]
    span: SourceSpan = field(default=NO_SPAN, compare=False)
    priority: int = 5              # 1 (kept first) to 9 (dropped first) when a lesson is short
    events: tuple[str, ...] = ()   # ids of the timeline's events the assembly refers to
    # "assembly.motion.option" results of earlier assemblies after which this one is not held (a march to
    # defend a palace that has already surrendered)
    cancelled_by: tuple[str, ...] = ()

    @property
    def stamp(self) -> str:
        return f"{self.date} {self.time.zfill(5)}"


@dataclass(frozen=True)
class SourceSummary:
    source: str
    where: str
    summary: str


@dataclass(frozen=True)
class Objective:
    """One private objective on a role's sheet. `condition`, read on the role's own play state once play is
    over, says whether it was met; None where the story gives none (the class judges it in the debrief)."""
    text: str
    condition: Guard | None = None
    span: SourceSpan = field(default=NO_SPAN, compare=False)


@dataclass(frozen=True)
class RoleBrief:
    role: str
    objectives: tuple[Objective, ...]
    knows: tuple[str, ...]
    sources: tuple[SourceSummary, ...]
    key_scenes: tuple[str, ...]


@dataclass(frozen=True)
class DebriefQuestion:
    text: str
    when: str                      # always | differs | same (compared with history)
    assembly: str                  # for differs/same: the assembly compared


@dataclass(frozen=True)
class Classroom:
    reading_rate: int              # words per minute for scenes without authored minutes
    decision_minutes: float        # discussion time per choice a group makes
    handoff_minutes: float         # passing the keyboard
    debrief_minutes: int           # at least this long
    objectives: tuple[str, ...]
    content_notes: tuple[str, ...]
    cast_order: tuple[str, ...]    # roles kept first when a small class leaves some out
    roles: Mapping[str, RoleBrief]
    questions: tuple[DebriefQuestion, ...]


DEFAULT_CLASSROOM = Classroom(reading_rate=180, decision_minutes=0.5, handoff_minutes=0.5, debrief_minutes=8,
                              objectives=(), content_notes=(), cast_order=(), roles=MappingProxyType({}),
                              questions=())


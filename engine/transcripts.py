"""Tests by transcript: YAML files that play a role by naming choices (by id or text, never by
position) and say what each step should show; `petrograd test` runs them, `--update` blesses them.

A transcript:

    role: keeper
    seed: 0                       # the dice's seed (default 0)
    steps:
      - expect_scene: lamp_room   # what the step's scene shows, checked before its choice
        expect_text: "the wick"   # substrings of the scene's title and text (one, or a list)
        expect_choices: [trim_wick, Go down the stairs.]   # every offered choice, in order: id, else text
        expect_vars: {oil: 3}
        choose: trim_wick         # a choice's id, or its exact text
      - choose: ...
    ending: drowned_light         # the ending scene reached (its id, or its ending's title)

Only the last step may leave out `choose`: it checks the scene where play stopped. The format is
documented for authors in docs/testing.md.
"""
from __future__ import annotations

import difflib
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import DiagnosticSink
from .loading.yaml_source import Mapping, Sequence, Text, read_yaml
from .markup import plain
from .model import Choice, Story
from .runtime import Game, Player

TOP_FIELDS = ("role", "seed", "about", "steps", "ending")
STEP_FIELDS = ("expect_scene", "expect_text", "expect_choices", "expect_vars", "choose")
BLESSED_TEXT_CHARS = 60    # how much of a scene's first sentence --update writes as its expected text


class TranscriptError(Exception):
    """A transcript file that cannot be run as written (not a test failure): said with file:line."""


@dataclass
class Step:
    line: int
    choose: str | None = None
    expect_scene: str | None = None
    expect_text: list[str] | None = None
    expect_choices: list[str] | None = None
    expect_vars: dict[str, str] | None = None


@dataclass
class Transcript:
    path: Path
    display: str
    role: str
    seed: int
    steps: list[Step]
    ending: str | None
    ending_line: int
    about: str = ""
    header: str = ""            # the comment lines above the first key, kept by --update


@dataclass
class Failure:
    line: int
    message: str
    diff: list[str] = field(default_factory=list)


@dataclass
class Seen:
    """What one step showed, before its choice: what --update writes and the diffs compare with."""
    scene: str
    text: str
    choices: list[str]
    variables: dict[str, Any]
    ending: str | None
    offered: list[int]          # the offered choices' positions in the scene


@dataclass
class Result:
    transcript: Transcript
    failures: list[Failure]
    seen: list[Seen]            # one per step run, then the scene where play stopped
    finished: bool              # every step's choice could be taken
    defaults: dict[str, Any] = field(default_factory=dict)   # the variables when play began

    @property
    def passed(self) -> bool:
        return not self.failures


# -- reading ---------------------------------------------------------------------------------------
def read_transcript(path: Path, display: str | None = None) -> Transcript:
    display = display or str(path)
    sink = DiagnosticSink()
    data = read_yaml(path, display, sink)
    if sink.items:
        raise TranscriptError("\n".join(d.format() for d in sink.sorted()))

    def where(value: Any, fallback: int = 1) -> int:
        span = getattr(value, "span", None)
        return span.line if span is not None else fallback

    def fail(value: Any, message: str, fallback: int = 1) -> TranscriptError:
        return TranscriptError(f"{display}:{where(value, fallback)}: {message}")

    if not isinstance(data, Mapping):
        raise fail(data, "a transcript is a mapping with role: and steps:")
    for key in data:
        if key not in TOP_FIELDS:
            raise fail(key, f"unknown field {str(key)!r}; a transcript has {', '.join(TOP_FIELDS)}")
    role = data.get("role")
    if not isinstance(role, Text) or not role:
        raise fail(data, "say which role the transcript plays: role: ID")
    seed_text = data.get("seed", "0")
    if not isinstance(seed_text, str) or not re.fullmatch(r"-?[0-9]+", seed_text):
        raise fail(seed_text, "seed: should be a whole number", where(data))
    steps_raw = data.get("steps")
    if not isinstance(steps_raw, Sequence) or not steps_raw:
        raise fail(steps_raw if steps_raw is not None else data, "steps: should be a list of steps")
    steps = []
    for n, item in enumerate(steps_raw, start=1):
        if not isinstance(item, Mapping):
            raise fail(item, f"step {n} should be a mapping (choose:, expect_text:, ...)", where(steps_raw))
        step = Step(line=where(item))
        for key, value in item.items():
            if key not in STEP_FIELDS:
                raise fail(key, f"step {n} has an unknown field {str(key)!r}; a step has {', '.join(STEP_FIELDS)}")
            if key in ("choose", "expect_scene"):
                if not isinstance(value, Text) or not value.strip():
                    raise fail(value, f"{key}: should be text", step.line)
                setattr(step, key, str(value))
            elif key in ("expect_text", "expect_choices"):
                items = [value] if isinstance(value, Text) else value
                if not isinstance(items, list) or not all(isinstance(v, Text) for v in items):
                    raise fail(value, f"{key}: should be text or a list of text", step.line)
                setattr(step, key, [str(v) for v in items])
            else:   # expect_vars
                if not isinstance(value, Mapping) or not all(isinstance(v, Text) for v in value.values()):
                    raise fail(value, "expect_vars: should map variable names to values, e.g. {courage: 3}", step.line)
                step.expect_vars = {str(k): str(v) for k, v in value.items()}
        if step.choose is None and n < len(steps_raw):
            raise fail(item, f"step {n} has no choose:; only the last step may leave it out")
        steps.append(step)
    ending = data.get("ending")
    if ending is not None and not isinstance(ending, Text):
        raise fail(ending, "ending: should be the ending scene's id or its title")
    about = data.get("about")
    header = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        header.append(line)
    return Transcript(path=path, display=display, role=str(role), seed=int(seed_text), steps=steps,
                      ending=str(ending) if ending is not None else None,
                      ending_line=where(ending, where(data)), about=str(about) if about else "",
                      header="\n".join(header))


# -- running ---------------------------------------------------------------------------------------
def choice_key(choice: Choice) -> str:
    """How a transcript names a choice when it writes one: the id if the author gave one, else its text."""
    return choice.id or plain(choice.text)


def find_choice(player: Player, wanted: str) -> tuple[Choice | None, str]:
    """The offered choice that `wanted` names (an id first, else the exact text), or None and why not."""
    scene = player.scene
    offered = [scene.choices[c.index] for c in player.frame().choices]
    for choice in offered:
        if choice.id and choice.id == wanted:
            return choice, ""
    by_text = [c for c in offered if wanted in (c.text, plain(c.text))]
    if len(by_text) == 1:
        return by_text[0], ""
    if len(by_text) > 1:
        return None, f"{len(by_text)} offered choices have the text {wanted!r}; give them ids to tell them apart"
    offered_list = "; ".join(repr(choice_key(c)) for c in offered) or "none"
    if any(wanted in (c.id, c.text, plain(c.text)) for c in scene.choices):
        return None, f"the choice {wanted!r} of scene {scene.id} is not offered now (offered: {offered_list})"
    if scene.is_ending:
        return None, f"the story has already ended, at {scene.id} ({scene.ending.title!r}): nothing to choose"
    return None, f"scene {scene.id} has no choice {wanted!r} (offered: {offered_list})"


def _seen(player: Player) -> Seen:
    frame = player.frame()
    scene = player.scene
    text = "\n\n".join([plain(frame.title)] + [plain(p) for p in frame.paragraphs])
    return Seen(scene=scene.id, text=text, choices=[choice_key(scene.choices[c.index]) for c in frame.choices],
                variables=dict(player.state.variables), ending=scene.id if scene.is_ending else None,
                offered=[c.index for c in frame.choices])


def _squash(text: str) -> str:
    return " ".join(text.split())


def _value_text(value: Any) -> str:
    """A variable's value as a transcript writes it (YAML text): true/false, 3, hold."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _diff(expected: list[str], actual: list[str]) -> list[str]:
    return list(difflib.unified_diff(expected, actual, "expected", "actual", lineterm="", n=2))


def _check(step: Step, number: int, seen: Seen, story: Story, display: str) -> list[Failure]:
    failures = []
    at = f"{display}:{step.line}: step {number} (scene {seen.scene})"
    if step.expect_scene is not None and step.expect_scene != seen.scene:
        failures.append(Failure(step.line, f"{at}: another scene",
                                _diff([f"scene: {step.expect_scene}"], [f"scene: {seen.scene}"])))
    if step.expect_text:
        shown = _squash(seen.text)
        missing = [t for t in step.expect_text if _squash(t) not in shown]
        if missing:
            failures.append(Failure(step.line, f"{at}: text not found in the scene",
                                    _diff([f"text containing: {t}" for t in missing],
                                          ["text:"] + [f"  {line}" for p in seen.text.split("\n\n")
                                                       for line in textwrap.wrap(p, 96)])))
    if step.expect_choices is not None:
        scene = story.scenes[seen.scene]
        offered = [scene.choices[i] for i in seen.offered]
        matches = len(offered) == len(step.expect_choices) and all(
            want in (c.id, c.text, plain(c.text)) for want, c in zip(step.expect_choices, offered))
        if not matches:
            failures.append(Failure(step.line, f"{at}: other choices offered",
                                    _diff([f"choice: {c}" for c in step.expect_choices],
                                          [f"choice: {c}" for c in seen.choices])))
    if step.expect_vars:
        unknown = [name for name in step.expect_vars if name not in story.variables]
        if unknown:
            failures.append(Failure(step.line, f"{at}: the story has no variable {', '.join(map(repr, unknown))}"))
        wrong = [name for name, value in step.expect_vars.items()
                 if name in story.variables and _value_text(seen.variables.get(name)) != value]
        if wrong:
            failures.append(Failure(step.line, f"{at}: variables differ",
                                    _diff([f"{n}: {step.expect_vars[n]}" for n in wrong],
                                          [f"{n}: {_value_text(seen.variables.get(n))}" for n in wrong])))
    return failures


def run_transcript(game: Game, transcript: Transcript) -> Result:
    story = game.story
    t = transcript
    if t.role not in story.roles:
        raise TranscriptError(f"{t.display}:1: the story has no role {t.role!r}; roles are: {', '.join(story.roles)}")
    player = game.new_player(t.role, t.seed)
    failures: list[Failure] = []
    seen_all: list[Seen] = []
    finished = True
    try:
        for number, step in enumerate(t.steps, start=1):
            seen = _seen(player)
            seen_all.append(seen)
            failures += _check(step, number, seen, story, t.display)
            if step.choose is None:
                break
            choice, why = find_choice(player, step.choose)
            if choice is None:
                failures.append(Failure(step.line, f"{t.display}:{step.line}: step {number}: {why}"))
                finished = False
                break
            player.choose(choice.index)
        else:
            seen_all.append(_seen(player))
        final = seen_all[-1]
        if finished and t.ending is not None:
            ending = story.scenes[final.scene].ending
            if ending is None or t.ending not in (final.scene, ending.title):
                actual = f"ending: {final.scene}" if ending else f"no ending yet: play stopped at {final.scene}"
                failures.append(Failure(t.ending_line, f"{t.display}:{t.ending_line}: another ending",
                                        _diff([f"ending: {t.ending}"], [actual])))
    finally:
        player.close()
    return Result(t, failures, seen_all, finished, {v.name: v.default for v in story.variables.values()})


# -- blessing (--update) ---------------------------------------------------------------------------
def _first_words(text: str) -> str:
    """The start of the scene's first paragraph after its title, up to a sentence's end or a word boundary."""
    parts = text.split("\n\n")
    body = _squash(parts[1] if len(parts) > 1 else parts[0])
    sentence = re.split(r"(?<=[.!?])\s", body, maxsplit=1)[0]
    if len(sentence) <= BLESSED_TEXT_CHARS:
        return sentence
    cut = sentence[:BLESSED_TEXT_CHARS]
    return cut[: cut.rfind(" ")] if " " in cut else cut


def blessed(result: Result) -> dict:
    """The transcript rewritten from what its run showed: the same choices; scenes, text, offered
    choices, variables and ending as they are now. Text that still matches is kept; variables listed
    keep their names, and those the step before changed are added."""
    t = result.transcript
    steps = []
    previous = result.defaults
    for step, seen in zip(t.steps, result.seen):
        out: dict[str, Any] = {"expect_scene": seen.scene}
        shown = _squash(seen.text)
        kept = [x for x in (step.expect_text or []) if _squash(x) in shown]
        texts = kept or [_first_words(seen.text)]
        out["expect_text"] = texts[0] if len(texts) == 1 else texts
        out["expect_choices"] = list(seen.choices)
        names = list(step.expect_vars or {})
        names += [name for name, value in seen.variables.items() if previous.get(name) != value and name not in names]
        if names:
            out["expect_vars"] = {n: seen.variables[n] for n in names if n in seen.variables}
        if step.choose is not None:
            out["choose"] = step.choose
        steps.append(out)
        previous = seen.variables
    data: dict[str, Any] = {"role": t.role, "seed": t.seed}
    if t.about:
        data["about"] = t.about
    data["steps"] = steps
    final = result.seen[-1]
    if final.ending is not None:
        data["ending"] = final.ending
    return data


def write_blessed(result: Result) -> None:
    import yaml    # writing only; transcripts are read with the safe reader above
    t = result.transcript
    body = yaml.safe_dump(blessed(result), sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    t.path.write_text((t.header + "\n" if t.header else "") + body, encoding="utf-8")


# -- reporting -------------------------------------------------------------------------------------
def report_lines(result: Result) -> list[str]:
    lines = []
    for failure in result.failures:
        lines.append(f"  {failure.message}")
        lines += [f"      {d}" for d in failure.diff]
    return lines


def result_json(result: Result) -> dict:
    return {"file": result.transcript.display, "role": result.transcript.role, "passed": result.passed,
            "steps": len(result.transcript.steps),
            "failures": [{"line": f.line, "message": f.message, "diff": f.diff} for f in result.failures]}


def default_transcripts(story_dir: Path) -> list[Path]:
    """A story's transcripts: every YAML file under <story>/tests/ (a folder the story loader skips)."""
    folder = story_dir / "tests"
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()) if folder.is_dir() else []


__all__ = ["Failure", "Result", "Step", "Transcript", "TranscriptError", "blessed", "choice_key",
           "default_transcripts", "find_choice", "read_transcript", "report_lines", "result_json",
           "run_transcript", "write_blessed"]

"""Starting play anywhere, for authors: `play --scene ID --set var=value` (Ren'Py's warp, Twine's
"test from here") and the debug console's goto and set.

A value is read by its variable's type (int, bool or str) and checked against the variable's range or
list of values; an unknown scene or variable is answered with the nearest names ("did you mean").
"""
from __future__ import annotations

import difflib
import re

from ..errors import EngineError
from ..model import Story, Variable
from ..runtime import Game, GameState, Player

_TRUE, _FALSE = ("true", "yes", "on", "1"), ("false", "no", "off", "0")
_INTEGER = re.compile(r"[-+]?\d{1,15}\Z")


class WarpError(EngineError):
    """A scene, variable or value an author asked for that the story does not have; a plain message."""


def did_you_mean(name: str, known) -> str:
    """" (did you mean 'a' or 'b'?)" with the nearest of `known`, or "" when none is near."""
    near = difflib.get_close_matches(name, list(known), n=3, cutoff=0.6)
    if not near:
        return ""
    quoted = [repr(n) for n in near]
    return " (did you mean " + (", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]) + "?)"


def scene_of(story: Story, scene_id: str):
    scene = story.scenes.get(scene_id)
    if scene is None:
        raise WarpError(f"no scene {scene_id!r}{did_you_mean(scene_id, story.scenes)}")
    return scene


def variable_of(story: Story, name: str) -> Variable:
    variable = story.variables.get(name)
    if variable is None:
        known = ", ".join(sorted(story.variables)) if len(story.variables) <= 12 else ""
        hint = did_you_mean(name, story.variables) or (f"; the variables are: {known}" if known else "")
        raise WarpError(f"no variable {name!r}{hint}")
    return variable


def parse_value(variable: Variable, text: str):
    """`text` as a value of `variable`, checked against its range or values."""
    text = text.strip()
    if variable.type == "int":
        if not _INTEGER.match(text):
            raise WarpError(f"{variable.name} is a whole number from {variable.min} to {variable.max}, not {text!r}")
        value = int(text)
        if not variable.min <= value <= variable.max:
            raise WarpError(f"{variable.name} must be from {variable.min} to {variable.max}; {value} is out of range")
        return value
    if variable.type == "bool":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise WarpError(f"{variable.name} is true or false, not {text!r}")
    if text not in variable.values:
        listed = ", ".join(variable.values)
        raise WarpError(f"{variable.name} is one of {listed}; not {text!r}{did_you_mean(text, variable.values)}")
    return text


def parse_setting(story: Story, setting: str) -> tuple[str, object]:
    """"name=value" (or "name value") as (name, value), read and checked by the variable's type."""
    name, sep, text = setting.partition("=")
    if not sep:
        name, _, text = setting.strip().partition(" ")
    name = name.strip()
    if not name or not text.strip():
        raise WarpError(f"say a variable and its value, as name=value (not {setting!r})")
    return name, parse_value(variable_of(story, name), text)


def parse_settings(story: Story, settings: list[str]) -> dict[str, object]:
    return dict(parse_setting(story, s) for s in settings)


def role_for(story: Story, scene_id: str, role: str | None) -> str:
    """The role that plays `scene_id`: the one asked for if it has the scene, else the scene's first."""
    scene = scene_of(story, scene_id)
    if role is not None and role not in story.roles:
        raise WarpError(f"no role {role!r}{did_you_mean(role, story.roles)}; roles are: {', '.join(story.roles)}")
    if role is not None and (role in scene.roles or not scene.roles):
        return role
    if scene.roles:
        if role is not None:
            raise WarpError(f"scene {scene_id!r} belongs to {', '.join(scene.roles)}, not to {role!r}")
        return scene.roles[0]
    if role is None:
        raise WarpError(f"scene {scene_id!r} names no role: say which with --role")
    return role


def warp(game: Game, scene_id: str, *, role: str | None, seed: int, settings: dict[str, object],
         base: GameState | None = None) -> Player:
    """A player at `scene_id` (its entry effects applied, as on arrival), then `settings` set.

    From the start of the story (the variables' defaults) or, with `base`, from that state: its
    variables, visits and choice log kept (once-only choices stay taken), as the console's goto does."""
    story = game.story
    scene = scene_of(story, scene_id)
    role = role_for(story, scene_id, role if base is None else (base.role if base.role in scene.roles else None))
    if base is None:
        state = GameState(role=role, scene=scene_id, seed=seed,
                          variables={v.name: v.default for v in story.variables.values()})
    else:
        state = base.copy()
        state.role, state.scene = role, scene_id
    player = game.resume(state)
    player._enter(scene_id)   # one visit and the scene's entry effects, as Player.start and choose() do
    player.state.variables.update(settings)
    return player


def with_settings(game: Game, player: Player, settings: dict[str, object]) -> Player:
    """The same moment of play with `settings` set: a new Player (its undo history starts here)."""
    state = player.state.copy()
    state.variables.update(settings)
    return game.resume(state)


def fit_to(story: Story, state: GameState) -> GameState:
    """`state` for an edited story: variables it no longer declares dropped; new ones, and any whose
    value no longer fits its (edited) type, range or values, at their defaults."""
    fitted = state.copy()
    fitted.variables = {v.name: state.variables[v.name] if _fits(v, state.variables.get(v.name)) else v.default
                        for v in story.variables.values()}
    return fitted


def _fits(variable: Variable, value) -> bool:
    if variable.type == "int":
        return type(value) is int and variable.min <= value <= variable.max
    if variable.type == "bool":
        return type(value) is bool
    return type(value) is str and value in variable.values

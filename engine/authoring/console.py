"""The debug console's commands (`--debug`): the window's console and text mode's :goto, :set, :state.

    goto SCENE        go to a scene (its entry effects applied; variables, visits and taken choices kept)
    set NAME=VALUE    set a variable (read by its type, checked against its range or values)
    state             the role, scene, turn and every variable
    help              this list

A command returns its output lines and, when it moved the player, the new Player; a mistake is a
WarpError with a plain message, never a traceback.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..runtime import Game, Player
from .warp import WarpError, parse_setting, warp, with_settings

HELP = ("goto SCENE      go to a scene",
        "set NAME=VALUE  set a variable",
        "state           the scene, turn and variables",
        "help            this list")


@dataclass(frozen=True)
class Outcome:
    lines: tuple[str, ...]
    player: Player | None = None     # the moved player, or None when the command only showed something


def run_command(line: str, game: Game, player: Player) -> Outcome:
    """Run one console line against `player`; raises WarpError with a message for the author."""
    name, _, arg = line.strip().partition(" ")
    name, arg = name.lower().lstrip(":"), arg.strip()
    if name in ("help", "?", ""):
        return Outcome(HELP)
    if name == "goto":
        if not arg:
            raise WarpError("say which scene: goto SCENE")
        moved = warp(game, arg, role=None, seed=player.state.seed, settings={}, base=player.state)
        return Outcome((f"at {moved.scene.id}: {moved.scene.title}",), moved)
    if name == "set":
        variable, value = parse_setting(game.story, arg)
        moved = with_settings(game, player, {variable: value})
        return Outcome((f"{variable} = {_shown(value)}",), moved)
    if name == "state":
        return Outcome(describe(player))
    raise WarpError(f"unknown command {name!r}: the commands are goto, set, state and help")


def describe(player: Player) -> tuple[str, ...]:
    state, scene = player.state, player.scene
    lines = [f"role {state.role} · scene {scene.id} ({scene.title}) at {scene.span} · turn {state.turn}"]
    for name in sorted(state.variables):
        variable = player.story.variables.get(name)
        bounds = ""
        if variable is not None and variable.type == "int":
            bounds = f"  ({variable.min}..{variable.max})"
        lines.append(f"  {name} = {_shown(state.variables[name])}{bounds}")
    return tuple(lines)


def _shown(value) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)

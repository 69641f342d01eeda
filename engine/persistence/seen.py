"""What a player has seen across all playthroughs, per role: the data behind the branch flowchart.

Stored beside the saves (seen-<story id>.json), written atomically. For each role it records the
scenes visited, the choices offered and taken, the endings found, and for every scene the game
state at the player's latest arrival there, so any past decision can be replayed from exactly that
state.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n.words import _
from ..model import Story
from ..runtime import GameState, Player, StateFormatError
from ..safefile import read_regular
from .saves import SaveError, atomic_write, default_saves_dir

SEEN_VERSION = 1
MAX_SEEN_BYTES = 50_000_000    # a game state per scene and role: far below this


@dataclass
class RoleChart:
    scenes: set[str] = field(default_factory=set)
    offered: set[tuple[str, int]] = field(default_factory=set)
    taken: set[tuple[str, int]] = field(default_factory=set)
    endings: set[str] = field(default_factory=set)
    arrivals: dict[str, dict] = field(default_factory=dict)   # scene id -> GameState dict

    def to_json(self) -> dict:
        return {"scenes": sorted(self.scenes), "offered": sorted(map(list, self.offered)),
                "taken": sorted(map(list, self.taken)), "endings": sorted(self.endings), "arrivals": self.arrivals}

    @classmethod
    def from_json(cls, data: dict) -> "RoleChart":
        chart = cls(set(map(str, data.get("scenes", []))),
                    {(str(s), int(i)) for s, i in data.get("offered", [])},
                    {(str(s), int(i)) for s, i in data.get("taken", [])},
                    set(map(str, data.get("endings", []))), {})
        for scene, state in dict(data.get("arrivals", {})).items():
            try:
                GameState.from_dict(state)
                chart.arrivals[str(scene)] = state
            except StateFormatError:
                continue  # one damaged entry loses only that entry
        return chart


class SeenStore:
    def __init__(self, story: Story, directory: Path | None = None):
        self.story = story
        self.path = Path(directory or default_saves_dir()) / f"seen-{story.id}.json"
        self.roles: dict[str, RoleChart] = {}
        self.damaged = False
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(read_regular(self.path, MAX_SEEN_BYTES).decode("utf-8"))
            if data.get("version") != SEEN_VERSION:
                raise ValueError("unknown version")
            self.roles = {r: RoleChart.from_json(d) for r, d in data.get("roles", {}).items()}
        except FileNotFoundError:
            self.roles = {}
        except (OSError, ValueError, TypeError, AttributeError, RecursionError):
            # Unreadable history is not fatal: start afresh but never overwrite the damaged file.
            self.roles = {}
            self.damaged = True

    def chart(self, role: str) -> RoleChart:
        return self.roles.setdefault(role, RoleChart())

    def record(self, player: Player, save: bool = True) -> None:
        """Note the player's current scene, what it offers, and the choice that led here."""
        chart = self.chart(player.state.role)
        scene = player.scene
        chart.scenes.add(scene.id)
        chart.arrivals[scene.id] = player.state.to_dict()
        if scene.is_ending:
            chart.endings.add(scene.id)
        for choice in player.available():
            chart.offered.add((scene.id, choice.index))
        if player.state.log:
            chart.taken.add(tuple(player.state.log[-1]))
        if save:
            self.save()

    def save(self) -> None:
        if self.damaged:
            return
        data = {"version": SEEN_VERSION, "story": self.story.id,
                "roles": {r: c.to_json() for r, c in self.roles.items()}}
        try:
            atomic_write(self.path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
        except OSError as exc:
            raise SaveError(_("could not record the flowchart: {error}").format(error=exc.strerror or exc)) from None

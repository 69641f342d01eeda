"""One player's game in the window: the Player, what has been read, saves and the flowchart's memory.

Screens share it through the app; it draws nothing and imports no pygame.
"""
from __future__ import annotations

import os
import time

from ...i18n.words import _
from ...markup import links, plain
from ...persistence import AUTOSAVE, SaveDiverged, SaveError, SaveStore, atomic_write, autosave_slot, replay
from ...persistence.seen import SeenStore
from ...runtime import Game, GameState, Player
from ..text import long_date


class Playthrough:
    def __init__(self, game: Game, store: SaveStore, seen: SeenStore, seed: int | None = None):
        self.game = game
        self.story = game.story
        self.store = store
        self.seen = seen
        self.seed = seed
        self.player: Player | None = None
        self.backlog: list[str] = []
        self.started_at = time.monotonic()
        self.played_before = 0.0   # play time carried in by a loaded save
        self.autosave_error = ""
        # Where play began when an author warped (play --scene, the debug console), else None. Such
        # play is not autosaved or remembered by the flowchart: a save replays from the role's start.
        self.origin: GameState | None = None

    def title_of(self, cid: str) -> str:
        entry = self.story.codex.get(cid)
        return entry.title if entry else cid

    def play_seconds(self) -> float:
        return self.played_before + time.monotonic() - self.started_at

    # -- starting and loading -----------------------------------------------------------------------
    def _take(self, player: Player, played_before: float = 0.0) -> None:
        if self.player:
            self.player.close()
        self.player = player
        self.backlog = []
        self.started_at = time.monotonic()
        self.played_before = played_before
        self.origin = None

    def new_seed(self) -> int:
        return self.seed if self.seed is not None else int.from_bytes(os.urandom(4), "big")

    def start(self, role: str) -> None:
        self._take(self.game.new_player(role, self.new_seed()))
        self.arrived()

    def take_warp(self, player: Player) -> None:
        """Play from where an author put `player` (play --scene, the debug console's goto and set)."""
        backlog = self.backlog
        self._take(player)
        self.backlog = backlog + [_("(moved by the debug console)")] if backlog else []
        self.origin = player.state.copy()
        self.arrived()

    def take_story(self, game: Game, seen: SeenStore) -> None:
        """play --watch: the edited story (the player moves onto it by take_carried)."""
        self.game, self.story, self.seen = game, game.story, seen

    def take_carried(self, carried) -> None:
        """play --watch: the player carried onto the edited story (authoring.watch.carry_over)."""
        if self.player:
            self.player.close()
        self.player, self.origin = carried.player, carried.origin
        self.backlog.append(_("(the story was edited)"))

    def load(self, slot: str) -> str:
        """Load a save; returns a message for the player ("" when all went as asked). Raises SaveError."""
        message = ""
        try:
            player = self.store.load(self.game, slot)
        except SaveDiverged as exc:
            player = self.game.resume(exc.nearest)
            message = str(exc)
        try:
            played = float(self.store.read(slot)["meta"].get("play_seconds", 0.0))
        except (SaveError, TypeError, ValueError):
            played = 0.0
        self._take(player, played)
        self.arrived()
        return message

    def replay_from(self, role: str, scene_id: str) -> None:
        """Restore the exact state of the latest arrival at `scene_id` and play on from there."""
        arrival = self.seen.chart(role).arrivals.get(scene_id)
        if arrival is None:
            raise SaveError(_("That scene has not been reached yet."))
        player = replay(self.game, GameState.from_dict(arrival))
        self._take(player)
        self.backlog = [_("(replaying from {scene})").format(scene=self.story.scenes[scene_id].title)]
        self.arrived()

    # -- play ------------------------------------------------------------------------------------------
    def arrived(self) -> None:
        """A new scene is on: note it in the history and in the flowchart's memory."""
        frame = self.player.frame()
        self.backlog.append(f"— {frame.title} ({long_date(frame.date)}, {frame.time}) —")
        self.backlog += [plain(p, self.title_of) for p in frame.paragraphs]
        if self.origin is not None:
            return
        try:
            self.seen.record(self.player)
        except SaveError:
            pass   # the flowchart's memory is a convenience; play goes on
        self.autosave_error = ""
        try:
            self.autosave()
        except SaveError as exc:
            self.autosave_error = _("Autosave failed: {error}").format(error=exc)

    def choose(self, index: int) -> None:
        frame = self.player.frame()
        chosen = next(c for c in frame.choices if c.index == index)
        self.backlog.append(f"> {plain(chosen.text, self.title_of)}")
        self.player.choose(index)
        self.arrived()

    def back(self) -> bool:
        if self.player and self.player.back():
            self.backlog.append(_("(stepped back)"))
            return True
        return False

    def forward(self) -> bool:
        if self.player and self.player.can_go_forward() and self.player.forward():
            self.arrived()
            return True
        return False

    def save(self, slot: str, thumbnail_png: bytes | None = None) -> None:
        self.store.save(self.player, slot, play_seconds=self.play_seconds(), thumbnail_png=thumbnail_png)

    def autosave(self) -> None:
        self.save(autosave_slot(self.player.state.role))

    def autosave_thumbnail(self, png: bytes | None) -> None:
        """The autosave's picture, written once the scene is first drawn (the save itself was written on arrival)."""
        if png is None or self.player is None or self.origin is not None:
            return
        try:
            atomic_write(self.store.path_of(autosave_slot(self.player.state.role)).with_suffix(".png"), png)
        except (OSError, SaveError):
            pass   # a missing picture on a card is no reason to stop play

    # -- what the title screen and the codex need ------------------------------------------------------
    def continue_slot(self) -> str | None:
        """The most recent autosave of any role that is not at an ending (an ending is finished play)."""
        best: tuple[str, str] | None = None
        for info in self.store.slots():
            if info.damaged or not (info.name == AUTOSAVE or info.name.startswith(AUTOSAVE + "-")):
                continue
            try:
                scene = self.store.read(info.path)["state"].get("scene")
            except SaveError:
                continue
            if scene not in self.story.scenes or self.story.scenes[scene].is_ending:
                continue
            stamp = str(info.meta.get("saved_at", ""))
            if best is None or stamp > best[0]:
                best = (stamp, info.name)
        return best[1] if best else None

    def met_codex(self) -> list[str]:
        """Codex entries the player has met: linked from the scenes of this playthrough (or, from the
        title screen, of every playthrough remembered), and from the entries met so far."""
        if self.player:
            scenes = [s for s, _choice in self.player.state.log] + [self.player.state.scene]
        else:
            scenes = [s for chart in self.seen.roles.values() for s in chart.scenes]
        found: list[str] = []
        for sid in dict.fromkeys(scenes):
            scene = self.story.scenes.get(sid)
            if scene is None:
                continue
            texts = [b.text for b in scene.text] + [b.otherwise for b in scene.text] + [c.text for c in scene.choices]
            texts.append(scene.note)
            for text in texts:
                for cid, _label in links(text or ""):
                    if cid in self.story.codex and cid not in found:
                        found.append(cid)
        for cid in list(found):   # entries link to others: one step through them
            for linked, _label in links(self.story.codex[cid].text):
                if linked in self.story.codex and linked not in found:
                    found.append(linked)
        return sorted(found, key=lambda c: self.story.codex[c].title.lower())

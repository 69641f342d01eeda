"""The game window: title, role selection, scenes, menu, settings, backlog, codex, note, ending.

The loop redraws only when something changed (an event, or the typewriter still revealing), and
otherwise blocks in `pygame.event.wait`, so an idle window uses almost no CPU. All layout is computed
from the window size; text wraps with pygame-ce's `wraplength`.
"""
from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass
from datetime import date as _date
from pathlib import Path

import pygame

from ...markup import plain
from ...persistence import AUTOSAVE, QUICKSAVE, SaveDiverged, SaveError, SaveStore, replay
from ...persistence.seen import SeenStore
from ...checker.graph import reachable_from
from ...runtime import Game, Player
from ..text import long_date
from . import richtext
from .theme import CONTRAST, PAPER, Fonts, Settings

MIN_SIZE = (960, 540)
IDLE_POLL_SECONDS = 0.025


@dataclass
class Button:
    rect: pygame.Rect
    label: str
    action: object


class App:
    def __init__(self, game: Game, role: str | None = None, seed: int | None = None,
                 size: tuple[int, int] = (1280, 720), saves: SaveStore | None = None):
        self.game = game
        self.story = game.story
        self.store = saves or SaveStore()
        self.settings_path = self.store.base / "settings.json"
        self.settings = Settings.load(self.settings_path)
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption(self.story.title)
        flags = pygame.RESIZABLE | (pygame.FULLSCREEN if self.settings.fullscreen else 0)
        self.surface = pygame.display.set_mode(size, flags)
        pygame.key.set_repeat(300, 40)
        self.fonts = Fonts()
        self.seed = seed
        self.player: Player | None = None
        self.screen = "title"       # title | roles | scene | menu | settings | backlog | codex | note | saves
        self.overlay_from = "scene"
        self.focus = 0
        self.buttons: list[Button] = []
        self.backlog: list[str] = []
        self.reveal_start = 0.0
        self.revealed_all = True
        self.scroll = 0
        self.message = ""
        self.started_at = time.monotonic()
        self.dirty = True
        self.running = True
        self.frames_drawn = 0
        self._image_cache: dict[tuple[str, tuple[int, int], bool], pygame.Surface] = {}
        self._text_cache: dict[tuple, pygame.Surface] = {}
        self.seen = SeenStore(self.story, self.store.directory)
        self.chart_role: str | None = None
        self.chart_nodes: list[tuple[pygame.Rect, str]] = []
        self.links: list[tuple[pygame.Rect, str]] = []
        self.codex_focus: str | None = None
        self.slot_mode = "load"
        self.reveal_rect: pygame.Rect | None = None
        self.page = 0
        self.page_count = 1
        self.reveal_cursor: pygame.Rect | None = None
        self.full_redraw = True
        self.game_snapshot: pygame.Surface | None = None
        self.classroom = None
        if role:
            self.start_role(role)

    # -- helpers -----------------------------------------------------------------------------------
    @property
    def pal(self):
        return CONTRAST if self.settings.high_contrast else PAPER

    def px(self, fraction: float) -> int:
        """A font size as a fraction of the window height, scaled by the text-size setting."""
        return max(10, int(self.surface.get_height() * fraction * self.settings.text_scale))

    def text(self, s: str, face: str, size: int, colour, width: int = 0, centred: bool = False) -> pygame.Surface:
        key = (s, face, size, colour, width, centred)
        surf = self._text_cache.get(key)
        if surf is None:
            font = self.fonts.get(face, size)
            font.align = pygame.FONT_CENTER if centred else pygame.FONT_LEFT
            surf = font.render(s, True, colour, None, width) if width else font.render(s, True, colour)
            font.align = pygame.FONT_LEFT
            if len(self._text_cache) > 600:
                self._text_cache.clear()
            self._text_cache[key] = surf
        return surf

    def title_of(self, cid: str) -> str:
        entry = self.story.codex.get(cid)
        return entry.title if entry else cid

    def image(self, art_id: str, size: tuple[int, int]) -> pygame.Surface | None:
        key = (art_id, size, self.settings.high_contrast)
        if key in self._image_cache:
            return self._image_cache[key]
        surf = None
        try:
            from ... import art
            pil = art.render(art_id, size, assets_dir=Path(self.story.assets_dir))
            if self.settings.high_contrast:
                pil = pil.convert("L").convert("RGB")
            surf = pygame.image.frombytes(pil.tobytes(), pil.size, "RGB").convert()
        except Exception:  # a missing or broken picture must never stop play
            surf = None
        self._image_cache[key] = surf
        return surf

    def scene_image_size(self) -> tuple[int, int]:
        w, h = self.surface.get_size()
        top = int(h * 0.075) + max(3, h // 180)
        margin = int(w * 0.03)
        return int(w * 0.38), h - top - 2 * margin

    def prefetch_images(self) -> None:
        """Render the pictures of the scenes the current choices lead to, in the background, so the
        next scene opens without waiting (a first render costs 0.3-0.5 s; the disk cache makes it fast)."""
        if not self.player:
            return
        size = self.scene_image_size()
        wanted = {self.story.scenes[c.target].image for c in self.player.available() if c.target in self.story.scenes}
        wanted = [i for i in wanted if i and (i, size, self.settings.high_contrast) not in self._image_cache]
        if not wanted:
            return

        def warm(ids=wanted, assets=Path(self.story.assets_dir)):
            from ... import art
            for art_id in ids:
                try:
                    art.render(art_id, size, assets_dir=assets)
                except Exception:
                    pass  # the scene itself will report nothing worse than a blank frame
        threading.Thread(target=warm, daemon=True).start()

    # -- state changes -------------------------------------------------------------------------------
    def start_role(self, role: str) -> None:
        if self.player:
            self.player.close()
        seed = self.seed if self.seed is not None else int.from_bytes(os.urandom(4), "big")
        self.player = self.game.new_player(role, seed)
        self.backlog = []
        self.started_at = time.monotonic()
        self.enter_scene()

    def enter_scene(self) -> None:
        self.screen = "scene"
        self.focus = 0
        self.scroll = 0
        frame = self.player.frame()
        self.backlog.append(f"— {frame.title} ({long_date(frame.date)}, {frame.time}) —")
        self.backlog += [plain(p, self.title_of) for p in frame.paragraphs]
        self.reveal_start = time.monotonic()
        self.reveal_cursor = self.reveal_rect = None
        self.full_redraw = True
        self.page = 0
        self.page_count = 1
        self.revealed_all = self.settings.text_speed == 0 or self.settings.reduced_motion
        self.prefetch_images()
        if frame.show_map:
            self.open("map")   # the story asks for the map here; Esc returns to the scene
        try:
            self.store.save(self.player, AUTOSAVE, play_seconds=time.monotonic() - self.started_at)
            self.seen.record(self.player)
        except SaveError as exc:
            self.message = f"Autosave failed: {exc}"
        self.dirty = True

    def choose(self, index: int) -> None:
        frame = self.player.frame()
        chosen = next(c for c in frame.choices if c.index == index)
        self.backlog.append(f"> {chosen.text}")
        self.player.choose(index)
        self.enter_scene()

    def step_back(self) -> None:
        if self.player and self.player.back():
            self.backlog.append("(stepped back)")
            self.enter_scene()
        else:
            self.message = "This is the first decision of the playthrough."

    def open_codex(self, codex_id: str) -> None:
        entries = sorted(self.story.codex.values(), key=lambda e: e.title.lower())
        ids = [e.id for e in entries]
        self.open("codex")
        self.scroll = ids.index(codex_id) if codex_id in ids else 0
        self.codex_focus = codex_id

    def open_chart(self) -> None:
        self.chart_role = self.player.state.role if self.player else next(iter(self.story.roles), None)
        self.open("chart")

    def replay_from(self, scene_id: str) -> None:
        """Restore the exact state of the latest arrival at `scene_id` and play on from there."""
        arrival = self.seen.chart(self.chart_role).arrivals.get(scene_id)
        if arrival is None:
            return
        from ...runtime import GameState
        try:
            player = replay(self.game, GameState.from_dict(arrival))
        except SaveError as exc:
            self.message = str(exc)
            return
        if self.player:
            self.player.close()
        self.player = player
        self.backlog = [f"(replaying from {self.story.scenes[scene_id].title})"]
        self.enter_scene()

    def quicksave(self) -> None:
        if self.player:
            self.save_to(QUICKSAVE)
        self.dirty = True

    def load(self, slot: str) -> None:
        try:
            player = self.store.load(self.game, slot)
        except SaveDiverged as exc:
            player = self.game.resume(exc.nearest)
            self.message = str(exc)
        except SaveError as exc:
            self.message = f"Not loaded: {exc}"
            self.dirty = True
            return
        if self.player:
            self.player.close()
        self.player = player
        self.backlog = []
        self.enter_scene()

    def set_setting(self, name: str, value) -> None:
        setattr(self.settings, name, value)
        self.settings.save(self.settings_path)
        self._text_cache.clear()
        self._image_cache.clear()
        self.__dict__.pop("_layout_cache", None)
        if name == "fullscreen":
            self.toggle_fullscreen(value)
        self.dirty = True

    def toggle_fullscreen(self, on: bool) -> None:
        try:
            flags = pygame.FULLSCREEN if on else pygame.RESIZABLE
            size = (0, 0) if on else (1280, 720)
            self.surface = pygame.display.set_mode(size, flags)
        except pygame.error:
            pass

    # -- the loop ----------------------------------------------------------------------------------------
    def animating(self) -> bool:
        return self.screen == "scene" and not self.revealed_all

    def run(self) -> int:
        clock = pygame.time.Clock()
        while self.running:
            if self.animating():
                events = pygame.event.get()
                self.dirty = True
            else:
                # pygame's event.wait() polls internally and cost ~2.8% of a core while idle (measured);
                # sleeping 25 ms between polls costs ~0.5% and keeps input latency under a frame or two.
                events = pygame.event.get()
                if not events:
                    time.sleep(IDLE_POLL_SECONDS)
            for event in events:
                if event.type != pygame.NOEVENT:
                    self.handle(event)
                    self.full_redraw = True
            if self.dirty and self.running:
                partial = self.animating() and self.reveal_rect is not None and not self.full_redraw
                self.full_redraw = False
                self.draw()
                if partial:   # typewriter frames change only the text: send only that to the display
                    pygame.display.update(self.reveal_rect)
                else:
                    pygame.display.flip()
                self.dirty = False
                if self.animating():
                    clock.tick(60)
        if self.player:
            self.player.close()
        pygame.quit()
        return 0

    def step(self, events: list) -> None:
        """Handle events and draw once: what headless tests drive instead of run()."""
        for event in events:
            self.handle(event)
        if self.dirty:
            self.draw()
            self.dirty = False

    # -- input -----------------------------------------------------------------------------------------
    def handle(self, event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWRESIZED, pygame.WINDOWEXPOSED):
            self.dirty = True
            return
        if self.screen == "classroom":
            self.classroom.handle(event)
            return
        if event.type == pygame.KEYDOWN:
            self.key(event.key)
            self.dirty = True
        elif event.type == pygame.MOUSEMOTION:
            for n, b in enumerate(self.buttons):
                if b.rect.collidepoint(event.pos) and self.focus != n:
                    self.focus = n
                    self.dirty = True
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self.screen == "scene" and not self.revealed_all:
                self.revealed_all = True
            elif self.screen == "scene" and any(r.collidepoint(event.pos) for r, _ in self.links):
                self.open_codex(next(cid for r, cid in self.links if r.collidepoint(event.pos)))
            elif self.screen == "scene" and self.page < self.page_count - 1:
                self.next_page()
            elif self.screen == "chart" and any(r.collidepoint(event.pos) for r, _ in self.chart_nodes):
                self.replay_from(next(sid for r, sid in self.chart_nodes if r.collidepoint(event.pos)))
            else:
                for b in self.buttons:
                    if b.rect.collidepoint(event.pos):
                        self.activate(b)
                        break
            self.dirty = True
        elif event.type == pygame.MOUSEWHEEL:
            # As in Ren'Py: the wheel rolls the story back and forward; Page Up opens the history.
            if self.screen == "scene" and event.y > 0:
                self.step_back()
            elif self.screen == "scene" and event.y < 0 and self.player.can_go_forward():
                self.player.forward()
                self.enter_scene()
            elif self.screen in ("backlog", "codex"):
                self.scroll = max(0, self.scroll - event.y * 3)
            self.dirty = True

    def open(self, screen: str) -> None:
        if self.screen in ("scene", "title", "menu"):
            self.overlay_from = self.screen
        self.screen = screen
        self.focus = 0
        self.scroll = 0
        self.dirty = True

    def back_out(self) -> None:
        if self.screen in ("backlog", "codex", "note", "settings", "saves", "chart", "map"):
            self.screen = self.overlay_from if self.overlay_from != "menu" or self.player else "title"
        elif self.screen == "menu":
            self.screen = "scene"
        elif self.screen == "roles":
            self.screen = "title"
        elif self.screen == "scene":
            self.open("menu")
        self.focus = 0
        self.dirty = True

    def key(self, key: int) -> None:
        if key == pygame.K_F11:
            self.set_setting("fullscreen", not self.settings.fullscreen)
            return
        if key == pygame.K_F5:
            self.quicksave()
            return
        if key == pygame.K_F9:
            self.load(QUICKSAVE)
            return
        if key == pygame.K_ESCAPE:
            self.back_out()
            return
        if self.screen == "scene":
            if not self.revealed_all and key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_RIGHT):
                self.revealed_all = True
                return
            if key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_RIGHT, pygame.K_PAGEDOWN) \
                    and self.next_page():
                return
            if key == pygame.K_LEFT and self.page > 0:
                self.page -= 1
                self.revealed_all = True
                return
            if key == pygame.K_n:
                self.open("note")
                return
            if key == pygame.K_c:
                self.open("codex")
                return
            if key in (pygame.K_PAGEUP, pygame.K_h):
                self.open("backlog")
                return
            if key == pygame.K_BACKSPACE:
                self.step_back()
                return
            if key == pygame.K_f:
                self.open_chart()
                return
            if key == pygame.K_m:
                self.open("map")
                return
            if pygame.K_1 <= key <= pygame.K_9:
                n = key - pygame.K_1
                choices = self.player.frame().choices
                if n < len(choices):
                    self.choose(choices[n].index)
                elif n < len(self.buttons):
                    self.activate(self.buttons[n])
                return
        if self.screen == "chart":
            if key == pygame.K_r:
                roles = list(self.story.roles)
                self.chart_role = roles[(roles.index(self.chart_role) + 1) % len(roles)]
                self.focus = 0
            elif key in (pygame.K_RIGHT, pygame.K_DOWN, pygame.K_TAB) and self.chart_nodes:
                self.focus = (self.focus + 1) % len(self.chart_nodes)
            elif key in (pygame.K_LEFT, pygame.K_UP) and self.chart_nodes:
                self.focus = (self.focus - 1) % len(self.chart_nodes)
            elif key in (pygame.K_RETURN, pygame.K_KP_ENTER) and self.chart_nodes:
                self.replay_from(self.chart_nodes[min(self.focus, len(self.chart_nodes) - 1)][1])
            return
        if self.screen == "saves" and key in (pygame.K_UP, pygame.K_DOWN) and self.buttons:
            step = -self.SLOT_COLUMNS if key == pygame.K_UP else self.SLOT_COLUMNS
            self.focus = (self.focus + step) % len(self.buttons)
            return
        if self.screen in ("backlog", "codex"):
            if key in (pygame.K_PAGEUP, pygame.K_UP):
                self.scroll = max(0, self.scroll - (10 if key == pygame.K_PAGEUP else 1))
                return
            if key in (pygame.K_PAGEDOWN, pygame.K_DOWN):
                self.scroll += 10 if key == pygame.K_PAGEDOWN else 1
                return
        if key in (pygame.K_DOWN, pygame.K_TAB, pygame.K_RIGHT) and self.buttons:
            self.focus = (self.focus + 1) % len(self.buttons)
        elif key in (pygame.K_UP, pygame.K_LEFT) and self.buttons:
            self.focus = (self.focus - 1) % len(self.buttons)
        elif key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and self.buttons:
            self.activate(self.buttons[min(self.focus, len(self.buttons) - 1)])

    def activate(self, button: Button) -> None:
        action = button.action
        self.dirty = True
        if callable(action):
            action()

    # -- drawing ---------------------------------------------------------------------------------------
    def draw(self) -> None:
        self.frames_drawn += 1
        pal = self.pal
        self.surface.fill(pal.paper)
        self.buttons = []
        getattr(self, f"draw_{self.screen}")()
        if self.screen == "scene":
            self.game_snapshot = self.surface.copy()
        if self.message:
            w, h = self.surface.get_size()
            msg = self.text(self.message, "OldStandard-Italic", self.px(0.026), pal.red, int(w * 0.9))
            self.surface.blit(msg, (int(w * 0.05), h - msg.get_height() - int(h * 0.012)))

    def rule(self, y: int, colour=None, thick: int = 2) -> None:
        w = self.surface.get_width()
        pygame.draw.rect(self.surface, colour or self.pal.ink, (int(w * 0.04), y, int(w * 0.92), thick))

    def menu_buttons(self, items: list[tuple[str, object]], top: int, width_frac: float = 0.34) -> None:
        w, h = self.surface.get_size()
        size = self.px(0.036)
        bw = int(w * width_frac)
        bh = int(size * 1.7)
        x = (w - bw) // 2
        for n, (label, action) in enumerate(items):
            rect = pygame.Rect(x, top + n * int(bh * 1.18), bw, bh)
            self.draw_button(rect, label, n == self.focus, size, centre=True)
            self.buttons.append(Button(rect, label, action))

    def draw_button(self, rect: pygame.Rect, label: str, focused: bool, size: int, centre: bool = False) -> None:
        pal = self.pal
        if focused:
            pygame.draw.rect(self.surface, pal.red, rect)
            colour = pal.paper
        else:
            pygame.draw.rect(self.surface, pal.highlight, rect)
            pygame.draw.rect(self.surface, pal.ink, rect, 2)
            colour = pal.ink
        pad = int(size * 0.6)
        surf = self.text(label, "OldStandard-Regular", size, colour, rect.width - 2 * pad)
        if centre:
            self.surface.blit(surf, (rect.centerx - surf.get_width() // 2, rect.centery - surf.get_height() // 2))
        else:
            self.surface.blit(surf, (rect.x + pad, rect.centery - surf.get_height() // 2))

    TITLE_ART = "places/aurora_neva"

    def draw_title(self) -> None:
        w, h = self.surface.get_size()
        pal = self.pal
        margin = int(w * 0.04)
        img_w = int(w * 0.5)
        img = self.image(self.TITLE_ART, (img_w, h - 2 * margin))
        if img:
            self.surface.blit(img, (margin, margin))
            pygame.draw.rect(self.surface, pal.ink, (margin, margin, img_w, h - 2 * margin), 2)
            cx = margin * 2 + img_w + (w - (margin * 3 + img_w)) // 2
        else:
            cx = w // 2
        col_w = w - (margin * 3 + img_w) if img else int(w * 0.6)
        banner = self.text("ПЕТРОГРАДЪ · 1917", "OldStandard-Bold", self.px(0.03), pal.red)
        self.surface.blit(banner, (cx - banner.get_width() // 2, int(h * 0.08)))
        title = self.text(self.story.title.upper(), "OldStandard-Bold", self.px(0.075), pal.ink, col_w, centred=True)
        self.surface.blit(title, (cx - title.get_width() // 2, int(h * 0.08) + banner.get_height()))
        y = int(h * 0.08) + banner.get_height() + title.get_height()
        if self.story.subtitle:
            sub = self.text(self.story.subtitle, "OldStandard-Italic", self.px(0.03), pal.faint, col_w, centred=True)
            self.surface.blit(sub, (cx - sub.get_width() // 2, y))
            y += sub.get_height()
        y += int(h * 0.025)
        pygame.draw.rect(self.surface, pal.red, (cx - col_w // 2 + margin, y, col_w - 2 * margin, 3))
        has_autosave = (self.store.directory / f"{AUTOSAVE}.json").exists()
        items = [("New game", lambda: self.open("roles"))]
        if has_autosave:
            items.append(("Continue", lambda: self.load(AUTOSAVE)))
        items += [("Load", lambda: self.open_slots("load")), ("Classroom", self.open_classroom),
                  ("Codex", lambda: self.open("codex")), ("Settings", lambda: self.open("settings")),
                  ("Quit", self.quit)]
        size = self.px(0.033)
        bw = min(col_w - 2 * margin, int(w * 0.3))
        bh = int(size * 1.6)
        top = y + int(h * 0.04)
        step = min(int(bh * 1.2), (h - margin - top) // max(1, len(items)))
        for n, (label, action) in enumerate(items):
            rect = pygame.Rect(cx - bw // 2, top + n * step, bw, min(bh, step - 4))
            self.draw_button(rect, label, n == self.focus, size, centre=True)
            self.buttons.append(Button(rect, label, action))

    def open_classroom(self) -> None:
        from . import classroom
        classroom.open(self)

    def draw_classroom(self) -> None:
        self.classroom.draw()

    def quit(self) -> None:
        self.running = False

    def draw_roles(self) -> None:
        w, h = self.surface.get_size()
        pal = self.pal
        head = self.text("Choose who you will be", "OldStandard-Bold", self.px(0.05), pal.ink)
        self.surface.blit(head, (int(w * 0.05), int(h * 0.04)))
        roles = list(self.story.roles.values())
        left_w = int(w * 0.36)
        size = self.px(0.03)
        bh = int(size * 2.0)
        top = int(h * 0.15)
        for n, role in enumerate(roles):
            rect = pygame.Rect(int(w * 0.05), top + n * int(bh * 1.15), left_w, bh)
            self.draw_button(rect, f"{n + 1}. {role.name}", n == self.focus, size)
            self.buttons.append(Button(rect, role.name, lambda r=role.id: self.start_role(r)))
        if not roles:
            return
        role = roles[min(self.focus, len(roles) - 1)]
        x = int(w * 0.45)
        pw = int(w * 0.5)
        portrait_h = int(h * 0.52)
        img = self.image(role.portrait, (int(portrait_h * 0.8), portrait_h)) if role.portrait else None
        y = top
        if img:
            self.surface.blit(img, (x, y))
            pygame.draw.rect(self.surface, pal.ink, (x, y, img.get_width(), img.get_height()), 2)
            tx = x + img.get_width() + int(w * 0.02)
        else:
            tx = x
        tw = w - tx - int(w * 0.05)
        name = self.text(role.title, "OldStandard-Bold", self.px(0.036), pal.ink, tw)
        self.surface.blit(name, (tx, y))
        y2 = y + name.get_height() + int(h * 0.015)
        meta = f"Starts: {role.starts}" + (f"  ·  about {role.minutes} minutes" if role.minutes else "")
        m = self.text(meta, "OldStandard-Italic", self.px(0.026), pal.red, tw)
        self.surface.blit(m, (tx, y2))
        # The biography goes under the title, beside the portrait; it runs below it only if it must.
        bio = self.text(role.biography or role.description, "OldStandard-Regular", self.px(0.028), pal.ink, tw)
        self.surface.blit(bio, (tx, y2 + m.get_height() + int(h * 0.02)))
        hint = self.text("↑/↓ to look, Enter or click to begin, Esc to go back", "OldStandard-Italic",
                         self.px(0.022), pal.faint)
        self.surface.blit(hint, (int(w * 0.05), h - hint.get_height() - int(h * 0.04)))

    def header(self, frame) -> int:
        w, h = self.surface.get_size()
        pal = self.pal
        band = int(h * 0.075)
        pygame.draw.rect(self.surface, pal.ink, (0, 0, w, band))
        when = f"{long_date(frame.date)}  ·  {frame.time}"
        left = self.text(when.upper(), "OldStandard-Bold", self.px(0.028), pal.paper)
        self.surface.blit(left, (int(w * 0.03), (band - left.get_height()) // 2))
        place = self.text(frame.place, "OldStandard-Italic", self.px(0.028), pal.paper)
        self.surface.blit(place, (w - place.get_width() - int(w * 0.03), (band - place.get_height()) // 2))
        # The calendar strip: how far through the story's days we are (10 to 26 October).
        pygame.draw.rect(self.surface, pal.red, (0, band, self.clock_fraction(frame) * w, max(3, h // 180)))
        return band + max(3, h // 180)

    def clock_fraction(self, frame) -> float:
        try:
            start = _date.fromisoformat(self.story.calendar_start or frame.date)
            day = _date.fromisoformat(frame.date)
            hours, minutes = (int(x) for x in frame.time.split(":"))
        except ValueError:
            return 0.0
        elapsed = (day - start).days * 24 + hours + minutes / 60
        return max(0.0, min(1.0, elapsed / (17 * 24)))

    def draw_scene(self) -> None:
        w, h = self.surface.get_size()
        pal = self.pal
        frame = self.player.frame()
        top = self.header(frame)
        margin = int(w * 0.03)
        img_w, img_h = self.scene_image_size()
        img = self.image(frame.image, (img_w, img_h))
        if img:
            self.surface.blit(img, (margin, top + margin))
        else:
            pygame.draw.rect(self.surface, pal.paper_dark, (margin, top + margin, img_w, img_h))
        pygame.draw.rect(self.surface, pal.ink, (margin, top + margin, img_w, img_h), 2)
        x = margin * 2 + img_w
        tw = w - x - margin
        y = top + margin
        title = self.text(frame.title, "OldStandard-Bold", self.px(0.045), pal.ink, tw)
        self.surface.blit(title, (x, y))
        y += title.get_height() + int(h * 0.01)
        if frame.counterfactual:
            cf = self.text("This scene leaves recorded history: press N for what really happened.",
                           "OldStandard-Italic", self.px(0.024), pal.red, tw)
            self.surface.blit(cf, (x, y))
            y += cf.get_height() + int(h * 0.008)
        if frame.content_note:
            cn = self.text(f"Content note: {frame.content_note}", "OldStandard-Italic", self.px(0.024), pal.red, tw)
            self.surface.blit(cn, (x, y))
            y += cn.get_height() + int(h * 0.008)
        # Choices are laid out from the bottom up so the text above gets what is left.
        size = self.px(0.029)
        choice_rects = []
        bottom = h - margin
        items = [(f"{c.number}. {c.text}" + ("  †" if c.counterfactual else ""), c.index) for c in frame.choices]
        if frame.is_ending:
            items = [("Back to the title", "title"), ("Play another role", "roles")]
        pad = int(size * 0.5)
        for label, action in reversed(items):
            surf_h = self.text(label, "OldStandard-Regular", size, pal.ink, tw - 2 * pad - 4).get_height()
            rect = pygame.Rect(x, bottom - surf_h - 2 * pad, tw, surf_h + 2 * pad)
            choice_rects.insert(0, (rect, label, action))
            bottom = rect.y - int(h * 0.01)
        body_size = self.px(0.03)
        hint_h = self.fonts.get("OldStandard-Italic", self.px(0.022)).get_linesize()
        prompt_h = self.fonts.get("OldStandard-Italic", self.px(0.024)).get_linesize()
        pages = self.scene_pages(frame, tw, body_size, h - margin - hint_h - prompt_h - int(h * 0.01) - y, bottom - y)
        self.page_count = len(pages)
        self.page = min(self.page, len(pages) - 1)
        budget = None if self.revealed_all else self.reveal_budget()
        self.links = []
        cursor: pygame.Rect | None = None   # the line the typewriter is writing on
        for line in pages[self.page]:
            if budget is not None and budget <= 0:
                break
            words = line.words if budget is None else [wd for wd in line.words if wd.offset_in_page < budget]
            if not words:
                break   # the typewriter has not reached this line yet
            self.links += richtext.blit(self.surface, words, (x, y), pal.red)
            cursor = pygame.Rect(x, y, tw, line.height)
            y += line.height + line.gap_after
        page_chars = sum(l.chars for l in pages[self.page])
        if budget is not None and cursor is not None:
            # Only the line being written and the one before it change between typewriter frames.
            previous = self.reveal_cursor or cursor
            self.reveal_rect = cursor.union(previous)
            self.reveal_cursor = cursor
        if budget is not None and budget >= page_chars:
            self.revealed_all = True
            self.full_redraw = True   # the choices (or the page prompt) appear: show the whole window
        if self.page < self.page_count - 1:
            if self.revealed_all:
                more = self.text(f"Page {self.page + 1} of {self.page_count} · Space, Enter, click or → to read on",
                                 "OldStandard-Italic", self.px(0.024), pal.red)
                self.surface.blit(more, (x, h - margin - hint_h - more.get_height()))
            choice_rects = []
        if self.revealed_all:
            for n, (rect, label, action) in enumerate(choice_rects):
                self.draw_button(rect, label, n == self.focus, size)
                if action == "title":
                    act = lambda: setattr(self, "screen", "title")
                elif action == "roles":
                    act = lambda: self.open("roles")
                else:
                    act = (lambda i=action: self.choose(i))
                self.buttons.append(Button(rect, label, act))
        hint = "Esc menu · N note · C codex · PgUp history · F flowchart · M map · Backspace/wheel step back · F5 save"
        hs = self.text(hint, "OldStandard-Italic", self.px(0.02), pal.faint)
        self.surface.blit(hs, (margin, h - hs.get_height() - int(margin * 0.25)))

    def scene_pages(self, frame, width: int, size: int, page_height: int, last_page_height: int):
        """The scene's text split into pages that fit the panel; the last page leaves room for the choices."""
        key = (frame.scene_id, frame.turn, width, size, page_height, last_page_height, self.settings.high_contrast)
        cached = self.__dict__.get("_pages_cache")
        if cached and cached[0] == key:
            return cached[1]
        pal = self.pal
        paragraphs = list(frame.paragraphs)
        if frame.is_ending:
            kind = "The historical ending" if frame.ending_historical else "An ending"
            paragraphs = [f"*{kind}: {frame.ending_title}*"] + ([frame.ending_summary] if frame.ending_summary else []) \
                + paragraphs + ([f"What really happened: {frame.note}"] if frame.note else [])
        line_h = self.fonts.get("OldStandard-Regular", size).get_linesize()
        lines = []
        for para in paragraphs:
            placed, _ = richtext.layout_cached(self, para, width, size, pal.ink, pal.red, None, self.title_of)
            lines += richtext.lines_of(placed, line_h, int(size * 0.6))
        pages = richtext.paginate(lines, page_height, last_page_height) if lines else [[]]
        for page in pages:   # the typewriter counts characters from the top of each page
            count = 0
            for line in page:
                for word in line.words:
                    word.offset_in_page = count
                    count += word.length
        self._pages_cache = (key, pages)
        return pages

    def next_page(self) -> bool:
        if self.page < self.page_count - 1:
            self.page += 1
            self.reveal_start = time.monotonic()
            self.reveal_cursor = self.reveal_rect = None
            self.revealed_all = self.settings.text_speed == 0 or self.settings.reduced_motion
            self.full_redraw = True
            return True
        return False

    def reveal_budget(self) -> int:
        """How many characters the typewriter has revealed so far."""
        return int((time.monotonic() - self.reveal_start) * self.settings.text_speed)

    def overlay_page(self, heading: str, lines: list[str], hint: str) -> None:
        w, h = self.surface.get_size()
        pal = self.pal
        head = self.text(heading, "OldStandard-Bold", self.px(0.05), pal.ink)
        self.surface.blit(head, (int(w * 0.06), int(h * 0.05)))
        self.rule(int(h * 0.05) + head.get_height() + 6, pal.red, 3)
        y = int(h * 0.05) + head.get_height() + int(h * 0.04)
        bottom = h - int(h * 0.09)
        tw = int(w * 0.88)
        self.scroll = min(self.scroll, max(0, len(lines) - 1))
        for line in lines[self.scroll:]:
            surf = self.text(line, "OldStandard-Regular", self.px(0.028), pal.ink, tw)
            if y + surf.get_height() > bottom:
                break
            self.surface.blit(surf, (int(w * 0.06), y))
            y += surf.get_height() + int(h * 0.012)
        hs = self.text(hint, "OldStandard-Italic", self.px(0.022), pal.faint)
        self.surface.blit(hs, (int(w * 0.06), h - hs.get_height() - int(h * 0.03)))

    def draw_backlog(self) -> None:
        if self.scroll == 0 and self.backlog:
            self.scroll = max(0, len(self.backlog) - 12)
        self.overlay_page("What has happened so far", self.backlog or ["Nothing yet."],
                          "↑/↓ and Page Up/Down to scroll · Esc to return")

    def draw_note(self) -> None:
        frame = self.player.frame()
        lines = [plain(frame.note, self.title_of) if frame.note else "There is no historical note for this scene."]
        lines += [f"Source: {s}" for s in frame.sources]
        self.overlay_page("What really happened", lines, "Esc to return")

    def draw_codex(self) -> None:
        entries = sorted(self.story.codex.values(), key=lambda e: e.title.lower())
        lines = [f"{e.title} ({e.kind}). {plain(e.text, self.title_of)}" for e in entries]
        self.overlay_page("Codex: people, places and terms", lines or ["The codex is empty."],
                          "↑/↓ and Page Up/Down to scroll · Esc to return")

    def draw_menu(self) -> None:
        w, h = self.surface.get_size()
        head = self.text("Paused", "OldStandard-Bold", self.px(0.06), self.pal.ink)
        self.surface.blit(head, ((w - head.get_width()) // 2, int(h * 0.1)))
        self.menu_buttons([
            ("Resume", lambda: setattr(self, "screen", "scene")),
            ("Save", lambda: self.open_slots("save")),
            ("Load", lambda: self.open_slots("load")),
            ("Settings", lambda: self.open("settings")),
            ("Codex", lambda: self.open("codex")),
            ("Flowchart of your branches", self.open_chart),
            ("Map of Petrograd", lambda: self.open("map")),
            ("Quit to title", lambda: setattr(self, "screen", "title")),
        ], int(h * 0.25))

    def draw_settings(self) -> None:
        w, h = self.surface.get_size()
        s = self.settings
        head = self.text("Settings", "OldStandard-Bold", self.px(0.06), self.pal.ink)
        self.surface.blit(head, ((w - head.get_width()) // 2, int(h * 0.08)))
        scales = (0.75, 1.0, 1.25, 1.5, 2.0)
        next_scale = scales[(scales.index(s.text_scale) + 1) % len(scales)] if s.text_scale in scales else 1.0
        speeds = Settings.SPEEDS
        next_speed = speeds[(speeds.index(s.text_speed) + 1) % len(speeds)] if s.text_speed in speeds else 60
        speed_label = "instant" if s.text_speed == 0 else f"{s.text_speed} letters a second"
        self.menu_buttons([
            (f"Text size: {int(s.text_scale * 100)}%", lambda: self.set_setting("text_scale", next_scale)),
            (f"Text speed: {speed_label}", lambda: self.set_setting("text_speed", next_speed)),
            (f"Fullscreen (F11): {'on' if s.fullscreen else 'off'}", lambda: self.set_setting("fullscreen", not s.fullscreen)),
            (f"High contrast: {'on' if s.high_contrast else 'off'}", lambda: self.set_setting("high_contrast", not s.high_contrast)),
            (f"Reduced motion: {'on' if s.reduced_motion else 'off'}", lambda: self.set_setting("reduced_motion", not s.reduced_motion)),
            ("Back", self.back_out),
        ], int(h * 0.22), width_frac=0.5)

    SLOT_COUNT = 30
    SLOT_COLUMNS = 6

    def slot_names(self) -> list[str]:
        names = [f"slot{n:02d}" for n in range(1, self.SLOT_COUNT + 1)]
        return names if self.slot_mode == "save" else [AUTOSAVE, QUICKSAVE] + names

    def open_slots(self, mode: str) -> None:
        self.slot_mode = mode
        self.open("saves")

    def save_to(self, slot: str) -> None:
        thumb = pygame.transform.smoothscale(self.game_snapshot, (192, 108)) if self.game_snapshot else None
        png = None
        if thumb is not None:
            import io
            buffer = io.BytesIO()
            pygame.image.save(thumb, buffer, "thumb.png")
            png = buffer.getvalue()
        try:
            self.store.save(self.player, slot, play_seconds=time.monotonic() - self.started_at, thumbnail_png=png)
            self.message = f"Saved in {slot}."
        except SaveError as exc:
            self.message = f"Not saved: {exc}"
        self._image_cache.pop(("__thumb__", slot), None)

    def thumbnail(self, slot: str) -> pygame.Surface | None:
        key = ("__thumb__", slot)
        if key not in self._image_cache:
            path = self.store.directory / f"{slot}.png"
            try:
                self._image_cache[key] = pygame.image.load(str(path)).convert() if path.is_file() else None
            except (pygame.error, OSError):
                self._image_cache[key] = None
        return self._image_cache[key]

    def draw_saves(self) -> None:
        w, h = self.surface.get_size()
        pal = self.pal
        title = "Save the game" if self.slot_mode == "save" else "Load a saved game"
        head = self.text(title, "OldStandard-Bold", self.px(0.05), pal.ink)
        self.surface.blit(head, (int(w * 0.04), int(h * 0.03)))
        infos = {s.name: s for s in self.store.slots()}
        names = self.slot_names()
        cols = self.SLOT_COLUMNS
        rows = -(-len(names) // cols)
        top = int(h * 0.03) + head.get_height() + int(h * 0.02)
        bottom = h - int(h * 0.07)
        gap = int(w * 0.01)
        cw = (int(w * 0.92) - gap * (cols - 1)) // cols
        ch = (bottom - top - gap * (rows - 1)) // rows
        for n, name in enumerate(names):
            c, r = n % cols, n // cols
            rect = pygame.Rect(int(w * 0.04) + c * (cw + gap), top + r * (ch + gap), cw, ch)
            focused = n == self.focus
            pygame.draw.rect(self.surface, pal.red if focused else pal.highlight, rect)
            pygame.draw.rect(self.surface, pal.ink, rect, 1)
            info = infos.get(name)
            colour = pal.paper if focused else pal.ink
            label = name.replace("slot", "Slot ") if name.startswith("slot") else name.capitalize()
            thumb_h = int(ch * 0.6)
            thumb = self.thumbnail(name) if info and not info.damaged else None
            if thumb is not None:
                tw = min(cw - 8, int(thumb_h * 16 / 9))
                self.surface.blit(pygame.transform.smoothscale(thumb, (tw, int(tw * 9 / 16))), (rect.x + 4, rect.y + 4))
            lines = [label]
            if info is None:
                lines.append("empty")
            elif info.damaged:
                lines.append("damaged: cannot load")
            else:
                lines.append(f"{info.meta.get('role_name', '')}: {info.meta.get('scene_title', '')}")
            ty = rect.y + (thumb_h + 6 if thumb is not None else 6)
            for k, line in enumerate(lines):
                surf = self.text(line, "OldStandard-Bold" if k == 0 else "OldStandard-Regular", self.px(0.019), colour, cw - 8)
                if ty + surf.get_height() > rect.bottom:
                    break
                self.surface.blit(surf, (rect.x + 4, ty))
                ty += surf.get_height()
            if self.slot_mode == "save":
                action = (lambda nm=name: self.save_to(nm))
            elif info and not info.damaged:
                action = (lambda nm=name: self.load(nm))
            else:
                action = (lambda nm=name, i=info: setattr(self, "message", f"{nm} is " + ("damaged." if i else "empty.")))
            self.buttons.append(Button(rect, name, action))
        hint = self.text("Arrows choose a slot · Enter or click · Esc back", "OldStandard-Italic", self.px(0.022), pal.faint)
        self.surface.blit(hint, (int(w * 0.04), h - hint.get_height() - int(h * 0.02)))

    # -- flowchart ------------------------------------------------------------------------------------------
    def chart_layout(self, role: str) -> dict[str, tuple[int, int]]:
        """Columns by distance from the role's start, rows in story order: stable between runs."""
        start = self.story.roles[role].start
        depth = {start: 0}
        order = [start]
        for sid in order:
            for c in self.story.scenes[sid].choices:
                if c.target in self.story.scenes and c.target not in depth:
                    depth[c.target] = depth[sid] + 1
                    order.append(c.target)
        rows: dict[int, int] = {}
        place = {}
        for sid in order:
            col = depth[sid]
            place[sid] = (col, rows.get(col, 0))
            rows[col] = rows.get(col, 0) + 1
        return place

    def draw_chart(self) -> None:
        w, h = self.surface.get_size()
        pal = self.pal
        role = self.chart_role or next(iter(self.story.roles))
        chart = self.seen.chart(role)
        layout = self.chart_layout(role)
        endings = [s for s in layout if self.story.scenes[s].is_ending]
        found = len(chart.endings & set(endings))
        head = self.text(f"Your branches: {self.story.roles[role].name}", "OldStandard-Bold", self.px(0.045), pal.ink)
        self.surface.blit(head, (int(w * 0.04), int(h * 0.03)))
        sub = self.text(f"Scenes seen {len(chart.scenes & set(layout))} of {len(layout)} · endings found {found} of {len(endings)}",
                        "OldStandard-Italic", self.px(0.026), pal.red)
        self.surface.blit(sub, (int(w * 0.04), int(h * 0.03) + head.get_height()))
        top, bottom = int(h * 0.16), int(h * 0.84)
        left, right = int(w * 0.04), int(w * 0.96)
        cols = max(c for c, _ in layout.values()) + 1
        rows = max(r for _, r in layout.values()) + 1
        cw = (right - left) / cols
        rh = (bottom - top) / rows
        r = max(4, int(min(cw, rh) * 0.28))
        centre = {sid: (int(left + (c + 0.5) * cw), int(top + (row + 0.5) * rh)) for sid, (c, row) in layout.items()}
        path = {s for s, _ in self.player.state.log} | {self.player.state.scene} if self.player and self.player.state.role == role else set()
        taken_now = set(self.player.state.log) if self.player and self.player.state.role == role else set()
        for sid in chart.scenes:
            if sid not in centre:
                continue
            for c in self.story.scenes[sid].choices:
                if c.target not in centre or (sid, c.index) not in chart.offered:
                    continue
                a, b = centre[sid], centre[c.target]
                if (sid, c.index) in taken_now:
                    pygame.draw.line(self.surface, pal.red, a, b, max(2, r // 3))
                elif (sid, c.index) in chart.taken:
                    pygame.draw.line(self.surface, pal.ink, a, b, 2)
                else:  # seen but never taken: a faint dotted line
                    steps = max(2, int(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 // 8))
                    for k in range(0, steps, 2):
                        p = (a[0] + (b[0] - a[0]) * k // steps, a[1] + (b[1] - a[1]) * k // steps)
                        pygame.draw.circle(self.surface, pal.faint, p, 1)
        for sid, (x, y) in centre.items():   # scenes not yet seen: faint dots, the size of what is left
            if sid not in chart.scenes:
                pygame.draw.circle(self.surface, pal.paper_dark, (x, y), max(2, r // 2))
        self.chart_nodes = []
        for sid in sorted(chart.scenes & set(centre), key=lambda s: layout[s]):
            scene = self.story.scenes[sid]
            x, y = centre[sid]
            rect = pygame.Rect(x - r, y - r, 2 * r, 2 * r)
            colour = pal.red if sid in path else pal.ink
            if scene.is_ending:
                pygame.draw.rect(self.surface, colour, rect.inflate(4, 4), 2)
            pygame.draw.circle(self.surface, colour, (x, y), r)
            if scene.counterfactual:
                pygame.draw.circle(self.surface, pal.paper, (x, y), max(2, r // 2), 2)
            self.chart_nodes.append((rect, sid))
        if self.chart_nodes:
            self.focus = min(self.focus, len(self.chart_nodes) - 1)
            rect, sid = self.chart_nodes[self.focus]
            pygame.draw.rect(self.surface, pal.red, rect.inflate(10, 10), 3)
            scene = self.story.scenes[sid]
            info = f"{scene.title} · {long_date(scene.date)}, {scene.time} · {scene.place}"
            if scene.counterfactual:
                info += " · leaves history"
            if scene.is_ending:
                info += f" · ending: {scene.ending.title}"
            label = self.text(info, "OldStandard-Regular", self.px(0.028), pal.ink, int(w * 0.92))
            self.surface.blit(label, (left, bottom + int(h * 0.02)))
        else:
            empty = self.text("Nothing seen yet for this role.", "OldStandard-Italic", self.px(0.03), pal.faint)
            self.surface.blit(empty, (left, top))
        hint = self.text("Arrows choose a scene · Enter or click replays from there · R next role · Esc back",
                         "OldStandard-Italic", self.px(0.022), pal.faint)
        self.surface.blit(hint, (left, h - hint.get_height() - int(h * 0.02)))

    # -- map ------------------------------------------------------------------------------------------------
    def holdings(self) -> dict[str, str]:
        return self.player.holdings() if self.player else {}

    def draw_map(self) -> None:
        w, h = self.surface.get_size()
        pal = self.pal
        head = self.text("Petrograd: who holds what", "OldStandard-Bold", self.px(0.045), pal.ink)
        self.surface.blit(head, (int(w * 0.04), int(h * 0.03)))
        size = (int(w * 0.92), int(h * 0.78))
        key = ("__map__", size, tuple(sorted(self.holdings().items())))
        surf = self._image_cache.get(key)
        if surf is None:
            try:
                from ... import art
                pil = art.render_map(self.holdings(), size)
                surf = pygame.image.frombytes(pil.tobytes(), pil.size, "RGB").convert()
            except Exception:
                surf = None
            self._image_cache[key] = surf
        y = int(h * 0.03) + head.get_height() + int(h * 0.01)
        if surf:
            self.surface.blit(surf, (int(w * 0.04), y))
        else:
            msg = self.text("The map could not be drawn.", "OldStandard-Italic", self.px(0.03), pal.red)
            self.surface.blit(msg, (int(w * 0.04), y))
        hint = self.text("Black: the government · red: the Military Revolutionary Committee · hatched: contested · Esc back",
                         "OldStandard-Italic", self.px(0.022), pal.faint)
        self.surface.blit(hint, (int(w * 0.04), h - hint.get_height() - int(h * 0.015)))


def run_window(story, role: str | None = None, seed: int | None = None, saves_dir: str | None = None,
               load: str | None = None) -> int:
    import sys
    message = "petrograd: no display available; play in the terminal with `petrograd play --text`"
    headless_linux = sys.platform.startswith("linux") and not any(
        os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"))
    if headless_linux:  # don't even ask SDL: it would print its own errors first
        print(message, file=sys.stderr)
        return 2
    try:
        pygame.display.init()
    except pygame.error:
        print(message, file=sys.stderr)
        return 2
    app = App(Game(story), role=role, seed=seed,
              saves=SaveStore.for_story(story.id, Path(saves_dir) if saves_dir else None))
    if load:
        app.load(load)
    return app.run()

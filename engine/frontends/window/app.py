"""The game window: the frame loop, the stack of screens, and what screens share.

Each screen (title, roles, scene, note, ...) is a class in `screens/<name>.py` with its own focus,
keys, layout and drawing; the app shows the top of its stack and sends it the input. Shared here:
fonts, rendered text and pictures, settings, saves, the flowchart's memory, the playthrough, the
voice, and the one-line messages ("Saved in slot 1.") that show for a few seconds in the footer.

The loop redraws only when something changed (an event, the typewriter, a message expiring), and
otherwise sleeps between polls, so an idle window uses almost no CPU.
"""
from __future__ import annotations

import io
import queue
import threading
import time
from pathlib import Path

import pygame

from ...i18n.words import _
from ...persistence import QUICKSAVE, SaveError, SaveStore
from ...persistence.seen import SeenStore
from ...runtime import Game
from . import screens
from .playthrough import Playthrough
from .speech import Voice
from .theme import CONTRAST, PAPER, Fonts, Settings
from .widgets import Drawn

IDLE_POLL_SECONDS = 0.025
MESSAGE_SECONDS = 4.0


class App:
    def __init__(self, game: Game, role: str | None = None, seed: int | None = None,
                 size: tuple[int, int] = (1280, 720), saves: SaveStore | None = None, voice: Voice | None = None,
                 debug: bool = False, language: str | None = None):
        self.game = game
        self.story = game.story
        self.source_story = game.story      # as written; self.story is it in the language shown
        self.store = saves or SaveStore()
        self.settings_path = self.store.base / "settings.json"
        self.settings = Settings.load(self.settings_path)
        pygame.display.init()
        pygame.font.init()
        pygame.display.set_caption(self.story.title)
        flags = pygame.RESIZABLE | (pygame.FULLSCREEN if self.settings.fullscreen else 0)
        self.surface = pygame.display.set_mode(size, flags)
        self.windowed_size = size           # what leaving full screen returns to
        pygame.key.set_repeat(300, 40)
        self.fonts = Fonts(lambda: self.settings)
        self.seen = SeenStore(self.story, self.store.directory)
        self.play = Playthrough(game, self.store, self.seen, seed)
        self.voice = voice or Voice(self.settings)
        self.stack: list[screens.Screen] = []
        self.message = ""
        self.message_until = 0.0
        self.all_keys_shown = False         # F1: every key in the footer, when they do not fit on one line
        self.dirty = True
        self.lay_out_again = False   # set by a screen that must be drawn once more (widgets.recount_pages)
        self.running = True
        self.full_redraw = True
        self.frames_drawn = 0
        self.drawn: list[Drawn] = []
        self.game_snapshot: pygame.Surface | None = None
        self._image_cache: dict[tuple, pygame.Surface | None] = {}
        self._text_cache: dict[tuple, pygame.Surface] = {}
        self._spoken_key: object = None
        self.debug = debug                  # play --debug: F12 or ` opens the debug console
        self.console_lines: list[tuple[str, str]] = []
        self.reloads: "queue.Queue | None" = None   # play --watch: the watcher's reloads arrive here
        self.language = ""
        self._untranslated_roles: set[str] = set()
        self._translations: dict[str, str] | None = None
        wanted = self.settings.language if language is None else language
        if wanted:
            self.switch_language(wanted, remember=language is None)
        self.push(screens.make("title", self))
        if role:
            self.start_role(role)

    # -- the stack -------------------------------------------------------------------------------------
    @property
    def top(self) -> "screens.Screen":
        return self.stack[-1]

    @property
    def screen(self) -> str:
        """The name of the screen on top (what tests and the benchmark look at)."""
        return self.top.name

    @property
    def buttons(self):
        return self.top.buttons

    @property
    def focus(self):
        return self.top.focus

    @focus.setter
    def focus(self, value) -> None:
        self.top.focus = value

    def push(self, screen: "screens.Screen") -> "screens.Screen":
        self.stack.append(screen)
        screen.shown()
        self.changed()
        return screen

    def pop(self) -> None:
        if len(self.stack) > 1:
            self.stack.pop()
            self.top.shown()
        self.changed()

    def replace(self, screen: "screens.Screen") -> "screens.Screen":
        self.stack.pop()
        return self.push(screen)

    def reset(self, screen: "screens.Screen") -> "screens.Screen":
        """Make `screen` the only one (the title after quitting a game; a scene after starting one)."""
        self.stack = []
        return self.push(screen)

    def open(self, name: str, **options) -> "screens.Screen":
        return self.push(screens.make(name, self, **options))

    def find(self, name: str):
        return next((s for s in reversed(self.stack) if s.name == name), None)

    def changed(self) -> None:
        self.dirty = True
        self.full_redraw = True

    # -- the playthrough ---------------------------------------------------------------------------------
    @property
    def player(self):
        return self.play.player

    @property
    def backlog(self) -> list[str]:
        return self.play.backlog

    def start_role(self, role: str) -> None:
        self.play.start(role)
        self.reset(screens.make("scene", self))
        self.report_autosave()

    def report_autosave(self) -> None:
        if self.play.autosave_error:
            self.say_message(self.play.autosave_error, seconds=8)

    def load(self, slot: str) -> bool:
        try:
            message = self.play.load(slot)
        except SaveError as exc:
            self.say_message(_("Not loaded: {error}").format(error=exc))
            return False
        self.reset(screens.make("scene", self))
        if message:
            self.say_message(message, seconds=10)
        return True

    def show_scene(self, at_choice: bool = False) -> None:
        """The player has moved (a choice, a step back or forward, a replay): show where they are."""
        scene = self.find("scene")
        if scene is None:
            self.reset(screens.make("scene", self))
            scene = self.top
        else:
            while self.top is not scene:
                self.stack.pop()
        scene.arrive(at_choice=at_choice)
        self.report_autosave()
        self.changed()

    # -- play --watch ---------------------------------------------------------------------------------
    def take_reloads(self) -> None:
        """Take the latest reload the watcher has finished, if any (each is the whole story, so
        older ones waiting are superseded). Called between frames: the loading itself was done in
        the watcher's thread."""
        if self.reloads is None:
            return
        latest = None
        while True:
            try:
                latest = self.reloads.get_nowait()
            except queue.Empty:
                break
        if latest is not None:
            self.take_reload(latest)

    def take_reload(self, reload) -> None:
        """The edited story: its errors over the game, or play carried onto it at the same place."""
        if reload.story is None:
            shown = self.find("diagnostics")
            if shown is not None:
                shown.reload = reload
                self.changed()
            else:
                self.open("diagnostics", reload=reload)
            return
        from ...authoring.watch import carry_over, cut_short_lines
        from ...runtime import Game as _Game
        scene, console = self.find("scene"), self.find("console")
        page = scene.page if scene is not None else 0
        self.source_story = reload.story
        self._translations = None          # an author may have added or named a translation
        story = self.in_language(reload.story)     # an author checking a translation stays in it
        if self.player is None:
            self._take_story(_Game(story))
            self.reset(screens.make("title", self))
            message = ""
        else:
            carried = carry_over(story, self.player, self.play.origin)
            self._take_story(carried.game)
            self.play.take_carried(carried)
            scene = self.reset(screens.make("scene", self))
            scene.page, scene.revealed_all = page, True    # the same page, whole: no typewriter again
            message = carried.message
        if console is not None:
            self.push(console)      # an author's console stays open over the edited story
        changed = ", ".join(reload.changed) or _("the story")
        reloaded = _("Reloaded {changed} ({ms} ms).").format(
            changed=changed, ms=f"{1000 * (reload.loaded_at - reload.heard_at):.0f}")
        message = " ".join([*cut_short_lines(reload), message]).strip()
        self.say_message(message or reloaded, seconds=10 if message else MESSAGE_SECONDS)

    def languages(self) -> dict[str, str]:
        """The languages the story can be shown in: "" (as written) and each translation, by its name."""
        if self._translations is None:     # read from disk once, not on every frame the settings draw
            from ...i18n.language import available_languages
            self._translations = available_languages(Path(self.source_story.root))
        return {"": _("Original"), **self._translations}

    def untranslated_roles(self) -> set[str]:
        """Roles the language shown does not have whole (their menus say so); none as written."""
        return self._untranslated_roles

    def in_language(self, story):
        """`story` in the language shown (itself when that is the story as written)."""
        if not self.language:
            return story    # without importing the translation machinery (15 ms: a --watch reload's first take)
        from ...i18n.localize import localize_story
        return localize_story(story, Path(story.root), self.language)[0]

    def switch_language(self, code: str, remember: bool = True) -> None:
        """Show the story and the window's words in `code` ("" for the story as written). A game in
        progress goes on at the same place: a translation changes words, never scenes or state."""
        from ...authoring.watch import carry_over
        from ...i18n.words import set_language
        from ...runtime import Game as _Game
        from ...i18n.language import untranslated_roles
        set_language(code or None)
        self.language = self.voice.language = code
        story = self.in_language(self.source_story)
        self._untranslated_roles = (untranslated_roles(Path(story.root), code, story) if code else set())
        if remember and self.settings.language != code:
            self.settings.language = code
            self.settings.save(self.settings_path)
        self._text_cache.clear()
        self._image_cache.clear()
        self.__dict__.pop("_layout_cache", None)
        if self.player is None:
            self._take_story(_Game(story))
        else:
            carried = carry_over(story, self.player, self.play.origin)
            self._take_story(carried.game)
            self.play.take_carried(carried)
        self.changed()

    def _take_story(self, game: Game) -> None:
        self.game, self.story = game, game.story
        self.seen = SeenStore(self.story, self.store.directory)
        self.play.take_story(game, self.seen)   # pictures stay cached: a scene that names another gets it
        pygame.display.set_caption(self.story.title)

    def save_to(self, slot: str) -> None:
        try:
            self.play.save(slot, self.thumbnail_png())
            self.say_message(_("Saved in {slot}.").format(slot=slot_title(slot)))
        except SaveError as exc:
            self.say_message(_("Not saved: {error}").format(error=exc))
        self._image_cache.pop(("__thumb__", slot), None)

    def quicksave(self) -> None:
        if self.player:
            self.save_to(QUICKSAVE)

    def thumbnail_png(self) -> bytes | None:
        if self.game_snapshot is None:
            return None
        thumb = pygame.transform.smoothscale(self.game_snapshot, (192, 108))
        buffer = io.BytesIO()
        pygame.image.save(thumb, buffer, "thumb.png")
        return buffer.getvalue()

    # -- messages and speech -------------------------------------------------------------------------------
    def say_message(self, text: str, seconds: float = MESSAGE_SECONDS) -> None:
        """A short message in the footer, in place of the key hints, for a few seconds."""
        self.message = text
        self.message_until = time.monotonic() + seconds
        self.voice.say(text)
        self.changed()

    def current_message(self) -> str:
        if self.message and time.monotonic() >= self.message_until:
            self.message = ""
        return self.message

    def toggle_voice(self) -> None:
        on = not self.settings.self_voicing
        self.set_setting("self_voicing", on)
        self.voice.enabled = on
        self._spoken_key = None
        if on:
            self.voice.say(_("Self-voicing on."), interrupt=True)
        else:
            self.voice.stop()
        self.changed()

    def toggle_clipboard_voicing(self) -> None:
        """Shift+C, as in Ren'Py: the words self-voicing would say go to the clipboard instead, for a
        screen reader to read."""
        if self.voice.clipboard is None:
            self.voice.clipboard = copy_to_clipboard
            self.voice.enabled = True
            self._spoken_key = None
            self.say_message(_("Clipboard voicing on: the text goes to the clipboard."))
        else:
            self.voice.clipboard = None
            self.voice.enabled = self.settings.self_voicing
            self.say_message(_("Clipboard voicing off."))

    def speak_screen(self) -> None:
        """After a draw: read what is new (a screen, a page, a focused item) once, if voicing is on."""
        if not self.voice.enabled:
            return
        key, text = self.top.speech()
        if key != self._spoken_key and text:
            self._spoken_key = key
            self.voice.say(text, interrupt=True)

    # -- shared resources ----------------------------------------------------------------------------------
    @property
    def pal(self):
        return CONTRAST if self.settings.high_contrast else PAPER

    def px(self, fraction: float) -> int:
        """A font size as a fraction of the window height, scaled by the text-size setting."""
        return max(10, int(self.surface.get_height() * fraction * self.settings.text_scale))

    def text(self, s: str, face: str, size: int, colour, width: int = 0, centred: bool = False) -> pygame.Surface:
        readable = self.fonts.face(face)
        face = readable if readable == face or self.fonts.covers(readable, s) else face
        key = (s, face, size, colour, width, centred, self.settings.line_spacing)
        surf = self._text_cache.get(key)
        if surf is None:
            font = self.fonts.get(face, size, exact=True)
            font.align = pygame.FONT_CENTER if centred else pygame.FONT_LEFT
            surf = font.render(s, True, colour, None, max(1, width)) if width else font.render(s, True, colour)
            font.align = pygame.FONT_LEFT
            if len(self._text_cache) > 800:
                self._text_cache.clear()
            self._text_cache[key] = surf
        return surf

    def title_of(self, cid: str) -> str:
        return self.play.title_of(cid)

    def image(self, art_id: str, size: tuple[int, int]) -> pygame.Surface | None:
        key = (art_id, size, self.settings.high_contrast)
        if key in self._image_cache:
            return self._image_cache[key]
        surf = None
        try:
            from ... import art
            pil = art.render(art_id, size, assets_dir=Path(self.story.assets_dir), printing=self.story.printing)
            if self.settings.high_contrast:
                pil = pil.convert("L").convert("RGB")
            surf = pygame.image.frombytes(pil.tobytes(), pil.size, "RGB").convert()
        except Exception:  # a missing or broken picture must never stop play
            surf = None
        self._image_cache[key] = surf
        return surf

    def prefetch(self, art_ids: list[str], size: tuple[int, int]) -> None:
        """Render pictures the next scenes need in the background (a first render costs 0.3-0.5 s;
        the disk cache then makes it fast)."""
        wanted = [i for i in set(art_ids) if i and (i, size, self.settings.high_contrast) not in self._image_cache]
        if not wanted:
            return

        def warm(ids=wanted, assets=Path(self.story.assets_dir), printing=self.story.printing):
            from ... import art
            for art_id in ids:
                try:
                    art.render(art_id, size, assets_dir=assets, printing=printing)
                except Exception:
                    pass  # the scene itself will report nothing worse than a blank frame
        threading.Thread(target=warm, daemon=True).start()

    def thumbnail(self, slot: str) -> pygame.Surface | None:
        key = ("__thumb__", slot)
        if key not in self._image_cache:
            path = self.store.directory / f"{slot}.png"
            try:
                self._image_cache[key] = pygame.image.load(str(path)).convert() if path.is_file() else None
            except (pygame.error, OSError):
                self._image_cache[key] = None
        return self._image_cache[key]

    def set_setting(self, name: str, value) -> None:
        setattr(self.settings, name, value)
        self.settings.save(self.settings_path)
        self._text_cache.clear()
        self._image_cache.clear()
        self.__dict__.pop("_layout_cache", None)
        if name == "fullscreen":
            self.toggle_fullscreen(value)
        self.changed()

    def toggle_fullscreen(self, on: bool) -> None:
        try:
            flags = pygame.FULLSCREEN if on else pygame.RESIZABLE
            size = (0, 0) if on else self.windowed_size
            self.surface = pygame.display.set_mode(size, flags)
        except pygame.error:
            pass

    def record(self, rect: pygame.Rect, kind: str, what: str, clipped: bool = False, parent: int | None = None) -> int:
        self.drawn.append(Drawn(pygame.Rect(rect), kind, what, clipped, parent))
        return len(self.drawn) - 1

    # -- the loop --------------------------------------------------------------------------------------------
    def animating(self) -> bool:
        return self.top.animating()

    def run(self) -> int:
        clock = pygame.time.Clock()
        while self.running:
            self.take_reloads()
            events = pygame.event.get()
            if self.animating():
                self.dirty = True
            elif not events:
                # pygame's event.wait() polls internally and cost ~2.8% of a core while idle (measured);
                # sleeping 25 ms between polls costs ~0.5% and keeps input latency under a frame or two.
                time.sleep(IDLE_POLL_SECONDS)
                if self.message and time.monotonic() >= self.message_until:
                    self.changed()     # the message has had its time: redraw without it
            for n, event in enumerate(events):
                if event.type != pygame.NOEVENT:
                    self.handle(event)
                    self.full_redraw = True
                    if n < len(events) - 1:
                        self.relayout(event)
            if self.dirty and self.running:
                rect = self.top.partial_rect() if not self.full_redraw else None
                self.full_redraw = False
                self.draw()
                if rect is not None and self.animating():   # typewriter frames: send only the text
                    pygame.display.update(self.top.partial_rect() or rect)
                else:
                    pygame.display.flip()
                self.dirty = False
                if self.animating():
                    clock.tick(60)
        self.close()
        return 0

    def close(self) -> None:
        if self.player:
            self.player.close()
        self.voice.stop()
        pygame.quit()

    def step(self, events: list) -> None:
        """Handle events and draw once: what headless tests drive instead of run()."""
        self.take_reloads()
        for n, event in enumerate(events):
            self.handle(event)
            if n < len(events) - 1:
                self.relayout(event)
        if self.dirty:
            self.draw()
            self.dirty = False

    def relayout(self, event) -> None:
        """Between two presses in one batch, lay the screen out again, so the second press acts on
        what the first one made (a new scene's choices, a menu that changed), never on stale buttons."""
        if self.dirty and self.running and event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL):
            self.draw()

    def handle(self, event) -> None:
        if event.type == pygame.QUIT:
            self.running = False
            return
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWRESIZED, pygame.WINDOWEXPOSED):
            self.changed()
            return
        if event.type == pygame.KEYDOWN and not self.top.typing():
            if self.debug and event.key in (pygame.K_F12, pygame.K_BACKQUOTE) and self.top.name != "classroom":
                self.open("console")
                return
            if event.key == pygame.K_F1:
                self.all_keys_shown = not self.all_keys_shown
                self.changed()
                return
            if event.key == pygame.K_F11:
                self.set_setting("fullscreen", not self.settings.fullscreen)
                return
            if event.key == pygame.K_v:
                self.toggle_voice()
                return
            if event.key == pygame.K_c and event.mod & pygame.KMOD_SHIFT:
                self.toggle_clipboard_voicing()
                return
            if event.key == pygame.K_F5 and self.player and self.top.name != "classroom":
                self.quicksave()
                return
            if event.key == pygame.K_F9 and self.top.name != "classroom":
                self.load(QUICKSAVE)
                return
        self.top.handle(event)
        if event.type in (pygame.KEYDOWN, pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL, pygame.MOUSEMOTION):
            self.dirty = True

    def draw(self) -> None:
        self.frames_drawn += 1
        screen = self.top
        # A screen may ask to be laid out again (widgets.recount_pages): twice at most, for a count
        # whose own footer line changes the room, and so the count, once more.
        for attempt in range(3):
            self.drawn = []
            screen.buttons = []
            self.surface.fill(self.pal.paper)
            self.lay_out_again = False
            screen.draw()
            if not self.lay_out_again:
                break
        if screen.buttons and isinstance(screen.focus, int):
            screen.focus = min(screen.focus, len(screen.buttons) - 1)
        self.speak_screen()

    def quit(self) -> None:
        self.running = False


def copy_to_clipboard(text: str) -> None:
    try:
        pygame.scrap.put_text(text)
    except (pygame.error, AttributeError):
        pass   # no clipboard on this display (the dummy driver): nothing to copy to


def slot_title(slot: str) -> str:
    """How a save slot is named to the player: "slot 1", "the quicksave", "autosave (Keeper)"."""
    if slot.startswith("slot") and slot[4:].isdigit():
        return _("slot {n}").format(n=int(slot[4:]))
    if slot == QUICKSAVE:
        return _("the quicksave")
    return slot

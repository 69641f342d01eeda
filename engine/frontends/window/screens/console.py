"""The debug console (`play --debug`): F12 or ` opens and closes it over the game. Type a command
and Enter: goto SCENE, set NAME=VALUE, state, help (engine/authoring/console.py). Up and Down recall
earlier commands; a mistake is answered in the console, in red."""
from __future__ import annotations

import pygame

from ....authoring.console import run_command
from ....authoring.warp import WarpError, warp
from ....i18n.words import _
from .base import ENTER, OverlayScreen

TOGGLE = (pygame.K_F12, pygame.K_BACKQUOTE)
MAX_TYPED = 200


class ConsoleScreen(OverlayScreen):
    name = "console"

    def __init__(self, app):
        super().__init__(app)
        self.focus = None
        self.typed = ""
        self.recalled: int | None = None     # which earlier command Up/Down show

    @property
    def output(self) -> list[tuple[str, str]]:
        """(text, "out" | "error" | "typed") lines, kept by the app while it runs."""
        return self.app.console_lines

    def typing(self) -> bool:
        return True     # every letter is the command's, never a shortcut

    def key(self, event) -> None:
        key = event.key
        if key in TOGGLE or key == pygame.K_ESCAPE:
            self.app.pop()
        elif key in ENTER:
            line, self.typed, self.recalled = self.typed.strip(), "", None
            if line:
                self.run(line)
        elif key == pygame.K_BACKSPACE:
            self.typed = self.typed[:-1]
        elif key in (pygame.K_UP, pygame.K_DOWN):
            self.recall(-1 if key == pygame.K_UP else 1)
        elif event.unicode and event.unicode.isprintable() and event.unicode != "`" and len(self.typed) < MAX_TYPED:
            self.typed += event.unicode
        self.app.changed()

    def recall(self, step: int) -> None:
        typed = [text for text, kind in self.output if kind == "typed"]
        if not typed:
            return
        n = len(typed) if self.recalled is None else self.recalled
        n = max(0, min(len(typed), n + step))
        self.recalled = n
        self.typed = typed[n] if n < len(typed) else ""

    def run(self, line: str) -> None:
        app = self.app
        self.output.append((line, "typed"))
        try:
            if app.player is None:      # on the title screen: only goto, which starts a game there
                name, _space, scene = line.partition(" ")
                if name.lower() != "goto" or not scene.strip():
                    raise WarpError(_("no game yet: goto SCENE starts one there"))
                moved = warp(app.game, scene.strip(), role=None, seed=app.play.new_seed(), settings={})
                lines = (_("at {scene}: {title}").format(scene=moved.scene.id, title=moved.scene.title),)
            else:
                outcome = run_command(line, app.game, app.player)
                moved, lines = outcome.player, outcome.lines
        except WarpError as exc:
            self.output.append((_("error: {error}").format(error=exc), "error"))
            return
        self.output.extend((text, "out") for text in lines)
        if moved is not None:
            app.play.take_warp(moved)
            app.show_scene()                # the scene beneath is the new moment of play
            app.push(self)                  # and the console stays open over it

    def draw(self) -> None:
        app = self.app
        self.draw_beneath()
        w, h = app.surface.get_size()
        rect = pygame.Rect(0, int(h * 0.45), w, h - int(h * 0.45))
        self.panel(rect)
        pad = int(h * 0.02)
        inner = rect.inflate(-2 * pad, -2 * pad)
        size = app.px(0.022)
        pal = app.pal
        prompt = app.text(f"> {self.typed}_", "CMUTypewriter-Bold", size, pal.ink, inner.width)
        colours = {"out": pal.ink, "error": pal.red, "typed": pal.faint}
        shown = [(f"> {text}" if kind == "typed" else text, colours[kind]) for text, kind in self.output]
        shown = shown or [(_("Debug console: goto SCENE, set NAME=VALUE, state, help. F12, ` or Esc closes."), pal.faint)]
        area = pygame.Rect(inner.x, inner.y, inner.width, inner.height - prompt.get_height() - pad // 2)
        self.lines(shown, area, size, latest=True)
        app.surface.blit(prompt, (inner.x, inner.bottom - prompt.get_height()))
        app.record(pygame.Rect(inner.x, inner.bottom - prompt.get_height(), prompt.get_width(), prompt.get_height()),
                   "text", "console prompt")

    def speech(self):
        last = self.output[-1][0] if self.output else _("Debug console.")
        return (self.name, id(self), len(self.output)), last


SCREEN = ConsoleScreen

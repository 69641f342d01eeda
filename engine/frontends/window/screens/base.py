"""What every screen has: its own focus and buttons, keys, mouse, drawing, and what it says aloud.

Conventions on every screen: Esc or a right click goes back; Up/Down (or Tab) move the focus; Enter
or Space takes the focused item; 1-9 take an item by its number; a click takes it; the wheel scrolls.
"""
from __future__ import annotations

import pygame

from .. import widgets
from ....i18n.words import N_, _

ENTER = (pygame.K_RETURN, pygame.K_KP_ENTER)


class Screen:
    name = "screen"

    def __init__(self, app):
        self.app = app
        self.focus: int | None = 0
        self.buttons: list[widgets.Button] = []

    # -- life ----------------------------------------------------------------------------------------
    def shown(self) -> None:
        """The screen is on top again (opened, or what covered it was closed)."""

    def animating(self) -> bool:
        return False

    def partial_rect(self):
        """The part of the window a typewriter frame changes, or None for the whole window."""
        return None

    def typing(self) -> bool:
        """While true, letter keys are text, not the app's shortcuts (V, F5...)."""
        return False

    # -- input ------------------------------------------------------------------------------------------
    def handle(self, event) -> None:
        if event.type == pygame.KEYDOWN:
            self.key(event)
        elif event.type == pygame.MOUSEMOTION:
            self.hover(event.pos)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.click(event.pos)
        elif event.type == pygame.MOUSEBUTTONDOWN and event.button == 3:
            self.back()      # the mouse alone can always go back, as Esc does
        elif event.type == pygame.MOUSEWHEEL:
            self.wheel(event.y)

    def key(self, event) -> None:
        key = event.key
        if key == pygame.K_ESCAPE:
            self.back()
        elif key in (pygame.K_DOWN, pygame.K_TAB) and self.buttons:
            self.move_focus(1)
        elif key == pygame.K_UP and self.buttons:
            self.move_focus(-1)
        elif key in ENTER + (pygame.K_SPACE,) and self.buttons and self.focus is not None:
            self.activate(self.buttons[min(self.focus, len(self.buttons) - 1)])
        elif pygame.K_1 <= key <= pygame.K_9 and key - pygame.K_1 < len(self.buttons):
            self.focus = key - pygame.K_1
            self.activate(self.buttons[self.focus])
        elif key == pygame.K_0 and len(self.buttons) >= 10:     # 0 is the tenth, as on a phone's keypad
            self.focus = 9
            self.activate(self.buttons[self.focus])

    def hover(self, pos) -> None:
        for n, b in enumerate(self.buttons):
            if b.rect.collidepoint(pos) and self.focus != n:
                self.focus = n
                self.app.changed()

    def move_focus(self, step: int) -> None:
        if self.focus is None:
            self.focus = 0 if step > 0 else len(self.buttons) - 1
        else:
            self.focus = (self.focus + step) % len(self.buttons)
        self.app.changed()

    def click(self, pos) -> None:
        for n, b in enumerate(self.buttons):
            if b.rect.collidepoint(pos):
                self.focus = n
                self.activate(b)
                return

    def wheel(self, y: int) -> None:
        pass

    def back(self) -> None:
        self.app.pop()

    def activate(self, button: widgets.Button) -> None:
        self.app.changed()
        if callable(button.action):
            button.action()

    # -- drawing and speech -----------------------------------------------------------------------------
    def draw(self) -> None:
        raise NotImplementedError

    def speech(self) -> tuple[object, str]:
        """(a key that changes when there is something new to read, the words to read)."""
        if self.buttons and self.focus is not None and self.focus < len(self.buttons):
            b = self.buttons[self.focus]
            return (self.name, id(self), self.focus, b.label), b.spoken or b.label
        return (self.name, id(self)), ""


class ScrollsItsList:
    """Mixed into a screen whose buttons may scroll at large text (widgets.scrolling_button_list):
    a click on "more above/below" or the wheel moves the focus, so the mouse alone reaches every item."""

    first = 0                                   # the first item shown when the list scrolls
    marks: list[tuple[pygame.Rect, int]] = []   # the "more" marks drawn: (rectangle, -1 above or +1 below)

    def click(self, pos) -> None:
        for rect, step in self.marks:
            if rect.collidepoint(pos):
                self.scroll(step)
                return
        super().click(pos)

    def wheel(self, y: int) -> None:
        self.scroll(-y)

    def scroll(self, step: int) -> None:
        if self.buttons:
            self.focus = max(0, min(len(self.buttons) - 1, (self.focus or 0) + step))
            self.app.changed()


class MenuScreen(Screen):
    """A heading and a column of buttons (the title's, the pause menu's)."""

    heading = ""
    hint = N_("↑/↓ choose · Enter or click · Esc back · V voice")

    def items(self) -> list[tuple[str, object]]:
        return []

    def draw(self) -> None:
        app = self.app
        w, h = app.surface.get_size()
        top = widgets.heading(app, _(self.heading)) if self.heading else int(h * 0.08)
        bottom = widgets.footer(app, _(self.hint))
        bw = min(w - 2 * int(w * 0.05), max(int(w * 0.4), app.px(0.036) * 16))
        area = pygame.Rect((w - bw) // 2, top, bw, bottom - top - int(h * 0.02))
        if isinstance(self, ScrollsItsList):      # its column scrolls rather than shrink its type
            self.first, self.marks = widgets.button_list(app, self, self.items(), area, may_widen=True,
                                                         first=self.first)
        else:
            widgets.button_list(app, self, self.items(), area, may_widen=True)


class OverlayScreen(Screen):
    """A panel over the screen beneath it, which is drawn first and veiled (the debug console, the
    story's errors under play --watch)."""

    def draw_beneath(self) -> None:
        app = self.app
        if len(app.stack) > 1 and app.stack[-1] is self:
            beneath = app.stack[-2]
            own, recorded = beneath.buttons, len(app.drawn)
            beneath.buttons = []        # what it draws now is not clickable through the overlay,
            beneath.draw()
            beneath.buttons = own
            del app.drawn[recorded:]    # nor laid out on top: the overlay's own boxes are what count
        veil = pygame.Surface(app.surface.get_size(), pygame.SRCALPHA)
        veil.fill((0, 0, 0, 140))
        app.surface.blit(veil, (0, 0))

    def panel(self, rect: pygame.Rect) -> None:
        pal = self.app.pal
        pygame.draw.rect(self.app.surface, pal.paper, rect)
        pygame.draw.rect(self.app.surface, pal.red, rect, 3)

    def lines(self, lines: list[tuple[str, tuple]], area: pygame.Rect, size: int, latest: bool = False,
              overflow=None) -> int:
        """Draw (text, colour) lines wrapped to `area` from its top, as many as fit: the first ones,
        or with `latest` the last ones. When some do not fit, `overflow(n)` (if given) is the text of
        a last line in place of the n lines left out. Returns how many of `lines` were drawn."""
        app = self.app

        def fitting(items):
            room, shown = area.height, []
            for text, colour in (reversed(items) if latest else items):
                surf = app.text(text or " ", "CMUTypewriter-Regular", size, colour, area.width)
                if surf.get_height() > room:
                    break
                shown.insert(0, (surf, text)) if latest else shown.append((surf, text))
                room -= surf.get_height()
            return shown

        shown = fitting(lines)
        drawn = len(shown)
        if drawn < len(lines) and overflow is not None and not latest:
            drawn = max(0, drawn - 1)
            shown = fitting(lines[:drawn] + [(overflow(len(lines) - drawn), lines[drawn][1])])
        y = area.y
        for surf, text in shown:
            widgets.blit(app, surf, (area.x, y), f"line: {text}", area.width)
            y += surf.get_height()
        return drawn

"""Saving and loading: a card per slot with its picture, the role, the scene, the day and when it was saved.

Loading lists every save in the folder: each role's autosave, the quicksave, saves named in text
mode (`:save NAME`), then the numbered slots. Cards that do not fit go on further pages.
"""
from __future__ import annotations


import pygame

from ....i18n.words import _
from ....persistence import AUTOSAVE, QUICKSAVE
from ...text import long_date
from .. import widgets
from .base import ENTER, Screen

SLOT_COUNT = 30


def numbered() -> list[str]:
    return [f"slot{n:02d}" for n in range(1, SLOT_COUNT + 1)]


class SavesScreen(Screen):
    name = "saves"

    def __init__(self, app, mode: str = "load"):
        super().__init__(app)
        self.mode = mode
        self.first = 0
        self.columns = 6
        self.per_page = SLOT_COUNT

    @property
    def slot_mode(self) -> str:
        return self.mode

    def names(self, infos: dict) -> list[str]:
        if self.mode == "save":
            return numbered()
        autos = sorted((n for n in infos if n == AUTOSAVE or n.startswith(AUTOSAVE + "-")),
                       key=lambda n: str(infos[n].meta.get("saved_at", "")), reverse=True)
        named = sorted(n for n in infos if n not in autos and n != QUICKSAVE and n not in numbered())
        return autos + [QUICKSAVE] + named + numbered()

    def label_of(self, name: str, info) -> str:
        if name.startswith("slot") and name[4:].isdigit():
            return _("Slot {n}").format(n=int(name[4:]))
        if name == QUICKSAVE:
            return _("Quicksave")
        if name == AUTOSAVE or name.startswith(AUTOSAVE + "-"):
            role = info.names_in(self.app.story)[0] if info else None
            return _("Autosave ({role})").format(role=role) if role else _("Autosave")
        return name


    def key(self, event) -> None:
        key = event.key
        count = self.total
        if key in (pygame.K_RIGHT, pygame.K_LEFT, pygame.K_DOWN, pygame.K_UP, pygame.K_TAB) and count:
            step = {pygame.K_RIGHT: 1, pygame.K_TAB: 1, pygame.K_LEFT: -1, pygame.K_DOWN: self.columns,
                    pygame.K_UP: -self.columns}[key]
            self.select(((self.first + (self.focus or 0)) + step) % count)
        elif key in (pygame.K_PAGEDOWN, pygame.K_PAGEUP) and count:
            step = self.per_page if key == pygame.K_PAGEDOWN else -self.per_page
            self.select(max(0, min(count - 1, self.first + (self.focus or 0) + step)))
        elif key in ENTER + (pygame.K_SPACE,) and self.buttons:
            self.activate(self.buttons[min(self.focus or 0, len(self.buttons) - 1)])
        elif key == pygame.K_ESCAPE:
            self.back()

    def select(self, index: int) -> None:
        self.first = index - index % self.per_page
        self.focus = index - self.first
        self.app.changed()

    def wheel(self, y: int) -> None:
        if self.total:
            self.select(max(0, min(self.total - 1, self.first + (self.focus or 0) - y * self.columns)))

    total = 0

    def draw(self) -> None:
        app = self.app
        w, h = app.surface.get_size()
        pal = app.pal
        infos = {s.name: s for s in app.store.slots()}
        names = self.names(infos)
        self.total = len(names)
        title = _("Save the game") if self.mode == "save" else _("Load a saved game")
        top = widgets.heading(app, title)
        margin = int(w * 0.05)
        size = app.px(0.019)
        line_h = app.fonts.get("OldStandard-Regular", size).get_linesize()
        gap = max(4, int(w * 0.01))
        self.columns = max(1, min(6, (w - 2 * margin + gap) // max(1, size * 13 + gap)))
        card_w = (w - 2 * margin - gap * (self.columns - 1)) // self.columns
        thumb_h = min(int(card_w * 9 / 16), max(40, int(h * 0.09)))
        card_h = thumb_h + 3 * line_h + 10
        pages_hint = _("Arrows choose a slot · Enter or click · Page Up/Down more · Esc back")
        bottom = widgets.footer(app, pages_hint) - int(h * 0.01)
        rows = max(1, (bottom - top + gap) // (card_h + gap))
        card_h = min((bottom - top + gap) // rows - gap, thumb_h + 5 * line_h + 10)
        self.per_page = self.columns * rows
        self.first -= self.first % self.per_page
        shown = names[self.first:self.first + self.per_page]
        self.focus = min(self.focus or 0, max(0, len(shown) - 1))
        for n, name in enumerate(shown):
            c, r = n % self.columns, n // self.columns
            rect = pygame.Rect(margin + c * (card_w + gap), top + r * (card_h + gap), card_w, card_h)
            focused = n == self.focus
            pygame.draw.rect(app.surface, pal.red if focused else pal.highlight, rect)
            pygame.draw.rect(app.surface, pal.ink, rect, 1)
            index = app.record(rect, "button", name)
            info = infos.get(name)
            colour = pal.paper if focused else pal.ink
            ty = rect.y + 4
            thumb = app.thumbnail(name) if info and not info.damaged else None
            if thumb is not None:
                tw = min(card_w - 8, int(thumb_h * 16 / 9))
                pic = pygame.transform.smoothscale(thumb, (tw, int(tw * 9 / 16)))
                app.surface.blit(pic, (rect.x + 4, ty))
                app.record(pygame.Rect(rect.x + 4, ty, pic.get_width(), pic.get_height()), "label", name, parent=index)
                ty += pic.get_height() + 4
            lines = [self.label_of(name, info)]
            if info is None:
                lines.append(_("empty"))
            elif info.damaged:
                lines.append(_("damaged: cannot load"))
            else:
                m = info.meta
                lines.append("{}: {}".format(*info.names_in(app.story)))
                day, _space, hour = str(m.get("in_story", "")).partition(" ")
                lines.append(f"{long_date(day)}, {hour}" if hour else long_date(day))
                lines.append(_("saved {when}").format(when=m.get("saved_at", "?")))
            spoken = []
            for k, line in enumerate(lines):
                face = "OldStandard-Bold" if k == 0 else "OldStandard-Regular"
                surf = app.text(line, face, size, colour, card_w - 8)
                if ty + surf.get_height() > rect.bottom - 2:
                    break        # what does not fit is left out, never cut through
                app.surface.blit(surf, (rect.x + 4, ty))
                app.record(pygame.Rect(rect.x + 4, ty, surf.get_width(), surf.get_height()), "label", line,
                           parent=index)
                spoken.append(line)
                ty += surf.get_height()
            if self.mode == "save":
                action = (lambda nm=name: app.save_to(nm))
            elif info and not info.damaged:
                action = (lambda nm=name: app.load(nm))
            else:
                action = (lambda nm=name, i=info: app.say_message(
                    (_("{slot} is damaged.") if i else _("{slot} is empty.")).format(slot=self.label_of(nm, i))))
            self.buttons.append(widgets.Button(rect, name, action, ". ".join(lines)))


SCREEN = SavesScreen

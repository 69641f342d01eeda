"""A page of reading (the note, the history, a codex entry): a column of at most about 72 characters,
broken into pages at sentence ends, turned with Page Up/Down, the arrows, the wheel or a click."""
from __future__ import annotations

import pygame

from .. import richtext, widgets
from ....i18n.words import N_, _
from .base import Screen

BODY = 0.028


def layout_pages(app, paragraphs: list[str], width: int, height: int, size: int):
    pal = app.pal
    line_h = app.fonts.get("OldStandard-Regular", size, spaced=True).get_linesize()
    lines = []
    for para in paragraphs:
        placed, _height = richtext.layout_cached(app, para, width, size, pal.ink, pal.red, None, app.title_of)
        lines += richtext.lines_of(placed, line_h, int(size * 0.6))
    return richtext.paginate(lines, max(line_h, height), max(line_h, height))


def draw_page(app, page, x: int, y: int) -> list[tuple[pygame.Rect, str]]:
    links = []
    for line in page:
        links += richtext.blit(app.surface, line.words, (x, y), app.pal.red)
        if line.words:
            right = max(w.pos[0] + w.surface.get_width() for w in line.words)
            app.record(pygame.Rect(x, y, right, line.height), "text", "line")
        y += line.height + line.gap_after
    return links


class ReadingScreen(Screen):
    heading = ""
    turn_hint = N_("Page Up/Down or ←/→ turn the page")
    hint = N_("Esc back")
    start_at_end = False

    def __init__(self, app):
        super().__init__(app)
        self.page = 10 ** 6 if self.start_at_end else 0
        self.page_count = 1
        self.links: list[tuple[pygame.Rect, str]] = []
        self.words = ""

    def paragraphs(self) -> list[str]:
        return []

    def key(self, event) -> None:
        key = event.key
        if key in (pygame.K_PAGEDOWN, pygame.K_RIGHT, pygame.K_DOWN, pygame.K_SPACE):
            self.turn(1)
        elif key in (pygame.K_PAGEUP, pygame.K_LEFT, pygame.K_UP):
            self.turn(-1)
        else:
            super().key(event)

    def turn(self, step: int) -> None:
        self.page = max(0, min(self.page_count - 1, self.page + step))
        self.app.changed()

    def wheel(self, y: int) -> None:
        self.turn(-1 if y > 0 else 1)

    def click(self, pos) -> None:
        for rect, cid in self.links:
            if rect.collidepoint(pos):
                self.app.open("codex", entry=cid)
                return
        super().click(pos)

    def page_hint(self) -> str:
        if self.page_count > 1:
            return " · ".join((_("Page {page} of {pages}").format(page=self.page + 1, pages=self.page_count),
                               _(self.turn_hint), _(self.hint)))
        return _(self.hint)

    def draw(self) -> None:
        app = self.app
        w, h = app.surface.get_size()
        margin = int(w * 0.05)
        top = widgets.heading(app, _(self.heading))
        named = self.page_count     # the footer names the count the layout below decides
        bottom = widgets.footer(app, self.page_hint()) - int(h * 0.02)
        size = app.px(BODY)
        width = widgets.reading_width(app, "OldStandard-Regular", size, w - 2 * margin)
        pages = layout_pages(app, self.paragraphs(), width, bottom - top, size)
        self.page_count = len(pages)
        self.page = min(self.page, len(pages) - 1)
        widgets.recount_pages(app, self, named)
        page = pages[self.page]
        self.links = draw_page(app, page, margin, top)
        self.words = " ".join(wd.text for line in page for wd in line.words)

    def speech(self):
        return (self.name, id(self), self.page), f"{_(self.heading)}. {self.words}" if self.page == 0 else self.words

"""The codex: the people, places and terms met so far, as a list beside the chosen entry's text.

Only entries the player has met are listed (linked from the scenes of this playthrough, or from the
title screen, of every playthrough remembered), so the codex gives nothing of other roles away.
"""
from __future__ import annotations

import pygame

from .. import widgets
from ....i18n.words import N_, _
from ...text import codex_kind
from .base import ENTER, Screen
from .reading import draw_page, layout_pages


class CodexScreen(Screen):
    name = "codex"
    hint = N_("↑/↓ choose an entry · Page Up/Down turn its page · Home/End its first/last page · click a red word to follow it · Esc back")

    def __init__(self, app, entry: str | None = None):
        super().__init__(app)
        self.ids = app.play.met_codex()
        if entry and entry in app.story.codex and entry not in self.ids:
            self.ids.append(entry)      # followed from a link: it is met now
        self.focus = self.ids.index(entry) if entry in self.ids else 0
        self.first = 0                  # the first entry shown in the list
        self.page = 0
        self.page_count = 1
        self.links: list[tuple[pygame.Rect, str]] = []
        self.words = ""

    def key(self, event) -> None:
        key = event.key
        if key in (pygame.K_DOWN, pygame.K_TAB, pygame.K_UP) and self.ids:
            self.focus = ((self.focus or 0) + (-1 if key == pygame.K_UP else 1)) % len(self.ids)
            self.page = 0
        elif key in (pygame.K_PAGEDOWN, pygame.K_RIGHT, pygame.K_SPACE) + ENTER:
            self.page = min(self.page_count - 1, self.page + 1)
        elif key in (pygame.K_PAGEUP, pygame.K_LEFT):
            self.page = max(0, self.page - 1)
        elif key in (pygame.K_HOME, pygame.K_END):      # a long entry (the chronology) at 200% runs to many pages
            self.page = 0 if key == pygame.K_HOME else self.page_count - 1
        elif key == pygame.K_ESCAPE:
            self.back()
        self.app.changed()

    def hover(self, pos) -> None:
        pass    # the list scrolls: a row's place is not its entry's index

    def wheel(self, y: int) -> None:
        if self.ids:
            self.focus = max(0, min(len(self.ids) - 1, (self.focus or 0) - y))
            self.page = 0

    def click(self, pos) -> None:
        for rect, cid in self.links:
            if rect.collidepoint(pos):
                self.show(cid)
                return
        for n, b in enumerate(self.buttons):
            if b.rect.collidepoint(pos):
                if b.action == "more":
                    self.page = min(self.page_count - 1, self.page + 1)
                elif b.action == "back":
                    self.back()
                else:
                    self.focus, self.page = self.ids.index(b.action), 0
                self.app.changed()
                return

    def show(self, cid: str) -> None:
        if cid not in self.ids:
            self.ids.append(cid)
        self.focus, self.page = self.ids.index(cid), 0
        self.app.changed()

    def draw(self) -> None:
        app = self.app
        w, h = app.surface.get_size()
        pal = app.pal
        margin = int(w * 0.05)
        top = widgets.heading(app, _("Codex: people, places and terms met so far"))
        named = self.page_count     # the footer names the count the entry's layout below decides
        page_part = (_("Page {page} of {pages}").format(page=self.page + 1, pages=self.page_count) + " · "
                     if self.page_count > 1 else "")
        bottom = widgets.footer(app, page_part + _(self.hint)) - int(h * 0.02)
        if not self.ids:
            widgets.draw_text(app, _("Nothing yet: the codex fills as you meet people, places and terms in the story."),
                              "OldStandard-Italic", app.px(0.028), pal.faint, (margin, top), w - 2 * margin)
            return
        # The list: as many entries as fit, scrolled to keep the focused one in view.
        size = app.px(0.025)
        list_w = max(int(w * 0.28), min(int(w * 0.4), size * 12))
        pad = max(3, size // 4)
        row_h = app.fonts.get("OldStandard-Regular", size).get_linesize() + 2 * pad
        fits = max(1, (bottom - top) // (row_h + 2))
        self.focus = min(self.focus or 0, len(self.ids) - 1)
        if self.focus < self.first:
            self.first = self.focus
        elif self.focus >= self.first + fits:
            self.first = self.focus - fits + 1
        self.first = max(0, min(self.first, len(self.ids) - fits))
        y = top
        for n, cid in enumerate(self.ids[self.first:self.first + fits], start=self.first):
            entry = app.story.codex[cid]
            rect = pygame.Rect(margin, y, list_w, row_h)
            label = entry.title
            while len(label) > 3 and app.text(label, "OldStandard-Regular", size, pal.ink).get_width() > list_w - 2 * widgets.button_pad(size):
                label = label[:-2].rstrip() + "…" if not label.endswith("…") else label[:-2].rstrip() + "…"
            widgets.draw_button(app, rect, label, n == self.focus, size)
            self.buttons.append(widgets.Button(rect, entry.title, cid))
            y += row_h + 2
        # The entry, in a reading column beside the list.
        entry = app.story.codex[self.ids[self.focus]]
        x = margin + list_w + int(w * 0.03)
        width = widgets.reading_width(app, "OldStandard-Regular", app.px(0.028), w - margin - x)
        y = widgets.draw_text(app, f"{entry.title} ({codex_kind(entry.kind)})", "OldStandard-Bold", app.px(0.032), pal.ink,
                              (x, top), width).bottom + int(h * 0.015)
        pages = layout_pages(app, [p for p in entry.text.split("\n\n") if p.strip()], width, bottom - y, app.px(0.028))
        self.page_count = len(pages)
        self.page = min(self.page, len(pages) - 1)
        widgets.recount_pages(app, self, named)
        self.links = draw_page(app, pages[self.page], x, y)
        self.words = f"{entry.title}. " + " ".join(wd.text for line in pages[self.page] for wd in line.words)

    def speech(self):
        return ("codex", id(self), self.focus, self.page), self.words


SCREEN = CodexScreen

"""An ending, on a screen of its own after the scene's text: which ending, what it means, what really
happened, and how many of the role's endings have been found."""
from __future__ import annotations

import pygame

from . import make
from .. import widgets
from ....i18n.words import N_, _
from .base import Screen
from .reading import draw_page, layout_pages


class EndingScreen(Screen):
    name = "ending"
    hint = N_("↑/↓ choose · Enter or click · Backspace back to the scene · V voice")

    def __init__(self, app):
        super().__init__(app)
        self.words = ""
        self.page = 0
        self.page_count = 1
        # No button has the focus until the arrows move it: the Spaces that read the ending's last
        # page must not also take "Play another role".
        self.focus = None

    def items(self):
        app = self.app
        return [(_("Play another role"), lambda: (app.reset(make("title", app)), app.open("roles"))),
                (_("Flowchart of your branches"), lambda: app.open("flowchart")),
                (_("Back to the title"), lambda: app.reset(make("title", app)))]

    def key(self, event) -> None:
        if event.key == pygame.K_BACKSPACE:
            self.back()
        elif event.key in (pygame.K_PAGEDOWN, pygame.K_RIGHT, pygame.K_PAGEUP, pygame.K_LEFT):
            step = 1 if event.key in (pygame.K_PAGEDOWN, pygame.K_RIGHT) else -1
            self.page = max(0, min(self.page_count - 1, self.page + step))
            self.app.changed()
        else:
            super().key(event)

    def draw(self) -> None:
        app = self.app
        w, h = app.surface.get_size()
        pal = app.pal
        frame = app.player.frame()
        kind = _("The historical ending") if frame.ending_historical else _("An ending")
        margin = int(w * 0.05)
        y = widgets.draw_text(app, kind, "OldStandard-Italic", app.px(0.028), pal.red, (margin, int(h * 0.05)),
                              w - 2 * margin).bottom
        top = widgets.heading(app, frame.ending_title or "", y=y, fraction=0.055)
        hint = _(self.hint)
        if self.page_count > 1:
            hint = " · ".join((_("Page {page} of {pages}").format(page=self.page + 1, pages=self.page_count),
                               "Page Up/Down", hint))
        bottom = widgets.footer(app, hint) - int(h * 0.02)
        chart = app.seen.chart(frame.role)
        endings = [s.id for s in app.story.scenes.values() if s.is_ending and frame.role in s.roles]
        found = _("Endings found for this role: {found} of {count}.").format(found=len(chart.endings & set(endings)),
                                                                       count=len(endings))
        # The buttons take one row at the foot; the text gets what is left above them.
        size = app.px(0.028)
        pad = widgets.button_pad(size)
        items = self.items()
        bh = app.fonts.get("OldStandard-Regular", size).get_linesize() + 2 * pad
        gap = max(6, int(w * 0.015))
        bw = (w - 2 * margin - gap * (len(items) - 1)) // len(items)
        floor = max(10, int(size * 0.6))

        def labels_fit(size: int) -> bool:
            return all(app.text(label, "OldStandard-Regular", size, pal.ink).get_width()
                       <= bw - 2 * widgets.button_pad(size) for label, _action in items)
        while not labels_fit(size) and size > floor:   # one row of buttons leaves the text its room
            size = max(floor, int(size * 0.9))
        pad = widgets.button_pad(size)
        bh = app.fonts.get("OldStandard-Regular", size).get_linesize() + 2 * pad
        labels_fit = labels_fit(size)
        if labels_fit:
            rects = [pygame.Rect(margin + n * (bw + gap), bottom - bh, bw, bh) for n in range(len(items))]
        else:   # a column at large text sizes
            rects = [pygame.Rect(margin, bottom - (len(items) - n) * (bh + gap) + gap, w - 2 * margin, bh)
                     for n in range(len(items))]
        text_bottom = rects[0].y - int(h * 0.03)
        paragraphs = ([frame.ending_summary] if frame.ending_summary else []) + \
            ([_("What really happened: ") + frame.note] if frame.note and not frame.ending_historical else []) + [found]
        body = app.px(0.028)
        width = widgets.reading_width(app, "OldStandard-Regular", body, w - 2 * margin)
        pages = layout_pages(app, paragraphs, width, text_bottom - top, body)
        self.page_count = len(pages)
        self.page = min(self.page, len(pages) - 1)
        page = pages[self.page]
        draw_page(app, page, margin, top)
        self.words = " ".join(wd.text for line in page for wd in line.words)
        for n, ((label, action), rect) in enumerate(zip(items, rects)):
            widgets.draw_button(app, rect, label, n == self.focus, size, centre=True)
            self.buttons.append(widgets.Button(rect, label, action))

    def speech(self):
        frame = self.app.player.frame()
        if self.focus is not None:
            return super().speech()
        return ("ending", id(self), self.focus), f"{frame.ending_title}. {self.words} " + (
            self.buttons[0].label if self.buttons else "")


SCREEN = EndingScreen

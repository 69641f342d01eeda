"""A scene: the date band, the picture, the text in pages with the typewriter, and the choices.

Space, Enter, → or a click finish the typewriter and turn the page; they never take a choice. A choice
is taken by its number, by a click, or by Enter once the player has moved the focus onto it with the
arrows (no choice has the focus until then).
"""
from __future__ import annotations

import time
from datetime import date as _date

import pygame

from ....markup import plain
from ....i18n.words import N_, _
from ...text import long_date
from .. import richtext, widgets
from .base import ENTER, Screen

ADVANCE = ENTER + (pygame.K_SPACE, pygame.K_RIGHT, pygame.K_PAGEDOWN)
HINT = N_("Esc menu · N note · C codex · PgUp history · F flowchart · M map · Backspace back · F5 save · V voice")
HINT_NO_MAP = N_("Esc menu · N note · C codex · PgUp history · F flowchart · Backspace back · F5 save · V voice")


class SceneScreen(Screen):
    name = "scene"

    def __init__(self, app):
        super().__init__(app)
        self.links: list[tuple[pygame.Rect, str]] = []
        self.reveal_rect: pygame.Rect | None = None
        self.reveal_cursor: pygame.Rect | None = None
        self._pages_cache = None
        self.last_picture: tuple[int, int] | None = None
        self.arrive()

    # -- arriving ------------------------------------------------------------------------------------
    def arrive(self, at_choice: bool = False) -> None:
        """A new moment of play. `at_choice` (a step back or forward): show the last page, whole, with
        its choices, as it stood when the choice was made; don't type the scene out again."""
        settings = self.app.settings
        self.focus = None
        self.buttons = []
        self.page = 10 ** 6 if at_choice else 0     # clamped to the last page when drawn
        self.page_count = 1
        self.revealed_all = at_choice or settings.text_speed == 0 or settings.reduced_motion
        self.reveal_start = time.monotonic()
        self.reveal_cursor = self.reveal_rect = None
        self.pending_autosave = True
        frame = self.app.player.frame()
        story = self.app.story
        self.app.prefetch([story.scenes[c.target].image for c in self.app.player.available()
                           if c.target in story.scenes], self.last_picture or self.picture_size())
        if frame.show_map and not at_choice and story.map_name:
            self.app.open("map")     # the story asks for the map here; Esc returns to the scene

    def choose(self, index: int) -> None:
        self.app.play.choose(index)
        self.app.show_scene()

    def step_back(self) -> None:
        if self.app.play.back():
            self.app.show_scene(at_choice=True)
        else:
            self.app.say_message(_("This is the first decision of the playthrough."))

    def step_forward(self) -> None:
        if self.app.play.forward():
            self.app.show_scene(at_choice=True)

    def next_page(self) -> bool:
        if self.page < self.page_count - 1:
            self.page += 1
            self.reveal_start = time.monotonic()
            self.reveal_cursor = self.reveal_rect = None
            settings = self.app.settings
            self.revealed_all = settings.text_speed == 0 or settings.reduced_motion
            self.app.changed()
            return True
        return False

    def animating(self) -> bool:
        return not self.revealed_all

    def partial_rect(self):
        return self.reveal_rect if not self.revealed_all else None

    # -- input -----------------------------------------------------------------------------------------
    def key(self, event) -> None:
        app = self.app
        key = event.key
        frame = app.player.frame()
        if key == pygame.K_ESCAPE:
            app.open("menu")
        elif key in ADVANCE and not self.revealed_all:
            self.revealed_all = True
            app.changed()
        elif key in ADVANCE and self.next_page():
            pass
        elif key in ENTER and self.focus is not None and self.buttons:
            self.activate(self.buttons[min(self.focus, len(self.buttons) - 1)])
        elif key in ADVANCE and frame.is_ending:
            app.open("ending")            # reading on past an ending's last page is its ending screen
        elif key == pygame.K_LEFT and self.page > 0:
            self.page -= 1
            self.revealed_all = True
        elif key in (pygame.K_DOWN, pygame.K_TAB, pygame.K_UP) and self.buttons:
            self.move_focus(-1 if key == pygame.K_UP else 1)
        elif pygame.K_1 <= key <= pygame.K_9 and self.page >= self.page_count - 1:
            # By the frame, not the buttons drawn: a number typed before the next draw still counts.
            n = key - pygame.K_1
            if frame.is_ending and n == 0:
                app.open("ending")
            elif not frame.is_ending and n < len(frame.choices):
                self.revealed_all = True
                self.choose(frame.choices[n].index)
        elif key == pygame.K_n:
            app.open("note")
        elif key == pygame.K_c:
            app.open("codex")
        elif key in (pygame.K_PAGEUP, pygame.K_h):
            app.open("backlog")
        elif key == pygame.K_BACKSPACE:
            self.step_back()
        elif key == pygame.K_f:
            app.open("flowchart")
        elif key == pygame.K_m and app.story.map_name:
            app.open("map")

    def click(self, pos) -> None:
        if not self.revealed_all:
            self.revealed_all = True
            self.app.changed()
            return
        for rect, cid in self.links:
            if rect.collidepoint(pos):
                self.app.open("codex", entry=cid)
                return
        if self.page < self.page_count - 1:
            self.next_page()
            return
        super().click(pos)

    def wheel(self, y: int) -> None:
        # As in Ren'Py: the wheel rolls the story back and forward; Page Up opens the history.
        if y > 0:
            self.step_back()
        elif y < 0:
            self.step_forward()

    def back(self) -> None:
        self.app.open("menu")

    # -- layout ------------------------------------------------------------------------------------------
    def body_size(self) -> int:
        return self.app.px(0.03)

    def picture_size(self) -> tuple[int, int]:
        """The picture's size, or (0, 0) when the text needs the whole width (large text, small window)
        or the scene has no picture."""
        if not self.app.player.frame().image:
            return 0, 0
        w, h = self.app.surface.get_size()
        margin = int(w * 0.03)
        img_w = int(w * 0.38)
        if w - img_w - 3 * margin < self.body_size() * 24:
            return 0, 0
        return img_w, h - int(h * 0.2)

    def header(self, frame) -> int:
        app = self.app
        w, h = app.surface.get_size()
        pal = app.pal
        margin = int(w * 0.03)
        size = app.px(0.026)
        if not (frame.date or frame.time or frame.place):
            return 0        # a story without a calendar or places: no band at all
        when = "  ·  ".join(part for part in (long_date(frame.date) if frame.date else "", frame.time) if part).upper()
        if frame.date and app.story.calendar_label:
            when += f"  ({app.story.calendar_label})"
        left = app.text(when, "OldStandard-Bold", size, pal.paper)
        place = app.text(frame.place, "OldStandard-Italic", size, pal.paper, w - 2 * margin)
        one_row = left.get_width() + place.get_width() + margin <= w - 2 * margin and place.get_height() <= left.get_height()
        pad = max(4, size // 3)
        band = left.get_height() + 2 * pad if one_row else left.get_height() + place.get_height() + 2 * pad
        band = max(band, int(h * 0.07))
        pygame.draw.rect(app.surface, pal.ink, (0, 0, w, band))
        if one_row:
            widgets.draw_text(app, when, "OldStandard-Bold", size, pal.paper, (margin, (band - left.get_height()) // 2),
                              what="date")
            widgets.draw_text(app, frame.place, "OldStandard-Italic", size, pal.paper,
                              (w - margin - place.get_width(), (band - place.get_height()) // 2), what="place")
        else:   # too long for one row at this size: the place goes under the date
            y = (band - left.get_height() - place.get_height()) // 2
            widgets.draw_text(app, when, "OldStandard-Bold", size, pal.paper, (margin, y), what="date")
            widgets.draw_text(app, frame.place, "OldStandard-Italic", size, pal.paper, (margin, y + left.get_height()),
                              w - 2 * margin, what="place")
        # The calendar strip: how far through the story's days we are (if it says when they end).
        if not (app.story.calendar_end and frame.date):
            return band
        strip = max(3, h // 180)
        pygame.draw.rect(app.surface, pal.red, (0, band, int(self.clock_fraction(frame) * w), strip))
        return band + strip

    def clock_fraction(self, frame) -> float:
        try:
            start = _date.fromisoformat(self.app.story.calendar_start or frame.date)
            end = _date.fromisoformat(self.app.story.calendar_end)
            day = _date.fromisoformat(frame.date)
            hours, minutes = (int(x) for x in frame.time.split(":")) if frame.time else (12, 0)
        except ValueError:
            return 0.0
        elapsed = (day - start).days * 24 + hours + minutes / 60
        return max(0.0, min(1.0, elapsed / max(24, (end - start).days * 24)))

    def items(self, frame) -> list[tuple[str, object, str]]:
        """(label, action, spoken) of each button under the text."""
        if frame.is_ending:
            return [(_("Continue"), lambda: self.app.open("ending"), _("Continue to the ending"))]
        out = []
        for c in frame.choices:
            text = plain(c.text, self.app.title_of)
            mark = "  †" if c.counterfactual else ""
            spoken = _("Choice {number}: {text}").format(number=c.number, text=text) + (
                " " + _("This leaves recorded history.") if c.counterfactual else "")
            out.append((f"{c.number}. {text}{mark}", (lambda i=c.index: self.choose(i)), spoken))
        return out

    def draw(self) -> None:
        app = self.app
        w, h = app.surface.get_size()
        pal = app.pal
        frame = app.player.frame()
        top = self.header(frame)
        footer_top = widgets.footer(app, _(HINT) if app.story.map_name else _(HINT_NO_MAP))
        margin = int(w * 0.03)
        img_w = self.picture_size()[0]
        if img_w:
            img_h = footer_top - top - 2 * margin
            self.last_picture = (img_w, img_h)
            img = app.image(frame.image, (img_w, img_h))
            if img:
                app.surface.blit(img, (margin, top + margin))
            else:
                pygame.draw.rect(app.surface, pal.paper_dark, (margin, top + margin, img_w, img_h))
            pygame.draw.rect(app.surface, pal.ink, (margin, top + margin, img_w, img_h), 2)
            app.record(pygame.Rect(margin, top + margin, img_w, img_h), "image", frame.image)
            x = 2 * margin + img_w
            tw = w - x - margin
        else:
            # No picture: the text takes the middle of the window, at a readable measure.
            tw = min(w - 2 * margin, self.body_size() * 36)
            x = (w - tw) // 2
        y = top + margin
        y = widgets.draw_text(app, frame.title, "OldStandard-Bold", app.px(0.042), pal.ink, (x, y), tw,
                              what="title").bottom + int(h * 0.01)
        if frame.counterfactual:
            y = widgets.draw_text(app, _("This scene leaves recorded history: press N for what really happened."),
                                  "OldStandard-Italic", app.px(0.024), pal.red, (x, y), tw).bottom + int(h * 0.008)
        if frame.content_note:
            y = widgets.draw_text(app, _("Content note: {note}").format(note=frame.content_note), "OldStandard-Italic", app.px(0.024),
                                  pal.red, (x, y), tw).bottom + int(h * 0.008)
        # The choices are laid out from the bottom up, so the text above gets what is left.
        items = self.items(frame)
        gap = max(3, int(h * 0.008))
        # Long choices at the largest text sizes may not fit under the title: their type steps down
        # until they do (found by the layout test on a story with long choices and a content note).
        for fraction in (0.028, 0.025, 0.022, 0.019, 0.016):
            size = app.px(fraction)
            pad = widgets.button_pad(size)
            bottom = footer_top - int(margin * 0.5)
            choice_rects = []
            for label, action, spoken in reversed(items):
                text_h = app.text(label, "OldStandard-Regular", size, pal.ink, tw - 2 * pad).get_height()
                rect = pygame.Rect(x, bottom - text_h - 2 * pad, tw, text_h + 2 * pad)
                choice_rects.insert(0, (rect, label, action, spoken))
                bottom = rect.y - gap
            if bottom >= y:
                break
        prompt_size = app.px(0.024)
        prompt_h = app.fonts.get("OldStandard-Italic", prompt_size).get_linesize()
        page_bottom = footer_top - int(margin * 0.5) - prompt_h - gap
        pages = self.pages(frame, tw, page_bottom - y, bottom - y)
        self.page_count = len(pages)
        self.page = min(self.page, len(pages) - 1)
        budget = None if self.revealed_all else int((time.monotonic() - self.reveal_start) * app.settings.text_speed)
        self.links = []
        cursor: pygame.Rect | None = None   # the line the typewriter is writing on
        for line in pages[self.page]:
            if budget is not None and budget <= 0:
                break
            words = line.words if budget is None else [wd for wd in line.words if wd.offset_in_page < budget]
            if not words:
                break   # the typewriter has not reached this line yet
            self.links += richtext.blit(app.surface, words, (x, y), pal.red)
            right = max(wd.pos[0] + wd.surface.get_width() for wd in words)
            app.record(pygame.Rect(x, y, right, line.height), "text", "line")
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
            app.full_redraw = True   # the choices (or the page prompt) appear: show the whole window
        if self.page < self.page_count - 1:
            if self.revealed_all:
                more = _("Page {page} of {pages} · Space, Enter, click or → to read on").format(page=self.page + 1,
                                                                                         pages=self.page_count)
                widgets.draw_text(app, more,
                                  "OldStandard-Italic", prompt_size, pal.red, (x, page_bottom + gap), tw, what="more")
            choice_rects = []
        if self.revealed_all:
            for n, (rect, label, action, spoken) in enumerate(choice_rects):
                widgets.draw_button(app, rect, label, n == self.focus, size)
                self.buttons.append(widgets.Button(rect, label, action, spoken))
        app.game_snapshot = app.surface.copy() if self.pending_autosave or self.revealed_all else app.game_snapshot
        if self.pending_autosave:   # the autosave was written on arrival; its picture is this first frame
            self.pending_autosave = False
            app.play.autosave_thumbnail(app.thumbnail_png())

    def pages(self, frame, width: int, page_height: int, last_page_height: int):
        """The scene's text split into pages that fit the panel; the last leaves room for the choices."""
        app = self.app
        size = self.body_size()
        key = (frame.scene_id, frame.turn, width, size, page_height, last_page_height, app.settings.high_contrast,
               app.settings.readable_font, app.settings.line_spacing)
        if self._pages_cache and self._pages_cache[0] == key:
            return self._pages_cache[1]
        pal = app.pal
        line_h = app.fonts.get("OldStandard-Regular", size, spaced=True).get_linesize()
        lines = []
        for para in frame.paragraphs:
            placed, _height = richtext.layout_cached(app, para, width, size, pal.ink, pal.red, None, app.title_of)
            lines += richtext.lines_of(placed, line_h, int(size * 0.6))
        pages = richtext.paginate(lines, max(line_h, page_height), last_page_height)
        for page in pages:   # the typewriter counts characters from the top of each page
            count = 0
            for line in page:
                for word in line.words:
                    word.offset_in_page = count
                    count += word.length
        self._pages_cache = (key, pages)
        return pages

    def page_words(self) -> str:
        if not self._pages_cache:
            return ""
        pages = self._pages_cache[1]
        page = pages[min(self.page, len(pages) - 1)]
        return " ".join(w.text for line in page for w in line.words)

    def speech(self):
        frame = self.app.player.frame()
        if self.focus is not None and self.buttons:
            b = self.buttons[min(self.focus, len(self.buttons) - 1)]
            return ("scene", frame.turn, frame.scene_id, self.page, "focus", self.focus), b.spoken or b.label
        text = self.page_words()
        if self.page == 0:
            text = f"{frame.title}. {text}"
        if self.page >= self.page_count - 1:
            text += " " + " ".join(b.spoken or b.label for b in self.buttons) if self.buttons else ""
        return ("scene", frame.turn, frame.scene_id, self.page, bool(self.buttons)), text


SCREEN = SceneScreen

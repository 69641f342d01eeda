"""The title screen: the story's picture and name, and New game, Continue, Load, Classroom, ..."""
from __future__ import annotations

import pygame

from .. import widgets
from .base import MenuScreen
from ....i18n.words import N_, _


class TitleScreen(MenuScreen):
    name = "title"
    hint = N_("↑/↓ choose · Enter or click · V voice · F11 full screen")

    def __init__(self, app):
        super().__init__(app)
        self.confirm_quit = False

    def shown(self) -> None:
        self.focus = 0
        self.confirm_quit = False

    def items(self):
        app = self.app
        if self.confirm_quit:
            return [(_("Stay"), self.cancel_quit), (_("Quit the game"), app.quit)]
        items = [(_("New game"), lambda: app.open("roles"))]
        slot = app.play.continue_slot()
        if slot:
            role = slot.split("-", 1)[1] if "-" in slot else ""
            name = app.story.roles[role].name if role in app.story.roles else ""
            items.append((_("Continue ({name})").format(name=name) if name else _("Continue"), lambda s=slot: app.load(s)))
        items.append((_("Load"), lambda: app.open("saves", mode="load")))
        # A story offers only what it has: no classroom material, no Classroom; no codex, no Codex.
        if app.story.classroom is not None:
            items.append((_("Classroom"), lambda: app.open("classroom")))
        if app.story.codex:
            items.append((_("Codex"), lambda: app.open("codex")))
        items += [(_("Settings"), lambda: app.open("settings")), (_("Quit"), self.ask_quit)]
        return items

    def ask_quit(self) -> None:
        self.confirm_quit = True
        self.focus = 0        # "Stay": a second Enter does not quit
        self.app.changed()

    def cancel_quit(self) -> None:
        self.confirm_quit = False
        self.focus = 0
        self.app.changed()

    def back(self) -> None:
        if self.confirm_quit:
            self.cancel_quit()

    def draw(self) -> None:
        app = self.app
        w, h = app.surface.get_size()
        pal = app.pal
        margin = int(w * 0.04)
        bottom = widgets.footer(app, _(self.hint))
        # The picture takes the left half when the column beside it still holds the menu at this text size.
        img_w = int(w * 0.5)
        col_w = w - 3 * margin - img_w
        picture = app.story.title_image
        if col_w < app.px(0.033) * 11 or not picture:
            img_w, col_w = 0, w - 2 * margin
        x = margin * 2 + img_w if img_w else margin
        if img_w:
            img_h = bottom - 2 * margin
            img = app.image(picture, (img_w, img_h))
            if img:
                app.surface.blit(img, (margin, margin))
                app.record(pygame.Rect(margin, margin, img_w, img_h), "image", picture)
            pygame.draw.rect(app.surface, pal.ink, (margin, margin, img_w, img_h), 2)
        y = int(h * 0.06)
        # The banner and the title are display type, large at any setting: they grow no further past
        # 125%, leaving the room to the menu's buttons, whose words must stay readable.
        display = min(1.0, 1.25 / app.settings.text_scale)
        if app.story.banner:
            y = widgets.draw_text(app, app.story.banner, "OldStandard-Bold", int(app.px(0.03) * display), pal.red,
                                  (x, y), col_w, centred=True).bottom
        title = app.story.title.upper()
        size = int(app.px(0.07) * display)
        longest = max(title.split(), key=len, default="")
        while size > 12 and app.text(longest, "OldStandard-Bold", size, pal.ink).get_width() > col_w:
            size = int(size * 0.92)      # never break a word of the title
        y = widgets.draw_text(app, title, "OldStandard-Bold", size, pal.ink, (x, y), col_w, centred=True).bottom
        if app.story.subtitle:
            y = widgets.draw_text(app, app.story.subtitle, "OldStandard-Italic", app.px(0.028), pal.faint, (x, y),
                                  col_w, centred=True).bottom
        y += int(h * 0.02)
        pygame.draw.rect(app.surface, pal.red, (x + margin, y, col_w - 2 * margin, 3))
        y += int(h * 0.03)
        bw = min(col_w, max(int(w * 0.3), app.px(0.033) * 12))
        area = pygame.Rect(x + (col_w - bw) // 2, y, bw, bottom - y - int(h * 0.02))
        widgets.button_list(app, self, self.items(), area, fraction=0.033, may_widen=not img_w)


SCREEN = TitleScreen

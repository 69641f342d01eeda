"""Choosing a role: the numbered roles on the left, the focused one's portrait and biography beside.

At large text the roles do not all fit the column: it scrolls to follow the focus, with marks for
the roles above and below, rather than shrinking their type. Number keys and clicks still work."""
from __future__ import annotations

import pygame

from .. import widgets
from ....i18n.words import _
from .base import Screen, ScrollsItsList


class RolesScreen(ScrollsItsList, Screen):
    name = "roles"

    @property
    def hint(self) -> str:
        count = len(self.roles())
        keys = "1" if count == 1 else f"1-{count}" if count <= 9 else "1-9, 0"
        return _("{keys} or Enter to begin · ↑/↓ to look · Esc back · V voice").format(keys=keys)

    def roles(self):
        return list(self.app.story.roles.values())

    def draw(self) -> None:
        app = self.app
        w, h = app.surface.get_size()
        pal = app.pal
        margin = int(w * 0.05)
        top = widgets.heading(app, _("Choose who you will be"))
        bottom = widgets.footer(app, self.hint) - int(h * 0.02)
        roles = self.roles()
        left_w = max(int(w * 0.3), min(int(w * 0.45), app.px(0.03) * 11))
        area = pygame.Rect(margin, top, left_w, bottom - top)
        items = [(f"{n}. {role.name}", (lambda r=role.id: app.start_role(r))) for n, role in enumerate(roles, start=1)]
        self.first, self.marks = widgets.scrolling_button_list(app, self, items, area, self.first)
        pending = app.untranslated_roles()
        for button, role in zip(self.buttons, roles):
            button.spoken = f"{button.label}. {role.title}. {role.description}" + (
                f" ({_('not yet translated')})" if role.id in pending else "")
        if not roles:
            return
        role = roles[min(self.focus or 0, len(roles) - 1)]
        x = margin + left_w + int(w * 0.03)
        right = w - margin
        y = top
        portrait_h = min(int(h * 0.5), bottom - top)
        portrait_w = int(portrait_h * 0.8)
        tx = x
        if role.portrait and right - x - portrait_w >= app.px(0.028) * 12:   # room for text beside it
            img = app.image(role.portrait, (portrait_w, portrait_h))
            if img:
                app.surface.blit(img, (x, y))
                app.record(pygame.Rect(x, y, portrait_w, portrait_h), "image", role.portrait)
                pygame.draw.rect(app.surface, pal.ink, (x, y, portrait_w, portrait_h), 2)
                tx = x + portrait_w + int(w * 0.02)
        tw = right - tx
        y = widgets.draw_text(app, role.title, "OldStandard-Bold", app.px(0.034), pal.ink, (tx, y), tw).bottom
        meta = _("Starts: {starts}").format(starts=role.starts) + (
            "  ·  " + _("about {minutes} minutes").format(minutes=role.minutes) if role.minutes else "") + (
            "  ·  " + _("not yet translated") if role.id in pending else "")
        y = widgets.draw_text(app, meta, "OldStandard-Italic", app.px(0.024), pal.red, (tx, y), tw).bottom + int(h * 0.015)
        bio = widgets.keep_short_words(role.biography or role.description)
        size = widgets.fitted_size(app, bio, "OldStandard-Regular", 0.026, tw, bottom - y)
        widgets.draw_text(app, bio, "OldStandard-Regular", size, pal.ink, (tx, y), tw, max_height=bottom - y)


SCREEN = RolesScreen

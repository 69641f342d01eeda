"""play --watch: the story has errors after a save. Each is listed over the game as
file:line:col code message; the screen goes when a save fixes them, and play goes on from there."""
from __future__ import annotations

import pygame

from ....i18n.words import _
from .base import OverlayScreen


class DiagnosticsScreen(OverlayScreen):
    name = "diagnostics"

    def __init__(self, app, reload):
        super().__init__(app)
        self.reload = reload
        self.focus = None

    def key(self, event) -> None:
        pass    # nothing to choose: the author fixes the files, or closes the window

    def back(self) -> None:
        pass    # play cannot go on over a story with errors

    def listed(self) -> list[str]:
        errors = self.reload.errors
        changed = ", ".join(self.reload.changed) or _("the story")
        out = [_("After the save of {changed}, the story has {count} error(s):").format(changed=changed, count=len(errors)), ""]
        out += [f"{d.span}: {d.code} {d.message}" for d in errors]
        warnings = len(self.reload.diagnostics) - len(errors)
        if warnings:
            out += ["", _("(and {count} warning(s): petrograd check lists them)").format(count=warnings)]
        return out

    def draw(self) -> None:
        app = self.app
        self.draw_beneath()
        w, h = app.surface.get_size()
        margin = int(w * 0.05)
        rect = pygame.Rect(margin, int(h * 0.08), w - 2 * margin, int(h * 0.84))
        self.panel(rect)
        pad = int(h * 0.025)
        inner = rect.inflate(-2 * pad, -2 * pad)
        hint = app.text(_("Fix the files and save: the game goes on from here."), "OldStandard-Italic",
                        app.px(0.024), app.pal.red, inner.width)
        area = pygame.Rect(inner.x, inner.y, inner.width, inner.height - hint.get_height() - pad)
        self.lines([(line, app.pal.ink) for line in self.listed()], area, app.px(0.022),
                   overflow=lambda left: _("... and {count} more lines: petrograd check lists every error").format(count=left))
        app.surface.blit(hint, (inner.x, inner.bottom - hint.get_height()))

    def speech(self):
        return (self.name, id(self), tuple(self.listed())), " ".join(self.listed()[:6])


SCREEN = DiagnosticsScreen

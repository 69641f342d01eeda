"""The historical note of the scene and its sources. N or Esc closes it; C opens the codex."""
from __future__ import annotations

import pygame

from . import make
from ....i18n.words import N_, _
from .reading import ReadingScreen


class NoteScreen(ReadingScreen):
    name = "note"
    heading = N_("What really happened")
    hint = N_("N or Esc back · C codex")

    def paragraphs(self) -> list[str]:
        frame = self.app.player.frame()
        out = [frame.note or _("There is no historical note for this scene.")]
        out += [_("Source: {source}").format(source=s) for s in frame.sources]
        return out

    def key(self, event) -> None:
        if event.key == pygame.K_n:
            self.back()
        elif event.key == pygame.K_c:
            self.app.replace(make("codex", self.app))
        else:
            super().key(event)


SCREEN = NoteScreen

"""The history of what has been read and chosen, opened at its latest page (Page Up from a scene)."""
from __future__ import annotations

from ....i18n.words import N_, _
from .reading import ReadingScreen


class BacklogScreen(ReadingScreen):
    name = "backlog"
    heading = N_("What has happened so far")
    start_at_end = True

    def paragraphs(self) -> list[str]:
        return [line.replace("*", "") for line in self.app.backlog] or [_("Nothing yet.")]


SCREEN = BacklogScreen

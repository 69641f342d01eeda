"""The history of what has been read and chosen, opened at its latest page (Page Up from a scene)."""
from __future__ import annotations

from .reading import ReadingScreen


class BacklogScreen(ReadingScreen):
    name = "backlog"
    heading = "What has happened so far"
    start_at_end = True

    def paragraphs(self) -> list[str]:
        return [line.replace("*", "") for line in self.app.backlog] or ["Nothing yet."]


SCREEN = BacklogScreen

"""The pause menu (Esc in a scene): resume, save, load, settings, codex, flowchart, map, quit to title."""
from __future__ import annotations

from . import make
from .base import MenuScreen


class PauseMenu(MenuScreen):
    name = "menu"
    heading = "Paused"

    def items(self):
        app = self.app
        items = [
            ("Resume", app.pop),
            ("Save", lambda: app.open("saves", mode="save")),
            ("Load", lambda: app.open("saves", mode="load")),
            ("Settings", lambda: app.open("settings")),
            ("Codex", lambda: app.open("codex")),
            ("Flowchart of your branches", lambda: app.open("flowchart")),
        ]
        if app.story.map_name:    # a story without a map has no map item
            items.append((f"Map of {app.story.map_name}", lambda: app.open("map")))
        return items + [("Quit to title", lambda: app.reset(make("title", app)))]


SCREEN = PauseMenu

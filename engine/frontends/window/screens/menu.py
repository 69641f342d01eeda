"""The pause menu (Esc in a scene): resume, save, load, settings, codex, flowchart, map, quit to title."""
from __future__ import annotations

from . import make
from .base import MenuScreen
from ....i18n.words import N_, _


class PauseMenu(MenuScreen):
    name = "menu"
    heading = N_("Paused")

    def items(self):
        app = self.app
        items = [
            (_("Resume"), app.pop),
            (_("Save"), lambda: app.open("saves", mode="save")),
            (_("Load"), lambda: app.open("saves", mode="load")),
            (_("Settings"), lambda: app.open("settings")),
            (_("Codex"), lambda: app.open("codex")),
            (_("Flowchart of your branches"), lambda: app.open("flowchart")),
        ]
        if app.story.map_name:    # a story without a map has no map item
            items.append((_("Map of {name}").format(name=app.story.map_name), lambda: app.open("map")))
        return items + [(_("Quit to title"), lambda: app.reset(make("title", app)))]


SCREEN = PauseMenu

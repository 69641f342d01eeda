"""The classroom on students' devices, hosted from the window: the server runs in the background and
this screen is the projector (join code and QR code, cast, progress, assemblies, tally, debrief).
Esc leaves it and stops the server; the session is kept and can be resumed from the Classroom screen."""
from __future__ import annotations

import time

import pygame

from ....i18n.words import _
from ..projector import Projector
from .base import Screen


class DevicesScreen(Screen):
    name = "devices"

    def __init__(self, app, period: int = 45, periods: int = 2, students: int = 12, lan: bool = False,
                 resume: str | None = None):
        super().__init__(app)
        from ....runtime import Game
        from ....session.hosted import HostedSession
        from ....session.planner import make_plan
        from ...web.server import lan_address, start_in_thread
        saves = app.store.base
        if resume:
            self.hosted = HostedSession.open(app.story, resume, saves)
        else:
            name = base = time.strftime("class-%Y%m%d-%H%M")
            n = 2
            from ....session.engine import sessions_dir
            while (sessions_dir(saves) / name).exists():
                name, n = f"{base}-{n}", n + 1
            plan = make_plan(app.story, Game(app.story), students, period, periods)
            self.hosted = HostedSession.create(app.story, name, plan, saves)
        self.server, port = start_in_thread(self.hosted, "0.0.0.0" if lan else "127.0.0.1", 8917 if lan else 0)
        url = f"http://{lan_address() if lan else '127.0.0.1'}:{port}/"
        self.projector = Projector(self.hosted, url, high_contrast=app.settings.high_contrast)
        self.seen = -1
        self.next_tick = 0.0

    def animating(self) -> bool:
        # Redraw when the session changes (a device answered) and once a second for the clock.
        return self.hosted.version != self.seen or time.monotonic() >= self.next_tick

    def key(self, event) -> None:
        if not self.projector.key(event.key, event.mod):
            self.back()
        self.app.changed()

    def click(self, pos) -> None:
        pass

    def back(self) -> None:
        self.server.should_exit = True
        self.app.pop()

    def draw(self) -> None:
        self.seen = self.hosted.version
        self.next_tick = time.monotonic() + 1.0
        self.projector.draw(self.app.surface)

    def speech(self):
        view = self.projector.view()
        words = (_("Join the class at {url} with the code {code}.").format(url=self.projector.url,
                                                                          code=" ".join(view["code"]))
                 if view["screen"] == "lobby" else "")
        return (self.name, id(self), view["screen"]), words


SCREEN = DevicesScreen

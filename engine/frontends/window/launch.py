"""Opening the window from the command line: for play (`petrograd play`) or a classroom session."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pygame

from ...persistence import SaveStore
from ...runtime import Game
from .app import App
from .screens import make

NO_DISPLAY_PLAY = "petrograd: no display available; play in the terminal with `petrograd play --text`"
NO_DISPLAY_SESSION = "petrograd: no display available; run the session in the terminal with --text"


def _display_ready(message: str) -> bool:
    headless_linux = sys.platform.startswith("linux") and not any(
        os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"))
    if headless_linux:   # don't even ask SDL: it would print its own errors first
        print(message, file=sys.stderr)
        return False
    try:
        pygame.display.init()
    except pygame.error:
        print(message, file=sys.stderr)
        return False
    return True


def run_window(story, role: str | None = None, seed: int | None = None, saves_dir: str | None = None,
               load: str | None = None) -> int:
    if not _display_ready(NO_DISPLAY_PLAY):
        return 2
    app = App(Game(story), role=role, seed=seed,
              saves=SaveStore.for_story(story.id, Path(saves_dir) if saves_dir else None))
    if load:
        app.load(load)
    return app.run()


def run_session_window(session, saves_dir=None) -> int:
    """`petrograd session new|resume` without --text: the session on the projector, in the window."""
    if not _display_ready(NO_DISPLAY_SESSION):
        return 2
    story = session.story
    app = App(Game(story), saves=SaveStore.for_story(story.id, Path(saves_dir) if saves_dir else None))
    app.push(make("classroom", app, session=session))
    return app.run()

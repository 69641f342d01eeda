"""Opening the window from the command line: for play (`petrograd play`) or a classroom session."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pygame

from ...i18n.words import N_, _
from ...persistence import SaveStore
from ...runtime import Game
from .app import App
from .screens import make

NO_DISPLAY_PLAY = N_("petrograd: no display available; play in the terminal with `petrograd play --text`")
NO_DISPLAY_SESSION = N_("petrograd: no display available; run the session in the terminal with --text")

PREFERRED_SIZE = (1280, 720)
ROOM_FOR_PANELS = 80        # a task bar and the window's title bar, which the desktop size includes


def fitting_window_size(desktop: tuple[int, int] | None, preferred: tuple[int, int] = PREFERRED_SIZE) -> tuple[int, int]:
    """The window's first size: the preferred one where the screen has room for it; on a small
    screen (a 1024x600 netbook) as much of the screen as leaves the panels and the title bar
    visible, so no part of the game opens off the screen. Never below 640x360."""
    if not desktop or desktop[0] <= 0 or desktop[1] <= 0:
        return preferred
    width = max(640, min(preferred[0], desktop[0]))
    height = max(360, min(preferred[1], desktop[1] - ROOM_FOR_PANELS))
    return width, height


def _desktop() -> tuple[int, int] | None:
    try:
        sizes = pygame.display.get_desktop_sizes()
    except pygame.error:
        return None
    return sizes[0] if sizes else None


def _display_ready(message: str) -> bool:
    headless_linux = sys.platform.startswith("linux") and not any(
        os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER"))
    if headless_linux:   # don't even ask SDL: it would print its own errors first
        print(_(message), file=sys.stderr)
        return False
    try:
        pygame.display.init()
    except pygame.error:
        print(_(message), file=sys.stderr)
        return False
    return True


def run_window(story, role: str | None = None, seed: int | None = None, saves_dir: str | None = None,
               load: str | None = None, warp_to: tuple[str | None, dict] | None = None,
               watch: tuple[Path, str] | None = None, debug: bool = False, language: str | None = None) -> int:
    """`warp_to` (scene, variables) starts there (play --scene --set); `watch` (story folder, the
    path shown in diagnostics) reloads the story on every save (play --watch); `language` (play
    --lang) shows a translation, else the one chosen in the settings."""
    if not _display_ready(NO_DISPLAY_PLAY):
        return 2
    app = App(Game(story), role=None if warp_to else role, seed=seed, size=fitting_window_size(_desktop()),
              saves=SaveStore.for_story(story.id, Path(saves_dir) if saves_dir else None), debug=debug,
              language=language)
    if load:
        app.load(load)
    if warp_to:
        from ...authoring.warp import warp
        scene, settings = warp_to
        app.play.take_warp(warp(app.game, scene or story.roles[role].start, role=role,
                                seed=app.play.new_seed(), settings=settings))
        app.show_scene()
    watcher = None
    if watch:
        from ...authoring.watch import watch_story
        watcher, app.reloads = watch_story(*watch)
    try:
        return app.run()
    finally:
        if watcher is not None:
            watcher.stop()


def run_session_window(session, saves_dir=None) -> int:
    """`petrograd session new|resume` without --text: the session on the projector, in the window."""
    if not _display_ready(NO_DISPLAY_SESSION):
        return 2
    story = session.story
    app = App(Game(story), size=fitting_window_size(_desktop()),
              saves=SaveStore.for_story(story.id, Path(saves_dir) if saves_dir else None))
    app.push(make("classroom", app, session=session))
    return app.run()

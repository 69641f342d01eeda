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
    app = App(Game(story), role=None if warp_to else role, seed=seed,
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
    app = App(Game(story), saves=SaveStore.for_story(story.id, Path(saves_dir) if saves_dir else None))
    app.push(make("classroom", app, session=session))
    return app.run()

"""The pygame window front end: the only package in the engine that imports pygame.

app.py holds the frame loop, the stack of screens and what they share; screens/ holds one module
per screen; launch.py opens the window from the command line.
"""
import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# We draw everything in software; SDL's default accelerated window framebuffer (a GL texture under
# Mesa here) added ~5 ms to every display update, measured on Xvfb. The plain framebuffer costs ~0.02 ms.
os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")

from .app import App  # noqa: E402
from .launch import run_session_window, run_window  # noqa: E402

__all__ = ["App", "run_session_window", "run_window"]

"""The pygame window front end: the only package in the engine that imports pygame."""
import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# We draw everything in software; SDL's default accelerated window framebuffer (a GL texture under
# Mesa here) added ~5 ms to every display update, measured on Xvfb. The plain framebuffer costs ~0.02 ms.
os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")

from .app import App, run_window

__all__ = ["App", "run_window"]

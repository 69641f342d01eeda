"""The pygame window front end: the only package in the engine that imports pygame."""
import os

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from .app import App, run_window

__all__ = ["App", "run_window"]

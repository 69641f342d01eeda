"""The window's screens, one module each: `screens/<name>.py` defines `SCREEN`, a Screen subclass.

Adding a screen is adding its module; `app.open("<name>")` finds it by name.
"""
from __future__ import annotations

import importlib

from .base import MenuScreen, Screen

__all__ = ["MenuScreen", "Screen", "make"]


def make(name: str, app, **options) -> Screen:
    module = importlib.import_module(f"{__name__}.{name}")
    return module.SCREEN(app, **options)

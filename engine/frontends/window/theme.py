"""Colours, fonts and settings for the window: the look of 1917 print (paper, ink, red)."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

import pygame

from ...persistence import SaveError, atomic_write
from ...safefile import read_regular

FONTS = Path(__file__).resolve().parents[3] / "assets" / "fonts"


@dataclass
class Settings:
    text_scale: float = 1.0      # 0.75 .. 2.0
    text_speed: int = 60         # characters per second; 0 means instant
    fullscreen: bool = False
    high_contrast: bool = False
    reduced_motion: bool = False

    SPEEDS = (0, 30, 60, 120)

    @classmethod
    def load(cls, path: Path) -> "Settings":
        """Settings from disk; anything missing, damaged or out of range falls back to its default."""
        settings = cls()
        try:
            data = json.loads(read_regular(path, 100_000).decode("utf-8"))   # never a FIFO or a device
        except (OSError, ValueError, RecursionError):
            return settings
        if not isinstance(data, dict):
            return settings
        scale = data.get("text_scale")
        if isinstance(scale, (int, float)) and not isinstance(scale, bool) and 0.75 <= scale <= 2.0:
            settings.text_scale = float(scale)
        speed = data.get("text_speed")
        if isinstance(speed, int) and not isinstance(speed, bool) and 0 <= speed <= 1000:
            settings.text_speed = speed
        for flag in ("fullscreen", "high_contrast", "reduced_motion"):
            if isinstance(data.get(flag), bool):
                setattr(settings, flag, data[flag])
        return settings

    def save(self, path: Path) -> None:
        try:
            atomic_write(path, json.dumps(asdict(self), indent=1).encode())
        except (OSError, SaveError):
            pass  # settings are a convenience; never fail play over them


@dataclass(frozen=True)
class Palette:
    paper: tuple
    paper_dark: tuple
    ink: tuple
    faint: tuple
    red: tuple
    highlight: tuple


PAPER = Palette((236, 226, 203), (222, 208, 178), (28, 25, 22), (110, 98, 84), (163, 35, 31), (246, 238, 220))
CONTRAST = Palette((0, 0, 0), (24, 24, 24), (255, 255, 255), (200, 200, 200), (255, 210, 0), (40, 40, 40))


class Fonts:
    """Fonts sized from the window height and the text-size setting; cached per size."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, int], pygame.font.Font] = {}

    def get(self, face: str, px: int) -> pygame.font.Font:
        key = (face, max(8, px))
        font = self._cache.get(key)
        if font is None:
            path = FONTS / f"{face}.ttf"
            font = pygame.font.Font(str(path) if path.is_file() else None, key[1])
            self._cache[key] = font
        return font

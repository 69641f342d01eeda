"""Colours, fonts and settings for the window: the look of old print (paper, ink, red)."""
from __future__ import annotations

import json
import re
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
    self_voicing: bool = False   # V: the window reads the text and the focused item aloud
    voice_rate: int = 175        # words a minute
    readable_font: bool = False  # Lexend, a sans-serif made for easier reading, in place of Old Standard
    line_spacing: float = 1.0    # 1.0 .. 2.0 of the font's own line height
    language: str = ""           # a translation's code (locale/<code>/), or "" for the story as written

    SCALES = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0)
    SPEEDS = (0, 30, 60, 120)
    RATES = (120, 150, 175, 210, 250, 300)
    SPACINGS = (1.0, 1.25, 1.5, 2.0)

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
        rate = data.get("voice_rate")
        if isinstance(rate, int) and not isinstance(rate, bool) and 80 <= rate <= 450:
            settings.voice_rate = rate
        spacing = data.get("line_spacing")
        if isinstance(spacing, (int, float)) and not isinstance(spacing, bool) and 1.0 <= spacing <= 2.0:
            settings.line_spacing = float(spacing)
        language = data.get("language")
        if isinstance(language, str) and (language == "" or re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", language)):
            settings.language = language
        for flag in ("fullscreen", "high_contrast", "reduced_motion", "self_voicing", "readable_font"):
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


READABLE = "Lexend"


class Fonts:
    """Fonts by face and pixel size, cached; the settings choose the readable face and the line spacing."""

    def __init__(self, settings=lambda: None) -> None:
        self._settings = settings
        self._cache: dict[tuple[str, int, float], pygame.font.Font] = {}
        self._missing: dict[str, dict] = {}

    def face(self, face: str) -> str:
        """The face to use for `face` under the settings: Old Standard's styles map to Lexend's."""
        settings = self._settings()
        if settings is not None and settings.readable_font and face.startswith("OldStandard-"):
            return READABLE + "-" + face.split("-", 1)[1]
        return face

    def covers(self, face: str, text: str) -> bool:
        """Whether the face has a glyph for every character of `text` (Lexend has no arrows and no
        Cyrillic: strings with them keep Old Standard)."""
        family = face.split("-")[0]     # the styles of one variable font share its glyphs
        font = self.get(family + "-Regular", 20, exact=True)
        missing = self._missing.setdefault(family, {})
        def glyph(ch: str) -> bytes:    # metrics alone can match by chance ('T' is as wide as the box)
            return pygame.image.tobytes(font.render(ch, False, (0, 0, 0), (255, 255, 255)), "RGB")
        notdef = missing.get("\U0010fffd-glyph")
        if notdef is None:
            notdef = missing["\U0010fffd-glyph"] = glyph("\U0010fffd")
        for ch in set(text) - {" ", "\u00a0", "\n"}:
            if ch not in missing:
                missing[ch] = glyph(ch) == notdef
            if missing[ch]:
                return False
        return True

    def get(self, face: str, px: int, spaced: bool = False, exact: bool = False) -> pygame.font.Font:
        """`spaced`: for running text (scene, note, codex), whose lines take the line-spacing
        setting; labels, buttons and hints keep the font's own line height. `exact`: this face, not
        the one the settings put in its place."""
        face = face if exact else self.face(face)
        settings = self._settings()
        spacing = settings.line_spacing if settings is not None and spaced else 1.0
        key = (face, max(8, px), spacing)
        font = self._cache.get(key)
        if font is None:
            family, _, style = face.partition("-")
            path = FONTS / f"{face}.ttf"
            if not path.is_file() and (FONTS / f"{family}.ttf").is_file():
                path = FONTS / f"{family}.ttf"     # one variable font: bold and italic are drawn by SDL_ttf
            font = pygame.font.Font(str(path) if path.is_file() else None, key[1])
            if path.stem == family and style:
                font.bold = style == "Bold"
                font.italic = style == "Italic"
            if spacing != 1.0:
                font.set_linesize(int(font.get_linesize() * spacing))
            self._cache[key] = font
        return font

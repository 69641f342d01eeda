"""Settings: ↑/↓ choose a row, ←/→ change its value either way, Enter or a click steps it forward.

Remembered between runs in settings.json beside the saves.
"""
from __future__ import annotations

import pygame

from ..theme import Settings
from ....i18n.words import N_, _
from .base import MenuScreen, ScrollsItsList


def _step(values: tuple, current, step: int):
    if current in values:
        return values[(values.index(current) + step) % len(values)]
    return values[0]


class SettingsScreen(ScrollsItsList, MenuScreen):    # eleven rows at 200% text: they scroll
    name = "settings"
    heading = N_("Settings")
    hint = N_("↑/↓ choose · ←/→ or Enter change the value · Esc back")

    def rows(self) -> list[tuple[str, str, object]]:
        """(label, setting name, the values it steps through) — a tuple, or bool for on/off."""
        s = self.app.settings
        onoff = lambda v: _("on") if v else _("off")  # noqa: E731
        speed = _("instant") if s.text_speed == 0 else _("{n} letters a second").format(n=s.text_speed)
        return [
            (_("Text size: ‹ {percent}% ›").format(percent=round(s.text_scale * 100)), "text_scale", Settings.SCALES),
            (_("Text speed: ‹ {speed} ›").format(speed=speed), "text_speed", Settings.SPEEDS),
            (_("Line spacing: ‹ {spacing} ›").format(spacing=f"{s.line_spacing:g}"), "line_spacing", Settings.SPACINGS),
            (_("Easier-reading font (Lexend): ‹ {value} ›").format(value=onoff(s.readable_font)), "readable_font", bool),
            (_("High contrast: ‹ {value} ›").format(value=onoff(s.high_contrast)), "high_contrast", bool),
            (_("Reduced motion: ‹ {value} ›").format(value=onoff(s.reduced_motion)), "reduced_motion", bool),
            (_("Self-voicing (V): ‹ {value} ›").format(value=onoff(s.self_voicing)), "self_voicing", bool),
            (_("Voice speed: ‹ {rate} words a minute ›").format(rate=s.voice_rate), "voice_rate", Settings.RATES),
            (_("Full screen (F11): ‹ {value} ›").format(value=onoff(s.fullscreen)), "fullscreen", bool),
        ] + self.language_row()

    def language_row(self) -> list[tuple[str, str, object]]:
        """A row only when the story has a translation to choose."""
        languages = self.app.languages()
        if len(languages) < 2:
            return []
        name = languages.get(self.app.language, self.app.language)
        return [(_("Language: ‹ {name} ›").format(name=name), "language", tuple(languages))]

    def change(self, row: int, step: int) -> None:
        rows = self.rows()
        if not 0 <= row < len(rows):
            return
        _label, name, values = rows[row]
        current = getattr(self.app.settings, name)
        value = (not current) if values is bool else _step(values, current, step)
        if name == "self_voicing":
            if value != current:
                self.app.toggle_voice()
            return
        if name == "language":
            value = _step(values, self.app.language, step)
            if value != self.app.language:
                self.app.switch_language(value)
            return
        self.app.set_setting(name, value)

    def items(self):
        items = [(label, (lambda n=n: self.change(n, 1))) for n, (label, _name, _values) in enumerate(self.rows())]
        return items + [(_("Back"), self.back)]

    def key(self, event) -> None:
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT) and self.focus is not None:
            self.change(self.focus, 1 if event.key == pygame.K_RIGHT else -1)
        else:
            super().key(event)

    def draw(self) -> None:
        super().draw()
        for button in self.buttons[:-1]:
            button.spoken = button.label.replace("‹", "").replace("›", "")


SCREEN = SettingsScreen

"""The story's map (if it has one): who holds what at this hour of the story."""
from __future__ import annotations

from pathlib import Path

import pygame

from .. import widgets
from ....i18n.words import N_, _
from .base import Screen


# The inks a story's map key names (its manifest's map: holders: ink:), in the window's language. An
# ink not listed here is shown as the story wrote it.
INK_WORDS = {"black": N_("black"), "red": N_("red"), "blue": N_("blue"), "green": N_("green"),
             "hatched": N_("hatched"), "grey": N_("grey"), "gray": N_("grey")}


def ink_words(ink: str) -> str:
    return _(INK_WORDS[ink.lower()]) if ink.lower() in INK_WORDS else ink


def holder_words(story) -> dict[str, str]:
    """Each holder of a place in the story's own words (its manifest's map: holders:)."""
    return dict(story.map_holders)


def place_words(story, place: str) -> str:
    """A place on the map in the story's own words (its map: labels:), else its id made readable."""
    return story.map_labels.get(place) or place.replace("_", " ")


class MapScreen(Screen):
    name = "map"

    @property
    def hint(self) -> str:
        story = self.app.story
        key = " · ".join(f"{ink_words(story.map_inks[h])}: {words}" if story.map_inks.get(h) else words
                         for h, words in holder_words(story).items())
        return (key[:1].upper() + key[1:] + " · " if key else "") + _("Esc, Enter, Space or a click to go back")

    def key(self, event) -> None:
        # The map often opens by itself as a scene begins: any key that reads on closes it.
        if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE, pygame.K_m):
            self.back()
        else:
            super().key(event)

    def click(self, pos) -> None:
        self.back()

    def holdings(self) -> dict[str, str]:
        return self.app.player.holdings() if self.app.player else {}

    def draw(self) -> None:
        app = self.app
        w, h = app.surface.get_size()
        pal = app.pal
        margin = int(w * 0.04)
        y = widgets.draw_text(app, _("{map}: who holds what").format(map=app.story.map_name), "OldStandard-Bold", app.px(0.042), pal.ink,
                              (margin, int(h * 0.03)), w - 2 * margin).bottom + int(h * 0.01)
        bottom = widgets.footer(app, self.hint) - int(h * 0.01)
        avail_w, avail_h = w - 2 * margin, bottom - y
        size = (min(avail_w, int(avail_h * 1.6)), avail_h) if avail_h > 0 else (1, 1)
        key = ("__map__", size, tuple(sorted(self.holdings().items())), tuple(sorted(app.story.map_labels.items())))
        surf = app._image_cache.get(key)
        if surf is None and key not in app._image_cache:
            try:
                from .... import art
                story = app.story
                pil = art.render_map(self.holdings(), size, drawing=story.map_drawing,
                                     assets_dir=Path(story.assets_dir), printing=story.printing,
                                     labels=dict(story.map_labels))
                surf = pygame.image.frombytes(pil.tobytes(), pil.size, "RGB").convert()
            except Exception:   # a map that cannot be drawn must never stop play
                surf = None
            app._image_cache[key] = surf
        if surf:
            x = margin + (avail_w - surf.get_width()) // 2
            app.surface.blit(surf, (x, y))
            app.record(pygame.Rect(x, y, surf.get_width(), surf.get_height()), "image", "map")
        else:
            widgets.draw_text(app, _("The map could not be drawn."), "OldStandard-Italic", app.px(0.03), pal.red,
                              (margin, y), avail_w)

    def speech(self):
        held = self.holdings()
        words = holder_words(self.app.story)
        places = ". ".join(f"{place_words(self.app.story, p)}: {words.get(v, v)}" for p, v in sorted(held.items()))
        text = _("Map of {name}").format(name=self.app.story.map_name) + ". " + places
        return ("map", id(self)), text


SCREEN = MapScreen

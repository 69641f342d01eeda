"""Paragraphs with emphasis and codex links, laid out word by word so links can be clicked.

Words are rendered once and cached by the caller's text cache; line breaking measures each word
with the font, so the layout follows the window size and the text-size setting.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pygame

from ...markup import spans

_TOKEN = re.compile(r"\S+\s*|\s+")


@dataclass
class Placed:
    surface: pygame.Surface
    pos: tuple[int, int]
    link: str | None
    offset: int = 0      # characters of the paragraph before this word (for the typewriter)


def layout_cached(app, paragraph: str, width: int, size: int, colour, link_colour, limit: int | None = None,
                  title_of=lambda cid: cid) -> tuple[list[Placed], int]:
    """Lay a paragraph out once per (text, width, size, colours); the typewriter only cuts the list."""
    cache = app.__dict__.setdefault("_layout_cache", {})
    key = (paragraph, width, size, colour, link_colour)
    full = cache.get(key)
    if full is None:
        if len(cache) > 300:
            cache.clear()
        full = cache[key] = layout(app, paragraph, width, size, colour, link_colour, None, title_of)
    placed, height = full
    if limit is None:
        return placed, height
    shown = [p for p in placed if p.offset < limit]
    if not shown:
        return [], 0
    line_h = app.fonts.get("OldStandard-Regular", size).get_linesize()
    return shown, shown[-1].pos[1] + line_h


def layout(app, paragraph: str, width: int, size: int, colour, link_colour, limit: int | None = None,
           title_of=lambda cid: cid) -> tuple[list[Placed], int]:
    """Place the words of `paragraph` in a box `width` wide; at most `limit` characters (typewriter)."""
    regular = app.fonts.get("OldStandard-Regular", size)
    line_h = regular.get_linesize()
    x = y = 0
    placed: list[Placed] = []
    shown = 0
    for span in spans(paragraph, title_of):
        face = "OldStandard-Italic" if span.emphasis else "OldStandard-Regular"
        font = app.fonts.get(face, size)
        for token in _TOKEN.findall(span.text):
            if limit is not None and shown >= limit:
                return placed, y + line_h
            if limit is not None and shown + len(token) > limit:
                token = token[: limit - shown]
            shown += len(token)
            word = token.rstrip()
            advance = font.size(token)[0]
            if word and x > 0 and x + font.size(word)[0] > width:
                x, y = 0, y + line_h
            if word:
                surf = app.text(word, face, size, link_colour if span.link else colour)
                placed.append(Placed(surf, (x, y), span.link, shown - len(token)))
            x += advance
    return placed, (y + line_h if placed or x else 0)


def blit(surface: pygame.Surface, placed: list[Placed], origin: tuple[int, int], underline_colour,
         clip_bottom: int | None = None) -> list[tuple[pygame.Rect, str]]:
    """Draw placed words at `origin`; return the clickable rectangles of links."""
    links = []
    ox, oy = origin
    for item in placed:
        x, y = ox + item.pos[0], oy + item.pos[1]
        if clip_bottom is not None and y + item.surface.get_height() > clip_bottom:
            break
        surface.blit(item.surface, (x, y))
        if item.link:
            rect = pygame.Rect(x, y, item.surface.get_width(), item.surface.get_height())
            pygame.draw.line(surface, underline_colour, (rect.x, rect.bottom - 2), (rect.right, rect.bottom - 2), 1)
            links.append((rect, item.link))
    return links

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
    length: int = 0      # characters this word stands for, with the space after it
    offset_in_page: int = 0


@dataclass
class Line:
    words: list[Placed]
    height: int
    gap_after: int       # extra space after the line (between paragraphs)

    @property
    def chars(self) -> int:
        return sum(w.length for w in self.words)


def lines_of(placed: list[Placed], line_h: int, gap: int) -> list[Line]:
    """Split a laid-out paragraph into lines, with words positioned relative to their line."""
    rows: dict[int, list[Placed]] = {}
    for item in placed:
        rows.setdefault(item.pos[1], []).append(item)
    out = []
    for y in sorted(rows):
        words = [Placed(p.surface, (p.pos[0], 0), p.link, p.offset, p.length) for p in rows[y]]
        out.append(Line(words, line_h, 0))
    if out:
        out[-1].gap_after = gap
    return out


def paginate(lines: list[Line], page_height: int, last_page_height: int) -> list[list[Line]]:
    """Pages of lines: every page fits `page_height`; the last also fits `last_page_height`
    (it shares the panel with the choices)."""
    pages: list[list[Line]] = [[]]
    used = 0
    for line in lines:
        if pages[-1] and used + line.height > page_height:
            pages.append([])
            used = 0
        pages[-1].append(line)
        used += line.height + line.gap_after
    def height(page):
        return sum(l.height + l.gap_after for l in page) - (page[-1].gap_after if page else 0)
    while height(pages[-1]) > last_page_height and len(pages[-1]) > 1:
        # Move lines to a new final page until what remains fits beside the choices.
        tail: list[Line] = []
        while pages[-1] and (height(pages[-1]) > last_page_height or not tail) and len(pages[-1]) > 1:
            tail.insert(0, pages[-1].pop())
        pages.append(tail)
    return pages


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
                placed.append(Placed(surf, (x, y), span.link, shown - len(token), len(token)))
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

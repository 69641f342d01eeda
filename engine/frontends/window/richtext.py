"""Paragraphs with emphasis and codex links, laid out word by word so links can be clicked.

Words are rendered once and cached by the caller's text cache; line breaking measures each word
with the font, so the layout follows the window size and the text-size setting.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pygame

from ...markup import spans
from .widgets import keep_short_words

_TOKEN = re.compile(r"[^ ]+ *| +")   # breaks only at plain spaces: a no-break space holds


@dataclass
class Placed:
    surface: pygame.Surface
    pos: tuple[int, int]
    link: str | None
    offset: int = 0      # characters of the paragraph before this word (for the typewriter)
    length: int = 0      # characters this word stands for, with the space after it
    offset_in_page: int = 0
    text: str = ""       # the word as written (line breaking looks for sentence ends)
    baseline: int = 0    # the font's ascent: where a link's underline goes


SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")


@dataclass
class Line:
    words: list[Placed]
    height: int
    gap_after: int       # extra space after the line (between paragraphs)
    paragraph_end: bool = False

    @property
    def sentence_end(self) -> bool:
        return self.paragraph_end or bool(self.words and SENTENCE_END.search(self.words[-1].text))

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
        words = [Placed(p.surface, (p.pos[0], 0), p.link, p.offset, p.length, 0, p.text, p.baseline) for p in rows[y]]
        out.append(Line(words, line_h, 0))
    if out:
        out[-1].gap_after = gap
        out[-1].paragraph_end = True
    return out


def _height(lines: list[Line]) -> int:
    return sum(l.height + l.gap_after for l in lines) - (lines[-1].gap_after if lines else 0)


def _break_quality(lines: list[Line], first: int, cut: int) -> int:
    """How good a page break before lines[cut] is (the page starting at `first`): 0 at a paragraph's
    end; 1 at a sentence's end leaving no single line of a paragraph alone (no orphan at the foot of
    the page, no widow at the head of the next); 2 mid-sentence with no orphan or widow; 3 otherwise."""
    before = lines[cut - 1]
    if before.paragraph_end:
        return 0
    orphan = cut - 1 == 0 or lines[cut - 2].paragraph_end   # the paragraph's first line, alone
    widow = lines[cut].paragraph_end                          # its last line, alone on the next page
    if orphan or widow:
        return 3
    return 1 if before.sentence_end else 2


def paginate(lines: list[Line], page_height: int, last_page_height: int) -> list[list[Line]]:
    """Pages of lines: every page fits `page_height`; the last also fits `last_page_height` (it
    shares the panel with the choices). Pages break at paragraph or sentence ends where one fits,
    never leaving a paragraph's single first or last line alone on a page where that can be avoided."""
    if not lines:
        return [[]]
    if lines[-1].height > last_page_height:
        # The choices leave no room for even one line: the text goes on pages of its own, and the
        # choices on a last page without text.
        return paginate(lines, page_height, page_height) + [[]]
    pages: list[list[Line]] = []
    first, count = 0, len(lines)
    while first < count:
        rest = lines[first:]
        if _height(rest) <= last_page_height:
            pages.append(rest)
            break
        fit = first + 1
        while fit < count and _height(lines[first:fit + 1]) <= page_height:
            fit += 1
        if fit >= count:
            # All of it fits a page but not beside the choices: cut so the rest fits beside them,
            # putting as much as possible on the last page.
            cuts = [c for c in range(first + 1, count) if _height(lines[c:]) <= last_page_height] or [count - 1]
            cut = min(cuts, key=lambda c: (_break_quality(lines, first, c), c))
            if cut <= first:       # one line taller than the room beside the choices: it goes alone
                pages.append(rest)
                break
        else:
            # The fullest page first. A better break is worth a shorter page, but not one left mostly
            # empty: a sentence ending on the second of nine lines does not end the page there.
            cuts = [c for c in range(fit, first, -1) if c < count]
            cuts = [c for c in cuts if 3 * (c - first) >= 2 * (fit - first)] or cuts
            best = min(_break_quality(lines, first, c) for c in cuts)
            cut = next(c for c in cuts if _break_quality(lines, first, c) == best)
        pages.append(lines[first:cut])
        first = cut
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
    line_h = app.fonts.get("OldStandard-Regular", size, spaced=True).get_linesize()
    return shown, shown[-1].pos[1] + line_h


def layout(app, paragraph: str, width: int, size: int, colour, link_colour, limit: int | None = None,
           title_of=lambda cid: cid) -> tuple[list[Placed], int]:
    """Place the words of `paragraph` in a box `width` wide; at most `limit` characters (typewriter)."""
    regular = app.fonts.get("OldStandard-Regular", size, spaced=True)
    line_h = regular.get_linesize()
    x = y = 0
    placed: list[Placed] = []
    shown = 0
    for span in spans(paragraph, title_of):
        face = "OldStandard-Italic" if span.emphasis else "OldStandard-Regular"
        font = app.fonts.get(face, size)
        # A one-letter word (Russian в, к, с, и; English a, I) goes to the next line with its word.
        for token in _TOKEN.findall(keep_short_words(span.text)):
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
                placed.append(Placed(surf, (x, y), span.link, shown - len(token), len(token), 0, word,
                                     font.get_ascent()))
            x += advance
    return placed, (y + line_h if placed or x else 0)


def blit(surface: pygame.Surface, placed: list[Placed], origin: tuple[int, int], underline_colour,
         clip_bottom: int | None = None) -> list[tuple[pygame.Rect, str]]:
    """Draw placed words at `origin`; return the clickable rectangles of links. A link's underline
    runs unbroken under all its words on a line, just below the baseline."""
    links: list[tuple[pygame.Rect, str]] = []
    ox, oy = origin
    previous: Placed | None = None
    for item in placed:
        x, y = ox + item.pos[0], oy + item.pos[1]
        if clip_bottom is not None and y + item.surface.get_height() > clip_bottom:
            break
        surface.blit(item.surface, (x, y))
        if item.link:
            rect = pygame.Rect(x, y, item.surface.get_width(), item.surface.get_height())
            if links and previous is not None and previous.link == item.link and links[-1][0].y == y:
                rect = links[-1][0].union(rect)       # the same link's next word on this line
                links[-1] = (rect, item.link)
            else:
                links.append((rect, item.link))
            under = y + (item.baseline or rect.height - 3) + 2
            pygame.draw.line(surface, underline_colour, (rect.x, under), (rect.right, under), 1)
        previous = item
    return links

"""What every screen draws with: buttons, lists of buttons, wrapped text blocks and the footer.

Each drawing helper records what it drew in `app.drawn` (a Drawn per box) so the layout test can
check, at every window and text size, that nothing lies outside the window, overlaps, or is clipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import pygame

from ...i18n.words import N_, _


@dataclass
class Button:
    rect: pygame.Rect
    label: str
    action: object
    spoken: str = ""          # what self-voicing reads when the button has the focus ("" = the label)


@dataclass
class Drawn:
    rect: pygame.Rect
    kind: str                 # text | button | image | label (text inside a button)
    what: str
    clipped: bool = False     # the content did not fit the box it was given
    parent: int | None = None  # index in app.drawn of the box this one lies inside


def measure_lines(app, text: str, face: str, size: int, width: int) -> int:
    """The height `text` takes wrapped to `width`."""
    return app.text(text, face, size, app.pal.ink, width).get_height()


def reading_width(app, face: str, size: int, available: int, chars: int = 72) -> int:
    """A column no wider than about `chars` characters of running text (long lines tire the eye)."""
    font = app.fonts.get(face, size)
    per_char = font.size("the quick brown fox jumps over a lazy dog, then rests.")[0] / 54
    return max(120, min(available, int(per_char * chars)))


def draw_text(app, s: str, face: str, size: int, colour, pos: tuple[int, int], width: int = 0,
              centred: bool = False, what: str = "", max_height: int | None = None) -> pygame.Rect:
    """Blit `s` (wrapped to `width` when given) at `pos`; record it; return its rectangle."""
    surf = app.text(s, face, size, colour, width, centred)
    x, y = pos
    if centred and width:
        x = x + (width - surf.get_width()) // 2
    rect = pygame.Rect(x, y, surf.get_width(), surf.get_height())
    clipped = bool(width) and surf.get_width() > width + 1
    if max_height is not None and rect.height > max_height:
        clipped = True
    app.surface.blit(surf, rect.topleft)
    app.record(rect, "text", what or s[:80], clipped)
    return rect


def button_pad(size: int) -> int:
    """The space around a button's label: the same wherever buttons are measured and drawn."""
    return max(4, int(size * 0.5))


def draw_button(app, rect: pygame.Rect, label: str, focused: bool, size: int, centre: bool = False,
                face: str = "OldStandard-Regular") -> None:
    pal = app.pal
    if focused:
        pygame.draw.rect(app.surface, pal.red, rect)
        colour = pal.paper
    else:
        pygame.draw.rect(app.surface, pal.highlight, rect)
        pygame.draw.rect(app.surface, pal.ink, rect, 2)
        colour = pal.ink
    pad = button_pad(size)
    surf = app.text(label, face, size, colour, rect.width - 2 * pad, centred=centre)
    # Centre on the letters' visible height (ascent to baseline), not the line box, so labels sit
    # in the middle of their buttons.
    font = app.fonts.get(face, size)
    lines = max(1, round(surf.get_height() / max(1, font.get_linesize())))
    ink_h = (lines - 1) * font.get_linesize() + font.get_ascent()
    y = rect.centery - ink_h // 2 - max(0, (font.get_ascent() - font.get_height() + font.get_descent()) // 2)
    y = max(rect.y + 1, min(y, rect.bottom - surf.get_height()))
    x = rect.centerx - surf.get_width() // 2 if centre else rect.x + pad
    app.surface.blit(surf, (x, y))
    index = app.record(rect, "button", label)
    label_rect = pygame.Rect(x, y, surf.get_width(), surf.get_height())
    app.record(label_rect, "label", label, surf.get_width() > rect.width - 2 * pad + 1 or not rect.contains(label_rect),
               parent=index)


def button_list(app, screen, items: list[tuple[str, object]], area: pygame.Rect, face: str = "OldStandard-Regular",
                fraction: float = 0.036, centre: bool = True, may_widen: bool = False,
                first: int | None = None) -> tuple[int, list]:
    """A column of buttons filling at most `area`. If they do not fit at the text size asked and
    `may_widen` (the area has the window's width to itself), they go in two columns across the
    window before the type is made any smaller; given `first` (the screen keeps it), the column
    scrolls instead (scrolling_button_list), and its (first, marks) are returned."""
    w = app.surface.get_width()
    size = app.px(fraction)
    gap = max(4, size // 3)

    def heights(width: int, size: int) -> list[int]:
        pad = button_pad(size)
        return [app.text(label, face, size, app.pal.ink, width - 2 * pad).get_height() + 2 * pad for label, _action in items]

    def column_height(hs: list[int]) -> int:
        return sum(hs) + gap * (len(hs) - 1)

    columns = 1
    wide = pygame.Rect(max(int(w * 0.05), area.centerx - area.width), area.y, 0, area.height)
    wide.width = min(w - 2 * wide.x, 2 * area.width + gap)
    col_w = area.width
    while True:
        one = heights(area.width, size)
        if column_height(one) <= area.height:
            columns, col_w, hs = 1, area.width, one
            break
        col_w = (wide.width - gap) // 2
        two = heights(col_w, size)
        half = (len(items) + 1) // 2
        if may_widen and len(items) > 3 and max(column_height(two[:half]), column_height(two[half:])) <= area.height:
            columns, hs = 2, two
            break
        if first is not None:      # one column, as wide as two would have been
            column = pygame.Rect(wide.x, area.y, wide.width, area.height) if may_widen else area
            return scrolling_button_list(app, screen, items, column, first, face, fraction, centre)
        if size <= 10:
            columns, col_w, hs = 1, area.width, one
            break
        size = max(10, int(size * 0.9))
    half = (len(items) + 1) // 2
    y = area.y
    for n, ((label, action), bh) in enumerate(zip(items, hs)):
        if columns == 2:
            column = 0 if n < half else 1
            if n == half:
                y = area.y
            x = wide.x + column * (col_w + gap)
        else:
            x = area.x
        rect = pygame.Rect(x, y, col_w, bh)
        draw_button(app, rect, label, n == screen.focus, size, centre=centre, face=face)
        screen.buttons.append(Button(rect, label, action))
        y += bh + gap
    return 0, []


def scrolling_button_list(app, screen, items: list[tuple[str, object]], area: pygame.Rect, first: int,
                          face: str = "OldStandard-Regular", fraction: float = 0.03,
                          centre: bool = False) -> tuple[int, list]:
    """A column of buttons at the text size asked, never made smaller: when they do not all fit
    `area`, the rows around the focus are shown between "more above" and "more below" marks.

    Every item gets a Button in `screen.buttons`, so its index stays the item's (number keys,
    Up/Down and speech work on the whole list); rows out of view get an empty rectangle, which no
    click can hit. Returns (the first row shown, [(mark rectangle, -1 above or +1 below)])."""
    size = app.px(fraction)
    gap = max(4, size // 3)
    pad = button_pad(size)
    heights = [app.text(label, face, size, app.pal.ink, area.width - 2 * pad).get_height() + 2 * pad
               for label, _action in items]
    count = len(items)
    focus = min(screen.focus or 0, max(0, count - 1))
    if sum(heights) + gap * (count - 1) <= area.height:
        first, last, room_top = 0, count, area.y
        marks_size = 0
    else:
        marks_size = app.px(0.022)
        mark_h = app.fonts.get("OldStandard-Italic", marks_size).get_linesize()
        room = area.height - 2 * mark_h
        # As many rows as fit from `first`; when the focus falls below them, count back from it.
        first = min(first, focus)
        last = first
        while last < count and sum(heights[first:last + 1]) + gap * (last - first) <= room:
            last += 1
        if focus >= last:
            last = focus + 1
            first = focus
            while first > 0 and sum(heights[first - 1:last]) + gap * (last - first) <= room:
                first -= 1
        last = max(last, first + 1)
        room_top = area.y + mark_h
    marks = []
    if marks_size and first > 0:
        marks.append((draw_text(app, _("↑ {count} more above").format(count=first), "OldStandard-Italic",
                                marks_size, app.pal.red, (area.x, area.y), area.width, what="more above"), -1))
    y = room_top
    for n, ((label, action), bh) in enumerate(zip(items, heights)):
        if first <= n < last:
            rect = pygame.Rect(area.x, y, area.width, bh)
            draw_button(app, rect, label, n == screen.focus, size, centre=centre, face=face)
            y += bh + gap
        else:
            rect = pygame.Rect(0, 0, 0, 0)
        screen.buttons.append(Button(rect, label, action))
    if marks_size and last < count:
        marks.append((draw_text(app, _("↓ {count} more below").format(count=count - last), "OldStandard-Italic",
                                marks_size, app.pal.red, (area.x, y), area.width, what="more below"), 1))
    return first, marks


HINT_SEPARATOR = " · "
ALL_KEYS = N_("F1 all keys")
FEWER_KEYS = N_("F1 fewer keys")


def fitting_hint(app, hint: str, face: str, size: int, colour, width: int) -> str:
    """The key hints as shown: whole when they fit on one line; otherwise (large text on a small
    window, where two or three lines of keys would take the room of the page above) the first keys
    that fit, then "F1 all keys". F1 (App.all_keys_shown) shows every key, wrapped."""
    def fits(text: str) -> bool:
        return app.text(text, face, size, colour).get_width() <= width

    if fits(hint):
        return hint
    if app.all_keys_shown:      # wrapped between keys, never inside one ("Backspace | back")
        return HINT_SEPARATOR.join(part.replace(" ", "\u00a0") for part in hint.split(HINT_SEPARATOR) + [_(FEWER_KEYS)])
    more = _(ALL_KEYS)
    kept: list[str] = []
    for part in hint.split(HINT_SEPARATOR):
        if not fits(HINT_SEPARATOR.join(kept + [part, more])):
            break
        kept.append(part)
    return HINT_SEPARATOR.join(kept + [more])


def footer(app, hint: str) -> int:
    """The line of key hints at the foot of a screen; returns its top. A message ("Saved in slot
    1.") takes its place for a few seconds, so nothing is drawn over it.

    In high contrast it is drawn full-size in the text colour, not small and grey."""
    w, h = app.surface.get_size()
    pal = app.pal
    hc = app.settings.high_contrast
    size = app.px(0.026 if hc else 0.021)
    margin = int(w * 0.03)
    message = app.current_message()
    colour = pal.red if message else (pal.ink if hc else pal.faint)
    face = "OldStandard-Italic" if not hc else "OldStandard-Regular"
    hint = fitting_hint(app, hint, face, size, pal.ink if hc else pal.faint, w - 2 * margin)
    surf = app.text(message or hint, face, size, colour, w - 2 * margin)
    # The hint's height is kept while a message shows, so what lies above (a scene's pages) does
    # not reflow and move the reader to other words when the message comes and goes.
    room = max(surf.get_height(), app.text(hint, face, size, colour, w - 2 * margin).get_height()) if message \
        else surf.get_height()
    top = h - room - max(4, int(h * 0.012))
    app.surface.blit(surf, (margin, top))
    app.record(pygame.Rect(margin, top, surf.get_width(), surf.get_height()), "text", "footer",
               surf.get_width() > w - 2 * margin + 1)
    return top - max(2, int(h * 0.006))


def recount_pages(app, screen, named: int) -> None:
    """A screen whose footer says "Page 1 of 3" learns the count only when it lays its text out below
    that footer: if the footer named another count (a new entry, the first frame), the app draws the
    screen once more, now with the right one."""
    if screen.page_count != named:
        app.lay_out_again = True


def heading(app, text: str, y: int | None = None, fraction: float = 0.05) -> int:
    """A screen's heading at the top left, with a red rule under it; returns the y below it."""
    w, h = app.surface.get_size()
    margin = int(w * 0.05)
    y = int(h * 0.04) if y is None else y
    rect = draw_text(app, text, "OldStandard-Bold", app.px(fraction), app.pal.ink, (margin, y), w - 2 * margin)
    pygame.draw.rect(app.surface, app.pal.red, (margin, rect.bottom + 4, w - 2 * margin, 3))
    return rect.bottom + 4 + 3 + int(h * 0.025)


_SHORT_WORD = re.compile(r"(?<!\S)(\w) (?=\S)")


def keep_short_words(text: str) -> str:
    """Bind one-letter words to the next word with a no-break space, so a line never ends on a lone "A"."""
    return _SHORT_WORD.sub(lambda m: m.group(1) + "\u00a0", text)


def fitted_size(app, text: str, face: str, fraction: float, width: int, max_height: int, floor: int = 10) -> int:
    """The text-size setting's size for `text`, made smaller only as far as it must to fit the box."""
    size = app.px(fraction)
    while size > floor and app.text(text, face, size, app.pal.ink, width).get_height() > max_height:
        size = max(floor, int(size * 0.92))
    return size


def blit(app, surf: pygame.Surface, pos: tuple[int, int], what: str = "text", width: int = 0) -> pygame.Rect:
    """Blit a rendered text and record it (`width`: the width it was wrapped to, to catch clipping)."""
    rect = pygame.Rect(pos[0], pos[1], surf.get_width(), surf.get_height())
    app.surface.blit(surf, rect.topleft)
    app.record(rect, "text", what, bool(width) and surf.get_width() > width + 1)
    return rect

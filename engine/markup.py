"""Light markup in scene text: *emphasis* and [[codex links]], parsed into spans for front ends."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterator

_TOKEN = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]|]+?))?\]\]|\*([^*\n]+)\*")
_EMPHASIS = re.compile(r"\*([^*\n]+)\*")


@dataclass(frozen=True)
class Span:
    text: str
    emphasis: bool = False
    link: str | None = None  # codex entry id


def links(text: str) -> Iterator[tuple[str, int]]:
    """Codex ids linked from `text`, with the character offset of each link."""
    return iter(_links(text))


@lru_cache(maxsize=32768)       # memoised by text, as paragraphs() and word_count() below are
def _links(text: str) -> tuple[tuple[str, int], ...]:
    return tuple(((match.group(2) or match.group(1)).strip(), match.start())
                 for match in _TOKEN.finditer(text) if match.group(1) is not None)


def spans(text: str, title_of: Callable[[str], str] = lambda cid: cid) -> list[Span]:
    """Split one paragraph into styled spans. `[[id]]` shows the entry's title; `[[words|id]]` the words."""
    out: list[Span] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            out.append(Span(text[pos:match.start()]))
        if match.group(3) is not None:
            out.append(Span(match.group(3), emphasis=True))
        elif match.group(2) is not None:     # [[words|id]]: the words may be *emphasised* (a title)
            words = match.group(1).strip()
            inner = _EMPHASIS.fullmatch(words)
            out.append(Span(inner.group(1) if inner else words.replace("*", ""), emphasis=bool(inner),
                            link=match.group(2).strip()))
        else:
            target = match.group(1).strip()
            out.append(Span(title_of(target), link=target))
        pos = match.end()
    if pos < len(text):
        out.append(Span(text[pos:]))
    return out


def plain(text: str, title_of: Callable[[str], str] = lambda cid: cid) -> str:
    return "".join(s.text for s in spans(text, title_of))


def paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; single newlines inside a paragraph are spaces."""
    return list(_paragraphs(text))


# Memoised by text: `play --watch` loads the whole story again on every save, and nearly every text
# is unchanged; splitting paragraphs and counting words were half of such a load's processor time.
@lru_cache(maxsize=32768)
def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(_SPACES.sub(" ", p).strip(" ") for p in re.split(r"\n[ \t\r\f\v]*\n", text.strip(_ASCII_SPACE))
                 if p.strip(_ASCII_SPACE))


# Only ASCII white space joins or splits: a no-break space (a translation's "слово\u00a0— слово")
# is part of the text and must reach the page, where lines never break at it.
_ASCII_SPACE = " \t\n\r\f\v"
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


_BREAKING_SPACE = re.compile(r"[\t\n\r\f\v]")


def is_one_paragraph(text: str) -> bool:
    """Whether paragraphs(text) == [text], checked in C without splitting: no ASCII white space but
    single spaces inside (printable text has none; other text, with a no-break space say, is searched),
    no double space, and no space at either end."""
    return (bool(text) and "  " not in text and text[0] != " " and text[-1] != " "
            and (text.isprintable() or _BREAKING_SPACE.search(text) is None))


_WORD = re.compile(r"[\w'’-]+")


@lru_cache(maxsize=32768)
def word_count(text: str) -> int:
    return len(_WORD.findall(plain(text)))

"""Inline forms in scene text: `{variable}` prints a variable's value, and
`[if condition]words[else]other words[/if]` shows words only while a condition holds.

    You have {commissar_rifles} rifles.[if commissar_rifles > 20] Enough, perhaps.[/if]
    [if lenin_disguised]The bandage itches.[else]Your face is bare.[/if]

`{{` and `}}` write a brace; `[[...]]` stays a codex link. A conditional closes in the paragraph it
opens in and does not nest. Text is parsed here once: the loader checks every part (names, the
condition's own language, with positions), and play renders the parsed parts against the state.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from .expressions import ExpressionError, compile_condition

_SPACES = re.compile(r"[ \t\n\r\f\v]+")   # ASCII white space only: a no-break space stays

# One token at a time: an escaped brace, a {name}, or the [if ...], [else], [/if] markers.
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|\[if\s+([^\]]*)\]|\[else\]|\[/if\]|[{}]|\[if\]")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")
# What is clearly meant as an inline form (for fields that do not render them): {name} or an [if ...].
FORM = re.compile(r"(?<!\{)\{\s*[A-Za-z][A-Za-z0-9_]*\s*\}(?!\})|\[if\s[^\]]*\]")


class InlineError(Exception):
    """A mistake in inline text: `offset` is where it lies in the text (0-based), `code` a PG code."""

    def __init__(self, code: str, message: str, offset: int):
        super().__init__(message)
        self.code, self.message, self.offset = code, message, offset


def has_inline(text: str) -> bool:
    """Whether the text may hold an inline form (the cheap test play makes once per paragraph)."""
    return "{" in text or "}" in text or "[if" in text or "[/if]" in text or "[else]" in text


@dataclass(frozen=True)
class Printed:
    """`{name}`: the variable's value."""
    name: str


@dataclass(frozen=True)
class Shown:
    """`[if condition]then[else]otherwise[/if]`."""
    test: Callable[[Any], bool]
    source: str
    then: tuple
    otherwise: tuple


def parse(text: str, variables: Mapping[str, Any]) -> tuple:
    """The text's parts: str, Printed and Shown. Raises InlineError (or ExpressionError's code with
    the condition's offset) for the first mistake."""
    parts: list = []            # where words go now
    outer: list | None = None   # the parts outside an open [if]
    opened: tuple[int, Any, str, list, list | None] | None = None   # (offset, test, source, then, otherwise)
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() > pos:
            parts.append(text[pos:match.start()])
        pos = match.end()
        token = match.group(0)
        at = match.start()
        if token in ("{{", "}}"):
            parts.append(token[0])
        elif token == "{":
            raise InlineError("PG405", "a '{' that no '}' closes; write {{ for a brace", at)
        elif token == "}":
            raise InlineError("PG405", "a '}' that no '{' opens; write }} for a brace", at)
        elif token.startswith("{"):
            name = match.group(1).strip()
            if not _NAME.match(name):
                raise InlineError("PG405", f"{{{match.group(1)}}} should name a variable, e.g. {{courage}}; "
                                  "write {{ for a brace", at)
            if name not in variables:
                from .errors import did_you_mean
                raise InlineError("PG402", f"{{{name}}}: {name!r} is not a declared variable"
                                  + did_you_mean(name, variables), at + match.group(1).index(name) + 1)
            parts.append(Printed(name))
        elif token == "[if]":
            raise InlineError("PG405", "[if] needs a condition, e.g. [if courage > 2]", at)
        elif token.startswith("[if"):
            if opened is not None:
                raise InlineError("PG405", "an [if] inside another [if]: close the first with [/if]", at)
            source = match.group(2)
            try:
                test, _ = compile_condition(source, variables)
            except ExpressionError as exc:
                start = match.start(2) + len(source) - len(source.lstrip())
                raise InlineError(exc.code, exc.message, start + (exc.offset or 0)) from None
            then: list = []
            opened = (at, test, source.strip(), then, None)
            outer, parts = parts, then
        elif token == "[else]":
            if opened is None or opened[4] is not None:
                raise InlineError("PG405", "[else] outside an [if]...[/if]" if opened is None
                                  else "a second [else] in one [if]", at)
            otherwise: list = []
            opened = (*opened[:4], otherwise)
            parts = otherwise
        else:   # [/if]
            if opened is None:
                raise InlineError("PG405", "[/if] without an [if] before it", at)
            _, test, source, then, otherwise = opened
            parts = outer
            parts.append(Shown(test, source, tuple(then), tuple(otherwise or ())))
            opened = outer = None
    if opened is not None:
        raise InlineError("PG405", "[if] without [/if] in the same paragraph", opened[0])
    if pos < len(text):
        parts.append(text[pos:])
    return tuple(parts)


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NOT_NAMES = {"and", "or", "not", "true", "false", "True", "False", "visited", "visits", "roll", "turn"}


def names(text: str) -> set[str]:
    """The names the inline forms of a text mention (variables, give or take a quoted word)."""
    found: set[str] = set()
    for match in _TOKEN.finditer(text):
        inner = match.group(1) if match.group(1) is not None else match.group(2)
        if inner:
            found |= {w for w in _WORD.findall(re.sub(r'"[^"]*"', "", inner)) if w not in _NOT_NAMES}
    return found


def render(parts: tuple, state) -> str:
    """The words the state shows; a variable prints as the player reads it (true/false, numbers, text)."""
    out = []
    for part in parts:
        if type(part) is str:
            out.append(part)
        elif type(part) is Printed:
            value = state.variables[part.name]
            out.append(("true" if value else "false") if isinstance(value, bool) else str(value))
        else:
            out.append(render(part.then if part.test(state) else part.otherwise, state))
    return "".join(out)


def paragraph(parts: tuple, state) -> str:
    """A rendered paragraph with its spaces tidied (a hidden part leaves no double space)."""
    return _SPACES.sub(" ", render(parts, state)).strip(" ")

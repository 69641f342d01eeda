"""Diagnostics: what the loader and checker report about a story, with a position in a file."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True, slots=True)
class SourceSpan:
    """A position in a story file; line and column count from 1. Slotted: a load makes one per
    value it reads, and a __dict__ would double each one's size."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    span: SourceSpan
    severity: Severity
    code: str
    message: str

    def format(self) -> str:
        return f"{self.span}: {self.severity.value} {self.code}: {self.message}"

    def to_json(self) -> dict:
        return {
            "path": self.span.path,
            "line": self.span.line,
            "column": self.span.column,
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
        }


class EngineError(Exception):
    """Base of the errors the engine raises on purpose."""


class StoryLoadError(EngineError):
    """A story could not be loaded; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity is Severity.ERROR]
        first = errors[0].format() if errors else "unknown error"
        super().__init__(f"{len(errors)} error(s) in story; first: {first}")


class PlayError(EngineError):
    """A player asked for something the story does not allow (an unavailable choice, say)."""


def did_you_mean(word: str, known) -> str:
    """ '; did you mean 'x'?' for the closest known name, or '' when none is close."""
    close = difflib.get_close_matches(str(word), [str(k) for k in known], n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""
